"""The sandbox holds against hostile scripts, under every layer this machine has.

Each folder in ``hostile/`` is a script run directly (not through the harness)
and the outcome it must get (``expected.json``). The tests add what must not
happen outside: files created, secrets read, processes left alive. Every
hostile script is bounded on its own (fuses, sleeps that end), so a failing
sandbox fails a test without harming the machine, and the only processes a
test kills are the ones carrying its own scratch path.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from interview_cli import paths
from interview_cli.errors import PrepError
from interview_cli.grading import isolation, sandbox
from interview_cli.grading.isolation import Layer
from interview_cli.grading.sandbox import Limits, SandboxResult

HOSTILE = Path(__file__).parent / "hostile"
PACKAGE = Path(sandbox.__file__).resolve().parent.parent
REPO_QUESTIONS = PACKAGE.parent / "questions"
NAMESPACES = ("bwrap", "unshare")


@pytest.fixture(
    params=[
        pytest.param(layer.value, id=layer.value, marks=_skip)
        for layer in Layer
        for _skip in [
            pytest.mark.skipif(
                not isolation.available(layer), reason=f"no {layer.value} here"
            )
        ]
    ]
)
def layer(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test runs under each layer this machine can provide."""
    name: str = request.param
    monkeypatch.setenv(isolation.ENV_VAR, name)
    return name


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Path]:
    """A fresh scratch folder; whatever still mentions it afterwards is killed."""
    folder = tmp_path / "scratch"
    folder.mkdir()
    yield folder
    for pid in _processes_mentioning(str(folder)):
        os.kill(pid, signal.SIGKILL)


def _processes_mentioning(marker: str) -> list[int]:
    """Our test's processes: those whose command line contains marker."""
    found = []
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else []:
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except (OSError, ValueError):
            continue
        if entry.name.isdigit() and marker.encode() in cmdline:
            found.append(int(entry.name))
    return [pid for pid in found if pid != os.getpid()]


def _gone(marker: str, within_s: float = 3.0) -> bool:
    """Wait a moment for killed processes to disappear from /proc."""
    deadline = time.monotonic() + within_s
    while _processes_mentioning(marker):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def run_hostile(
    name: str,
    scratch: Path,
    params: dict[str, Any] | None = None,
    hidden: tuple[Path, ...] = (),
) -> SandboxResult:
    """Run hostile/NAME/submission.py from scratch and check expected.json."""
    folder = HOSTILE / name
    expected = json.loads((folder / "expected.json").read_text())
    shutil.copy(folder / "submission.py", scratch / "submission.py")
    (scratch / "params.json").write_text(json.dumps(params or {}))
    limits = Limits(**{"wall_s": 10.0, **expected.get("limits", {})})
    result = sandbox.run(scratch / "submission.py", scratch, limits, hidden)
    _check(result, expected)
    assert _gone(str(scratch)), "a process of the run is still alive"
    return result


def _check(result: SandboxResult, expected: dict[str, Any]) -> None:
    """Assert each field of expected.json against the result."""
    seen = f"{result}"
    for key in ("timed_out", "memory_exceeded", "signal", "exit_code"):
        if key in expected:
            assert getattr(result, key) == expected[key], seen
    if expected.get("exit_code_nonzero"):
        assert result.exit_code != 0, seen
    for stream in ("stdout", "stderr"):
        text = getattr(result, stream)
        if f"{stream}_contains" in expected:
            assert expected[f"{stream}_contains"] in text, seen
        if f"{stream}_lacks" in expected:
            assert expected[f"{stream}_lacks"] not in text, seen


def test_infinite_loop_is_killed_at_wall_clock(layer: str, scratch: Path) -> None:
    result = run_hostile("infinite_loop", scratch)
    assert result.duration_s < 5


def test_cpu_burn_stops_at_cpu_limit(layer: str, scratch: Path) -> None:
    result = run_hostile("cpu_burn", scratch)
    assert result.signal in (signal.SIGXCPU, signal.SIGKILL)
    assert result.duration_s < 8


def test_memory_bomb_fails_cleanly(layer: str, scratch: Path) -> None:
    run_hostile("memory_bomb", scratch)


def test_torch_imports_but_cannot_allocate_8_gib(layer: str, scratch: Path) -> None:
    run_hostile("torch_allocation", scratch)


