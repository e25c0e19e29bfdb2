"""``--save FILE``: the labs' charts as PNG or SVG, when matplotlib is installed.

matplotlib is optional (``pip install 'interview-cli[plots]'``): prep's
terminal charts need nothing, and a plotting library is a large install
that most learners never use. ``check`` runs before a lab so that a
missing library or a wrong suffix costs no training time.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interview_cli.errors import PrepError

if TYPE_CHECKING:
    from interview_cli.labs import optimizers, regularization

FORMATS = (".png", ".svg")
INSTALL = "pip install 'interview-cli[plots]' (or pip install matplotlib)"


def check(path: Path) -> None:
    """A usage error unless ``path`` can be written as a chart here."""
    if path.suffix.lower() not in FORMATS:
        raise PrepError(
            f"--save writes {' or '.join(FORMATS)} files; {path.name} is neither"
        )
    if importlib.util.find_spec("matplotlib") is None:
        raise PrepError(f"--save needs matplotlib, which is not installed: {INSTALL}")
    if not path.parent.is_dir():
        raise PrepError(f"cannot write {path}: no folder {path.parent}")


def save_regularization(result: regularization.Result, path: Path) -> None:
    """True coefficients above, the three fits' below, as in the syllabus."""
    plt = _pyplot()
    figure, (top, bottom) = plt.subplots(2, 1, figsize=(11, 7), sharex=True)
    features = range(len(result.true))
    top.stem(features, result.true, basefmt=" ")
    top.set_title("True coefficients")
    styles = {"none": ":", "l2": "-", "l1": "-"}
    for fit in result.fits:
        bottom.plot(features, fit.coefficients, styles[fit.name], label=fit.label)
    bottom.axhline(0.0, color="grey", linewidth=0.5)
    bottom.set_title(f"Learned coefficients (alpha = {result.alpha:g})")
    bottom.set_xlabel("feature")
    for axes in (top, bottom):
        axes.set_ylabel("coefficient")
    bottom.legend()
    _write(figure, path, f"L1 vs L2, seed {result.seed}")


def save_optimizers(result: optimizers.Result, path: Path) -> None:
    """Every loss curve on one chart, with the threshold line."""
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(10, 6))
    for curve in result.curves:
        if curve.losses:
            epochs = range(1, len(curve.losses) + 1)
            axes.plot(epochs, curve.losses, label=curve.name)
    s = result.settings
    axes.axhline(s.threshold, color="grey", linestyle="--", linewidth=0.8)
    axes.set_xlabel("epoch")
    axes.set_ylabel("training loss (BCE)")
    axes.set_ylim(bottom=0)
    axes.legend()
    _write(figure, path, f"Optimisers on two moons (lr = {s.lr:g}, seed {s.seed})")


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")  # files only: never open a window
    import matplotlib.pyplot as plt

    return plt


def _write(figure: Any, path: Path, title: str) -> None:
    figure.suptitle(title)
    figure.tight_layout()
    try:
        figure.savefig(path)
    except OSError as error:
        raise PrepError(f"cannot write {path}: {error.strerror}") from None
    finally:
        _pyplot().close(figure)
