"""« Quoi de neuf »: the one- or two-page A4 sheet that tells field testers what a version
changed — a sentence, a pictogram, a page number and a before/after picture per change.

Drawn with the carnet's own painter (text that must fit, CMYK colours, pictograms) on the
version's layout set to A4, so that the sheet follows the same easy-to-read type scale.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from monrecap.content import Carnet
from monrecap.errors import RenderError
from monrecap.fonts import FontSet, register_fonts
from monrecap.kit.canvas import fixed_canvas
from monrecap.kit.painter import PageRecord, Painter
from monrecap.layout import Layout
from monrecap.pages import TOOL
from monrecap.plural import count
from monrecap.units import parse_length, parse_size

SHEET_ID = "quoi-de-neuf"
SHEET_SAFE = parse_length("12mm")
HEADER_PICTO = Path("pictograms/tabler/message-circle.svg")
PICTO = parse_length("12mm")
PICTURE_MAX = (parse_length("62mm"), parse_length("42mm"))  # placed size, never enlarged
MAX_PAGES = 2


@dataclass(frozen=True)
class SheetItem:
    """One change, as the sheet prints it."""

    key: str                      # where its text comes from: changelog -> i -> change
    text: str
    picto: Path | None
    pages: tuple[int, ...]        # printed page numbers in the new version
    page_label: str = ""          # « À voir page 19. »
    before: object = None         # PIL images (CMYK) of the same page region, or None
    after: object = None
    size_mm: tuple[float, float] | None = None  # the region's real size
    decision: str = ""            # « Décidé avec le comité des usagers le 11 mars 2025. »


@dataclass(frozen=True)
class Sheet:
    """Everything the sheet says, in French."""

    version: str
    title: str
    intro: str
    items: tuple[SheetItem, ...]
    closing: tuple[str, ...]
    colophon: str


def _placed(item: SheetItem) -> tuple[float, float]:
    """The pictures' placed size in points: the real size of the region, or smaller."""
    w, h = (v * 72 / 25.4 for v in item.size_mm)
    scale = min(1.0, PICTURE_MAX[0] / w, PICTURE_MAX[1] / h)
    return w * scale, h * scale


class _Sheet:
    """Page geometry and drawing of one sheet."""

    def __init__(self, painter: Painter, sheet: Sheet, bottom: float):
        self.p, self.sheet = painter, sheet
        s = painter.safe
        self.text_x = s + PICTO + 14
        self.text_w = painter.W - s - self.text_x
        self.gap = painter.line_height("body")
        self.bottom = bottom  # the content frame's bottom, above the page number

    def item_height(self, item: SheetItem) -> float:
        p = self.p
        h = p.measure(item.text, self.text_w, "body", bold=True)
        if item.page_label:
            h += p.measure(item.page_label, self.text_w)
        if item.decision:
            h += p.measure(item.decision, self.text_w)
        if item.after is not None:
            h += 6 + p.line_height("body") + _placed(item)[1]
        return max(h, PICTO)

    @property
    def closing_width(self) -> float:
        return self.p.W - 2 * self.p.safe - 20

    def closing_height(self) -> float:
        p = self.p
        return sum(p.measure(line, self.closing_width, bold=i == 0)
                   for i, line in enumerate(self.sheet.closing)) \
            + 0.8 * p.line_height("body") + 12

    def draw_item(self, item: SheetItem, top: float) -> float:
        p = self.p
        ref = ("", tuple(item.key.split(" -> ")))
        if item.picto is not None:
            p.picto(item.picto, p.safe, top - PICTO, PICTO, colour="accent")
        y = top - p.text(ref, item.text, self.text_x, top, self.text_w, self.bottom,
                         bold=True)
        if item.decision:  # a committee decision the change comes from
            y -= p.text(ref, item.decision, self.text_x, y, self.text_w, self.bottom,
                        colour="accent")
        if item.page_label:  # many pages: the list wraps in the text column
            y -= p.text(ref, item.page_label, self.text_x, y, self.text_w, self.bottom,
                        colour="muted")
        if item.after is not None:
            w, h = _placed(item)
            y -= 6
            arrow = 30
            for n, (label, image) in enumerate((("Avant", item.before), ("Après", item.after))):
                x = self.text_x + n * (w + arrow)
                p.line(ref, label, x, y - p.size("body"), bold=True)
                p.image(image, x, y - p.line_height("body") - h, w, h)
                p.frame(x, y - p.line_height("body") - h, w, h, radius=0)
            mid_y = y - p.line_height("body") - h / 2
            self._arrow(self.text_x + w + 6, self.text_x + w + arrow - 6, mid_y)
            y -= p.line_height("body") + h
        return max(top - y, PICTO)  # as planned by item_height

    def _arrow(self, x0: float, x1: float, y: float) -> None:
        c = self.p.c
        c.setStrokeColor(self.p.color("accent"))
        c.setFillColor(self.p.color("accent"))
        c.setLineWidth(2)
        c.line(x0, y, x1 - 6, y)
        path = c.beginPath()
        path.moveTo(x1, y)
        path.lineTo(x1 - 8, y + 5)
        path.lineTo(x1 - 8, y - 5)
        path.close()
        c.drawPath(path, stroke=0, fill=1)

    def draw_closing(self, top: float) -> None:
        p = self.p
        h = self.closing_height()
        p.band(p.safe, top - h, p.W - p.safe, top, colour="band")
        y = top - 6
        for i, line in enumerate(self.sheet.closing):  # wrapped inside the box
            y -= p.text(("", ("closing", i)), line, p.safe + 10, y, self.closing_width,
                        bold=i == 0)


