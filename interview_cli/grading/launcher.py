"""Start the sandboxed command under a watching parent, in namespaces if asked.

The sandbox runs this file as ``python -I -S launcher.py SPEC`` (SPEC is a
marshalled dict in hex, written by ``isolation.command``; marshal is built in,
where json would cost this launcher a third of its start-up). It uses only
the standard library because prep's own package is hidden from the command
it starts.

With namespaces (hosts without bubblewrap):

1. ``unshare`` mount, pid, network, IPC and UTS namespaces (plus a user
   namespace when not root, which is what allows the mounts);
2. fork: the child is pid 1 of the new pid namespace, so when it exits or is
   killed the kernel kills everything the command left behind;
3. the child makes the whole tree read-only, mounts a private /proc, /tmp and
   /dev/shm, covers each hidden folder with an empty tmpfs, puts back the
   interpreter and the script if they lay under one, and binds the scratch
   folder writable;
4. it drops every capability (and, when started as root, becomes nobody so
   the kernel's process limit applies), then execs the command.

The command itself is pid 1 there, which the kernel shields from signals it
has no handler for: SIGXCPU from the soft CPU limit is ignored and the hard
limit's SIGKILL a second later ends it (the sandbox reads both as a timeout).

Without namespaces it only forks the command and, on Linux, adopts whatever
the command leaves behind (a child subreaper) to kill it at the end. Either
way the command's parent is this launcher, not prep, and the launcher exits
the way the command did, so the caller sees its exit code or signal.
"""

from __future__ import annotations

import contextlib
import ctypes
import marshal
import os
import resource
import select
import signal
import sys
from typing import Any, NoReturn

CLONE_NEWNS = 0x00020000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000

MS_NOSUID = 0x2
MS_NODEV = 0x4
MS_NOEXEC = 0x8
MS_REC = 0x4000
MS_PRIVATE = 1 << 18

# These three system calls have the same numbers on every architecture.
SYS_OPEN_TREE = 428
SYS_MOVE_MOUNT = 429
SYS_MOUNT_SETATTR = 442
AT_FDCWD = -100
AT_EMPTY_PATH = 0x1000
AT_RECURSIVE = 0x8000
OPEN_TREE_CLONE = 0x1
MOVE_MOUNT_F_EMPTY_PATH = 0x4
MOUNT_ATTR_RDONLY = 0x1
MOUNT_ATTR_NOSUID = 0x2
MOUNT_ATTR_NODEV = 0x4

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
PR_SET_DUMPABLE = 4
PR_CAPBSET_DROP = 24
PR_SET_NO_NEW_PRIVS = 38
PR_CAP_AMBIENT = 47
PR_CAP_AMBIENT_CLEAR_ALL = 4

SETUP_FAILED = 125

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long


class MountAttr(ctypes.Structure):
    _fields_ = [
        ("attr_set", ctypes.c_uint64),
        ("attr_clr", ctypes.c_uint64),
        ("propagation", ctypes.c_uint64),
        ("userns_fd", ctypes.c_uint64),
    ]


def check(result: int, what: str) -> int:
    """Turn a C-style -1 return into an OSError naming the step."""
    if result < 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")
    return result


def mount(source: str, target: str, fstype: str, flags: int, data: str = "") -> None:
    """Call mount(2)."""
    check(
        libc.mount(
            source.encode(), target.encode(), fstype.encode(), flags, data.encode()
        ),
        f"mount {target}",
    )


def clone_tree(path: str) -> int:
    """A detached copy of the mounts at path, to attach after its parent is covered."""
    flags = OPEN_TREE_CLONE | AT_RECURSIVE | os.O_CLOEXEC
    fd = libc.syscall(SYS_OPEN_TREE, AT_FDCWD, path.encode(), flags)
    return check(fd, f"open_tree {path}")


def set_attr(fd: int, path: str, attrs: int, recursive: bool) -> None:
    """Set mount attributes (read-only, nosuid, ...) on a mount or a tree."""
    attr = MountAttr(attr_set=attrs)
    flags = AT_RECURSIVE if recursive else 0
    if fd != AT_FDCWD:
        flags |= AT_EMPTY_PATH
    result = libc.syscall(
        SYS_MOUNT_SETATTR,
        fd,
        path.encode(),
        flags,
        ctypes.byref(attr),
        ctypes.sizeof(attr),
    )
    check(result, f"mount_setattr {path or fd}")


def attach(fd: int, path: str, is_dir: bool) -> None:
    """Attach a cloned tree at path, creating the mount point inside a tmpfs."""
    if is_dir:
        os.makedirs(path, exist_ok=True)
    elif not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "x"):
            pass
    flags = MOVE_MOUNT_F_EMPTY_PATH
    result = libc.syscall(SYS_MOVE_MOUNT, fd, b"", AT_FDCWD, path.encode(), flags)
    check(result, f"move_mount {path}")
    os.close(fd)


def tmpfs(path: str, size: int, mode: str) -> None:
    """Mount an empty tmpfs of at most size bytes at path."""
    os.makedirs(path, exist_ok=True)
    mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, f"size={size},mode={mode}")


def enter_namespaces(unprivileged: bool) -> None:
    """Unshare everything; map ourselves to root of a new user namespace if needed."""
    flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS
    if not unprivileged:
        check(libc.unshare(flags), "unshare")
        return
    uid, gid = os.geteuid(), os.getegid()
    check(libc.prctl(PR_SET_DUMPABLE, 1, 0, 0, 0), "prctl dumpable")
    check(libc.unshare(flags | CLONE_NEWUSER), "unshare")
    for name, text in (
        ("setgroups", "deny"),
        ("uid_map", f"0 {uid} 1"),
        ("gid_map", f"0 {gid} 1"),
    ):
        with open(f"/proc/self/{name}", "w") as handle:
            handle.write(text)


