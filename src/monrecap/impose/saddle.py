"""Saddle stitch: folios nested and stapled at the spine; sheet k carries folio k, repeated
in every cell (step and repeat)."""

from __future__ import annotations

from monrecap.impose.profile import PrintProfile
from monrecap.impose.sheetplan import Grid, Sheet, cell_bleeds, place_side, spread_items


def folio_pages(n: int, s: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """0-based pages of folio ``s`` (0 = outermost) of an ``n``-page booklet:
    (outside left, outside right), (inside left, inside right) as read.

    >>> folio_pages(8, 0), folio_pages(8, 1)
    (((7, 0), (1, 6)), ((5, 2), (3, 4)))
    """
    return (n - 1 - 2 * s, 2 * s), (2 * s + 1, n - 2 - 2 * s)


def creep_for(s: int, profile: PrintProfile) -> float:
    """How far folio ``s`` moves towards the spine: one paper thickness per folio wrapped
    around it (the outermost does not move)."""
    return s * profile.creep


class SaddleImpositor:
    """One booklet; every cell of a sheet side holds the same folio."""

    name = "saddle"
    cell_pages = 2

    def sheets(self, grid: Grid, n: int, real: int, profile: PrintProfile,
               page_size: tuple[float, float], bleed: float) -> list[Sheet]:
        pw, ph = page_size
        keep = cell_bleeds(grid, bleed)
        out = []
        for s in range(n // 4):
            (ol, or_), (il, ir) = folio_pages(n, s)
            creep = creep_for(s, profile)

            def page(i: int) -> int | None:
                return i if i < real else None

            outside = spread_items(pw, ph, page(ol), page(or_), bleed, keep, creep)
            inside = spread_items(pw, ph, page(il), page(ir), bleed, keep, creep)
            out.append(Sheet(s + 1, [
                place_side(grid, "recto", [outside] * grid.count, profile.duplex, True),
                place_side(grid, "verso", [inside] * grid.count, profile.duplex, True)]))
        return out

