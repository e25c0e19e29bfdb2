"""Which isolation layer a sandboxed run gets, the command that applies it, in words.

Three layers, best first: bubblewrap, the kernel's namespaces driven by
``launcher.py``, and resource limits alone (macOS, locked-down containers, or
``PREP_SANDBOX=none``). ``PREP_SANDBOX=bwrap|unshare|none`` forces one.
"""

from __future__ import annotations

import enum
import marshal
import os
import platform
import pwd
import shutil
import stat
import sys
import sysconfig
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from interview_cli.errors import PrepError
from interview_cli.grading.limits import Identity, Limits

ENV_VAR = "PREP_SANDBOX"
LAUNCHER = Path(__file__).with_name("launcher.py")
TMP_BYTES = 256 * 1024**2  # the private /tmp and /dev/shm, each
HIDE_BYTES = 64 * 1024  # a hidden folder's tmpfs only ever holds mount points
PRIVATE_TMP = (Path("/tmp"), Path("/dev/shm"))

# Inside bubblewrap the process limit has to be set after the user namespace
# exists (before it, the kernel would count every process of the user), so
# a tiny interpreter without site sets it and execs the real one.
NPROC_STUB = (
    "import os,resource as r,sys;n=int(sys.argv[1]);"
    "r.setrlimit(r.RLIMIT_NPROC,(n,n));os.execv(sys.argv[2],sys.argv[2:])"
)


class Layer(enum.Enum):
    """How a run is isolated, strongest first."""

    BWRAP = "bwrap"
    UNSHARE = "unshare"
    NONE = "none"


@dataclass(frozen=True)
class View:
    """What the sandboxed process should see of the filesystem."""

    script: Path
    scratch: Path
    hidden: tuple[Path, ...]  # existing folders, each covered by an empty tmpfs
    rebind: tuple[Path, ...]  # interpreter and script paths under a hidden folder


def plan_view(script: Path, scratch: Path, hidden: Iterable[Path]) -> View:
    """Resolve the paths and work out what must be put back under hidden folders."""
    script, scratch = script.resolve(), scratch.resolve()
    covered = tuple(
        sorted({p.resolve() for p in hidden if p.is_dir() and p.resolve() != Path("/")})
    )
    needed = [*interpreter_paths()]
    if not _within(script, [scratch]):
        needed.append(script)
    # The interpreter must keep working even when it lives in a hidden home
    # (pyenv under ~/.pyenv) or under /tmp, which the sandbox replaces.
    shadowed = (*covered, *PRIVATE_TMP)
    rebind = tuple(sorted({p for p in needed if _within(p, shadowed)}))
    return View(script, scratch, covered, rebind)


def interpreter_paths() -> set[Path]:
    """The folders this Python and its installed packages live in."""
    names = (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix)
    paths = {Path(name).resolve() for name in names}
    for key in ("purelib", "platlib"):
        paths.add(Path(sysconfig.get_paths()[key]).resolve())
    return {p for p in paths if not any(o != p and o in p.parents for o in paths)}


def mount_steps(view: View) -> list[tuple[str, Path]]:
    """Mounts in an order where deeper paths land on top of shallower ones."""
    steps = [("tmp", path) for path in PRIVATE_TMP]
    steps += [("hide", path) for path in view.hidden]
    steps += [("bind", path) for path in (*view.rebind, view.scratch)]
    order = {"tmp": 0, "hide": 0, "bind": 1}
    return sorted(steps, key=lambda step: (len(step[1].parts), order[step[0]]))


def _within(path: Path, folders: Iterable[Path]) -> bool:
    return any(path == folder or folder in path.parents for folder in folders)


def _read(path: str) -> str:
    try:
        with open(path) as handle:
            return handle.read().strip()
    except OSError:
        return ""


def _user_namespaces_allowed() -> bool:
    """Whether this process may create namespaces (always, for root on Linux)."""
    if not sys.platform.startswith("linux") or not os.path.exists("/proc/self/ns"):
        return False
    if os.geteuid() == 0:
        return True
    if _read("/proc/sys/user/max_user_namespaces") in ("", "0"):
        return False
    # Ubuntu 24.04 lets only programs with an AppArmor profile (bwrap has
    # one) create user namespaces; a Python launcher would be refused.
    return _read("/proc/sys/kernel/apparmor_restrict_unprivileged_userns") != "1"


