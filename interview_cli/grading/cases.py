"""Hidden cases and what running them produced, on prep's side of the sandbox.

A ``Case`` holds a typed spec of the inputs (what ``cases.pt`` carries to the
harness) and what prep needs to judge it (description, tolerance). An
``Outcome`` is what an implementation produced on a case: the reference, a
known-wrong variant, or the learner's code as read back from
``results.pt``. Reading results treats them as hostile data: every field is
type-checked, and anything unexpected raises ``MalformedResults``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    import torch

Scalar: TypeAlias = int | float | bool | str | None
Fact: TypeAlias = float | bool | str | tuple[float, ...] | None
Hyper: TypeAlias = float | tuple[float, float]


class MalformedResults(Exception):
    """results.pt does not have the layout the harness writes."""


@dataclass(frozen=True)
class Tolerance:
    """|got - expected| <= atol + rtol * |expected|, elementwise, as torch.isclose."""

    atol: float
    rtol: float

    def __str__(self) -> str:
        return f"atol={self.atol:g}, rtol={self.rtol:g}"


EXACT = Tolerance(0.0, 0.0)
NO_GRADIENT = "no gradient reached"


# ------------------------------------------------------------------- specs


@dataclass(frozen=True)
class Ref:
    """An argument that is one of the case's input tensors, by name."""

    name: str


Arg: TypeAlias = Ref | Scalar


def _arg(value: Arg) -> dict[str, object]:
    return {"ref": value.name} if isinstance(value, Ref) else {"value": value}


@dataclass(frozen=True)
class CallSpec:
    """A function call: named input tensors, how they are passed, what to backprop."""

    inputs: Mapping[str, torch.Tensor]
    args: tuple[Arg, ...]
    kwargs: Mapping[str, Arg] = field(default_factory=dict)
    grad: tuple[str, ...] = ()  # inputs whose gradients are compared
    cotangents: tuple[torch.Tensor, ...] = ()  # one weight tensor per output
    manual_seed: int | None = None

    def tensor(self, name: str) -> torch.Tensor:
        return self.inputs[name]

    def payload(self) -> dict[str, object]:
        return {
            # Clones, so no two cases (or a case and prep) share storage.
            "inputs": {name: t.clone() for name, t in self.inputs.items()},
            "args": [_arg(a) for a in self.args],
            "kwargs": {name: _arg(a) for name, a in self.kwargs.items()},
            "grad": list(self.grad),
            "cotangents": [t.clone() for t in self.cotangents],
            "manual_seed": self.manual_seed,
        }


@dataclass(frozen=True)
class ModuleSpec:
    """Multi-head attention: constructor arguments, layer weights, one call."""

    call: CallSpec
    d_model: int
    num_heads: int
    layers: Mapping[str, tuple[torch.Tensor, torch.Tensor]]  # name -> (weight, bias)
    dtype: str

    def payload(self) -> dict[str, object]:
        layers = {
            name: {"weight": w.clone(), "bias": b.clone()}
            for name, (w, b) in self.layers.items()
        }
        extra = {"init": [self.d_model, self.num_heads], "layers": layers}
        return {**self.call.payload(), **extra, "dtype": self.dtype}


@dataclass(frozen=True)
class Group:
    """One param group: indices into the case's parameters and its own options."""

    params: tuple[int, ...]
    options: Mapping[str, Hyper]


@dataclass(frozen=True)
class OptimizerSpec:
    """A trajectory: initial values, a gradient per step and parameter (or None)."""

    params: tuple[torch.Tensor, ...]
    grads: tuple[tuple[torch.Tensor | None, ...], ...]
    dtype: str
    defaults: Mapping[str, Hyper]  # the constructor's defaults, per CONTRACT.md
    kwargs: Mapping[str, Hyper]
    groups: tuple[Group, ...] | None = None
    closure_losses: Mapping[int, float] = field(default_factory=dict)

    def group_options(self) -> list[dict[str, Hyper]]:
        """The hyperparameters each param group should hold."""
        base = {**self.defaults, **self.kwargs}
        if self.groups is None:
            return [base]
        return [{**base, **group.options} for group in self.groups]

    def options_for(self, index: int) -> dict[str, Hyper]:
        """The hyperparameters that apply to parameter ``index``."""
        groups = self.groups or (Group(tuple(range(len(self.params))), {}),)
        options = self.group_options()
        for number, group in enumerate(groups):
            if index in group.params:
                return options[number]
        raise ValueError(f"parameter {index} is in no group")

    def payload(self) -> dict[str, object]:
        groups = None
        if self.groups is not None:
            groups = [
                {"params": list(g.params), "options": _hyper(g.options)}
                for g in self.groups
            ]
        return {
            "params": [p.clone() for p in self.params],
            "grads": [[_maybe_clone(g) for g in step] for step in self.grads],
            "dtype": self.dtype,
            "kwargs": _hyper(self.kwargs),
            "groups": groups,
            "closure_losses": dict(self.closure_losses),
            "hyper": list(self.defaults),
        }


