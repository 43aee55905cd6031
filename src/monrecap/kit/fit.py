"""Text fitting shared by every document the toolkit draws (the carnet's pages, the job ticket,
the lint chart, the production documents, « Quoi de neuf »): wrap to a frame, never cut a
word, never run past it.

``TextFitter`` wraps and measures; ``fit_message`` says why a wrapped text does not fit, and
``line_message`` why a single line does, in the words the carnet's errors use. ``Painter``
(and the production documents' ``DocPainter``) draw through them; the ticket, the lint
chart and the proof sheet's page numbers (release/proof.py, drawn by Pillow) call them directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape as _html_escape

from monrecap.lazyre import deferred_compiles

with deferred_compiles():  # ReportLab's URL and CJK patterns, compiled if ever used
    from reportlab.lib.colors import CMYKColor
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph

from monrecap.fonts import FontSet
from monrecap.plural import count


def escape(text: str) -> str:
    """Paragraph markup escaped (&, <, >); quotes stay as they are."""
    return _html_escape(text, quote=False)


#: 100 % K: the only ink that overprints (besides K-only hairlines, see ``overprints``).
BLACK = (0.0, 0.0, 0.0, 1.0)
HAIRLINE = 1.0  # pt: K-only strokes up to this weight overprint


@dataclass(frozen=True)
class Fitted:
    """A paragraph wrapped to a width, ready to draw."""

    paragraph: Paragraph
    height: float
    lines: int
    min_width: float  # the widest word: more than the frame means a word would be cut
    leading: float


def is_k_only(colour: CMYKColor) -> bool:
    return colour.cyan == colour.magenta == colour.yellow == 0 and colour.black > 0


def overprints(colour: CMYKColor, stroke_width: float | None = None) -> bool:
    """Whether marks in ``colour`` overprint: 100 % K text, K-only strokes ≤ 1 pt; never other
    colours, never white."""
    if stroke_width is not None:
        return is_k_only(colour) and stroke_width <= HAIRLINE + 1e-6
    return (colour.cyan, colour.magenta, colour.yellow, colour.black) == BLACK


def set_overprint(canvas: Canvas, on: bool) -> None:
    """Fill and stroke overprint with the non-zero overprint mode (/OP /op /OPM 1), or off."""
    canvas.setFillOverprint(on)
    canvas.setStrokeOverprint(on)
    canvas.setOverprintMask(1 if on else 0)


class TextFitter:
    """Paragraphs wrapped the carnet's way: left-aligned, words never split or hyphenated,
    French spacing, memoised (the same titles and labels repeat on many pages)."""

    def __init__(self, fonts: FontSet, leading_factor: float):
        self.fonts = fonts
        self.leading_factor = leading_factor
        self._styles: dict[tuple, ParagraphStyle] = {}
        self._wrapped: dict[tuple, Fitted] = {}

    def style(self, size: float, bold: bool, colour: CMYKColor) -> ParagraphStyle:
        key = (size, bold, tuple(colour.cmyk()))
        if key not in self._styles:
            self._styles[key] = ParagraphStyle(
                f"s{len(self._styles)}", fontName=self.fonts.name(bold), fontSize=size,
                leading=size * self.leading_factor, alignment=TA_LEFT, textColor=colour,
                splitLongWords=0, hyphenationLang=None, embeddedHyphenation=0,
                uriWasteReduce=0)
        return self._styles[key]

    def wrap(self, text: str, width: float, size: float, bold: bool = False,
             colour: CMYKColor = CMYKColor(*BLACK)) -> Fitted:
        """``text`` (already French-spaced) wrapped to ``width``; newlines are kept."""
        style = self.style(size, bold, colour)
        key = (text, round(width, 3), style.name)
        if key not in self._wrapped:
            para = Paragraph(escape(text).replace("\n", "<br/>"), style)
            height = para.wrap(width, 10_000)[1]
            self._wrapped[key] = Fitted(para, height, len(para.blPara.lines), para.minWidth(),
                                        style.leading)
        return self._wrapped[key]

    def width(self, text: str, size: float, bold: bool = False) -> float:
        return stringWidth(text, self.fonts.name(bold), size)

    def break_identifiers(self, text: str, width: float, size: float, bold: bool = False
                          ) -> str:
        """Words wider than ``width`` broken after their hyphens into lines that fit: for
        identifiers (job and edition names) on the toolkit's documents, never for the
        carnet's prose, whose words are never broken. A word with no hyphen to break at is
        left whole (and reported by ``fit_message``).

        The pieces are joined by newlines, which ``wrap`` keeps.
        """
        out = []
        for line in text.split("\n"):
            words = []
            for word in line.split(" "):
                if "-" not in word or self.width(word, size, bold) <= width + 0.01:
                    words.append(word)
                    continue
                pieces, current = [], ""
                for part in word.split("-"):
                    joined = f"{current}-{part}" if current else part
                    if current and self.width(joined + "-", size, bold) > width + 0.01:
                        pieces.append(current + "-")
                        current = part
                    else:
                        current = joined
                words.append("\n".join(pieces + [current]))
            out.append(" ".join(words))
        return "\n".join(out)

    def draw(self, canvas: Canvas, fitted: Fitted, x: float, top: float) -> None:
        """Draw a wrapped paragraph, its first line's top at ``top``; black overprints."""
        colour = fitted.paragraph.style.textColor
        if overprints(colour):
            canvas.saveState()
            set_overprint(canvas, True)
            fitted.paragraph.drawOn(canvas, x, top - fitted.height)
            canvas.restoreState()
        else:
            fitted.paragraph.drawOn(canvas, x, top - fitted.height)


def fit_message(fitted: Fitted, width: float, top: float, bottom: float | None,
                size: float, max_lines: int | None = None) -> str | None:
    """Why ``fitted`` does not fit a frame ``width`` wide from ``top`` down to ``bottom``
    (and ``max_lines``), or None when it fits."""
    if fitted.min_width > width + 0.01:
        return (f"a word is {fitted.min_width - width:.0f} pt wider than its frame; words "
                "are never cut")
    if bottom is not None and top - fitted.height < bottom - 0.01:
        room = max(0, int((top - bottom + 0.01) // fitted.leading))
        if not room:
            return ("does not fit: the page is full before this text (what comes above "
                    "takes all the room)")
        return (f"text does not fit its frame: {count(fitted.lines, 'line', lang='en')} of "
                f"{size:g} pt need "
                f"{fitted.height:.0f} pt, room for {room}")
    if max_lines is not None and fitted.lines > max_lines:
        return f"text does not fit its frame: {fitted.lines} lines, room for {max_lines}"
    return None


def line_message(width: float, max_width: float | None, unit: str = "pt") -> str | None:
    """Why a single line ``width`` wide does not fit ``max_width``, or None (lengths in
    ``unit``: points, or pixels for the proof sheet's picture)."""
    if max_width is not None and width > max_width + 0.01:
        return (f"text does not fit its frame: {width:.0f} {unit} wide, room for "
                f"{max_width:.0f} {unit}")
    return None
