"""The diff for people: a Rich terminal report, JSON for CI, and a self-contained HTML report."""

from __future__ import annotations

import base64
import io
from collections import defaultdict
from typing import Any

from jinja2 import Environment, select_autoescape
from rich.console import Console
from rich.markup import escape

from ..units import ranges
from .compare import DiffResult, PageResult
from .content import Change, word_diff


def _value(value: Any, limit: int = 80) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _rich_words(old: str, new: str) -> str:
    """[-removed-]{+added+}, readable with or without colour."""
    out = []
    for op, text in word_diff(old, new):
        t = escape(text)
        out.append(t if op == "=" else f"[red]\\[-{t}-][/red]" if op == "-"
                   else f"[green]{{+{t}+}}[/green]")
    return "".join(out)


def summary(result: DiffResult) -> str:
    """One line: what changed, in numbers."""
    pages = result.pages
    count = lambda status: sum(p.status == status for p in pages)  # noqa: E731
    changed = [p for p in pages if p.status == "changed" and p.kind != "page-number"]
    numbers = [p for p in pages if p.kind == "page-number"]
    unexplained = len(result.unexplained)
    parts = []
    if result.content is not None:
        parts.append(f"{len(result.content)} content change(s)")
    old_total = sum(p.pair.old is not None for p in pages) + result.padding[0]
    new_total = sum(p.pair.new is not None for p in pages) + result.padding[1]
    parts.append(f"pages {old_total} → {new_total}: {count('added')} added, "
                 f"{count('removed')} removed, {len(changed)} changed "
                 f"({len(changed) - unexplained} explained, {unexplained} unexplained), "
                 f"{len(numbers)} with only the page number changed")
    if result.lint and result.lint[0] != result.lint[1]:
        (e0, w0), (e1, w1) = result.lint
        parts.append(f"lint: errors {e0} → {e1}, warnings {w0} → {w1}")
    if result.padding != (0, 0):
        parts.append(f"padding notes pages: {result.padding[0]} removed, "
                     f"{result.padding[1]} added")
    head = f"{result.old.label} → {result.new.label}: "
    return head + ("identical" if result.identical else "; ".join(parts))


def _page_label(p: PageResult) -> str:
    old, new = p.old_number, p.new_number
    if old is None:
        return f"page {new} (new)"
    if new is None:
        return f"page {old} (removed)"
    return f"page {new}" + (f" (was {old})" if old != new else "")


def print_diff(console: Console, result: DiffResult) -> None:
    """Summary, changelog, content changes page by page, then what changed on the page."""
    console.print(f"[bold]{escape(summary(result))}[/bold]")
    if result.changelog:
        console.print(f"\n[bold]Changelog of {escape(result.new.label)}[/bold]")
        for entry in result.changelog:
            console.print(f"• {escape(entry.change)}\n  [dim]finding:[/dim] "
                          f"{escape(entry.finding)}")
    if result.content:
        console.print("\n[bold]Content[/bold]")
        groups: dict[str, list[Change]] = defaultdict(list)
        for change in result.content:
            groups[change.where].append(change)
        for where, changes in groups.items():
            console.print(f"[bold cyan]{escape(where)}[/bold cyan]")
            for c in changes:
                if c.what in ("added", "removed", "moved"):
                    console.print(f"  {c.what}")
                elif isinstance(c.old, str) and isinstance(c.new, str) and c.path:
                    console.print(f"  ~ {escape(c.path)}: {_rich_words(c.old, c.new)}")
                else:
                    label = f"{c.path}: " if c.path else ""
                    console.print(f"  ~ {escape(label)}{escape(_value(c.old))} → "
                                  f"{escape(_value(c.new))}")
    console.print("\n[bold]On the page[/bold]")
    numbers = [p.new_number for p in result.pages if p.kind == "page-number"]
    for p in result.pages:
        if p.status == "identical" or p.kind == "page-number":
            continue
        key = escape(p.pair.key)
        if p.status in ("added", "removed"):
            console.print(f"  [green]+[/green] {_page_label(p)} {key}" if p.status == "added"
                          else f"  [red]-[/red] {_page_label(p)} {key}")
            continue
        flag = "[green]explained[/green]" if p.explained else "[bold red]UNEXPLAINED[/bold red]"
        console.print(f"  ~ {_page_label(p)} {key}: {p.kind}, {p.area} mm² in "
                      f"{len(p.regions)} region(s) — {flag}")
        if p.geometry:
            console.print(f"      geometry: {escape(p.geometry)}")
        for r in p.regions:
            g = r.region
            why = escape(r.explanation) if r.explanation else "[red]nothing explains it[/red]"
            console.print(f"      at {g.x:.0f}, {g.y:.0f} mm, {g.w:.0f} × {g.h:.0f} mm: {why}")
        if p.hint and not p.explained:
            console.print(f"      [yellow]hint:[/yellow] {escape(p.hint)}")
    if numbers:
        console.print(f"  {len(numbers)} page(s) with only the page number changed: "
                      f"{ranges(numbers)}")


