"""The sheet plan: where every page lands on every sheet side, computed without touching a PDF.

Coordinates are PDF points on the sheet, origin at its bottom-left. A *cell* is one imposed
unit (a spread for booklets, a page for n-up); cells repeat on a grid with a gutter between
them. Each scheme says which pages go in which cell of which sheet side, in the cell's own
frame; this module places cells on the sheet and works out the back sides for the duplex mode.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from monrecap.errors import SheetFitError
from monrecap.impose.profile import PrintProfile
from monrecap.units import to_mm

MM = 72 / 25.4
Rect = tuple[float, float, float, float]  # x0, y0, x1, y1


@dataclass(frozen=True)
class Item:
    """A page in a cell, in the cell's frame (unrotated, origin at the cell's trim corner)."""

    page: int | None       # 0-based source page, None for a blank
    rect: Rect             # where its trim goes, after creep
    clip: Rect             # what may show of it: trim + the bleed it keeps
    creep: float           # shift towards the spine, in points
    slot: str              # left / right / single


@dataclass(frozen=True)
class Placement:
    """A page on a sheet side: its trim lands on ``rect``, turned by ``rotation`` degrees
    counter-clockwise, showing only what lies inside ``clip``."""

    page: int | None
    rect: Rect
    rotation: int
    clip: Rect
    creep: float
    cell: int
    slot: str


@dataclass(frozen=True)
class CellFrame:
    """A cell on a sheet side: its trim rect, rotation, and spine line (for fold marks)."""

    rect: Rect
    rotation: int
    spine: tuple[float, float, float, float] | None  # a segment, or None for single pages


@dataclass(frozen=True)
class Side:
    name: str                     # "recto" or "verso"
    placements: list[Placement]
    cells: list[CellFrame]


@dataclass(frozen=True)
class Sheet:
    number: int
    sides: list[Side]


@dataclass(frozen=True)
class SheetPlan:
    """Everything the writer and the marks need, and what `--map` prints."""

    scheme: str
    sheet: tuple[float, float]
    duplex: str
    page_size: tuple[float, float]
    bleed: float
    pages: int            # source pages, after padding
    padded: int           # blank pages added
    sheets: list[Sheet]
    warnings: list[str] = field(default_factory=list)


# --- the grid of cells ---------------------------------------------------------------------

@dataclass(frozen=True)
class Grid:
    sheet: tuple[float, float]
    cell: tuple[float, float]     # trim size of a cell, unrotated
    rotation: int                 # 0 or 90
    cols: int
    rows: int
    gutter: float
    origin: tuple[float, float]   # bottom-left trim corner of the bottom-left cell

    def cell_rect(self, index: int) -> Rect:
        """Trim rect of cell ``index`` (row-major from the top-left) on the sheet."""
        w, h = self.placed
        col, row = index % self.cols, index // self.cols
        x = self.origin[0] + col * (w + self.gutter)
        y = self.origin[1] + (self.rows - 1 - row) * (h + self.gutter)
        return (x, y, x + w, y + h)

    @property
    def placed(self) -> tuple[float, float]:
        w, h = self.cell
        return (h, w) if self.rotation == 90 else (w, h)

    @property
    def count(self) -> int:
        return self.cols * self.rows


def margins_needed(profile: PrintProfile, bleed: float) -> float:
    """Room needed outside the trim of the outer cells: the bleed, then 1 mm clear, then
    the marks (crop and fold marks 3 to 4 mm long, a 3 mm slug line, a 4 mm colour bar)."""
    marks = set(profile.marks)
    need = bleed
    if marks & {"crop", "fold", "registration", "slug"}:
        need = bleed + 1 * MM + 3 * MM
    if "colorbar" in marks:
        need = max(need, bleed + 1 * MM + 4.5 * MM)
    if profile.guides:
        need = max(need, profile.printer_margin + 2 * MM, bleed + 2 * MM)
    return max(need, profile.printer_margin)


def fit_grid(profile: PrintProfile, cell: tuple[float, float], bleed: float) -> Grid:
    """Choose sheet orientation, cell rotation and grid: the requested copies (or as many as
    fit), without ever scaling a page."""
    gutter = profile.gutter if profile.gutter is not None else 2 * bleed
    margin = margins_needed(profile, bleed)
    sw, sh = profile.sheet
    sheets = {"portrait": [(min(sw, sh), max(sw, sh))],
              "landscape": [(max(sw, sh), min(sw, sh))],
              "auto": [(sw, sh), (sh, sw)]}[profile.orientation]
    options = []
    for sheet in sheets:
        for rotation in (0, 90):
            w, h = (cell[1], cell[0]) if rotation == 90 else cell
            cols = math.floor((sheet[0] - 2 * margin + gutter) / (w + gutter) + 1e-9)
            rows = math.floor((sheet[1] - 2 * margin + gutter) / (h + gutter) + 1e-9)
            if cols >= 1 and rows >= 1:
                options.append((sheet, rotation, cols, rows))
    if not options:
        raise SheetFitError(
            "sheet", f"a {to_mm(cell[0]):.0f} × {to_mm(cell[1]):.0f} mm "
            f"{'spread' if profile.scheme != 'nup' else 'page'} with "
            f"{to_mm(margin):.1f} mm around it for bleed and marks does not fit on a "
            f"{to_mm(sw):.0f} × {to_mm(sh):.0f} mm sheet; pages are never scaled: "
            "use a larger sheet, or fewer marks")
    wanted = profile.copies
    for sheet, rotation, cols, rows in options:  # first choice: as given, unrotated
        if wanted is None or cols * rows >= wanted:
            cols, rows = _shape(cols, rows, wanted)
            w, h = (cell[1], cell[0]) if rotation == 90 else cell
            block = (cols * w + (cols - 1) * gutter, rows * h + (rows - 1) * gutter)
            origin = ((sheet[0] - block[0]) / 2, (sheet[1] - block[1]) / 2)
            return Grid(sheet, cell, rotation, cols, rows, gutter, origin)
    best = max(c * r for _, _, c, r in options)
    raise SheetFitError("copies", f"{wanted} copies per side do not fit on a {to_mm(sw):.0f} × "
                        f"{to_mm(sh):.0f} mm sheet (at most {best}); pages are never scaled")


def _shape(cols: int, rows: int, wanted: int | None) -> tuple[int, int]:
    """The most compact cols × rows holding ``wanted`` cells within the capacity."""
    if wanted is None:
        return cols, rows
    best = None
    for c in range(1, cols + 1):
        r = math.ceil(wanted / c)
        if r <= rows:
            key = (c * r, abs(c - r))  # the fewest blank cells, then the squarest
            if best is None or key < best[0]:
                best = (key, c, r)
    assert best is not None
    return best[1], best[2]


# --- frames and transforms -----------------------------------------------------------------

def _to_sheet(grid: Grid, cell_rect: Rect, local: Rect) -> Rect:
    """A rect in the cell's frame → on the sheet, through the cell's rotation."""
    x, y = cell_rect[0], cell_rect[1]
    u0, v0, u1, v1 = local
    if grid.rotation == 0:
        return (x + u0, y + v0, x + u1, y + v1)
    ch = grid.cell[1]  # rotated 90° counter-clockwise: u runs up, v runs left
    return (x + ch - v1, y + u0, x + ch - v0, y + u1)


def _mirror_x(r: Rect, axis: float) -> Rect:
    return (2 * axis - r[2], r[1], 2 * axis - r[0], r[3])


def _mirror_y(r: Rect, axis: float) -> Rect:
    return (r[0], 2 * axis - r[3], r[2], 2 * axis - r[1])


def press_flip_axis(sheet: tuple[float, float], duplex: str) -> str:
    """The axis the sheet turns about between its two sides: long-edge turns it about its
    long edge. Returns "x" (a vertical axis: left and right swap) or "y"."""
    long_edge_is_horizontal = sheet[0] >= sheet[1]
    about_long = duplex == "long-edge"
    horizontal_axis = long_edge_is_horizontal == about_long
    return "y" if horizontal_axis else "x"


def place_side(grid: Grid, name: str, cells: list[list[Item]], duplex: str,
               spine: bool) -> Side:
    """Place the cells' items on one side. For the verso, ``cells`` hold what a reader sees
    after turning each cell over about its spine; the press flip then puts it on the back."""
    placements, frames = [], []
    sheet = grid.sheet
    flip = press_flip_axis(sheet, duplex)
    for index, items in enumerate(cells):
        cell_rect = grid.cell_rect(index)
        w = grid.cell[0]
        spine_local = (w / 2, 0, w / 2, grid.cell[1])
        s = _to_sheet(grid, cell_rect, spine_local)
        spine_axis = "x" if grid.rotation == 0 else "y"   # the spine runs along y when 0
        spine_at = s[0] if spine_axis == "x" else s[1]

        def onto_side(rect: Rect) -> Rect:
            if name == "recto":
                return rect
            # Turn over about the spine (reader's view → physical), then the press flip.
            rect = _mirror_x(rect, spine_at) if spine_axis == "x" else _mirror_y(rect, spine_at)
            return _mirror_x(rect, sheet[0] / 2) if flip == "x" else \
                _mirror_y(rect, sheet[1] / 2)

        extra = 0 if name == "recto" or flip == spine_axis else 180
        rotation = grid.rotation + extra  # 0 or 90, plus 0 or 180: never a full turn
        frame_rect = onto_side(cell_rect)
        seg = onto_side(s)
        frames.append(CellFrame(frame_rect, rotation, seg if spine else None))
        for item in items:
            placements.append(Placement(
                item.page, onto_side(_to_sheet(grid, cell_rect, item.rect)), rotation,
                onto_side(_to_sheet(grid, cell_rect, item.clip)), item.creep, index,
                item.slot))
    return Side(name, placements, frames)


def spread_items(pw: float, ph: float, left: int | None, right: int | None, bleed: float,
                 gutter_bleed: tuple[float, float, float, float], creep: float
                 ) -> list[Item]:
    """Two pages side by side around the spine; bleed kept on the outer edges and clipped at
    the spine; creep moves both pages towards the spine inside their clip."""
    bl, bb, br, bt = gutter_bleed
    return [
        Item(left, (creep, 0, pw + creep, ph), (-bl, -bb, pw, ph + bt), creep, "left"),
        Item(right, (pw - creep, 0, 2 * pw - creep, ph), (pw, -bb, 2 * pw + br, ph + bt),
             creep, "right"),
    ]


def single_item(pw: float, ph: float, page: int | None,
                gutter_bleed: tuple[float, float, float, float]) -> list[Item]:
    bl, bb, br, bt = gutter_bleed
    return [Item(page, (0, 0, pw, ph), (-bl, -bb, pw + br, ph + bt), 0.0, "single")]


def cell_bleeds(grid: Grid, bleed: float) -> tuple[float, float, float, float]:
    """How much bleed each cell may keep on each side (left, bottom, right, top, in the cell's
    frame): all of it, unless a narrow gutter shares it between neighbours."""
    if grid.count == 1:
        return (bleed,) * 4
    keep = min(bleed, grid.gutter / 2)
    return (keep, keep, keep, keep)


def describe(plan: SheetPlan) -> list[dict]:
    """The plan as rows (sheet, side, cell, slot, page, rotation, creep): for --map."""
    rows = []
    for sheet in plan.sheets:
        for side in sheet.sides:
            for p in side.placements:
                rows.append({"sheet": sheet.number, "side": side.name, "cell": p.cell + 1,
                             "slot": p.slot, "page": None if p.page is None else p.page + 1,
                             "rotation": p.rotation,
                             "trim_mm": [round(to_mm(v), 2) for v in p.rect],
                             "creep_mm": round(to_mm(p.creep), 3)})
    return rows
