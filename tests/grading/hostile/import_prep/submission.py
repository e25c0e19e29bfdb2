"""Tries to import prep's package and read the references' source."""

import json
import os
from pathlib import Path

for name in ("interview_cli.paths", "interview_cli.grading.sandbox"):
    try:
        __import__(name)
        print(f"imported {name}")
    except ImportError as err:
        print(f"cannot import {name}: {type(err).__name__}")
package = json.loads(Path("params.json").read_text())["package"]
try:
    print(f"listed package: {sorted(os.listdir(package))}")
except OSError as err:
    print(f"cannot list package: {err.strerror}")
