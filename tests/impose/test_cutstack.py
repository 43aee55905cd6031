"""Cut and stack placed exactly: an 18-page booklet, padded to 20 (5 folios), on SRA3 in 4
cells takes 2 sheets (not one per folio nor per cell), each cell's pile holds consecutive
folios, the two pad pages and the cells no folio fills are blank, without creep."""

from __future__ import annotations

from monrecap.impose import custom_profile, impose_pdf
from monrecap.impose.sheetplan import describe, to_mm

from .folding import numbered_pdf

#: (sheet, side) → the pages of cells 1 to 4, left and right slot (None: blank).
PAGES = {
    (1, "recto"): [None, 1, 16, 5, 12, 9, None, None],
    (1, "verso"): [2, None, 6, 15, 10, 11, None, None],
    (2, "recto"): [18, 3, 14, 7, None, None, None, None],
    (2, "verso"): [4, 17, 8, 13, None, None, None, None],
}
#: The trim of each cell's left and right page, in mm from the sheet's lower left corner;
#: the verso mirrors the recto (long-edge duplex: turned 180°).
RECTO = [[12, 163, 117, 311], [117, 163, 222, 311], [228, 163, 333, 311], [333, 163, 438, 311],
         [12, 9, 117, 157], [117, 9, 222, 157], [228, 9, 333, 157], [333, 9, 438, 157]]
VERSO = [[117, 9, 222, 157], [12, 9, 117, 157], [333, 9, 438, 157], [228, 9, 333, 157],
         [117, 163, 222, 311], [12, 163, 117, 311], [333, 163, 438, 311], [228, 163, 333, 311]]


def test_a_short_padded_booklet_on_four_cells_is_placed_exactly() -> None:
    profile = custom_profile(None, scheme="cutstack", sheet="SRA3", orientation="landscape",
                             copies=4, duplex="long-edge", marks="none")
    plan = impose_pdf(numbered_pdf(18), "test.pdf", profile, None).plan
    rows = describe(plan)
    expected = []
    for (sheet, side), pages in PAGES.items():
        for k, page in enumerate(pages):
            expected.append({"sheet": sheet, "side": side, "cell": k // 2 + 1,
                             "slot": ("left", "right")[k % 2], "page": page,
                             "rotation": 0 if side == "recto" else 180,
                             "trim_mm": [float(v) for v in (RECTO if side == "recto"
                                                            else VERSO)[k]],
                             "creep_mm": 0.0})
    assert rows == expected
    # Every cell, blank or not, has its fold line (for the fold marks) between its two pages.
    upper, lower = [[117, 163, 117, 311], [333, 163, 333, 311]], [[117, 9, 117, 157],
                                                                 [333, 9, 333, 157]]
    spines = {"recto": upper + lower, "verso": lower + upper}
    for sheet in plan.sheets:
        for side in sheet.sides:
            assert [[round(to_mm(v)) for v in cell.spine] for cell in side.cells] == \
                spines[side.name], (sheet.number, side.name)
