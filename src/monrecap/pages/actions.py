"""`actions`: what I have to do, who helps me, by when, and where I am (tick boxes)."""

from __future__ import annotations

from monrecap.content.schema import Actions
from monrecap.kit.frame import Frame
from monrecap.kit.painter import Painter

PAD = 6
GAP = 10


def row_height(page: Actions, p: Painter, width: float) -> float:
    inner, L = width - 2 * PAD, page.labels
    ticks = p.tick_positions(page.statuses, 0, inner, 0)[-1][1] + 1
    return (PAD + p.label_height(L.what, inner, lines=2) + p.label_height(L.helper, inner)
            + p.label_height(L.due, inner) + ticks * (p.line_height("body") + 2) + PAD)


def parts(page: Actions, p: Painter) -> int:
    return page.pages


def draw(page: Actions, p: Painter, part: int, f: Frame) -> None:
    rows = p.boxes((page.id, ("rows",)), "action row", page.rows,
                   row_height(page, p, f.width), f, GAP)
    if rows is None:
        return
    L = page.labels
    inner = f.width - 2 * PAD
    spread = rows.extra / 4  # a filled page spaces the row's four lines out
    y = f.top
    for _ in range(rows.count):
        p.frame(f.x, y - rows.height, f.width, rows.height)
        x, top = f.x + PAD, y - PAD
        top -= p.label_line((page.id, ("labels", "what")), L.what, x, top, inner,
                            lines=2) + spread
        top -= p.label_line((page.id, ("labels", "helper")), L.helper, x, top, inner) + spread
        top -= p.label_line((page.id, ("labels", "due")), L.due, x, top, inner) + spread
        p.ticks([(page.id, ("statuses", i)) for i in range(len(page.statuses))],
                page.statuses, x, top, inner)
        y -= rows.height + GAP
