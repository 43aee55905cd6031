"""The risk command: the register of a lost carnet's risks, one version or the trend."""

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
from monrecap.plural import count


@app.command(epilog="Example: monrecap risk v11 --pdf dist/risque-v11.pdf  "
                    "(or: monrecap risk --all)")
def risk(version: Annotated[Optional[str], typer.Argument(help="Version id, e.g. v11.")] = None,
         all_versions: Annotated[bool, typer.Option("--all", help="The trend across "
                                                    "versions.")] = False,
         variant: Annotated[Optional[str], typer.Option(help="An edition of the version.")]
         = None,
         html: Annotated[Optional[Path], typer.Option(
             help="Also write the analysis as a self-contained HTML page.")] = None,
         pdf: Annotated[Optional[Path], typer.Option(
             help="Also write the analysis as an A4 PDF (checked like a print file).")] = None,
         as_json: JsonOpt = False,
         quiet: QuietOpt = False,
         root: RootOpt = None) -> None:
    """The risk of a lost carnet (the CNIL's DPIA method): every field that invites writing,
    the data it collects, severity and likelihood, the carnet's measures, the residual risk.

    Exit code for one version: 0, or 1 when a field's residual risk is « maximale » without a
    decision (what `release` refuses); 2 usage or input error. With --all: 0."""
    from monrecap.risk import risk_trend, run_risk
    from monrecap.risk.registerreport import print_register, print_trend, register_json, trend_json

    root = repo_root(root)
    if all_versions == (version is not None):
        raise fail(MonrecapError("name one version, or --all for the trend"))
    if all_versions and (html or pdf or variant):
        raise fail(MonrecapError("--html, --pdf and --variant are about one version: name it "
                                 "(monrecap risk v11 --pdf risque-v11.pdf)"))
    outputs(("--html", html, (".html", ".htm")), ("--pdf", pdf, (".pdf",)))
    try:
        if all_versions:
            rows, _ = risk_trend(root)
        else:
            report, pages = run_risk(root, version, variant, html, pdf)
    except MonrecapError as exc:
        raise fail(exc) from None
    if all_versions:
        if as_json:
            emit_json("risk-trend", trend_json(rows))
        else:
            print_trend(console(stderr=False), rows)
        raise typer.Exit(0)
    for warning in report.register.warnings:
        console().print(f"warning: {warning}", markup=False)
    if as_json:
        emit_json("risk", register_json(report))
    else:
        print_register(console(stderr=False), report)
    if not quiet:
        for option, path in (("html", html), ("pdf", pdf)):
            if path is not None:
                extra = f" ({count(pages, 'page', lang='en')})" if option == "pdf" else ""
                console().print(f"wrote {path}{extra}", markup=False)
    raise typer.Exit(1 if report.register.refused else 0)
