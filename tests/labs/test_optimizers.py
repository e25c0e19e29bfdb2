"""The optimizers lab: the syllabus's race, and the learner's classes in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_cli.errors import JudgedWrong
from interview_cli.grading.grader import default_hidden
from interview_cli.labs import learner
from interview_cli.labs import optimizers as lab

GOLDEN = Path(__file__).resolve().parent.parent / "grading" / "golden"
ADAM = GOLDEN / "optimizers.adam" / "accepted" / "submission.py"
ADAM_NO_CORRECTION = GOLDEN / "optimizers.adam" / "wrong-no-bias-correction"
SHORT = lab.Settings(epochs=30)


@pytest.fixture(scope="module")
def syllabus_race() -> lab.Result:
    return lab.run(lab.Settings(lr=0.01, epochs=100))


def final(result: lab.Result, name: str) -> float:
    curve = next(c for c in result.curves if c.name == name)
    assert curve.final_loss is not None
    return curve.final_loss


def test_adam_ends_below_plain_sgd(syllabus_race: lab.Result) -> None:
    assert final(syllabus_race, "Adam") < final(syllabus_race, "SGD")


def test_momentum_ends_below_plain_sgd(syllabus_race: lab.Result) -> None:
    assert final(syllabus_race, "SGD + momentum") < final(syllabus_race, "SGD")


def test_every_curve_starts_from_the_same_loss(syllabus_race: lab.Result) -> None:
    firsts = {curve.losses[0] for curve in syllabus_race.curves}
    assert len(firsts) == 1


def test_a_seed_gives_the_same_curves() -> None:
    first, again = lab.run(SHORT), lab.run(SHORT)
    other = lab.run(lab.Settings(epochs=30, seed=7))
    assert first.as_json() == again.as_json()
    assert first.curves[0].losses != other.curves[0].losses


def test_threshold_epoch_is_the_first_below() -> None:
    curve = lab.Curve("x", "x", (0.9, 0.5, 0.3, 0.2), accuracy=None)
    assert curve.reached(0.4) == 3
    assert curve.reached(0.1) is None


def entries(*paths: Path) -> list[learner.Entry]:
    return [learner.screen(path) for path in paths]


def test_learner_adam_races_like_torch_adam() -> None:
    result = lab.run(SHORT, entries(ADAM), default_hidden())
    mine = result.curves[-1]
    assert mine.name == "your Adam" and mine.error is None
    assert mine.twin is not None and mine.twin.same
    assert mine.twin.twin == "torch.optim.Adam(lr=0.01)"
    assert result.isolation


def test_adam_without_bias_correction_differs() -> None:
    result = lab.run(SHORT, entries(ADAM_NO_CORRECTION / "submission.py"))
    mine = result.curves[-1]
    assert mine.twin is not None and not mine.twin.same
    assert mine.twin.largest_gap > 100 * lab.SAME_CURVE


def test_a_class_that_raises_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.py"
    path.write_text(
        "import torch\n\n"
        "class Adagrad(torch.optim.Optimizer):\n"
        "    def __init__(self, params, lr=1e-2, eps=1e-10):\n"
        "        super().__init__(params, dict(lr=lr, eps=eps))\n\n"
        "    def step(self, closure=None):\n"
        "        raise ValueError('not yet')\n"
    )
    result = lab.run(SHORT, entries(path))
    mine = result.curves[-1]
    assert mine.error == "Adagrad raised ValueError: not yet (line 8)"
    assert result.failures == (f"{path}: {mine.error}",)
    assert [c.error for c in result.curves[:-1]] == [None, None, None]


def test_a_file_that_uses_torch_optim_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cheat.py"
    path.write_text("import torch\nAdam = torch.optim.Adam\n")
    with pytest.raises(JudgedWrong, match=r"torch\.optim\.Adam"):
        learner.screen(path)


def test_a_file_without_optimizers_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.py"
    path.write_text("x = 1\n")
    with pytest.raises(JudgedWrong, match="defines none of"):
        learner.screen(path)
