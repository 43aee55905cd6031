"""Printer's marks as geometry: crop, fold, registration, colour bar, slug line, office guides.
All outside the bleed; drawn by render/marks.py."""

from __future__ import annotations

from dataclasses import dataclass, field

from .plan import MM, SheetPlan
from .profile import PrintProfile

Segment = tuple[float, float, float, float]


@dataclass(frozen=True)
class SideMarks:
    """What to draw on one sheet side."""

    sheet: tuple[float, float]
    crop: list[Segment] = field(default_factory=list)
    fold: list[Segment] = field(default_factory=list)
    guides: list[Segment] = field(default_factory=list)
    targets: list[tuple[float, float]] = field(default_factory=list)
    colorbar: tuple[float, float] | None = None   # bottom-left of the first patch
    slug: tuple[float, float, str] | None = None  # baseline origin and text

    @property
    def empty(self) -> bool:
        return not (self.crop or self.fold or self.guides or self.targets or self.colorbar
                    or self.slug)


PATCH = 4 * MM
TARGET = 2.5 * MM  # radius of a registration target


def side_marks(plan: SheetPlan, profile: PrintProfile, slug_head: str) -> list[SideMarks]:
    """Marks for every sheet side of the plan, in the order of the imposed pages."""
    out = []
    total = len(plan.sheets)
    for sheet in plan.sheets:
        for side in sheet.sides:
            out.append(_one_side(plan, profile, side, f"{slug_head} · feuille {sheet.number}/"
                                 f"{total} · {side.name}"))
    return out


def _one_side(plan: SheetPlan, profile: PrintProfile, side, slug: str) -> SideMarks:
    sw, sh = plan.sheet
    b = plan.bleed
    rects = [c.rect for c in side.cells]
    bx0 = min(r[0] for r in rects)
    by0 = min(r[1] for r in rects)
    bx1 = max(r[2] for r in rects)
    by1 = max(r[3] for r in rects)
    gap = b + 1 * MM              # marks start 1 mm clear of the bleed
    room = min(bx0, by0, sw - bx1, sh - by1) - gap
    length = max(0.0, min(4 * MM, room - 0.5 * MM))  # shorter marks on a tight sheet
    marks = set(profile.marks)
    crop: list[Segment] = []
    if "crop" in marks:
        xs = sorted({round(v, 3) for r in rects for v in (r[0], r[2])})
        ys = sorted({round(v, 3) for r in rects for v in (r[1], r[3])})
        for x in xs:
            crop += [(x, by1 + gap, x, by1 + gap + length), (x, by0 - gap, x, by0 - gap - length)]
        for y in ys:
            crop += [(bx0 - gap, y, bx0 - gap - length, y), (bx1 + gap, y, bx1 + gap + length, y)]
    fold: list[Segment] = []
    guides: list[Segment] = []
    spines = [c.spine for c in side.cells if c.spine]
    for x0, y0, x1, y1 in spines:
        if abs(x0 - x1) < 1e-6:  # vertical spine
            segs = [(x0, by1 + gap, x0, by1 + gap + length), (x0, by0 - gap, x0, by0 - gap - length)]
        else:
            segs = [(bx0 - gap, y0, bx0 - gap - length, y0), (bx1 + gap, y0, bx1 + gap + length, y0)]
        if "fold" in marks:
            fold += segs
    if profile.guides:
        # Office printing: dashed lines from the trim to the printable edge, to cut and fold by.
        lo = profile.printer_margin
        xs = sorted({round(v, 3) for r in rects for v in (r[0], r[2])})
        ys = sorted({round(v, 3) for r in rects for v in (r[1], r[3])})
        for x in xs:
            guides += [(x, by1 + gap, x, sh - lo), (x, by0 - gap, x, lo)]
        for y in ys:
            guides += [(bx0 - gap, y, lo, y), (bx1 + gap, y, sw - lo, y)]
        for x0, y0, x1, y1 in spines:
            if abs(x0 - x1) < 1e-6:
                fold += [(x0, by1 + gap, x0, sh - lo), (x0, by0 - gap, x0, lo)]
            else:
                fold += [(bx0 - gap, y0, lo, y0), (bx1 + gap, y0, sw - lo, y0)]
    targets = []
    if "registration" in marks:
        room_x, room_y = bx0 - gap, by0 - gap
        if room_y >= 2 * TARGET + 1 * MM:
            targets += [(sw / 2, by0 - gap - TARGET - 0.5 * MM), (sw / 2, by1 + gap + TARGET + 0.5 * MM)]
        if room_x >= 2 * TARGET + 1 * MM:
            targets += [(bx0 - gap - TARGET - 0.5 * MM, sh / 2), (bx1 + gap + TARGET + 0.5 * MM, sh / 2)]
    colorbar = None
    slug_at = None
    # The colour bar in the room above the top bleed, the slug line below the bottom one.
    if "colorbar" in marks and sh - (by1 + gap) >= PATCH + 1 * MM:
        colorbar = (bx0, by1 + gap + 0.5 * MM)
    if "slug" in marks and by0 - gap >= 3 * MM:
        slug_at = (bx0, by0 - gap - 2.5 * MM, slug)
    return SideMarks(plan.sheet, crop, fold, guides, targets, colorbar, slug_at)
