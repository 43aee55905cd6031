"""Draw printer's marks (geometry from impose/marks.py) as a PDF, one page per sheet side."""

from __future__ import annotations

import io

from reportlab.lib.colors import CMYKColor
from reportlab.pdfgen.canvas import Canvas

from ..fonts import FontSet, register_fonts
from ..impose.marks import PATCH, TARGET, SideMarks

REGISTRATION = CMYKColor(1, 1, 1, 1)  # all four inks: shows on every plate
HAIRLINE = 0.25
PATCHES = [(1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 1),
           (0.5, 0, 0, 0), (0, 0.5, 0, 0), (0, 0, 0.5, 0), (0, 0, 0, 0.5),
           (1, 1, 0, 0), (0, 1, 1, 0), (1, 0, 1, 0), (0.6, 0.4, 0.4, 1)]


def render_marks(sides: list[SideMarks], fonts: FontSet | None) -> bytes:
    """A PDF with one page per sheet side, its marks drawn in registration colour. Fonts are
    needed only for a slug line."""
    if fonts is not None:
        register_fonts(fonts)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, pageCompression=1,
                    initialFontName=fonts.regular_name if fonts else None)
    for side in sides:
        canvas.setPageSize(side.sheet)
        canvas.setStrokeColor(REGISTRATION)
        canvas.setLineWidth(HAIRLINE)
        for x0, y0, x1, y1 in side.crop:
            canvas.line(x0, y0, x1, y1)
        if side.fold or side.guides:
            canvas.saveState()
            canvas.setDash(3, 2)
            if side.guides:  # an office printer: guides in gray, not registration colour
                canvas.setStrokeColor(CMYKColor(0, 0, 0, 0.6))
            for x0, y0, x1, y1 in side.fold:
                canvas.line(x0, y0, x1, y1)
            canvas.setStrokeColor(CMYKColor(0, 0, 0, 0.6))
            for x0, y0, x1, y1 in side.guides:
                canvas.line(x0, y0, x1, y1)
            canvas.restoreState()
        for cx, cy in side.targets:
            canvas.circle(cx, cy, TARGET * 0.6, stroke=1, fill=0)
            canvas.line(cx - TARGET, cy, cx + TARGET, cy)
            canvas.line(cx, cy - TARGET, cx, cy + TARGET)
        if side.colorbar:
            x, y = side.colorbar
            for i, (c, m, yy, k) in enumerate(PATCHES):
                canvas.setFillColor(CMYKColor(c, m, yy, k))
                canvas.rect(x + i * PATCH, y, PATCH, PATCH, stroke=0, fill=1)
        if side.slug and fonts is not None:
            x, y, text = side.slug
            canvas.setFillColor(CMYKColor(0, 0, 0, 1))
            canvas.setFont(fonts.regular_name, 6.5)
            canvas.drawString(x, y, text)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