def test_fork_bomb_is_capped_and_cleaned_up(layer: str, scratch: Path) -> None:
    result = run_hostile("fork_bomb", scratch, hidden=(Path.home(),))
    forks = (scratch / "forks.log").stat().st_size
    if "processes not capped" not in result.isolation:
        assert forks < 100, result.isolation
    assert forks > 0


def test_daemon_does_not_outlive_the_run(layer: str, scratch: Path) -> None:
    marker = f"{scratch}-daemon"
    run_hostile("daemon", scratch, {"marker": marker})
    assert _gone(marker), "a daemon of the run is still alive"


def test_loopback_listener_gets_no_connection(layer: str, scratch: Path) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.setblocking(False)
        port = listener.getsockname()[1]
        result = run_hostile("socket_loopback", scratch, {"port": port})
        if layer in NAMESPACES:
            with pytest.raises(BlockingIOError):
                listener.accept()
            assert "no connection" in result.stdout


def test_writes_outside_scratch_are_refused(
    layer: str, scratch: Path, tmp_path: Path
) -> None:
    in_tmp = Path("/tmp", f"prep-hostile-{uuid.uuid4().hex}")
    beside = tmp_path / "outside.txt"
    try:
        run_hostile("write_outside", scratch, {"targets": [str(in_tmp), str(beside)]})
        if layer in NAMESPACES:
            assert not in_tmp.exists()
            assert not beside.exists()
        assert (scratch / "inside.txt").read_text() == "fine"
    finally:
        in_tmp.unlink(missing_ok=True)


def test_home_and_data_folders_are_unreadable(
    layer: str, scratch: Path, tmp_path: Path
) -> None:
    secret = uuid.uuid4().hex
    home, data = tmp_path / "home", paths.data_dir()
    home.mkdir()
    files = [home / ".ssh-key", data / "progress.secret"]
    for file in files:
        file.write_text(secret)
    params = {"files": [str(f) for f in files], "folders": [str(home), str(data)]}
    result = run_hostile("read_secrets", scratch, params, hidden=(home, data))
    if layer in NAMESPACES:
        assert secret not in result.stdout
        assert f"listed {home}: []" in result.stdout
    else:
        assert "home and prep data readable" in result.isolation


