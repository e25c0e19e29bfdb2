"""Tries to write files outside its scratch folder (paths from params.json)."""

import json
from pathlib import Path

for target in json.loads(Path("params.json").read_text())["targets"]:
    try:
        with open(target, "w") as handle:
            handle.write("escaped")
        print(f"wrote {target}")
    except OSError as err:
        print(f"refused {target}: {err.strerror}")
with open("inside.txt", "w") as handle:
    handle.write("fine")
print("wrote inside")
