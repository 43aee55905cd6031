"""`rendez-vous`: blank appointment slots (date, time, place, with whom, what to bring)."""

from __future__ import annotations

from monrecap.content.schema import RendezVous
from monrecap.kit.frame import Frame
from monrecap.kit.painter import Painter

PAD = 6


def _bring_start(page: RendezVous, p: Painter, x: float) -> float:
    return x + p.measure_width(f"{page.labels.bring} :", bold=True) + 8


def slot_height(page: RendezVous, p: Painter, width: float) -> float:
    inner = width - 2 * PAD
    L = page.labels
    rows = p.tick_positions(page.bring, 0, inner, _bring_start(page, p, 0))[-1][1] + 1
    return (PAD + p.label_height(L.date, inner) + p.label_height(L.time, inner)
            + p.label_height(L.place, inner, lines=2) + p.label_height(L.with_whom, inner)
            + rows * (p.line_height("body") + 2) + PAD)


def parts(page: RendezVous, p: Painter) -> int:
    return page.pages


def draw(page: RendezVous, p: Painter, part: int, f: Frame) -> None:
    gap = 8
    slots = p.boxes((page.id, ("slots",)), "appointment slot", page.slots,
                    slot_height(page, p, f.width), f, gap)
    if slots is None:
        return
    L = page.labels
    y = f.top
    inner = f.width - 2 * PAD
    spread = slots.extra / 5  # a filled page spaces the slot's five rows out
    for _ in range(slots.count):
        p.frame(f.x, y - slots.height, f.width, slots.height)
        x, top = f.x + PAD, y - PAD
        # The date has a row of its own: the easy-to-read way writes it in full.
        top -= p.label_line((page.id, ("labels", "date")), L.date, x, top, inner) + spread
        top -= p.label_line((page.id, ("labels", "time")), L.time, x, top, inner) + spread
        top -= p.label_line((page.id, ("labels", "place")), L.place, x, top, inner,
                            lines=2) + spread
        top -= p.label_line((page.id, ("labels", "with_whom")), L.with_whom, x, top,
                            inner) + spread
        p.line((page.id, ("labels", "bring")), f"{L.bring} :", x, top - p.size("body"),
               bold=True, max_width=inner)
        p.ticks([(page.id, ("bring", i)) for i in range(len(page.bring))], page.bring, x, top,
                inner, start=_bring_start(page, p, x))
        y -= slots.height + gap
