"""`notes`: lined pages to write on, drawn from the `notes` page template (ruled lines that
fill the page: `src/monrecap/data/layouts/pages/notes.yaml`, or the repository's copy)."""

from __future__ import annotations

from monrecap.content.schema import Notes
from monrecap.content.templates import kind_blocks
from monrecap.kit.frame import Frame
from monrecap.kit.painter import Painter
from monrecap.pages.blocks import column


def parts(page: Notes, p: Painter) -> int:
    return page.pages


def draw(page: Notes, p: Painter, part: int, f: Frame) -> None:
    column(p, kind_blocks(p.carnet.root, "notes"), (page.id, ("template",)), f)
