"""The job ticket for the workshop: one A4 page in French with everything the print run needs."""

from __future__ import annotations

import datetime as dt
import io

from reportlab.lib.colors import CMYKColor
from reportlab.lib.pagesizes import A4

from ..fonts import FontSet, register_fonts
from .canvas import fixed_canvas

MM = 72 / 25.4


def render_ticket(rows: list[tuple[str, str]], title: str, fonts: FontSet,
                  day: dt.date | None = None) -> bytes:
    """A one-page ticket: a title, then label / value rows; dated ``day`` (the release)."""
    register_fonts(fonts)
    buffer = io.BytesIO()
    canvas = fixed_canvas(buffer, day, pagesize=A4, pageCompression=1,
                          initialFontName=fonts.regular_name)
    canvas.setTitle(title)
    canvas.setAuthor("monrecap")
    canvas.setCreator("monrecap")
    ink = CMYKColor(0, 0, 0, 1)
    canvas.setFillColor(ink)
    canvas.setFont(fonts.bold_name, 20)
    y = A4[1] - 25 * MM
    canvas.drawString(20 * MM, y, title)
    y -= 14 * MM
    for label, value in rows:
        canvas.setFont(fonts.bold_name, 12)
        canvas.drawString(20 * MM, y, label)
        canvas.setFont(fonts.regular_name, 12)
        canvas.drawString(75 * MM, y, value)
        canvas.setStrokeColor(CMYKColor(0, 0, 0, 0.3))
        canvas.setLineWidth(0.5)
        canvas.line(20 * MM, y - 3 * MM, A4[0] - 20 * MM, y - 3 * MM)
        y -= 10 * MM
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
