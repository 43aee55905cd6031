"""Annotations of a source PDF before imposition: what prints (filled form fields, checkboxes,
stamps, signature appearances — print flag set, not hidden) is flattened into the page;
the rest (links, comments) is dropped, and the user is told how many.

A placed page is a form XObject made of the page's content streams only: annotations are not
part of it, so without this step whatever a form filler typed would vanish from the sheets.
"""

from __future__ import annotations

import pikepdf

from monrecap.errors import ImposeError
from monrecap.pdffile import reason
from monrecap.plural import count

# Annotation flags (PDF 32000-1, 12.5.3).
INVISIBLE, HIDDEN, PRINT = 1, 2, 4
#: Never drawn without an appearance stream, print flag or not.
NEVER_DRAWN = ("/Popup", "/Link")


def _printable(annot: pikepdf.Object) -> bool:
    flags = int(annot.get("/F", 0))
    return bool(flags & PRINT) and not flags & (HIDDEN | INVISIBLE)


def _has_appearance(annot: pikepdf.Object) -> bool:
    appearance = annot.get("/AP")
    return isinstance(appearance, pikepdf.Dictionary) and "/N" in appearance


def _label(annot: pikepdf.Object) -> str:
    """``Widget 'name'`` (a form field's name, its own or its parent's), else the subtype."""
    subtype = str(annot.get("/Subtype", "/Annot"))[1:]
    parent = annot.get("/Parent")
    field = annot.get("/T")
    if field is None and isinstance(parent, pikepdf.Dictionary):
        field = parent.get("/T")
    return f"{subtype} '{field}'" if field is not None else subtype


def flatten_printable(pdf: pikepdf.Pdf, name: str) -> list[str]:
    """Flatten every printable annotation of ``pdf`` into its page (in place); the warnings
    to show: how many non-printing annotations are dropped, and printable ones that have
    nothing to print. An appearance that cannot be flattened is an ImposeError naming the page
    and the annotation."""
    dropped, blank, printable = 0, [], 0
    try:
        form = pdf.Root.get("/AcroForm")
        if isinstance(form, pikepdf.Dictionary) and form.get("/NeedAppearances", False):
            pdf.generate_appearance_streams()  # the viewer was to draw filled fields
        for number, page in enumerate(pdf.pages, start=1):
            annots = page.obj.get("/Annots")
            if not isinstance(annots, pikepdf.Array):
                continue
            for annot in annots:
                if not isinstance(annot, pikepdf.Dictionary) or not _printable(annot):
                    dropped += 1
                elif not _has_appearance(annot):
                    if annot.get("/Subtype") in NEVER_DRAWN:
                        dropped += 1
                        continue
                    blank.append(f"page {number} {_label(annot)}")
                else:
                    printable += 1
    except (pikepdf.PdfError, ValueError, TypeError, RuntimeError) as exc:
        raise ImposeError(f"{name}: the annotations cannot be read ({reason(exc)}); print the "
                          "PDF to a new PDF (flattening its forms) and impose that") from None
    if printable:
        _flatten(pdf, name)
    warnings = []
    if dropped:
        warnings.append(f"{count(dropped, 'non-printing annotation', lang='en')} (links, comments) "
                        "left out of the sheets")
    if blank:
        shown = ", ".join(blank[:3]) + (f" and {len(blank) - 3} more" if len(blank) > 3 else "")
        warnings.append(f"{count(len(blank), 'printable annotation', lang='en')} without an "
                        f"appearance left out (nothing to print): {shown}")
    return warnings


def _flatten(pdf: pikepdf.Pdf, name: str) -> None:
    """qpdf's flattening in print mode; a failure names the first printable annotation left
    on a page."""
    try:
        pdf.flatten_annotations("print")
    except (pikepdf.PdfError, ValueError, RuntimeError) as exc:
        for number, page in enumerate(pdf.pages, start=1):
            for annot in page.obj.get("/Annots", None) or []:
                if isinstance(annot, pikepdf.Dictionary) and _printable(annot):
                    raise ImposeError(
                        f"{name}: page {number}: the printable {_label(annot)} cannot be "
                        f"flattened onto the page ({reason(exc)}); print the PDF to a new PDF "
                        "and impose that") from None
        raise ImposeError(f"{name}: the printable annotations cannot be flattened "
                          f"({reason(exc)})") from None
