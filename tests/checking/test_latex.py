r"""LaTeX answers (``\frac{1}{\sqrt{d_k}}``) are read and judged like typed ones."""

from __future__ import annotations

import re
import time

import pytest

from interview_cli.checking import limits
from interview_cli.checking.expr import AnswerSyntaxError
from interview_cli.checking.judge import Verdict, interpret, judge, judge_symbolic
from interview_cli.checking.parse import parse_answer
from interview_cli.checking.symbols import Domain, Symbol

from .factories import BETA_1, D_K, LAMBDA, W_I, P, T, X, Y, Z, numeric, symbolic
from .test_limits import judge_in_subprocess

ETA = Symbol("eta", Domain.POSITIVE)
EPSILON = Symbol("epsilon", Domain.POSITIVE)
GAMMA = Symbol("gamma")
M_HAT = Symbol("m_hat")
V_HAT = Symbol("v_hat", Domain.POSITIVE)
ALL = (BETA_1, D_K, LAMBDA, P, T, W_I, X, Y, Z, ETA, EPSILON, GAMMA, M_HAT, V_HAT)


@pytest.mark.parametrize(
    ("latex", "plain"),
    [
        pytest.param(r"\frac{1}{\sqrt{d_k}}", "1/sqrt(d_k)", id="frac-of-sqrt"),
        pytest.param(r"\dfrac{1}{1-p}", "1/(1-p)", id="dfrac"),
        pytest.param(r"\beta_1^t", "beta_1^t", id="greek-subscript-power"),
        pytest.param(r"1-\beta_1^{t}", "1-beta_1^t", id="braced-exponent"),
        pytest.param(r"\beta_{1}", "beta_1", id="braced-subscript-greek"),
        pytest.param(r"d_{k}", "d_k", id="braced-subscript-letter"),
        pytest.param(r"y w_{i}", "y*w_i", id="braced-subscript-after-name"),
        pytest.param(r"yw_{i}", "y*w_i", id="subscript-binds-nearest-name"),
        pytest.param(r"\log p", "log p", id="log-without-brackets"),
        pytest.param(r"\log(1-p)", "log(1-p)", id="log-with-brackets"),
        pytest.param(r"\ln p", "log p", id="ln"),
        pytest.param(r"\exp(-z)", "exp(-z)", id="exp"),
        pytest.param(r"e^{-z}", "e^(-z)", id="e-braced-power"),
        pytest.param(r"\sigma(z)", "sigmoid(z)", id="sigma-is-logistic"),
        pytest.param(r"\operatorname{sigmoid}(z)", "sigmoid(z)", id="operatorname"),
        pytest.param(r"\sqrt{v_hat}", "sqrt(v_hat)", id="sqrt-braces"),
        pytest.param(r"\sqrt{\hat{v}}", "sqrt(v_hat)", id="hat-finds-hat-name"),
        pytest.param(r"\sqrt[3]{x}", "x^(1/3)", id="root-with-index"),
        pytest.param(r"x \cdot y", "x*y", id="cdot"),
        pytest.param(r"x \times y", "x*y", id="times"),
        pytest.param(r"\left(1-p\right)^{1-y}", "(1-p)^(1-y)", id="left-right"),
        pytest.param(r"\left| x \right|", "|x|", id="left-right-bars"),
        pytest.param(r"{1-p}^{2}", "(1-p)^2", id="braces-group"),
        pytest.param(r"\lambda w_i", "lambda w_i", id="lambda"),
        pytest.param(r"2\lambda w_i", "2*lambda*w_i", id="number-then-command"),
        pytest.param(r"2\,\lambda\;w_{i}", "2*lambda*w_i", id="latex-spaces"),
        pytest.param(r"\eta", "eta", id="eta"),
        pytest.param(r"\epsilon", "epsilon", id="epsilon"),
        pytest.param(r"\varepsilon", "epsilon", id="varepsilon"),
        pytest.param(r"\gamma", "gamma", id="gamma"),
        pytest.param(r"\pi x", "pi x", id="pi"),
        # TeX lets a part of one character go without braces.
        pytest.param(r"\frac1{\sqrt{d_k}}", "1/sqrt(d_k)", id="frac-bare-digit"),
        pytest.param(r"\frac 1 2", "1/2", id="frac-bare-digits-spaced"),
        pytest.param(r"\frac12", "1/2", id="frac-two-digits"),
        pytest.param(r"\frac{1}x", "1/x", id="frac-bare-name"),
        pytest.param(r"\sqrt{\hat v}", "sqrt(v_hat)", id="hat-bare-letter"),
    ],
)
def test_latex_reads_like_plain_form(latex: str, plain: str) -> None:
    assert parse_answer(latex, ALL) == parse_answer(plain, ALL)


