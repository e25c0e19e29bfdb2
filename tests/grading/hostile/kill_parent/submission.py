"""Kills its parent, unless the parent is the test itself (a sandbox failure)."""

import json
import os
import signal
import time
from pathlib import Path

grader = json.loads(Path("params.json").read_text())["grader_pid"]
parent = os.getppid()
if parent == grader:
    print("the parent is the grader: refusing, the sandbox let it through")
    raise SystemExit(3)
os.kill(parent, signal.SIGKILL)
time.sleep(1)
print("parent killed, still running")
