"""The impact report's charts as inline SVG, written by hand (the HTML is one file that opens
anywhere, no script, no network): the funnel per group, the rates with their intervals, and
word of mouth over time."""

from __future__ import annotations

from html import escape

from monrecap.impact.funnel import Funnel
from monrecap.impact.stats import Rate
from monrecap.impact.verdicts import METRICS, bounds, percent

PALETTE = ("#1b5e8c", "#e07b00", "#2e8b57", "#b03a48", "#6a4c93", "#8c6d1f", "#0f7c7c",
           "#c2185b", "#546e7a", "#7cb342")
STAGES = (("shipped_answered", "expédiés"), ("remis", "remis"), ("revus", "revus"),
          ("avec_carnet", "revenus avec le carnet"), ("remplis", "remplis"))
FONT = 'font-family="system-ui, sans-serif"'


def colours(groups: list[Funnel]) -> dict[str, str]:
    """Each group's colour, by its place among the report's groups: the same in every chart
    of the HTML and on the committee's page."""
    return {g.name: PALETTE[i % len(PALETTE)] for i, g in enumerate(groups)}


def cmyk(colour: str) -> tuple[float, float, float, float]:
    """An HTML colour as CMYK fractions, for the committee's PDF (the plain conversion: the
    page is printed on an office printer, and must look like the report on screen).

    >>> cmyk("#1b5e8c"), cmyk("#e07b00")
    ((0.807, 0.329, 0.0, 0.451), (0.0, 0.451, 1.0, 0.122))
    """
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    k = 1 - max(r, g, b)
    if k >= 1:
        return (0.0, 0.0, 0.0, 1.0)
    return tuple(round(v, 3) for v in ((1 - r - k) / (1 - k), (1 - g - k) / (1 - k),
                                       (1 - b - k) / (1 - k), k))


def _svg(width: int, height: int, label: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}" {FONT}>'
            + "".join(body) + "</svg>")


def funnel_chart(groups: list[Funnel], width: int = 760) -> str:
    """One row of bars per group: carnets shipped to the structures that answered, handed
    out, seen again, back with the carnet, filled in — every bar on one scale, the largest
    count of all the groups."""
    if not groups:
        return "<p>Aucune donnée.</p>"
    colour = colours(groups)
    label_w, row_h, gap = 190, 18, 14
    block = len(STAGES) * row_h + 26
    parts = []
    peak = max([getattr(g, s) for g in groups for s, _ in STAGES] + [1])
    for i, g in enumerate(groups):
        top = i * (block + gap)
        parts.append(f'<text x="0" y="{top + 14}" font-size="14" font-weight="bold">'
                     f'{escape(g.name)}</text>')
        for j, (stage, label) in enumerate(STAGES):
            value = getattr(g, stage)
            y = top + 22 + j * row_h
            w = (width - label_w - 70) * value / peak
            parts.append(f'<text x="{label_w - 8}" y="{y + 12}" font-size="12" '
                         f'text-anchor="end">{label}</text>'
                         f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{row_h - 5}" '
                         f'fill="{colour[g.name]}" opacity="{1 - 0.12 * j:.2f}">'
                         f'<title>{escape(g.name)} : {value} {label}</title></rect>'
                         f'<text x="{label_w + w + 6:.1f}" y="{y + 12}" font-size="12">'
                         f'{value}</text>')
    return _svg(width, len(groups) * (block + gap), "Entonnoir par groupe", parts)


def _axis(parts: list[str], left: float, right: float, y0: float, y1: float) -> None:
    for tick in range(0, 101, 25):
        x = left + (right - left) * tick / 100
        parts.append(f'<line x1="{x:.1f}" y1="{y0}" x2="{x:.1f}" y2="{y1}" stroke="#ddd"/>'
                     f'<text x="{x:.1f}" y="{y1 + 14}" font-size="11" text-anchor="middle">'
                     f'{tick}\u00a0%</text>')


