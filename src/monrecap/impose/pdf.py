"""pikepdf (qpdf) behind two calls: read a source PDF's pages and boxes, write sheets that
place each source page — a form XObject, embedded once — by reference.

pypdf was the first choice; it spent 9 s on 3,200 pages, mostly parsing and writing in
Python, against a target of ≥ 3× faster than pdfimpose. qpdf does the same work in C++,
which the imposition issue accepts, confined to this module.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

from ..errors import ImposeError
from ..pdffile import open_pdf, unreadable
from ..units import ranges
from .annotations import flatten_printable
from .plan import MM, Placement, SheetPlan

Box = tuple[float, float, float, float]
#: No real product has a side under 30 mm: a smaller page is a mistake in the file.
MIN_SIDE = 30 * MM


@dataclass(frozen=True)
class SourcePage:
    trim: Box
    media: Box
    bleed: float      # the smallest bleed the page has on any side


@dataclass
class Source:
    """A page PDF opened for imposition."""

    pdf: pikepdf.Pdf
    pages: list[SourcePage]
    title: str
    warnings: list[str] = field(default_factory=list)
    name: str = ""

    @property
    def page_size(self) -> tuple[float, float]:
        t = self.pages[0].trim
        return (t[2] - t[0], t[3] - t[1])

    @property
    def bleed(self) -> float:
        return min(p.bleed for p in self.pages)


def _box(array) -> Box:
    x0, y0, x1, y1 = (float(v) for v in array)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def open_source(data: bytes | Path, name: str) -> Source:
    """Read a PDF (bytes, or a file read as needed) for imposition; its printable annotations
    flattened into its pages (see annotations.py). Encrypted, damaged or empty input is an
    ImposeError."""
    pdf = open_pdf(data, name, ImposeError)
    if len(pdf.pages) == 0:
        raise ImposeError(f"{name}: the PDF has no pages")
    warnings = flatten_printable(pdf, name)
    pages = []
    sizes: dict[tuple[float, float], list[int]] = {}
    for number, page in enumerate(pdf.pages, start=1):
        try:
            source_page = _source_page(page)
        except (pikepdf.PdfError, ValueError, TypeError, AttributeError) as exc:
            raise unreadable(name, exc, f"page {number}", ImposeError) from None
        if isinstance(source_page, int):
            raise ImposeError(f"{name}: page {number} is turned by /Rotate {source_page}; "
                              "impose pages that are drawn upright")
        pages.append(source_page)
        trim = source_page.trim
        size = (round(trim[2] - trim[0], 1), round(trim[3] - trim[1], 1))
        sizes.setdefault(size, []).append(number)
    if len(sizes) > 1:
        listed = "; ".join(f"{w / 72 * 25.4:.1f} × {h / 72 * 25.4:.1f} mm on page(s) "
                           f"{ranges(nums)}" for (w, h), nums in sizes.items())
        raise ImposeError(f"{name}: mixed page sizes ({listed}); every page must have the "
                          "same trim size")
    w, h = pages[0].trim[2] - pages[0].trim[0], pages[0].trim[3] - pages[0].trim[1]
    if min(w, h) < MIN_SIDE:
        warnings.append(f"pages of {w / MM:.1f} × {h / MM:.1f} mm: smaller than any real "
                        f"product (under {MIN_SIDE / MM:.0f} mm on a side); check the file")
    try:
        title = str(pdf.docinfo.get("/Title", "")) if pdf.docinfo is not None else ""
    except (pikepdf.PdfError, ValueError):
        title = ""
    return Source(pdf, pages, title, warnings, name)


def _source_page(page: pikepdf.Page) -> SourcePage | int:
    """A page's boxes, or its /Rotate when it is turned (imposition wants upright pages)."""
    rotate = int(page.obj.get("/Rotate", 0))
    if rotate % 360:
        return rotate
    media = _box(page.mediabox)
    trim = _box(page.obj.TrimBox) if "/TrimBox" in page.obj else media
    bleed_box = _box(page.obj.BleedBox) if "/BleedBox" in page.obj else media
    bleed = max(0.0, min(trim[0] - bleed_box[0], trim[1] - bleed_box[1],
                         bleed_box[2] - trim[2], bleed_box[3] - trim[3]))
    return SourcePage(trim, media, bleed)


