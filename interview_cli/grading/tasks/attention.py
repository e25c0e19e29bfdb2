"""Attention questions: scaled dot-product, multi-head, sinusoidal positional encoding.

References run in float64 on the exact inputs the learner received and are
rounded once to the inputs' dtype, so a correct float32 submission is only
ever compared with the true answer, not with another float32 rounding.
"""

# Formulas are written as people read them (γ, α, σ, −, ×), so ruff's
# warnings about characters that look like ASCII ones do not apply here.
# ruff: noqa: RUF002, RUF003

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

import torch  # noqa: TID253 - task modules are imported only when grading

from interview_cli.grading import forbidden
from interview_cli.grading.cases import Arg, CallSpec, Case, ModuleSpec, Outcome, Ref
from interview_cli.grading.tasks.base import Convention, Protocol, Task, Variant
from interview_cli.grading.tasks.common import (
    Tensors,
    generator,
    name_of,
    randn,
    run_reference,
    shape_text,
    tolerance,
)

OVERFLOW = (
    "the softmax overflows for large scores: subtract each row's maximum "
    "before exp (torch.softmax does)"
)


# ------------------------------------------------------------------ masks


def build_mask(
    gen: torch.Generator, kind: str, batch: tuple[int, ...], l_q: int, l_k: int
) -> torch.Tensor:
    """A bool mask (True = may attend) of the given kind, never blocking a whole row."""
    if kind == "causal":
        # Aligned to the end when L_q < L_k (a decoder reading a cache), so
        # row 0 always sees at least one key.
        rows = torch.arange(l_q).unsqueeze(1) + max(0, l_k - l_q)
        return torch.arange(l_k).unsqueeze(0) <= rows
    if kind == "padding":
        lengths = torch.randint(1, l_k + 1, batch or (1,), generator=gen)
        keep = torch.arange(l_k) < lengths.unsqueeze(-1)
        return keep.reshape(*batch, 1, l_k) if batch else keep
    keep = torch.rand((*batch, l_q, l_k), generator=gen) < 0.6
    anchor = torch.randint(0, l_k, (*batch, l_q, 1), generator=gen)
    return keep.scatter(-1, anchor, True)


def as_mask_dtype(mask: torch.Tensor, kind: str, dtype: torch.dtype) -> torch.Tensor:
    """The bool mask as the case wants it: bool, int64 0/1 or floating 0/1."""
    if kind == "bool":
        return mask
    return mask.to(torch.int64 if kind == "int" else dtype)


def blocked(mask: torch.Tensor | None, mode: str) -> torch.Tensor | None:
    """Where scores are blocked: False/0 in the mask, or the opposite when inverted."""
    if mask is None:
        return None
    return mask != 0 if mode == "inverted" else mask == 0


# ---------------------------------------------------- scaled dot-product


@dataclass(frozen=True)
class Attend:
    """How to compute attention; the defaults are right, each change is a known bug."""

    scale: str = "sqrt_dk"  # or "none", "dk", "sqrt_dv"
    dim: int = -1
    mask: str = "fill"  # or "inverted", "ignored", "zero", "after"
    swap: bool = False

    def __call__(
        self,
        q: torch.Tensor,
        k: torch.Tensor,
        v: torch.Tensor,
        mask: torch.Tensor | None,
    ) -> tuple[torch.Tensor, torch.Tensor]:
        scores = (q @ k.transpose(-2, -1)) * self._factor(q, v)
        hidden = blocked(mask, self.mask) if self.mask != "ignored" else None
        if hidden is not None and self.mask in ("fill", "inverted"):
            scores = scores.masked_fill(hidden, -math.inf)
        elif hidden is not None and self.mask == "zero":
            scores = scores.masked_fill(hidden, 0.0)
        weights = torch.softmax(scores, dim=self.dim)
        if hidden is not None and self.mask == "after":
            weights = weights.masked_fill(hidden, 0.0)
        output = weights @ v
        return (weights, output) if self.swap else (output, weights)

    def _factor(self, q: torch.Tensor, v: torch.Tensor) -> float:
        d_k, d_v = q.shape[-1], v.shape[-1]
        factors: dict[str, float] = {
            "sqrt_dk": d_k**-0.5,
            "none": 1.0,
            "dk": 1 / d_k,
            "sqrt_dv": d_v**-0.5,
        }
        return float(factors[self.scale])


