"""The lint trend as a chart (ReportLab's own charts, as SVG or PDF): errors and readability
across the versions, so that the easy-to-read rewrite shows at a glance."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.colors import CMYKColor

from ..errors import Problem, RenderError
from ..fonts import FontSet, register_fonts
from .fit import TextFitter, line_message

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

    from .canvas import fixed_canvas

    # Not renderPDF.drawToString: it dates the file with the clock.
    buffer = io.BytesIO()
    canvas = fixed_canvas(buffer, pagesize=(drawing.width, drawing.height),
                          initialFontName=font)
    renderPDF.draw(drawing, canvas, 0, 0)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