def _hyper(options: Mapping[str, Hyper]) -> dict[str, object]:
    # Tuples travel as tuples: the learner's class receives betas as given.
    return dict(options)


def _maybe_clone(tensor: torch.Tensor | None) -> torch.Tensor | None:
    return None if tensor is None else tensor.clone()


@dataclass(frozen=True)
class StatefulSpec:
    """An object built with ``kwargs`` and fed ``values`` through ``step``."""

    kwargs: Mapping[str, float | int]
    values: tuple[float, ...]

    def payload(self) -> dict[str, object]:
        return {"kwargs": dict(self.kwargs), "values": list(self.values)}


Spec: TypeAlias = CallSpec | ModuleSpec | OptimizerSpec | StatefulSpec


@dataclass(frozen=True)
class Case:
    """One hidden test: its inputs, how to describe it and how close is close enough.

    ``flags`` mark what the case is for, such as ``extreme`` (values where
    a naive formula overflows), which the diagnosis uses.
    """

    index: int
    seed: int
    description: str
    tolerance: Tolerance
    spec: Spec
    flags: frozenset[str] = frozenset()

    def call(self) -> CallSpec:
        """The call spec of a function or module case."""
        spec = self.spec
        if isinstance(spec, ModuleSpec):
            return spec.call
        if not isinstance(spec, CallSpec):
            raise TypeError(f"case {self.index} is not a call")
        return spec

    def module(self) -> ModuleSpec:
        if not isinstance(self.spec, ModuleSpec):
            raise TypeError(f"case {self.index} is not a module call")
        return self.spec

    def optimizer(self) -> OptimizerSpec:
        if not isinstance(self.spec, OptimizerSpec):
            raise TypeError(f"case {self.index} is not an optimizer trajectory")
        return self.spec

    def stateful(self) -> StatefulSpec:
        if not isinstance(self.spec, StatefulSpec):
            raise TypeError(f"case {self.index} is not a stateful sequence")
        return self.spec


# ---------------------------------------------------------------- outcomes


@dataclass(frozen=True)
class Failure:
    """An exception the submission raised, with its own frames only."""

    kind: str
    message: str
    traceback: str


@dataclass(frozen=True)
class Outcome:
    """What an implementation produced on one case.

    ``values`` are compared in order (a str stands where a tensor should have
    been, saying what came instead); ``facts`` are compared for equality;
    ``extras`` are never compared but help tell accepted conventions apart.
    """

    values: Mapping[str, torch.Tensor | str]
    facts: Mapping[str, Fact] = field(default_factory=dict)
    extras: Mapping[str, torch.Tensor] = field(default_factory=dict)
    modified: tuple[str, ...] = ()
    error: Failure | None = None
    seconds: float = 0.0


def read_failure(raw: object) -> Failure | None:
    """The harness's error record, or None."""
    if raw is None:
        return None
    record = _mapping(raw)
    return Failure(
        kind=_text(record["type"]),
        message=_text(record["message"]),
        traceback=_text(record["traceback"]),
    )


def read_call(
    names: Sequence[str], spec: CallSpec, raw: object, layers: Sequence[str] = ()
) -> Outcome:
    """The outcome of a call or module case from the harness's record."""
    record = _mapping(raw)
    error = read_failure(record.get("error"))
    if error is not None:
        return Outcome(values={}, error=error, seconds=_seconds(record))
    outputs = [_tensor_or_text(x) for x in _sequence(record["outputs"])]
    values: dict[str, torch.Tensor | str] = {}
    if len(outputs) == len(names) and all(not isinstance(o, str) for o in outputs):
        values.update(zip(names, outputs, strict=True))
    else:
        what = _text(record["returned"])
        values[names[0]] = f"returned {what}; expected {_expected_shape(names)}"
    grads = _mapping(record["grads"])
    reason = record.get("grad_error")
    for name in (*spec.grad, *layers):
        grad = grads.get(name)
        missing = f"{NO_GRADIENT} {name}" + (f" ({reason})" if reason else "")
        values[f"grad of {name}"] = missing if grad is None else _tensor(grad)
    modified = tuple(_text(name) for name in _sequence(record["modified"]))
    return Outcome(values=values, modified=modified, seconds=_seconds(record))


def _expected_shape(names: Sequence[str]) -> str:
    if len(names) == 1:
        return "one Tensor"
    return f"a tuple of {len(names)} Tensors ({', '.join(names)})"


