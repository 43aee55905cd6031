"""The knockout rule's geometry, exactly: which colours are black, white or colour at each
threshold, the size of a shape the rule looks at, the points it samples along strokes and
curves, and which area is topmost under a point."""

from __future__ import annotations

import io

import pikepdf
import pytest

from monrecap.preflight import Context, run_preflight
from monrecap.preflight.knockout import (
    SHAPE,
    Areas,
    along,
    centre,
    coloured,
    curve,
    k_only,
    shape_sized,
    white,
)

NAN, INF = float("nan"), float("inf")


@pytest.mark.parametrize(("colour", "full", "expected"), [
    (("DeviceCMYK", (0, 0, 0, 1)), True, True),
    (("ICC-CMYK", (0, 0, 0, 1)), True, True),
    (("DeviceCMYK", (0, 0, 0, 1)), False, True),
    (("DeviceCMYK", (0, 0, 0, 0.999)), True, True),       # 100 % K within rounding
    (("DeviceCMYK", (0, 0, 0, 0.9989)), True, False),
    (("DeviceCMYK", (0, 0, 0, 0.5)), True, False),        # a tint is not full black…
    (("DeviceCMYK", (0, 0, 0, 0.5)), False, True),        # …but is black ink alone
    (("DeviceCMYK", (0, 0, 0, 0.0011)), False, True),
    (("DeviceCMYK", (0, 0, 0, 0.001)), False, False),     # no ink at all
    (("DeviceCMYK", (0.0005, 0.0005, 0, 1)), True, True),  # C+M+Y = 0.001: rounding
    (("DeviceCMYK", (0.0006, 0.0005, 0, 1)), True, False),
    (("DeviceCMYK", (0.5, 0, 0, 1)), True, False),        # cyan in it
    (("DeviceCMYK", (0, 0.5, 0, 1)), True, False),        # magenta in it
    (("DeviceCMYK", (0, 0, 0.5, 1)), True, False),        # yellow in it
    (("DeviceCMYK", (0, 0, 0)), True, False),             # not four components
    (("DeviceCMYK", (0, 0, 0, 1, 0)), True, False),
    (("DeviceGray", (0,)), True, False),                  # grey black is not K-only CMYK
    (("DeviceRGB", (0, 0, 0, 1)), True, False),
])
def test_k_only(colour, full, expected) -> None:
    assert k_only(colour, full) is expected


@pytest.mark.parametrize(("colour", "expected"), [
    (("DeviceCMYK", (0, 0, 0, 0)), True),
    (("ICC-CMYK", (0, 0, 0, 0)), True),
    (("DeviceCMYK", (0, 0, 0, 0.0009)), True),
    (("DeviceCMYK", (0, 0, 0, 0.001)), False),
    (("DeviceCMYK", (0.0004, 0, 0, 0.0004)), True),
    (("DeviceCMYK", (0.0006, 0, 0, 0.0006)), False),
    (("DeviceCMYK", (0, 0, 0)), False),
    (("DeviceGray", (1,)), True),
    (("ICC-Gray", (1,)), True),
    (("DeviceGray", (0.9995,)), True),
    (("DeviceGray", (0.999,)), False),
    (("DeviceGray", (1, 1)), False),
    (("DeviceGray", (0,)), False),
    (("DeviceRGB", (1, 1, 1)), True),
    (("ICC-RGB", (1, 1, 1)), True),
    (("CalRGB", (1, 1, 1)), True),
    (("DeviceRGB", (1, 0.9995, 1)), True),
    (("DeviceRGB", (1, 1, 0.999)), False),
    (("DeviceRGB", (0.999, 1, 1)), False),
    (("DeviceRGB", (1, 1, 0)), False),
    (("DeviceRGB", (1, 1, 1, 1)), False),
    (("DeviceRGB", (0, 0, 0, 0)), False),                 # four zeros are white only in CMYK
    (("DeviceGray", (0, 0, 0, 0)), False),
    (("Separation", (1,)), False),
    (("DeviceCMYK", (1, 1, 1)), False),                   # three components are white in RGB
    (("Lab", (1, 1, 1)), False),
])
def test_white(colour, expected) -> None:
    assert white(colour) is expected