def diff_json(result: DiffResult) -> dict:
    """Everything, for CI."""
    return {
        "old": result.old.label, "new": result.new.label, "identical": result.identical,
        "summary": summary(result),
        "content": None if result.content is None else [
            {"what": c.what, "where": c.where, "path": c.path, "old": c.old, "new": c.new}
            for c in result.content],
        "padding": {"removed": result.padding[0], "added": result.padding[1]},
        "pages": [{"key": p.pair.key, "status": p.status, "kind": p.kind,
                   "old_page": p.old_number, "new_page": p.new_number,
                   "explained": p.explained if p.status == "changed" else None,
                   "area_mm2": p.area, "geometry": p.geometry, "hint": p.hint,
                   "regions": [{"box_mm": [r.region.x, r.region.y, r.region.w, r.region.h],
                                "area_mm2": r.region.area, "kind": r.kind,
                                "explanation": r.explanation} for r in p.regions]}
                  for p in result.pages if p.status != "identical"],
        "unexplained": len(result.unexplained),
        "lint": None if result.lint is None else {
            "old": {"errors": result.lint[0][0], "warnings": result.lint[0][1]},
            "new": {"errors": result.lint[1][0], "warnings": result.lint[1][1]}},
    }


def _png(image) -> str:
    if image is None:
        return ""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def _overlay(page: PageResult, dpi: float):
    """The new page with each changed region outlined: green explained, red unexplained."""
    from PIL import ImageDraw

    base = page.images[1] if len(page.images) > 1 and page.images[1] is not None else None
    if base is None:
        return None
    image = base.convert("RGB").copy()
    draw = ImageDraw.Draw(image)
    s = dpi / 25.4
    for r in page.regions:
        g = r.region
        box = (g.x * s, image.height - (g.y + g.h) * s, (g.x + g.w) * s, image.height - g.y * s)
        draw.rectangle(box, outline="#2e7d32" if r.explanation else "#c62828", width=3)
    return image