def _sdpa_compute(attend: Attend, case: Case, x: Tensors) -> tuple[torch.Tensor, ...]:
    return attend(x["q"], x["k"], x["v"], x.get("mask"))


def sdpa_outcome(attend: Attend, case: Case, *, grads: bool = True) -> Outcome:
    outcome = run_reference(
        case, ("output", "weights"), partial(_sdpa_compute, attend), grads=grads
    )
    return _with_blocked_rows(outcome, case.call().inputs.get("mask"), attend.mask)


def _with_blocked_rows(
    outcome: Outcome, mask: torch.Tensor | None, mode: str
) -> Outcome:
    # An inverted mask can block a whole row. Submissions then give NaN
    # (filling with -inf) or uniform weights (filling with -1e9); either is
    # the same mistake, so those rows are not compared when recognising it.
    if mode != "inverted" or mask is None:
        return outcome
    weights = outcome.values["weights"]
    if isinstance(weights, str):
        return outcome
    rows = (mask != 0).expand(weights.shape).all(dim=-1, keepdim=True)
    ignore = {"weights": rows.expand(weights.shape)}
    output = outcome.values["output"]
    if not isinstance(output, str):
        ignore["output"] = rows.expand(*weights.shape[:-1], output.shape[-1])
    return replace(outcome, extras={f"ignore {k}": v for k, v in ignore.items()})


_SHAPES: tuple[
    tuple[tuple[int, ...], int, int, int, int], ...
] = (  # batch, L_q, L_k, d_k, d_v
    ((), 4, 4, 8, 8),
    ((2,), 5, 7, 16, 8),
    ((2, 3), 4, 6, 8, 5),
    ((), 3, 9, 4, 6),
    ((3,), 6, 2, 8, 3),
    ((2, 2, 2), 3, 3, 4, 4),
    ((2,), 3, 5, 512, 16),
    ((1,), 1, 8, 32, 32),
    ((4,), 7, 7, 2, 9),
    ((), 2, 11, 1024, 4),
    ((2, 1), 5, 5, 6, 6),
)
_MASKS = ("none", "causal", "padding", "random", "none-keyword")
_MASK_DTYPES = ("bool", "int", "float")