@pytest.mark.parametrize(("colour", "expected"), [
    (("DeviceGray", (0.5,)), False),
    (("ICC-Gray", (0,)), False),
    (("DeviceCMYK", (0, 0, 0, 1)), False),
    (("ICC-CMYK", (0, 0, 0, 0.4)), False),
    (("DeviceCMYK", (0.0005, 0.0005, 0, 1)), False),
    (("DeviceCMYK", (0.0006, 0.0005, 0, 0)), True),
    (("DeviceCMYK", (0.5, 0, 0, 0)), True),
    (("DeviceCMYK", (0, 0.5, 0, 0)), True),
    (("DeviceCMYK", (0, 0, 0.5, 0)), True),
    (("ICC-CMYK", (0, 0, 0.5, 1)), True),
    (("DeviceCMYK", (0, 0, 0)), True),                    # unreadable: counts as colour
    (("DeviceCMYK", (0, 0, 0, 0, 0)), True),
    (("DeviceRGB", (1, 1, 1)), False),
    (("DeviceRGB", (1, 0, 0)), True),
    (("DeviceRGB", (0, 0, 0)), True),                     # RGB black is rich black
    (("Separation", (1,)), True),                         # a spot colour
    (("Indexed", ()), True),
    (("DeviceN", (0, 0, 0, 1)), True),                    # four inks, not CMYK: unreadable
    (("DeviceRGB", (0, 0, 0, 0)), True),
])
def test_coloured(colour, expected) -> None:
    assert coloured(colour) is expected


def test_shape_size_is_30_mm_wide_and_high() -> None:
    assert SHAPE == pytest.approx(85.0394, abs=1e-4)
    assert shape_sized((0, 0, 85.03, 85.03))
    assert shape_sized((10, 20, 10 + SHAPE, 20 + SHAPE))
    assert not shape_sized((0, 0, 85.05, 1))
    assert not shape_sized((0, 0, 1, 85.05))
    assert not shape_sized((10, 0, 95.05, 1))
    assert not shape_sized((0, 10, 1, 95.05))
    assert shape_sized((50, 50, 60, 60))


def test_centre() -> None:
    assert centre((0, 0, 10, 20)) == (5, 10)
    assert centre((2, 4, 6, 10)) == (4, 7)


def pts(points) -> list[tuple[float, float]]:
    return [(round(x, 6), round(y, 6)) for x, y in points]


def test_points_along_a_segment_every_4_points_ends_included() -> None:
    assert pts(along([((0, 0), (8, 0))])) == [(0, 0), (4, 0), (8, 0)]
    assert pts(along([((0, 0), (9, 0))])) == [(0, 0), (3, 0), (6, 0), (9, 0)]
    assert pts(along([((0, 0), (12.5, 0))])) == [(0, 0), (3.125, 0), (6.25, 0), (9.375, 0),
                                                 (12.5, 0)]
    assert pts(along([((0, 0), (3, 4))])) == [(0, 0), (1.5, 2), (3, 4)]
    assert pts(along([((0, 10), (0, 0))], step=5)) == [(0, 10), (0, 5), (0, 0)]
    assert pts(along([((0, 0), (4, 0))])) == [(0, 0), (4, 0)]
    assert pts(along([((3, 10), (3, 14))])) == [(3, 10), (3, 14)]
    assert pts(along([((1, 1), (1, 1))])) == [(1, 1), (1, 1)]  # a dot: its two ends
    assert pts(along([((0, 0), (4, 0)), ((4, 0), (4, 8))])) == [
        (0, 0), (4, 0), (4, 0), (4, 4), (4, 8)]
    assert list(along([])) == []


