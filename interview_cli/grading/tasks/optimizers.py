"""Optimizer questions: momentum, Adagrad, RMSprop, Adam, AdamW, judged on trajectories.

A case is a run of 30-40 steps with gradients fixed in advance, so the
trajectory is a pure function of the update rule and can be simulated here
in float64, once per accepted convention and per known-wrong variant. A
third parameter gets no gradient at some steps (it must stay put and its
state must not advance), some cases split the parameters into two groups
with their own lr, and a few steps go through ``step(closure)``.
"""

# Formulas are written as people read them (γ, α, σ, −, ×), so ruff's
# warnings about characters that look like ASCII ones do not apply here.
# ruff: noqa: RUF001, RUF002, RUF003

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import torch  # noqa: TID253 - task modules are imported only when grading

from interview_cli.grading import forbidden
from interview_cli.grading.cases import (
    Case,
    Fact,
    Group,
    Hyper,
    OptimizerSpec,
    Outcome,
    closure_facts,
)
from interview_cli.grading.compare import agrees
from interview_cli.grading.tasks.base import Convention, Protocol, Task, Variant
from interview_cli.grading.tasks.common import generator, name_of, randn, tolerance

State = dict[str, torch.Tensor]
# (w, g, state, hyperparameters, t) -> new w; the rule keeps its buffers in state.
Rule = Callable[
    [torch.Tensor, torch.Tensor, State, Mapping[str, Hyper], int], torch.Tensor
]


def _number(options: Mapping[str, Hyper], name: str) -> float:
    value = options[name]
    if isinstance(value, tuple):
        raise TypeError(f"{name} is a pair, expected a number")
    return value


def _betas(options: Mapping[str, Hyper]) -> tuple[float, float]:
    value = options["betas"]
    if not isinstance(value, tuple):
        raise TypeError("betas must be a pair")
    return value


def _buffer(state: State, name: str, like: torch.Tensor) -> torch.Tensor:
    return state.get(name, torch.zeros_like(like))


# -------------------------------------------------------------------- rules


def momentum_rule(
    w: torch.Tensor,
    g: torch.Tensor,
    state: State,
    o: Mapping[str, Hyper],
    t: int,
    *,
    form: str = "contract",
) -> torch.Tensor:
    lr, gamma = _number(o, "lr"), _number(o, "momentum")
    v = _buffer(state, "v", w)
    if (
        form == "pytorch"
    ):  # b <- γb + g, w <- w - ηb: the same steps while lr is constant
        state["v"] = gamma * v + g
        return w - lr * state["v"]
    if form == "no-lr":
        state["v"] = gamma * v + g
        return w - state["v"]
    if form == "dampened":
        state["v"] = gamma * v + (1 - gamma) * lr * g
        return w - state["v"]
    if form == "plain":
        return w - lr * g
    state["v"] = gamma * v + lr * g
    return w + state["v"] if form == "ascent" else w - state["v"]


def adagrad_rule(
    w: torch.Tensor,
    g: torch.Tensor,
    state: State,
    o: Mapping[str, Hyper],
    t: int,
    *,
    form: str = "contract",
) -> torch.Tensor:
    lr, eps = _number(o, "lr"), _number(o, "eps")
    total = g * g if form == "no-sum" else _buffer(state, "G", w) + g * g
    state["G"] = total
    if form == "eps-inside":
        return w - lr * g / torch.sqrt(total + eps)
    if form == "no-sqrt":
        return w - lr * g / (total + eps)
    if form == "no-eps":
        return w - lr * g / torch.sqrt(total)
    return w - lr * g / (torch.sqrt(total) + eps)


def rmsprop_rule(
    w: torch.Tensor,
    g: torch.Tensor,
    state: State,
    o: Mapping[str, Hyper],
    t: int,
    *,
    form: str = "inside",
) -> torch.Tensor:
    lr, alpha, eps = _number(o, "lr"), _number(o, "alpha"), _number(o, "eps")
    e = _buffer(state, "E", w)
    if form == "swapped":
        e = (1 - alpha) * e + alpha * g * g
    elif form == "no-average":
        e = g * g
    elif form == "sum":
        e = e + g * g
    else:
        e = alpha * e + (1 - alpha) * g * g
    state["E"] = e
    if form == "outside":
        return w - lr * g / (torch.sqrt(e) + eps)
    if form == "no-sqrt":
        return w - lr * g / (e + eps)
    return w - lr * g / torch.sqrt(e + eps)


