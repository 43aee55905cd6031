"""Visual diff of two PDFs with pypdfium2 and numpy: page pairs aligned by page id (our builds)
or by text (any PDF), changed regions in millimetres, streamed one pair at a time."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium

from monrecap.diff.align import THUMB, Pair, align_features, needs_pictures, page_features
from monrecap.diff.openpdf import MM, get_page, open_pdf, render, safe_dpi

CELL_MM = 1.0         # changes are counted on a 1 mm grid
PIXEL_DELTA = 48      # a channel must move this much: anti-aliasing moves less
CELL_PIXELS = 3       # changed pixels a grid cell needs to count as changed, at 150 dpi
GRID_DPI = 100        # what the 1 mm grid needs: ≈ 4 pixels a millimetre, a hairline moves
                      # a pixel by more than PIXEL_DELTA


@dataclass(frozen=True)
class Region:
    """A changed area, in mm from the trim's bottom-left."""

    x: float
    y: float
    w: float
    h: float
    area: float  # mm² of changed cells inside the box

    def overlaps(self, box: tuple[float, float, float, float], margin: float = 0.5) -> bool:
        bx, by, bw, bh = box
        return not (self.x + self.w < bx - margin or bx + bw < self.x - margin or
                    self.y + self.h < by - margin or by + bh < self.y - margin)


@dataclass
class PageComparison:
    pair: Pair
    regions: list[Region]
    geometry: str | None        # what differs in the page boxes, if anything
    colour_only: bool
    digits: list[tuple[float, float, float, float]] = None  # digit boxes (mm), both pages
    old_image: object = None    # PIL images at report resolution, when asked for
    new_image: object = None
    note: str = ""              # how it was compared, when not as asked (a very large page)


def align_pdfs(old: pdfium.PdfDocument, new: pdfium.PdfDocument, old_path: Path,
               new_path: Path) -> list[Pair]:
    """Pair the pages of two PDFs by their text, numbers and, when the text cannot tell pages
    apart, small pictures of them (see align.py)."""
    sides = []
    for doc, path in ((old, old_path), (new, new_path)):
        sides.append([page_features(_page_text(doc, path, i)) for i in range(len(doc))])
    if needs_pictures(*sides):
        for doc, path, features in ((old, old_path, sides[0]), (new, new_path, sides[1])):
            for i, f in enumerate(features):
                f.picture = _thumbnail(doc, path, i)
    return align_features(*sides)


def _page_text(doc, path: Path, index: int) -> str:
    try:
        return get_page(doc, path, index).get_textpage().get_text_range()
    except pdfium.PdfiumError:
        return ""  # no text layer pdfium can read: the picture decides


def _thumbnail(doc, path: Path, index: int) -> np.ndarray:
    from PIL import Image

    page = get_page(doc, path, index)
    width, height = page.get_size()
    scale = min(THUMB[0] * 2 / max(width, 1), THUMB[1] * 2 / max(height, 1))
    image = render(page, path, index, scale=scale, grayscale=True).to_pil().convert("L")
    image = image.resize(THUMB, Image.Resampling.BOX)
    return 1.0 - np.asarray(image, dtype=np.float32) / 255.0


def _trim_in_crop(page) -> tuple[float, float, float, float, float]:
    """The trim box in the coordinates of what pdfium renders (the crop box, origin at its
    corner), clipped to it, and the crop box's height: files from elsewhere set a crop box
    that is not the media box, or a trim box outside it."""
    c0, c1, c2, c3 = page.get_cropbox()
    t0, t1, t2, t3 = page.get_trimbox()
    x0, y0 = max(t0, c0) - c0, max(t1, c1) - c1
    x1, y1 = max(min(t2, c2) - c0, x0 + 1), max(min(t3, c3) - c1, y0 + 1)
    return _turned(x0, y0, x1, y1, c2 - c0, c3 - c1, page.get_rotation() % 360)


def _turned(x0, y0, x1, y1, w, h, rotate: int) -> tuple[float, float, float, float, float]:
    """A rectangle of a ``w`` × ``h`` page in the coordinates of the page as a viewer shows it
    (turned clockwise by /Rotate, as pdfium renders it), and the shown page's height.

    >>> _turned(10, 20, 30, 60, 100, 200, 90)
    (20, 70, 60, 90, 100)
    """
    if rotate == 90:
        return y0, w - x1, y1, w - x0, w
    if rotate == 180:
        return w - x1, h - y1, w - x0, h - y0, h
    if rotate == 270:
        return h - y1, x0, h - y0, x1, w
    return x0, y0, x1, y1, h