TEMPLATE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8">
<title>Diff {{ old }} → {{ new }}</title>
<style>
 body { font-family: system-ui, sans-serif; margin: 2rem; color: #111; max-width: 1200px; }
 h1 { font-size: 1.4rem; } h2 { margin-top: 2rem; font-size: 1.15rem; }
 .summary { background: #eef6f8; padding: .8rem 1rem; border-radius: 6px; }
 .unexplained { color: #b71c1c; font-weight: bold; } .explained { color: #2e7d32; }
 del { background: #ffebee; color: #b71c1c; } ins { background: #e8f5e9; color: #1b5e20;
   text-decoration: none; }
 .page { border: 1px solid #ccc; border-radius: 6px; padding: 1rem; margin: 1rem 0; }
 .pics { display: flex; gap: 1rem; flex-wrap: wrap; } .pics figure { margin: 0; }
 .pics img { border: 1px solid #999; max-height: 420px; }
 figcaption { font-size: .85rem; color: #555; text-align: center; }
 table { border-collapse: collapse; } td, th { padding: .2rem .6rem; text-align: left;
   border-bottom: 1px solid #eee; vertical-align: top; }
</style></head><body>
<h1>{{ old }} → {{ new }}</h1>
<p class="summary">{{ summary }}</p>
{% if changelog %}<h2>Changelog of {{ new }}</h2><ul>
{% for e in changelog %}<li>{{ e.change }}<br><small>Finding: {{ e.finding }}</small></li>{% endfor %}
</ul>{% endif %}
{% if content %}<h2>Content</h2><table><tr><th>where</th><th>what</th></tr>
{% for c in content %}<tr><td>{{ c.where }}</td><td>{% if c.words %}{% if c.path %}{{ c.path }}: {% endif %}{% for op, t in c.words
%}{% if op == '=' %}{{ t }}{% elif op == '-' %}<del>{{ t }}</del>{% else %}<ins>{{ t }}</ins>{% endif
%}{% endfor %}{% elif c.what != 'changed' %}{{ c.what }}{% else %}{{ c.path }}{% if c.path %}: {% endif
%}{{ c.old }} → {{ c.new }}{% endif %}</td></tr>{% endfor %}
</table>{% endif %}
<h2>On the page</h2>
{% if numbers %}<p>{{ numbers|length }} page(s) where only the page number changed:
{{ number_ranges }}.</p>{% endif %}
{% for p in pages %}<div class="page">
<h3>{{ p.label }} — <code>{{ p.key }}</code> — {{ p.status }}{% if p.kind %}, {{ p.kind }}{% endif %}
{% if p.status == 'changed' %}— <span class="{{ 'explained' if p.explained else 'unexplained' }}">
{{ 'explained' if p.explained else 'UNEXPLAINED' }}</span>{% endif %}</h3>
<p>PDF page {{ p.old_pdf or '—' }} → {{ p.new_pdf or '—' }};
printed page {{ p.old_number or '—' }} → {{ p.new_number or '—' }};
changed area {{ p.area }} mm².{% if p.geometry %} Geometry: {{ p.geometry }}.{% endif %}
{% if p.hint and not p.explained %} Hint: {{ p.hint }}.{% endif %}</p>
<ul>{% for r in p.regions %}<li>at {{ '%.0f'|format(r.region.x) }}, {{ '%.0f'|format(r.region.y) }} mm,
{{ '%.0f'|format(r.region.w) }} × {{ '%.0f'|format(r.region.h) }} mm:
{% if r.explanation %}{{ r.explanation }}{% else %}<span class="unexplained">nothing explains it</span>{% endif
%}</li>{% endfor %}</ul>
<div class="pics">
{% if p.old_img %}<figure><img alt="before" src="{{ p.old_img }}"><figcaption>before</figcaption></figure>{% endif %}
{% if p.new_img %}<figure><img alt="after" src="{{ p.new_img }}"><figcaption>after</figcaption></figure>{% endif %}
{% if p.overlay %}<figure><img alt="changes outlined" src="{{ p.overlay }}"><figcaption>changes outlined
</figcaption></figure>{% endif %}
</div></div>{% endfor %}
</body></html>
"""


def diff_html(result: DiffResult, dpi: float) -> str:
    """A self-contained HTML page (images inline, no network)."""
    env = Environment(autoescape=select_autoescape(default=True))
    pages = []
    for p in result.pages:
        if p.status == "identical" or p.kind == "page-number":
            continue
        old_img = p.images[0] if p.images else None
        new_img = p.images[1] if len(p.images) > 1 else None
        pages.append({
            "label": _page_label(p), "key": p.pair.key, "status": p.status, "kind": p.kind,
            "explained": p.explained, "area": p.area, "geometry": p.geometry, "hint": p.hint,
            "regions": p.regions, "old_number": p.old_number, "new_number": p.new_number,
            "old_pdf": None if p.pair.old is None else p.pair.old + 1,
            "new_pdf": None if p.pair.new is None else p.pair.new + 1,
            "old_img": _png(old_img), "new_img": _png(new_img),
            "overlay": _png(_overlay(p, dpi)) if p.regions else ""})
    content = []
    for c in result.content or []:
        words = word_diff(c.old, c.new) if isinstance(c.old, str) and isinstance(c.new, str) \
            else None
        content.append({"where": c.where, "what": c.what, "path": c.path, "old": _value(c.old),
                        "new": _value(c.new), "words": words})
    numbers = [p.new_number for p in result.pages if p.kind == "page-number"]
    return env.from_string(TEMPLATE).render(
        old=result.old.label, new=result.new.label, summary=summary(result),
        changelog=result.changelog, content=content, pages=pages, numbers=numbers,
        number_ranges=ranges(numbers) if numbers else "")
