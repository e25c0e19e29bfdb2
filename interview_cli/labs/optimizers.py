"""SGD, SGD with momentum and Adam (and the learner's classes) on one network.

The syllabus's experiment: two moons (1,000 points, noise 0.3, a fifth held
out), standardised with the training set's statistics; an MLP 2-32-16-1
with ReLU; binary cross-entropy; full-batch steps for a number of epochs at
one learning rate. Every optimiser starts from the same initial weights, so
the curves differ only by the update rule. Everything is drawn from the
seed with torch's own generator and trained on one thread, so a seed gives
the same numbers on every run.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch  # noqa: TID253 - imported only when the lab runs

from interview_cli import collector
from interview_cli.grading.grader import Step
from interview_cli.grading.judge import single_thread
from interview_cli.labs import learner, race

SAMPLES = 1000
NOISE = 0.3
TEST_FRACTION = 0.2
# The largest gap between a learner's loss curve and torch's that still
# counts as the same optimiser: float32 steps taken in another order drift
# apart by ~1e-6 over a few hundred epochs, a wrong rule by far more.
SAME_CURVE = 1e-4
POLL_S = 0.05  # how often the progress bar looks at the sandboxes

# name, torch.optim class, keyword arguments besides lr
BUILT_IN: tuple[tuple[str, str, dict[str, float]], ...] = (
    ("SGD", "SGD", {}),
    ("SGD + momentum", "SGD", {"momentum": 0.9}),
    ("Adam", "Adam", {}),
)
# What each of the learner's classes is checked against: torch's class with
# the defaults CONTRACT.md gives the question.
TWINS: dict[str, tuple[str, dict[str, float]]] = {
    "SGDMomentum": ("SGD", {"momentum": 0.9}),
    "Adagrad": ("Adagrad", {"eps": 1e-10}),
    "RMSprop": ("RMSprop", {"alpha": 0.99, "eps": 1e-8}),
    "Adam": ("Adam", {}),
    "AdamW": ("AdamW", {"weight_decay": 1e-2}),
}


@dataclass(frozen=True)
class Settings:
    """The knobs of one race."""

    lr: float = 0.01
    epochs: int = 100
    threshold: float = 0.4
    seed: int = 42


@dataclass(frozen=True)
class Comparison:
    """How far a learner's curve strays from torch's class of the same name."""

    twin: str  # e.g. "torch.optim.Adam(lr=0.01)"
    largest_gap: float
    at_epoch: int

    @property
    def same(self) -> bool:
        return self.largest_gap <= SAME_CURVE

    def as_json(self) -> dict[str, object]:
        return {
            "optimizer": self.twin,
            "largest_gap": _number(self.largest_gap),
            "at_epoch": self.at_epoch,
            "same": self.same,
        }


@dataclass(frozen=True)
class Curve:
    """One optimiser's race: its loss at every epoch and where it ended."""

    name: str
    optimizer: str  # how it was built, e.g. "torch.optim.SGD(lr=0.01)"
    losses: tuple[float, ...]
    accuracy: float | None
    path: Path | None = None  # the learner's file, for their classes
    error: str | None = None
    twin: Comparison | None = None

    @property
    def final_loss(self) -> float | None:
        return self.losses[-1] if self.losses else None

    @property
    def diverged(self) -> bool:
        return any(not math.isfinite(value) for value in self.losses)

    def reached(self, threshold: float) -> int | None:
        """The first epoch whose loss was at or below ``threshold``."""
        for epoch, loss in enumerate(self.losses, start=1):
            if loss <= threshold:
                return epoch
        return None

    def as_json(self, threshold: float) -> dict[str, object]:
        return {
            "name": self.name,
            "optimizer": self.optimizer,
            "file": None if self.path is None else str(self.path),
            "losses": [_number(loss) for loss in self.losses],
            "final_loss": _number(self.final_loss),
            "test_accuracy": self.accuracy,
            "epoch_reached_threshold": self.reached(threshold),
            "diverged": self.diverged,
            "error": self.error,
            "matches_torch": None if self.twin is None else self.twin.as_json(),
        }


@dataclass(frozen=True)
class Result:
    """The race: settings, every curve, and the sandbox used for the learner's."""

    settings: Settings
    curves: tuple[Curve, ...]
    train_size: int
    test_size: int
    isolation: str | None = None
    failures: tuple[str, ...] = field(default=())

    def as_json(self) -> dict[str, object]:
        s = self.settings
        return {
            "lab": "optimizers",
            "seed": s.seed,
            "lr": s.lr,
            "epochs": s.epochs,
            "threshold": s.threshold,
            "data": {
                "train": self.train_size,
                "test": self.test_size,
                "noise": NOISE,
                "network": "2-32-16-1 MLP, ReLU, BCE on logits, full batch",
            },
            "runs": [curve.as_json(s.threshold) for curve in self.curves],
            "isolation": self.isolation,
        }


def _number(value: float | None) -> float | str | None:
    """A float for JSON, which has no NaN or infinity: those become strings."""
    if value is None or math.isfinite(value):
        return value
    return str(value)


