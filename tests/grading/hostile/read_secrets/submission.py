"""Tries to read secret files in the home and data folders, and list them."""

import json
import os
from pathlib import Path

params = json.loads(Path("params.json").read_text())
for path in params["files"]:
    try:
        with open(path) as handle:
            print(f"read {path}: {handle.read()}")
    except OSError as err:
        print(f"refused {path}: {err.strerror}")
for folder in params["folders"]:
    try:
        print(f"listed {folder}: {os.listdir(folder)}")
    except OSError as err:
        print(f"refused {folder}: {err.strerror}")