@dataclass(frozen=True)
class AdamForm:
    """Adam and AdamW; a changed field is a known mistake or the other convention."""

    decay: str = "none"  # "before", "after", "l2", "no-lr"
    bias_correction: str = "both"  # "none", "m-only", "t-1"
    eps_inside: bool = False
    swap_betas: bool = False


def adam_rule(
    w: torch.Tensor,
    g: torch.Tensor,
    state: State,
    o: Mapping[str, Hyper],
    t: int,
    *,
    form: AdamForm = AdamForm(),
) -> torch.Tensor:
    lr, eps = _number(o, "lr"), _number(o, "eps")
    beta1, beta2 = _betas(o)
    if form.swap_betas:
        beta1, beta2 = beta2, beta1
    decay = _number(o, "weight_decay") if "weight_decay" in o else 0.0
    if form.decay == "l2":
        g = g + decay * w
    elif form.decay == "before":
        w = w - lr * decay * w
    elif form.decay == "no-lr":
        w = w - decay * w
    m = beta1 * _buffer(state, "m", w) + (1 - beta1) * g
    v = beta2 * _buffer(state, "v", w) + (1 - beta2) * g * g
    state["m"], state["v"] = m, v
    m_hat, v_hat = _corrected(m, v, beta1, beta2, t, form.bias_correction)
    root = torch.sqrt(v_hat + eps) if form.eps_inside else torch.sqrt(v_hat) + eps
    w = w - lr * m_hat / root
    return w - lr * decay * w if form.decay == "after" else w


def _corrected(
    m: torch.Tensor, v: torch.Tensor, beta1: float, beta2: float, t: int, how: str
) -> tuple[torch.Tensor, torch.Tensor]:
    if how == "none":
        return m, v
    if how == "m-only":
        return m / (1 - beta1**t), v
    power = t - 1 if how == "t-1" else t
    # With t - 1 the first step divides by 1 - β⁰ = 0: inf and NaN, as in
    # the submissions that make this mistake.
    with torch.no_grad():
        return m / (1 - beta1**power), v / (1 - beta2**power)


# ------------------------------------------------------------- simulation


@dataclass(frozen=True)
class Simulation:
    """How parameters move under a rule, including the bookkeeping mistakes."""

    rule: Rule
    none_as_zero: bool = False  # a missing grad treated as zeros (state advances)
    shared_step: bool = False  # one step count for all parameters


def trajectory(sim: Simulation, case: Case) -> Outcome:
    """Every parameter after every step, plus what the optimizer should show."""
    spec = case.optimizer()
    values = [p.double() for p in spec.params]
    states: list[State] = [{} for _ in values]
    counts = [0 for _ in values]
    rows: list[list[torch.Tensor]] = [[] for _ in values]
    for step, grads in enumerate(spec.grads):
        for i, grad in enumerate(grads):
            if grad is None and not sim.none_as_zero:
                continue
            g = torch.zeros_like(values[i]) if grad is None else grad.double()
            counts[i] += 1
            t = step + 1 if sim.shared_step else counts[i]
            values[i] = sim.rule(values[i], g, states[i], spec.options_for(i), t)
        for row, value in zip(rows, values, strict=True):
            row.append(value)
    dtype = getattr(torch, spec.dtype)
    return Outcome(
        values={f"param {i}": torch.stack(row).to(dtype) for i, row in enumerate(rows)},
        facts=_expected_facts(spec),
        extras={f"param {i}": s["v"] for i, s in enumerate(states) if "v" in s},
    )


def _expected_facts(spec: OptimizerSpec) -> dict[str, Fact]:
    facts: dict[str, Fact] = {}
    for number, options in enumerate(spec.group_options()):
        for name, value in options.items():
            facts[f"param_groups[{number}][{name!r}]"] = value
    for step, loss in spec.closure_losses.items():
        facts.update(closure_facts(step, loss))
    for index in range(len(spec.params)):
        facts[f"self.state holds state for param {index}"] = True
    return facts


