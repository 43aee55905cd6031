"""`notes`: lined pages to write on, drawn from the `notes` page template (ruled lines that
fill the page: `src/monrecap/data/layouts/pages/notes.yaml`, or the repository's copy)."""

from __future__ import annotations

from ..content.schema import Notes
from ..content.templates import kind_blocks
from .blocks import column
from .frame import Frame
from .painter import Painter


def parts(page: Notes, p: Painter) -> int:
    return page.pages


def draw(page: Notes, p: Painter, part: int, f: Frame) -> None:
    column(p, kind_blocks(p.carnet.root, "notes"), (page.id, ("template",)), f)
