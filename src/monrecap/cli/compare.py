"""The diff command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import MonrecapError
from . import RootOpt, app, console, fail


@app.command()
def diff(old: Annotated[str, typer.Argument(help="A version id (v10) or a PDF.")],
         new: Annotated[str, typer.Argument(help="A version id (v11) or a PDF.")],
         variant: Annotated[Optional[str], typer.Option(help="Edition of the new side.")]
         = None,
         old_variant: Annotated[Optional[str], typer.Option(help="Edition of the old side.")]
         = None,
         report: Annotated[Optional[Path], typer.Option(help="Write an HTML report.")] = None,
         as_json: Annotated[bool, typer.Option("--json", help="JSON on stdout.")] = False,
         fail_on: Annotated[Optional[str], typer.Option(
             help="'unexplained': exit 1 only when a change is unexplained.")] = None,
         dpi: Annotated[float, typer.Option(help="Comparison resolution.")] = 100,
         root: RootOpt = Path(".")) -> None:
    """What changed between two versions (content and page), or between two PDFs.

    Exit code 0: identical; 1: differences; 2: trouble."""
    import json

    from ..diff import run_diff
    from ..diff.report import diff_json, print_diff

    progress = lambda msg: console().print(f"[dim]{msg}[/dim]")  # noqa: E731
    try:
        result = run_diff(root, old, new, old_variant, variant, fail_on, dpi, report, progress)
    except MonrecapError as exc:
        raise fail(exc) from None
    if as_json:
        typer.echo(json.dumps(diff_json(result), ensure_ascii=False, indent=1))
    else:
        print_diff(console(stderr=False), result)
    if report:
        console().print(f"report: {report}", markup=False)
    if fail_on == "unexplained":
        raise typer.Exit(1 if result.unexplained else 0)
    raise typer.Exit(0 if result.identical else 1)
