"""`documents` (a checklist of papers), `donnees` (personal data and safety) and `glossaire`
(the version's glossary, printed)."""

from __future__ import annotations

from monrecap.content.schema import Documents, Donnees
from monrecap.kit.frame import Frame
from monrecap.kit.painter import Painter


def parts(page: Documents | Donnees, p: Painter) -> int:
    return 1


def draw_documents(page: Documents, p: Painter, part: int, f: Frame) -> None:
    y = f.top
    if page.intro:
        y -= p.text((page.id, ("intro",)), page.intro, f.x, y, f.width, bottom=f.bottom) + 8
    box = p.size("body") * 0.8
    for i, item in enumerate(page.items):
        p.tickbox(f.x, y - p.size("body") * 0.95, box)
        y -= p.text((page.id, ("items", i)), item, f.x + box + 8, y, f.width - box - 8,
                    bottom=f.bottom) + 5


def draw_donnees(page: Donnees, p: Painter, part: int, f: Frame) -> None:
    y = f.top
    if page.intro:
        y -= p.text((page.id, ("intro",)), page.intro, f.x, y, f.width, bottom=f.bottom) + 10
    for s, section in enumerate(page.sections):
        size = p.layout.pictogram * 0.8 if section.picto else 0
        if section.picto:
            p.picto(section.picto, f.x, y - size + 2, size, colour="accent")
        indent = size + 6 if section.picto else 0
        y -= max(size, p.text((page.id, ("sections", s, "heading")), section.heading,
                              f.x + indent, y, f.width - indent, bottom=f.bottom,
                              role="heading", bold=True)) + 4
        for i, item in enumerate(section.items):
            r = p.size("body") * 0.14
            p.disc(f.x + 6, y - p.size("body") * 0.62, r, colour="ink")
            y -= p.text((page.id, ("sections", s, "items", i)), item, f.x + 16, y,
                        f.width - 16, bottom=f.bottom) + 3
        y -= 10


def _entry_height(term: str, meaning: str, p: Painter, width: float) -> float:
    return (p.measure(term, width, "heading", bold=True) + 1 + p.measure(meaning, width)
            + 8)


def glossary_pages(page, p: Painter, f: Frame) -> list[list[str]]:
    """The glossary's terms page by page: as many entries as fit, in order, the intro on the
    first page; a term never leaves its meaning behind."""
    glossary = p.carnet.spec.glossary
    room = f.height - (p.measure(page.intro, f.width) + 10 if page.intro else 0)
    pages: list[list[str]] = [[]]
    for term, meaning in glossary.items():
        need = _entry_height(term, meaning, p, f.width)
        if need > room + 0.01 and pages[-1]:
            pages.append([])
            room = f.height
        pages[-1].append(term)
        room -= need
    return pages


def glossary_parts(page, p: Painter) -> int:
    return len(glossary_pages(page, p, p.inner_frame(page.title, page.picto)))


def draw_glossaire(page, p: Painter, part: int, f: Frame) -> None:
    y = f.top
    if page.intro and part == 0:
        y -= p.text((page.id, ("intro",)), page.intro, f.x, y, f.width, bottom=f.bottom) + 10
    glossary = p.carnet.spec.glossary
    for term in glossary_pages(page, p, f)[part]:
        y -= p.text((page.id, ("glossary", term)), term, f.x, y, f.width, bottom=f.bottom,
                    role="heading", bold=True) + 1
        y -= p.text((page.id, ("glossary", term, "meaning")), glossary[term], f.x, y, f.width,
                    bottom=f.bottom) + 8
