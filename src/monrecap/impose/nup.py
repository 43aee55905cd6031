"""N-up: the same page repeated in every cell (a cover reprint, a flyer); page 2k+1 on the
recto, page 2k+2 behind it on the verso."""

from __future__ import annotations

from monrecap.impose.profile import PrintProfile
from monrecap.impose.sheetplan import Grid, Sheet, cell_bleeds, place_side, single_item


class NupImpositor:
    name = "nup"
    cell_pages = 1

    def sheets(self, grid: Grid, n: int, real: int, profile: PrintProfile,
               page_size: tuple[float, float], bleed: float) -> list[Sheet]:
        pw, ph = page_size
        keep = cell_bleeds(grid, bleed)
        out = []
        for k in range(0, n, 2):
            front = single_item(pw, ph, k, keep)
            sides = [place_side(grid, "recto", [front] * grid.count, profile.duplex, False)]
            if k + 1 < n:
                back = single_item(pw, ph, k + 1, keep)
                sides.append(place_side(grid, "verso", [back] * grid.count, profile.duplex,
                                        False))
            out.append(Sheet(k // 2 + 1, sides))
        return out
