"""Visual diff of two PDFs with pypdfium2 and numpy: page pairs aligned by page id (our builds)
or by text (any PDF), changed regions in millimetres, streamed one pair at a time."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium

from ..errors import MonrecapError

MM = 72 / 25.4
CELL_MM = 1.0         # changes are counted on a 1 mm grid
PIXEL_DELTA = 48      # a channel must move this much: anti-aliasing moves less
CELL_PIXELS = 3       # changed pixels a grid cell needs to count as changed


class DiffError(MonrecapError):
    """Raised by the diff when a PDF cannot be read."""


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


@dataclass(frozen=True)
class Pair:
    """Two pages to compare (either may be missing), by 0-based index."""

    old: int | None
    new: int | None
    key: str  # "id#part" for our builds, a text signature otherwise
    same_text: bool = False  # aligned on identical text (numbers aside)


@dataclass
class PageComparison:
    pair: Pair
    regions: list[Region]
    geometry: str | None        # what differs in the page boxes, if anything
    colour_only: bool
    digits: list[tuple[float, float, float, float]] = None  # digit boxes (mm), both pages
    old_image: object = None    # PIL images at report resolution, when asked for
    new_image: object = None


def open_pdf(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError) as exc:
        raise DiffError(f"{path}: not a readable PDF ({exc})") from None


_NUMBERS = re.compile(r"\bpage \d+ sur \d+\b|\b\d+\b")


def text_signature(doc: pdfium.PdfDocument, index: int) -> str:
    """A page's text with page numbers (and all bare numbers) left out, for alignment."""
    text = doc[index].get_textpage().get_text_range()
    return " ".join(_NUMBERS.sub(" ", text).split())


def align_by_keys(old_keys: list[str], new_keys: list[str]) -> list[Pair]:
    """Pairs of pages with the same key; unmatched pages are added or removed, in reading
    order of the new document."""
    old_at = {k: i for i, k in enumerate(old_keys)}
    new_keys_set = set(new_keys)
    pairs = []
    for j, key in enumerate(new_keys):
        pairs.append(Pair(old_at.get(key), j, key))
    for i, key in enumerate(old_keys):
        if key not in new_keys_set:
            pairs.append(Pair(i, None, key))
    return pairs


def align_by_text(old: pdfium.PdfDocument, new: pdfium.PdfDocument) -> list[Pair]:
    """Sequence alignment of the two documents' pages on their text signatures, so that an
    inserted page is reported as inserted rather than shifting every page after it."""
    a = [text_signature(old, i) for i in range(len(old))]
    b = [text_signature(new, j) for j in range(len(new))]
    pairs = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            pairs += [Pair(i, j, b[j][:60], op == "equal")
                      for i, j in zip(range(i1, i2), range(j1, j2))]
        else:
            pairs += _pair_similar(a, b, range(i1, i2), range(j1, j2))
    return pairs


def _pair_similar(a: list[str], b: list[str], old: range, new: range) -> list[Pair]:
    """Inside a block of different pages, pair those whose text is mostly the same (an edited
    page), in order; the rest were added or removed."""
    pairs, start = [], old.start
    for j in new:
        best, best_ratio = None, 0.5
        for i in range(start, old.stop):
            ratio = difflib.SequenceMatcher(None, a[i], b[j], autojunk=False).ratio()
            if ratio > best_ratio:
                best, best_ratio = i, ratio
        if best is None:
            pairs.append(Pair(None, j, b[j][:60]))
            continue
        pairs += [Pair(i, None, a[i][:60]) for i in range(start, best)]
        pairs.append(Pair(best, j, b[j][:60]))
        start = best + 1
    pairs += [Pair(i, None, a[i][:60]) for i in range(start, old.stop)]
    return pairs


def _render(page, dpi: float) -> tuple[np.ndarray, tuple[float, float, float, float]]:
    bitmap = page.render(scale=dpi / 72)
    return bitmap.to_numpy(), page.get_trimbox()


def _trimmed(pixels: np.ndarray, trim, media_h: float, dpi: float) -> np.ndarray:
    s = dpi / 72
    x0, y0, x1, y1 = trim
    top = int(round((media_h - y1) * s))
    return pixels[top:top + int(round((y1 - y0) * s)), int(round(x0 * s)):int(round(x1 * s))]


