"""`blocs`: a page composed in YAML, its blocks drawn top to bottom with the painter's
primitives (text, labelled lines, boxes to tick, cards, rules, key numbers, QR codes).

Sizes come from the layout: blocks are measured first, then the blocks that fill
(`lignes: remplir`, a card repeated `remplir`, any repeated card on a layout that fills its
pages) share the room the others leave. A block that does not fit is reported at its line.
"""

from __future__ import annotations

from dataclasses import dataclass

from monrecap.content.blocks import (
    Block,
    Cases,
    Champ,
    Champs,
    Espace,
    Fiche,
    Item,
    Lignes,
    Liste,
    Numero,
    Pictogramme,
    Qr,
    Texte,
)
from monrecap.content.schema import Blocs
from monrecap.kit.frame import Frame, stack
from monrecap.kit.painter import Painter
from monrecap.kit.qr import draw_qr

MM = 72 / 25.4
GAP = 8      # between blocks
PAD = 6      # inside a card
QR = 25 * MM
SPACE = {"petit": 0.5, "moyen": 1.0, "grand": 2.0}  # in lines of body text


def parts(page: Blocs, p: Painter) -> int:
    return page.pages


def draw(page: Blocs, p: Painter, part: int, f: Frame) -> None:
    column(p, page.blocks, (page.id, ("blocks",)), f)


def column(p: Painter, blocks: list, base: tuple, f: Frame) -> None:
    """Blocks down a page's frame (a `blocs` page, or a kind drawn from its template)."""
    _column(p, blocks, base, f.x, f.top, f.width, f.height, bottom=f.bottom)


@dataclass
class _Planned:
    block: Block
    height: float        # the room it takes (natural, or its share of what is left)
    fills: bool


def _fills(block: Block, p: Painter) -> bool:
    if isinstance(block, Lignes):
        return block.count == "remplir"
    if isinstance(block, Fiche):
        # A repeated card is as many as fit on a layout that fills its pages; one card is one.
        return block.repeat == "remplir" or (p.layout.fill_pages and block.repeat > 1)
    return False


def _column(p: Painter, blocks: list, base: tuple, x: float, top: float, width: float,
            room: float, bottom: float | None = None, spread: float = 0.0) -> None:
    """Blocks down a column of ``room`` points from ``top``: measured, the filling ones given
    what the others leave, then drawn; ``spread`` is extra room after each block (a card
    stretched by its layout)."""
    page_id, path = base
    plan = [_Planned(b, 0.0 if _fills(b, p) else natural(b, p, width), _fills(b, p))
            for b in blocks]
    used = sum(item.height for item in plan) + GAP * (len(plan) - 1)
    left = room - used
    fills = [item for item in plan if item.fills]
    for item in fills:
        item.height = max(0.0, left / len(fills))
    if fills:
        spread = 0.0  # the filling blocks take the room
    y = top
    for index, item in enumerate(plan):
        ref = (page_id, path + (index,))
        if not item.fills and y - item.height < top - room - 0.01:
            p.overflow(ref, f"block {index + 1} ({item.block.type}) needs {item.height:.0f} pt, "
                       f"{max(0.0, y - (top - room)):.0f} pt are left below the blocks above it")
            return
        # A stretched card spaces out its labelled lines, as contact cards and action rows do.
        _draw(p, item.block, ref, x, y, width, item.height, spread)
        y -= item.height + GAP + spread


def natural(block: Block, p: Painter, width: float) -> float:
    """The height a block takes at its natural size."""
    if isinstance(block, Texte):
        return p.measure(block.text, width)
    if isinstance(block, Liste):
        return sum(_item_height(item, p, width) for item in block.items) + \
            4 * (len(block.items) - 1)
    if isinstance(block, Champs):
        return sum(p.label_height(_field(field)[0], width, lines=_field(field)[1])
                   for field in block.fields) + 4 * (len(block.fields) - 1)
    if isinstance(block, Cases):
        rows = p.tick_positions(block.boxes, 0, width, 0)[-1][1] + 1
        return rows * (p.line_height("body") + 2)
    if isinstance(block, Lignes):
        return block.count * p.rule_step if isinstance(block.count, int) else p.rule_step
    if isinstance(block, Numero):
        return (p.measure(block.label, width, bold=True) + 2
                + p.measure(block.number, width, "key", bold=True))
    if isinstance(block, Qr):
        return (p.measure(block.label, width) + 8 if block.label else 0) + QR
    if isinstance(block, Pictogramme):
        size = p.layout.pictogram
        return max(size, p.measure(block.text, width - size - 8))
    if isinstance(block, Espace):
        return p.line_height("body") * SPACE[block.size]
    if isinstance(block, Fiche):
        count = block.repeat if isinstance(block.repeat, int) else 1
        return count * card_height(block, p, width) + GAP * (count - 1)
    raise AssertionError(f"no measure for {block!r}")


def card_height(card: Fiche, p: Painter, width: float) -> float:
    inner = width - 2 * PAD
    body = sum(natural(b, p, inner) for b in card.blocks) + GAP * (len(card.blocks) - 1)
    return _band_height(card, p, width) + PAD + body + PAD


