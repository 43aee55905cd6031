"""Preflight findings in the terminal: a table on a terminal, one finding a line when piped; and as JSON."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from monrecap.plural import count


def print_findings(console: Console, name: str, report, terminal: bool = True) -> None:
    """Preflight findings, errors first: a table on a terminal, one line each when piped."""
    from rich.table import Table

    if not report.findings:
        console.print(f"[green]{escape(name)}: no finding[/green]")
        return
    ordered = sorted(report.findings, key=lambda f: (f.severity != "error", f.page or 0))
    if not terminal:
        for f in ordered:
            page = f":page {f.page}" if f.page else ""
            where = f" [{f.where}]" if f.where else ""
            console.print(f"{name}{page}: {f.severity}: {f.rule}: {f.message}{where} "
                          f"(fix: {f.hint})", markup=False)
        console.print(f"{name}: {_counts(report)}", markup=False)
        return
    table = Table("severity", "rule", "page", "where", "finding", "fix",
                  title=f"{name}: {_counts(report)}")
    for f in ordered:
        colour = "red" if f.severity == "error" else "yellow"
        table.add_row(f"[{colour}]{f.severity}[/{colour}]", f.rule,
                      str(f.page) if f.page else "", escape(f.where), escape(f.message),
                      escape(f.hint))
    console.print(table)


def findings_json(name: str, report) -> dict:
    from dataclasses import asdict

    return {"file": name, "errors": len(report.errors),
            "warnings": len(report.findings) - len(report.errors),
            "findings": [asdict(f) for f in report.findings]}


def _counts(report) -> str:
    """« 1 error, 0 warnings »."""
    warnings = len(report.findings) - len(report.errors)
    return (f"{count(len(report.errors), 'error', lang='en')}, "
            f"{count(warnings, 'warning', lang='en')}")
