"""The committee's one-page A4 sheet, drawn with the carnet's painter (`DocPainter`: text that
must fit, the layout's CMYK palette and type scale, pictograms): a block per rate with its
sentences and a dot-and-interval chart, the funnel, word of mouth by month, the decisions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from monrecap.fonts import FontSet
from monrecap.kit.document import MM, DocPainter, doc_layout, finish, open_document, page, picto
from monrecap.layout import Layout

DOC = "impact sheet"
PICTO = 10 * MM
GAP = 6.0


@dataclass(frozen=True)
class Series:
    """One group as the sheet shows it."""

    label: str                  # « Version 11 »
    short: str                  # « v11 », beside its chart line
    colour: str                 # a palette name


@dataclass(frozen=True)
class RateBlock:
    title: str
    picto: str
    lines: tuple[str, ...]                                  # one per series
    points: tuple[tuple[float, float, float] | None, ...]   # value, low, high (0–1); () none
    status: str                                             # the comparison, or ""
    counts: str                                             # the counts behind, small


@dataclass(frozen=True)
class CommitteeSheet:
    title: str
    intro: str
    series: tuple[Series, ...]
    blocks: tuple[RateBlock, ...]
    funnel_title: str
    stages: tuple[str, ...]
    funnel: tuple[tuple[int, ...], ...]          # per series, a count per stage
    mouth_title: str
    mouth_sentence: str
    months: tuple[tuple[str, float, float, float], ...]  # label, value, low, high
    decisions: tuple[tuple[str, str], ...]        # « Le 11 mars 2025 », the decision
    more_decisions: str
    colophon: str


def _block(p: DocPainter, root: Path, block: RateBlock, series, y: float, bottom: float,
           i: int) -> float:
    """A rate: pictogram and title; one sentence per series, each beside its chart line (dot
    and interval); the comparison; the counts. Returns the height used."""
    s, W = p.safe, p.W
    text_x = s + PICTO + 8
    chart_x = s + (W - 2 * s) * 0.50
    p.picto(picto(root, block.picto), s, y - PICTO, PICTO, colour="accent")
    used = p.text(("rates", (i, "title")), block.title, text_x, y, W - s - text_x, bottom,
                  bold=True)
    row = p.line_height()
    for j, (line, serie) in enumerate(zip(block.lines, series)):
        top = y - used - j * row
        p.disc(text_x + 4, top - p.size("body") * 0.35, 4, serie.colour)
        p.line(("rates", (i, j)), line, text_x + 12, top - p.size("body"),
               max_width=chart_x - text_x - 20)
        point = block.points[j] if block.points else None
        if point is not None:
            _dot(p, point, serie.colour, chart_x, W - s - 26, top - row / 2 + 2)
    if block.points:
        _axis(p, chart_x, W - s - 26, y - used - len(series) * row, i)
    used += len(series) * row + (p.line_height("small") if block.points else 0)
    if block.status:
        used += p.text(("rates", (i, "status")), block.status, text_x, y - used,
                       W - s - text_x, bottom, bold=True, colour="accent")
    if block.counts:
        used += p.text(("rates", (i, "counts")), block.counts, text_x, y - used,
                       W - s - text_x, bottom, role="small", colour="muted")
    return max(used, PICTO + 4)


def _dot(p: DocPainter, point: tuple[float, float, float], colour: str, x0: float,
         x1: float, cy: float) -> None:
    """A value as a dot, its 95 % interval as a bar, on a 0–100 scale from x0 to x1."""
    value, low, high = point
    lx, hx = (x0 + (x1 - x0) * v for v in (low, high))
    p.band(lx, cy - 2.5, max(hx, lx + 1), cy + 2.5, colour=colour)
    p.disc(x0 + (x1 - x0) * value, cy, 5, colour)


def _axis(p: DocPainter, x0: float, x1: float, y: float, i: int) -> None:
    """The 0–100 scale under a rate's chart lines, ticks as thin bands up to its rows."""
    p.rule(x0, y, x1, colour="line")
    for tick in (0, 50, 100):
        tx = x0 + (x1 - x0) * tick / 100
        text = str(tick)
        p.band(tx - 0.3, y, tx + 0.3, y + 3, colour="line")
        p.line(("rates", (i, "axis", tick)), text, tx - p.measure_width(text, "small") / 2,
               y - p.size("small"), role="small", colour="muted")


def funnel_height(p: DocPainter, sheet: CommitteeSheet, w: float) -> float:
    return p.measure(sheet.funnel_title, w, bold=True) + 4 + len(sheet.stages) * (
        max(len(sheet.series) * 9, p.line_height("small")) + 5)


def _funnel(p: DocPainter, sheet: CommitteeSheet, x: float, top: float, w: float,
            bottom: float) -> None:
    """Per stage, one thin bar per series, each to its own series' largest count."""
    label_w = 86.0
    used = p.text(("funnel", ("title",)), sheet.funnel_title, x, top, w, bottom, bold=True)
    y = top - used - 4
    bar = 7.0
    for k, stage in enumerate(sheet.stages):
        p.line(("funnel", ("stage", k)), stage, x, y - p.size("small"), role="small",
               max_width=label_w - 4)
        for j, serie in enumerate(sheet.series):
            counts = sheet.funnel[j]
            length = (w - label_w - 36) * counts[k] / max(max(counts), 1)
            by = y - (j + 1) * (bar + 2)
            if counts[k]:
                p.band(x + label_w, by, x + label_w + length, by + bar, colour=serie.colour)
            p.line(("funnel", ("count", k, j)), str(counts[k]), x + label_w + length + 3,
                   by + 0.5, role="small", colour="muted")
        y -= max(len(sheet.series) * (bar + 2), p.line_height("small")) + 5


MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
          "nov.", "déc.")


def _mouth(p: DocPainter, sheet: CommitteeSheet, x: float, top: float, w: float,
           bottom: float) -> None:
    """Word of mouth per month: a bar and its interval, the line at one half, down to
    ``bottom``."""
    used = p.text(("mouth", ("title",)), sheet.mouth_title, x, top, w, bottom, bold=True)
    used += p.text(("mouth", ("sentence",)), sheet.mouth_sentence, x, top - used, w, bottom)
    if not sheet.months:
        return
    plot_top = top - used - 6
    plot_bottom = bottom + p.line_height("small") + 2
    h = plot_top - plot_bottom
    left = x + 22
    p.line(("mouth", ("axis", 50)), "50", x, plot_bottom + h / 2 - 3, role="small",
           colour="muted")
    p.rule(left, plot_bottom + h / 2, x + w, colour="muted")
    p.rule(left, plot_bottom, x + w)
    slot = (x + w - left) / len(sheet.months)
    bar = min(26.0, slot * 0.6)
    for k, (label, value, low, high) in enumerate(sheet.months):
        bx = left + k * slot + (slot - bar) / 2
        if value > 0:
            p.band(bx, plot_bottom, bx + bar, plot_bottom + h * value, colour="accent")
        cx = bx + bar / 2
        p.band(cx - 0.6, plot_bottom + h * low, cx + 0.6, plot_bottom + h * high, colour="ink")
        if len(sheet.months) <= 6 or k % 2 == 0:
            width = p.measure_width(label, "small")
            p.line(("mouth", ("month", k)), label, max(left, cx - width / 2),
                   plot_bottom - p.size("small") - 1, role="small", colour="muted",
                   max_width=x + w - max(left, cx - width / 2))


def _decisions(p: DocPainter, root: Path, sheet: CommitteeSheet, y: float,
               bottom: float) -> None:
    """The newest decisions that fit, then a line saying where the others are."""
    if not sheet.decisions:
        return
    s, W = p.safe, p.W
    x = s + PICTO + 8
    room = W - s - x
    title = "Les décisions du comité"
    first = f"{sheet.decisions[0][0]} : {sheet.decisions[0][1]}"
    more = p.measure(sheet.more_decisions, room)
    if y - p.measure(title, room, bold=True) - p.measure(first, room) < bottom:
        where = "Les décisions du comité sont dans le rapport complet."
        if y - p.measure(where, room) >= bottom:  # no room for one: say where they are
            p.text(("decisions", ("more",)), where, x, y, room, bottom, colour="muted")
        return
    p.picto(picto(root, "heart-handshake"), s, y - PICTO, PICTO, colour="accent")
    y -= p.text(("decisions", ("title",)), title, x, y, room, bottom, bold=True)
    shown = 0
    for k, (when, what) in enumerate(sheet.decisions):  # the newest first
        text = f"{when} : {what}"
        rest = len(sheet.decisions) - k - 1
        if k and y - p.measure(text, room) - (more if rest else 0) < bottom:
            break
        y -= p.text(("decisions", (k,)), text, x, y, room, bottom)
        shown += 1
    if shown < len(sheet.decisions):
        p.text(("decisions", ("more",)), sheet.more_decisions, x, y, room, bottom,
               colour="muted")


def render_sheet(sheet: CommitteeSheet, layout: Layout, fonts: FontSet, root: Path) -> bytes:
    """The one-page PDF; RenderError when a text does not fit its place on the page."""
    buffer, canvas = open_document(sheet.title, fonts)
    p = DocPainter(canvas, doc_layout(layout, margin=15 * MM), fonts, DOC)
    s, W = p.safe, p.W
    page(p, 1, "impact")
    y = p.header("impact", sheet.title, picto(root, "checklist"))
    bottom = p.footer(1, 1)
    width = W - 2 * s
    p.line(("colophon", ()), sheet.colophon, W - s - min(
        p.measure_width(sheet.colophon, "small"), width - 90), s + p.size("small") * 0.3,
        role="small", colour="muted", max_width=width - 90)
    y -= p.text(("intro", ()), sheet.intro, s, y, width, bottom) + GAP
    for i, block in enumerate(sheet.blocks):
        y -= _block(p, root, block, sheet.series, y, bottom, i) + GAP
    column = (width - 20) / 2
    charts = max(funnel_height(p, sheet, column), 120.0)
    if sheet.series:
        _funnel(p, sheet, s, y, column, bottom)
    _mouth(p, sheet, s + column + 20, y, column, y - charts)
    y -= charts + GAP
    _decisions(p, root, sheet, y, bottom)
    p.end()
    return finish(p, buffer)
