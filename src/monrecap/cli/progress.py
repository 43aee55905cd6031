"""Progress for commands that do many things: a Rich bar on a terminal, one line per item
when piped (CI logs keep them), nothing when quiet."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator

from . import console


class _Steps:
    def __init__(self, bar=None, task=None, log: bool = False):
        self.bar, self.task, self.log = bar, task, log

    def start(self, name: str) -> None:
        if self.bar is not None:
            self.bar.update(self.task, description=name)

    def end(self, message: str | None) -> None:
        if self.bar is not None:
            self.bar.advance(self.task)
        elif self.log and message:
            console().print(message)


@contextmanager
def steps(total: int, label: str, silent: bool) -> Iterator[_Steps]:
    """``with steps(n, "build", quiet) as step: step.start(name) … step.end(message)``."""
    if silent:
        yield _Steps()
        return
    if not sys.stderr.isatty():
        yield _Steps(log=True)
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, \
        TimeElapsedColumn

    with Progress(TextColumn(f"{label} [bold]{{task.description}}"), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=console(),
                  transient=True) as bar:
        yield _Steps(bar, bar.add_task("", total=total))
