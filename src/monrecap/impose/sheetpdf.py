"""pikepdf (qpdf) behind two calls: read a source PDF's pages and boxes, write sheets that
place each source page — a form XObject, embedded once — by reference.

pypdf was the first choice; it spent 9 s on 3,200 pages, mostly parsing and writing in
Python, against a target of ≥ 3× faster than pdfimpose. qpdf does the same work in C++,
which the imposition issue accepts, confined to this module.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

from monrecap.errors import ImposeError
from monrecap.impose.annotations import flatten_printable
from monrecap.impose.marks import MarksLayout, SideMarks, fmt, layout_stream, slug_stream
from monrecap.impose.sheetplan import MM, Placement, SheetPlan
from monrecap.impose.slugfont import TrueType, font_dictionary
from monrecap.pdffile import ADVICE, open_pdf, unreadable
from monrecap.progress import tick
from monrecap.units import ranges

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
            _upright(pdf, page)
            source_page = _source_page(page)
        except (pikepdf.PdfError, ValueError, TypeError, AttributeError) as exc:
            raise unreadable(name, exc, f"page {number}", ImposeError) from None
        pages.append(source_page)
        trim = source_page.trim
        size = (round(trim[2] - trim[0], 1), round(trim[3] - trim[1], 1))
        sizes.setdefault(size, []).append(number)
    if len(sizes) > 1:
        listed = "; ".join(f"{w / 72 * 25.4:.1f} × {h / 72 * 25.4:.1f} mm on "
                           f"{'page' if len(nums) == 1 else 'pages'} {ranges(nums)}"
                           for (w, h), nums in sizes.items())
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


def _rotation(page: pikepdf.Page) -> int:
    """The page's /Rotate, its own or inherited from the page tree, in 0, 90, 180, 270 (a
    value that is not a multiple of 90 is ignored, as viewers do)."""
    node, depth = page.obj, 0
    while node is not None and depth < 64:
        if "/Rotate" in node:
            value = int(node.Rotate)
            return value % 360 if value % 90 == 0 else 0
        node, depth = node.get("/Parent"), depth + 1
    return 0


def _turn_matrix(rotate: int, media: Box) -> tuple[float, ...]:
    """The cm that draws a page turned by /Rotate upright, its MediaBox's corner at 0, 0.

    >>> _turn_matrix(90, (0, 0, 100, 200))
    (0, -1, 1, 0, 0, 100)
    >>> _turn_matrix(270, (0, 0, 100, 200))
    (0, 1, -1, 0, 200, 0)
    """
    x0, y0, x1, y1 = media
    return {90: (0, -1, 1, 0, -y0, x1), 180: (-1, 0, 0, -1, x1, y1),
            270: (0, 1, -1, 0, y1, -x0)}[rotate]


def _upright(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
    """A page turned by /Rotate becomes the upright page a viewer shows: its drawing turned
    by a cm, its boxes turned with it, /Rotate 0."""
    rotate = _rotation(page)
    if not rotate:
        return  # a form XObject ignores /Rotate: an upright page is placed as it is
    matrix = _turn_matrix(rotate, _box(page.mediabox))
    a, b, c, d, e, f = matrix

    def turned(box) -> pikepdf.Array:
        x0, y0, x1, y1 = _box(box)
        xs = [a * x + c * y + e for x, y in ((x0, y0), (x1, y1))]
        ys = [b * x + d * y + f for x, y in ((x0, y0), (x1, y1))]
        return pikepdf.Array([min(xs), min(ys), max(xs), max(ys)])

    for key in ("/CropBox", "/TrimBox", "/BleedBox", "/ArtBox"):
        if key in page.obj:
            page.obj[key] = turned(page.obj[key])
    page.obj.MediaBox = turned(page.mediabox)
    page.contents_add(pikepdf.Stream(pdf, b"q " + " ".join(
        f"{v:g}" for v in matrix).encode() + b" cm\n"), prepend=True)
    page.contents_add(pikepdf.Stream(pdf, b"\nQ"))
    page.obj.Rotate = 0


def _source_page(page: pikepdf.Page) -> SourcePage:
    """A page's boxes (upright: see _upright)."""
    media = _box(page.mediabox)
    trim = _box(page.obj.TrimBox) if "/TrimBox" in page.obj else media
    bleed_box = _box(page.obj.BleedBox) if "/BleedBox" in page.obj else media
    bleed = max(0.0, min(trim[0] - bleed_box[0], trim[1] - bleed_box[1],
                         bleed_box[2] - trim[2], bleed_box[3] - trim[3]))
    return SourcePage(trim, media, bleed)


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