def test_at_most_256_steps_a_segment() -> None:
    exact = list(along([((0, 0), (1024, 0))]))
    assert len(exact) == 257 and exact[1] == (4, 0) and exact[-1] == (1024, 0)
    longer = list(along([((0, 0), (1028, 0))]))
    assert len(longer) == 257 and longer[1] == (1028 / 256, 0) and longer[-1] == (1028, 0)
    assert len(list(along([((0, 0), (10 ** 9, 0))]))) == 257


def bezier(p0, p1, p2, p3, t) -> tuple[float, float]:
    """de Casteljau's construction, independent of the formula under test."""
    def lerp(a, b):
        return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
    a, b, c = lerp(p0, p1), lerp(p1, p2), lerp(p2, p3)
    d, e = lerp(a, b), lerp(b, c)
    return lerp(d, e)


def test_points_on_a_cubic_curve() -> None:
    p = ((1, 2), (1, 3), (4, 5), (9, 2))
    got = curve(*p)
    assert len(got) == 8
    for i, point in enumerate(got, start=1):
        assert point == pytest.approx(bezier(*p, i / 8)), i
    assert got[-1] == pytest.approx((9, 2))
    assert pts(curve((0, 0), (0, 1), (1, 1), (1, 0), pieces=2)) == [(0.5, 0.75), (1, 0)]
    assert pts(curve((0, 0), (1, 0), (2, 0), (3, 0), pieces=3)) == [(1, 0), (2, 0), (3, 0)]


def test_topmost_area_under_a_point() -> None:
    a = Areas()
    a.add((0, 0, 1000, 1000), True)        # a coloured background (a large area)
    a.add((10, 10, 20, 20), False)         # a white box on it
    assert not a.coloured_at(15, 15)
    assert a.coloured_at(100, 100)
    assert not a.coloured_at(1001, 5)      # outside every area
    a.add((0, 0, 2000, 2000), False)       # a white sheet over everything
    assert not a.coloured_at(100, 100)
    a.add((12, 12, 14, 14), True)          # a small coloured box on top of it all
    assert a.coloured_at(13, 13) and not a.coloured_at(16, 16)
    assert a.count == 4


def test_a_large_area_painted_last_is_on_top_of_small_ones() -> None:
    a = Areas()
    a.add((10, 10, 20, 20), False)
    a.add((0, 0, 1000, 1000), True)
    assert a.coloured_at(15, 15)


def test_small_areas_in_one_cell_in_paint_order() -> None:
    a = Areas()
    a.add((0, 0, 10, 10), True)
    a.add((0, 0, 10, 10), False)
    assert not a.coloured_at(5, 5)
    a.add((2, 2, 8, 8), True)
    assert a.coloured_at(5, 5) and not a.coloured_at(9, 9)


def test_an_area_edge_with_and_without_a_margin() -> None:
    a = Areas()
    a.add((0, 0, 10, 10), True)
    for x, y in ((0, 5), (10, 5), (5, 0), (5, 10), (0, 0), (10, 10)):
        assert a.coloured_at(x, y), (x, y)       # the border is inside
    for x, y in ((-0.01, 5), (10.01, 5), (5, -0.01), (5, 10.01)):
        assert not a.coloured_at(x, y), (x, y)
    for x, y in ((1.5, 5), (8.5, 5), (5, 1.5), (5, 8.5)):
        assert a.coloured_at(x, y, edge=1), (x, y)
    for x, y in ((1, 5), (0.5, 5), (9, 5), (9.5, 5), (5, 1), (5, 0.5), (5, 9), (5, 9.5)):
        assert not a.coloured_at(x, y, edge=1), (x, y)