def read_optimizer(spec: OptimizerSpec, raw: object) -> Outcome:
    """The trajectory, closure results, param groups and state of an optimizer case."""
    record = _mapping(raw)
    error = read_failure(record.get("error"))
    if error is not None:
        return Outcome(values={}, error=error, seconds=_seconds(record))
    trajectory = [_tensor(t) for t in _sequence(record["trajectory"])]
    values: dict[str, torch.Tensor | str] = {
        f"param {i}": t for i, t in enumerate(trajectory)
    }
    facts: dict[str, Fact] = {}
    for step, closure in _mapping(record["closures"]).items():
        facts.update(_closure_facts(int(str(step)), _mapping(closure)))
    for number, group in enumerate(_sequence(record["groups"])):
        for name, value in _mapping(group).items():
            facts[f"param_groups[{number}][{name!r}]"] = _fact(value)
    extras: dict[str, torch.Tensor] = {}
    for index, state in enumerate(_sequence(record["state"])):
        state = _mapping(state)
        facts[f"self.state holds state for param {index}"] = bool(state["present"])
        for key, tensor in _mapping(state["tensors"]).items():
            extras[f"param {index} state {key}"] = _tensor(tensor)
    return Outcome(values, facts, extras, seconds=_seconds(record))


def closure_facts(step: int, loss: float) -> dict[str, Fact]:
    """What a correct ``step(closure)`` shows at ``step``."""
    return {
        f"step(closure) at step {step + 1} returns the closure's loss": loss,
        f"the closure runs once, with gradients enabled, at step {step + 1}": True,
    }


def _closure_facts(step: int, record: Mapping[str, object]) -> dict[str, Fact]:
    calls = _sequence(record["calls"])
    returned = record["returned"]
    loss: Fact = returned if isinstance(returned, float) else _fact(returned)
    keys = list(closure_facts(step, 0.0))
    return {keys[0]: loss, keys[1]: calls == [True]}


def read_stateful(raw: object) -> Outcome:
    """The sequence of values ``step`` returned."""
    import torch

    record = _mapping(raw)
    error = read_failure(record.get("error"))
    returned = list(_sequence(record.get("returned", [])))
    odd = next((r for r in returned if not isinstance(r, bool)), None)
    value: torch.Tensor | str
    if odd is not None:
        value = f"step returned {_text(odd)} rather than a bool"
    else:
        value = torch.tensor(returned, dtype=torch.bool)
    values: dict[str, torch.Tensor | str] = {} if error else {"returned": value}
    return Outcome(values=values, error=error, seconds=_seconds(record))


# ------------------------------------------------------- checked accessors


def _mapping(raw: object) -> Mapping[str, Any]:
    if not isinstance(raw, dict) or not all(isinstance(k, str) for k in raw):
        raise MalformedResults(
            f"expected a dict with str keys, got {type(raw).__name__}"
        )
    return raw


def _sequence(raw: object) -> Sequence[Any]:
    if not isinstance(raw, list | tuple):
        raise MalformedResults(f"expected a list, got {type(raw).__name__}")
    return raw


def _text(raw: object) -> str:
    if not isinstance(raw, str):
        raise MalformedResults(f"expected a str, got {type(raw).__name__}")
    return raw


def _seconds(record: Mapping[str, object]) -> float:
    value = record.get("seconds", 0.0)
    return float(value) if isinstance(value, float | int) else 0.0


def _tensor(raw: object) -> torch.Tensor:
    import torch

    # Only ordinary dense CPU tensors are compared; anything else is refused
    # rather than trusted, since it came from the learner's process.
    if not isinstance(raw, torch.Tensor) or type(raw) is not torch.Tensor:
        raise MalformedResults(f"expected a tensor, got {type(raw).__name__}")
    if raw.layout != torch.strided or raw.device.type != "cpu":
        raise MalformedResults("expected a dense CPU tensor")
    return raw


def _tensor_or_text(raw: object) -> torch.Tensor | str:
    return raw if isinstance(raw, str) else _tensor(raw)


def _fact(raw: object) -> Fact:
    if isinstance(raw, bool | str) or raw is None:
        return raw
    if isinstance(raw, int | float):
        return float(raw)
    if isinstance(raw, list | tuple) and all(
        isinstance(x, int | float) and not isinstance(x, bool) for x in raw
    ):
        return tuple(float(x) for x in raw)
    return f"<{type(raw).__name__}>"


def same_fact(want: Fact, have: Fact) -> bool:
    """Equality of facts; floats agree to 12 significant digits."""
    if isinstance(want, float) and isinstance(have, float):
        return math.isclose(want, have, rel_tol=1e-12, abs_tol=0.0)
    if isinstance(want, tuple) and isinstance(have, tuple) and len(want) == len(have):
        return all(same_fact(w, h) for w, h in zip(want, have, strict=True))
    return want == have
