"""Charts with ReportLab's own chart widgets, in the toolkit's fonts: the lint trend (as SVG or
PDF: errors and readability across the versions, so that the easy-to-read rewrite shows at a
glance) and the production summary's bars (orders by channel)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.colors import CMYKColor

from monrecap.errors import Problem, RenderError
from monrecap.fonts import FontSet, register_fonts
from monrecap.kit.fit import TextFitter, line_message

if TYPE_CHECKING:
    from monrecap.kit.document import DocPainter

DOCUMENT = "lint chart"
WIDTH = 560  # pt: the plot area, and the room of the titles above it
LABEL_SIZE = 10  # ReportLab's axis labels


def _check_fit(versions: list[str], titles: list[str], fonts: FontSet) -> None:
    """Each version's label inside its category, each title inside the plot's width: the
    fitting the carnet's pages get; RenderError naming the chart and the field otherwise."""
    fitter, problems = TextFitter(fonts, 1.25), []
    slot = WIDTH / max(1, len(versions))
    for version in versions:
        message = line_message(fitter.width(version, LABEL_SIZE), slot - 2)
        if message is not None:
            problems.append(Problem(DOCUMENT, f"versions.{version}", message))
    for i, title in enumerate(titles):
        message = line_message(fitter.width(title, 11), WIDTH)
        if message is not None:
            problems.append(Problem(DOCUMENT, f"titles.{i}", message))
    if problems:
        raise RenderError(problems)


def trend_chart(versions: list[str], errors: list[int], warnings: list[int],
                readability: list[float], fonts: FontSet, fmt: str = "svg") -> bytes:
    """Bars: errors and warnings per version; line: Kandel–Moles (higher reads easier)."""
    titles = ["Lisibilité (Kandel–Moles, plus haut = plus facile)",
              "Erreurs (rouge) et avertissements (orange) du lint"]
    register_fonts(fonts)
    _check_fit(versions, titles, fonts)
    font = fonts.regular_name
    drawing = Drawing(640, 360)
    drawing.__dict__.update(initialFontName=font)
    bars = VerticalBarChart()
    bars.x, bars.y, bars.width, bars.height = 50, 50, WIDTH, 130
    bars.data = [errors, warnings]
    bars.categoryAxis.categoryNames = versions
    bars.categoryAxis.labels.fontName = font
    bars.valueAxis.labels.fontName = font
    bars.valueAxis.valueMin = 0
    bars.bars[0].fillColor = CMYKColor(0, 0.9, 0.8, 0)
    bars.bars[1].fillColor = CMYKColor(0, 0.3, 0.9, 0)
    line = HorizontalLineChart()
    line.x, line.y, line.width, line.height = 50, 215, WIDTH, 110
    line.data = [[v or 0 for v in readability]]
    line.categoryAxis.categoryNames = versions
    line.categoryAxis.labels.fontName = font
    line.valueAxis.labels.fontName = font
    line.valueAxis.valueMin = 0
    line.valueAxis.valueMax = 100
    line.lines[0].strokeColor = CMYKColor(1, 0.45, 0, 0.1)
    line.lines[0].strokeWidth = 2
    drawing.add(bars)
    drawing.add(line)
    drawing.add(String(50, 335, titles[0], fontName=font, fontSize=11))
    drawing.add(String(50, 190, titles[1], fontName=font, fontSize=11))
    if fmt == "svg":
        from reportlab.graphics import renderSVG

        return renderSVG.drawToString(drawing).encode("utf-8")
    import io

    from reportlab.graphics import renderPDF

    from monrecap.kit.canvas import fixed_canvas

    # Not renderPDF.drawToString: it dates the file with the clock.
    buffer = io.BytesIO()
    canvas = fixed_canvas(buffer, pagesize=(drawing.width, drawing.height),
                          initialFontName=font)
    renderPDF.draw(drawing, canvas, 0, 0)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def whole_step(top: int, ticks: int = 5) -> int:
    """The axis step for counts up to ``top``: a whole 1, 2 or 5 × 10ⁿ giving at most
    ``ticks`` steps.

    >>> [whole_step(n) for n in (0, 1, 3, 5, 6, 12, 40, 320, 99_999)]
    [1, 1, 1, 1, 2, 5, 10, 100, 20000]
    """
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            if factor * magnitude * ticks >= top:
                return factor * magnitude
        magnitude *= 10


def thousands(value: float) -> str:
    """A count the French way: whole, thousands apart by a no-break space (« 1 250 »).

    >>> thousands(0), thousands(3.0), thousands(12500)
    ('0', '3', '12\xa0500')
    """
    return f"{round(value):,}".replace(",", "\u00a0")


def channel_bars(p: DocPainter, rows: tuple[tuple[str, int], ...], x: float, y: float, w: float,
                 h: float, fonts: FontSet, labels: float = 130.0) -> None:
    """Horizontal bars, one per (label, count), largest first (the production summary's
    orders by channel); a label wider than its room is a problem at ``('sources', (label,))``."""
    room = labels - 6  # the category labels end 5 pt left of the bars
    for name, _ in rows:
        message = line_message(p.fitter.width(name, 11), room)
        if message is not None:
            p.problem(("sources", (name,)), message)
    drawing = Drawing(w, h)
    drawing.__dict__.update(initialFontName=fonts.regular_name)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = labels, 10, w - labels - 40, h - 14
    chart.data = [[n for _, n in reversed(rows)]]
    chart.categoryAxis.categoryNames = [name for name, _ in reversed(rows)]
    for axis in (chart.categoryAxis.labels, chart.valueAxis.labels):
        axis.fontName, axis.fontSize = fonts.regular_name, 11
    top = max((n for _, n in rows), default=0)
    step = whole_step(top)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(step, -(-top // step) * step)
    chart.valueAxis.valueStep = step  # whole orders only: never « 0.2 »
    chart.valueAxis.labelTextFormat = thousands
    chart.barLabelFormat = thousands
    chart.barLabels.fontName = fonts.bold_name
    chart.barLabels.fontSize = 11
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 4
    chart.bars[0].fillColor = p.color("accent")
    chart.bars[0].strokeColor = None
    drawing.add(chart)
    renderPDF.draw(drawing, p.c, x, y)