def page_forms(source: Source) -> list[pikepdf.Object]:
    """Every source page as a form XObject of the source PDF itself, nothing copied: a
    page's single content stream becomes its form (its compressed bytes are written as they
    are); a page with several streams, or sharing its stream, goes through qpdf."""
    forms, seen = [], set()
    for page, facts in zip(source.pdf.pages, source.pages):
        contents = page.obj.get("/Contents")
        resources = page.obj.get("/Resources")
        if (isinstance(contents, pikepdf.Stream) and resources is not None
                and contents.objgen not in seen and contents.objgen != (0, 0)):
            seen.add(contents.objgen)
            try:  # a stream that does not decode would print as garbage, or not at all
                contents.read_bytes()
            except (pikepdf.PdfError, pikepdf.DependencyError, RuntimeError):
                raise ImposeError(f"{source.name}: page {len(forms) + 1}: its drawing "
                                  f"instructions are damaged; {ADVICE}") from None
            form = contents
            form.Type, form.Subtype = Name.XObject, Name.Form
            form.Resources = resources
            if "/Group" in page.obj:
                form.Group = page.obj.Group
        else:
            try:
                form = source.pdf.make_indirect(
                    page.as_form_xobject(handle_transformations=False))
            except (pikepdf.PdfError, pikepdf.DependencyError, RuntimeError) as exc:
                raise unreadable(source.name, exc, f"page {len(forms) + 1}",
                                 ImposeError) from None
        form.BBox = Array(list(facts.media))  # the whole page: keep the bleed
        forms.append(form)
    return forms


#: A last step on the imposed PDF before it is saved (the build's PDF/X-4 identification):
#: it changes the open file and returns the lowest PDF version the result needs, or None.
Finish = Callable[[pikepdf.Pdf], "str | None"]


def write_sheets(source: Source, plan: SheetPlan, marks: list[SideMarks] | None = None,
                 font: TrueType | None = None, finish: Finish | None = None) -> bytes:
    """The imposed PDF: one page per sheet side; each source page is a form XObject placed
    by reference. ``marks`` (one per sheet side, or None) lie underneath: each distinct
    layout is one form XObject shared by every side that has it, and only the slug line is
    written per side, in ``font`` (embedded once).

    The sheets are written into the source PDF itself (its pages become forms, its page tree
    and catalog are replaced): copying 3,200 pages into a new file cost more than the rest
    of the imposition. ``source`` is used up. ``finish`` runs just before the one save.
    """
    out = source.pdf
    forms = page_forms(source)
    layouts: dict[MarksLayout, tuple[str, pikepdf.Object]] = {}
    slug_font = None
    if marks and font is not None and any(m.slug for m in marks):
        slug_font = font_dictionary(out, font, set("".join(m.slug[2] for m in marks if m.slug)))

    def marks_form(layout: MarksLayout) -> tuple[str, pikepdf.Object]:
        if layout not in layouts:
            form = out.make_stream(layout_stream(layout), Type=Name.XObject,
                                   Subtype=Name.Form, BBox=Array([0, 0, *layout.sheet]),
                                   Resources=Dictionary())
            layouts[layout] = (f"/M{len(layouts) + 1}", form)
        return layouts[layout]

    tree = out.make_indirect(Dictionary(Type=Name.Pages))
    kids = []
    sw, sh = plan.sheet
    box = Array([0, 0, sw, sh])
    side_index = 0
    for done, sheet in enumerate(plan.sheets, start=1):
        tick("writing sheets", done, len(plan.sheets))
        for side in sheet.sides:
            ops, xobjects, fonts = [], Dictionary(), Dictionary()
            if marks is not None:
                m = marks[side_index]
                if not m.layout.empty:
                    name, form = marks_form(m.layout)
                    xobjects[name] = form
                    ops.append(f"q {name} Do Q")
                if m.slug and slug_font is not None:
                    fonts.F1 = slug_font
                    ops.append(slug_stream(m.slug, "F1", font.glyphs(m.slug[2])))
            side_index += 1
            for p in side.placements:
                if p.page is None:
                    continue
                name = f"/P{p.page + 1}"
                xobjects[name] = forms[p.page]
                c = p.clip
                matrix = _matrix(p, source.pages[p.page].trim)
                ops.append(f"q {fmt(c[0])} {fmt(c[1])} {fmt(c[2] - c[0])} "
                           f"{fmt(c[3] - c[1])} re W n {' '.join(fmt(v) for v in matrix)} cm "
                           f"{name} Do Q")
            resources = Dictionary(XObject=xobjects)
            if fonts:
                resources.Font = fonts
            kids.append(out.make_indirect(Dictionary(
                Type=Name.Page, Parent=tree, MediaBox=box, TrimBox=box, Resources=resources,
                Contents=out.make_stream("\n".join(ops).encode()))))
    tree.Kids, tree.Count = Array(kids), len(kids)
    # A new catalog but for the page tree: the source's outlines, structure, forms and
    # output intents describe pages that are gone; its document info goes too.
    for key in list(out.Root.keys()):
        if key not in ("/Type", "/Pages"):
            del out.Root[key]
    out.Root.Pages = tree
    if "/Info" in out.trailer:
        del out.trailer.Info
    version = finish(out) if finish is not None else None
    buffer = io.BytesIO()
    # Fixed IDs and no creation time: the same input gives the same bytes.
    try:
        with warnings.catch_warnings():
            # The source's old pages (and their widgets) are gone with its form: nothing to say.
            warnings.simplefilter("ignore", pikepdf.PageCopyWarning if hasattr(
                pikepdf, "PageCopyWarning") else UserWarning)
            out.save(buffer, compress_streams=True, deterministic_id=True,
                     object_stream_mode=pikepdf.ObjectStreamMode.generate,
                     **({"min_version": version} if version else {}))
    except (pikepdf.PdfError, pikepdf.DependencyError, RuntimeError) as exc:
        raise unreadable(source.name, exc, "", ImposeError) from None
    finally:
        out.close()
    return buffer.getvalue()