def _shown(box, rotate: int) -> tuple[float, float]:
    """Width and height of a box as a viewer shows it."""
    w, h = box[2] - box[0], box[3] - box[1]
    return (h, w) if rotate % 180 == 90 else (w, h)


def _trimmed(pixels: np.ndarray, page, dpi: float) -> np.ndarray:
    s = dpi / 72
    x0, y0, x1, y1, height = _trim_in_crop(page)
    top = max(0, int(round((height - y1) * s)))
    return pixels[top:top + max(1, int(round((y1 - y0) * s))),
                  int(round(x0 * s)):max(int(round(x0 * s)) + 1, int(round(x1 * s)))]


@dataclass(frozen=True)
class Docs:
    """The two open documents and their paths (for messages)."""

    old: pdfium.PdfDocument
    new: pdfium.PdfDocument
    old_path: Path
    new_path: Path


def compare_pages(docs: Docs, pair: Pair, dpi: float = GRID_DPI, keep_images: float | None = None,
                  digits: bool = False, same_drawing: bool = False) -> PageComparison:
    """Rasterise both pages and find what changed, on a 1 mm grid; ``same_drawing``: the
    pages' drawing operators and resources are the same (streams.py), nothing to rasterise."""
    if pair.old is None or pair.new is None:
        comparison = PageComparison(pair, [], None, False)
        if keep_images:
            comparison.old_image = _image(docs.old, docs.old_path, pair.old, keep_images)
            comparison.new_image = _image(docs.new, docs.new_path, pair.new, keep_images)
        return comparison
    po = get_page(docs.old, docs.old_path, pair.old)
    pn = get_page(docs.new, docs.new_path, pair.new)
    geometry = None
    ro, rn = po.get_rotation() % 360, pn.get_rotation() % 360
    so, sn = _shown(po.get_trimbox(), ro), _shown(pn.get_trimbox(), rn)
    if abs(so[0] - sn[0]) > 0.1 or abs(so[1] - sn[1]) > 0.1:
        geometry = (f"trim {so[0] / MM:.1f} × {so[1] / MM:.1f} mm → "
                    f"{sn[0] / MM:.1f} × {sn[1] / MM:.1f} mm")
    elif ro == rn and any(abs(a - b) > 0.1 for a, b in zip(po.get_mediabox(),
                                                          pn.get_mediabox())):
        geometry = "media box (bleed) changed"
    elif ro != rn and any(abs(a - b) > 0.1 for a, b in zip(_shown(po.get_mediabox(), ro),
                                                          _shown(pn.get_mediabox(), rn))):
        geometry = "media box (bleed) changed"
    if same_drawing and not geometry:
        return PageComparison(pair, [], None, False)
    asked, dpi = dpi, min(safe_dpi(po, dpi), safe_dpi(pn, dpi))
    note = f"compared at {dpi:.0f} dpi, not {asked:.0f}: the page is too large to rasterise " \
        "finely" if dpi < asked else ""
    a = _trimmed(render(po, docs.old_path, pair.old, scale=dpi / 72).to_numpy(), po, dpi)
    b = _trimmed(render(pn, docs.new_path, pair.new, scale=dpi / 72).to_numpy(), pn, dpi)
    h, w = min(a.shape[0], b.shape[0]), min(a.shape[1], b.shape[1])
    if h == 0 or w == 0:  # a page with nothing to draw in its trim: compare its geometry only
        return PageComparison(pair, [], geometry, False, note=note)
    a, b = a[:h, :w], b[:h, :w]
    box = _differing_box(a, b)
    if box is None:
        return PageComparison(pair, [], geometry, False, note=note)
    changed = np.zeros((h, w), dtype=bool)
    (y0, y1), (x0, x1) = box
    sa, sb = a[y0:y1, x0:x1], b[y0:y1, x0:x1]
    delta = np.maximum(sa, sb) - np.minimum(sa, sb)   # |a − b| without leaving uint8
    changed[y0:y1, x0:x1] = (delta > PIXEL_DELTA).any(axis=2)
    regions = _regions(changed, dpi)
    colour_only = False
    if regions:
        # Colour only: the changed pixels keep their lightness.
        sa = a[changed].astype(np.int16).mean(axis=1)
        sb = b[changed].astype(np.int16).mean(axis=1)
        colour_only = bool((np.abs(sa - sb) > PIXEL_DELTA / 2).sum() <= changed.sum() / 4)
    comparison = PageComparison(pair, regions, geometry, colour_only, note=note)
    if regions and digits:
        comparison.digits = (_digit_boxes(po, po.get_trimbox())
                             + _digit_boxes(pn, pn.get_trimbox()))
    if keep_images and (regions or geometry):
        comparison.old_image = _image(docs.old, docs.old_path, pair.old, keep_images)
        comparison.new_image = _image(docs.new, docs.new_path, pair.new, keep_images)
    return comparison


