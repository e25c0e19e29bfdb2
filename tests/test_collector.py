"""The executable's paused garbage collector comes back for long work."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_cli import collector
from tests.bank.test_schema import GOOD
from tests.conftest import RunPrep


@pytest.fixture
def paused() -> Iterator[None]:
    """The collector as the ``prep`` executable leaves it, restored afterwards."""
    collector.pause()
    try:
        yield
    finally:
        collector.resume()  # a no-op when the code under test resumed it
        gc.unfreeze()


def test_resume_turns_collection_back_on_and_freezes_start_up(paused: None) -> None:
    assert not gc.isenabled()
    collector.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


def test_resume_leaves_a_collector_it_did_not_pause_alone() -> None:
    gc.disable()
    try:
        collector.resume()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_quiz_resumes_it_once_it_asks(
    paused: None, prep: RunPrep, tmp_path: Path
) -> None:
    (tmp_path / "demo.yaml").write_text(GOOD)
    run = prep("quiz", "--bank", str(tmp_path), "--topic", "demo", stdin="q\n")
    assert run.code == 0
    assert gc.isenabled()
