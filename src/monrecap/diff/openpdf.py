"""Opening the PDFs of a diff with pypdfium2: one clear message per kind of trouble (what is
wrong with the file and what the user can do), never a library's own words."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from monrecap.errors import MonrecapError, encrypted_pdf

MM = 72 / 25.4
MAX_SIDE_PT = 14_400      # PDF's own limit for a page side (5.08 m)
MAX_PIXELS = 16_000_000   # one rasterised page (48 MB); larger pages: a lower dpi (A0 fits)


class DiffError(MonrecapError):
    """Raised by the diff when a PDF cannot be read."""


def open_pdf(path: Path) -> pdfium.PdfDocument:
    """The document, or a DiffError saying what to do; opens what opens without a password
    (files with only an owner password, or only an encrypted attachment)."""
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise encrypted_pdf(path) from None
        if code == pdfium_c.FPDF_ERR_FILE:
            raise DiffError(f"{path}: cannot be opened; check that the file exists and that "
                            "you may read it") from None
        raise DiffError(f"{path}: not a PDF, or too damaged to read; check it with "
                        f"`qpdf --check {path}`, or export it again from the program that "
                        "made it") from None
    except OSError as exc:
        raise DiffError(f"{path}: cannot be read ({exc.strerror or 'input/output error'})"
                        ) from None
    if len(doc) == 0:
        doc.close()
        raise DiffError(f"{path}: no page can be read (its page tree is empty or damaged); "
                        f"repair it with `qpdf {path} repaired.pdf`, or export it again")
    return doc


def _damaged(path: Path, index: int) -> DiffError:
    return DiffError(f"{path}: page {index + 1} cannot be read (damaged page tree or "
                     f"contents); repair it with `qpdf {path} repaired.pdf`, or export it "
                     "again")


def get_page(doc: pdfium.PdfDocument, path: Path, index: int):
    """One page, checked: readable, and of a size a page can have."""
    try:
        page = doc[index]
        width, height = page.get_size()
    except (pdfium.PdfiumError, IndexError):
        raise _damaged(path, index) from None
    if not (0 < width <= MAX_SIDE_PT and 0 < height <= MAX_SIDE_PT):
        raise DiffError(f"{path}: page {index + 1} is {width / MM:,.0f} × {height / MM:,.0f} "
                        f"mm ({width:,.0f} × {height:,.0f} pt); a PDF page is at most "
                        f"{MAX_SIDE_PT / MM:,.0f} mm a side: fix its MediaBox, or export it "
                        "again")
    return page


def safe_dpi(page, dpi: float) -> float:
    """The comparison resolution, lowered for very large pages so that one page fits in
    MAX_PIXELS (a poster is compared more coarsely rather than not at all)."""
    width, height = page.get_size()
    pixels = width * height * (dpi / 72) ** 2
    return dpi if pixels <= MAX_PIXELS else dpi * (MAX_PIXELS / pixels) ** 0.5


def render(page, path: Path, index: int, **options):
    """Rasterise, with pdfium's failures (and running out of memory) said plainly."""
    try:
        return page.render(**options)
    except pdfium.PdfiumError:
        raise _damaged(path, index) from None
    except MemoryError:
        raise DiffError(f"{path}: page {index + 1} is too large to rasterise in the memory "
                        "available; compare at a lower --dpi") from None
