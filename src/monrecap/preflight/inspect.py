"""Read what a PDF puts on its pages (pikepdf): boxes, fonts, colour spaces, text sizes and
colours, line weights, placed images — walking every content stream that prints (pages, form
XObjects, tiling patterns, Type 3 glyphs, soft masks, printable annotations' appearances) with
the graphics state, as a print shop's preflight does; shadings give their colour spaces.
Here the file and its pages; walker.py walks the streams, facts.py holds what they give."""

from __future__ import annotations

from pathlib import Path

import pikepdf

from monrecap.errors import PreflightError
from monrecap.pdffile import open_pdf, unreadable
from monrecap.preflight.facts import DocFacts, PageFacts
from monrecap.preflight.lookups import IDENTITY, _box, printable_appearance
from monrecap.preflight.walker import Walker
from monrecap.progress import tick


def inspect_pdf(source: Path | bytes, deep: bool = True, name: str = "the PDF") -> DocFacts:
    """Everything the rules look at, page by page (``deep``: inside placed forms too);
    ``name`` is the file as errors show it."""
    pdf = open_pdf(source, name, PreflightError)
    _draw_form_fields(pdf)
    pages, parsed = [], {}
    total = len(pdf.pages)
    for number, page in enumerate(pdf.pages, start=1):
        tick("inspecting pages", number, total)
        try:
            pages.append(_inspect_page(page, number, deep, parsed))
        except (pikepdf.PdfError, pikepdf.DependencyError, ValueError, TypeError,
                AttributeError, RuntimeError) as exc:
            raise unreadable(name, exc, f"page {number}", PreflightError) from None
    try:
        return _doc_facts(pdf, pages)
    except (pikepdf.PdfError, ValueError, TypeError, AttributeError, RuntimeError) as exc:
        raise unreadable(name, exc, "document catalog", PreflightError) from None


def _draw_form_fields(pdf: pikepdf.Pdf) -> None:
    """Draw (in memory) the field appearances a form leaves to the viewer, as `impose` does
    before flattening: what they print is checked like the rest."""
    try:
        form = pdf.Root.get("/AcroForm")
        if isinstance(form, pikepdf.Dictionary) and form.get("/NeedAppearances", False):
            pdf.generate_appearance_streams()
    except (pikepdf.PdfError, ValueError, TypeError, RuntimeError):
        pass  # the appearances already there are checked; impose reports its own failure


def _rotation(obj) -> int:
    """A page's /Rotate, its own or inherited; not a multiple of 90: none, as viewers do."""
    node, depth = obj, 0
    while isinstance(node, pikepdf.Dictionary) and depth < 64:
        if "/Rotate" in node:
            try:
                value = int(node.Rotate)
            except (TypeError, ValueError):
                return 0
            return value % 360 if value % 90 == 0 else 0
        node, depth = node.get("/Parent"), depth + 1
    return 0


def _inspect_page(page: pikepdf.Page, number: int, deep: bool, parsed: dict) -> PageFacts:
    obj = page.obj
    media = _box(page.mediabox)
    facts = PageFacts(number, media,
                      _box(obj.BleedBox) if "/BleedBox" in obj else media,
                      _box(obj.TrimBox) if "/TrimBox" in obj else media)
    facts.rotate = _rotation(obj)
    walker = Walker(facts, deep, parsed)
    walker.walk(page, obj.get("/Resources"), IDENTITY)
    annots = obj.get("/Annots")
    for annot in annots if isinstance(annots, pikepdf.Array) else []:
        if isinstance(annot, pikepdf.Dictionary) and "/Rect" in annot:
            facts.annotations.append(_box(annot.Rect))
        appearance = printable_appearance(annot)
        if appearance is not None:  # what a printer draws of it: a stamp, a filled field
            stream, matrix = appearance
            walker.walk(stream, stream.get("/Resources"), matrix, 1)
    return facts


def _xmp(root) -> str:
    """The XMP packet; a damaged metadata stream (a bad ASCII85 filter…) reads as none."""
    try:
        return root.Metadata.read_bytes().decode("utf-8", "replace") if "/Metadata" in root \
            else ""
    except (pikepdf.PdfError, pikepdf.DependencyError, AttributeError):
        return ""


def _doc_facts(pdf: pikepdf.Pdf, pages: list[PageFacts]) -> DocFacts:
    root = pdf.Root
    names = root.get("/Names")
    javascript = "/OpenAction" in root and "/JS" in str(root.OpenAction) or \
        (names is not None and "/JavaScript" in names)
    info = {str(k)[1:]: str(v) for k, v in pdf.docinfo.items()} if pdf.docinfo else {}
    xmp = _xmp(root)
    intents = []
    for intent in root.get("/OutputIntents", []) or []:
        profile = intent.get("/DestOutputProfile")
        intents.append({"S": str(intent.get("/S", "")),
                        "identifier": str(intent.get("/OutputConditionIdentifier", "")),
                        "profile_n": int(profile.get("/N", 0)) if profile is not None else 0})
    return DocFacts(pages, str(pdf.pdf_version), pdf.is_encrypted, bool(javascript),
                    "/ID" in pdf.trailer, info, xmp, intents)