def run(
    settings: Settings,
    entries: Sequence[learner.Entry] = (),
    hidden: tuple[Path, ...] = (),
    step: Step = lambda *_: None,
) -> Result:
    """Race the built-in optimisers, and each entry's classes in its own sandbox."""
    collector.resume()  # torch is loaded; the long part starts
    own = [(entry, name) for entry in entries for name in entry.classes]
    extra = sorted({name for _, name in own if TWINS[name] not in _built_in_twins()})
    total = settings.epochs * (len(BUILT_IN) + len(extra) + len(own))
    with learner.Sandboxes(entries, hidden) as boxes, single_thread():
        step("building the data", 0, total)
        data = make_data(settings.seed)
        boxes.publish(data, {"lr": settings.lr, "epochs": settings.epochs})
        done = [0]

        def tick(what: str) -> Callable[[int], None]:
            def advance(_: int) -> None:
                done[0] += 1
                step(what, done[0] + boxes.epochs_done(), total)

            return advance

        curves = [
            _train_torch(name, cls, kwargs, settings, data, tick(f"training {name}"))
            for name, cls, kwargs in BUILT_IN
        ]
        twins = {curve.optimizer: curve for curve in curves}
        for name in extra:
            cls, kwargs = TWINS[name]
            curve = _train_torch(name, cls, kwargs, settings, data, tick(name))
            twins[curve.optimizer] = curve
        while not boxes.finished():
            what = "your optimisers in the sandbox"
            step(what, done[0] + boxes.epochs_done(), total)
            time.sleep(POLL_S)
        runs = boxes.runs(settings.epochs)
        isolation = boxes.isolation()
    yours = [_learner_curve(r, settings, twins) for r in runs]
    return Result(
        settings=settings,
        curves=(*curves, *yours),
        train_size=len(data["y_train"]),
        test_size=len(data["y_test"]),
        isolation=isolation,
        failures=tuple(f"{c.path}: {c.error}" for c in yours if c.error),
    )


def _built_in_twins() -> list[tuple[str, dict[str, float]]]:
    return [(cls, kwargs) for _, cls, kwargs in BUILT_IN]


def _describe(cls: str, lr: float, kwargs: dict[str, float]) -> str:
    options = ", ".join([f"lr={lr:g}", *(f"{k}={v:g}" for k, v in kwargs.items())])
    return f"torch.optim.{cls}({options})"


def _train_torch(
    name: str,
    cls: str,
    kwargs: dict[str, float],
    settings: Settings,
    data: dict[str, Any],
    on_epoch: Callable[[int], None],
) -> Curve:
    """Train with one of torch's own optimisers, here in prep's process."""
    optimizer = getattr(torch.optim, cls)
    losses, accuracy = race.train(
        lambda params: optimizer(params, lr=settings.lr, **kwargs),
        data,
        settings.epochs,
        on_epoch,
    )
    return Curve(name, _describe(cls, settings.lr, kwargs), tuple(losses), accuracy)


def _learner_curve(
    run: learner.Run, settings: Settings, twins: dict[str, Curve]
) -> Curve:
    """The learner's run as a curve, compared with torch's class of that name."""
    cls, kwargs = TWINS[run.name]
    twin = twins[_describe(cls, settings.lr, kwargs)]
    comparison = None
    if run.losses and twin.losses:
        comparison = compare(run.losses, twin.losses, twin.optimizer)
    return Curve(
        name=f"your {run.name}",
        optimizer=f"{run.name}(lr={settings.lr:g}) from {run.path.name}",
        losses=run.losses,
        accuracy=run.accuracy,
        path=run.path,
        error=run.error,
        twin=comparison,
    )


def compare(mine: Sequence[float], theirs: Sequence[float], twin: str) -> Comparison:
    """The largest gap between two loss curves, and the epoch where it is."""
    gaps = [
        abs(a - b) if math.isfinite(a) and math.isfinite(b) else math.inf
        for a, b in zip(mine, theirs, strict=False)
    ]
    if len(mine) != len(theirs):
        gaps.append(math.inf)  # one stopped (diverged) where the other went on
    worst = max(range(len(gaps)), key=lambda i: gaps[i])
    return Comparison(twin, gaps[worst], worst + 1)


def make_data(seed: int) -> dict[str, Any]:
    """Two moons and the network's initial weights, all from ``seed``."""
    gen = torch.Generator().manual_seed(seed)
    half = SAMPLES // 2
    label = (torch.arange(SAMPLES) >= half).to(torch.float64)
    angle = math.pi * torch.rand(SAMPLES, generator=gen, dtype=torch.float64)
    upper = torch.stack([angle.cos(), angle.sin()], dim=1)
    lower = torch.stack([1 - angle.cos(), 0.5 - angle.sin()], dim=1)
    x = torch.where(label.bool().unsqueeze(1), lower, upper)
    x = x + NOISE * torch.randn(SAMPLES, 2, generator=gen, dtype=torch.float64)
    order = torch.randperm(SAMPLES, generator=gen)
    cut = SAMPLES - round(SAMPLES * TEST_FRACTION)
    train, test = order[:cut], order[cut:]
    mean, std = x[train].mean(dim=0), x[train].std(dim=0)
    scaled = ((x - mean) / std).to(torch.float32)
    target = label.to(torch.float32).unsqueeze(1)
    return {
        "x_train": scaled[train],
        "y_train": target[train],
        "x_test": scaled[test],
        "y_test": target[test],
        "init": initial_weights(gen),
    }


def initial_weights(gen: torch.Generator) -> dict[str, torch.Tensor]:
    """PyTorch's default Linear initialisation, U(±1/√fan_in), from ``gen``."""
    shapes = {name: p.shape for name, p in race.build_mlp().named_parameters()}
    weights = {}
    for name, shape in shapes.items():
        layer = name.rpartition(".")[0]
        bound = 1 / math.sqrt(shapes[f"{layer}.weight"][1])
        raw = torch.rand(shape, generator=gen, dtype=torch.float32)
        weights[name] = (2 * raw - 1) * bound
    return weights