def _differing_box(a: np.ndarray, b: np.ndarray):
    """The rows and columns where two pictures differ at all, or None: the full-resolution
    work is then done on that box only (a page number is a few square millimetres)."""
    h, w = a.shape[:2]
    rows = np.nonzero((a.reshape(h, -1) != b.reshape(h, -1)).any(axis=1))[0]
    if not len(rows):
        return None
    y0, y1 = int(rows[0]), int(rows[-1]) + 1
    cols = np.nonzero((a[y0:y1] != b[y0:y1]).any(axis=(0, 2)))[0]
    return (y0, y1), (int(cols[0]), int(cols[-1]) + 1)


def _digit_boxes(page, trim) -> list[tuple[float, float, float, float]]:
    """Where the page prints digits (mm from the trim corner): page numbers, for PDFs that
    come with no layout map."""
    text = page.get_textpage()
    boxes = []
    for i in range(text.count_chars()):
        if text.get_text_range(i, 1).isdigit():
            l, b, r, t = text.get_charbox(i)
            boxes.append(((l - trim[0]) / MM, (b - trim[1]) / MM, (r - l) / MM, (t - b) / MM))
    return boxes


def _image(doc, path: Path, index: int | None, dpi: float):
    if index is None:
        return None
    page = get_page(doc, path, index)
    dpi = safe_dpi(page, dpi)
    x0, y0, x1, y1, height = _trim_in_crop(page)
    width = page.get_cropbox()[2] - page.get_cropbox()[0]
    crop = (x0, y0, max(0.0, width - x1), max(0.0, height - y1))
    return render(page, path, index, scale=dpi / 72, crop=crop).to_pil()


def _regions(changed: np.ndarray, dpi: float) -> list[Region]:
    """Changed pixels → changed 1 mm cells → connected boxes (8-neighbours), in mm."""
    if not changed.any():
        return []
    px = dpi / 25.4 * CELL_MM
    rows, cols = int(np.ceil(changed.shape[0] / px)), int(np.ceil(changed.shape[1] / px))
    ys, xs = np.nonzero(changed)
    cell = (ys / px).astype(np.int64) * cols + (xs / px).astype(np.int64)
    counts = np.bincount(cell, minlength=rows * cols).reshape(rows, cols)
    cells = counts >= max(1, round(CELL_PIXELS * (dpi / 150) ** 2))  # same area at any dpi
    seen = np.zeros_like(cells)
    height_mm = changed.shape[0] / px * CELL_MM
    regions = []
    for r, c in zip(*np.nonzero(cells)):
        if seen[r, c]:
            continue
        stack, members = [(r, c)], []
        seen[r, c] = True
        while stack:
            y, x = stack.pop()
            members.append((y, x))
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    ny, nx = y + dy, x + dx
                    if 0 <= ny < rows and 0 <= nx < cols and cells[ny, nx] and not seen[ny, nx]:
                        seen[ny, nx] = True
                        stack.append((ny, nx))
        r0 = min(m[0] for m in members)
        r1 = max(m[0] for m in members) + 1
        c0 = min(m[1] for m in members)
        c1 = max(m[1] for m in members) + 1
        regions.append(Region(round(c0 * CELL_MM, 1), round(height_mm - r1 * CELL_MM, 1),
                              round((c1 - c0) * CELL_MM, 1), round((r1 - r0) * CELL_MM, 1),
                              round(len(members) * CELL_MM ** 2, 1)))
    return sorted(regions, key=lambda g: (-g.y, g.x))


def stream_comparisons(old_path: Path, new_path: Path, pairs: list[Pair], dpi: float,
                       keep_images: float | None, digits: bool = False
                       ) -> Iterator[PageComparison]:
    """Compare page pairs one at a time: memory holds one pair, not the documents' pixels.
    Pages drawn by the same operators from the same resources are not rasterised."""
    from monrecap.diff.streams import page_hashes

    old_hashes, new_hashes = page_hashes(old_path), page_hashes(new_path)
    old = open_pdf(old_path)
    try:
        new = open_pdf(new_path)
    except BaseException:
        old.close()
        raise
    docs = Docs(old, new, old_path, new_path)
    try:
        for pair in pairs:
            same = None not in (pair.old, pair.new, old_hashes, new_hashes) and \
                old_hashes[pair.old] == new_hashes[pair.new]
            yield compare_pages(docs, pair, dpi, keep_images, digits, same)
    finally:
        old.close()
        new.close()
