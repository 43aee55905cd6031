"""Page-by-page progress of long runs (impose, check, diff), heard by whoever listens.

The loops over pages call ``tick``; the CLI listens with a progress bar on a terminal. A
context variable, set only inside ``listening``, rather than a callback threaded through every
stage: the stages stay as they are, and nothing is heard when nobody listens (tests, library
use, a pipe)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Listener = Callable[[str, int, int], None]  # (what, done, total)

_listener: ContextVar[Listener | None] = ContextVar("monrecap_progress", default=None)


def tick(what: str, done: int, total: int) -> None:
    """``done`` of ``total`` pages (or sheets) of ``what`` are through."""
    listener = _listener.get()
    if listener is not None:
        listener(what, done, total)


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """Hear every ``tick`` made inside the block."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)