def _outcome(rule: Rule, **kwargs: object) -> Callable[[Case], Outcome]:
    return partial(trajectory, Simulation(partial(rule, **kwargs)))


def _none_as_zero(rule: Rule) -> Variant:
    return Variant(
        "a parameter whose .grad is None is still updated (treated as a zero"
        " gradient): skip it and leave its state alone",
        partial(trajectory, Simulation(rule, none_as_zero=True)),
    )


# ------------------------------------------------------------------- cases


@dataclass(frozen=True)
class Setup:
    """One trajectory: dtype, constructor kwargs, a second group, gradient scale."""

    dtype: torch.dtype
    kwargs: Mapping[str, Hyper]
    second_group: Mapping[str, Hyper] | None = None
    scale: float = 1.0
    zeros: bool = False  # some gradient entries exactly 0 for the first steps
    steps: int = 32
    shapes: tuple[tuple[int, ...], ...] = ((3,), (2, 3), (4, 1, 2))
    note: str = ""
    flags: frozenset[str] = field(default_factory=frozenset)


def optimizer_cases(
    seed: int, defaults: Mapping[str, Hyper], setups: Sequence[Setup]
) -> list[Case]:
    return [_optimizer_case(seed, i, defaults, s) for i, s in enumerate(setups)]


def _optimizer_case(
    seed: int, index: int, defaults: Mapping[str, Hyper], setup: Setup
) -> Case:
    gen = generator(seed, index)
    dtype = setup.dtype
    params = tuple(randn(gen, shape, dtype) for shape in setup.shapes)
    missing = torch.rand(setup.steps, generator=gen) < 0.3  # last parameter: no grad
    grads = []
    for step in range(setup.steps):
        row = [randn(gen, p.shape, dtype, setup.scale) for p in params]
        if setup.zeros and step < 3:
            row[0] = row[0] * (torch.arange(row[0].numel()) % 2).reshape(row[0].shape)
        grads.append((*row[:-1], None if bool(missing[step]) else row[-1]))
    picks = torch.randperm(setup.steps, generator=gen)[:3].tolist()
    losses = {
        int(s): round(float(torch.rand((), generator=gen)) * 10, 6) for s in picks
    }
    groups = None
    if setup.second_group is not None:
        groups = (Group((0, 1), {}), Group((2,), dict(setup.second_group)))
    spec = OptimizerSpec(
        params, tuple(grads), name_of(dtype), defaults, setup.kwargs, groups, losses
    )
    return Case(
        index,
        seed,
        _describe(spec, setup, missing),
        tolerance(dtype),
        spec,
        setup.flags,
    )


def _describe(spec: OptimizerSpec, setup: Setup, missing: torch.Tensor) -> str:
    shapes = ", ".join(str(tuple(p.shape)) for p in spec.params)
    kwargs = ", ".join(f"{k}={v}" for k, v in setup.kwargs.items()) or "defaults"
    text = f"{len(spec.grads)} steps, {spec.dtype} params {shapes}; {kwargs}"
    if setup.second_group is not None:
        options = ", ".join(f"{k}={v}" for k, v in setup.second_group.items())
        text += f"; two param groups, the second with {options}"
    none_steps = [i + 1 for i, gone in enumerate(missing.tolist()) if gone]
    text += (
        f"; grads ~ N(0, {setup.scale:g}²); param 2 has no grad at steps {none_steps}"
    )
    text += f"; step(closure) at steps {sorted(s + 1 for s in spec.closure_losses)}"
    return text + (f"; {setup.note}" if setup.note else "")


def _setups(base: Sequence[Setup]) -> list[Setup]:
    """Each setup in float32 and in float64."""
    out = []
    for setup in base:
        for dtype in (torch.float32, torch.float64):
            out.append(
                Setup(
                    dtype,
                    setup.kwargs,
                    setup.second_group,
                    setup.scale,
                    setup.zeros,
                    setup.steps,
                    setup.shapes,
                    setup.note,
                    setup.flags,
                )
            )
    return out


# ----------------------------------------------------------------- momentum

MOMENTUM_DEFAULTS: dict[str, Hyper] = {
    "lr": 0.01,
    "momentum": 0.9,
}  # lr is always passed

