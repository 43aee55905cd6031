"""Black over colour, for the knockout rule: which colours are black, white or coloured, and
the filled areas of a page in paint order, to ask what lies topmost under a point.

Black (100 % K text, K-only hairlines, black pictograms) drawn in knockout over an area that
carries cyan, magenta or yellow leaves a white halo when the plates shift. Over grey, K-only
tints or white there is nothing to shift against: they share black's plate, or have no ink.
Pure geometry on what walker.py reads; no PDF library here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator

Box = tuple[float, float, float, float]
Colour = tuple[str, tuple[float, ...]]
Point = tuple[float, float]

CMYK = ("DeviceCMYK", "ICC-CMYK")
GRAY = ("DeviceGray", "ICC-Gray")
RGB = ("DeviceRGB", "ICC-RGB", "CalRGB")

#: The largest black shape the rule looks at (pictograms are 8 to 12 mm): larger 100 % K
#: areas are often meant to knock out (or should be rich black).
SHAPE = 30 * 72 / 25.4


def k_only(colour: Colour, full: bool) -> bool:
    """Black ink alone: 100 % K when ``full``, any tint of it otherwise."""
    space, v = colour
    if space not in CMYK or len(v) != 4 or sum(v[:3]) > 0.001:
        return False
    return v[3] >= 0.999 if full else v[3] > 0.001


def white(colour: Colour) -> bool:
    space, v = colour
    return (space in CMYK and len(v) == 4 and sum(v) < 0.001) or \
        (space in GRAY and len(v) == 1 and v[0] > 0.999) or \
        (space in RGB and len(v) == 3 and min(v) > 0.999)


def coloured(colour: Colour) -> bool:
    """Whether a fill puts ink on another plate than black (a space we cannot read, such as a
    spot colour, counts as colour)."""
    space, v = colour
    if space in GRAY:
        return False
    if space in CMYK and len(v) == 4:
        return sum(v[:3]) > 0.001
    return not white(colour)


def shape_sized(box: Box) -> bool:
    return box[2] - box[0] <= SHAPE and box[3] - box[1] <= SHAPE


def centre(box: Box) -> Point:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


def along(segments: Iterable[tuple[Point, Point]], step: float = 4.0) -> Iterator[Point]:
    """Points every ``step`` along each segment of a path, its ends included (at most 256 a
    segment): a rule across a band has its ends off the band and its middle on it."""
    for (x0, y0), (x1, y1) in segments:
        count = min(256, max(1, math.ceil(math.hypot(x1 - x0, y1 - y0) / step)))
        for i in range(count + 1):
            t = i / count
            yield x0 + (x1 - x0) * t, y0 + (y1 - y0) * t


def curve(p0: Point, p1: Point, p2: Point, p3: Point, pieces: int = 8) -> list[Point]:
    """Points on a cubic Bézier curve from ``p0`` (excluded) to ``p3``: the curve as short
    chords, its control points left off (they lie off the curve)."""
    out = []
    for i in range(1, pieces + 1):
        t = i / pieces
        a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t ** 2, t ** 3
        out.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                    a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return out


class Areas:
    """A page's filled areas in paint order, each with whether colour shows there: the
    topmost area under a point is found among the few that share its cell of a coarse grid,
    so that a page of thousands of small shapes costs no more than a plain one. Areas that
    would fill many cells (page backgrounds, bands) are kept in a list of their own, searched
    from the top, so that a large page or a huge box costs no memory."""

    CELL = 36.0  # points (half an inch)
    LARGE = 64  # cells: an area over more is a large one

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[tuple[int, Box, bool]]] = {}
        self.large: list[tuple[int, Box, bool]] = []
        self.count = 0

    def _index(self, value: float) -> int:
        return math.floor(value / self.CELL)

    def add(self, box: Box, has_colour: bool) -> None:
        self.count += 1
        entry = (self.count, box, has_colour)
        if not all(map(math.isfinite, box)):
            return
        i0, i1 = self._index(box[0]), self._index(box[2])
        j0, j1 = self._index(box[1]), self._index(box[3])
        if (i1 - i0 + 1) * (j1 - j0 + 1) > self.LARGE:  # Python ints: no overflow at 1e300
            self.large.append(entry)
            return
        for i in range(i0, i1 + 1):
            for j in range(j0, j1 + 1):
                self.cells.setdefault((i, j), []).append(entry)

    def coloured_at(self, x: float, y: float, edge: float = 0.0) -> bool:
        """Whether the topmost area under (x, y) shows colour. ``edge`` > 0: an area whose
        border passes within ``edge`` of the point is not under it (a stroke along a box's
        border lies half outside the box)."""
        if not (math.isfinite(x) and math.isfinite(y)):
            return False

        def under(b: Box) -> bool:
            if edge:
                return b[0] + edge < x < b[2] - edge and b[1] + edge < y < b[3] - edge
            return b[0] <= x <= b[2] and b[1] <= y <= b[3]

        small = next((e for e in reversed(self.cells.get((self._index(x), self._index(y)),
                                                          ())) if under(e[1])), None)
        large = next((e for e in reversed(self.large) if under(e[1])), None)
        top = max((e for e in (small, large) if e is not None), default=None,
                  key=lambda e: e[0])
        return top is not None and top[2]
