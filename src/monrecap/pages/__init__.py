"""Carnet + Layout + FontSet → page PDF, with ReportLab (the only package that imports it)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Callable

from monrecap.content import Carnet
from monrecap.content.schema import CLOSING_KINDS, Notes, Page
from monrecap.errors import RenderError
from monrecap.fonts import FontSet, register_fonts
from monrecap.kit.canvas import fixed_canvas
from monrecap.kit.painter import FieldBox, PageRecord, Painter
from monrecap.kit.pdfxcanvas import identify_pdfx4
from monrecap.layout import Layout
from monrecap.pages import actions, avis, blocks, contacts, cover, guide, lists, notes, rendezvous
from monrecap.resources import data_file

__all__ = ["Rendered", "render_carnet", "padding_note", "PageRecord", "FieldBox"]

TOOL = "monrecap"


@dataclass(frozen=True)
class Rendered:
    """The page PDF and, for each physical page, what it shows and where its fields are."""

    pdf: bytes
    pages: list[PageRecord]


@dataclass(frozen=True)
class Kind:
    parts: Callable[[Page, Painter], int]
    draw: Callable[..., None]
    full_page: bool = False


KINDS: dict[str, Kind] = {
    "couverture": Kind(cover.parts, cover.draw_couverture, full_page=True),
    "dos": Kind(cover.parts, cover.draw_dos, full_page=True),
    "mode-emploi": Kind(guide.parts, guide.draw),
    "rendez-vous": Kind(rendezvous.parts, rendezvous.draw),
    "contacts": Kind(contacts.parts, contacts.draw),
    "actions": Kind(actions.parts, actions.draw),
    "documents": Kind(lists.parts, lists.draw_documents),
    "donnees": Kind(lists.parts, lists.draw_donnees),
    "glossaire": Kind(lists.glossary_parts, lists.draw_glossaire),
    "notes": Kind(notes.parts, notes.draw),
    "avis": Kind(avis.parts, avis.draw),
    "blocs": Kind(blocks.parts, blocks.draw),
}

PADDING_ID = "notes-ajoutees"
MAX_CARNET_PAGES = 400
NOTES_PICTO = "pictograms/tabler/pencil.svg"


def padding_note(rendered: Rendered) -> str | None:
    """What the build says when it added notes pages: « 2 pages de notes ajoutées pour
    arriver à 32 » (a saddle-stitched carnet has a multiple of 4 pages)."""
    added = sum(r.id == PADDING_ID for r in rendered.pages)
    if not added:
        return None
    pages = "page de notes ajoutée" if added == 1 else "pages de notes ajoutées"
    return f"{added} {pages} pour arriver à {len(rendered.pages)} (un multiple de 4)"


def plan_pages(carnet: Carnet, painter: Painter) -> list[tuple[Page, int]]:
    """Every physical page as (page entry, part), padded to a multiple of 4 with notes pages
    placed before the closing pages (feedback, back cover) so the back cover stays last."""
    plan = [(page, part) for page in carnet.pages
            for part in range(KINDS[page.kind].parts(page, painter))]
    if len(plan) > MAX_CARNET_PAGES:  # each entry is bounded; their sum is too
        mark = carnet.locate_top("pages")
        painter.problems.append(mark.problem(
            f"the carnet would have {len(plan)} pages, more than the {MAX_CARNET_PAGES} a "
            "stapled carnet could ever hold: lower the pages of its entries"))
        return plan[:MAX_CARNET_PAGES]
    missing = -len(plan) % 4
    if missing:
        closing = len(plan)
        while closing > 0 and plan[closing - 1][0].kind in CLOSING_KINDS:
            closing -= 1
        # The padding pages look like the carnet's own notes pages: the one with id "notes",
        # else the last notes page (a page added earlier must not rename them).
        notes = [p for p in carnet.pages if isinstance(p, Notes)]
        model = next((p for p in notes if p.id == "notes"), notes[-1] if notes else None)
        title = model.title if model else "Mes notes"
        # Like the carnet's own notes page; with none to copy, the toolkit's notes pictogram.
        picto = model.picto if model else data_file(NOTES_PICTO)
        # Built from already-validated values: no validation context needed.
        pad = Notes.model_construct(id=PADDING_ID, kind="notes", title=title, picto=picto,
                                    pages=missing)
        plan[closing:closing] = [(pad, part) for part in range(missing)]
    return plan


def render_carnet(carnet: Carnet, layout: Layout, fonts: FontSet,
                  pdfx_title: str | None = None, lot: str | None = None) -> Rendered:
    """Draw every page of the carnet; RenderError lists every field that does not fit or
    cannot be printed with the font. With ``pdfx_title``, the PDF has that title and is
    identified as PDF/X-4 (output intent, XMP) as it is written. ``lot`` goes in the back
    cover's print-lot box."""
    register_fonts(fonts)
    buffer = io.BytesIO()
    # Dated the version's release day, for byte-identical rebuilds.
    canvas = fixed_canvas(buffer, carnet.released, pageCompression=1, pdfVersion=(1, 6),
                          initialFontName=fonts.regular_name)
    canvas.setTitle(pdfx_title or f"{carnet.title} {carnet.version}")
    if pdfx_title:
        identify_pdfx4(canvas, pdfx_title, carnet.released, TOOL)
    canvas.setAuthor(TOOL)
    canvas.setCreator(TOOL)
    canvas.setProducer(TOOL)
    canvas.setSubject(f"{carnet.title}, version {carnet.version[1:]}, {layout.name}")

    painter = Painter(canvas, layout, fonts, carnet)
    plan = plan_pages(carnet, painter)
    if painter.problems:
        raise RenderError(painter.problems)
    total = len(plan)
    records = []
    for number, (page, part) in enumerate(plan, start=1):
        record = PageRecord(number=number, id=page.id, kind=page.kind, part=part + 1,
                            title=page.title)
        painter.begin(record)
        kind = KINDS[page.kind]
        if kind.full_page and page.kind == "dos":
            kind.draw(page, painter, part, lot=lot)
        elif kind.full_page:
            kind.draw(page, painter, part)
        else:
            painter.header(page.id, page.title, getattr(page, "picto", None))
            painter.footer(number, total)
            kind.draw(page, painter, part, painter.inner_frame(page.title,
                                                               getattr(page, "picto", None)))
        painter.end()
        records.append(record)
    if painter.problems:
        raise RenderError(_unique(painter.problems))
    canvas.save()
    return Rendered(pdf=buffer.getvalue(), pages=records)


def _unique(items: list) -> list:
    seen, out = set(), []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out
