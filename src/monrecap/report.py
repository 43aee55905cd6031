"""Terminal reports with Rich: what a version changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:  # a hint only: `check` and `impose` need not load the content models
    from .history import VersionStory

SYMBOL = {"added": "[green]+[/green]", "removed": "[red]-[/red]", "moved": "[yellow]↕[/yellow]",
          "changed": "[yellow]~[/yellow]"}


def print_rows(console: Console, headers: list[str], rows: list[list[str]],
               title: str | None = None) -> None:
    """A table on a terminal; piped or in CI, one row a line, columns padded to their widest
    value (the last one left as long as it is), no box drawing, nothing cut."""
    if console.is_terminal:
        from rich.table import Table

        table = Table(*headers, title=title)
        for row in rows:
            table.add_row(*row)
        console.print(table)
        return
    from rich.text import Text

    if title:
        console.print(Text(title))
    widths = [max(len(_plain(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    for row in [headers, *rows]:
        cells = [_plain(c).ljust(w) for c, w in zip(row[:-1], widths)] + [_plain(row[-1])]
        console.print(Text("  ".join(cells).rstrip()))


def _plain(cell: str) -> str:
    """A cell's text without its Rich markup."""
    from rich.text import Text

    return Text.from_markup(cell).plain


def print_story(console: Console, story: VersionStory,
                evidence: dict[str, str] | None = None) -> None:
    """The changelog of a version, then every change against its parent. ``evidence`` maps
    the cited feedback ids to their redacted text, printed under the finding."""
    carnet = story.carnet
    against = f"against {story.parent}" if story.parent else "(first version)"
    console.print(f"[bold]{carnet.title} {carnet.version}[/bold], released "
                  f"{carnet.released.isoformat()}, layout {carnet.layout} — "
                  f"{len(story.changes)} change(s) {against}")
    console.print("\n[bold]Changelog[/bold]")
    for entry in carnet.changelog:
        console.print(f"• {escape(entry.change)}")
        console.print(f"  [dim]finding:[/dim] {escape(entry.finding)}")
        for fid in entry.evidence:
            text = (evidence or {}).get(fid)
            quote = (f"« {escape(' '.join(text.split()))} »" if text is not None
                     else "[red]not in the store[/red]")
            console.print(f"    [dim]{fid}:[/dim] {quote}")
    console.print("\n[bold]Changes[/bold]")
    from .diff.describe import details, headline

    limit = 80 if console.is_terminal else None  # piped: every value whole
    for change in story.changes:
        console.print(escape(headline(change, limit)))
        for line in details(change, limit):
            console.print(f"    {escape(line)}")


def print_plan(console: Console, plan) -> None:
    """The sheet plan as a table: sheet → side → cell → slot → page, rotation, creep."""
    from .impose.plan import describe
    from .units import to_mm

    print_rows(console, ["sheet", "side", "cell", "slot", "page", "rotation", "trim at (mm)",
                         "creep (mm)"],
               [[str(row["sheet"]), row["side"], str(row["cell"]), row["slot"],
                 "blank" if row["page"] is None else str(row["page"]), f"{row['rotation']}°",
                 f"{row['trim_mm'][0]:.1f}, {row['trim_mm'][1]:.1f}", f"{row['creep_mm']:.2f}"]
                for row in describe(plan)],
               title=f"{plan.scheme}, {plan.duplex}, sheet {to_mm(plan.sheet[0]):.0f} × "
                     f"{to_mm(plan.sheet[1]):.0f} mm, {len(plan.sheets)} sheet(s)")


def plan_json(plan) -> dict:
    """The sheet plan as data: --map-json and `impose --json`."""
    from .impose.plan import describe

    return {"scheme": plan.scheme, "duplex": plan.duplex, "sheets": len(plan.sheets),
            "warnings": list(plan.warnings), "placements": describe(plan)}


def write_plan_files(plan, json_path, png_path) -> None:
    """--map-json and --preview."""
    import json

    from .files import write_atomic

    if json_path is not None:
        write_atomic(json_path, (json.dumps(plan_json(plan), indent=1) + "\n").encode())
    if png_path is not None:
        from .impose.preview import preview_png  # Pillow, only for --preview

        write_atomic(png_path, preview_png(plan))


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
        console.print(f"{name}: {len(report.errors)} error(s), "
                      f"{len(report.findings) - len(report.errors)} warning(s)", markup=False)
        return
    table = Table("severity", "rule", "page", "where", "finding", "fix",
                  title=f"{name}: {len(report.errors)} error(s), "
                        f"{len(report.findings) - len(report.errors)} warning(s)")
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


def print_lint(console: Console, report, terminal: bool = True) -> None:
    """Lint findings, with the readability of each page and of the carnet: a table on a
    terminal, `file:line:col: severity: rule: message` lines when piped."""
    from rich.table import Table

    score = report.readability["carnet"]
    head = (f"{report.version}: {len(report.errors)} error(s), "
            f"{len(report.warnings)} warning(s); Kandel–Moles {score['kandel_moles']}, "
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
    from .files import write_atomic
    from .fonts import load_fontset
    from .layout import load_layout
    from .render.chart import trend_chart

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
