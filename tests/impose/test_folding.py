"""Imposed sheets, folded by the simulator, read 1…N with every page upright."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from monrecap.impose import custom_profile, impose_pdf

from .folding import (MM, cell_key, find_pages, marker_distance, numbered_pdf, pair_sides,
                      read_booklet, spreads)

A6_WIDTH = 105 * MM


def sheets_of(pdf: bytes, source: bytes, count: int, duplex: str):
    doc = pdfium.PdfDocument(pdf)
    size = doc[0].get_size()
    sides = find_pages(pdf, count, marker_distance(source))
    assert len(sides) % 2 == 0
    for recto, verso in zip(sides[0::2], sides[1::2]):
        yield spreads(pair_sides(recto, verso, size, duplex), A6_WIDTH)


SETUPS = [
    pytest.param("saddle", "SRA3", "landscape", 4, id="saddle-sra3-x4"),
    pytest.param("saddle", "A4", "portrait", 1, id="saddle-a4-rotated"),
    pytest.param("cutstack", "SRA3", "landscape", 4, id="cutstack-sra3-x4"),
]


@pytest.mark.parametrize("count", [4, 8, 32, 48])
@pytest.mark.parametrize("duplex", ["long-edge", "short-edge"])
@pytest.mark.parametrize("scheme,sheet,orientation,copies", SETUPS)
def test_booklets_read_in_order(scheme, sheet, orientation, copies, duplex, count) -> None:
    profile = custom_profile(None, scheme=scheme, sheet=sheet, orientation=orientation,
                             copies=copies, duplex=duplex, marks="none")
    source = numbered_pdf(count)
    imposed = impose_pdf(source, "test.pdf", profile, None)
    per_sheet = list(sheets_of(imposed.pdf, source, count, duplex))
    expected = list(range(1, count + 1))
    if scheme == "saddle":
        assert len(per_sheet) == count // 4
        cells: dict = {}
        for spreads_on_sheet in per_sheet:
            assert len(spreads_on_sheet) == copies
            for spread in spreads_on_sheet:
                cells.setdefault(cell_key(spread), []).append(spread)
        assert len(cells) == copies
        for folios in cells.values():
            assert read_booklet(folios) == expected
    else:
        piles: dict = {}
        for spreads_on_sheet in per_sheet:
            for spread in spreads_on_sheet:
                piles.setdefault(cell_key(spread), []).append(spread)
        folios = [f for key in sorted(piles) for f in piles[key]]
        assert read_booklet(folios) == expected


@pytest.mark.parametrize("duplex", ["long-edge", "short-edge"])
@pytest.mark.parametrize("sheet,orientation,cells", [("SRA3", "landscape", 8),
                                                     ("A4", "portrait", 1)])
def test_nup_puts_each_back_behind_its_front(duplex, sheet, orientation, cells) -> None:
    profile = custom_profile(None, scheme="nup", sheet=sheet, orientation=orientation,
                             duplex=duplex, marks="none")
    source = numbered_pdf(3)
    imposed = impose_pdf(source, "flyer.pdf", profile, None)
    doc = pdfium.PdfDocument(imposed.pdf)
    size = doc[0].get_size()
    sides = find_pages(imposed.pdf, 3, marker_distance(source))
    assert len(sides) == 3  # page 3 has no back: the second sheet is printed on one side
    recto, verso = sides[0], sides[1]
    assert {f.page for f in recto} == {1} and {f.page for f in verso} == {2}
    assert len(recto) == len(imposed.plan.sheets[0].sides[0].cells) == cells
    leaves = pair_sides(recto, verso, size, duplex)
    assert all(leaf.back is not None and leaf.back.page == 2 for leaf in leaves)
    assert {f.page for f in sides[2]} == {3}
