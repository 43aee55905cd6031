"""The lint command."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from monrecap.cli import (
    JsonOpt,
    QuietOpt,
    RootOpt,
    app,
    console,
    emit_json,
    fail,
    is_terminal,
    outputs,
    repo_root,
)
from monrecap.errors import MonrecapError
from monrecap.plural import count


@app.command(epilog="Example: monrecap lint v11  (or: monrecap lint --all --chart trend.svg)")
def lint(version: Annotated[Optional[str], typer.Argument(help="Version id, e.g. v11.")] = None,
         all_versions: Annotated[bool, typer.Option("--all", help="The trend across "
                                                    "versions.")] = False,
         chart: Annotated[Optional[Path], typer.Option(
             help="With --all: also write the trend chart (.svg or .pdf).")] = None,
         layout: Annotated[Optional[str], typer.Option(
             help="Lint on another layout, e.g. a5 (large print): its size minimums.")] = None,
         as_json: JsonOpt = False,
         quiet: QuietOpt = False,
         root: RootOpt = None) -> None:
    """Easy-to-read and sensitive-data checks.

    Exit code for one version: 0 no error (warnings allowed), 1 errors, 2 usage or input error.
    With --all it is a trend report: 0 whatever the versions' findings (old versions keep
    theirs), 2 on usage or input error."""
    root = repo_root(root)
    if version is None and not all_versions:
        from monrecap.repo import version_here

        version = version_here(root)  # run inside versions/v12/: v12
    if chart is not None and not all_versions:
        raise fail(MonrecapError("--chart draws the trend: use it with --all"))
    if all_versions == (version is not None):
        raise fail(MonrecapError("name one version, or --all for the trend"))
    if layout is not None and all_versions:
        raise fail(MonrecapError("--layout lints one version: use it without --all"))
    outputs(("--chart", chart, (".svg", ".pdf")))
    if not all_versions:
        from monrecap.freshness import load

        found = load(root, "lint", {"version": version, "layout": layout})
        if found is not None:  # no file it read changed: the same answer, without the work
            _print_answer(found, as_json)
            raise typer.Exit(1 if found["json"]["errors"] else 0)
    from monrecap.lint import lint_trend, lint_version_recorded
    from monrecap.lint.lintreport import lint_json, print_lint, print_trend, write_trend_chart

    try:
        if all_versions:
            trend = lint_trend(root)
            if chart:
                write_trend_chart(root, trend, chart)
        else:
            report = lint_version_recorded(root, version, layout)
    except MonrecapError as exc:
        raise fail(exc) from None
    if all_versions:
        if as_json:
            emit_json("lint-trend", lint_json(trend=trend))
        else:
            print_trend(console(stderr=False), trend)
        raise typer.Exit(0)
    if as_json:
        emit_json("lint", lint_json(report=report))
    else:
        print_lint(console(stderr=False), report, is_terminal())
    raise typer.Exit(1 if report.errors else 0)


def _print_answer(found: dict, as_json: bool) -> None:
    """A recorded lint (freshness.py) printed as the lint prints it."""
    data = found["json"]
    if as_json:
        emit_json("lint", data)
        return
    score = data["readability"]["carnet"]
    head = (f"{data['version']}: {count(data['errors'], 'error', lang='en')}, "
            f"{count(data['warnings'], 'warning', lang='en')}; "
            f"Kandel–Moles {score['kandel_moles']}, LIX {score['lix']}, longest sentence "
            f"{data['longest_sentence']} words")
    if not is_terminal():  # one finding a line, as print_lint writes them, without Rich
        import sys

        sys.stdout.write("".join(f"{line}\n" for line in [*found["lines"], head]))
        return
    from types import SimpleNamespace

    from monrecap.lint.lintreport import print_lint

    findings = [SimpleNamespace(**f) for f in data["findings"]]
    print_lint(console(stderr=False), SimpleNamespace(
        version=data["version"], findings=findings, readability=data["readability"],
        longest=data["longest_sentence"],
        errors=[f for f in findings if f.severity == "error"],
        warnings=[f for f in findings if f.severity == "warning"]), True)
