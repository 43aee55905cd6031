"""Layout maps and changed pages written out by hand, for the exact tests of diff/explain.py."""

from __future__ import annotations

from pathlib import Path

from monrecap.diff.align import Pair
from monrecap.diff.content import Change
from monrecap.diff.explain import PageResult, RegionResult, Side, explain
from monrecap.diff.visual import Region

# Boxes of the « contacts » page of an A6 carnet, in mm from the trim's bottom-left.
TITLE = (16.8, 132.8, 82.2, 9.2)
NUMBER = (6.0, 6.2, 20.8, 4.2)
LABEL = (8.1, 107.8, 13.4, 5.9)
CARD0 = (8.1, 117.8, 35.4, 6.4)
CARD1 = (8.1, 80.0, 35.4, 6.4)
CARD2 = (8.1, 43.0, 35.4, 6.4)
EMPTY = (60.0, 20.0, 30.0, 10.0)   # a place where no field is: a ruled box, say


def page(pid: str, *fields: tuple[str, tuple], part: int = 1) -> dict:
    return {"id": pid, "part": part,
            "fields": [{"path": path, "box_mm": list(box)} for path, box in fields]}


def side(label: str, *pages: dict, carnet=None) -> Side:
    return Side(label, Path(f"{label}.pdf"), carnet, None, {"pages": list(pages)})


def over(box: tuple, area: float = 2.0) -> Region:
    """A changed region exactly over a box."""
    return Region(*box, area)


def changed(*regions: Region, old: int = 0, new: int = 0, key: str = "contacts#1",
            moved: bool = False, geometry: str | None = None) -> PageResult:
    return PageResult(Pair(old, new, key, moved=moved), "changed",
                      regions=[RegionResult(r, None, "") for r in regions], geometry=geometry)


def run(old_fields: list, new_fields: list, regions: list[Region], changes: list[Change],
        hint: str = "", **kwargs) -> PageResult:
    """Explain a changed « contacts » page whose old and new fields are given."""
    result = changed(*regions)
    explain(result, "contacts", changes, side("v1", page("contacts", *old_fields)),
            side("v2", page("contacts", *new_fields)), hint, **kwargs)
    return result


def regions_of(result: PageResult) -> list[tuple[str, str | None]]:
    return [(r.kind, r.explanation) for r in result.regions]


def tel(where: str = "page contacts", path: str = "cards -> 1 -> telephone") -> Change:
    return Change("changed", where, path, "01 99 00 12 34", "01 99 00 56 78")
