"""Prints 200 MB to stdout as fast as it can."""

import sys

line = "x" * 1023 + "\n"
block = line * 1024
for _ in range(200):
    sys.stdout.write(block)
sys.stdout.flush()
print("all 200 MB written", file=sys.stderr)
