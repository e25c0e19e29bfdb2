"""Hostile submissions graded end to end: the right verdict, nothing leaked.

Each folder holds a submission written to attack the grader and the
verdict it must get. Limits are shortened so that the slow ones (an endless
loop) end in seconds; every process they start lives in the sandbox's own
pid namespace, or its session where namespaces are missing.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from interview_cli.grading import grader, sandbox

FOLDER = Path(__file__).resolve().parent / "submit_hostile"
CASES = sorted(p.parent for p in FOLDER.glob("*/submission.py"))
MARKER = Path("/tmp/prep-pickle-exploit-ran")
LIMITS = sandbox.Limits(wall_s=12.0, cpu_s=8)


@pytest.fixture
def secret_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREP_TEST_SECRET", "s3cret-value")


@pytest.mark.parametrize("folder", [pytest.param(p, id=p.name) for p in CASES])
def test_hostile_submission_is_held(
    folder: Path, secret_env: None, isolated_home: Path
) -> None:
    expected = json.loads((folder / "expected.json").read_text())
    MARKER.unlink(missing_ok=True)
    if "data_secret" in expected:
        isolated_home.mkdir(parents=True, exist_ok=True)
        (isolated_home / "progress.db").write_text(expected["data_secret"])
    absent = [_path(name) for name in expected.get("files_absent", [])]
    for path in absent:
        assert not path.exists(), f"{path} exists before the run"
    source = (folder / "submission.py").read_text()
    report = grader.grade(
        "attention.scaled-dot-product",
        source,
        seed=3,
        hidden=grader.default_hidden(),
        limits=LIMITS,
    )
    assert report.verdict == expected["verdict"], report
    if expected.get("marker_absent"):
        assert not MARKER.exists()
    if "stdout_lacks" in expected:
        assert expected["stdout_lacks"] not in report.output
    if "data_secret" in expected:
        assert expected["data_secret"] not in report.output
    written = [path for path in absent if path.exists()]
    for path in written:
        path.unlink()
    assert not written, f"the submission wrote {written}"
    if "processes_gone" in expected:
        # Named by the submission's own sleepers: only they carry this word.
        left = [
            pid
            for pid, line in _everything().items()
            if expected["processes_gone"] in line
        ]
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        assert not left, "processes of the submission outlived the run"
    assert len(report.output) <= 2 * LIMITS.output_bytes


def _path(name: str) -> Path:
    """A path of expected.json; TORCH stands for torch's package folder."""
    if name.startswith("TORCH/"):
        import torch

        return Path(torch.__file__).parent / name.removeprefix("TORCH/")
    return Path(name)


def _everything() -> dict[int, str]:
    """Every process's command line, by pid."""
    return {
        int(entry.name): _cmdline(int(entry.name))
        for entry in Path("/proc").iterdir()
        if entry.name.isdigit()
    }


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_stopping_prep_ends_the_grading_run(tmp_path: Path, sig: int) -> None:
    # An endless loop would hold the sandbox for its whole 30 s wall clock;
    # stopping prep must take the run down with it, at once.
    source = FOLDER / "infinite-loop" / "submission.py"
    submission = tmp_path / "loop.py"
    shutil.copy(source, submission)
    prep = Path(sys.executable).parent / "prep"
    env = {**os.environ, "PREP_HOME": str(tmp_path / "home")}
    command = [str(prep), "submit", "attention.scaled-dot-product", str(submission)]
    # A shell's background job would ignore SIGINT; restore the default.
    child = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 30
    while "harness.py" not in " ".join(_tree(child.pid).values()):
        assert time.monotonic() < deadline, "the run never started"
        time.sleep(0.1)
    time.sleep(1)
    running = _tree(child.pid)
    stopped = time.monotonic()
    child.send_signal(sig)
    _, err = child.communicate(timeout=20)
    assert time.monotonic() - stopped < 10
    assert child.returncode in {130, 128 + signal.SIGTERM}, err
    time.sleep(1)
    left = {pid for pid, line in running.items() if _cmdline(pid) == line}
    assert not left, f"outlived prep: {[running[pid] for pid in left]}"


def _tree(root: int) -> dict[int, str]:
    """The command lines of every descendant of root, by pid."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    found, frontier = {}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in found:
                found[pid] = _cmdline(pid)
                frontier.append(pid)
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""
