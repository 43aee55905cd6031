"""The committee's one-page A4 sheet, drawn with the carnet's painter (`DocPainter`: text that
must fit, the layout's CMYK palette and type scale, pictograms): a block per rate with its
sentences and a dot-and-interval chart, how to read them (the minimum, the caveat), the
funnel on one scale for every version with its legend, word of mouth by month, the decisions.
Each version has the colour it has in the HTML report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from monrecap.fonts import FontSet
from monrecap.kit.document import MM, DocPainter, doc_layout, finish, open_document, page, picto
from monrecap.layout import Layout

DOC = "impact sheet"
PICTO = 10 * MM
GAP = 4.0
BAR = 6.0
AXIS = 7.0         # the height of a rate's scale under its chart lines
MOUTH_PLOT = 44.0  # the height of the word-of-mouth chart


@dataclass(frozen=True)
class Series:
    """One group as the sheet shows it."""

    label: str                  # « Version 11 »
    short: str                  # « v11 »
    colour: str                 # the name the painter knows it by
    cmyk: tuple[float, float, float, float]  # its HTML colour, in CMYK fractions


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
    reading_title: str
    reading: str                                 # the minimum and the caveat
    series: tuple[Series, ...]
    blocks: tuple[RateBlock, ...]
    funnel_title: str
    funnel_caption: str                          # what « envoyés » counts
    scale: str                                   # « même échelle », beside the legend
    stages: tuple[str, ...]
    funnel: tuple[tuple[int, ...], ...]          # per series, a count per stage
    funnel_notes: tuple[str, ...]                # « Version 10 : aucun envoi … »
    mouth_title: str
    mouth_sentence: str
    months: tuple[tuple[str, float, float, float], ...]  # label, value, low, high
    decisions: tuple[tuple[str, str], ...]        # « Le 11 mars 2025 », the decision
    more_decisions: str
    colophon: str


def grouped(n: int) -> str:
    """« 29 590 »: thousands apart, with a no-break space (easy to read).

    >>> grouped(29590), grouped(663), grouped(1234567)
    ('29\\xa0590', '663', '1\\xa0234\\xa0567')
    """
    return f"{n:,}".replace(",", "\u00a0")


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
    charted = any(point is not None for point in block.points)
    for j, (line, serie) in enumerate(zip(block.lines, series)):
        top = y - used - j * row
        if len(block.lines) == len(series):  # else one line says it for every series
            p.disc(text_x + 4, top - p.size("body") * 0.35, 4, serie.colour)
        p.line(("rates", (i, j)), line, text_x + 12, top - p.size("body"),
               max_width=(chart_x if charted else W - s) - text_x - 20)
        point = block.points[j] if block.points else None
        if point is not None:
            _dot(p, point, serie.colour, chart_x, W - s - 26, top - row / 2 + 2)
    if charted:
        _axis(p, chart_x, W - s - 26, y - used - len(series) * row, i)
    used += len(block.lines) * row + (AXIS if charted else 0)
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
    """The 0–100 scale under a rate's chart lines: « 0 » and « 100 » at its ends, a tick at
    each quarter (the line is short: no row of its own for the numbers)."""
    p.rule(x0, y, x1, colour="line")
    for tick in (0, 25, 50, 75, 100):
        tx = x0 + (x1 - x0) * tick / 100
        p.band(tx - 0.3, y, tx + 0.3, y + (3 if tick % 50 else 5), colour="line")
    baseline = y - p.size("small") * 0.35
    p.line(("rates", (i, "axis", 0)), "0", x0 - 3 - p.measure_width("0", "small"), baseline,
           role="small", colour="muted")
    p.line(("rates", (i, "axis", 100)), "100", x1 + 3, baseline, role="small", colour="muted")


def reading_height(p: DocPainter, sheet: CommitteeSheet, w: float) -> float:
    return p.measure(sheet.reading_title, w, bold=True) + p.measure(sheet.reading, w,
                                                                    role="small")


def _reading(p: DocPainter, sheet: CommitteeSheet, x: float, y: float, w: float,
             bottom: float) -> None:
    """How to read the comparisons: the minimum they need, the caveat about structures."""
    used = p.text(("reading", ("title",)), sheet.reading_title, x, y, w, bottom, bold=True)
    p.text(("reading", ("text",)), sheet.reading, x, y - used, w, bottom, role="small")


def _legend(p: DocPainter, sheet: CommitteeSheet, x: float, y: float, w: float) -> float:
    """A disc of each series' colour and its name, then « même échelle », on one line;
    returns the height used."""
    height = p.line_height("small")
    right = x + w
    for j, serie in enumerate(sheet.series):
        p.disc(x + 4, y - height / 2 + 1, 4, serie.colour)
        p.line(("funnel", ("legend", j)), serie.label, x + 11, y - p.size("small"),
               role="small", max_width=right - x - 11)
        x += 11 + p.measure_width(serie.label, "small") + 12
    if sheet.scale and x + p.measure_width(sheet.scale, "small") <= right:
        p.line(("funnel", ("scale",)), sheet.scale, x, y - p.size("small"), role="small",
               colour="muted", max_width=right - x)
    return height


def funnel_height(p: DocPainter, sheet: CommitteeSheet, w: float) -> float:
    notes = sum(p.measure(n, w, role="small") for n in sheet.funnel_notes)
    return (p.measure(sheet.funnel_title, w, bold=True)
            + p.measure(sheet.funnel_caption, w, role="small") + p.line_height("small") + 8
            + len(sheet.stages) * (max(len(sheet.series) * (BAR + 2), p.line_height("small"))
                                   + 4) + notes)


def _funnel(p: DocPainter, sheet: CommitteeSheet, x: float, top: float, w: float,
            bottom: float) -> None:
    """Per stage, one thin bar per series, all on one scale (the largest count of all), the
    count beside each; the legend and why a stage is empty."""
    label_w = 78.0
    used = p.text(("funnel", ("title",)), sheet.funnel_title, x, top, w, bottom, bold=True)
    used += p.text(("funnel", ("caption",)), sheet.funnel_caption, x, top - used, w, bottom,
                   role="small", colour="muted")
    used += _legend(p, sheet, x, top - used - 2, w) + 6
    y = top - used
    peak = max([c for counts in sheet.funnel for c in counts] + [1])
    room = w - label_w - p.measure_width(grouped(peak), "small") - 6
    for k, stage in enumerate(sheet.stages):
        p.line(("funnel", ("stage", k)), stage, x, y - p.size("small"), role="small",
               max_width=label_w - 4)
        for j, serie in enumerate(sheet.series):
            count = sheet.funnel[j][k]
            length = room * count / peak
            by = y - (j + 1) * (BAR + 2)
            if count:
                p.band(x + label_w, by, x + label_w + max(length, 1.0), by + BAR,
                       colour=serie.colour)
            p.line(("funnel", ("count", k, j)), grouped(count), x + label_w + length + 3,
                   by + 0.5, role="small", colour="muted")
        y -= max(len(sheet.series) * (BAR + 2), p.line_height("small")) + 4
    for k, note in enumerate(sheet.funnel_notes):
        y -= p.text(("funnel", ("note", k)), note, x, y, w, bottom, role="small",
                    colour="muted")


MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
          "nov.", "déc.")


def mouth_height(p: DocPainter, sheet: CommitteeSheet, w: float) -> float:
    return (p.measure(sheet.mouth_title, w, bold=True) + p.measure(sheet.mouth_sentence, w)
            + (MOUTH_PLOT + 6 + p.line_height("small") + 2 if sheet.months else 0))


def _mouth(p: DocPainter, sheet: CommitteeSheet, x: float, top: float, w: float,
           bottom: float) -> None:
    """Word of mouth per month: a bar and its interval, the line at one half."""
    used = p.text(("mouth", ("title",)), sheet.mouth_title, x, top, w, bottom, bold=True)
    used += p.text(("mouth", ("sentence",)), sheet.mouth_sentence, x, top - used, w, bottom)
    if not sheet.months:
        return
    plot_top = top - used - 6
    plot_bottom = plot_top - MOUTH_PLOT
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
    p = DocPainter(canvas, doc_layout(layout, margin=15 * MM), fonts, DOC,
                   {serie.colour: serie.cmyk for serie in sheet.series})
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
    left = (width - 20) * 0.46  # the funnel; word of mouth and how to read on the right
    column = width - 20 - left
    right = mouth_height(p, sheet, column) + (
        GAP + reading_height(p, sheet, column) if sheet.blocks else 0)
    charts = max(funnel_height(p, sheet, left) if sheet.series else 0, right)
    if sheet.series:
        _funnel(p, sheet, s, y, left, bottom)
    _mouth(p, sheet, s + left + 20, y, column, bottom)
    if sheet.blocks:
        _reading(p, sheet, s + left + 20, y - mouth_height(p, sheet, column) - GAP, column,
                 bottom)
    y -= charts + GAP
    _decisions(p, root, sheet, y, bottom)
    p.end()
    return finish(p, buffer)