def _fmt(v: float) -> str:
    return f"{v:.4f}".rstrip("0").rstrip(".") or "0"


def _matrix(p: Placement, trim: Box) -> tuple[float, ...]:
    """The cm matrix that puts the source trim onto ``p.rect``, turned by ``p.rotation``."""
    x0, y0, x1, y1 = trim
    tx, ty = p.rect[0], p.rect[1]
    if p.rotation == 0:
        return (1, 0, 0, 1, tx - x0, ty - y0)
    if p.rotation == 180:
        return (-1, 0, 0, -1, tx + x1, ty + y1)  # (x0, y0) → top-right of the rect
    if p.rotation == 90:
        return (0, 1, -1, 0, tx + y1, ty - x0)
    return (0, -1, 1, 0, tx - y0, ty + x1)      # 270


def write_sheets(source: Source, plan: SheetPlan, marks: bytes | None) -> bytes:
    """The imposed PDF: one page per sheet side; each source page is a form XObject placed
    by reference; ``marks`` (one page per sheet side, or None) lies underneath."""
    out = pikepdf.new()
    forms: dict[int, pikepdf.Object] = {}
    marks_pdf = pikepdf.open(io.BytesIO(marks)) if marks else None

    def form_for(index: int) -> pikepdf.Object:
        if index not in forms:
            page = source.pdf.pages[index]
            try:
                form = page.as_form_xobject(handle_transformations=False)
                form.BBox = page.mediabox  # qpdf bounds it by the trim box: keep the bleed
                forms[index] = out.copy_foreign(form)
            except (pikepdf.PdfError, pikepdf.DependencyError, RuntimeError) as exc:
                raise unreadable(source.name, exc, f"page {index + 1}", ImposeError) from None
        return forms[index]

    sw, sh = plan.sheet
    side_index = 0
    for sheet in plan.sheets:
        for side in sheet.sides:
            if marks_pdf is not None:
                out.pages.append(marks_pdf.pages[side_index])
                page = out.pages[-1]
            else:
                page = out.add_blank_page(page_size=(sw, sh))
            side_index += 1
            ops, xobjects = [], {}
            for p in side.placements:
                if p.page is None:
                    continue
                name = f"/P{p.page + 1}"
                xobjects[name] = form_for(p.page)
                c = p.clip
                m = _matrix(p, source.pages[p.page].trim)
                ops.append(f"q {_fmt(c[0])} {_fmt(c[1])} {_fmt(c[2] - c[0])} "
                           f"{_fmt(c[3] - c[1])} re W n {' '.join(_fmt(v) for v in m)} cm "
                           f"{name} Do Q")
            _append_content(out, page, "\n".join(ops).encode(), xobjects)
            box = Array([0, 0, sw, sh])
            page.obj.MediaBox = box
            page.obj.TrimBox = box
    buffer = io.BytesIO()
    # Fixed IDs and no creation time: the same input gives the same bytes.
    out.save(buffer, compress_streams=True, deterministic_id=True,
             object_stream_mode=pikepdf.ObjectStreamMode.generate)
    out.close()
    return buffer.getvalue()


def _append_content(out: pikepdf.Pdf, page, data: bytes, xobjects: dict) -> None:
    if "/Resources" not in page.obj:
        page.obj.Resources = Dictionary()
    resources = page.obj.Resources
    if "/XObject" not in resources:
        resources.XObject = Dictionary()
    for name, form in xobjects.items():
        resources.XObject[Name(name)] = form
    page.contents_add(out.make_stream(data), prepend=False)
