"""Mark a PDF as PDF/X-4: the output intent with its embedded CMYK profile, the XMP
identification, Trapped, PDF 1.6 — the last step of every build (pikepdf)."""

from __future__ import annotations

import datetime as dt
import io

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from monrecap.colour import FOGRA39, OutputIntent
from monrecap.xmp import pdfx4_xmp as _xmp


def mark_pdfx4(data: bytes, title: str, date: dt.date, intent: OutputIntent = FOGRA39,
               producer: str = "monrecap") -> bytes:
    """The same PDF, identified as PDF/X-4 for ``intent``; deterministic for a given input."""
    pdf = pikepdf.open(io.BytesIO(data))
    version = identify_pdfx4(pdf, title, date, intent, producer)
    out = io.BytesIO()
    pdf.save(out, min_version=version, deterministic_id=True, compress_streams=True,
             object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def identify_pdfx4(pdf: pikepdf.Pdf, title: str, date: dt.date,
                   intent: OutputIntent = FOGRA39, producer: str = "monrecap") -> str:
    """Identify an open PDF as PDF/X-4 for ``intent`` (imposition calls it just before its
    save, as its ``finish``); returns the PDF version it needs."""
    stamp = dt.datetime.combine(date, dt.time(0, 0), dt.timezone.utc)
    pdf_date = stamp.strftime("D:%Y%m%d%H%M%S+00'00'")
    xmp_date = stamp.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    profile = pdf.make_stream(intent.profile.read_bytes())
    profile.N = 4
    pdf.Root.OutputIntents = Array([Dictionary(
        Type=Name.OutputIntent, S=Name.GTS_PDFX,
        OutputConditionIdentifier=String(intent.identifier),
        OutputCondition=String(intent.condition),
        RegistryName=String("http://www.color.org"),
        Info=String(intent.condition),
        DestOutputProfile=profile)])
    metadata = pdf.make_stream(_xmp(title, xmp_date, producer))
    metadata.Type = Name.Metadata
    metadata.Subtype = Name.XML
    pdf.Root.Metadata = metadata
    info = pdf.docinfo
    info.Title = String(title)
    info.Trapped = Name("/False")
    info.CreationDate = String(pdf_date)
    info.ModDate = String(pdf_date)
    info.Producer = String(producer)
    for page, media in _pages(pdf.Root.Pages):
        if "/TrimBox" not in page:
            page.TrimBox = media
        if "/BleedBox" not in page:
            page.BleedBox = media
    return "1.6"


def _pages(node, media=None, depth: int = 0):
    """Each page dictionary under a page-tree node with its MediaBox (which a page may
    inherit), read from the tree itself: ``pdf.pages`` is a list the open file made once,
    and imposition has since replaced the tree."""
    media = node.get("/MediaBox", media)
    if "/Kids" not in node:
        yield node, media
    elif depth < 32:
        for kid in node.Kids:
            yield from _pages(kid, media, depth + 1)