def build_filesystem(spec: dict[str, Any]) -> None:
    """Read-only tree, private /proc and /tmp, hidden folders, writable scratch."""
    mount("none", "/", "", MS_REC | MS_PRIVATE)
    scratch = spec["scratch"]
    # Clone before covering anything: a path under a hidden folder cannot be
    # reached any more once the tmpfs is on top of it.
    clones = {path: clone_tree(path) for path in [scratch, *spec["rebind"]]}
    folders = {path for path in clones if os.path.isdir(path)}
    set_attr(AT_FDCWD, "/", MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID, recursive=True)
    mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    for path in spec["rebind"]:
        set_attr(clones[path], "", MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID, True)
    set_attr(clones[scratch], "", MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV, True)
    for kind, path in spec["plan"]:
        if kind == "tmp":
            tmpfs(path, spec["tmp_bytes"], "1777")
        elif kind == "hide":
            tmpfs(path, 64 * 1024, "755")
        else:
            attach(clones[path], path, path in folders)
    # Read-only last, so the mount points above could still be created.
    for kind, path in spec["plan"]:
        if kind == "hide":
            set_attr(AT_FDCWD, path, MOUNT_ATTR_RDONLY, recursive=False)


def drop_privileges(spec: dict[str, Any]) -> None:
    """No capability survives the exec; as root, also become an unprivileged user."""
    with open("/proc/sys/kernel/cap_last_cap") as handle:
        last_cap = int(handle.read())
    for cap in range(last_cap + 1):
        check(libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0), "drop capability")
    check(libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0), "ambient")
    if spec["uid"] is not None:
        os.setgroups([])
        os.setgid(spec["gid"])
        os.setuid(spec["uid"])
    # Setuid programs on the read-only tree must not hand privileges back.
    check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    # Set only now: the kernel counts processes per user inside the new
    # namespace, and would count all of the user's processes before it.
    limit = spec["processes"]
    resource.setrlimit(resource.RLIMIT_NPROC, (limit, limit))


def parent_is_gone(guard: int) -> bool:
    """True if the launcher died before the death signal was armed."""
    readable, _, _ = select.select([guard], [], [], 0)
    return bool(readable)


def die_with_parent(parent_is_alive: bool) -> None:
    """Have the kernel SIGKILL this process when its parent dies (Linux only).

    Called again after a change of user, which clears the setting.
    ``parent_is_alive`` covers the parent having died before it was armed.
    """
    if sys.platform.startswith("linux"):
        check(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "pdeathsig")
        if not parent_is_alive:
            os._exit(SETUP_FAILED)


def child(spec: dict[str, Any], guard: int) -> None:
    """The command's process (pid 1 of the namespace): set up, then exec."""
    die_with_parent(not parent_is_gone(guard))
    if spec["namespaces"]:
        build_filesystem(spec)
        os.chdir(spec["scratch"])
        drop_privileges(spec)
        # Becoming nobody cleared the death signal: arm it again.
        die_with_parent(not parent_is_gone(guard))
    os.execve(spec["argv"][0], spec["argv"], spec["env"])


def become_subreaper() -> None:
    """Adopt the command's orphans (double-forked daemons) so they can be killed."""
    if sys.platform.startswith("linux"):
        libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def kill_adopted() -> None:
    """SIGKILL every remaining descendant, round after round, until none is left."""
    if not sys.platform.startswith("linux"):
        return
    while True:
        children = _children()
        if not children:
            return
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        for pid in children:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)


def _children() -> list[int]:
    """Our direct children, from /proc (all threads of this process)."""
    found: list[int] = []
    for task in os.listdir("/proc/self/task"):
        with open(f"/proc/self/task/{task}/children") as handle:
            found += [int(pid) for pid in handle.read().split()]
    return found


def exit_like(status: int) -> NoReturn:
    """Leave with the child's exit code, or die of the same signal."""
    if os.WIFEXITED(status):
        os._exit(os.WEXITSTATUS(status))
    sig = os.WTERMSIG(status)
    if sig not in (signal.SIGKILL, signal.SIGSTOP):  # these cannot be caught
        signal.signal(sig, signal.SIG_DFL)
    os.kill(os.getpid(), sig)
    os._exit(128 + sig)


def fail(err: OSError) -> NoReturn:
    """Report a setup failure on stderr with a recognisable first line."""
    sys.stderr.write(f"prep sandbox: could not isolate the run: {err}\n")
    sys.stderr.flush()
    os._exit(SETUP_FAILED)


def main() -> None:
    """Entry point: SPEC is the only argument."""
    spec = marshal.loads(bytes.fromhex(sys.argv[1]))
    try:
        # If prep is killed (SIGKILL, a closed terminal), the launcher goes
        # too, and the command with it: nothing is left running on its own.
        die_with_parent(os.getppid() == spec["parent"])
        if spec["namespaces"]:
            enter_namespaces(unprivileged=os.geteuid() != 0)
        else:
            become_subreaper()
        guard, keep = os.pipe()
        pid = os.fork()
    except OSError as err:
        fail(err)
    if pid == 0:
        os.close(keep)
        try:
            child(spec, guard)
        except OSError as err:
            fail(err)
    os.close(guard)
    _, status = os.waitpid(pid, 0)
    if not spec["namespaces"]:
        kill_adopted()  # with a pid namespace, the kernel has done it
    exit_like(status)


if __name__ == "__main__":
    main()
