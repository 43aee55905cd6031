"""The sheet plan placed exactly, without a PDF: the room kept around the cells, the grid
chosen for a sheet (exact fits, a hair short, rotated cells, the shape of the copies), every
placement of a booklet and of an n-up job (page, sheet, side, cell, trim, clip, rotation,
creep) on both duplex modes, and the exact refusals. Lengths are written in mm."""

from __future__ import annotations

import pytest

from monrecap.errors import SheetFitError
from monrecap.impose import custom_profile, plan_imposition
from monrecap.impose.sheetplan import describe, fit_grid, margins_needed, press_flip_axis

MM = 72 / 25.4  # written here, not imported: a wrong constant in the module must show
A6 = (105 * MM, 148 * MM)
SPREAD = (210 * MM, 148 * MM)


def mm(values) -> tuple[float, ...]:
    return tuple(round(v / MM, 6) for v in values)


def profile(**flags):
    return custom_profile(None, **{"marks": "none", **flags})


# --- the room around the cells ---------------------------------------------------------------

@pytest.mark.parametrize("flags,needed", [
    (dict(marks="none"), 3),                          # the bleed alone
    (dict(marks="crop"), 7),                          # bleed, 1 mm clear, a 3 mm mark
    (dict(marks="fold"), 7),
    (dict(marks="registration"), 7),
    (dict(marks="slug"), 7),
    (dict(marks="colorbar"), 8.5),                    # bleed, 1 mm clear, a 4.5 mm bar
    (dict(marks="crop,colorbar"), 8.5),
    (dict(marks="all"), 8.5),
    (dict(marks="none", guides=True), 5),             # guides: the bleed and 2 mm
    (dict(marks="none", guides=True, printer_margin="5mm"), 7),  # or the margin and 2 mm
    (dict(marks="all", guides=True, printer_margin="5mm"), 8.5),
    (dict(marks="none", printer_margin="5mm"), 5),    # never inside the printer's margin
    (dict(marks="crop", printer_margin="9mm"), 9),
])
def test_the_room_kept_around_the_cells(flags, needed) -> None:
    got = margins_needed(custom_profile(None, sheet="SRA3", **flags), 3 * MM)
    assert round(got / MM, 6) == needed


# --- the grid ----------------------------------------------------------------------------------

def grid_of(sheet: str, cell=SPREAD, bleed: float = 3, **flags):
    grid = fit_grid(profile(sheet=sheet, **flags), cell, bleed * MM)
    return (mm(grid.sheet), mm(grid.cell), grid.rotation, grid.cols, grid.rows,
            round(grid.gutter / MM, 6), mm(grid.origin))


@pytest.mark.parametrize("sheet,orientation,copies,expected", [
    # exactly two spreads and a 6 mm gutter across, two down, 3 mm (the bleed) around
    ("432x308mm", "landscape", None, ((432, 308), 0, 2, 2, (3, 3))),
    # a hundredth of a millimetre short: one column, or one row, centred
    ("431.99x308mm", "landscape", None, ((431.99, 308), 0, 1, 2, (110.995, 3))),
    ("432x307.99mm", "landscape", None, ((432, 307.99), 0, 2, 1, (3, 79.995))),
    # as many as fit, unrotated first: one column of two on SRA3 upright
    ("SRA3", "portrait", None, ((320, 450), 0, 1, 2, (55, 74))),
    ("SRA3", "landscape", None, ((450, 320), 0, 2, 2, (12, 9))),
    # four wanted upright: the cells turn a quarter, two by two
    ("SRA3", "portrait", 4, ((320, 450), 90, 2, 2, (9, 12))),
    ("SRA3", "auto", 4, ((320, 450), 90, 2, 2, (9, 12))),   # auto: the sheet as given first
    ("SRA3", "landscape", 3, ((450, 320), 0, 2, 2, (12, 9))),  # 3 take a 2 × 2 grid
    ("SRA3", "landscape", 2, ((450, 320), 0, 1, 2, (120, 9))),
    ("SRA3", "landscape", 1, ((450, 320), 0, 1, 1, (120, 86))),
    # only turned does a spread fit: one, its 148 mm across, its 210 mm up
    ("160x308mm", "portrait", None, ((160, 308), 90, 1, 1, (6, 49))),
    ("A4", "portrait", 1, ((210, 297), 90, 1, 1, (31, 43.5))),
])
def test_the_grid_a_sheet_takes(sheet, orientation, copies, expected) -> None:
    got = grid_of(sheet, orientation=orientation, copies=copies)
    assert got == (expected[0], (210, 148), *expected[1:4], 6, expected[4])


