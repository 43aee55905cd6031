"""The `monrecap` command: parse, call one function, report, exit.

One module per command group registers its commands on `app`."""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path
from typing import Annotated

import typer

from ..errors import MonrecapError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_show_locals=False,
                  help="Build, impose and check the Mon Récap carnet.")


@lru_cache(maxsize=2)
def console(stderr: bool = True):
    """Rich consoles, made on first use: a quiet build never imports Rich."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)

RootOpt = Annotated[Path, typer.Option("--root", help="The repository (versions/, layouts/).",
                                       envvar="MONRECAP_ROOT")]


def fail(exc: MonrecapError) -> typer.Exit:
    """Print every problem, one per line, and exit with the error's code (2)."""
    for problem in exc.problems:
        console().print(f"error: {problem}", markup=False)
    return typer.Exit(exc.exit_code)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


# Command groups register themselves on `app` (imported last: they import it).
from . import carnet, compare, feedback, lint, press, ship  # noqa: E402,F401