def test_an_area_that_is_not_square() -> None:
    a = Areas()
    a.add((100, 20, 130, 60), True)
    inside = ((100, 20), (130, 60), (115, 40), (100, 60), (130, 20))
    outside = ((99.9, 40), (130.1, 40), (115, 19.9), (115, 60.1), (50, 40), (115, 100))
    assert [a.coloured_at(x, y) for x, y in inside] == [True] * 5
    assert [a.coloured_at(x, y) for x, y in outside] == [False] * 6
    inside = ((101.5, 21.5), (128.5, 58.5), (115, 40))
    outside = ((101, 40), (129, 40), (115, 21), (115, 59), (50, 40), (115, 100), (59, 40))
    assert [a.coloured_at(x, y, edge=1) for x, y in inside] == [True] * 3
    assert [a.coloured_at(x, y, edge=1) for x, y in outside] == [False] * 7


def test_the_topmost_area_under_a_margin_is_the_next_one_down() -> None:
    a = Areas()
    a.add((0, 0, 100, 100), True)
    a.add((10, 10, 20, 20), False)
    assert not a.coloured_at(10.5, 15)
    assert a.coloured_at(10.5, 15, edge=1)   # on the white box's border: the colour below


def test_cells_of_half_an_inch_and_the_large_list() -> None:
    a = Areas()
    a.add((-1, -1, 1, 1), True)
    assert set(a.cells) == {(-1, -1), (-1, 0), (0, -1), (0, 0)}
    a = Areas()
    a.add((35.5, 0, 36.5, 1), True)
    assert set(a.cells) == {(0, 0), (1, 0)}
    a = Areas()
    a.add((0, 0, 8 * 36 - 1, 8 * 36 - 1), True)    # 8 × 8 cells: still small
    assert len(a.cells) == 64 and a.large == []
    a.add((0, 0, 8 * 36 - 1, 9 * 36 - 1), False)   # 8 × 9: a large one
    assert len(a.cells) == 64 and [e[1] for e in a.large] == [(0, 0, 287, 323)]
    assert not a.coloured_at(100, 100)
    a = Areas()
    a.add((0, 0, 5 * 36 - 1, 13 * 36 - 1), True)   # 5 × 13 = 65 cells: large
    assert a.cells == {} and len(a.large) == 1
    a = Areas()
    a.add((0, 100, 10, 110), True)                  # a row of cells up the page
    a.add((720, 0, 730, 40), True)                  # far along x, two rows
    a.add((0, 720, 40, 730), True)                  # far along y, two columns
    assert set(a.cells) == {(0, 2), (0, 3), (20, 0), (20, 1), (0, 20), (1, 20)}
    assert a.large == []


def test_non_finite_boxes_and_points_are_never_under_anything() -> None:
    a = Areas()
    a.add((NAN, 0, 10, 10), True)
    a.add((0, 0, INF, INF), True)
    a.add((-INF, 0, 10, 10), True)
    assert a.count == 3 and a.cells == {} and a.large == []
    assert not a.coloured_at(5, 5)
    a.add((0, 0, 10, 10), True)
    assert a.count == 4 and a.coloured_at(5, 5)
    for x, y in ((NAN, 5), (5, NAN), (INF, 5), (5, -INF)):
        assert not a.coloured_at(x, y)
    a.add((-1e300, -1e300, 1e300, 1e300), True)    # huge yet finite: one entry, no cells
    assert len(a.large) == 1 and a.coloured_at(-1e299, 1e299)


def test_a_page_scaled_past_any_cell_count_is_read_not_crashed() -> None:
    """Twelve nested `cm` of 10⁹ make a 2-point band 10¹⁰⁸ points wide: its count of cells
    is a number no range holds (an OverflowError once), yet it is one large area, and the
    hairline across it knocks it out."""
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(595, 842))
    page.obj.Contents = pdf.make_stream(
        b"q " + b"1000000000 0 0 1000000000 0 0 cm " * 12 + b"0.8 0.1 0 0 k -1 -1 2 2 re f Q "
        b"0 0 0 1 K 0.5 w 0 350 m 595 350 l S")
    out = io.BytesIO()
    pdf.save(out)
    report = run_preflight(out.getvalue(), Context(kind="sheets", deep=True))
    assert [f.message for f in report.findings if f.rule == "colour.black-knockout"] == [
        "1 black hairline knocks out a coloured background"]
