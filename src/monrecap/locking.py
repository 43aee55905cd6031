"""One writer at a time on shared state: an exclusive `fcntl` lock on a lock file.

Every command that writes shared state — the ledger (`runs/`), the feedback store
(`feedback/`), `dist/.versions.json`, release outputs, the impact store — holds
:func:`exclusive` around reading that state, deciding (ids, lot numbers) and writing it, so
that two processes never decide from the same old state. The repository's stores lock
`.locks/<store>.lock` at its root (:func:`lock_path`; ignored by git), so that the folders
meant for git hold only their data; outputs under `dist/` lock a file beside them.

The lock file records who holds it (pid, command, start time): a process that has to wait
says for whom, and gives up after its timeout with a :class:`LockTimeout` (exit 2). The
kernel releases the lock when its holder exits, killed or not: a crash never leaves a stale
lock.

Limits: advisory (a process that does not use this module is not held back), one machine
(`flock` is not reliable over NFS), and the lock file is never deleted (deleting it would let
a waiter lock a file that is no longer the lock).
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from monrecap.errors import MonrecapError

#: Seconds a command waits for another one to finish, unless MONRECAP_LOCK_TIMEOUT says.
DEFAULT_TIMEOUT = 600.0
TIMEOUT_ENV = "MONRECAP_LOCK_TIMEOUT"
_POLL = 0.05
_held = threading.local()  # the lock files this thread holds (re-entrant per thread)


class LockTimeout(MonrecapError):
    """Another process held the lock longer than this one would wait."""


LockedError = LockTimeout  # the name `impact` first knew it by


def lock_path(root: Path, store: str) -> Path:
    """The lock file of one of the repository's stores: ``<root>/.locks/<store>.lock``
    (``ledger``, ``feedback``, ``impact``)."""
    return root / ".locks" / f"{store}.lock"


def holder(lock_file: Path) -> dict | None:
    """What the lock file says about its holder: {"pid", "command", "since"}, or None when it
    says nothing readable (being written, or never locked)."""
    try:
        data = json.loads(lock_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and "pid" in data else None


def describe(info: dict | None) -> str:
    """« another `monrecap orders plan` is running (pid 4242, since 10:42:05) »: the time
    alone when it started today, with its date otherwise.

    >>> describe({"pid": 4242, "command": "orders plan", "since": "2020-01-02T10:42:05"})
    'another `monrecap orders plan` is running (pid 4242, since 2020-01-02 10:42:05)'
    >>> describe(None)
    'another monrecap command is running'
    """
    if not info:
        return "another monrecap command is running"
    since = str(info.get("since", ""))
    try:
        when = dt.datetime.fromisoformat(since)
        since = when.strftime("%H:%M:%S" if when.date() == dt.date.today()
                              else "%Y-%m-%d %H:%M:%S")
    except ValueError:
        pass
    command = str(info.get("command", "?"))
    command = command if command.startswith("monrecap") else f"monrecap {command}"
    return f"another `{command}` is running (pid {info.get('pid', '?')}, since {since})"


def timeout_default() -> float:
    """MONRECAP_LOCK_TIMEOUT (seconds, 0 = do not wait) or DEFAULT_TIMEOUT."""
    value = os.environ.get(TIMEOUT_ENV, "").strip()
    try:
        return max(0.0, float(value)) if value else DEFAULT_TIMEOUT
    except ValueError:
        raise MonrecapError(f"{TIMEOUT_ENV}={value}: not a number of seconds") from None


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextmanager
def exclusive(lock_file: Path, command: str, *, timeout: float | None = None,
              on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold an exclusive lock on ``lock_file`` for the ``with`` block.

    ``command`` is what the holder is doing, as the user typed it (``"orders plan"`` or
    ``"monrecap orders plan"``): it is written into the lock file with the pid and the start
    time. When another process holds the lock, ``on_wait`` (default: a
    line on stderr) hears once « waiting: another `monrecap orders plan` is running (pid N,
    since HH:MM:SS) », and the call waits up to ``timeout`` seconds (default
    MONRECAP_LOCK_TIMEOUT, else 600; 0 means do not wait), then raises :class:`LockTimeout`
    (a MonrecapError: exit 2) naming the holder. The folder of ``lock_file`` is created.
    Re-entrant within one thread: a nested ``exclusive`` on the same file just runs; another
    thread of the same process waits like another process.

    Inside the block, re-read the state you are about to change (another process may have
    changed it while you waited), decide, and write atomically (``files.write_atomic``).
    OSError (a read-only folder) is raised as is.
    """
    key = Path(os.path.realpath(lock_file))
    held: set[Path] = _held.__dict__.setdefault("files", set())
    if key in held:  # nested: the outermost `exclusive` holds the lock and releases it
        yield
        return
    wait = timeout_default() if timeout is None else max(0.0, timeout)
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        start = time.monotonic()
        deadline = start + wait
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise
            info = holder(lock_file)
            if time.monotonic() >= deadline:
                raise LockTimeout(f"{lock_file}: {describe(info)}; gave up after "
                                  f"{wait:g} s (set {TIMEOUT_ENV} to wait longer)")
            if not told and (info is not None or time.monotonic() - start > 1):
                (on_wait or _say)(f"waiting: {describe(info)}")
                told = True
            time.sleep(_POLL)
        record = json.dumps({"pid": os.getpid(), "command": command,
                             "since": dt.datetime.now().isoformat(timespec="seconds")})
        os.ftruncate(fd, 0)
        os.pwrite(fd, (record + "\n").encode("utf-8"), 0)
        held.add(key)
        try:
            yield
        finally:
            held.discard(key)
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # releases the lock
