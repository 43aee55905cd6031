"""pypdf behind two calls: read a source PDF's pages and boxes, write sheets that place each
source page (a form XObject, embedded once) by reference."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError, PyPdfError
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject,
                           NameObject, NumberObject, RectangleObject, StreamObject)

from ..errors import ImposeError
from .plan import Placement, SheetPlan

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class SourcePage:
    trim: Box
    media: Box
    bleed: float      # the smallest bleed the page has on any side


@dataclass
class Source:
    """A page PDF opened for imposition."""

    reader: PdfReader
    pages: list[SourcePage]
    title: str
    created: str

    @property
    def page_size(self) -> tuple[float, float]:
        t = self.pages[0].trim
        return (t[2] - t[0], t[3] - t[1])

    @property
    def bleed(self) -> float:
        return min(p.bleed for p in self.pages)


def _box(rect: RectangleObject) -> Box:
    return (float(rect.left), float(rect.bottom), float(rect.right), float(rect.top))


def open_source(data: bytes, name: str) -> Source:
    """Read a PDF for imposition; encrypted, damaged or empty input is an ImposeError."""
    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # pypdf logs repairs on stderr; the error says it better
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ImposeError(f"{name}: the PDF is encrypted; export it without a password")
        count = len(reader.pages)
    except ImposeError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise ImposeError(f"{name}: not a readable PDF ({exc})") from None
    finally:
        quiet.setLevel(level)
    if count == 0:
        raise ImposeError(f"{name}: the PDF has no pages")
    pages = []
    sizes: dict[tuple[float, float], list[int]] = {}
    for number, page in enumerate(reader.pages, start=1):
        if page.rotation % 360:
            raise ImposeError(f"{name}: page {number} is turned by /Rotate {page.rotation}; "
                              "impose pages that are drawn upright")
        media = _box(page.mediabox)
        trim = _box(page.trimbox) if "/TrimBox" in page else media
        bleed_box = _box(page.bleedbox) if "/BleedBox" in page else media
        bleed = max(0.0, min(trim[0] - bleed_box[0], trim[1] - bleed_box[1],
                             bleed_box[2] - trim[2], bleed_box[3] - trim[3]))
        pages.append(SourcePage(trim, media, bleed))
        size = (round(trim[2] - trim[0], 1), round(trim[3] - trim[1], 1))
        sizes.setdefault(size, []).append(number)
    if len(sizes) > 1:
        listed = "; ".join(f"{w / 72 * 25.4:.1f} × {h / 72 * 25.4:.1f} mm on page(s) "
                           f"{_ranges(nums)}" for (w, h), nums in sizes.items())
        raise ImposeError(f"{name}: mixed page sizes ({listed}); every page must have the "
                          "same trim size")
    meta = reader.metadata or {}
    return Source(reader, pages, str(meta.get("/Title") or ""),
                  str(meta.get("/CreationDate") or ""))


def _ranges(numbers: list[int]) -> str:
    """1, 2, 3, 7 → '1–3, 7'."""
    out, start = [], numbers[0]
    for prev, cur in zip(numbers, numbers[1:] + [None]):
        if cur != prev + 1:
            out.append(f"{start}–{prev}" if prev != start else str(start))
            start = cur
    return ", ".join(out)


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
    writer = PdfWriter()
    forms: dict[int, object] = {}
    marks_reader = PdfReader(io.BytesIO(marks)) if marks else None

    def form_for(index: int):
        if index not in forms:
            page = source.reader.pages[index]
            contents = page.get_contents()  # a ContentStream is falsy: compare with None
            data = contents.get_data() if contents is not None else b""
            form = _compressed(data)
            form.update({
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Form"),
                NameObject("/BBox"): ArrayObject(FloatObject(v) for v in source.pages[index].media),
            })
            resources = page.get("/Resources")
            if resources is not None:
                form[NameObject("/Resources")] = resources.get_object().clone(writer)
            forms[index] = writer._add_object(form)
        return forms[index]

    side_index = 0
    sw, sh = plan.sheet
    for sheet in plan.sheets:
        for side in sheet.sides:
            if marks_reader is not None:
                page = writer.add_page(marks_reader.pages[side_index])
            else:
                page = writer.add_blank_page(sw, sh)
            side_index += 1
            ops, xobjects = [], DictionaryObject()
            for p in side.placements:
                if p.page is None:
                    continue
                name = f"/P{p.page + 1}"
                xobjects[NameObject(name)] = form_for(p.page)
                c = p.clip
                m = _matrix(p, source.pages[p.page].trim)
                ops.append(f"q {_fmt(c[0])} {_fmt(c[1])} {_fmt(c[2] - c[0])} "
                           f"{_fmt(c[3] - c[1])} re W n {' '.join(_fmt(v) for v in m)} cm "
                           f"{name} Do Q")
            _append_content(writer, page, "\n".join(ops).encode(), xobjects)
            page[NameObject("/TrimBox")] = ArrayObject(FloatObject(v) for v in (0, 0, sw, sh))
            page[NameObject("/MediaBox")] = ArrayObject(FloatObject(v) for v in (0, 0, sw, sh))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _compressed(data: bytes) -> StreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream.flate_encode(level=6)


def _append_content(writer: PdfWriter, page, data: bytes, xobjects: DictionaryObject) -> None:
    ref = writer._add_object(_compressed(data))
    existing = page.get("/Contents")
    if existing is None:
        page[NameObject("/Contents")] = ref
    else:
        # Marks first: q/Q keep their graphics state from leaking into the placements.
        parts = existing.get_object()
        parts = list(parts) if isinstance(parts, ArrayObject) else [existing]
        page[NameObject("/Contents")] = ArrayObject(parts + [ref])
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else DictionaryObject()
    page[NameObject("/Resources")] = resources
    current = resources.get("/XObject")
    current = current.get_object() if current is not None else DictionaryObject()
    current.update(xobjects)
    resources[NameObject("/XObject")] = current