def compare_pages(old_doc, new_doc, pair: Pair, dpi: float = 150,
                  keep_images: float | None = None, digits: bool = False) -> PageComparison:
    """Rasterise both pages and find what changed, on a 1 mm grid."""
    if pair.old is None or pair.new is None:
        comparison = PageComparison(pair, [], None, False)
        if keep_images:
            comparison.old_image = _image(old_doc, pair.old, keep_images)
            comparison.new_image = _image(new_doc, pair.new, keep_images)
        return comparison
    po, pn = old_doc[pair.old], new_doc[pair.new]
    geometry = None
    to, tn = po.get_trimbox(), pn.get_trimbox()
    so, sn = (to[2] - to[0], to[3] - to[1]), (tn[2] - tn[0], tn[3] - tn[1])
    if abs(so[0] - sn[0]) > 0.1 or abs(so[1] - sn[1]) > 0.1:
        geometry = (f"trim {so[0] / MM:.1f} × {so[1] / MM:.1f} mm → "
                    f"{sn[0] / MM:.1f} × {sn[1] / MM:.1f} mm")
    elif any(abs(a - b) > 0.1 for a, b in zip(po.get_mediabox(), pn.get_mediabox())):
        geometry = "media box (bleed) changed"
    a, ta = _render(po, dpi)
    b, tb = _render(pn, dpi)
    a = _trimmed(a, ta, po.get_size()[1], dpi)
    b = _trimmed(b, tb, pn.get_size()[1], dpi)
    h, w = min(a.shape[0], b.shape[0]), min(a.shape[1], b.shape[1])
    a, b = a[:h, :w], b[:h, :w]
    if np.array_equal(a, b):
        return PageComparison(pair, [], geometry, False)
    delta = np.maximum(a, b) - np.minimum(a, b)   # |a − b| without leaving uint8
    changed = (delta > PIXEL_DELTA).any(axis=2)
    regions = _regions(changed, dpi)
    colour_only = False
    if regions:
        # Colour only: the changed pixels keep their lightness.
        sa = a[changed].astype(np.int16).mean(axis=1)
        sb = b[changed].astype(np.int16).mean(axis=1)
        colour_only = bool((np.abs(sa - sb) > PIXEL_DELTA / 2).sum() <= changed.sum() / 4)
    comparison = PageComparison(pair, regions, geometry, colour_only)
    if regions and digits:
        comparison.digits = _digit_boxes(po, to) + _digit_boxes(pn, tn)
    if keep_images and (regions or geometry):
        comparison.old_image = _image(old_doc, pair.old, keep_images)
        comparison.new_image = _image(new_doc, pair.new, keep_images)
    return comparison


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


def _image(doc, index, dpi):
    if index is None:
        return None
    page = doc[index]
    trim = page.get_trimbox()
    media = page.get_mediabox()
    crop = (trim[0] - media[0], trim[1] - media[1], media[2] - trim[2], media[3] - trim[3])
    return page.render(scale=dpi / 72, crop=crop).to_pil()


def _regions(changed: np.ndarray, dpi: float) -> list[Region]:
    """Changed pixels → changed 1 mm cells → connected boxes (8-neighbours), in mm."""
    if not changed.any():
        return []
    px = dpi / 25.4 * CELL_MM
    rows, cols = int(np.ceil(changed.shape[0] / px)), int(np.ceil(changed.shape[1] / px))
    padded = np.zeros((int(rows * px) + 1, int(cols * px) + 1), dtype=bool)
    padded[:changed.shape[0], :changed.shape[1]] = changed
    counts = np.zeros((rows, cols), dtype=int)
    ys, xs = np.nonzero(changed)
    np.add.at(counts, ((ys / px).astype(int), (xs / px).astype(int)), 1)
    cells = counts >= CELL_PIXELS
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
    """Compare page pairs one at a time: memory holds one pair, not the documents' pixels."""
    old, new = open_pdf(old_path), open_pdf(new_path)
    try:
        for pair in pairs:
            yield compare_pages(old, new, pair, dpi, keep_images, digits)
    finally:
        old.close()
        new.close()
