"""Terminal reports with Rich: what a version changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:  # the history (content, Jinja) loads only for `monrecap show`
    from .history import VersionStory

SYMBOL = {"added": "[green]+[/green]", "removed": "[red]-[/red]", "moved": "[yellow]↕[/yellow]",
          "changed": "[yellow]~[/yellow]"}


def _short(value: object, limit: int = 70) -> str:
    text = repr(value) if not isinstance(value, str) else value
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return escape(text)


def print_story(console: Console, story: VersionStory) -> None:
    """The changelog of a version, then every change against its parent."""
    carnet = story.carnet
    against = f"against {story.parent}" if story.parent else "(first version)"
    console.print(f"[bold]{carnet.title} {carnet.version}[/bold], released "
                  f"{carnet.released.isoformat()}, layout {carnet.layout} — "
                  f"{len(story.changes)} change(s) {against}")
    console.print("\n[bold]Changelog[/bold]")
    for entry in carnet.changelog:
        console.print(f"• {escape(entry.change)}")
        console.print(f"  [dim]finding:[/dim] {escape(entry.finding)}")
    console.print("\n[bold]Changes[/bold]")
    for change in story.changes:
        head = f"{SYMBOL[change.what]} {change.where}"
        if change.what == "changed":
            where = f"{head} → {change.path}" if change.path else head
            console.print(f"{where}: {_short(change.old)} [dim]→[/dim] {_short(change.new)}")
        elif change.what == "added":
            console.print(f"{head} added ({change.new})")
        elif change.what == "removed":
            console.print(f"{head} removed")
        else:
            console.print(f"{head} moved")


def print_plan(console: Console, plan) -> None:
    """The sheet plan as a table: sheet → side → cell → slot → page, rotation, creep."""
    from rich.table import Table

    from .impose.plan import describe

    from .units import to_mm

    table = Table("sheet", "side", "cell", "slot", "page", "rotation", "trim at (mm)", "creep (mm)",
                  title=f"{plan.scheme}, {plan.duplex}, sheet {to_mm(plan.sheet[0]):.0f} × "
                        f"{to_mm(plan.sheet[1]):.0f} mm, {len(plan.sheets)} sheet(s)")
    for row in describe(plan):
        table.add_row(str(row["sheet"]), row["side"], str(row["cell"]), row["slot"],
                      "blank" if row["page"] is None else str(row["page"]),
                      f"{row['rotation']}°", f"{row['trim_mm'][0]:.1f}, {row['trim_mm'][1]:.1f}",
                      f"{row['creep_mm']:.2f}")
    console.print(table)


def write_plan_files(plan, json_path, png_path) -> None:
    """--map-json and --preview."""
    import json

    from .impose.plan import describe
    from .files import write_atomic

    if json_path is not None:
        write_atomic(json_path, (json.dumps({"scheme": plan.scheme, "duplex": plan.duplex,
                                             "sheets": len(plan.sheets),
                                             "placements": describe(plan)}, indent=1)
                                 + "\n").encode())
    if png_path is not None:
        from .impose.preview import preview_png  # Pillow, only for --preview

        write_atomic(png_path, preview_png(plan))


def print_findings(console: Console, name: str, report) -> None:
    """Preflight findings as a table, errors first."""
    from rich.table import Table

    if not report.findings:
        console.print(f"[green]{escape(name)}: no finding[/green]")
        return
    table = Table("severity", "rule", "page", "where", "finding", "how to fix",
                  title=f"{name}: {len(report.errors)} error(s), "
                        f"{len(report.findings) - len(report.errors)} warning(s)")
    for f in sorted(report.findings, key=lambda f: (f.severity != "error", f.page or 0)):
        colour = "red" if f.severity == "error" else "yellow"
        table.add_row(f"[{colour}]{f.severity}[/{colour}]", f.rule,
                      str(f.page) if f.page else "", escape(f.where), escape(f.message),
                      escape(f.hint))
    console.print(table)


def findings_json(name: str, report) -> str:
    import json
    from dataclasses import asdict

    return json.dumps({"file": name, "errors": len(report.errors),
                       "findings": [asdict(f) for f in report.findings]},
                      ensure_ascii=False, indent=1)


def print_lint(console: Console, report) -> None:
    """Lint findings, with the readability of each page and of the carnet."""
    from rich.table import Table

    score = report.readability["carnet"]
    console.print(f"[bold]{report.version}[/bold]: {len(report.errors)} error(s), "
                  f"{len(report.warnings)} warning(s); Kandel–Moles {score['kandel_moles']}, "
                  f"LIX {score['lix']}, longest sentence {report.longest} words")
    if report.findings:
        table = Table("severity", "rule", "where", "finding", "hint")
        for f in report.findings:
            colour = {"error": "red", "warning": "yellow"}.get(f.severity, "dim")
            note = f" (lowered: {escape(f.lowered)})" if f.lowered else ""
            table.add_row(f"[{colour}]{f.severity}[/{colour}]", f.rule,
                          escape(f"{f.where} {f.path}"), escape(f.message) + note,
                          escape(f.hint))
        console.print(table)


def print_trend(console: Console, trend) -> None:
    from rich.table import Table

    table = Table("version", "errors", "warnings", "Kandel–Moles", "LIX", "longest sentence",
                  title="Easy to read, version by version")
    for t in trend:
        table.add_row(t.version, str(t.errors), str(t.warnings), str(t.kandel_moles),
                      str(t.lix), str(t.longest))
    console.print(table)


def write_trend_chart(root, trend, path) -> None:
    from .files import write_atomic
    from .fonts import load_fontset
    from .layout import load_layout
    from .render.chart import trend_chart

    layout = load_layout(root, "a6-poche")
    fonts = load_fontset(layout.fonts.regular, layout.fonts.bold)
    fmt = "pdf" if str(path).endswith(".pdf") else "svg"
    write_atomic(path, trend_chart([t.version for t in trend], [t.errors for t in trend],
                                   [t.warnings for t in trend],
                                   [t.kandel_moles for t in trend], fonts, fmt))


def lint_json(report=None, trend=None) -> str:
    import json
    from dataclasses import asdict

    if trend is not None:
        return json.dumps([asdict(t) for t in trend], ensure_ascii=False, indent=1)
    return json.dumps({"version": report.version, "errors": len(report.errors),
                       "warnings": len(report.warnings), "readability": report.readability,
                       "longest_sentence": report.longest,
                       "findings": [asdict(f) for f in report.findings]},
                      ensure_ascii=False, indent=1)
