"""Progress for commands that do many things: a Rich bar on a terminal, one line per item
when piped (CI logs keep them), nothing when quiet."""

import sys
from contextlib import contextmanager
from typing import Iterator

from monrecap.cli import console


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
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn(f"{label} [bold]{{task.description}}"), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=console(),
                  transient=True) as bar:
        yield _Steps(bar, bar.add_task("", total=total))


#: Below this many pages a run is over before a bar would help.
LONG_RUN = 100


@contextmanager
def page_bar(silent: bool) -> Iterator[None]:
    """A bar for the page loops of impose, check and diff (``monrecap.progress``), on a
    terminal only and for long runs only: piped output gets nothing extra."""
    from monrecap.progress import listening

    if silent or not sys.stderr.isatty():
        yield
        return
    state: dict = {}

    def listen(what: str, done: int, total: int) -> None:
        if total < LONG_RUN:
            return
        if "bar" not in state:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            state["bar"] = Progress(TextColumn("{task.description}"), BarColumn(),
                                    MofNCompleteColumn(), console=console(), transient=True)
            state["bar"].start()
        bar = state["bar"]
        if state.get("what") != what:
            state["what"], state["task"] = what, bar.add_task(what, total=total)
        bar.update(state["task"], completed=done)

    try:
        with listening(listen):
            yield
    finally:
        if "bar" in state:
            state["bar"].stop()