def render_whatsnew(sheet: Sheet, layout: Layout, fonts: FontSet,
                    carnet: Carnet) -> tuple[bytes, int]:
    """The sheet as a PDF (trim A4 + the layout's bleed) and its page count. RenderError if
    a text does not fit or the changes need more than two pages."""
    layout = layout.model_copy(update={"trim": parse_size("A4"), "safe": SHEET_SAFE})
    register_fonts(fonts)
    buffer = io.BytesIO()
    canvas = fixed_canvas(buffer, carnet.released, pageCompression=1, pdfVersion=(1, 6),
                          initialFontName=fonts.regular_name)
    canvas.setTitle(sheet.title)
    for setter in (canvas.setAuthor, canvas.setCreator, canvas.setProducer):
        setter(TOOL)
    painter = Painter(canvas, layout, fonts, carnet)
    picto = carnet.root / HEADER_PICTO
    frame = painter.inner_frame(sheet.title, picto)
    geometry = _Sheet(painter, sheet, frame.bottom)
    intro_h = painter.measure(sheet.intro, frame.width) + geometry.gap
    # Plan: items flow over the pages; the closing box ends the last page.
    pages: list[list[SheetItem]] = [[]]
    room = frame.height - intro_h
    for item in sheet.items:
        h = geometry.item_height(item) + geometry.gap
        if h > room and pages[-1]:
            pages.append([])
            room = frame.height
        pages[-1].append(item)
        room -= h
    if room < geometry.closing_height():
        pages.append([])
    if len(pages) > MAX_PAGES:
        raise RenderError(f"« Quoi de neuf » {sheet.version}: "
                          f"{count(len(sheet.items), 'change', lang='en')} need "
                          f"{count(len(pages), 'A4 page', 'A4 pages', lang='en')}; the sheet has "
                          f"{MAX_PAGES} at most "
                          "(shorten the changelog or merge entries)")
    for number, items in enumerate(pages, start=1):
        painter.begin(PageRecord(number, SHEET_ID, SHEET_ID, number, sheet.title))
        top = painter.header(SHEET_ID, sheet.title, picto)
        painter.footer(number, len(pages))
        # The colophon ends at the right margin, clear of the page number on the left.
        colophon_w = painter.measure_width(sheet.colophon, "small")
        room = painter.W - 2 * painter.safe - painter.measure_width(
            f"page {number} sur {len(pages)}", "small") - 20
        painter.line((SHEET_ID, ("colophon",)), sheet.colophon,
                     painter.W - painter.safe - min(colophon_w, room),
                     painter.safe + painter.size("small") * 0.3, role="small", colour="muted",
                     max_width=room)
        if number == 1:
            top -= painter.text((SHEET_ID, ("intro",)), sheet.intro, frame.x, top,
                                frame.width, frame.bottom) + geometry.gap
        for item in items:
            top -= geometry.draw_item(item, top) + geometry.gap
        if number == len(pages):
            geometry.draw_closing(top)
        painter.end()
    if painter.problems:
        raise RenderError(painter.problems)
    canvas.save()
    return buffer.getvalue(), len(pages)
