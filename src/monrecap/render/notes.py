"""`notes`: lined pages to write on."""

from __future__ import annotations

from ..content.schema import Notes
from .frame import Frame
from .painter import Painter


def parts(page: Notes, p: Painter) -> int:
    return page.pages


def draw(page: Notes, p: Painter, part: int, f: Frame) -> None:
    step = p.line_height("body") * 1.45  # room for handwriting, larger than print
    y = f.top - step
    while y >= f.bottom:
        p.rule(f.x, y, f.right)
        y -= step
