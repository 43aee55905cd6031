"""The `monrecap` command: parse, call one function, report, exit."""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import MonrecapError

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


@app.command()
def build(version: Annotated[str, typer.Argument(help="Version id, e.g. v11.")],
          layout: Annotated[Optional[str], typer.Option(help="Build on another layout.")] = None,
          out_dir: Annotated[Optional[Path], typer.Option("--out", help="Output folder.")] = None,
          quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress.")] = False,
          root: RootOpt = Path(".")) -> None:
    """Build a version's print-ready page PDF and build.json into dist/<version>/."""
    from .build import build_version

    progress = (lambda _: None) if quiet else (
        lambda msg: console().print(f"[dim]{msg}[/dim]"))
    try:
        result = build_version(root, version, out_dir, layout, progress)
    except MonrecapError as exc:
        raise fail(exc) from None
    if not quiet:
        console().print(f"[green]built[/green] {result.pdf} ({result.pages} pages, "
                        f"{result.layout})")


@app.command()
def versions(root: RootOpt = Path(".")) -> None:
    """List the versions: id, release date, layout, page count, first changelog line."""
    from rich.table import Table

    from .versions import summarize_versions

    table = Table("version", "released", "layout", "pages", "changelog")
    for row in summarize_versions(root):
        if row.error:
            table.add_row(row.id, "", "", "", f"[red]does not build:[/red] {row.error}")
        else:
            table.add_row(row.id, row.released.isoformat(), row.layout, str(row.pages),
                          row.headline)
    console(stderr=False).print(table)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
