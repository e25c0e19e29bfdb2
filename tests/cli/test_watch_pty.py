"""``prep submit --watch`` in a pseudo-terminal: grades again on every save."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pexpect

PREP = str(Path(sys.executable).parent / "prep")
ATTENTION = (
    Path(__file__).resolve().parent.parent
    / "grading"
    / "golden"
    / "attention.scaled-dot-product"
)


def test_watch_regrades_each_save(tmp_path: Path, isolated_home: Path) -> None:
    path = tmp_path / "attention.py"
    shutil.copy(ATTENTION / "accepted-matmul" / "submission.py", path)
    child = pexpect.spawn(
        PREP,
        ["submit", "--watch", "attention.scaled-dot-product", str(path)],
        env={**os.environ, "COLUMNS": "120"},
        encoding="utf-8",
        timeout=120,
    )
    try:
        child.expect("ACCEPTED")
        child.expect("watching")
        time.sleep(0.05)  # a new mtime, even on coarse file systems
        shutil.copy(ATTENTION / "wrong-no-scale" / "submission.py", path)
        os.utime(path, (time.time() + 1, time.time() + 1))
        child.expect("WRONG_ANSWER")
        child.expect("diagnosis:")
        child.expect("watching")
        child.sendcontrol("c")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