def sdpa_cases(seed: int) -> list[Case]:
    """44 cases: every shape with every mask kind, both dtypes, then extreme scores."""
    cases = []
    for index in range(40):
        shape = _SHAPES[index % len(_SHAPES)]
        dtype = torch.float64 if index % 2 else torch.float32
        mask = _MASKS[index % len(_MASKS)]
        mask_dtype = _MASK_DTYPES[(index // len(_MASKS)) % len(_MASK_DTYPES)]
        cases.append(_sdpa_case(seed, index, shape, dtype, mask, mask_dtype, 1.0))
    extremes = ((_SHAPES[0], "none"), (_SHAPES[1], "causal"), (_SHAPES[2], "padding"))
    for offset, (shape, mask) in enumerate((*extremes, (_SHAPES[3], "random"))):
        dtype = torch.float32 if offset % 2 == 0 else torch.float64
        case = _sdpa_case(seed, 40 + offset, shape, dtype, mask, "bool", 30.0)
        cases.append(case)
    return cases


def _sdpa_case(
    seed: int,
    index: int,
    shape: tuple[tuple[int, ...], int, int, int, int],
    dtype: torch.dtype,
    mask_kind: str,
    mask_dtype: str,
    scale: float,
) -> Case:
    batch, l_q, l_k, d_k, d_v = shape
    gen = generator(seed, index)
    inputs = {
        "q": randn(gen, (*batch, l_q, d_k), dtype, scale),
        "k": randn(gen, (*batch, l_k, d_k), dtype, scale),
        "v": randn(gen, (*batch, l_k, d_v), dtype),
    }
    args: tuple[Arg, ...] = (Ref("q"), Ref("k"), Ref("v"))
    kwargs: dict[str, Arg] = {"mask": None} if mask_kind == "none-keyword" else {}
    text = ", ".join(f"{n} {shape_text(t)}" for n, t in inputs.items())
    if mask_kind in ("causal", "padding", "random"):
        mask = build_mask(gen, mask_kind, batch, l_q, l_k)
        inputs["mask"] = as_mask_dtype(mask, mask_dtype, dtype)
        how = "by keyword" if index % 3 else "positionally"
        text += f"; {mask_kind} mask {shape_text(inputs['mask'])} passed {how}"
        if index % 3:
            kwargs["mask"] = Ref("mask")
        else:
            args += (Ref("mask"),)
    else:
        text += "; no mask" + (" (mask=None given)" if kwargs else "")
    cotangents = (
        randn(gen, (*batch, l_q, d_v), dtype),
        randn(gen, (*batch, l_q, l_k), dtype),
    )
    flags = frozenset({"extreme"}) if scale > 1 else frozenset()
    if scale > 1:
        text += f"; q and k scaled by {scale:g} so raw scores reach the hundreds"
    spec = CallSpec(inputs, args, kwargs, ("q", "k", "v"), cotangents)
    loose = 10.0 if scale > 1 else 1.0
    return Case(index, seed, text, tolerance(dtype, loose), spec, flags)


def _sdpa_variant(diagnosis: str, **change: Any) -> Variant:
    attend = Attend(**change)
    return Variant(diagnosis, partial(sdpa_outcome, attend, grads=False))


SDPA_VARIANTS = (
    _sdpa_variant("the scores are not scaled by 1/√d_k", scale="none"),
    _sdpa_variant("the scores are divided by d_k instead of √d_k", scale="dk"),
    _sdpa_variant("the scores are scaled by 1/√d_v instead of 1/√d_k", scale="sqrt_dv"),
    _sdpa_variant("the softmax runs over the queries (dim=-2), not the keys", dim=-2),
    _sdpa_variant(
        "the mask is inverted: True/1 is treated as blocked", mask="inverted"
    ),
    _sdpa_variant("the mask is ignored", mask="ignored"),
    _sdpa_variant(
        "blocked scores are set to 0 instead of -inf before the softmax", mask="zero"
    ),
    _sdpa_variant(
        "the mask is applied to the weights after the softmax, so rows no longer"
        " sum to 1",
        mask="after",
    ),
    _sdpa_variant("output and weights are returned in the wrong order", swap=True),
)

SCALED_DOT_PRODUCT = Task(
    question_id="attention.scaled-dot-product",
    entry_point="scaled_dot_product_attention",
    protocol=Protocol.CALL,
    forbidden=forbidden.ATTENTION,
    build=sdpa_cases,
    conventions=(Convention("softmax(QKᵀ/√d_k)·V", partial(sdpa_outcome, Attend())),),
    output_names=("output", "weights"),
    variants=SDPA_VARIANTS,
    overflow=OVERFLOW,
    strict_dtype=True,
)


# -------------------------------------------------------------- multi-head


@dataclass(frozen=True)
class MultiHead:
    """Multi-head attention with explicit weights; changes model known bugs."""

    split: str = "transpose"  # or "view": heads cut without moving the axis
    merge: str = "transpose"  # or "view": heads joined without moving it back
    scale: str = "sqrt_dk"  # or "none", "sqrt_dmodel"
    project_out: bool = True
    mask: str = "fill"

    def __call__(self, case: Case, x: Tensors) -> tuple[torch.Tensor]:
        spec = case.module()
        query, key, value, mask = _mha_arguments(spec, x)
        heads = spec.num_heads
        q, k, v = (
            self._split(_linear(x, name, t), heads)
            for name, t in (("w_q", query), ("w_k", key), ("w_v", value))
        )
        if mask is not None and mask.dim() == 3:
            mask = mask.unsqueeze(1)  # one mask for every head
        d_k = q.shape[-1]
        factor = {"sqrt_dk": d_k**-0.5, "none": 1.0, "sqrt_dmodel": spec.d_model**-0.5}
        attend = Attend(scale="none", mask=self.mask)
        context, _ = attend(q * factor[self.scale], k, v, mask)
        joined = self._merge(context)
        return (_linear(x, "w_o", joined) if self.project_out else joined,)

    def _split(self, t: torch.Tensor, heads: int) -> torch.Tensor:
        batch, length, width = t.shape
        if self.split == "view":
            return t.reshape(batch, heads, length, width // heads)
        return t.reshape(batch, length, heads, width // heads).transpose(1, 2)

    def _merge(self, t: torch.Tensor) -> torch.Tensor:
        batch, heads, length, d_k = t.shape
        if self.merge == "view":
            return t.reshape(batch, length, heads * d_k)
        return t.transpose(1, 2).reshape(batch, length, heads * d_k)


def _linear(x: Tensors, name: str, t: torch.Tensor) -> torch.Tensor:
    return t @ x[f"{name}.weight"].T + x[f"{name}.bias"]


def _mha_arguments(
    spec: ModuleSpec, x: Tensors
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor | None]:
    names = [a.name for a in spec.call.args if isinstance(a, Ref)]
    mask_arg = spec.call.kwargs.get("mask")
    if isinstance(mask_arg, Ref):
        names.append(mask_arg.name)
    mask = x[names[3]] if len(names) > 3 else None
    return x[names[0]], x[names[1]], x[names[2]], mask


LAYERS = ("w_q", "w_k", "w_v", "w_o")
LAYER_PARAMETERS = tuple(f"{n}.{p}" for n in LAYERS for p in ("weight", "bias"))


def mha_outcome(heads: MultiHead, case: Case, *, grads: bool = True) -> Outcome:
    spec = case.module()
    parameters = {
        f"{name}.{part}": tensor
        for name, (weight, bias) in spec.layers.items()
        for part, tensor in (("weight", weight), ("bias", bias))
    }
    outcome = run_reference(
        case, ("output",), heads, grads=grads, parameters=parameters
    )
    return _mha_blocked_rows(outcome, spec, heads.mask)


def _mha_blocked_rows(outcome: Outcome, spec: ModuleSpec, mode: str) -> Outcome:
    mask = spec.call.inputs.get("mask")
    output = outcome.values["output"]
    if mode != "inverted" or mask is None or isinstance(output, str):
        return outcome
    # Every head shares the mask, so a fully blocked row spoils that query's
    # whole output after w_o mixes the heads.
    rows = (mask != 0).reshape(mask.shape[0], *mask.shape[-2:]).all(dim=-1)
    ignore = rows.unsqueeze(-1).expand(output.shape)
    return replace(outcome, extras={"ignore output": ignore})


_MHA_SHAPES = (  # batch, L_q, L_k, d_model, heads
    (2, 5, 5, 8, 2),
    (1, 4, 6, 16, 4),
    (3, 3, 7, 12, 3),
    (2, 6, 4, 32, 8),
    (2, 5, 5, 16, 1),
    (1, 7, 7, 64, 8),
    (2, 4, 4, 6, 6),
)
_MHA_MASKS = ("none", "causal3", "padding3", "random4", "causal4", "none-keyword")


def mha_cases(seed: int) -> list[Case]:
    """42 cases: shapes × masks (3-D, 4-D, bool, 0/1) × dtypes, some self-attention."""
    cases = []
    for index in range(42):
        shape = _MHA_SHAPES[index % len(_MHA_SHAPES)]
        dtype = torch.float64 if index % 2 else torch.float32
        mask = _MHA_MASKS[index % len(_MHA_MASKS)]
        mask_dtype = _MASK_DTYPES[(index // len(_MHA_MASKS)) % len(_MASK_DTYPES)]
        shared = index % 5 == 4 and shape[1] == shape[2]
        cases.append(_mha_case(seed, index, shape, dtype, mask, mask_dtype, shared))
    return cases


def _mha_case(
    seed: int,
    index: int,
    shape: tuple[int, int, int, int, int],
    dtype: torch.dtype,
    mask_kind: str,
    mask_dtype: str,
    shared: bool,
) -> Case:
    batch, l_q, l_k, d_model, heads = shape
    gen = generator(seed, index)
    if shared:
        inputs = {"x": randn(gen, (batch, l_q, d_model), dtype)}
        args: tuple[Arg, ...] = (Ref("x"), Ref("x"), Ref("x"))
        x = shape_text(inputs["x"])
        text = f"self-attention: one tensor x {x} as query, key and value"
    else:
        inputs = {
            "query": randn(gen, (batch, l_q, d_model), dtype),
            "key": randn(gen, (batch, l_k, d_model), dtype),
            "value": randn(gen, (batch, l_k, d_model), dtype),
        }
        args = (Ref("query"), Ref("key"), Ref("value"))
        text = ", ".join(f"{n} {shape_text(t)}" for n, t in inputs.items())
    text = f"d_model={d_model}, num_heads={heads}; " + text
    kwargs: dict[str, Arg] = {"mask": None} if mask_kind == "none-keyword" else {}
    if mask_kind.startswith(("causal", "padding", "random")):
        kind, rank = mask_kind[:-1], int(mask_kind[-1])
        mask = build_mask(gen, kind, (batch,), l_q, l_k).expand(batch, l_q, l_k)
        mask = mask.reshape(batch, 1, l_q, l_k) if rank == 4 else mask
        inputs["mask"] = as_mask_dtype(mask.contiguous(), mask_dtype, dtype)
        kwargs["mask"] = Ref("mask")
        text += f"; {kind} mask {shape_text(inputs['mask'])}"
    else:
        text += "; no mask"
    layers = {
        name: (
            randn(gen, (d_model, d_model), dtype, d_model**-0.5),
            randn(gen, (d_model,), dtype, 0.1),
        )
        for name in LAYERS
    }
    grads = tuple(n for n in inputs if n != "mask")
    call = CallSpec(
        inputs, args, kwargs, grads, (randn(gen, (batch, l_q, d_model), dtype),)
    )
    spec = ModuleSpec(call, d_model, heads, layers, name_of(dtype))
    text += f"; {name_of(dtype)} weights written into w_q, w_k, w_v, w_o"
    return Case(index, seed, text, tolerance(dtype), spec)


def _mha_variant(diagnosis: str, **change: Any) -> Variant:
    heads = MultiHead(**change)
    return Variant(diagnosis, partial(mha_outcome, heads, grads=False))


MHA_VARIANTS = (
    _mha_variant(
        "heads are split with a view to (B, h, L, d_k) without transposing, so each"
        " head mixes positions",
        split="view",
    ),
    _mha_variant(
        "heads are joined with a view from (B, h, L, d_k) without transposing back",
        merge="view",
    ),
    _mha_variant("the scores are not scaled by 1/√d_k", scale="none"),
    _mha_variant(
        "the scores are scaled by 1/√d_model instead of 1/√d_k", scale="sqrt_dmodel"
    ),
    _mha_variant("the output projection w_o is not applied", project_out=False),
    _mha_variant("the mask is inverted: True/1 is treated as blocked", mask="inverted"),
    _mha_variant("the mask is ignored", mask="ignored"),
)

MULTI_HEAD = Task(
    question_id="attention.multi-head",
    entry_point="MultiHeadAttention",
    protocol=Protocol.MODULE,
    forbidden=forbidden.ATTENTION,
    build=mha_cases,
    conventions=(Convention("w_o(concat(heads))", partial(mha_outcome, MultiHead())),),
    variants=MHA_VARIANTS,
    overflow=OVERFLOW,
    strict_dtype=True,
    layers=LAYER_PARAMETERS,
)


# ------------------------------------------------------ positional encoding


@dataclass(frozen=True)
class Sinusoid:
    """The sinusoidal table; each change is a mistake people make."""

    swapped: bool = False  # cos in even columns, sin in odd ones
    halves: bool = False  # sin block then cos block, not interleaved
    odd_exponent: bool = False  # column 2i+1 uses (2i+1)/d_model
    pair_exponent: bool = False  # exponent i/d_model instead of 2i/d_model
    first_position: int = 0

    def __call__(self, case: Case, x: Tensors) -> tuple[torch.Tensor]:
        max_len, d_model = (_integer(a) for a in case.call().args)
        position = torch.arange(max_len, dtype=torch.float64).unsqueeze(1)
        position = position + self.first_position
        pair = torch.arange(0, d_model, 2, dtype=torch.float64)
        even = pair / 2 if self.pair_exponent else pair
        odd = pair + 1 if self.odd_exponent else even
        first = position / 10000 ** (even / d_model)
        second = position / 10000 ** (odd / d_model)
        waves = (torch.cos, torch.sin) if self.swapped else (torch.sin, torch.cos)
        columns = (waves[0](first), waves[1](second))
        if self.halves:
            return (torch.cat(columns, dim=1),)
        return (torch.stack(columns, dim=2).reshape(max_len, d_model),)


def _integer(arg: Arg) -> int:
    if not isinstance(arg, int):
        raise TypeError(f"expected an int argument, got {arg!r}")
    return arg


def pe_outcome(table: Sinusoid, case: Case, *, grads: bool = True) -> Outcome:
    # No grads: the table depends on integers only.
    return run_reference(case, ("encoding",), table, grads=False)


_PE_SIZES = (
    (1, 2), (1, 8), (2, 2), (4, 4), (10, 16), (50, 64), (128, 512), (512, 128),
    (100, 6), (7, 10), (64, 2), (3, 1024), (1000, 32), (256, 256), (33, 34), (16, 100),
)  # fmt: skip


def pe_cases(seed: int) -> list[Case]:
    """The fixed sizes above plus random ones drawn from the seed: 40 in all."""
    gen = generator(seed, 0)
    sizes = list(_PE_SIZES)
    while len(sizes) < 40:
        max_len = int(torch.randint(1, 600, (1,), generator=gen))
        d_model = 2 * int(torch.randint(1, 160, (1,), generator=gen))
        sizes.append((max_len, d_model))
    return [_pe_case(seed, index, *size) for index, size in enumerate(sizes)]


def _pe_case(seed: int, index: int, max_len: int, d_model: int) -> Case:
    spec = CallSpec({}, (max_len, d_model))
    # Angles reach max_len radians; float32 rounds the frequency to ~1e-7
    # relative, so the absolute error of sin/cos grows with the position.
    tol = tolerance(torch.float32)
    tol = replace(tol, atol=1e-5 + 2e-6 * max_len, rtol=0.0)
    text = f"max_len={max_len}, d_model={d_model}; compared with a float64 table"
    return Case(index, seed, text, tol, spec)


def _pe_variant(diagnosis: str, **change: Any) -> Variant:
    return Variant(diagnosis, partial(pe_outcome, Sinusoid(**change)))


POSITIONAL_ENCODING = Task(
    question_id="attention.positional-encoding",
    entry_point="sinusoidal_positional_encoding",
    protocol=Protocol.CALL,
    forbidden=(),
    build=pe_cases,
    conventions=(Convention("interleaved sin/cos", partial(pe_outcome, Sinusoid())),),
    output_names=("encoding",),
    variants=(
        _pe_variant("sin and cos are swapped (cos in even columns)", swapped=True),
        _pe_variant(
            "sin fills the first half and cos the second, instead of alternating",
            halves=True,
        ),
        _pe_variant(
            "column 2i+1 uses exponent (2i+1)/d_model instead of sharing 2i/d_model"
            " with column 2i",
            odd_exponent=True,
        ),
        _pe_variant(
            "the exponent is i/d_model instead of 2i/d_model", pair_exponent=True
        ),
        _pe_variant("positions start at 1 instead of 0", first_position=1),
    ),
)
