"""`monrecap impact`: import advisers' surveys, report the funnel per version, compare two."""

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
    outputs,
    repo_root,
)
from monrecap.errors import MonrecapError

impact_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                         help="Did the new version work? Surveys, funnel, version against "
                              "version, committee decisions.",
                         epilog="Example: monrecap impact compare v10 v11")
app.add_typer(impact_app, name="impact")

SinceOpt = Annotated[Optional[str], typer.Option(
    help="Survey answers from this date (2026-03-01 or 01/03/2026); the production ledger "
         "counts whole (carnets shipped before are handed out after).")]


@impact_app.command("import", epilog="Example: monrecap impact import "
                                      "examples/survey-2026.csv")
def import_(file: Annotated[Path, typer.Argument(help="The advisers' survey export (CSV).")],
            quiet: QuietOpt = False,
            as_json: JsonOpt = False,
            root: RootOpt = None) -> None:
    """Add the new answers of a survey export to surveys/answers.csv, comments redacted."""
    from monrecap.impact.surveystore import import_survey

    root = repo_root(root)
    try:
        result = import_survey(root, file)
    except MonrecapError as exc:
        raise fail(exc) from None
    for warning in result.warnings:
        console().print(f"warning: {warning}", markup=False)
    if as_json:
        emit_json("impact-import", {
            "file": result.file, "read": result.read, "new": result.new,
            "duplicates": result.duplicates, "ignored_columns": result.ignored,
            "redactions": dict(result.redactions), "written": result.written,
            "ids": result.ids, "warnings": result.warnings})
    elif not quiet:
        redactions = ", ".join(f"{k} {n}" for k, n in sorted(result.redactions.items()))
        console().print(
            f"{result.file} ({result.how}): read {result.read}, new {result.new}, duplicates "
            f"{result.duplicates}; redacted: {redactions or 'nothing'}"
            + (f"; columns not kept: {', '.join(result.ignored)}" if result.ignored else "")
            + (f"; wrote {result.written}" if result.written else "; nothing new"),
            markup=False)


@impact_app.command(epilog="Example: monrecap impact report --html dist/impact.html "
                           "--pdf dist/impact.pdf")
def report(by: Annotated[str, typer.Option(
               help="Group by version, territory, edition or offer.")] = "version",
           since: SinceOpt = None,
           html: Annotated[Optional[Path], typer.Option(
               help="Also write a self-contained HTML report with its charts.")] = None,
           pdf: Annotated[Optional[Path], typer.Option(
               help="Also write the one-page A4 PDF for the committee (by version).")]
           = None,
           as_json: JsonOpt = False,
           quiet: QuietOpt = False,
           root: RootOpt = None) -> None:
    """The funnel per group: ordered, shipped, handed out, brought back, filled in, minutes
    saved, each rate with its 95 % interval; word of mouth; repeat orders; decisions."""
    from monrecap.impact.funnel import build_report

    root = repo_root(root)
    outputs(("--html", html, (".html", ".htm")), ("--pdf", pdf, (".pdf",)))
    try:
        result = build_report(root, by, since)
        if html is not None:
            from monrecap.impact.impacthtml import write_html

            write_html(html, result)
        if pdf is not None:
            from monrecap.impact.committeepdf import write_pdf

            # The committee's page compares versions, whatever --by groups the rest by.
            write_pdf(root, pdf, result if by == "version" else build_report(root, "version",
                                                                            since))
    except MonrecapError as exc:
        raise fail(exc) from None
    if as_json:
        emit_json("impact-report", result.to_json())
    else:
        from monrecap.impact.terminal import print_report

        print_report(console(stderr=False), result)
    if not quiet:
        for path in (html, pdf):
            if path is not None:
                console().print(f"wrote {path}", markup=False)


@impact_app.command(epilog="Example: monrecap impact compare v10 v11")
def compare(old: Annotated[str, typer.Argument(help="The earlier version, e.g. v10.")],
            new: Annotated[str, typer.Argument(help="The later version, e.g. v11.")],
            since: SinceOpt = None,
            as_json: JsonOpt = False,
            root: RootOpt = None) -> None:
    """Version against version: each rate with its interval, the difference with its
    interval, and a verdict that claims no more than the counts hold."""
    from monrecap.impact.verdicts import compare_versions

    root = repo_root(root)
    try:
        result = compare_versions(root, old, new, since)
    except MonrecapError as exc:
        raise fail(exc) from None
    if as_json:
        emit_json("impact-compare", result.to_json())
    else:
        from monrecap.impact.terminal import print_compare

        print_compare(console(stderr=False), result)
