"""A folding simulator: reads an imposed PDF the way the print shop handles the sheets —
finds every page on every sheet side by its printed markers, turns the sheets over as the
duplex mode says, cuts, stacks, folds and nests them — and returns what a reader gets.

It knows nothing of monrecap's plan: only the PDF, the sheet size and the physical rules
(long-edge: the sheet turns about its long edge; the recto is the outside of each folio;
cut piles are stacked row by row from the top-left cell).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pypdfium2 as pdfium
from reportlab.lib.pagesizes import A6
from reportlab.pdfgen.canvas import Canvas

MM = 72 / 25.4
BLEED = 3 * MM


def numbered_pdf(count: int, size: tuple[float, float] = A6, bleed: float = BLEED) -> bytes:
    """Pages with a top-left marker « Pnn » and a bottom-right marker « Bnn »."""
    buffer = io.BytesIO()
    w, h = size
    c = Canvas(buffer, invariant=1, pagesize=(w + 2 * bleed, h + 2 * bleed))
    for n in range(1, count + 1):
        c.setTrimBox((bleed, bleed, bleed + w, bleed + h))
        c.setBleedBox((0, 0, w + 2 * bleed, h + 2 * bleed))
        c.setFillColorCMYK(0, 0, 0, 0.1)
        c.rect(0, 0, w + 2 * bleed, h + 2 * bleed, stroke=0, fill=1)  # background into bleed
        c.setFillColorCMYK(0, 0, 0, 1)
        c.setFont("Helvetica", 14)
        c.drawString(bleed + 20, bleed + h - 34, f"P{n:02d}")
        c.drawRightString(bleed + w - 20, bleed + 20, f"B{n:02d}")
        c.showPage()
    c.save()
    return buffer.getvalue()


@dataclass(frozen=True)
class Found:
    page: int
    centre: tuple[float, float]
    up: tuple[int, int]
    p_box: tuple[float, float, float, float]


def marker_distance(source: bytes) -> float:
    """How far apart a page's two markers are, measured on the source PDF."""
    text = pdfium.PdfDocument(source)[0].get_textpage()
    return _dist(_centre(_boxes(text, "P01")[0]), _centre(_boxes(text, "B01")[0]))


def find_pages(pdf: bytes, count: int, span: float) -> list[list[Found]]:
    """For every sheet side, every page found on it: its centre and which way is up.
    ``span`` is the distance between a page's two markers: a top marker pairs with the
    bottom marker of the same number at that distance (not with a neighbour's)."""
    doc = pdfium.PdfDocument(pdf)
    sides = []
    for i in range(len(doc)):
        text = doc[i].get_textpage()
        found = []
        for n in range(1, count + 1):
            tops = _boxes(text, f"P{n:02d}")
            bottoms = _boxes(text, f"B{n:02d}")
            for top in tops:
                tc = _centre(top)
                bottom = min(bottoms, key=lambda b: abs(_dist(tc, _centre(b)) - span))
                assert abs(_dist(tc, _centre(bottom)) - span) < 0.01, "a page was scaled"
                bc = _centre(bottom)
                d = (tc[0] - bc[0], tc[1] - bc[1])
                up = {(False, True): (0, 1), (True, False): (0, -1),
                      (False, False): (-1, 0), (True, True): (1, 0)}[(d[0] > 0, d[1] > 0)]
                found.append(Found(n, ((tc[0] + bc[0]) / 2, (tc[1] + bc[1]) / 2), up, top))
        sides.append(found)
    return sides


def _boxes(text, needle: str) -> list[tuple[float, float, float, float]]:
    out = []
    searcher = text.search(needle, match_case=True, match_whole_word=True)
    while True:
        hit = searcher.get_next()
        if hit is None:
            return out
        index, length = hit
        first, last = text.get_charbox(index), text.get_charbox(index + length - 1)
        out.append((min(first[0], last[0]), min(first[1], last[1]),
                    max(first[2], last[2]), max(first[3], last[3])))


def _centre(b) -> tuple[float, float]:
    return ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2)


def _dist(a, b) -> float:
    return ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5


def _flip_point(p, sheet, duplex):
    """Where a point of the verso lies, seen from the recto."""
    w, h = sheet
    about_long = duplex == "long-edge"
    horizontal_axis = (w >= h) == about_long
    return (p[0], h - p[1]) if horizontal_axis else (w - p[0], p[1])


def _flip_vector(v, sheet, duplex):
    w, h = sheet
    horizontal_axis = (w >= h) == (duplex == "long-edge")
    return (v[0], -v[1]) if horizontal_axis else (-v[0], v[1])


@dataclass
class Leaf:
    """A physical half of a cell: the page on the recto and the page behind it."""

    front: Found
    back: Found | None


def pair_sides(recto: list[Found], verso: list[Found], sheet, duplex, tol=3.0) -> list[Leaf]:
    """Each recto page with the verso page physically behind it, checking that the verso
    page reads upright once the leaf is turned over about its own vertical axis."""
    leaves = []
    for f in recto:
        behind = [b for b in verso if _dist(_flip_point(b.centre, sheet, duplex), f.centre) < tol]
        assert len(behind) <= 1, f"two pages behind page {f.page}"
        back = behind[0] if behind else None
        if back is not None:
            v = _flip_vector(back.up, sheet, duplex)          # physical direction on the recto
            u = f.up
            dot = v[0] * u[0] + v[1] * u[1]
            seen = (2 * dot * u[0] - v[0], 2 * dot * u[1] - v[1])  # turned about the up axis
            assert seen == u, f"page {back.page} is not upright behind page {f.page}"
        leaves.append(Leaf(f, back))
    return leaves


def spreads(leaves: list[Leaf], page_width: float) -> list[tuple[Leaf, Leaf]]:
    """Group leaves into spreads (left, right) as the reader holds the outside face upright."""
    out, used = [], set()
    for a in leaves:
        if id(a) in used:
            continue
        u = a.front.up
        right = (u[1], -u[0])
        partner = None
        for b in leaves:
            if b is a or id(b) in used or b.front.up != u:
                continue
            d = (b.front.centre[0] - a.front.centre[0], b.front.centre[1] - a.front.centre[1])
            along = d[0] * right[0] + d[1] * right[1]
            across = d[0] * u[0] + d[1] * u[1]
            if abs(abs(along) - page_width) < 3.0 and abs(across) < 3.0:
                partner = (b, along)
        assert partner is not None, f"page {a.front.page} has no neighbour across a spine"
        b, along = partner
        used.update({id(a), id(b)})
        out.append((a, b) if along > 0 else (b, a))
    return out


def read_booklet(folios: list[tuple[Leaf, Leaf]]) -> list[int | None]:
    """Nest folios (outermost first), fold, and read the booklet from its front cover."""
    rights = [x for left, right in folios for x in (right.front, right.back)]
    lefts = [x for left, right in reversed(folios) for x in (left.back, left.front)]
    return [None if f is None else f.page for f in rights + lefts]


def cell_key(spread: tuple[Leaf, Leaf]) -> tuple[float, float]:
    """Where a cell sits, for ordering piles row by row from the top-left."""
    a, b = spread
    x = (a.front.centre[0] + b.front.centre[0]) / 2
    y = (a.front.centre[1] + b.front.centre[1]) / 2
    return (-round(y / 20), round(x / 20))  # cells are hundreds of points apart