MOMENTUM_SETUPS = _setups(
    [
        Setup(torch.float32, {"lr": 0.01}),
        Setup(torch.float32, {"lr": 0.1, "momentum": 0.5}, scale=3.0),
        Setup(torch.float32, {"lr": 0.05}, {"lr": 0.005}),
        Setup(
            torch.float32, {"lr": 0.02, "momentum": 0.8}, {"lr": 0.2, "momentum": 0.3}
        ),
        Setup(torch.float32, {"lr": 0.001, "momentum": 0.99}, scale=10.0, steps=40),
        Setup(torch.float32, {"lr": 0.03}, shapes=((), (5,), (2, 2))),
        Setup(torch.float32, {"lr": 0.3, "momentum": 0.0}),
        Setup(torch.float32, {"lr": 0.01, "momentum": 0.95}, scale=0.01, steps=36),
    ]
)


def _momentum(form: str) -> Callable[[Case], Outcome]:
    return _outcome(momentum_rule, form=form)


def identify_momentum(cases: Sequence[Case], outcomes: Sequence[Outcome]) -> str | None:
    """Which momentum form the stored velocity shows: γv + ηg, or PyTorch's γb + g."""
    for case, got in zip(cases, outcomes, strict=False):
        for convention in MOMENTUM.conventions:
            final = convention.implement(case).extras
            for key, tensor in got.extras.items():
                param = " ".join(key.split(" ")[:2])
                if param in final and agrees(final[param], tensor, case.tolerance):
                    return convention.name
    return None


MOMENTUM = Task(
    question_id="optimizers.momentum",
    entry_point="SGDMomentum",
    protocol=Protocol.OPTIMIZER,
    forbidden=forbidden.OPTIMIZERS,
    build=partial(optimizer_cases, defaults=MOMENTUM_DEFAULTS, setups=MOMENTUM_SETUPS),
    conventions=(
        Convention(
            "v ← γ·v + η·g, w ← w − v (the contract's form)", _momentum("contract")
        ),
        Convention("v ← γ·v + g, w ← w − η·v (PyTorch's form)", _momentum("pytorch")),
    ),
    variants=(
        Variant("the learning rate is missing: w ← w − (γ·v + g)", _momentum("no-lr")),
        Variant("no velocity is kept: this is plain SGD", _momentum("plain")),
        Variant(
            "the gradient is damped by (1 − γ): v ← γ·v + (1 − γ)·η·g",
            _momentum("dampened"),
        ),
        Variant(
            "the update is added: w ← w + v (gradient ascent)", _momentum("ascent")
        ),
        _none_as_zero(partial(momentum_rule, form="contract")),
    ),
    stepped=True,
    identify=identify_momentum,
)


# ------------------------------------------------------------------ Adagrad

ADAGRAD_DEFAULTS: dict[str, Hyper] = {"lr": 1e-2, "eps": 1e-10}

ADAGRAD_SETUPS = _setups(
    [
        Setup(torch.float32, {}),
        Setup(torch.float32, {"lr": 0.1}, scale=5.0),
        Setup(torch.float32, {"lr": 0.05}, {"lr": 0.5}),
        Setup(
            torch.float32,
            {"lr": 0.1, "eps": 1e-2},
            scale=0.01,
            note="eps comparable to √G",
        ),
        Setup(
            torch.float32,
            {"lr": 0.1},
            zeros=True,
            note="some gradient entries are 0 at first",
        ),
        Setup(
            torch.float32, {"lr": 0.2}, {"lr": 0.02, "eps": 1e-3}, scale=0.1, steps=40
        ),
        Setup(torch.float32, {}, shapes=((), (5,), (2, 2))),
        Setup(torch.float32, {"lr": 1.0, "eps": 1e-6}, scale=100.0),
    ]
)

