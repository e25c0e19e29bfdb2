"""Runs harness.py on many scratch folders from one warm interpreter (tests only).

Importing torch costs about two seconds; forking a process that already has
it costs milliseconds. Each folder still gets its own process, so the
guard's patches and the submission's module never leak between folders.
Usage: python -I fork_runner.py HARNESS FOLDER...
"""

from __future__ import annotations

import importlib.util
import os
import sys

import torch
import torch._dynamo  # imported for its side effect, see main()

WORKERS = 2


def run_one(harness_path: str, folder: str) -> None:
    os.chdir(folder)
    out = os.open("output.txt", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(out, 1)
    os.dup2(out, 2)
    spec = importlib.util.spec_from_file_location("harness", harness_path)
    assert spec is not None and spec.loader is not None
    harness = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(harness)
    harness.main()


def main() -> None:
    # Forking after a multi-threaded op can deadlock in OpenMP; one thread
    # before any op avoids it.
    torch.set_num_threads(1)
    # torch.optim.Optimizer.__init__ imports torch._dynamo (about 1.5 s);
    # importing it here, once, spares every optimizer submission that cost.
    harness_path, folders = sys.argv[1], sys.argv[2:]
    running = 0
    for folder in folders:
        if running >= WORKERS:
            os.wait()
            running -= 1
        if os.fork() == 0:
            try:
                run_one(harness_path, folder)
            finally:
                os._exit(0)
        running += 1
    while running:
        os.wait()
        running -= 1


if __name__ == "__main__":
    main()
