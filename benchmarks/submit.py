"""How long grading takes next to the torch import it cannot avoid.

Run: python benchmarks/submit.py [--runs N]

Prints the median of ``prep submit`` on an accepted scaled-dot-product
attention file against ``python -c "import torch"`` and the ratio (the code
grading issue targets at most 1.3x), and the median re-grade of the warm
worker behind ``--watch`` (target at most 0.1x), with the sandbox used.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PREP = str(Path(sys.executable).parent / "prep")
ACCEPTED = (
    ROOT
    / "tests/grading/golden/attention.scaled-dot-product/accepted-matmul/submission.py"
)


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    return time.perf_counter() - started, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    env = {**os.environ, "PREP_HOME": tempfile.mkdtemp(prefix="prep-bench-")}
    submit = [PREP, "submit", "--json", "attention.scaled-dot-product", str(ACCEPTED)]
    torch_import = [sys.executable, "-c", "import torch"]

    timed(submit, env)  # warm the page cache and prep's bank cache
    base = statistics.median(timed(torch_import, env)[0] for _ in range(runs))
    results = [timed(submit, env) for _ in range(runs)]
    median = statistics.median(seconds for seconds, _ in results)
    report = json.loads(results[-1][1])
    print(
        f"medians of {runs} runs; verdict {report['verdict']}, {report['total']} cases"
    )
    print(f"sandbox: {report['isolation']}")
    print(f"  import torch      {base * 1000:8.0f} ms")
    ratio = median / base
    print(f"  prep submit       {median * 1000:8.0f} ms   {ratio:.2f}x (target 1.3x)")
    regrade = watch_regrade(runs, env)
    ratio = regrade / base
    print(f"  --watch re-grade  {regrade * 1000:8.0f} ms   {ratio:.2f}x (target 0.1x)")


def watch_regrade(runs: int, env: dict[str, str]) -> float:
    """Median seconds for the warm worker to grade the file again."""
    os.environ["PREP_HOME"] = env["PREP_HOME"]
    from interview_cli.grading.grader import WarmWorker, default_hidden

    source = ACCEPTED.read_text()
    worker = WarmWorker(default_hidden())
    try:
        worker.grade("attention.scaled-dot-product", source, seed=1)  # warm-up
        times = []
        for seed in range(runs):
            started = time.perf_counter()
            worker.grade("attention.scaled-dot-product", source, seed=seed)
            times.append(time.perf_counter() - started)
    finally:
        worker.close()
    return statistics.median(times)


if __name__ == "__main__":
    main()
