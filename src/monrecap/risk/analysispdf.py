"""« Analyse des risques — Mon Récap vN » as an A4 PDF: the document's blocks flowed over as
many pages as they need (a table's header repeated on each page, a text taller than a page
cut between words onto the next, never a table's last row alone), the 4 × 4 maps drawn with
the carnet's painter, every text fitted (a misfit is an error at the YAML line of its text,
else naming the block), then marked PDF/X-4 and preflighted like every document the toolkit
draws."""

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
from monrecap.risk.analysis import Cell, Document, Item, Maps, Table
from monrecap.risk.analysishtml import LEVEL_CMYK
from monrecap.risk.classification import LEVELS
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
    #: A text taller than a page: cut to a height, (what fits, the rest), or None.
    split: "Callable[[float], tuple[Piece, Piece] | None] | None" = None
    natural: float = -1.0           # its height before space was added below it

    def __post_init__(self) -> None:
        if self.natural < 0:
            self.natural = self.height


class _Painter(DocPainter):
    """The document's painter: a text that does not fit is reported at the YAML line that
    wrote it (a version's reason, a field's label) when the document knows it."""

    def __init__(self, *args):
        super().__init__(*args)
        self.sources: dict[str, Problem] = {}

    def problem(self, ref, message: str) -> None:
        item, path = ref
        source = self.sources.get(".".join(str(p) for p in (item, *path)))
        if source is None:
            return super().problem(ref, message)
        self.problems.append(Problem(source.where, source.path,
                                     f"{message} (in the {DOCUMENT})"))


def _cut(p: DocPainter, text: str, width: float, room: float, role: str, bold: bool
         ) -> tuple[str, str]:
    """The most words of ``text`` that fit ``room`` when wrapped to ``width``, and the rest."""
    words = text.split(" ")
    low, high = 0, len(words)  # low words fit; find the most
    while low < high:
        mid = (low + high + 1) // 2
        if p.measure(" ".join(words[:mid]), width, role, bold) <= room + 0.01:
            low = mid
        else:
            high = mid - 1
    return " ".join(words[:low]), " ".join(words[low:])


class _Flow:
    def __init__(self, p: DocPainter, width: float):
        self.p, self.width = p, width
        self.x = p.safe

    def paragraph(self, ref: str, text: str, bold: bool = False, role: str = "body",
                  indent: float = 0.0, source: Problem | None = None, part: int = 0) -> Piece:
        p, w = self.p, self.width - indent
        key = f"{ref}.{part}" if part else ref
        if source is not None:
            self.p.sources[key] = source
        h = p.measure(text, w, role, bold)

        def split(room: float) -> tuple[Piece, Piece] | None:
            head, rest = _cut(p, text, w, room - GAP / 2, role, bold)
            if not head or not rest:
                return None
            return (self.paragraph(ref, head, bold, role, indent, source, part),
                    self.paragraph(ref, rest, bold, role, indent, source, part + 1))

        return Piece(h + GAP / 2, lambda top: p.text((key, ()), text, self.x + indent, top, w,
                                                     self.bottom, role=role, bold=bold),
                     split=split)

    def bullet(self, ref: str, item: "str | Item", part: int = 0) -> Piece:
        text, source = str(item), getattr(item, "source", None)
        piece = self.paragraph(ref, text, indent=12, source=source, part=part)
        draw = piece.draw

        def both(top: float) -> None:
            if not part:  # a bullet cut over two pages has its mark once
                self.p.line((ref, ("bullet",)), "•", self.x + 2, top - self.p.size("body"))
            draw(top)

        def split(room: float) -> tuple[Piece, Piece] | None:
            head, rest = _cut(self.p, text, self.width - 12, room - GAP / 2, "body", False)
            if not head or not rest:
                return None
            return (self.bullet(ref, Item(head, source), part),
                    self.bullet(ref, Item(rest, source), part + 1))

        return Piece(piece.height, both, split=split)

    def table(self, ref: str, table: Table) -> list[Piece]:
        widths = [f * self.width for f in table.widths]
        header = self._row(f"{ref}.header", [Cell(c) for c in table.columns], widths, True)
        rows = [self._row(f"{ref}.{i}", list(row), widths, False)
                for i, row in enumerate(table.rows)]
        for row in rows:
            row.header = header
        header.keep = True
        if len(rows) > 1:
            rows[-2].keep = True  # the last row never alone on a page
        return [header, *rows]

    def _row(self, ref: str, cells: list[Cell], widths: list[float], head: bool,
             part: int = 0) -> Piece:
        p = self.p
        if part:
            ref = f"{ref}~{part}"  # a row cut over pages: its later parts
        for i, cell in enumerate(cells):
            if cell.source is not None:
                p.sources[f"{ref}.{i}"] = cell.source
        heights = [p.measure(c.text, w - 2 * PAD, "small", head) for c, w in zip(cells, widths)]
        h = max(heights) + 2 * PAD
        base = ref.split("~")[0]

        def split(room: float) -> tuple[Piece, Piece] | None:
            cut = [_cut(p, c.text, w - 2 * PAD, room - 2 * PAD, "small", head)
                   for c, w in zip(cells, widths)]
            if not any(rest for _, rest in cut) or not any(first for first, _ in cut):
                return None
            return (self._row(base, [Cell(first, c.level, c.source)
                                     for (first, _), c in zip(cut, cells)], widths, head, part),
                    self._row(base, [Cell(rest, c.level, c.source)
                                     for (_, rest), c in zip(cut, cells)], widths, head,
                              part + 1))

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

        return Piece(h, draw, split=split)

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
    header above it, a table's last row comes with the one before it; a piece taller than a
    whole page fills the rest of its page and goes on over the next."""
    pages: list[list[Piece]] = [[]]
    room, fresh = first, True   # fresh: nothing placed on the page but a repeated header
    todo = list(pieces)
    i = 0
    while i < len(todo):
        piece = todo[i]
        need, j = piece.height, i
        while todo[j].keep and j + 1 < len(todo) and need + todo[j + 1].height <= rest:
            j += 1  # a heading, its introduction and the first row or map move together
            need += todo[j].height
        header = piece.header if piece.header is not None and piece.header is not piece \
            else None
        whole = rest - (header.height if header else 0)  # the most a page holds of it
        if piece.height > whole and piece.height > room and piece.split is not None:
            parts = piece.split(room)
            if parts is not None:  # what fits here, the rest on the next page
                parts[0].header = parts[1].header = piece.header
                parts[1].height += piece.height - piece.natural  # the space below it
                parts[1].keep = piece.keep
                todo[i:i + 1] = list(parts)
                piece, need, j = parts[0], parts[0].height, i
        need -= todo[j].height - todo[j].natural  # the space below the last needs no room
        if need > room + 0.01 and not fresh:
            pages.append([])
            room, fresh = rest, True
            if header is not None:
                pages[-1].append(header)
                room -= header.height
            continue  # placed again, against a fresh page
        pages[-1].append(piece)
        room, fresh = room - piece.height, False
        i += 1
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
    p = _Painter(canvas, layout, fonts, DOCUMENT)
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