def _symbols(*pairs: tuple[str, Domain]) -> list[Symbol]:
    return [Symbol(name, domain) for name, domain in pairs]


# The required questions of CONTRACT.md section 2, answered in LaTeX.
CONTRACT_IN_LATEX = {
    "scaling-factor": ([D_K], "1/sqrt(d_k)", r"\frac{1}{\sqrt{d_k}}"),
    "positional-encoding-sin": (
        _symbols(
            ("pos", Domain.POSITIVE_INTEGER),
            ("i", Domain.POSITIVE_INTEGER),
            ("d_model", Domain.POSITIVE_INTEGER),
        ),
        "sin(pos/10000^(2i/d_model))",
        r"\sin\left(\frac{pos}{10000^{2i/d_{model}}}\right)",
    ),
    "geometric-sum": (
        [BETA_1, T],
        "(1-beta_1^t)/(1-beta_1)",
        r"\frac{1-\beta_1^{t}}{1-\beta_1}",
    ),
    "adam-bias-factor": ([BETA_1, T], "1-beta_1^t", r"1-\beta_{1}^{t}"),
    "adam-update": (
        [Symbol("w_t"), ETA, M_HAT, V_HAT, EPSILON],
        "w_t - eta*m_hat/(sqrt(v_hat)+epsilon)",
        r"w_t - \frac{\eta \hat{m}}{\sqrt{\hat{v}} + \epsilon}",
    ),
    "momentum-velocity": (
        [GAMMA, Symbol("v_prev"), ETA, Symbol("g_t")],
        "gamma*v_prev + eta*g_t",
        r"\gamma v_{prev} + \eta g_{t}",
    ),
    "bernoulli-likelihood": ([P, Y], "p^y (1-p)^(1-y)", r"p^{y}\left(1-p\right)^{1-y}"),
    "bce": (
        [P, Y],
        "-(y log p + (1-y) log(1-p))",
        r"-\left(y \log p + (1-y) \log(1-p)\right)",
    ),
    "bce-logit-gradient": ([Z, Y], "sigmoid(z) - y", r"\frac{1}{1+e^{-z}} - y"),
    "cce-one-hot": (
        _symbols(("p_c", Domain.UNIT_INTERVAL)),
        "-log(p_c)",
        r"-\ln p_{c}",
    ),
    "l2-gradient": ([LAMBDA, W_I], "2 lambda w_i", r"2\lambda w_i"),
    "dropout-scale": ([P], "1/(1-p)", r"\frac{1}{1-p}"),
}


@pytest.mark.parametrize(
    ("symbols", "expected", "latex"),
    [pytest.param(*case, id=name) for name, case in CONTRACT_IN_LATEX.items()],
)
def test_contract_answer_in_latex_is_correct(
    symbols: list[Symbol], expected: str, latex: str
) -> None:
    judgement = judge_symbolic(symbolic(expected, symbols), latex)
    assert judgement.verdict is Verdict.CORRECT, judgement.feedback


def test_latex_answer_is_shown_as_read() -> None:
    question = symbolic("1/sqrt(d_k)", [D_K])
    assert interpret(question, r"\frac{1}{\sqrt{d_k}}") == "1/√dₖ"


def test_latex_mistake_gets_its_feedback() -> None:
    question = symbolic("1/sqrt(d_k)", [D_K], ["1/d_k"])
    judgement = judge_symbolic(question, r"\frac{1}{d_k}")
    assert (judgement.verdict, judgement.feedback) == (
        Verdict.INCORRECT,
        "known: 1/d_k",
    )


def test_latex_numeric_answer_within_tolerance() -> None:
    judgement = judge(numeric("sqrt(2)/2"), r"\frac{\sqrt{2}}{2}")
    assert judgement.verdict is Verdict.CORRECT


def test_declared_sigma_stays_a_symbol() -> None:
    tree = parse_answer(r"\sigma(x)", (Symbol("sigma"), X))
    assert tree == parse_answer("sigma*x", (Symbol("sigma"), X))


