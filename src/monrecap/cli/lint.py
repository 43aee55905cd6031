"""The lint command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import MonrecapError
from . import RootOpt, app, console, fail


@app.command()
def lint(version: Annotated[Optional[str], typer.Argument(help="Version id, e.g. v11.")] = None,
         all_versions: Annotated[bool, typer.Option("--all", help="The trend across "
                                                    "versions.")] = False,
         chart: Annotated[Optional[Path], typer.Option(help="With --all: the trend as SVG.")]
         = None,
         as_json: Annotated[bool, typer.Option("--json", help="JSON on stdout.")] = False,
         root: RootOpt = Path(".")) -> None:
    """Easy-to-read and sensitive-data checks: exit 0 clean, 1 errors, 2 usage."""
    from ..lint import lint_trend, lint_version
    from ..report import lint_json, print_lint, print_trend, write_trend_chart

    try:
        if all_versions:
            trend = lint_trend(root)
            if chart:
                write_trend_chart(root, trend, chart)
        elif version:
            report = lint_version(root, version)
        else:
            raise MonrecapError("name a version, or --all for the trend")
    except MonrecapError as exc:
        raise fail(exc) from None
    if all_versions:
        if as_json:
            typer.echo(lint_json(trend=trend))
        else:
            print_trend(console(stderr=False), trend)
        raise typer.Exit(0)
    if as_json:
        typer.echo(lint_json(report=report))
    else:
        print_lint(console(stderr=False), report)
    raise typer.Exit(1 if report.errors else 0)
