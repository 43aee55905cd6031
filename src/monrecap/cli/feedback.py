"""`monrecap feedback`: import field feedback, report on it, print « Quoi de neuf »."""

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

feedback_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                           help="Field feedback as data: import, report, « Quoi de neuf ».",
                           epilog="Example: monrecap feedback import whatsapp-2026-03.txt")
app.add_typer(feedback_app, name="feedback")


@feedback_app.command("import", epilog="Example: monrecap feedback import "
                                        "exports/whatsapp-2026-03.txt")
def import_(file: Annotated[Path, typer.Argument(help="A WhatsApp export (.txt) or a CSV.")],
            channel: Annotated[Optional[str], typer.Option(
                help="whatsapp, phone, pro or committee (CSV rows without a channel).")] = None,
            quiet: QuietOpt = False,
            as_json: JsonOpt = False,
            root: RootOpt = None) -> None:
    """Add the new messages of an export to feedback/<year>.jsonl, personal data removed."""
    from monrecap.feedback.store import import_file

    root = repo_root(root)
    try:
        result = import_file(root, file, channel,
                             on_wait=lambda msg: console().print(msg, markup=False))
    except MonrecapError as exc:
        raise fail(exc) from None
    if as_json:
        emit_json("feedback-import", {
            "read": result.read, "new": result.new, "duplicates": result.duplicates,
            "skipped": result.skipped, "form": result.form,
            "redactions": dict(result.redactions), "written": result.written,
            "ids": result.ids})
    elif not quiet:
        redactions = ", ".join(f"{k} {n}" for k, n in sorted(result.redactions.items()))
        console().print(f"{file.name} ({result.form}): read {result.read}, new {result.new}, "
                        f"duplicates {result.duplicates}, skipped {result.skipped} "
                        f"(system or media); redacted: {redactions or 'nothing'}"
                        + (f"; wrote {', '.join(result.written)}" if result.written else ""),
                        markup=False)


@feedback_app.command(epilog="Example: monrecap feedback report --version v11 "
                             "--html dist/feedback.html")
def report(version: Annotated[Optional[str], typer.Option(help="Only this version.")] = None,
           since: Annotated[Optional[str], typer.Option(help="From this date (2026-03-01).")]
           = None,
           html: Annotated[Optional[Path], typer.Option(help="Also write a self-contained "
                                                             "HTML report.")] = None,
           as_json: JsonOpt = False,
           quiet: QuietOpt = False,
           root: RootOpt = None) -> None:
    """Counts by week, channel, version and page, with the latest excerpts per page."""
    from monrecap.feedback.feedbackreport import feedback_report, print_report

    root = repo_root(root)
    outputs(("--html", html, (".html", ".htm")))
    try:
        result = feedback_report(root, version, since)
        if html is not None:
            from monrecap.feedback.feedbackhtml import write_html

            write_html(html, result)
    except MonrecapError as exc:
        raise fail(exc) from None
    if as_json:
        data = result.to_json()
        data.pop("schema_version", None)
        emit_json("feedback-report", data)
    else:
        print_report(console(stderr=False), result)


@feedback_app.command(epilog="Example: monrecap feedback sheet v12 -o "
                             "dist/quoi-de-neuf-v12.pdf")
def sheet(version: Annotated[str, typer.Argument(help="Version id, e.g. v12.")],
          output: Annotated[Optional[Path], typer.Option(
              "--output", "-o", help="The PDF (default dist/<version>/quoi-de-neuf-<version>.pdf).")]
          = None,
          quiet: QuietOpt = False,
          root: RootOpt = None) -> None:
    """« Quoi de neuf »: what a version changed, on one or two A4 pages for field testers."""
    from monrecap.feedback.sheet import write_sheet

    root = repo_root(root)
    outputs(("--output", output, (".pdf",)))
    progress = (lambda _: None) if quiet else (lambda msg: console().print(f"[dim]{msg}[/dim]"))
    try:
        result = write_sheet(root, version, output, progress)
    except MonrecapError as exc:
        raise fail(exc) from None
    for warning in result.warnings:
        console().print(f"warning: {warning}", markup=False)
    if not quiet:
        from monrecap.plural import count

        pictures = count(result.pictures, "before/after picture", "before/after pictures",
                         lang="en")
        console().print(f"wrote {result.path} ({count(result.pages, 'page', lang='en')}, "
                        f"{count(result.items, 'change', lang='en')}, {pictures})",
                        markup=False)