def test_environment_is_not_inherited(
    layer: str, scratch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = uuid.uuid4().hex
    monkeypatch.setenv("PREP_TEST_SECRET", secret)
    result = run_hostile("read_environment", scratch)
    environ = result.stdout.split("\n", 1)[0]
    assert secret not in environ
    assert "'HOME': " + repr(str(scratch.resolve())) in environ
    if layer in NAMESPACES:
        # Without namespaces, /proc/<grader>/environ stays readable.
        assert secret not in result.stdout


def test_killing_its_parent_spares_the_grader(layer: str, scratch: Path) -> None:
    result = run_hostile("kill_parent", scratch, {"grader_pid": os.getpid()})
    assert result.exit_code != 3, "the script's parent was the grader"


def test_200_mb_of_output_is_capped(layer: str, scratch: Path) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = run_hostile("big_output", scratch)
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert len(result.stdout) <= Limits().output_bytes
    assert "bytes of output dropped" in result.stdout
    assert result.duration_s < 8
    assert grown_kib < 50 * 1024


def test_prep_package_cannot_be_imported(layer: str, scratch: Path) -> None:
    hidden = (PACKAGE, REPO_QUESTIONS, Path.home())
    params = {"package": str(PACKAGE)}
    result = run_hostile("import_prep", scratch, params, hidden=hidden)
    if layer in NAMESPACES:
        assert "imported" not in result.stdout
        assert "sandbox.py" not in result.stdout


def test_script_under_hidden_folder_still_runs(
    layer: str, scratch: Path, tmp_path: Path
) -> None:
    package = tmp_path / "package"
    package.mkdir()
    (package / "reference.py").write_text("ANSWER = 42\n")
    script = package / "harness.py"
    script.write_text(
        "import os\nprint(sorted(os.listdir(os.path.dirname(__file__))))\n"
    )
    result = sandbox.run(script, scratch, hidden=(package,))
    assert result.exit_code == 0, result
    if layer in NAMESPACES:
        assert result.stdout.strip() == "['harness.py']"


def test_exit_code_and_output_are_reported(layer: str, scratch: Path) -> None:
    script = scratch / "plain.py"
    script.write_text(
        "import sys\nprint('out')\nprint('err', file=sys.stderr)\nsys.exit(3)\n"
    )
    result = sandbox.run(script, scratch)
    assert (result.exit_code, result.signal) == (3, None)
    assert (result.stdout, result.stderr) == ("out\n", "err\n")
    assert not result.timed_out and not result.memory_exceeded


def test_isolation_level_names_the_forced_layer(layer: str) -> None:
    words = sandbox.isolation_level()
    if layer == "bwrap":
        assert words.startswith("namespaces (bubblewrap)")
    elif layer == "unshare":
        assert words.startswith("namespaces (kernel unshare)")
    else:
        assert words.startswith("resource limits only (PREP_SANDBOX=none)")


def test_unknown_forced_layer_is_a_user_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(isolation.ENV_VAR, "docker")
    with pytest.raises(PrepError, match="PREP_SANDBOX=docker"):
        sandbox.isolation_level()


def test_best_layer_is_chosen_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(isolation.ENV_VAR, raising=False)
    expected = "resource limits only"
    if isolation.available(Layer.BWRAP) or isolation.available(Layer.UNSHARE):
        expected = "namespaces"
    assert sandbox.isolation_level().startswith(expected)


def test_long_output_keeps_start_and_end(tmp_path: Path) -> None:
    text = tmp_path / "out"
    text.write_text("start" + "x" * 10_000 + "end")
    kept = sandbox.read_capped(text, 1000)
    assert kept.startswith("start") and kept.endswith("end")
    assert len(kept) <= 1000


def test_sandbox_module_does_not_import_torch() -> None:
    code = "import sys, interview_cli.grading.sandbox; print('torch' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


def test_interpreter_under_hidden_home_is_put_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, venv = tmp_path / "home", tmp_path / "home" / "venv"
    package = venv / "lib" / "interview_cli"
    for folder in (package, home / "scratch"):
        folder.mkdir(parents=True)
    monkeypatch.setattr(isolation, "interpreter_paths", lambda: {venv})
    scratch = home / "scratch"
    view = isolation.plan_view(scratch / "s.py", scratch, [home, package])
    steps = [(kind, path) for kind, path in isolation.mount_steps(view)]
    # The home is covered first, the venv put back on top, the package hidden
    # again inside it, and the scratch folder bound last at its depth.
    assert steps.index(("hide", home)) < steps.index(("bind", venv))
    assert steps.index(("bind", venv)) < steps.index(("hide", package))
    assert ("bind", scratch) in steps
    assert view.rebind == (venv,)


DRIVER = """
import sys
from pathlib import Path
from interview_cli.grading import sandbox
script = Path(sys.argv[1])
sandbox.run(script, script.parent, sandbox.Limits(wall_s=60.0, cpu_s=60))
"""


def test_run_dies_with_the_process_that_started_it(layer: str, scratch: Path) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("only Linux has a parent-death signal")
    script = scratch / "sleeper.py"
    script.write_text("import time\nopen('started', 'w').close()\ntime.sleep(50)\n")
    scratch.chmod(0o777)  # run as nobody, it writes its marker here
    driver = subprocess.Popen([sys.executable, "-c", DRIVER, str(script)])
    deadline = time.monotonic() + 30
    while not (scratch / "started").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert (scratch / "started").exists(), "the sleeper never started"
    assert _processes_mentioning(str(script))
    driver.kill()  # prep killed outright: no handler, no finally runs
    driver.wait()
    assert _gone(str(script)), "the sandboxed run outlived prep"


def test_stop_all_ends_runs_at_once(layer: str, scratch: Path) -> None:
    import threading

    script = scratch / "sleeper.py"
    script.write_text("import time\ntime.sleep(50)\n")
    results: list[SandboxResult] = []
    limits = Limits(wall_s=60.0, cpu_s=60)
    worker = threading.Thread(
        target=lambda: results.append(sandbox.run(script, scratch, limits))
    )
    started = time.monotonic()
    worker.start()
    while not _processes_mentioning(str(script)) and time.monotonic() < started + 10:
        time.sleep(0.05)
    time.sleep(0.5)
    sandbox.stop_all()
    worker.join(timeout=20)
    assert results and results[0].signal == signal.SIGKILL
    assert time.monotonic() - started < 15
    assert _gone(str(script))