@pytest.mark.parametrize(
    ("text", "position", "message"),
    [
        pytest.param(
            r"1+\foo d_k",
            2,
            r"unknown LaTeX command '\foo' at column 3",
            id="unknown-command",
        ),
        pytest.param(
            r"\input{/etc/passwd}",
            0,
            r"unknown LaTeX command '\input' at column 1",
            id="input-is-refused",
        ),
        pytest.param(
            r"d_{\write}", 3, r"unknown LaTeX command '\write'", id="inside-subscript"
        ),
        pytest.param(
            r"\frac{1}{d_k", 8, '"{" at column 9 is never closed', id="unclosed-brace"
        ),
        pytest.param(r"d_k}", 3, "no matching opening brace", id="stray-brace"),
        pytest.param(r"{}", 0, "empty braces at column 1", id="empty-braces"),
        pytest.param(r"\frac{1}", 8, "takes two parts in braces", id="frac-one-part"),
        pytest.param(r"\frac 123", 6, '"{" expected at column 7', id="frac-long-num"),
        pytest.param(r"\left. d_k", 0, "must come right before", id="left-dot"),
        pytest.param("d_k \\", 4, 'a lone "\\" at column 5', id="lone-backslash"),
        pytest.param(
            r"\beta_{1}", 0, r'unknown name "\beta_{1}" at column 1', id="unknown-greek"
        ),
        pytest.param(r"d_{q}", 0, 'unknown name "d_{q}"', id="unknown-subscript"),
        pytest.param(r"d_{k+1}", 4, '"+" at column 5 cannot be part', id="sum-in-name"),
        pytest.param(r"\hat 2", 0, r"needs braces", id="hat-without-letter"),
        pytest.param(r"$d_k$", 0, "leave out the dollar signs", id="dollar-signs"),
    ],
)
def test_latex_error_points_at_column(text: str, position: int, message: str) -> None:
    with pytest.raises(AnswerSyntaxError, match=re.escape(message)) as caught:
        parse_answer(text, (D_K,))
    assert caught.value.position == position


def test_unknown_command_is_invalid_verdict() -> None:
    judgement = judge_symbolic(symbolic("1/sqrt(d_k)", [D_K]), r"\frac{1}{\foo}")
    assert (judgement.verdict, judgement.position) == (Verdict.INVALID, 9)
    assert judgement.feedback.startswith(r"unknown LaTeX command '\foo' at column 10")


def test_long_command_is_shortened_in_message() -> None:
    with pytest.raises(AnswerSyntaxError) as caught:
        parse_answer("\\" + "a" * 900, (X,))
    assert len(caught.value.message) < 200


def test_nested_fractions_refused_at_nesting_limit() -> None:
    depth = limits.MAX_NESTING + 10
    text = r"\frac{1}{" * depth + "x" + "}" * depth
    started = time.monotonic()
    with pytest.raises(AnswerSyntaxError, match="nests more than") as caught:
        parse_answer(text, (X,))
    # Each "\frac{1}{" is nine characters; the first one too many is refused
    # at its numerator's brace.
    assert caught.value.position == 9 * limits.MAX_NESTING + len(r"\frac")
    assert time.monotonic() - started < 1


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(r"\frac{1}{" * 5_000 + "x" + "}" * 5_000, id="thousands-of-fracs"),
        pytest.param(r"\frac{1}{" * 90 + "x" + "}" * 90, id="fracs-within-length"),
        pytest.param("{" * 5_000 + "x" + "}" * 5_000, id="thousands-of-braces"),
        pytest.param(r"\sqrt{" * 140 + "x" + "}" * 140, id="nested-roots"),
        pytest.param(r"\left(" * 140 + "x", id="unclosed-left-brackets"),
        pytest.param("x^{" * 300 + "x" + "}" * 300, id="braced-power-tower"),
        pytest.param(r"2^{10^{10^{10}}}", id="constant-tower-in-braces"),
        pytest.param(r"e^{e^{e^{e^{100}}}}", id="exp-tower-in-braces"),
        pytest.param(r"\input{/etc/passwd}", id="input"),
        pytest.param(r"\write18{rm -rf ~}", id="write18"),
        pytest.param(r"\def\x{x}\x", id="def"),
    ],
)
def test_hostile_latex_is_refused(answer: str) -> None:
    assert judge_in_subprocess(answer)["verdict"] == "invalid"


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(r"x^{\frac{1}{10^{-300}}}", id="huge-power-of-symbol"),
        pytest.param(r"\sqrt[10^{29}]{x}", id="huge-root-index"),
    ],
)
def test_costly_latex_is_judged_quickly(answer: str) -> None:
    assert judge_in_subprocess(answer)["verdict"] in ("correct", "incorrect")