def test_a_given_gutter_replaces_twice_the_bleed() -> None:
    assert grid_of("436x312mm", orientation="landscape", gutter="10mm") == \
        ((436, 312), (210, 148), 0, 2, 2, 10, (3, 3))
    assert grid_of("436x312mm", orientation="landscape") == \
        ((436, 312), (210, 148), 0, 2, 2, 6, (5, 5))


@pytest.mark.parametrize("copies,shape", [
    (None, (10, 10)), (1, (1, 1)), (2, (1, 2)), (3, (1, 3)), (4, (2, 2)), (6, (2, 3)),
    (7, (1, 7)), (9, (3, 3)), (10, (2, 5)), (12, (3, 4)), (16, (4, 4)), (100, (10, 10)),
])
def test_the_copies_take_the_fewest_cells_then_the_squarest_grid(copies, shape) -> None:
    """10 mm pages without bleed on a 100 mm square: room for 10 × 10."""
    got = grid_of("100x100mm", cell=(10 * MM, 10 * MM), bleed=0, copies=copies)
    cols, rows = shape
    assert got == ((100, 100), (10, 10), 0, cols, rows, 0,
                   ((100 - 10 * cols) / 2, (100 - 10 * rows) / 2))


def refusal(pages: int, page: tuple[float, float], **flags) -> tuple[str, str]:
    with pytest.raises(SheetFitError) as caught:
        plan_imposition(pages, page, 3 * MM, profile(**flags))
    return caught.value.key, str(caught.value)


def test_what_does_not_fit_is_refused_never_scaled() -> None:
    assert refusal(8, A6, sheet="A5") == (
        "sheet", "a 210 × 148 mm spread with 3.0 mm around it for bleed and marks does not "
        "fit on a 148 × 210 mm sheet; pages are never scaled: use a larger sheet, or fewer "
        "marks")
    # room for one spread with its bleed, not with crop marks around it as well
    assert grid_of("220x160mm", orientation="landscape")[2:5] == (0, 1, 1)
    assert refusal(8, A6, sheet="220x160mm", marks="crop", orientation="landscape") == (
        "sheet", "a 210 × 148 mm spread with 7.0 mm around it for bleed and marks does not "
        "fit on a 220 × 160 mm sheet; pages are never scaled: use a larger sheet, or fewer "
        "marks")
    assert refusal(2, A6, scheme="nup", sheet="A6") == (
        "sheet", "a 105 × 148 mm page with 3.0 mm around it for bleed and marks does not "
        "fit on a 105 × 148 mm sheet; pages are never scaled: use a larger sheet, or fewer "
        "marks")
    # wide enough for two spreads, too low for one, either way round
    assert refusal(8, A6, sheet="450x150mm") == (
        "sheet", "a 210 × 148 mm spread with 3.0 mm around it for bleed and marks does not "
        "fit on a 450 × 150 mm sheet; pages are never scaled: use a larger sheet, or fewer "
        "marks")
    assert refusal(8, A6, sheet="SRA3", copies=5) == (
        "copies", "5 copies per side do not fit on a 320 × 450 mm sheet (at most 4); pages "
        "are never scaled")
    assert refusal(8, A6, sheet="SRA3", orientation="landscape", copies=9) == (
        "copies", "9 copies per side do not fit on a 320 × 450 mm sheet (at most 4); pages "
        "are never scaled")


