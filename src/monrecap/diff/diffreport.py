"""The diff for people: a Rich terminal report and JSON for CI (the HTML report: diffhtml.py)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.markup import escape

from monrecap.diff.content import Change, word_diff
from monrecap.diff.describe import cut, details, headline, show
from monrecap.diff.explain import DiffResult, PageResult
from monrecap.plural import count
from monrecap.units import ranges


def texts(value: Any) -> bool:
    """Text, or lines of text: shown as a word diff."""
    return isinstance(value, str) or (isinstance(value, list) and bool(value) and
                                       all(isinstance(v, str) for v in value))


def _value(value: Any, limit: int | None = 80) -> str:
    return cut(show(value), limit)


def _rich_words(old: str, new: str) -> str:
    """[-removed-]{+added+}, readable with or without colour."""
    out = []
    for op, text in word_diff(old, new):
        t = escape(text)
        out.append(t if op == "=" else f"[red]\\[-{t}-][/red]" if op == "-"
                   else f"[green]{{+{t}+}}[/green]")
    return "".join(out)


@dataclass(frozen=True)
class Counts:
    """The figures of a summary line, in any language."""

    content: int | None
    old_pages: int
    new_pages: int
    added: int
    removed: int
    moved: int
    changed: int
    unexplained: int
    numbers: int      # pages where only the page number changed


def counts(result: DiffResult) -> Counts:
    pages = result.content_pages
    count = lambda status: sum(p.status == status for p in pages)  # noqa: E731
    return Counts(
        None if result.content is None else len(result.content),
        sum(p.pair.old is not None for p in result.pages),
        sum(p.pair.new is not None for p in result.pages),
        count("added"), count("removed"), sum(p.moved_only for p in pages),
        sum(p.status == "changed" and p.kind != "page-number" for p in pages),
        len(result.unexplained), sum(p.number_only for p in pages))


def summary(result: DiffResult) -> str:
    """One line: what changed, in numbers."""
    head = f"{result.old.label} → {result.new.label}: "
    if result.identical:
        return head + "identical"
    c = counts(result)
    parts = [] if c.content is None else [count(c.content, "content change", lang="en")]
    moved = f"{c.moved} moved, " if c.moved else ""
    parts.append(f"pages {c.old_pages} → {c.new_pages}: {c.added} added, "
                 f"{c.removed} removed, {moved}{c.changed} changed "
                 f"({c.changed - c.unexplained} explained, {c.unexplained} unexplained), "
                 f"{c.numbers} with only the page number changed")
    if result.lint and result.lint[0] != result.lint[1]:
        (e0, w0), (e1, w1) = result.lint
        parts.append(f"lint: errors {e0} → {e1}, warnings {w0} → {w1}")
    if result.padding != (0, 0):
        parts.append(f"padding notes pages: {result.padding[0]} removed, "
                     f"{result.padding[1]} added")
    return head + "; ".join(parts)


def position(x: float, y: float, w: float, h: float) -> str:
    """Where a region is, said with its origin."""
    return f"{x:.0f} mm from the left edge, {y:.0f} mm from the bottom, {w:.0f} × {h:.0f} mm"


def _page_label(p: PageResult) -> str:
    old, new = p.old_number, p.new_number
    if old is None:
        return f"page {new} (new)"
    if new is None:
        return f"page {old} (removed)"
    moved = ", moved" if p.pair.moved else ""
    return f"page {new}" + (f" (was {old}{moved})" if old != new or moved else "")


def print_diff(console: Console, result: DiffResult) -> None:
    """Summary, changelog, content changes page by page, then what changed on the page.
    Piped or in CI (not a terminal), values are printed whole, never cut."""
    limit = 80 if console.is_terminal else None
    console.print(f"[bold]{escape(summary(result))}[/bold]")
    if result.identical:
        _print_notes(console, result)
        return
    if result.changelog:
        console.print(f"\n[bold]Changelog of {escape(result.new.label)}[/bold]")
        for entry in result.changelog:
            console.print(f"• {escape(entry.change)}\n  [dim]finding:[/dim] "
                          f"{escape(entry.finding)}")
            for ident in entry.evidence:
                if ident in result.evidence:
                    console.print(f"  [dim]{ident}:[/dim] « {escape(result.evidence[ident])} »")
    if result.content:
        console.print("\n[bold]Content[/bold]")
        groups: dict[str, list[Change]] = defaultdict(list)
        for change in result.content:
            groups[change.where].append(change)
        for where, changes in groups.items():
            console.print(f"[bold cyan]{escape(where)}[/bold cyan]")
            for c in changes:
                _print_change(console, c, limit)
    if result.risk is not None:
        from monrecap.risk.registerreport import print_risk_section

        print_risk_section(console, result.risk)
    console.print("\n[bold]On the page[/bold]")
    numbers = [p.new_number for p in result.content_pages if p.number_only]
    for p in result.content_pages:
        if p.status == "identical" or p.number_only:
            continue
        key = escape(p.pair.key)
        if p.status in ("added", "removed") or p.moved_only:
            mark = {"added": "[green]+[/green]", "removed": "[red]-[/red]"}.get(
                p.status, "[cyan]↕[/cyan]")
            console.print(f"  {mark} {_page_label(p)} {key}")
            continue
        flag = "[green]explained[/green]" if p.explained else "[bold red]UNEXPLAINED[/bold red]"
        console.print(f"  ~ {_page_label(p)} {key}: {p.kind}, {p.area} mm² in "
                      f"{count(len(p.regions), 'region', lang='en')} — {flag}")
        if p.geometry:
            console.print(f"      geometry: {escape(p.geometry)}")
        for r in p.regions:
            g = r.region
            why = escape(r.explanation) if r.explanation else "[red]nothing explains it[/red]"
            console.print(f"      at {position(g.x, g.y, g.w, g.h)}: {why}")
        if p.hint and not p.explained:
            console.print(f"      [yellow]hint:[/yellow] {escape(p.hint)}")
    if numbers:
        console.print(f"  {count(len(numbers), 'page', lang='en')} with only the page number "
                      "changed: "
                      f"{ranges(numbers)}")
    _print_notes(console, result)


def _print_notes(console: Console, result: DiffResult) -> None:
    for p in result.content_pages:
        if p.note:
            console.print(f"  [yellow]note:[/yellow] {_page_label(p)}: {escape(p.note)}")


def _print_change(console: Console, c: Change, limit: int | None) -> None:
    if c.record and c.what in ("added", "removed"):
        # A record (a card, a step) added or removed: its filled fields, one per line.
        console.print(f"  {escape(headline(c, limit, in_page=True))}")
        for line in details(c, limit):
            console.print(f"      {escape(line)}")
    elif c.what in ("added", "removed", "moved"):
        value = _value(c.new or c.old, limit)
        console.print(f"  {c.what}" + (f" {escape(c.path)}: {escape(value)}" if c.path else ""))
    elif texts(c.old) and texts(c.new) and c.path:
        label = f"{c.record}, {c.field}" if c.record else c.path
        console.print(f"  ~ {escape(label)}: {_rich_words(show(c.old), show(c.new))}")
    else:
        label = f"{c.record}, {c.field}: " if c.record else f"{c.path}: " if c.path else ""
        console.print(f"  ~ {escape(label)}{escape(_value(c.old, limit))} → "
                      f"{escape(_value(c.new, limit))}")


def diff_json(result: DiffResult) -> dict:
    """Everything, for CI."""
    return {
        "schema_version": 1,
        "old": result.old.label, "new": result.new.label, "identical": result.identical,
        "summary": summary(result),
        "content": None if result.content is None else [
            {"what": c.what, "where": c.where, "path": c.path, "old": c.old, "new": c.new}
            for c in result.content],
        "padding": {"removed": result.padding[0], "added": result.padding[1]},
        "evidence": result.evidence,
        "pages": [{"key": p.pair.key, "status": p.status, "kind": p.kind, "moved": p.pair.moved,
                   "old_page": p.old_number, "new_page": p.new_number,
                   "explained": p.explained if p.status == "changed" else None,
                   "area_mm2": p.area, "geometry": p.geometry, "hint": p.hint,
                   "note": p.note,
                   "regions": [{"box_mm": [r.region.x, r.region.y, r.region.w, r.region.h],
                                "area_mm2": r.region.area, "kind": r.kind,
                                "explanation": r.explanation} for r in p.regions]}
                  for p in result.content_pages if p.status != "identical"],
        "unexplained": len(result.unexplained),
        "risk": None if result.risk is None else _risk_json(result.risk),
        "lint": None if result.lint is None else {
            "old": {"errors": result.lint[0][0], "warnings": result.lint[0][1]},
            "new": {"errors": result.lint[1][0], "warnings": result.lint[1][1]}},
    }


def _risk_json(risk) -> dict:
    from monrecap.risk.registerreport import diff_json as risk_json

    return risk_json(risk)
