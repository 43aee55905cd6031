"""Drawing helpers shared by the page kinds: boxes, bands into the bleed, text that must fit."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from reportlab.lib.colors import CMYKColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from monrecap.errors import Problem
from monrecap.fonts import FontSet
from monrecap.kit.blame import Blame, Ref
from monrecap.kit.fit import TextFitter, fit_message, line_message, overprints, set_overprint
from monrecap.kit.frame import Frame, Stack, stack
from monrecap.kit.pictos import draw_picto
from monrecap.layout import Layout
from monrecap.units import to_mm

if TYPE_CHECKING:  # the kit knows no capability: a carnet is only handed to it, to blame lines
    from monrecap.content import Carnet


@dataclass(frozen=True)
class FieldBox:
    """Where a content field was drawn on a page (mm, from the trim's bottom-left)."""

    path: str
    x: float
    y: float
    w: float
    h: float


@dataclass
class PageRecord:
    """One physical page: what it shows and where each field landed."""

    number: int
    id: str
    kind: str
    part: int
    title: str
    fields: list[FieldBox] = field(default_factory=list)
    overflowed: bool = False


class Painter(Blame):
    """A ReportLab canvas seen through the layout: origin at the trim's bottom-left, points."""

    def __init__(self, canvas: Canvas, layout: Layout, fonts: FontSet, carnet: Carnet):
        self.c = canvas
        self.layout = layout
        self.fonts = fonts
        self.carnet = carnet
        self.problems: list[Problem] = []
        self.W, self.H = layout.trim
        self.bleed = layout.bleed
        self.safe = layout.safe
        self.page: PageRecord | None = None
        self.fitter = TextFitter(fonts, layout.line_spacing)

    # --- page -------------------------------------------------------------------------
    def begin(self, record: PageRecord) -> None:
        """Start a page drawn on trim + bleed, with its TrimBox and BleedBox."""
        b = self.bleed
        media = (0, 0, self.W + 2 * b, self.H + 2 * b)
        self.c.setPageSize(media[2:])
        self.c.setBleedBox(media)
        self.c.setTrimBox((b, b, b + self.W, b + self.H))
        self.c.saveState()
        self.c.translate(b, b)
        self.page = record
        self._drawn: list[Ref] = []  # the fields drawn so far on this page, in order

    def end(self) -> None:
        self.c.restoreState()
        self.c.showPage()

    # --- colour and shapes -------------------------------------------------------------
    def color(self, name: str) -> CMYKColor:
        return CMYKColor(*getattr(self.layout.palette, name).fractions)

    def band(self, x0: float, y0: float, x1: float, y1: float, colour: str = "band") -> None:
        """A filled background; any edge that reaches the trim runs on into the bleed."""
        b = self.bleed
        x0 = -b if x0 <= 0 else x0
        y0 = -b if y0 <= 0 else y0
        x1 = self.W + b if x1 >= self.W else x1
        y1 = self.H + b if y1 >= self.H else y1
        self.c.setFillColor(self.color(colour))
        self.c.rect(x0, y0, x1 - x0, y1 - y0, stroke=0, fill=1)

    @contextmanager
    def _stroke(self, colour: str, width: float) -> Iterator[None]:
        """Stroke colour and weight for one shape; K-only hairlines overprint, nothing else
        does (the graphics state is restored after the shape)."""
        ink = self.color(colour)
        self.c.saveState()
        set_overprint(self.c, overprints(ink, width))
        self.c.setStrokeColor(ink)
        self.c.setLineWidth(width)
        yield
        self.c.restoreState()

    def rule(self, x0: float, y: float, x1: float, colour: str = "line") -> None:
        """A writing line."""
        with self._stroke(colour, self.layout.rules.line):
            self.c.line(x0, y, x1, y)

    def frame(self, x: float, y: float, w: float, h: float, colour: str = "line",
              radius: float = 4) -> None:
        with self._stroke(colour, self.layout.rules.box):
            self.c.roundRect(x, y, w, h, radius, stroke=1, fill=0)

    def tickbox(self, x: float, y: float, size: float) -> None:
        """An empty square to tick, bottom-left at (x, y)."""
        with self._stroke("ink", self.layout.rules.box):
            self.c.rect(x, y, size, size, stroke=1, fill=0)

    def disc(self, cx: float, cy: float, r: float, colour: str = "accent") -> None:
        self.c.setFillColor(self.color(colour))
        self.c.circle(cx, cy, r, stroke=0, fill=1)

    def image(self, image, x: float, y: float, w: float, h: float) -> None:
        """A raster picture (a Pillow image or a file) in the w × h box at (x, y)."""
        from reportlab.lib.utils import ImageReader

        self.c.drawImage(ImageReader(image), x, y, w, h)

    def picto(self, path: Path, x: float, y: float, size: float, colour: str = "ink") -> None:
        """An SVG pictogram in a size × size square, bottom-left at (x, y)."""
        draw_picto(self.c, path, x, y, size, self.color(colour), self.fonts.regular_name)

    # --- text --------------------------------------------------------------------------
    @property
    def leading_factor(self) -> float:
        return self.layout.line_spacing

    def size(self, role: str) -> float:
        return getattr(self.layout.type, role)

    def line_height(self, role: str = "body") -> float:
        return self.size(role) * self.leading_factor

    def _style(self, size: float, bold: bool, colour: str) -> ParagraphStyle:
        return self.fitter.style(size, bold, self.color(colour))

    def check_glyphs(self, ref: Ref, text: str, bold: bool) -> None:
        for char in self.fonts.missing(text, bold):
            self.problem(ref, f"character U+{ord(char):04X} ({char!r}) is not in the font "
                              f"{self.fonts.name(bold)}; it would print as an empty box")

    def measure(self, text: str, width: float, role: str = "body", bold: bool = False) -> float:
        """Height ``text`` takes when wrapped to ``width``."""
        return self.fitter.wrap(self.fonts.french_spacing(text), width, self.size(role),
                                bold, self.color("ink")).height

    def text(self, ref: Ref, text: str, x: float, top: float, width: float,
             bottom: float | None = None, role: str = "body", bold: bool = False,
             colour: str = "ink", max_lines: int | None = None) -> float:
        """Draw ``text`` left-aligned, wrapped to ``width``, its first line's top at ``top``.

        It must fit above ``bottom`` (and in ``max_lines``), and no word may be wider than the
        frame: otherwise a problem is recorded, pointing at the field. Returns the height used.
        """
        text = self.fonts.french_spacing(text)
        self.check_glyphs(ref, text, bold)
        size = self.size(role)
        fitted = self.fitter.wrap(text, width, size, bold, self.color(colour))
        message = fit_message(fitted, width, top, bottom, size, max_lines)
        if message is not None:
            page_full = bottom is not None and top - fitted.height < bottom - 0.01 and \
                fitted.min_width <= width + 0.01
            (self.overflow if page_full else self.problem)(ref, message)
        self.fitter.draw(self.c, fitted, x, top)
        self.record(ref, x, top - fitted.height, width, fitted.height)
        return fitted.height

    def measure_width(self, text: str, role: str = "body", bold: bool = False) -> float:
        return stringWidth(text, self.fonts.name(bold), self.size(role))

    def line(self, ref: Ref, text: str, x: float, baseline: float, role: str = "body",
             bold: bool = False, colour: str = "ink", max_width: float | None = None) -> float:
        """One line of text at a baseline; returns its width. Too wide is a problem."""
        text = self.fonts.french_spacing(text)
        self.check_glyphs(ref, text, bold)
        name, size = self.fonts.name(bold), self.size(role)
        width = stringWidth(text, name, size)
        message = line_message(width, max_width)
        if message is not None:
            self.problem(ref, message)
        ink = self.color(colour)
        self.c.saveState()
        set_overprint(self.c, overprints(ink))
        self.c.setFillColor(ink)
        self.c.setFont(name, size)
        self.c.drawString(x, baseline, text)
        self.c.restoreState()
        self.record(ref, x, baseline - size * 0.25, width, size * 1.2)
        return width

    def record(self, ref: Ref, x: float, y: float, w: float, h: float) -> None:
        if self.page is not None:
            self._drawn.append(ref)
            path = ".".join(str(p) for p in ref[1])
            self.page.fields.append(FieldBox(path, round(to_mm(x), 2), round(to_mm(y), 2),
                                             round(to_mm(w), 2), round(to_mm(h), 2)))

    def boxes(self, ref: Ref, what: str, wanted: int, natural: float, frame: Frame,
              gap: float) -> Stack | None:
        """``wanted`` boxes (appointment slots, action rows) of ``natural`` height down
        ``frame``; on a layout that fills its pages, as many as fit, stretched. None, and a
        problem at ``ref``, when they do not fit."""
        fill = self.layout.fill_pages
        boxes = stack(frame, natural, gap, None if fill else wanted)
        if boxes.count == 0 or boxes.count > boxes.room:
            (self.problem if self.carnet is None else self.blame)(ref, f"one {what} needs {natural:.0f} pt, a page of the "
                         f"{self.layout.name} layout has {frame.height:.0f} pt" if fill
                         else f"{wanted} {what}s do not fit on one page of the "
                         f"{self.layout.name} layout (room for {boxes.room})")
            return None
        return boxes

    # --- furniture shared by inner pages ------------------------------------------------
    def _header_geometry(self, title: str, picto: Path | None) -> tuple[float, float, float]:
        s, size = self.safe, self.layout.pictogram
        x_text = s + (size + 8 if picto else 0)
        width = self.W - s - x_text
        height = max(self.measure(title, width, "title", bold=True), size if picto else 0)
        return x_text, width, self.H - s - height - 8

    def inner_frame(self, title: str, picto: Path | None) -> Frame:
        """The content frame of an inner page with this title: below the band, above the
        page number."""
        bottom = self.safe + self.size("small") * 0.3 + self.line_height("small") + 6
        top = self._header_geometry(title, picto)[2] - 12
        return Frame(self.safe, top, self.W - 2 * self.safe, bottom)

    def header(self, page_id: str, title: str, picto: Path | None) -> float:
        """The title band at the top of an inner page; returns the y below it."""
        s, size = self.safe, self.layout.pictogram
        x_text, width, bottom = self._header_geometry(title, picto)
        self.band(0, bottom, self.W, self.H)
        if picto:
            self.picto(picto, s, self.H - s - size + 2, size)
        self.text((page_id, ("title",)), title, x_text, self.H - s, width, role="title",
                  bold=True)
        return bottom - 12

    def footer(self, number: int, total: int, role: str = "small", colour: str = "muted"
               ) -> float:
        """« page 3 sur 32 », the easy-to-read way; returns the y above it."""
        descent = self.size(role) * 0.3  # descenders stay inside the safe zone too
        page_id = self.page.id if self.page else ""
        self.line((page_id, ("page_number",)), f"page {number} sur {total}", self.safe,
                  self.safe + descent, role=role, colour=colour, max_width=self.W - 2 * self.safe)
        return self.safe + descent + self.line_height(role) + 6

    def tick_positions(self, items: list[str], x: float, width: float, start: float
                       ) -> list[tuple[float, int]]:
        """Flow tick-box items left to right from ``start``, wrapping to ``x``:
        (x, row) of each item."""
        box, cx, row, out = self.size("body") * 0.8, start, 0, []
        for text in items:
            w = box + 5 + self.measure_width(text)
            if cx + w > x + width and cx > x:
                cx, row = x, row + 1
            out.append((cx, row))
            cx += w + 12
        return out

    def ticks(self, refs: list[Ref], items: list[str], x: float, top: float, width: float,
              start: float | None = None) -> float:
        """Tick boxes with their labels, flowed over as many rows as needed; returns the
        height used."""
        box, size = self.size("body") * 0.8, self.size("body")
        row_h = self.line_height("body") + 2
        positions = self.tick_positions(items, x, width, x if start is None else start)
        for ref, text, (bx, row) in zip(refs, items, positions):
            baseline = top - size - row * row_h
            self.tickbox(bx, baseline - 1, box)
            self.line(ref, text, bx + box + 5, baseline, max_width=x + width - bx - box - 5)
        return (positions[-1][1] + 1) * row_h if positions else 0

    @property
    def rule_step(self) -> float:
        """Distance between the ruled lines of a notes page: roomier than print."""
        return self.line_height("body") * 1.45

    @property
    def write_step(self) -> float:
        """Distance between handwriting lines: about 8 mm at 14 pt."""
        return max(22.0, self.size("body") * 1.55)

    def _label_geometry(self, label: str, width: float, lines: int, value: str | None,
                        value_role: str) -> tuple[bool, float]:
        """Whether what follows the label goes to the next row, and the total height."""
        label_w = self.measure_width(f"{label} :", bold=True)
        room = width - label_w - 6
        if value is not None:
            wrap = room < self.measure_width(value, value_role, bold=True)
            extra = self.size(value_role) + 4 if wrap else max(0.0, self.size(value_role)
                                                                - self.size("body"))
            return wrap, self.size("body") + 6 + extra
        wrap = room < 60  # too little room after the label: write below it
        rows = lines - 1 + (1 if wrap else 0)
        return wrap, self.size("body") + 6 + rows * self.write_step

    def label_height(self, label: str, width: float, lines: int = 1, value: str | None = None,
                     value_role: str = "body") -> float:
        """Height that label_line will take, for planning boxes before drawing them."""
        return self._label_geometry(label, width, lines, value, value_role)[1]

    def label_line(self, ref: Ref, label: str, x: float, top: float, width: float,
                   lines: int = 1, value: str | None = None, value_role: str = "body",
                   value_ref: Ref | None = None) -> float:
        """« Label : » followed by writing lines (or a pre-printed value); returns the height.

        The label and the first line share a row when the label leaves room to write.
        """
        wrap, height = self._label_geometry(label, width, lines, value, value_role)
        baseline = top - self.size("body")
        label_w = self.line(ref, f"{label} :", x, baseline, bold=True, max_width=width)
        start = x + label_w + 6
        if value is not None:
            if wrap:
                baseline -= self.size(value_role) + 4
                start = x
            self.line(value_ref or ref, value, start, baseline, role=value_role, bold=True,
                      max_width=x + width - start)
            return height
        step = self.write_step
        if wrap:
            baseline -= step
            start = x
        for i in range(lines):
            self.rule(start if i == 0 else x, baseline - 3 - i * step, x + width)
        return height