@pytest.mark.parametrize("sheet,duplex,axis", [
    ((450, 320), "long-edge", "y"), ((450, 320), "short-edge", "x"),
    ((320, 450), "long-edge", "x"), ((320, 450), "short-edge", "y"),
    # a square sheet: its horizontal edges count as the long ones
    ((300, 300), "long-edge", "y"), ((300, 300), "short-edge", "x"),
])
def test_the_axis_the_press_turns_the_sheet_about(sheet, duplex, axis) -> None:
    assert press_flip_axis(sheet, duplex) == axis


# --- booklets ----------------------------------------------------------------------------------

def placements(plan) -> list[tuple]:
    """(sheet, side, cell, slot, page 1-based, rotation, trim, clip, creep) in mm."""
    return [(sheet.number, side.name, p.cell, p.slot, None if p.page is None else p.page + 1,
             p.rotation, mm(p.rect), mm(p.clip), round(p.creep / MM, 6))
            for sheet in plan.sheets for side in sheet.sides for p in side.placements]


def frames(plan) -> list[tuple]:
    return [(sheet.number, side.name, mm(c.rect), c.rotation,
             None if c.spine is None else mm(c.spine))
            for sheet in plan.sheets for side in sheet.sides for c in side.cells]


def spread(x: float, y: float, mirrored: bool, creep: float) -> dict:
    """Trim and clip of the left and right page of an unrotated cell whose trim starts at
    (x, y): bleed kept outside, clipped at the spine (x + 105), creep towards it. A verso
    (turned over about the spine) puts the reader's left page on the right."""
    left = ((x + creep, y, x + 105 + creep, y + 148), (x - 3, y - 3, x + 105, y + 151))
    right = ((x + 105 - creep, y, x + 210 - creep, y + 148),
             (x + 105, y - 3, x + 213, y + 151))
    return {"left": right, "right": left} if mirrored else {"left": left, "right": right}


#: An 8-page booklet: the (left, right) pages as read of each sheet side.
BOOKLET = {(1, "recto"): (8, 1), (1, "verso"): (2, 7), (2, "recto"): (6, 3),
           (2, "verso"): (4, 5)}


def test_a_booklet_on_four_cells_turned_over_the_long_edge_with_creep() -> None:
    """SRA3 across, 4 copies: the verso is turned over the long (horizontal) edge, so its
    rows swap and it is printed upside down; the second folio creeps 0.12345 mm."""
    plan = plan_imposition(8, A6, 3 * MM, profile(
        scheme="saddle", sheet="SRA3", orientation="landscape", copies=4, duplex="long-edge",
        creep="123.45um"))
    assert (mm(plan.sheet), plan.duplex, plan.pages, plan.padded, plan.warnings) == \
        ((450, 320), "long-edge", 8, 0, [])
    corners = {"recto": [(12, 163), (228, 163), (12, 9), (228, 9)],
               "verso": [(12, 9), (228, 9), (12, 163), (228, 163)]}
    expected = []
    for (sheet, side), pages in BOOKLET.items():
        creep = 0.12345 * (sheet - 1)
        for cell, (x, y) in enumerate(corners[side]):
            where = spread(x, y, side == "verso", creep)
            for slot, page in zip(("left", "right"), pages):
                trim, clip = where[slot]
                expected.append((sheet, side, cell, slot, page, 0 if side == "recto" else 180,
                                 mm(v * MM for v in trim), mm(v * MM for v in clip), creep))
    assert placements(plan) == expected
    assert frames(plan) == [
        (sheet, side, (x, y, x + 210, y + 148), 0 if side == "recto" else 180,
         (x + 105, y, x + 105, y + 148))
        for sheet, side in BOOKLET for x, y in corners[side]]
    # What --map prints: 1-based cells and pages, the trim to 0.01 mm, the creep to 0.001 mm.
    rows = describe(plan)
    assert rows[0] == {"sheet": 1, "side": "recto", "cell": 1, "slot": "left", "page": 8,
                       "rotation": 0, "trim_mm": [12.0, 163.0, 117.0, 311.0], "creep_mm": 0.0}
    assert rows[16] == {"sheet": 2, "side": "recto", "cell": 1, "slot": "left", "page": 6,
                        "rotation": 0, "trim_mm": [12.12, 163.0, 117.12, 311.0],
                        "creep_mm": 0.123}
    assert rows[31] == {"sheet": 2, "side": "verso", "cell": 4, "slot": "right", "page": 5,
                        "rotation": 180, "trim_mm": [228.12, 163.0, 333.12, 311.0],
                        "creep_mm": 0.123}
    assert [(r["sheet"], r["side"], r["cell"], r["slot"], r["page"]) for r in rows] == \
        [(s, side, cell + 1, slot, page) for s, side, cell, slot, page, *_ in expected]