def rates_chart(groups: list[Funnel], width: int = 760) -> str:
    """Each rate, one line per group: the value as a dot, the 95 % interval as a bar."""
    colour = colours(groups)
    left, right, row_h = 250, width - 90, 20
    rows = [(m, g) for m in METRICS if m.key != "minutes" for g in groups]
    if not rows:
        return "<p>Aucune donnée.</p>"
    parts, y = [], 0.0
    height = sum(22 + row_h * len(groups) for m in METRICS if m.key != "minutes") + 24
    _axis(parts, left, right, 0, height - 22)
    for metric in METRICS:
        if metric.key == "minutes":
            continue
        parts.append(f'<text x="0" y="{y + 15}" font-size="13" font-weight="bold">'
                     f'{escape(metric.title)}</text>')
        y += 22
        for g in groups:
            rate: Rate | None = g.rates.get(metric.key)
            parts.append(f'<text x="{left - 10}" y="{y + 13}" font-size="12" '
                         f'text-anchor="end">{escape(g.name)}</text>')
            if rate is None:
                parts.append(f'<text x="{left}" y="{y + 13}" font-size="12" fill="#777">'
                             'pas de donnée</text>')
            else:
                x = [left + (right - left) * v for v in (rate.low, rate.value, rate.high)]
                low, high = bounds(rate.low, rate.high)
                parts.append(f'<line x1="{x[0]:.1f}" y1="{y + 9}" x2="{x[2]:.1f}" y2="{y + 9}" '
                             f'stroke="{colour[g.name]}" stroke-width="4" opacity="0.55"/>'
                             f'<circle cx="{x[1]:.1f}" cy="{y + 9}" r="5" '
                             f'fill="{colour[g.name]}"><title>{escape(g.name)} : '
                             f'{percent(rate.value)} ({rate.k} sur {rate.n}), de '
                             f'{low}\u00a0% à {high}\u00a0%</title></circle>'
                             f'<text x="{right + 8}" y="{y + 13}" font-size="12">'
                             f'{percent(rate.value)}</text>')
            y += row_h
    return _svg(width, int(height), "Taux et intervalles à 95 %", parts)


def word_of_mouth_chart(months: list[tuple[str, Rate, int]], width: int = 760,
                        height: int = 230) -> str:
    """The share of orders by word of mouth per month of production, with its interval, and
    the line at one half (« about half of the orders »)."""
    if not months:
        return "<p>Le registre de production ne dit pas encore comment les structures ont " \
               "connu le carnet.</p>"
    left, bottom, top = 50, 40, 12
    plot_w, plot_h = width - left - 20, height - top - bottom
    slot = plot_w / len(months)
    bar = max(4.0, min(46.0, slot * 0.6))
    parts = []
    for tick in range(0, 101, 25):
        y = top + plot_h * (1 - tick / 100)
        stroke = 'stroke="#999" stroke-dasharray="4 3"' if tick == 50 else 'stroke="#e3e3e3"'
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
                     f'{stroke}/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" '
                     f'text-anchor="end">{tick}\u00a0%</text>')
    every = max(1, len(months) // 12)
    for i, (month, rate, unknown) in enumerate(months):
        x = left + slot * i + (slot - bar) / 2
        h = plot_h * rate.value
        cx = x + bar / 2
        y_low, y_high = (top + plot_h * (1 - v) for v in (rate.low, rate.high))
        parts.append(f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar:.1f}" '
                     f'height="{h:.1f}" fill="{PALETTE[0]}"><title>{month} : '
                     f'{percent(rate.value)} ({rate.k} commandes sur {rate.n})</title></rect>'
                     f'<line x1="{cx:.1f}" y1="{y_low:.1f}" x2="{cx:.1f}" y2="{y_high:.1f}" '
                     f'stroke="#222" stroke-width="1.5"/>')
        if i % every == 0:
            parts.append(f'<text x="{cx:.1f}" y="{top + plot_h + 16}" font-size="11" '
                         f'text-anchor="middle">{month}</text>')
    return _svg(width, height, "Bouche-à-oreille par mois", parts)
