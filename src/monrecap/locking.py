"""One writer at a time on a store: an fcntl lock file that says who holds it."""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import MonrecapError


class LockedError(MonrecapError):
    """Raised by :func:`exclusive` when another monrecap command holds the lock too long."""


@contextmanager
def exclusive(lock_file: Path, command: str, *, timeout: float = 10.0) -> Iterator[None]:
    """Hold an exclusive lock on ``lock_file`` for the block; wait up to ``timeout`` seconds.

    The holder writes its pid, its command and when it started into the file, so that a
    second command can say who it waits for. The lock is the kernel's (``flock``): a process
    that dies releases it, so there is never a stale lock to remove by hand.
    """
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockedError(_held_by(fd, lock_file)) from None
                time.sleep(0.05)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n{command}\n{dt.datetime.now().isoformat(timespec='seconds')}\n"
                  .encode("utf-8"), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _held_by(fd: int, lock_file: Path) -> str:
    """« another `monrecap impact import` is running (pid 4242, since 2026-03-14T10:42:05) »."""
    try:
        pid, command, since = (os.pread(fd, 4096, 0).decode("utf-8", "replace")
                               .splitlines() + ["?", "?", "?"])[:3]
    except OSError:
        pid = command = since = "?"
    return (f"{lock_file}: another `{command or 'monrecap'}` is running (pid {pid}, since "
            f"{since}); try again when it has finished")
