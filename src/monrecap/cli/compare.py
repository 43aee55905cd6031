"""The diff command."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from monrecap.cli import (
    JsonOpt,
    QuietOpt,
    RootOpt,
    TrustedOpt,
    app,
    console,
    emit_json,
    fail,
    outputs,
    pdf_root,
    repo_root,
)
from monrecap.errors import MonrecapError


@app.command(epilog="Example: monrecap diff v10 v11 --html diff.html")
def diff(old: Annotated[str, typer.Argument(help="A version id (v10) or a PDF.")],
         new: Annotated[str, typer.Argument(help="A version id (v11) or a PDF.")],
         variant: Annotated[Optional[str], typer.Option(help="Edition of the new side.")]
         = None,
         old_variant: Annotated[Optional[str], typer.Option(help="Edition of the old side.")]
         = None,
         html: Annotated[Optional[Path], typer.Option(
             "--html", help="Also write the HTML report (for the product team).")] = None,
         report: Annotated[Optional[Path], typer.Option(
             "--report", hidden=True, help="Old name of --html.")] = None,
         as_json: JsonOpt = False,
         quiet: QuietOpt = False,
         fail_on: Annotated[Optional[str], typer.Option(
             help="'unexplained': exit 1 only when a change is unexplained.")] = None,
         dpi: Annotated[float, typer.Option(min=10, max=1200,
                                            help="Comparison resolution.")] = 100,
         trusted_file: TrustedOpt = False,
         root: RootOpt = None) -> None:
    """What changed between two versions (content and page), or between two PDFs.

    Exit code 0: identical; 1: differences; 2: usage or input error."""
    from monrecap.diff import run_diff
    from monrecap.diff.diffreport import diff_json, print_diff
    from monrecap.diff.sides import is_version

    html = html or report
    needs_repo = any(is_version(side) and not Path(side).is_file() for side in (old, new))
    root = repo_root(root) if needs_repo else pdf_root(root)
    outputs(("--html", html, (".html", ".htm")))
    progress = (lambda _: None) if quiet or as_json else (
        lambda msg: console().print(f"[dim]{msg}[/dim]"))
    from monrecap.cli.bars import page_bar

    try:
        from monrecap.limits import trusted
        with page_bar(quiet or as_json), trusted(trusted_file):
            result = run_diff(root, old, new, old_variant, variant, fail_on, dpi, html, progress,
                              cited=lambda ids: _cited(root, ids))
    except MonrecapError as exc:
        raise fail(exc) from None
    if as_json:
        emit_json("diff", diff_json(result))
    else:
        print_diff(console(stderr=False), result)
    if html and not quiet:
        console().print(f"report: {html}", markup=False)
    if fail_on == "unexplained":
        raise typer.Exit(1 if result.unexplained else 0)
    raise typer.Exit(0 if result.identical else 1)


def _cited(root: Path, ids: list[str]) -> dict[str, str]:
    """What the changelog cites: feedback excerpts, experiments' counts (none asked, none
    read)."""
    if not ids:
        return {}
    from monrecap.evidence import cited

    return cited(root, ids)
