"""The job ticket for the workshop: one A4 page in French with everything the print run needs."""

from __future__ import annotations

import datetime as dt
import io

from monrecap.errors import Problem, RenderError
from monrecap.fonts import FontSet, register_fonts
from monrecap.kit.canvas import fixed_canvas
from monrecap.kit.document import A4, cmyk
from monrecap.kit.fit import TextFitter, fit_message, set_overprint

MM = 72 / 25.4
MARGIN = 20 * MM
VALUE_X = 75 * MM
DOCUMENT = "job ticket"


def render_ticket(rows: list[tuple[str, str]], title: str, fonts: FontSet,
                  day: dt.date | None = None) -> bytes:
    """A one-page ticket: a title, then label / value rows, each wrapped inside its cell
    (a job or edition name too long for a line breaks after one of its hyphens); dated
    ``day`` (the release).

    RenderError names the document and the field when a text cannot fit its cell or the page.
    """
    register_fonts(fonts)
    buffer = io.BytesIO()
    canvas = fixed_canvas(buffer, day, pagesize=A4, pageCompression=1,
                          initialFontName=fonts.regular_name)
    canvas.setTitle(title)
    canvas.setAuthor("monrecap")
    canvas.setCreator("monrecap")
    fitter, problems = TextFitter(fonts, 1.25), []
    ink = cmyk(0, 0, 0, 1)

    def cell(field: str, text: str, x: float, top: float, width: float, size: float,
             bold: bool) -> float:
        text = fitter.break_identifiers(fonts.french_spacing(text), width, size, bold)
        fitted = fitter.wrap(text, width, size, bold, ink)
        message = fit_message(fitted, width, top, MARGIN, size)
        if message is not None:
            problems.append(Problem(DOCUMENT, field, message))
        else:
            fitter.draw(canvas, fitted, x, top)
        return fitted.height

    y = A4[1] - MARGIN
    y -= cell("title", title, MARGIN, y, A4[0] - 2 * MARGIN, 20, True) + 8 * MM
    for label, value in rows:
        used = max(cell(label, label, MARGIN, y, VALUE_X - MARGIN - 3 * MM, 12, True),
                   cell(label, value, VALUE_X, y, A4[0] - MARGIN - VALUE_X, 12, False))
        rule_y = y - used - 2 * MM
        canvas.saveState()
        set_overprint(canvas, True)  # a K-only hairline
        canvas.setStrokeColor(cmyk(0, 0, 0, 0.3))
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, rule_y, A4[0] - MARGIN, rule_y)
        canvas.restoreState()
        y = rule_y - 4 * MM
    if problems:
        raise RenderError(problems)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
