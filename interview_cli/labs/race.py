"""One training run of the optimizers lab, the same in prep and in the sandbox.

prep imports this module to train with torch's optimisers. For the
learner's classes the sandbox gets a copy beside ``harness.py`` and
``submission.py`` and runs ``python -I race.py``: the learner's code then
runs exactly where graded code runs, under the same guard against
torch.optim's own classes, while the training loop is this very code, so
the race is fair. As a script it may import only the standard library,
torch and the harness copy next to it (prep's package is hidden there).
"""

from __future__ import annotations

import importlib
import itertools
import math
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

import torch  # noqa: TID253 - imported only when the lab runs (and in the sandbox)

HIDDEN = (32, 16)  # the syllabus's MLP: 2 -> 32 -> 16 -> 1 with ReLU

Data = dict[str, Any]  # x_train, y_train, x_test, y_test, init (a state dict)
Factory = Callable[[Iterable[torch.nn.Parameter]], torch.optim.Optimizer]


def build_mlp(init: dict[str, torch.Tensor] | None = None) -> torch.nn.Sequential:
    """The network, holding copies of ``init`` (else torch's own random weights)."""
    layers: list[torch.nn.Module] = []
    sizes = (2, *HIDDEN, 1)
    for fan_in, fan_out in itertools.pairwise(sizes):
        layers += [torch.nn.Linear(fan_in, fan_out), torch.nn.ReLU()]
    model = torch.nn.Sequential(*layers[:-1])
    if init is not None:
        model.load_state_dict({name: value.clone() for name, value in init.items()})
    return model


def train(
    factory: Factory,
    data: Data,
    epochs: int,
    on_epoch: Callable[[int], None] = lambda _: None,
) -> tuple[list[float], float]:
    """Full-batch training: the loss before each step, and the test accuracy after.

    The loss is binary cross-entropy on the logit (the stable form of a
    sigmoid followed by BCE). A loss that stops being finite ends the run:
    every later step would be NaN too.
    """
    model = build_mlp(data["init"])
    optimizer = factory(model.parameters())
    x, y = data["x_train"], data["y_train"]
    losses: list[float] = []
    for epoch in range(1, epochs + 1):
        optimizer.zero_grad(set_to_none=True)
        loss = torch.nn.functional.binary_cross_entropy_with_logits(model(x), y)
        torch.autograd.backward([loss])
        value = float(loss.item())
        losses.append(value)
        if not math.isfinite(value):
            break
        optimizer.step()
        on_epoch(epoch)
    return losses, accuracy(model, data["x_test"], data["y_test"])


def accuracy(model: torch.nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    """The fraction of points on the right side of the decision boundary."""
    with torch.no_grad():
        predicted = (model(x) > 0).to(y.dtype)
    return float((predicted == y).to(torch.float64).mean().item())


# ------------------------------------------------------ inside the sandbox


def run_class(
    harness: ModuleType, name: str, cls: Any, spec: Data, done: list[int]
) -> dict[str, Any]:
    """Race one of the learner's classes; failures are reported, not raised."""
    record: dict[str, Any] = {"name": name, "invalid": None, "error": None}
    record.update(losses=torch.zeros(0, dtype=torch.float64), accuracy=math.nan)
    if cls is None:
        record["invalid"] = f"{name} is not defined once the file has run"
    elif not isinstance(cls, type) or not issubclass(cls, torch.optim.Optimizer):
        record["invalid"] = f"{name} must subclass torch.optim.Optimizer"
    if record["invalid"]:
        return record
    lr = float(spec["lr"])

    def tick(_: int) -> None:
        done[0] += 1
        harness.report_progress(done[0])  # which writes 20 times a second at most

    try:
        losses, score = train(lambda p: cls(p, lr=lr), spec, int(spec["epochs"]), tick)
    except BaseException as error:  # SystemExit too: it is the learner's
        if isinstance(error, KeyboardInterrupt):
            raise
        record["error"] = harness.describe_error(error)
        return record
    finally:
        harness.report_progress(done[0])
    record.update(losses=torch.tensor(losses, dtype=torch.float64), accuracy=score)
    return record


def main() -> int:
    """Read cases.pt, race the classes it names, write results.pt, exit 0."""
    torch.set_num_threads(1)
    # -I leaves the script's folder off sys.path; the harness copy lives there.
    sys.path.insert(0, str(Path.cwd()))
    harness = importlib.import_module("harness")

    spec = harness.wait_for_cases()
    if spec.get("stop"):
        return 0
    guard = harness.Guard()
    guard.install(spec["forbidden"])
    results: dict[str, Any] = {"version": 1, "forbidden": guard.calls}
    results.update(error=None, runs=[])
    try:
        module = harness.load_submission()
    except BaseException as error:
        if isinstance(error, KeyboardInterrupt):
            raise
        results["error"] = harness.describe_error(error)
    else:
        done = [0]
        for name in spec["classes"]:
            cls = getattr(module, name, None)
            results["runs"].append(run_class(harness, name, cls, spec, done))
    torch.save(results, harness.RESULTS)
    return 0


if __name__ == "__main__":
    code = main()
    importlib.import_module("harness").leave(code)
