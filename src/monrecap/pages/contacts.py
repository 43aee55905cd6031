"""`contacts`: contact cards (type of structure, name, phone, e-mail, opening hours)."""

from __future__ import annotations

import math

from monrecap.content.schema import ContactCard, Contacts
from monrecap.kit.frame import Frame, Stack, stack
from monrecap.kit.painter import Painter

PAD = 6
GAP = 10


def _rows(page: Contacts, card: ContactCard) -> list[tuple[str, str, str, str | None, str]]:
    L = page.labels
    return [("name", L.name, "nom", card.nom, "body"),
            ("phone", L.phone, "telephone", card.telephone, "key"),
            ("email", L.email, "email", card.email, "body"),
            ("hours", L.hours, "horaires", card.horaires, "body")]


def card_height(page: Contacts, p: Painter, width: float) -> float:
    """The tallest card of the page kind, so that every card has the same size."""
    head = p.line_height("heading") + 8
    inner = width - 2 * PAD
    return head + PAD + max(
        sum(p.label_height(label, inner, value=value, value_role=role)
            for _, label, _, value, role in _rows(page, card)) for card in page.cards) + PAD


def _stack(page: Contacts, p: Painter, f: Frame) -> Stack:
    """As many cards as fit on a page, always; a layout that fills its pages stretches them."""
    natural = card_height(page, p, f.width)
    cards = stack(f, natural, GAP, None)
    return cards if p.layout.fill_pages else Stack(cards.count, natural, 0.0, cards.room)


def parts(page: Contacts, p: Painter) -> int:
    frame = p.inner_frame(page.title, page.picto)
    return math.ceil(len(page.cards) / max(1, _stack(page, p, frame).count))


def draw(page: Contacts, p: Painter, part: int, f: Frame) -> None:
    cards = _stack(page, p, f)
    if cards.count == 0:
        p.problem((page.id, ("cards",)), f"a contact card needs {cards.height:.0f} pt, the "
                  f"page has {f.height:.0f} pt")
        return
    n = cards.count
    y = f.top
    for index in range(part * n, min(len(page.cards), (part + 1) * n)):
        _card(page, page.cards[index], index, p, f, y, cards.height, cards.extra / 4)
        y -= cards.height + GAP


def _card(page: Contacts, card: ContactCard, index: int, p: Painter, f: Frame, y: float,
          h: float, spread: float) -> None:
    head = p.line_height("heading") + 8
    if page.card_style == "bandeau":
        # v11's redesign: the type of structure on a coloured band, found at a glance.
        p.c.saveState()
        p.c.setFillColor(p.color("band"))
        p.c.roundRect(f.x, y - head, f.width, head, 4, stroke=0, fill=1)
        p.c.restoreState()
    p.frame(f.x, y - h, f.width, h)
    base = (page.id, ("cards", index))
    p.line((page.id, ("cards", index, "structure")), card.structure, f.x + PAD,
           y - head + 4 + p.size("heading") * 0.3, role="heading", bold=True,
           max_width=f.width - 2 * PAD)
    top = y - head - PAD
    for label_key, label, field, value, role in _rows(page, card):
        top -= p.label_line((base[0], ("labels", label_key)), label, f.x + PAD, top,
                            f.width - 2 * PAD, value=value, value_role=role,
                            value_ref=(base[0], base[1] + (field,))) + spread
