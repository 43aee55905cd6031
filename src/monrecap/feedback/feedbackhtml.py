"""The feedback report as one self-contained HTML file: no network, the chart drawn as inline
SVG by hand (a stacked bar per week, one colour per version), so it opens anywhere and diffs
as text."""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

from monrecap.feedback.feedbackreport import FeedbackReport, week_of
from monrecap.files import write_atomic
from monrecap.plural import count

PALETTE = ("#1b5e8c", "#e07b00", "#2e8b57", "#b03a48", "#6a4c93", "#8c6d1f", "#0f7c7c",
           "#c2185b", "#546e7a", "#7cb342")


def every_week(weeks: list[str]) -> list[str]:
    """The weeks from the first to the last, quiet weeks included (the x axis is time).

    >>> every_week(["2026-W52", "2027-W02"])
    ['2026-W52', '2026-W53', '2027-W01', '2027-W02']
    """
    if not weeks:
        return []
    start = dt.date.fromisocalendar(*map(int, weeks[0].split("-W")), 1)
    end = dt.date.fromisocalendar(*map(int, weeks[-1].split("-W")), 1)
    return [week_of(start + dt.timedelta(weeks=i)) for i in range((end - start).days // 7 + 1)]


def week_chart(report: FeedbackReport, width: int = 720, height: int = 260) -> str:
    """Messages per week, stacked by version, as an SVG element."""
    weeks = every_week(list(report.week_version))
    versions = list(report.by_version)
    colour = {v: PALETTE[i % len(PALETTE)] for i, v in enumerate(versions)}
    if not weeks:
        return "<p>No message.</p>"
    left, bottom, top, right = 40, 46, 16, 130
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(sum(c.values()) for c in report.week_version.values())
    step = max(1, -(-peak // 5))
    ceiling = step * -(-peak // step)
    slot = plot_w / len(weeks)
    bar = max(2.0, min(36.0, slot * 0.7))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="Messages per week">']
    for value in range(0, ceiling + 1, step):
        y = top + plot_h - plot_h * value / ceiling
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
                     f'stroke="#ddd"/><text x="{left - 6}" y="{y + 4:.1f}" '
                     f'text-anchor="end" font-size="11">{value}</text>')
    label_every = max(1, len(weeks) // 12)
    for i, week in enumerate(weeks):
        x = left + slot * i + (slot - bar) / 2
        y = top + plot_h
        for version, count in report.week_version.get(week, {}).items():
            h = plot_h * count / ceiling
            y -= h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                         f'fill="{colour[version]}"><title>{escape(week)} {escape(version)}: '
                         f'{count}</title></rect>')
        if i % label_every == 0:
            cx = x + bar / 2
            parts.append(f'<text x="{cx:.1f}" y="{top + plot_h + 14}" font-size="10" '
                         f'text-anchor="end" transform="rotate(-35 {cx:.1f} '
                         f'{top + plot_h + 14})">{escape(week)}</text>')
    for i, version in enumerate(versions):
        y = top + 4 + 18 * i
        parts.append(f'<rect x="{width - right + 16}" y="{y}" width="12" height="12" '
                     f'fill="{colour[version]}"/><text x="{width - right + 34}" y="{y + 10}" '
                     f'font-size="12">{escape(version)} ({report.by_version[version]})</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table(title: str, counts: dict[str, int], total: int) -> str:
    rows = "".join(f"<tr><td>{escape(k)}</td><td class=n>{n}</td>"
                   f"<td class=n>{n / total:.0%}</td></tr>" for k, n in counts.items())
    return (f"<table><caption>{escape(title)}</caption><tr><th></th><th>messages</th>"
            f"<th>share</th></tr>{rows}</table>")


def report_html(report: FeedbackReport) -> str:
    """The whole page."""
    total = report.total or 1
    filters = ", ".join(f"{k} {v}" for k, v in report.filters.items() if v) or "all messages"
    excerpts = []
    for page, items in report.excerpts.items():
        quotes = "".join(
            f"<li><span class=meta>{escape(e.id)} · {escape(e.date[:10])} · "
            f"{escape(e.version or '?')} · words: {escape(', '.join(e.words))}</span>"
            f"<blockquote>{escape(e.text)}</blockquote></li>" for e in items)
        excerpts.append(f"<h3>{escape(page)} ({report.by_page[page]})</h3><ul>{quotes}</ul>")
    repeat = ", ".join(f"{escape(k)} ×{n}" for k, n in report.repeat_contributors) or "none"
    sources = ", ".join(f"{escape(k)} {n}" for k, n in report.version_sources.items())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mon Récap — field feedback</title>
<style>
body {{ font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 60em;
       color: #222; padding: 0 1em; }}
h1 {{ font-size: 1.6em; }} .meta {{ color: #666; font-size: .85em; }}
.tables {{ display: flex; flex-wrap: wrap; gap: 2em; align-items: flex-start; }}
table {{ border-collapse: collapse; }} caption {{ font-weight: bold; text-align: left; }}
td, th {{ padding: .15em .6em; border-bottom: 1px solid #eee; text-align: left; }}
td.n {{ text-align: right; }} blockquote {{ margin: .2em 0 .8em 0; white-space: pre-wrap;
       border-left: 3px solid #1b5e8c; padding-left: .6em; }}
ul {{ list-style: none; padding: 0; }}
</style></head><body>
<h1>Field feedback — {count(report.total, "message", lang="en")}</h1>
<p class=meta>{escape(filters)} · version from: {sources or "—"} ·
without a version: {report.no_version} ({report.no_version / total:.0%}) ·
without a page: {report.no_page} ({report.no_page / total:.0%})</p>
<h2>Messages per week and version</h2>
{week_chart(report)}
<div class=tables>
{_table("By version", report.by_version, total)}
{_table("By channel", report.by_channel, total)}
{_table("By page", report.by_page, total)}
</div>
<p><b>Repeat contributors</b> (pseudonymous keys): {repeat}</p>
<h2>Latest excerpts per page</h2>
<p class=meta>Personal data was replaced before storing; the words show why a message is tied
to a page.</p>
{"".join(excerpts)}
</body></html>
"""


def write_html(path: Path, report: FeedbackReport) -> None:
    write_atomic(path, report_html(report).encode("utf-8"))