def _kernel_has_mount_api() -> bool:
    """mount_setattr (Linux 5.12) makes a whole tree read-only in one call."""
    numbers = platform.release().split("-")[0].split(".")[:2]
    try:
        return (int(numbers[0]), int(numbers[1])) >= (5, 12)
    except (ValueError, IndexError):
        return False


def available(layer: Layer) -> bool:
    """Whether this machine can apply the layer."""
    if layer is Layer.NONE:
        return True
    if not _user_namespaces_allowed():
        return False
    if layer is Layer.BWRAP:
        return shutil.which("bwrap") is not None
    return _kernel_has_mount_api()


def nobody() -> Identity | None:
    """The unprivileged account a root grader hands the run to, if there is one."""
    try:
        entry = pwd.getpwnam("nobody")
    except KeyError:
        return None
    return Identity(entry.pw_uid, entry.pw_gid)


def identity(layer: Layer, view: View) -> Identity | None:
    """As root, run as nobody when nobody can reach everything the run needs.

    The kernel never applies the process limit to root (not even to root of
    a user namespace mapped onto it), and root owns files such as
    /etc/shadow; nobody is bound by both.
    """
    if os.geteuid() != 0:
        return None
    account = nobody()
    if account is None:
        return None
    # bubblewrap resolves its sources as the user it runs as, in the real
    # tree; the launcher mounts as root, so there nobody walks the private view.
    covered = (*view.hidden, *PRIVATE_TMP) if layer is Layer.UNSHARE else ()
    needed = [*interpreter_paths(), view.script, view.scratch.parent]
    return account if all(_reachable(p, covered) for p in needed) else None


def _reachable(path: Path, covered: Sequence[Path]) -> bool:
    """Whether others may walk to path (and read it, if it is a file)."""
    for folder in [*reversed(path.parents), path]:
        if folder != path and _within(folder, covered):
            continue  # a folder the launcher creates on a tmpfs: mode 755
        try:
            mode = folder.stat().st_mode
        except OSError:
            return False
        wanted = stat.S_IXOTH if stat.S_ISDIR(mode) else stat.S_IROTH
        if not mode & wanted:
            return False
    return True


def choose(view: View) -> Layer:
    """The layer for this run: forced by PREP_SANDBOX, else the best available."""
    forced = os.environ.get(ENV_VAR, "").strip().lower()
    if forced:
        return _forced(forced)
    layers = [layer for layer in (Layer.BWRAP, Layer.UNSHARE) if available(layer)]
    if not layers:
        return Layer.NONE
    # For a root grader, a layer that can run as nobody caps processes; that
    # outweighs bubblewrap's extra polish.
    bwrap_as_root = identity(Layer.BWRAP, view) is None
    if len(layers) == 2 and bwrap_as_root and identity(Layer.UNSHARE, view):
        return Layer.UNSHARE
    return layers[0]


def _forced(name: str) -> Layer:
    try:
        layer = Layer(name)
    except ValueError:
        choices = ", ".join(layer.value for layer in Layer)
        raise PrepError(f"{ENV_VAR}={name} is not one of {choices}") from None
    if not available(layer):
        raise PrepError(
            f"{ENV_VAR}={name}: this machine cannot provide that sandbox; "
            f"use {ENV_VAR}=none to grade with resource limits only"
        )
    return layer


def command(
    layer: Layer, view: View, limits: Limits, account: Identity | None
) -> list[str]:
    """The argv that runs the script under the layer."""
    python = [sys.executable, "-I", str(view.script)]
    if layer is Layer.BWRAP:
        return _bwrap_command(view, limits, account) + python
    return _launcher_command(layer, view, limits, account, python)


