"""The lint in the terminal and as JSON: findings, readability, the trend and its chart."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from monrecap.plural import count
from monrecap.tables import print_rows


def print_lint(console: Console, report, terminal: bool = True) -> None:
    """Lint findings, with the readability of each page and of the carnet: a table on a
    terminal, `file:line:col: severity: rule: message` lines when piped."""
    from rich.table import Table

    score = report.readability["carnet"]
    head = (f"{report.version}: {count(len(report.errors), 'error', lang='en')}, "
            f"{count(len(report.warnings), 'warning', lang='en')}; "
            f"Kandel–Moles {score['kandel_moles']}, "
            f"LIX {score['lix']}, longest sentence {report.longest} words")
    if not terminal:
        for f in report.findings:
            console.print(f.line(), markup=False)
        console.print(head, markup=False)
        return
    console.print(f"[bold]{report.version}[/bold]" + escape(head[len(report.version):]))
    if report.findings:
        table = Table("severity", "rule", "where", "finding", "fix")
        for f in report.findings:
            colour = {"error": "red", "warning": "yellow"}.get(f.severity, "dim")
            note = f" (lowered: {escape(f.lowered)})" if f.lowered else ""
            table.add_row(f"[{colour}]{f.severity}[/{colour}]", f.rule,
                          escape(f"{f.where} {f.path}"), escape(f.message) + note,
                          escape(f.hint))
        console.print(table)


def print_trend(console: Console, trend) -> None:
    print_rows(console, ["version", "errors", "warnings", "Kandel–Moles", "LIX",
                         "longest sentence"],
               [[t.version, str(t.errors), str(t.warnings), str(t.kandel_moles), str(t.lix),
                 str(t.longest)] for t in trend], title="Easy to read, version by version")


def write_trend_chart(root, trend, path) -> None:
    """The trend chart, as PDF or SVG after the name's extension."""
    from monrecap.files import write_atomic
    from monrecap.fonts import load_fontset
    from monrecap.kit.charts import trend_chart
    from monrecap.layout import load_layout

    layout = load_layout(root, "a6-poche")
    fonts = load_fontset(layout.fonts.regular, layout.fonts.bold)
    fmt = path.suffix.lower().lstrip(".")
    write_atomic(path, trend_chart([t.version for t in trend], [t.errors for t in trend],
                                   [t.warnings for t in trend],
                                   [t.kandel_moles for t in trend], fonts, fmt))


def lint_json(report=None, trend=None) -> dict:
    from dataclasses import asdict

    if trend is not None:
        return {"trend": [asdict(t) for t in trend]}
    return {"version": report.version, "errors": len(report.errors),
            "warnings": len(report.warnings), "readability": report.readability,
            "longest_sentence": report.longest,
            "findings": [asdict(f) for f in report.findings]}
