"""PDF/X-4 identification written by ReportLab itself: the output intent with its embedded
CMYK profile and the XMP packet go into the catalog as the page PDF is written, so that a
page-only build never loads pikepdf to rewrite the file (preflight/pdfx.py does the same for
imposed sheets and anyone's PDF). Info's Title, dates, Producer and Trapped (False) and the
trailer ID are ReportLab's own."""

from __future__ import annotations

import datetime as dt

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFCatalog,
    PDFDictionary,
    PDFName,
    PDFStream,
    PDFString,
    PDFZCompress,
)
from reportlab.pdfgen.canvas import Canvas

from monrecap.colour import FOGRA39, OutputIntent
from monrecap.xmp import pdfx4_xmp


def identify_pdfx4(canvas: Canvas, title: str, date: dt.date, producer: str,
                   intent: OutputIntent = FOGRA39) -> None:
    """Add the output intent and the XMP identification to the canvas's catalog."""
    stamp = dt.datetime.combine(date, dt.time(0, 0), dt.timezone.utc)
    profile = PDFStream(PDFDictionary({"N": 4}), intent.profile.read_bytes(), [PDFZCompress])
    outputs = PDFDictionary({
        "Type": PDFName("OutputIntent"), "S": PDFName("GTS_PDFX"),
        "OutputConditionIdentifier": PDFString(intent.identifier),
        "OutputCondition": PDFString(intent.condition),
        "RegistryName": PDFString("http://www.color.org"),
        "Info": PDFString(intent.condition),
        "DestOutputProfile": canvas._doc.Reference(profile)})
    xmp = pdfx4_xmp(title, stamp.strftime("%Y-%m-%dT%H:%M:%S+00:00"), producer)
    metadata = PDFStream(PDFDictionary({"Type": PDFName("Metadata"),
                                        "Subtype": PDFName("XML")}), xmp)
    catalog = canvas._doc.Catalog
    # OutputIntents is not among the catalog keys ReportLab writes: extend this catalog's.
    catalog.__NoDefault__ = [*PDFCatalog.__NoDefault__, "OutputIntents"]
    catalog.OutputIntents = PDFArray([outputs])
    catalog.Metadata = canvas._doc.Reference(metadata)
