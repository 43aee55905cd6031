"""Cut and stack: different folios in each cell, numbered so that the piles that come out of
the guillotine, laid one on the other in cell order, give the folios in nesting order."""

from __future__ import annotations

import math

from monrecap.impose.profile import PrintProfile
from monrecap.impose.saddle import creep_for, folio_pages
from monrecap.impose.sheetplan import Grid, Sheet, cell_bleeds, place_side, spread_items


def folio_at(sheet: int, cell: int, sheets: int) -> int:
    """Which folio goes in ``cell`` of ``sheet`` (0-based): each cell's pile holds a run of
    consecutive folios.

    >>> [folio_at(s, c, 2) for s in range(2) for c in range(4)]
    [0, 2, 4, 6, 1, 3, 5, 7]
    """
    return cell * sheets + sheet


class CutStackImpositor:
    """One booklet spread over the cells of a stack of sheets."""

    name = "cutstack"
    cell_pages = 2

    def sheets(self, grid: Grid, n: int, real: int, profile: PrintProfile,
               page_size: tuple[float, float], bleed: float) -> list[Sheet]:
        pw, ph = page_size
        keep = cell_bleeds(grid, bleed)
        folios = n // 4
        count = math.ceil(folios / grid.count)
        out = []
        for s in range(count):
            outsides, insides = [], []
            for cell in range(grid.count):
                f = folio_at(s, cell, count)
                if f >= folios:
                    outsides.append(spread_items(pw, ph, None, None, bleed, keep, 0.0))
                    insides.append(spread_items(pw, ph, None, None, bleed, keep, 0.0))
                    continue
                (ol, or_), (il, ir) = folio_pages(n, f)
                creep = creep_for(f, profile)

                def page(i: int) -> int | None:
                    return i if i < real else None

                outsides.append(spread_items(pw, ph, page(ol), page(or_), bleed, keep, creep))
                insides.append(spread_items(pw, ph, page(il), page(ir), bleed, keep, creep))
            out.append(Sheet(s + 1, [
                place_side(grid, "recto", outsides, profile.duplex, True),
                place_side(grid, "verso", insides, profile.duplex, True)]))
        return out