ADAGRAD = Task(
    question_id="optimizers.adagrad",
    entry_point="Adagrad",
    protocol=Protocol.OPTIMIZER,
    forbidden=forbidden.OPTIMIZERS,
    build=partial(optimizer_cases, defaults=ADAGRAD_DEFAULTS, setups=ADAGRAD_SETUPS),
    conventions=(Convention("w ← w − η·g/(√G + ε)", _outcome(adagrad_rule)),),
    variants=(
        Variant(
            "ε is inside the square root: √(G + ε), not √G + ε",
            _outcome(adagrad_rule, form="eps-inside"),
        ),
        Variant(
            "G is not accumulated: only this step's g² is used",
            _outcome(adagrad_rule, form="no-sum"),
        ),
        Variant(
            "the square root of G is missing", _outcome(adagrad_rule, form="no-sqrt")
        ),
        Variant(
            "ε is missing: 0/0 gives NaN where G is still 0",
            _outcome(adagrad_rule, form="no-eps"),
        ),
        # A zero gradient leaves Adagrad where it was, so treating a missing
        # grad as zeros is harmless here and has no variant.
    ),
    stepped=True,
)


# ------------------------------------------------------------------ RMSprop

RMSPROP_DEFAULTS: dict[str, Hyper] = {"lr": 1e-2, "alpha": 0.99, "eps": 1e-8}

RMSPROP_SETUPS = _setups(
    [
        Setup(torch.float32, {}),
        Setup(torch.float32, {"lr": 0.001, "alpha": 0.9}, scale=5.0),
        Setup(torch.float32, {"lr": 0.01}, {"lr": 0.05}),
        Setup(
            torch.float32,
            {"lr": 0.01, "eps": 1e-2},
            scale=0.01,
            note="eps comparable to E",
        ),
        Setup(
            torch.float32,
            {"alpha": 0.5},
            {"lr": 0.002, "alpha": 0.8, "eps": 1e-3},
            scale=0.1,
        ),
        Setup(torch.float32, {"lr": 0.003}, shapes=((), (5,), (2, 2)), steps=40),
        Setup(torch.float32, {"lr": 0.02, "alpha": 0.95, "eps": 1e-4}, scale=0.005),
        Setup(torch.float32, {"lr": 0.1}, scale=100.0),
    ]
)

RMSPROP = Task(
    question_id="optimizers.rmsprop",
    entry_point="RMSprop",
    protocol=Protocol.OPTIMIZER,
    forbidden=forbidden.OPTIMIZERS,
    build=partial(optimizer_cases, defaults=RMSPROP_DEFAULTS, setups=RMSPROP_SETUPS),
    conventions=(
        Convention(
            "ε inside the square root, √(E + ε) (the contract's form)",
            _outcome(rmsprop_rule),
        ),
        Convention(
            "ε outside the square root, √E + ε (PyTorch's form)",
            _outcome(rmsprop_rule, form="outside"),
        ),
    ),
    variants=(
        Variant(
            "α and 1 − α are swapped: E ← (1 − α)·E + α·g²",
            _outcome(rmsprop_rule, form="swapped"),
        ),
        Variant(
            "the square root of E is missing", _outcome(rmsprop_rule, form="no-sqrt")
        ),
        Variant(
            "E is not a running average: only this step's g² is used",
            _outcome(rmsprop_rule, form="no-average"),
        ),
        Variant(
            "E accumulates g² without decay (that is Adagrad)",
            _outcome(rmsprop_rule, form="sum"),
        ),
        _none_as_zero(rmsprop_rule),
    ),
    stepped=True,
)


# --------------------------------------------------------------------- Adam

