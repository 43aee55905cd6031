"""Black over colour, for the knockout rule: which colours are black, white or coloured, and
the filled areas of a page in paint order, to ask what lies topmost under a point.

Black (100 % K text, K-only hairlines, black pictograms) drawn in knockout over an area that
carries cyan, magenta or yellow leaves a white halo when the plates shift. Over grey, K-only
tints or white there is nothing to shift against: they share black's plate, or have no ink.
Pure geometry on what inspect.py reads; no PDF library here.
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


def along(segments: Iterable[tuple[Point, Point]]) -> Iterator[Point]:
    """Points spread along each segment of a path (its ends, quarters and middle): a rule
    across a band has its ends outside the band and its middle on it."""
    for (x0, y0), (x1, y1) in segments:
        for t in (0.0, 0.25, 0.5, 0.75, 1.0):
            yield x0 + (x1 - x0) * t, y0 + (y1 - y0) * t


class Areas:
    """A page's filled areas in paint order, each with whether colour shows there, indexed
    by a coarse grid: the topmost area under a point is found among the few that share its
    cell, so that a page of thousands of small shapes costs no more than a plain one."""

    CELL = 36.0  # points (half an inch)
    MARGIN = 72.0  # how far beyond the page an area is kept

    def __init__(self, page: Box):
        self.page = (page[0] - self.MARGIN, page[1] - self.MARGIN,
                     page[2] + self.MARGIN, page[3] + self.MARGIN)
        self.cells: dict[tuple[int, int], list[tuple[Box, bool]]] = {}

    def _span(self, lo: float, hi: float) -> range:
        return range(math.floor(lo / self.CELL), math.floor(hi / self.CELL) + 1)

    def add(self, box: Box, has_colour: bool) -> None:
        p = self.page
        clipped = (max(box[0], p[0]), max(box[1], p[1]), min(box[2], p[2]), min(box[3], p[3]))
        if clipped[0] > clipped[2] or clipped[1] > clipped[3]:
            return  # wholly off the page: nothing prints there
        for i in self._span(clipped[0], clipped[2]):
            for j in self._span(clipped[1], clipped[3]):
                self.cells.setdefault((i, j), []).append((box, has_colour))

    def coloured_at(self, x: float, y: float, edge: float = 0.0) -> bool:
        """Whether the topmost area under (x, y) shows colour. ``edge`` > 0: an area whose
        border passes within ``edge`` of the point is not under it (a stroke along a box's
        border lies half outside the box)."""
        cell = self.cells.get((math.floor(x / self.CELL), math.floor(y / self.CELL)), ())
        for b, has_colour in reversed(cell):
            if b[0] + edge < x < b[2] - edge and b[1] + edge < y < b[3] - edge if edge else \
                    b[0] <= x <= b[2] and b[1] <= y <= b[3]:
                return has_colour
        return False
