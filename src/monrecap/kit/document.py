"""Documents that are not carnet pages — the ESAT's packing lists, labels and delivery notes,
the summary, the risk analysis, the committee's page — drawn with the carnet's painter on a
sheet of their own (`DocPainter`), their texts fitted and checked the same way."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.colors import CMYKColor
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from monrecap.errors import Problem, RenderError
from monrecap.fonts import FontSet, register_fonts
from monrecap.kit.canvas import fixed_canvas
from monrecap.kit.painter import PageRecord, Painter, Ref
from monrecap.layout import Layout

MM = 72 / 25.4


def cmyk(c: float, m: float, y: float, k: float):
    """A CMYK colour (fractions), for documents that set colours of their own."""
    from reportlab.lib.colors import CMYKColor

    return CMYKColor(c, m, y, k)


class DocumentError(RenderError):
    """Text that does not fit a document; ``located`` keeps each problem's item (an order
    id) and field path, so that production can point at the row and column of the order
    export that brought the text."""

    def __init__(self, problems: list[Problem],
                 located: list[tuple[str, tuple, str, Problem]]):
        super().__init__(problems)
        self.located = located  # (item, field path, message, the problem as reported)


class DocPainter(Painter):
    """The carnet's Painter on an A4 office document: problems point at the document and the
    item (order, label) instead of a carnet's YAML."""

    def __init__(self, canvas: Canvas, layout: Layout, fonts: FontSet, document: str,
                 colours: dict[str, tuple[float, float, float, float]] | None = None):
        super().__init__(canvas, layout, fonts, None)  # type: ignore[arg-type]
        self.document = document
        self.located: list[tuple[str, tuple, str, Problem]] = []
        self.owners: dict[str, str] = {}  # an item as shown → the order it belongs to
        #: Colours a document names beyond the layout's palette (a chart's series, the same
        #: as in its HTML twin): name → CMYK fractions.
        self.colours = dict(colours or {})

    def color(self, name: str) -> CMYKColor:
        if name in self.colours:
            return CMYKColor(*self.colours[name])
        return super().color(name)

    def problem(self, ref: Ref, message: str) -> None:
        item, path = ref
        problem = Problem(self.document, ".".join(str(p) for p in (item, *path)), message)
        self.located.append((self.owners.get(str(item), str(item)), tuple(path), message,
                             problem))
        self.problems.append(problem)


def doc_layout(layout: Layout, size: tuple[float, float] = A4, margin: float = 15 * MM
               ) -> Layout:
    """The carnet's layout (fonts, type scale, palette) on an office sheet, without bleed."""
    return layout.model_copy(update={"trim": size, "bleed": 0.0, "safe": margin})


def open_document(title: str, fonts: FontSet) -> tuple[io.BytesIO, Canvas]:
    """A deterministic canvas (fixed dates, invariant ids)."""
    register_fonts(fonts)
    buffer = io.BytesIO()
    canvas = fixed_canvas(buffer, None, pageCompression=1, pagesize=A4,
                          initialFontName=fonts.regular_name)
    for setter in (canvas.setAuthor, canvas.setCreator, canvas.setProducer):
        setter("monrecap")
    canvas.setTitle(title)
    return buffer, canvas


def finish(p: DocPainter, buffer: io.BytesIO) -> bytes:
    """Save the document, or raise every text that did not fit (DocumentError)."""
    if p.problems:
        raise DocumentError(p.problems, p.located)
    p.c.save()
    return buffer.getvalue()


def page(p: DocPainter, number: int, item: str) -> None:
    p.begin(PageRecord(number=number, id=item, kind="document", part=1, title=""))


def picto(root: Path, name: str) -> Path:
    return root / "pictograms" / "tabler" / f"{name}.svg"


def decimal_comma(value: float, digits: int = 1) -> str:
    """A number the French way.

    >>> decimal_comma(2.54)
    '2,5'
    """
    return f"{value:.{digits}f}".replace(".", ",")
