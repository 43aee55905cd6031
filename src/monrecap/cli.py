"""The `monrecap` command: parse, call one function, report, exit."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from .errors import MonrecapError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_show_locals=False,
                  help="Build, impose and check the Mon Récap carnet.")
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

RootOpt = Annotated[Path, typer.Option("--root", help="The repository (versions/, layouts/).",
                                       envvar="MONRECAP_ROOT")]


def fail(exc: MonrecapError) -> typer.Exit:
    """Print every problem, one per line, and exit with the error's code (2)."""
    for problem in exc.problems:
        err.print(f"error: {problem}", markup=False)
    return typer.Exit(exc.exit_code)


@app.command()
def build(version: Annotated[str, typer.Argument(help="Version id, e.g. v11.")],
          layout: Annotated[Optional[str], typer.Option(help="Build on another layout.")] = None,
          out_dir: Annotated[Optional[Path], typer.Option("--out", help="Output folder.")] = None,
          quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress.")] = False,
          root: RootOpt = Path(".")) -> None:
    """Build a version's print-ready page PDF and build.json into dist/<version>/."""
    from .build import build_version

    progress = (lambda _: None) if quiet else (lambda msg: err.print(f"[dim]{msg}[/dim]"))
    try:
        result = build_version(root, version, out_dir, layout, progress)
    except MonrecapError as exc:
        raise fail(exc) from None
    if not quiet:
        err.print(f"[green]built[/green] {result.pdf} ({result.pages} pages, {result.layout})")


@app.command()
def versions(root: RootOpt = Path(".")) -> None:
    """List the versions: id, release date, layout, page count, first changelog line."""
    from .versions import summarize_versions

    table = Table("version", "released", "layout", "pages", "changelog")
    for row in summarize_versions(root):
        if row.error:
            table.add_row(row.id, "", "", "", f"[red]does not build:[/red] {row.error}")
        else:
            table.add_row(row.id, row.released.isoformat(), row.layout, str(row.pages),
                          row.headline)
    out.print(table)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
