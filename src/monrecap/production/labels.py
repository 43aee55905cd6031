"""Address labels on a standard A4 label sheet (layouts/labels/*.yaml), one per parcel: the
order id and « colis 2 sur 3 » large for the ESAT, the address for the carrier."""

from __future__ import annotations

from monrecap.fonts import FontSet
from monrecap.kit.document import DocPainter, finish, open_document, page
from monrecap.layout import Layout
from monrecap.production.esatrows import Label
from monrecap.production.labelsheet import LabelSheet

#: pt: the smallest address a label prints (LabelSheet's floor for what the carrier reads).
ADDRESS_FLOOR = 8.0
STEP = 0.5
ORDER_GAP = 2.0  # pt between the order line and the address


def label_layout(layout: Layout, sheet: LabelSheet, address_size: float | None = None
                 ) -> Layout:
    """The carnet's fonts and palette at the label sheet's sizes: ``heading`` is the order
    line, ``body`` the address (the sheet's size unless ``address_size`` says smaller)."""
    scale = layout.type.model_copy(update={"heading": sheet.order_size,
                                           "body": address_size or sheet.address_size})
    return layout.model_copy(update={"trim": sheet.sheet, "bleed": 0.0, "safe": 0.0,
                                     "type": scale, "line_spacing": sheet.line_spacing})


def order_line(label: Label) -> str:
    return f"{label.order_id}   colis {label.parcel} sur {label.of}"


def carrier_line(p: DocPainter, line: str, width: float, size: float) -> str:
    """An address line as the carrier reads it: wrapped between words, and a word wider than
    the label (« Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson ») broken after its hyphens,
    as a commune's name is on any envelope; a word with no hyphen to break at stays whole
    (and is reported at its order's row and column)."""
    fits = lambda text: p.fitter.width(text, size) <= width + 0.01  # noqa: E731
    lines: list[str] = []
    current = ""
    for word in p.fonts.french_spacing(line).split(" "):
        while word:
            joined = f"{current} {word}" if current else word
            if fits(joined):
                current, word = joined, ""
                continue
            # The longest piece up to a hyphen that still fits this line, else a new line.
            cuts = [i + 1 for i, c in enumerate(word[:-1]) if c == "-"]
            head = next((i for i in reversed(cuts)
                         if fits(f"{current} {word[:i]}" if current else word[:i])), None)
            if head is not None:
                lines.append(f"{current} {word[:head]}" if current else word[:head])
                current, word = "", word[head:]
            elif current:
                lines.append(current)
                current = ""
            else:  # no hyphen to break at: whole, and reported as too wide
                current, word = word, ""
    return "\n".join(lines + [current])


def address_size(p: DocPainter, label: Label, sheet: LabelSheet, width: float,
                 height: float) -> float:
    """The sheet's address size, or else the largest size down to ``ADDRESS_FLOOR`` at which
    every line of a long address fits the label, wrapped (words cut only after a hyphen);
    the floor when none does (the overflow is then reported where it happens)."""
    room = height - p.line_height("heading") - ORDER_GAP
    size = sheet.address_size
    while size > ADDRESS_FLOOR:
        fitted = [p.fitter.wrap(carrier_line(p, line, width, size), width, size)
                  for line in label.address]
        if sum(f.height for f in fitted) <= room + 0.01 and \
                max((f.min_width for f in fitted), default=0) <= width + 0.01:
            return size
        size = max(ADDRESS_FLOOR, size - STEP)
    return ADDRESS_FLOOR


def render_labels(labels: list[Label], sheet: LabelSheet, layout: Layout, fonts: FontSet,
                  title: str, guides: bool = False) -> bytes:
    """Every label, row by row, as many sheets as needed; ``guides`` outlines the labels
    (for previews: printed on a real sheet they would show any offset). A long address is
    set smaller, down to ``ADDRESS_FLOOR``, rather than run off its label."""
    buffer, canvas = open_document(f"Étiquettes — {title}", fonts)
    layouts = {sheet.address_size: label_layout(layout, sheet)}
    p = DocPainter(canvas, layouts[sheet.address_size], fonts, f"labels {title}")
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
        p.layout = layouts[sheet.address_size]
        size = address_size(p, label, sheet, w, h)
        p.layout = layouts.setdefault(size, label_layout(layout, sheet, size))
        p.page.overflowed = False  # each label reports its own overflow
        item = f"{label.order_id} parcel {label.parcel}"
        p.owners[item] = label.order_id
        top = y + h
        top -= p.text((item, ("order",)), order_line(label), x, top, w, bottom=y,
                      role="heading", bold=True, max_lines=1) + ORDER_GAP
        for i, line in enumerate(label.address):
            top -= p.text((item, ("address", i)), carrier_line(p, line, w, size), x, top, w,
                          bottom=y)
    if labels:
        p.end()
    return finish(p, buffer)
