"""Leaves two sleepers behind: a plain child and a double-forked daemon.

Both carry the marker from params.json in their argv, so the test can tell
whether they survived the run.
"""

import json
import os
import sys
import time
from pathlib import Path

marker = json.loads(Path("params.json").read_text())["marker"]
sleeper = [sys.executable, "-I", "-c", "import time; time.sleep(20)", marker]

if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execv(sys.executable, sleeper)
    os._exit(0)
if os.fork() == 0:
    os.execv(sys.executable, sleeper)
time.sleep(0.5)
print("daemons started", flush=True)
