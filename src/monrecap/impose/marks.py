"""Printer's marks: crop, fold, registration, colour bar, slug line, office guides.

The geometry (all outside the bleed) and the PDF drawing operators that paint it. Every sheet
side of a job shares the same marks but the slug text, so sheetpdf.py puts each distinct layout in
one form XObject and writes only the slug per side."""

from __future__ import annotations

from dataclasses import dataclass

from monrecap.impose.profile import PrintProfile
from monrecap.impose.sheetplan import MM, SheetPlan

Segment = tuple[float, float, float, float]


@dataclass(frozen=True)
class MarksLayout:
    """What is drawn the same on many sheet sides (everything but the slug text)."""

    sheet: tuple[float, float]
    crop: tuple[Segment, ...] = ()
    fold: tuple[Segment, ...] = ()
    guides: tuple[Segment, ...] = ()
    targets: tuple[tuple[float, float], ...] = ()
    colorbar: tuple[float, float] | None = None   # bottom-left of the first patch

    @property
    def empty(self) -> bool:
        return not (self.crop or self.fold or self.guides or self.targets or self.colorbar)


@dataclass(frozen=True)
class SideMarks:
    """What to draw on one sheet side: a shared layout and its own slug line."""

    layout: MarksLayout
    slug: tuple[float, float, str] | None = None  # baseline origin and text

    @property
    def empty(self) -> bool:
        return self.layout.empty and not self.slug


PATCH = 4 * MM
TARGET = 2.5 * MM  # radius of a registration target


def side_marks(plan: SheetPlan, profile: PrintProfile, slug_head: str) -> list[SideMarks]:
    """Marks for every sheet side of the plan, in the order of the imposed pages."""
    out: list[SideMarks] = []
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
        # Right of the bottom-left crop mark, which runs down from the same height.
        slug_at = (bx0 + 1.5 * MM, by0 - gap - 2.5 * MM, slug)
    # Rounded as the content stream writes them, so that sides whose marks differ only by
    # floating-point noise (a mirrored back side) share one form XObject.
    return SideMarks(MarksLayout(plan.sheet, _round(crop), _round(fold), _round(guides),
                                 _round(targets), colorbar and _round([colorbar])[0]),
                     slug_at)


def _round(points: list[tuple[float, ...]]) -> tuple[tuple[float, ...], ...]:
    return tuple(tuple(round(v, 4) for v in p) for p in points)


# --- drawing: PDF content-stream operators --------------------------------------------------

HAIRLINE = 0.25
REGISTRATION = "1 1 1 1"  # all four inks: shows on every plate
GUIDE_GRAY = "0 0 0 0.6"
PATCHES = [(1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 1),
           (0.5, 0, 0, 0), (0, 0.5, 0, 0), (0, 0, 0.5, 0), (0, 0, 0, 0.5),
           (1, 1, 0, 0), (0, 1, 1, 0), (1, 0, 1, 0), (0.6, 0.4, 0.4, 1)]
SLUG_SIZE = 6.5
KAPPA = 0.5522847498  # Bézier control distance for a quarter circle of radius 1


def fmt(v: float) -> str:
    """A number for a content stream: 4 decimals at most, no trailing zeros."""
    return f"{v:.4f}".rstrip("0").rstrip(".") or "0"


def _nums(*values: float) -> str:
    return " ".join(fmt(v) for v in values)


def _lines(segments) -> list[str]:
    return [f"{_nums(x0, y0)} m {_nums(x1, y1)} l S" for x0, y0, x1, y1 in segments]


def _circle(cx: float, cy: float, r: float) -> str:
    k = r * KAPPA
    return (f"{_nums(cx + r, cy)} m {_nums(cx + r, cy + k, cx + k, cy + r, cx, cy + r)} c "
            f"{_nums(cx - k, cy + r, cx - r, cy + k, cx - r, cy)} c "
            f"{_nums(cx - r, cy - k, cx - k, cy - r, cx, cy - r)} c "
            f"{_nums(cx + k, cy - r, cx + r, cy - k, cx + r, cy)} c S")


def layout_stream(m: MarksLayout) -> bytes:
    """The operators that draw a marks layout (the content of its form XObject)."""
    ops = [f"{REGISTRATION} K {fmt(HAIRLINE)} w"]
    ops += _lines(m.crop)
    if m.fold or m.guides:
        # Office printing (guides): gray, not registration colour, for guides and folds.
        ops.append("q [3 2] 0 d" + (f" {GUIDE_GRAY} K" if m.guides else ""))
        ops += _lines(m.fold)
        ops.append(f"{GUIDE_GRAY} K")
        ops += _lines(m.guides)
        ops.append("Q")
    for cx, cy in m.targets:
        ops.append(_circle(cx, cy, TARGET * 0.6))
        ops += _lines([(cx - TARGET, cy, cx + TARGET, cy), (cx, cy - TARGET, cx, cy + TARGET)])
    if m.colorbar:
        x, y = m.colorbar
        for i, patch in enumerate(PATCHES):
            ops.append(f"{_nums(*patch)} k {_nums(x + i * PATCH, y, PATCH, PATCH)} re f")
    return "\n".join(ops).encode()


def slug_stream(slug: tuple[float, float, str], font: str, glyphs: bytes) -> str:
    """Operators writing one slug line: ``glyphs`` are the text's codes in font ``font``."""
    x, y, _ = slug
    return f"BT 0 0 0 1 k /{font} {fmt(SLUG_SIZE)} Tf {_nums(x, y)} Td <{glyphs.hex()}> Tj ET"