ADAM_DEFAULTS: dict[str, Hyper] = {"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-8}

ADAM_SETUPS = _setups(
    [
        Setup(torch.float32, {}),
        Setup(torch.float32, {"lr": 0.01, "betas": (0.8, 0.99)}, scale=5.0),
        Setup(torch.float32, {"lr": 0.01}, {"lr": 0.1}),
        Setup(
            torch.float32,
            {"lr": 0.05, "eps": 1e-3},
            scale=1e-3,
            note="eps comparable to √v̂",
        ),
        Setup(
            torch.float32, {"lr": 0.02}, {"lr": 0.002, "betas": (0.5, 0.9)}, steps=40
        ),
        Setup(
            torch.float32,
            {"lr": 0.1, "betas": (0.95, 0.9995)},
            shapes=((), (5,), (2, 2)),
        ),
        Setup(torch.float32, {"lr": 0.003}, scale=100.0),
        Setup(torch.float32, {"lr": 0.01, "betas": (0.0, 0.5)}, scale=0.1),
    ]
)


def _adam(**change: Any) -> Callable[[Case], Outcome]:
    return _outcome(adam_rule, form=AdamForm(**change))


ADAM = Task(
    question_id="optimizers.adam",
    entry_point="Adam",
    protocol=Protocol.OPTIMIZER,
    forbidden=forbidden.OPTIMIZERS,
    build=partial(optimizer_cases, defaults=ADAM_DEFAULTS, setups=ADAM_SETUPS),
    conventions=(Convention("bias-corrected Adam", _adam()),),
    variants=(
        Variant(
            "the bias correction is missing: m and v are used as they are",
            _adam(bias_correction="none"),
        ),
        Variant(
            "t starts at 0: the first bias correction divides by 1 − β⁰ = 0",
            _adam(bias_correction="t-1"),
        ),
        Variant("only m is bias-corrected, not v", _adam(bias_correction="m-only")),
        Variant(
            "ε is inside the square root: √(v̂ + ε), not √v̂ + ε", _adam(eps_inside=True)
        ),
        Variant("β₁ and β₂ are swapped", _adam(swap_betas=True)),
        Variant(
            "one step count is shared by all parameters: t must count each"
            " parameter's own updates",
            partial(trajectory, Simulation(partial(adam_rule), shared_step=True)),
        ),
        _none_as_zero(adam_rule),
    ),
    stepped=True,
)


# -------------------------------------------------------------------- AdamW

ADAMW_DEFAULTS: dict[str, Hyper] = {**ADAM_DEFAULTS, "weight_decay": 1e-2}

ADAMW_SETUPS = _setups(
    [
        Setup(torch.float32, {}),
        Setup(
            torch.float32,
            {"lr": 0.05, "weight_decay": 0.5},
            note="lr·λ large enough to tell decay before and after the step apart",
        ),
        Setup(torch.float32, {"lr": 0.01}, {"lr": 0.1, "weight_decay": 0.1}),
        Setup(
            torch.float32,
            {"lr": 0.02, "betas": (0.8, 0.99), "weight_decay": 0.2},
            scale=3.0,
        ),
        Setup(
            torch.float32,
            {"lr": 0.1, "weight_decay": 0.3},
            {"lr": 0.01, "weight_decay": 0.0},
            steps=40,
        ),
        Setup(
            torch.float32,
            {"lr": 0.003, "eps": 1e-3},
            scale=1e-3,
            shapes=((), (5,), (2, 2)),
        ),
        Setup(torch.float32, {"lr": 0.01, "weight_decay": 1.0}, scale=100.0),
        Setup(torch.float32, {"lr": 0.2, "weight_decay": 0.05}, scale=0.1),
    ]
)


def _adamw(**change: Any) -> Callable[[Case], Outcome]:
    return _adam(**{"decay": "before", **change})


ADAMW = Task(
    question_id="optimizers.adamw",
    entry_point="AdamW",
    protocol=Protocol.OPTIMIZER,
    forbidden=forbidden.OPTIMIZERS,
    build=partial(optimizer_cases, defaults=ADAMW_DEFAULTS, setups=ADAMW_SETUPS),
    conventions=(
        Convention(
            "decay w ← w − η·λ·w before the Adam step (PyTorch's order)", _adamw()
        ),
        Convention("decay w ← w − η·λ·w after the Adam step", _adamw(decay="after")),
    ),
    variants=(
        Variant(
            "the decay is added to the gradient (L2, as in Adam's weight_decay),"
            " not decoupled from it",
            _adamw(decay="l2"),
        ),
        Variant(
            "the decay is not multiplied by lr: w ← w − λ·w", _adamw(decay="no-lr")
        ),
        Variant("there is no weight decay at all (plain Adam)", _adamw(decay="none")),
        Variant(
            "the bias correction is missing: m and v are used as they are",
            _adamw(bias_correction="none"),
        ),
        Variant(
            "t starts at 0: the first bias correction divides by 1 − β⁰ = 0",
            _adamw(bias_correction="t-1"),
        ),
        _none_as_zero(partial(adam_rule, form=AdamForm(decay="before"))),
    ),
    stepped=True,
)
