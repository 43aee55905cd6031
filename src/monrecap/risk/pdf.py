"""« Analyse des risques — Mon Récap vN » as an A4 PDF: the document's blocks flowed over as
many pages as they need (a table's header repeated on each page), the 4 × 4 maps drawn with
the carnet's painter, every text fitted (a misfit is an error naming the block), then marked
PDF/X-4 and preflighted like every document the toolkit draws."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from monrecap.errors import MonrecapError, Problem, RenderError
from monrecap.fonts import FontSet, register_fonts
from monrecap.kit.canvas import fixed_canvas
from monrecap.kit.document import DocPainter, cmyk
from monrecap.kit.painter import PageRecord
from monrecap.layout import Layout
from monrecap.risk.classification import LEVELS
from monrecap.risk.document import Cell, Document, Maps, Table
from monrecap.risk.html import LEVEL_CMYK
from monrecap.units import parse_length, parse_size

DOCUMENT = "risk analysis"
SAFE = parse_length("15mm")
#: A document for the team and its data-protection officer, not for the carnet's readers:
#: office sizes (the preflight's 6 pt floor holds), in the carnet's fonts and colours.
TYPE = {"title": 17.0, "heading": 13.0, "body": 10.0, "small": 8.5}
PAD = 3.0
GAP = 6.0
PICTO = Path("pictograms/tabler/shield-lock.svg")


@dataclass
class Piece:
    """Something to place down a page: its height, and how to draw it at a top."""

    height: float
    draw: Callable[[float], None]
    keep: bool = False              # keep with the next piece (a heading)
    header: "Piece | None" = None   # a table row: the header to repeat on a new page


class _Flow:
    def __init__(self, p: DocPainter, width: float):
        self.p, self.width = p, width
        self.x = p.safe

    def paragraph(self, ref: str, text: str, bold: bool = False, role: str = "body",
                  indent: float = 0.0) -> Piece:
        p, w = self.p, self.width - indent
        h = p.measure(text, w, role, bold)
        return Piece(h + GAP / 2, lambda top: p.text((ref, ()), text, self.x + indent, top, w,
                                                     self.bottom, role=role, bold=bold))

    def bullet(self, ref: str, text: str) -> Piece:
        piece = self.paragraph(ref, text, indent=12)
        draw = piece.draw

        def both(top: float) -> None:
            self.p.line((ref, ("bullet",)), "•", self.x + 2, top - self.p.size("body"))
            draw(top)

        return Piece(piece.height, both)

    def table(self, ref: str, table: Table) -> list[Piece]:
        widths = [f * self.width for f in table.widths]
        header = self._row(f"{ref}.header", [Cell(c) for c in table.columns], widths, True)
        rows = [self._row(f"{ref}.{i}", list(row), widths, False)
                for i, row in enumerate(table.rows)]
        for row in rows:
            row.header = header
        header.keep = True
        return [header, *rows]

    def _row(self, ref: str, cells: list[Cell], widths: list[float], head: bool) -> Piece:
        p = self.p
        heights = [p.measure(c.text, w - 2 * PAD, "small", head) for c, w in zip(cells, widths)]
        h = max(heights) + 2 * PAD

        def draw(top: float) -> None:
            x = self.x
            if head:
                p.band(x, top - h, x + self.width, top, colour="band")
            for i, (cell, w) in enumerate(zip(cells, widths)):
                if cell.level:
                    p.c.setFillColor(cmyk(*LEVEL_CMYK[cell.level]))
                    p.c.rect(x, top - h, w, h, stroke=0, fill=1)
                p.text((ref, (i,)), cell.text, x + PAD, top - PAD, w - 2 * PAD, self.bottom,
                       role="small", bold=head)
                x += w
            p.rule(self.x, top - h, self.x + self.width)

        return Piece(h, draw)

    def maps(self, ref: str, maps: Maps) -> Piece:
        p = self.p
        half = (self.width - 24) / 2
        labels = max(p.measure_width(level, "small") for level in LEVELS) + 6
        cell = (half - labels) / 4
        title_h = p.line_height("body") + 2
        row_h = min(cell, 30.0)
        h = title_h + 4 * row_h + 2 * p.line_height("small") + 4

        def one(x: float, top: float, title: str, grid, key: str) -> None:
            p.line((ref, (key, "title")), title, x + labels, top - p.size("body"), bold=True,
                   max_width=half - labels)
            w = p.measure_width("gravité", "small")
            p.line((ref, (key, "axis")), "gravité", x + labels - 4 - w, top - p.size("body"),
                   role="small", colour="muted", max_width=labels)
            y0 = top - title_h
            for s, severity in enumerate(LEVELS):
                y = y0 - (4 - s) * row_h
                w = p.measure_width(severity, "small")
                p.line((ref, (key, severity)), severity, x + labels - 4 - w,
                       y + row_h / 2 - p.size("small") / 3, role="small", max_width=labels)
                for lik in range(4):
                    cx = x + labels + lik * cell
                    p.c.setFillColor(cmyk(*LEVEL_CMYK[maps.map[s][lik]]))
                    p.c.setStrokeColor(cmyk(0, 0, 0, 0))
                    p.c.setLineWidth(1.5)
                    p.c.rect(cx, y, cell, row_h, stroke=1, fill=1)
                    n = grid[s][lik]
                    if n:
                        text = str(n)
                        p.line((ref, (key, s, lik)), text,
                               cx + (cell - p.measure_width(text, bold=True)) / 2,
                               y + row_h / 2 - p.size("body") / 3, bold=True, max_width=cell)
            base = y0 - 4 * row_h - p.size("small") - 2
            for lik, likelihood in enumerate(LEVELS):
                w = p.measure_width(likelihood, "small")
                p.line((ref, (key, "likelihood", lik)), likelihood,
                       x + labels + lik * cell + max(0.0, (cell - w) / 2), base, role="small",
                       max_width=cell)
            caption = "vraisemblance, de la plus faible à la plus forte"
            p.line((ref, (key, "caption")), caption, x + labels,
                   base - p.line_height("small"), role="small", colour="muted",
                   max_width=half - labels)

        def draw(top: float) -> None:
            one(self.x, top, "Avant les mesures", maps.initial, "initial")
            one(self.x + half + 24, top, "Après les mesures", maps.residual, "residual")

        return Piece(h + GAP, draw)


def _pieces(flow: _Flow, document: Document) -> list[Piece]:
    out: list[Piece] = []
    for n, section in enumerate(document.sections):
        head = flow.paragraph(f"sections.{n}.title", section.title, bold=True, role="heading")
        head.keep = True
        head.height += GAP / 2
        out.append(head)
        for k, block in enumerate(section.blocks):
            ref = f"sections.{n}.{k}"
            if isinstance(block, str):
                out.append(flow.paragraph(ref, block))
                # A sentence that introduces a table, a map or a list stays with it.
                out[-1].keep = k + 1 < len(section.blocks) and \
                    not isinstance(section.blocks[k + 1], str)
            elif isinstance(block, tuple):
                out += [flow.bullet(f"{ref}.{i}", item) for i, item in enumerate(block)]
            elif isinstance(block, Table):
                out += flow.table(ref, block)
                out[-1].height += GAP
            elif isinstance(block, Maps):
                out.append(flow.maps(ref, block))
        out[-1].height += GAP
    return out


def _plan(pieces: list[Piece], first: float, rest: float) -> list[list[Piece]]:
    """Pieces per page: a heading never ends a page, a table row that starts a page has its
    header above it."""
    pages: list[list[Piece]] = [[]]
    room = first
    for i, piece in enumerate(pieces):
        need, j = piece.height, i
        while pieces[j].keep and j + 1 < len(pieces) and need + pieces[j + 1].height <= rest:
            j += 1  # a heading, its introduction and the first row or map move together
            need += pieces[j].height
        if need > room and pages[-1]:
            pages.append([])
            room = rest
            if piece.header is not None and piece.header is not piece:
                pages[-1].append(piece.header)
                room -= piece.header.height
        pages[-1].append(piece)
        room -= piece.height
    return pages


def render_risk_pdf(document: Document, layout: Layout, fonts: FontSet, root: Path
                    ) -> tuple[bytes, int]:
    """The analysis on A4 pages (trim + the layout's bleed) and its page count; RenderError
    naming the block of any text that does not fit."""
    layout = layout.model_copy(update={"trim": parse_size("A4"), "safe": SAFE,
                                       "type": layout.type.model_copy(update=TYPE)})
    register_fonts(fonts)
    buffer = io.BytesIO()
    canvas = fixed_canvas(buffer, document.released, pageCompression=1, pdfVersion=(1, 6),
                          initialFontName=fonts.regular_name)
    canvas.setTitle(document.title)
    for setter in (canvas.setAuthor, canvas.setCreator, canvas.setProducer):
        setter("monrecap")
    p = DocPainter(canvas, layout, fonts, DOCUMENT)
    picto = root / PICTO if (root / PICTO).is_file() else None
    frame = p.inner_frame(document.title, picto)
    flow = _Flow(p, frame.width)
    flow.bottom = frame.bottom
    summary = flow.paragraph("summary", document.summary, bold=True)
    summary.height += GAP
    pieces = _pieces(flow, document)
    pages = _plan(pieces, frame.height - summary.height, frame.height)
    for number, placed in enumerate(pages, start=1):
        p.begin(PageRecord(number, "risk", "document", number, document.title))
        top = p.header("risk", document.title, picto)
        p.footer(number, len(pages))
        if number == 1:
            summary.draw(top)
            top -= summary.height
        for piece in placed:
            piece.draw(top)
            top -= piece.height
        p.end()
    if p.problems:
        raise RenderError(p.problems)
    canvas.save()
    return buffer.getvalue(), len(pages)


def risk_pdf(root: Path, document: Document, layout: Layout, fonts: FontSet
             ) -> tuple[bytes, int]:
    """Draw, mark PDF/X-4 and preflight: the bytes to write and the page count. A text that
    does not fit, or a preflight error, is a MonrecapError before anything is written."""
    from monrecap.preflight import Context, run_preflight
    from monrecap.preflight.pdfx import mark_pdfx4

    pdf, pages = render_risk_pdf(document, layout, fonts, root)
    pdf = mark_pdfx4(pdf, document.title, document.released)
    report = run_preflight(pdf, Context(bleed=layout.bleed, safe=SAFE, booklet=False))
    if report.errors:
        raise MonrecapError([Problem(DOCUMENT + (f": page {f.page}" if f.page else ""),
                                     f.rule, f"{f.message} ({f.hint})") for f in report.errors])
    return pdf, pages