def _band_height(card: Fiche, p: Painter, width: float) -> float:
    return p.measure(card.title, width - 2 * PAD, "heading", bold=True) + 8


def _field(field: str | Champ) -> tuple[str, int]:
    return (field, 1) if isinstance(field, str) else (field.label, field.lines)


def _item_height(item: str | Item, p: Painter, width: float) -> float:
    size = p.layout.pictogram * 0.8
    if isinstance(item, Item) and item.picto:
        return max(size, p.measure(item.text, width - size - 8))
    return p.measure(item.text if isinstance(item, Item) else item, width - 16)


def _draw(p: Painter, block: Block, ref: tuple, x: float, top: float, width: float,
          height: float, spread: float = 0.0) -> None:
    page_id, path = ref
    at = lambda *keys: (page_id, path + keys)  # noqa: E731
    if isinstance(block, Texte):
        p.text(at("text"), block.text, x, top, width)
    elif isinstance(block, Liste):
        _list(p, block, at, x, top, width)
    elif isinstance(block, Champs):
        y, share = top, spread / len(block.fields)
        for i, field in enumerate(block.fields):
            label, lines = _field(field)
            key = ("fields", i) if isinstance(field, str) else ("fields", i, "label")
            y -= p.label_line(at(*key), label, x, y, width, lines=lines) + 4 + share
    elif isinstance(block, Cases):
        p.ticks([at("boxes", i) for i in range(len(block.boxes))], block.boxes, x, top, width)
    elif isinstance(block, Lignes):
        step = p.rule_step
        y = top - step
        count = block.count if isinstance(block.count, int) else None
        if count is None and height < step:
            p.overflow(ref, f"block {ref[1][-1] + 1} (lignes) has no room for a line: "
                       f"{height:.0f} pt are left below the blocks above it, a line needs "
                       f"{step:.0f} pt")
            return
        while (count is None and y >= top - height) or (count is not None and count > 0):
            p.rule(x, y, x + width)
            y -= step
            count = None if count is None else count - 1
    elif isinstance(block, Numero):
        y = top - p.text(at("label"), block.label, x, top, width, bold=True) - 2
        p.text(at("number"), block.number, x, y, width, role="key", bold=True,
               colour="accent")
    elif isinstance(block, Qr):
        y = top - (p.text(at("label"), block.label, x, top, width) + 8 if block.label else 0)
        draw_qr(p, block.url, x, y - QR, QR)
        p.record(at("url"), x, y - QR, QR, QR)
    elif isinstance(block, Pictogramme):
        size = p.layout.pictogram
        p.picto(block.picto, x, top - size, size, colour="accent")
        p.text(at("text"), block.text, x + size + 8, top, width - size - 8)
    elif isinstance(block, Fiche):
        _cards(p, block, ref, x, top, width, height)


def _list(p: Painter, block: Liste, at, x: float, top: float, width: float) -> None:
    size, y = p.layout.pictogram * 0.8, top
    for i, item in enumerate(block.items):
        text = item.text if isinstance(item, Item) else item
        key = ("items", i, "text") if isinstance(item, Item) else ("items", i)
        if isinstance(item, Item) and item.picto:
            p.picto(item.picto, x, y - size, size, colour="accent")
            height = max(size, p.text(at(*key), text, x + size + 8, y, width - size - 8))
        else:
            p.disc(x + 6, y - p.size("body") * 0.62, p.size("body") * 0.14, colour="ink")
            height = p.text(at(*key), text, x + 16, y, width - 16)
        y -= height + 4


def _cards(p: Painter, card: Fiche, ref: tuple, x: float, top: float, width: float,
           height: float) -> None:
    """``repeat`` cards, or as many as fit in ``height`` (stretched on a layout that fills
    its pages)."""
    page_id, path = ref
    natural_h = card_height(card, p, width)
    frame = Frame(x, top, width, top - height)
    if _fills(card, p):
        cards = stack(frame, natural_h, GAP, None)
        if cards.count == 0:
            p.overflow((page_id, path + ("blocks",)),
                       f"card '{card.title}' needs {natural_h:.0f} pt, the page leaves "
                       f"{height:.0f} pt after its other blocks")
            return
        count, card_h, extra = cards.count, cards.height, cards.extra
    else:
        count, card_h, extra = card.repeat, natural_h, 0.0
    band = _band_height(card, p, width)
    y = top
    for _ in range(count):
        p.c.saveState()
        p.c.setFillColor(p.color("band"))
        p.c.roundRect(x, y - band, width, band, 4, stroke=0, fill=1)
        p.c.restoreState()
        p.frame(x, y - card_h, width, card_h)
        p.text((page_id, path + ("title",)), card.title, x + PAD, y - 4, width - 2 * PAD,
               role="heading", bold=True)
        inner = card_h - band - 2 * PAD
        _column(p, card.blocks, (page_id, path + ("blocks",)), x + PAD, y - band - PAD,
                width - 2 * PAD, inner, spread=extra / max(1, len(card.blocks)))
        y -= card_h + GAP
