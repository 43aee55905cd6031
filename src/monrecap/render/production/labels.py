"""Address labels on a standard A4 label sheet (layouts/labels/*.yaml), one per parcel: the
order id and « colis 2 sur 3 » large for the ESAT, the address for the carrier."""

from __future__ import annotations

from ...fonts import FontSet
from ...labelsheet import LabelSheet
from ...layout import Layout
from . import DocPainter, Label, finish, open_document, page


def label_layout(layout: Layout, sheet: LabelSheet) -> Layout:
    """The carnet's fonts and palette at the label sheet's sizes: ``heading`` is the order
    line, ``body`` the address."""
    scale = layout.type.model_copy(update={"heading": sheet.order_size,
                                           "body": sheet.address_size})
    return layout.model_copy(update={"trim": sheet.sheet, "bleed": 0.0, "safe": 0.0,
                                     "type": scale, "line_spacing": sheet.line_spacing})


def order_line(label: Label) -> str:
    return f"{label.order_id}   colis {label.parcel} sur {label.of}"


def render_labels(labels: list[Label], sheet: LabelSheet, layout: Layout, fonts: FontSet,
                  title: str, guides: bool = False) -> bytes:
    """Every label, row by row, as many sheets as needed; ``guides`` outlines the labels
    (for previews: printed on a real sheet they would show any offset)."""
    buffer, canvas = open_document(f"Étiquettes — {title}", fonts)
    p = DocPainter(canvas, label_layout(layout, sheet), fonts, f"labels {title}")
    for index, label in enumerate(labels):
        slot = index % sheet.per_sheet
        if slot == 0:
            if index:
                p.end()
            page(p, index // sheet.per_sheet + 1, title)
        if guides:
            x, y, w, h = sheet.rect(slot)
            p.c.setDash(2, 2)
            p.frame(x, y, w, h, colour="line", radius=6)
            p.c.setDash()
        x, y, w, h = sheet.text_box(slot)
        p.page.overflowed = False  # each label reports its own overflow
        item = f"{label.order_id} parcel {label.parcel}"
        top = y + h
        top -= p.text((item, ("order",)), order_line(label), x, top, w, bottom=y,
                      role="heading", bold=True, max_lines=1) + 2
        for i, line in enumerate(label.address):
            top -= p.text((item, ("address", i)), line, x, top, w, bottom=y)
    if labels:
        p.end()
    return finish(p, buffer)
