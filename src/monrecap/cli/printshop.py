"""Commands on any PDF: impose and check (preflight)."""

import re
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
    is_terminal,
    outputs,
    pdf_root,
    repo_root,
)
from monrecap.errors import MonrecapError


@app.command(epilog="Example: monrecap impose dist/v11/monrecap-v11.pdf --profile bureau-a4 "
                    "-o sheets.pdf")
def impose(source: Annotated[Path, typer.Argument(help="The page PDF, ours or anyone's.")],
           profile: Annotated[Optional[str], typer.Option(help="A print profile: "
                                                           "atelier-sra3-a6, bureau-a4… "
                                                           "(shipped, or the repository's "
                                                           "layouts/print/NAME.yaml).")] = None,
           output: Annotated[Optional[Path], typer.Option(
               "-o", "--output", help="The imposed PDF (default: beside the source).")] = None,
           scheme: Annotated[Optional[str], typer.Option(help="saddle, cutstack or nup.")] = None,
           sheet: Annotated[Optional[str], typer.Option(help="A4, SRA3, 320x450mm…")] = None,
           orientation: Annotated[Optional[str], typer.Option(
               help="portrait, landscape or auto.")] = None,
           copies: Annotated[Optional[int], typer.Option(min=1,
                                                         help="Copies per sheet side.")] = None,
           gutter: Annotated[Optional[str], typer.Option(help="Between copies, e.g. 6mm.")] = None,
           marks: Annotated[Optional[str], typer.Option(
               help="crop,fold,registration,colorbar,slug — or all, none.")] = None,
           duplex: Annotated[Optional[str], typer.Option(help="long-edge or short-edge.")] = None,
           creep: Annotated[Optional[str], typer.Option(help="Paper caliper, e.g. 100um.")] = None,
           show_map: Annotated[bool, typer.Option("--map", help="Print the sheet plan.")] = False,
           map_json: Annotated[Optional[Path], typer.Option(
               "--map-json", help="Also write the sheet plan as JSON.")] = None,
           preview: Annotated[Optional[Path], typer.Option(
               help="Also write a PNG of sheet 1's two sides.")] = None,
           quiet: QuietOpt = False,
           as_json: JsonOpt = False,
           trusted_file: TrustedOpt = False,
           root: RootOpt = None) -> None:
    """Impose a page PDF onto press sheets, with marks; the page order is proved by tests."""
    from monrecap.impose.command import impose_file
    from monrecap.impose.plantable import plan_json, print_plan, write_plan_files

    root = pdf_root(root)
    outputs(("--output", output, (".pdf",)), ("--map-json", map_json, (".json",)),
            ("--preview", preview, (".png",)))
    overrides = dict(scheme=scheme, sheet=sheet, orientation=orientation, copies=copies,
                     gutter=gutter, marks=marks, duplex=duplex, creep=creep)
    from monrecap.cli.bars import page_bar

    try:
        from monrecap.limits import trusted
        with page_bar(quiet or as_json), trusted(trusted_file):
            result = impose_file(root, source, output, profile, overrides)
        write_plan_files(result.plan, map_json, preview)
    except MonrecapError as exc:
        raise fail(exc) from None
    if as_json:
        emit_json("impose", {"output": str(result.output), **plan_json(result.plan)})
        return
    for warning in result.plan.warnings:
        console().print(f"warning: {warning}", markup=False)
    if show_map:
        print_plan(console(stderr=False), result.plan)
    if not quiet:
        console().print(f"[green]imposed[/green] {result.output} ({len(result.plan.sheets)} "
                        "sheets)")


@app.command(epilog="Example: monrecap check dist/v11/monrecap-v11.pdf --json")
def check(target: Annotated[str, typer.Argument(help="A built version (v11) or a PDF.")],
          as_json: JsonOpt = False,
          sheets: Annotated[bool, typer.Option("--sheets",
                                               help="The file holds imposed sheets.")] = False,
          quiet: QuietOpt = False,
          trusted_file: TrustedOpt = False,
          layout: Annotated[Optional[str], typer.Option(
              help="The version's build on another layout, e.g. a5.")] = None,
          variant: Annotated[Optional[str], typer.Option(
              help="The version's build of one edition.")] = None,
          root: RootOpt = None) -> None:
    """Preflight a built version or any PDF as a print shop would.

    Exit code 0: no error (warnings allowed); 1: errors found; 2: unreadable input."""
    from monrecap.preflight import check_target

    is_version = re.fullmatch(r"v[0-9]+", target) and not Path(target).is_file()
    root = repo_root(root) if is_version else pdf_root(root)
    from monrecap.cli.bars import page_bar

    try:
        from monrecap.limits import trusted
        with page_bar(quiet or as_json), trusted(trusted_file):
            name, report = check_target(root, target, sheets, layout, variant)
    except MonrecapError as exc:
        raise fail(exc) from None
    from monrecap.preflight.findings import (  # loaded while Ghostscript works
        findings_json,
        print_findings,
    )
    if as_json:
        emit_json("check", findings_json(name, report))
    else:
        print_findings(console(stderr=False), name, report, is_terminal())
    raise typer.Exit(1 if report.errors else 0)