def turned(x: float, y: float, lower: str) -> dict:
    """Trim and clip of the two pages of a cell turned a quarter (x, y: its trim corner;
    148 mm across, 210 mm up; the spine at y + 105): ``lower`` is the slot below it."""
    low = ((x, y, x + 148, y + 105), (x - 3, y - 3, x + 151, y + 105))
    high = ((x, y + 105, x + 148, y + 210), (x - 3, y + 105, x + 151, y + 213))
    return {lower: low, ("right" if lower == "left" else "left"): high}


@pytest.mark.parametrize("duplex,verso,verso_lower,verso_rotation", [
    # short edge of an upright sheet: turned top over bottom, the rows swap
    ("short-edge", [(9, 12), (163, 12), (9, 228), (163, 228)], "left", 90),
    # long edge: turned left over right, the columns swap, the pages upside down
    ("long-edge", [(163, 228), (9, 228), (163, 12), (9, 12)], "right", 270),
])
def test_a_booklet_on_turned_cells(duplex, verso, verso_lower, verso_rotation) -> None:
    """SRA3 upright, 4 copies of a 4-page booklet: the cells turn a quarter
    counter-clockwise, the left page below the spine."""
    plan = plan_imposition(4, A6, 3 * MM, profile(
        scheme="saddle", sheet="SRA3", orientation="portrait", copies=4, duplex=duplex))
    corners = {"recto": [(9, 228), (163, 228), (9, 12), (163, 12)], "verso": verso}
    lower = {"recto": "left", "verso": verso_lower}
    rotation = {"recto": 90, "verso": verso_rotation}
    pages = {"recto": (4, 1), "verso": (2, 3)}
    expected = []
    for side in ("recto", "verso"):
        for cell, (x, y) in enumerate(corners[side]):
            where = turned(x, y, lower[side])
            for slot, page in zip(("left", "right"), pages[side]):
                trim, clip = where[slot]
                expected.append((1, side, cell, slot, page, rotation[side],
                                 mm(v * MM for v in trim), mm(v * MM for v in clip), 0.0))
    assert placements(plan) == expected
    assert frames(plan) == [(1, side, (x, y, x + 148, y + 210), rotation[side],
                             (x, y + 105, x + 148, y + 105))
                            for side in ("recto", "verso") for x, y in corners[side]]


def test_a_booklet_with_creep_on_a_turned_cell() -> None:
    """A4 upright, one copy turned a quarter: the second folio's pages creep 0.1 mm
    towards the spine, up for the lower page, down for the upper one."""
    plan = plan_imposition(8, A6, 3 * MM, profile(
        scheme="saddle", sheet="A4", orientation="portrait", copies=1, duplex="long-edge",
        creep="100um"))
    low, high = (31, 43.5, 179, 148.5), (31, 148.5, 179, 253.5)
    clip_low, clip_high = (28, 40.5, 182, 148.5), (28, 148.5, 182, 256.5)

    def moved(rect, by):
        return (rect[0], rect[1] + by, rect[2], rect[3] + by)

    assert placements(plan) == [
        (1, "recto", 0, "left", 8, 90, low, clip_low, 0.0),
        (1, "recto", 0, "right", 1, 90, high, clip_high, 0.0),
        (1, "verso", 0, "left", 2, 270, high, clip_high, 0.0),
        (1, "verso", 0, "right", 7, 270, low, clip_low, 0.0),
        (2, "recto", 0, "left", 6, 90, moved(low, 0.1), clip_low, 0.1),
        (2, "recto", 0, "right", 3, 90, moved(high, -0.1), clip_high, 0.1),
        (2, "verso", 0, "left", 4, 270, moved(high, -0.1), clip_high, 0.1),
        (2, "verso", 0, "right", 5, 270, moved(low, 0.1), clip_low, 0.1)]


