"""The packing list of one job, for the ESAT: one line per order — bundles, loose carnets,
parcels, weight, a box to tick — with pictograms over the columns."""

from __future__ import annotations

from pathlib import Path

from monrecap.fonts import FontSet
from monrecap.kit.document import MM, DocPainter, doc_layout, finish, open_document, page, picto
from monrecap.layout import Layout
from monrecap.plural import count
from monrecap.production.esatrows import PackingList

#: The instructions at the top of the first page (lint-checked by production).
INSTRUCTIONS = (
    "Une ligne, c'est une commande.",
    "Je fais des paquets de {bundle}.",
    "Je remplis chaque colis avec {parcel}.",
    "Je mets le reste dans le dernier colis.",
    "Je colle une étiquette sur chaque colis.",
    "Je coche la case quand la commande est prête.",
)
#: Columns: (x from the left margin in mm, width in mm, pictogram, heading).
COLUMNS = ((0, 44, "receipt", "Commande"), (46, 40, "stack-2", "Paquets de {bundle}"),
           (88, 34, "notebook", "Carnets seuls"), (124, 22, "package", "Colis"),
           (144, 24, "weight", "Poids"), (169, 11, "checklist", "Fait"))
ROW = 26.0  # points: a 14 pt line with room to tick


def instructions(bundle: int, parcel: int) -> list[str]:
    """The instructions, with counts that agree.

    >>> instructions(1, 100)[1:3]
    ['Je fais des paquets de 1 carnet.', 'Je remplis chaque colis avec 100 carnets.']
    """
    return [line.format(bundle=count(bundle, "carnet"), parcel=count(parcel, "carnet"))
            for line in INSTRUCTIONS]


def headings(bundle: int) -> list[str]:
    return [heading.format(bundle=bundle) for *_, heading in COLUMNS]


def render_packing_list(doc: PackingList, layout: Layout, fonts: FontSet, root: Path) -> bytes:
    """The packing list as a PDF, as many A4 pages as its lines need."""
    buffer, canvas = open_document(f"Liste de colisage — {doc.title}", fonts)
    p = DocPainter(canvas, doc_layout(layout), fonts, f"packing list {doc.title}")
    s, W, H = p.safe, p.W, p.H
    top_first = H - s - _header_height(p) - len(INSTRUCTIONS) * p.line_height() - 10
    top_next = H - s - _header_height(p)
    table_top = 2 * p.layout.pictogram + 2 * p.line_height() + 8
    bottom = s + p.line_height() + 2 * p.line_height("heading") + 12
    first = int((top_first - table_top - bottom) // ROW)
    rest = int((top_next - table_top - bottom) // ROW)
    n_orders = len(doc.lines)
    pages = 1 + max(0, -(-(n_orders - first) // rest))
    index = 0
    for number in range(1, pages + 1):
        page(p, number, doc.title)
        y = _header(p, doc, root)
        if number == 1:
            for i, line in enumerate(instructions(doc.bundle, doc.parcel)):
                y -= p.text(("instructions", (i,)), line, s, y, W - 2 * s)
            y -= 10
        y = _column_heads(p, doc.bundle, y, root)
        take = first if number == 1 else rest
        for row, line in enumerate(doc.lines[index:index + take]):
            if row % 2 == 0:
                p.band(s - 4, y - ROW + 4, W - s + 4, y + 2)
            baseline = y - p.size("body") - 2
            values = (line.order_id, str(line.bundles), str(line.loose), str(line.parcels),
                      f"{line.kg} kg")
            for (x, width, *_), value in zip(COLUMNS, values):
                p.line((line.order_id, ("line",)), value, s + x * MM, baseline,
                       bold=x == 0, max_width=width * MM)
            box = p.size("body")
            p.tickbox(s + COLUMNS[-1][0] * MM, baseline - 2, box)
            y -= ROW
        index += take
        if number == pages:
            y -= 8
            parcels = sum(line.parcels for line in doc.lines)
            y -= p.text(("total", ()), f"En tout : {total_line(n_orders, parcels)}",
                        s, y, W - 2 * s, bottom=s + p.line_height(), role="heading", bold=True)
        p.footer(number, pages, role="body", colour="ink")
        p.end()
    return finish(p, buffer)


def total_line(orders: int, parcels: int) -> str:
    """« 1 commande et 1 colis. »

    >>> total_line(1, 1), total_line(2, 3)
    ('1 commande et 1 colis.', '2 commandes et 3 colis.')
    """
    return f"{count(orders, 'commande')} et {count(parcels, 'colis')}."


def _header_height(p: DocPainter) -> float:
    return p.line_height("title") + p.line_height() + 16


def _header(p: DocPainter, doc: PackingList, root: Path) -> float:
    """The band with the pictogram, the title and the lot; returns the y below it."""
    s, W, H = p.safe, p.W, p.H
    bottom = H - s - _header_height(p)
    p.band(0, bottom, W, H)
    size = p.layout.pictogram * 1.5
    p.picto(picto(root, "package"), s, H - s - size, size)
    x = s + size + 10
    y = H - s - 4
    y -= p.text(("title", ()), "Liste de colisage", x, y, W - s - x, role="title", bold=True)
    p.text(("lot", ()), doc.title, x, y, W - s - x, bold=True)
    return bottom - 12


def _column_heads(p: DocPainter, bundle: int, y: float, root: Path) -> float:
    """Pictograms over two-line headings; returns the y of the first row."""
    size = p.layout.pictogram
    lowest = y
    for (x, width, icon, _), heading in zip(COLUMNS, headings(bundle)):
        left = p.safe + x * MM
        p.picto(picto(root, icon), left, y - size, size, colour="accent")
        used = p.text(("heading", (heading,)), heading, left, y - size - 4, width * MM,
                      bold=True, max_lines=2)
        lowest = min(lowest, y - size - 4 - used)
    p.rule(p.safe, lowest - 4, p.W - p.safe, colour="ink")
    return lowest - 8
