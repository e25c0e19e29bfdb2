"""A small bank with a derivation and randomised questions, for the tests."""
# Maths text in Unicode is the point of these strings.
# ruff: noqa: RUF001

from __future__ import annotations

from pathlib import Path

BANK = """\
topic: demo
questions:
  - id: demo.bce
    kind: derivation
    difficulty: medium
    prompt: Derive BCE from the Bernoulli likelihood, p = σ(z).
    explanation: Minimising BCE maximises the likelihood.
    hint: Start from the likelihood of one label.
    symbols:
      - name: p
        domain: unit_interval
      - name: y
        domain: binary
    steps:
      - prompt: P(y | p) for one example.
        answer: p^y (1-p)^(1-y)
        mistakes:
          - answer: p y + (1 - p)
            feedback: At y = 1 this is 1, not p.
      - prompt: The log-likelihood.
        answer: y log(p) + (1-y) log(1-p)
        follows: log(prev)
      - prompt: The loss, its negative.
        answer: -(y log(p) + (1-y) log(1-p))
        follows: -prev
      - prompt: dL/dp.
        answer: -y/p + (1-y)/(1-p)
        follows:
          derivative: p
      - prompt: dL/dz, with dp/dz = p(1-p).
        answer: p - y
        follows: prev * p * (1 - p)
        mistakes:
          - answer: y - p
            feedback: Opposite sign; that is the log-likelihood's gradient.
  - id: demo.adam-weights
    kind: derivation
    difficulty: hard
    prompt: Adam's first moment, unrolled.
    explanation: The weights sum to 1 - beta_1^t.
    symbols:
      - name: beta_1
        domain: unit_interval
      - name: t
        domain: positive_integer
      - name: j
        domain: positive_integer
    steps:
      - prompt: The weight of g_j in m_t.
        answer: (1-beta_1) beta_1^(t-j)
      - prompt: The sum of the weights over j = 1..t.
        answer: 1 - beta_1^t
        follows:
          sum_over: j
          sum_to: t
  - id: demo.std
    kind: numeric
    difficulty: easy
    prompt: The standard deviation of q·k for d_k = {{d_k}}.
    explanation: It is √{{d_k}} = {{ sqrt(d_k) }}.
    params:
      d_k: [16, 64, 256]
    answer: sqrt({{d_k}})
    mistakes:
      - answer: "{{d_k}}"
        feedback: That is the variance.
  - id: demo.decay
    kind: symbolic
    difficulty: easy
    prompt: The factor w shrinks by over {{n}} steps of weight decay, η = {{eta}}.
    explanation: Each step multiplies w by (1 − {{eta}}λ).
    params:
      eta: [0.1, 0.01, 0.5]
      n: {from: 1, to: 20}
    symbols:
      - name: lambda
        domain: positive
    answer: (1 - {{eta}} lambda)^{{n}}
    mistakes:
      - answer: 1 - {{n}} {{eta}} lambda
        feedback: The factors multiply; they do not add.
"""


def write_bank(folder: Path, text: str = BANK) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "demo.yaml"
    path.write_text(text, encoding="utf-8")
    return path