# --- n-up --------------------------------------------------------------------------------------

def test_nup_sides_and_a_narrow_gutter_sharing_the_bleed() -> None:
    """3 pages on SRA3 across, 4 mm between the copies: 8 copies of page 1, page 2 behind
    each (turned over the short edge: the columns swap), page 3 alone on a second sheet;
    each copy keeps 2 mm of its 3 mm bleed, half the gutter."""
    plan = plan_imposition(3, A6, 3 * MM, profile(
        scheme="nup", sheet="SRA3", orientation="landscape", gutter="4mm"))
    xs, ys = (9, 118, 227, 336), (162, 10)
    recto = [(x, y) for y in ys for x in xs]
    verso = [(x, y) for y in ys for x in reversed(xs)]
    sides = [(1, "recto", 1, recto), (1, "verso", 2, verso), (2, "recto", 3, recto)]
    assert (plan.pages, plan.padded, plan.warnings) == (3, 0, [])
    assert placements(plan) == [
        (sheet, side, cell, "single", page, 0, (x, y, x + 105, y + 148),
         (x - 2, y - 2, x + 107, y + 150), 0.0)
        for sheet, side, page, corners in sides for cell, (x, y) in enumerate(corners)]
    assert frames(plan) == [(sheet, side, (x, y, x + 105, y + 148), 0, None)
                            for sheet, side, _, corners in sides for x, y in corners]


def test_nup_two_copies_share_the_bleed_too() -> None:
    plan = plan_imposition(1, A6, 3 * MM, profile(
        scheme="nup", sheet="SRA3", orientation="landscape", gutter="4mm", copies=2))
    assert placements(plan) == [
        (1, "recto", cell, "single", 1, 0, (172.5, y, 277.5, y + 148),
         (170.5, y - 2, 279.5, y + 150), 0.0) for cell, y in enumerate((162, 10))]


@pytest.mark.parametrize("duplex,rotation", [("short-edge", 180), ("long-edge", 0)])
def test_nup_a_single_copy_keeps_all_its_bleed(duplex, rotation) -> None:
    """One copy on A4 upright: its whole 3 mm bleed, however narrow the gutter; turned over
    the short (top) edge, the back is printed upside down."""
    plan = plan_imposition(2, A6, 3 * MM, profile(
        scheme="nup", sheet="A4", orientation="portrait", gutter="2mm", duplex=duplex))
    trim, clip = (52.5, 74.5, 157.5, 222.5), (49.5, 71.5, 160.5, 225.5)
    assert placements(plan) == [(1, "recto", 0, "single", 1, 0, trim, clip, 0.0),
                                (1, "verso", 0, "single", 2, rotation, trim, clip, 0.0)]


@pytest.mark.parametrize("duplex,verso,rotation", [
    ("long-edge", [42, 153], 180),   # turned top over bottom: upside down, in place
    ("short-edge", [153, 42], 0),    # turned left over right: the columns swap
])
def test_nup_on_a_square_sheet(duplex, verso, rotation) -> None:
    """Two copies side by side on a 300 mm square, whose long edges are taken to be the
    horizontal ones."""
    plan = plan_imposition(2, A6, 3 * MM, profile(
        scheme="nup", sheet="300x300mm", copies=2, duplex=duplex))
    sides = [("recto", 1, [42, 153], 0), ("verso", 2, verso, rotation)]
    assert placements(plan) == [
        (1, side, cell, "single", page, turn, (x, 76, x + 105, 224), (x - 3, 73, x + 108, 227),
         0.0) for side, page, xs, turn in sides for cell, x in enumerate(xs)]