def _bwrap_command(view: View, limits: Limits, account: Identity | None) -> list[str]:
    """bubblewrap's options; a process-limit stub goes first where it can apply."""
    argv = [shutil.which("bwrap") or "bwrap", "--unshare-all", "--unshare-user"]
    # No capabilities: root of the sandbox's user namespace could otherwise
    # unmount the tmpfs that hides the home folder.
    argv += ["--disable-userns", "--cap-drop", "ALL"]
    argv += ["--die-with-parent", "--new-session"]
    argv += ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]
    for kind, path in mount_steps(view):
        argv += _bwrap_step(kind, path, view.scratch)
    for path in view.hidden:
        argv += ["--remount-ro", str(path)]
    argv += ["--chdir", str(view.scratch), "--"]
    if os.geteuid() != 0 or account is not None:
        argv += [sys.executable, "-I", "-S", "-c", NPROC_STUB, str(limits.processes)]
    return argv


def _bwrap_step(kind: str, path: Path, scratch: Path) -> list[str]:
    if kind == "tmp":
        return ["--perms", "1777", "--size", str(TMP_BYTES), "--tmpfs", str(path)]
    if kind == "hide":
        return ["--perms", "0755", "--size", str(HIDE_BYTES), "--tmpfs", str(path)]
    option = "--bind" if path == scratch else "--ro-bind"
    return [option, str(path), str(path)]


def _launcher_command(
    layer: Layer,
    view: View,
    limits: Limits,
    account: Identity | None,
    python: list[str],
) -> list[str]:
    spec = {
        "namespaces": layer is Layer.UNSHARE,
        "scratch": str(view.scratch),
        "rebind": [str(path) for path in view.rebind],
        "plan": [[kind, str(path)] for kind, path in mount_steps(view)],
        "tmp_bytes": TMP_BYTES,
        "uid": account.uid if account else None,
        "gid": account.gid if account else None,
        "processes": limits.processes,
        "parent": os.getpid(),  # the launcher dies with this process
        "argv": python,
        "env": environment(view.scratch),
    }
    return [sys.executable, "-I", "-S", str(LAUNCHER), marshal.dumps(spec).hex()]


def environment(scratch: Path) -> dict[str, str]:
    """The whole environment of a run: nothing of the user's is passed on."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(scratch),
        "OMP_NUM_THREADS": "1",  # also keeps torch's address space small
        "MALLOC_ARENA_MAX": "2",
        "PYTHONDONTWRITEBYTECODE": "1",
        "LC_ALL": "C.UTF-8",
    }


def processes_capped(layer: Layer, account: Identity | None) -> bool:
    """Whether RLIMIT_NPROC binds the run (never root's, never outside a namespace)."""
    if account is not None:
        return True
    return layer is not Layer.NONE and os.geteuid() != 0


def describe(
    layer: Layer, account: Identity | None, hidden_words: str, reason: str = ""
) -> str:
    """The isolation in plain words, for the verdict and --json."""
    capped = processes_capped(layer, account)
    limits = "cpu, memory, processes, file size, open files"
    if not capped:
        limits = "cpu, memory, file size, open files (processes not capped: " + (
            "the kernel exempts root)" if os.geteuid() == 0 else "no user namespace)"
        )
    if layer is Layer.NONE:
        why = reason or _why_no_namespaces()
        leftovers = (
            "processes left behind killed unless the script kills its launcher"
            if sys.platform.startswith("linux")
            else "a process that starts its own session can outlive the run"
        )
        return (
            f"resource limits only ({why}): no network or filesystem isolation, "
            f"home and prep data readable, {leftovers}; environment cleared; "
            f"limits: {limits}"
        )
    tool = "bubblewrap" if layer is Layer.BWRAP else "kernel unshare"
    user = ", runs as nobody" if account else ""
    return (
        f"namespaces ({tool}): no network, read-only filesystem except the scratch "
        f"folder, {hidden_words}, pid namespace (nothing outlives the run)"
        f"{user}; environment cleared; limits: {limits}"
    )


def _why_no_namespaces() -> str:
    if os.environ.get(ENV_VAR, "").strip().lower() == Layer.NONE.value:
        return f"{ENV_VAR}=none"
    if not sys.platform.startswith("linux"):
        return "no namespaces on this platform"
    return "this machine does not allow namespaces"


def hidden_words(hidden: Sequence[Path]) -> str:
    """Name the hidden folders briefly: 'home' for the home folder, else by name."""
    if not hidden:
        return "nothing hidden"
    home = Path.home().resolve()
    names = ["home" if path == home else path.name for path in hidden]
    return "hidden: " + ", ".join(names)
