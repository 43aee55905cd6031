"""How `monrecap diff` explains a changed page, at its edges: each region's kind and
explanation, the page's class and hint, which pages count as unexplained, when two sides are
identical, and the lines the terminal report prints. The page results are built here, from
layout maps (build.json's fields) and content changes written out by hand: no PDF is built."""

from __future__ import annotations

import io
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from rich.console import Console

import monrecap.diff.explain as explain_module
import monrecap.lint
from monrecap.diff.align import Pair
from monrecap.diff.content import Change
from monrecap.diff.diffreport import print_diff, summary
from monrecap.diff.explain import (
    DiffResult,
    PageResult,
    RegionResult,
    Side,
    _fields,
    _moved,
    _related,
    diff_sides,
    explain,
    explain_without_map,
    manifest_is_fresh,
)
from monrecap.diff.visual import PageComparison, Region
from monrecap.files import sha256, toolkit_fingerprint
from monrecap.progress import listening

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


# --- the page's own verdicts --------------------------------------------------------------

def _page(*explanations: str | None, geometry: str | None = None) -> PageResult:
    result = changed(*[over(EMPTY) for _ in explanations], geometry=geometry)
    for rr, why in zip(result.regions, explanations):
        rr.explanation, rr.kind = why, "content" if why else "unexplained"
    return result


def test_a_page_is_explained_when_every_region_is_and_its_boxes_did_not_change() -> None:
    assert _page("contacts → title", "contacts → cards -> 1").explained is True
    assert _page("contacts → title", None).explained is False
    assert _page(None).explained is False
    assert _page().explained is True
    # A new trim or bleed: no content change explains it, even with every region explained.
    assert _page(geometry="trim 105.0 × 148.0 mm → 110.0 × 148.0 mm").explained is False
    assert _page("contacts → title", geometry="media box (bleed) changed").explained is False


@pytest.mark.parametrize("status,kind,moved,number_only,moved_only", [
    ("changed", "page-number", False, True, False),
    ("changed", "page-number", True, False, True),
    ("moved", "", True, False, True),
    ("changed", "content", True, False, False),
    ("changed", "reflow", False, False, False),
    ("identical", "", False, False, False),
])
def test_only_the_number_or_only_the_place(status, kind, moved, number_only,
                                           moved_only) -> None:
    """A moved page that changed otherwise than by its number is a changed page (« ~ »), not
    one that only changed place (« ↕ »)."""
    result = PageResult(Pair(3, 5, "contacts#1", moved=moved), status, kind)
    assert (result.number_only, result.moved_only) == (number_only, moved_only)


def test_a_page_s_changed_area_is_rounded_to_a_tenth_of_a_mm2() -> None:
    result = changed(over(TITLE, 1.25), over(CARD0, 2.01))
    assert result.area == 3.3
    assert changed().area == 0


def _result(*pages: PageResult, content=None, **kwargs) -> DiffResult:
    return DiffResult(Side("v1", Path("v1.pdf")), Side("v2", Path("v2.pdf")), content, [],
                      list(pages), **kwargs)


def _status(status: str, key: str = "contacts#1") -> PageResult:
    old, new = {"added": (None, 0), "removed": (0, None)}.get(status, (0, 0))
    return PageResult(Pair(old, new, key, moved=status == "moved"), status)


def test_two_sides_are_identical_only_without_content_page_or_padding_change() -> None:
    identical = _status("identical")
    assert _result(identical, _status("identical", "dos#1")).identical is True
    assert _result(identical, content=[]).identical is True
    assert _result().identical is True
    assert _result(identical).padding == (0, 0)
    assert _result(identical, content=[tel()]).identical is False
    assert _result(identical, _status("moved")).identical is False
    assert _result(_status("changed")).identical is False
    assert _result(identical, padding=(0, 1)).identical is False
    assert _result(identical, padding=(1, 0)).identical is False
    assert summary(_result(identical)) == "v1 → v2: identical"


def test_only_changed_pages_that_are_not_explained_are_unexplained() -> None:
    explained = _page("contacts → title")
    unexplained = _page("contacts → title", None)
    geometry = _page(geometry="media box (bleed) changed")
    # A page added or removed is said so, never « unexplained », whatever it carries.
    added = _status("added")
    added.regions = [RegionResult(over(EMPTY), None, "unexplained")]
    result = _result(explained, unexplained, _status("moved"), added, geometry,
                     _status("identical"))
    assert result.unexplained == [unexplained, geometry]


# --- paths and fields ---------------------------------------------------------------------

def test_a_change_and_a_field_are_related_when_one_path_starts_the_other() -> None:
    assert _related(("title",), ("title",)) is True
    assert _related(("cards", "1"), ("cards", "1", "telephone")) is True
    assert _related(("cards", "1", "telephone"), ("cards", "1")) is True
    assert _related(("cards", "1"), ("cards", "2", "structure")) is False
    assert _related(("cards", "1", "telephone"), ("cards", "1", "email")) is False
    # An empty path says nothing: it is related to no field.
    assert _related((), ("title",)) is False
    assert _related(("title",), ()) is False
    assert _related((), ()) is False


def test_the_fields_of_a_page_are_its_paths_and_boxes() -> None:
    manifest = {"pages": [page("couverture", ("title", TITLE)),
                          page("contacts", ("cards.0.structure", CARD0),
                               ("page_number", NUMBER))]}
    assert _fields(manifest, 1) == [(("cards", "0", "structure"), CARD0),
                                    (("page_number",), NUMBER)]
    assert _fields(manifest, 0) == [(("title",), TITLE)]
    assert _fields(None, 1) == []          # a PDF we did not build: no layout map
    assert _fields(manifest, None) == []   # no page on that side


# --- each region's explanation ------------------------------------------------------------

def test_a_region_over_the_page_number_only_is_the_page_number() -> None:
    fields = [("page_number", NUMBER), ("title", TITLE)]
    result = run(fields, fields, [over(NUMBER)], [])
    assert regions_of(result) == [("page-number", "page number")]
    assert (result.kind, result.hint, result.explained) == ("page-number", "", True)
    assert result.number_only is True


def test_a_region_over_the_page_number_and_a_field_is_not_only_the_page_number() -> None:
    beside = (27.0, 6.2, 30.0, 4.2)   # a field next to the page number, 0.2 mm apart
    fields = [("page_number", NUMBER), ("footer", beside)]
    result = run(fields, fields, [Region(6.0, 6.2, 40.0, 4.2, 5.0)], [])
    assert regions_of(result) == [("unexplained", None)]
    assert (result.kind, result.hint) == ("unexplained", "no content change explains it")


def test_a_region_over_no_field_on_an_unchanged_page_is_unexplained() -> None:
    fields = [("page_number", NUMBER), ("title", TITLE)]
    result = run(fields, fields, [over(EMPTY)], [])
    assert regions_of(result) == [("unexplained", None)]
    assert (result.kind, result.explained) == ("unexplained", False)


def test_every_region_after_a_page_number_one_is_explained_too() -> None:
    fields = [("page_number", NUMBER), ("title", TITLE)]
    result = run(fields, fields, [over(NUMBER), over(TITLE)],
                 [Change("changed", "page contacts", "title", "Contacts", "Mes contacts")])
    assert regions_of(result) == [("page-number", "page number"),
                                  ("content", "contacts → title")]
    assert result.kind == "content"


def test_a_region_over_a_changed_field_is_that_content_change() -> None:
    fields = [("title", TITLE), ("cards.1.telephone", CARD1), ("page_number", NUMBER)]
    result = run(fields, fields, [over(CARD1)], [tel()])
    assert regions_of(result) == [("content", "contacts → cards -> 1 -> telephone")]
    assert (result.kind, result.hint, result.explained) == ("content", "", True)


def test_a_card_added_explains_its_fields_and_a_field_explains_its_subfields() -> None:
    fields = [("cards.1.structure", CARD1), ("title", TITLE)]
    added = Change("added", "page contacts", "cards -> 1", None, {"structure": "CCAS"})
    result = run([("title", TITLE)], fields, [over(CARD1)], [added])
    assert regions_of(result) == [("content", "contacts → cards -> 1")]
    structure = Change("changed", "page contacts", "cards -> 1 -> structure -> nom", "CAF", "CCAS")
    result = run(fields, fields, [over(CARD1)], [structure])
    assert regions_of(result) == [("content", "contacts → cards -> 1 -> structure -> nom")]


def test_a_change_on_another_page_explains_nothing_here() -> None:
    fields = [("title", TITLE), ("cards.1.telephone", CARD1)]
    result = run(fields, fields, [over(TITLE)],
                 [Change("changed", "page agenda", "title", "Agenda", "Mon agenda"),
                  Change("added", "page agenda", "cards -> 0", None, {"structure": "CAF"})])
    assert regions_of(result) == [("unexplained", None)]
    assert result.kind == "unexplained"


def test_a_one_word_path_is_matched_whole() -> None:
    fields = [("title", TITLE), ("intro", CARD0)]
    result = run(fields, fields, [over(TITLE), over(CARD0)],
                 [Change("changed", "page contacts", "title", "Contacts", "Mes contacts")])
    assert regions_of(result) == [("content", "contacts → title"), ("unexplained", None)]


# Items after one added or removed show their neighbours' content: a reflow.

CARDS = [("cards.0.structure", CARD0), ("cards.1.structure", CARD1),
         ("cards.2.structure", CARD2)]


@pytest.mark.parametrize("what", ["added", "removed"])
def test_the_items_after_one_added_or_removed_are_shifted(what: str) -> None:
    change = Change(what, "page contacts", "cards -> 1", *(
        (None, {"structure": "CCAS"}) if what == "added" else ({"structure": "CCAS"}, None)))
    result = run(CARDS, CARDS, [over(CARD0), over(CARD1), over(CARD2)], [change])
    assert regions_of(result) == [
        ("unexplained", None),
        ("content", "contacts → cards -> 1"),
        ("reflow", "contacts: cards shifted by an item added or removed before them")]
    assert (result.kind, result.hint) == ("unexplained", "no content change explains it")


def test_an_item_changed_in_place_shifts_nothing() -> None:
    items = [("items.0", CARD0), ("items.1", CARD1), ("items.2", CARD2)]
    result = run(items, items, [over(CARD2)],
                 [Change("changed", "page contacts", "items -> 1", "Mon CV", "Mon CV à jour")])
    assert regions_of(result) == [("unexplained", None)]


def test_an_item_added_on_another_page_shifts_nothing_here() -> None:
    result = run(CARDS, CARDS, [over(CARD2)],
                 [Change("added", "page agenda", "cards -> 0", None, {"structure": "CAF"})])
    assert regions_of(result) == [("unexplained", None)]


def test_in_a_list_inside_a_list_the_items_of_that_list_are_shifted() -> None:
    """A line added to the items of the first section: its later items are shifted, not
    the section's other lists nor the items before it."""
    fields = [("sections.0.items.1", CARD0), ("sections.0.items.3", CARD1),
              ("sections.1.items.3", CARD2)]
    added = Change("added", "page contacts", "sections -> 0 -> items -> 2", None,
                   "Ma carte Vitale")
    result = run(fields, fields + [("sections.0.items.2", EMPTY)],
                 [over(CARD0), over(CARD1), over(CARD2)], [added])
    assert regions_of(result) == [
        ("unexplained", None),
        ("reflow", "contacts: sections -> 0 -> items shifted by an item added or removed "
                   "before them"),
        ("unexplained", None)]


def test_a_list_shifts_its_own_items_only() -> None:
    """A card added shifts the cards, not the statuses listed on the same page, nor the
    list's own legend, nor a field named like the list."""
    fields = [("statuses.2", CARD0), ("cards.legend", CARD1), ("cards", CARD2)]
    added = Change("added", "page contacts", "cards -> 1", None, {"structure": "CCAS"})
    result = run(fields, fields, [over(CARD0), over(CARD1)], [added])
    assert regions_of(result) == [("unexplained", None), ("unexplained", None)]
    result = run(fields, fields, [over(CARD2)], [added])
    assert regions_of(result) == [("content", "contacts → cards -> 1")]


def test_the_item_index_counts_as_a_number() -> None:
    """The item's index written `01`: the cards from 1 on are shifted (the card at 1 is not
    the change's own path, spelled otherwise; no field shows `cards -> 01`: the card before
    is drawn anew)."""
    result = run(CARDS, CARDS, [over(CARD0), over(CARD1), over(CARD2)],
                 [Change("removed", "page contacts", "cards -> 01", {"structure": "CAF"}, None)])
    shifted = ("reflow", "contacts: cards shifted by an item added or removed before them")
    assert regions_of(result) == [("structure", "contacts → cards -> 01"), shifted, shifted]


def test_a_list_inside_a_record_shifts_its_own_items() -> None:
    """Opening hours kept per day: a range added on Monday shifts Monday's later ranges."""
    fields = [("horaires.lundi.1", CARD0), ("horaires.lundi.2", CARD1),
              ("horaires.mardi.2", CARD2)]
    added = Change("added", "page contacts", "horaires -> lundi -> 1", None, "14 h – 16 h")
    result = run(fields, fields, [over(CARD1), over(CARD2)], [added])
    assert regions_of(result) == [
        ("reflow", "contacts: horaires -> lundi shifted by an item added or removed before "
                   "them"),
        ("unexplained", None)]


def test_an_index_alone_names_no_list() -> None:
    """Only a key and an index name a list's item: a change whose path is an index alone
    (no carnet has one: a page is a record) shifts nothing, and does not hide the shift
    that another change makes on a field beside one named by a number."""
    fields = [("cards.1.structure", CARD1), ("cards.2.structure", CARD2), ("7", CARD2)]
    changes = [Change("added", "page contacts", "3", None, "Ma carte Vitale"),
               Change("added", "page contacts", "cards -> 1", None, {"structure": "CCAS"})]
    result = run(fields, fields, [over(CARD2)], changes)
    assert regions_of(result) == [
        ("reflow", "contacts: cards shifted by an item added or removed before them")]


# A field pushed by the text above it: a reflow where it is and where it was.

def test_a_pushed_field_is_a_reflow_where_it_is_and_where_it_was() -> None:
    before = [("title", TITLE), ("cards.0.telephone", (30.0, 100.0, 40.0, 6.0))]
    after = [("title", TITLE), ("cards.0.telephone", (30.0, 90.0, 40.0, 6.0))]
    title = Change("changed", "page contacts", "title", "Contacts", "Mes contacts utiles")
    result = run(before, after, [Region(30.0, 90.0, 40.0, 6.0, 8.0),
                                 Region(30.0, 100.0, 40.0, 6.0, 8.0), over(TITLE)], [title])
    assert regions_of(result) == [("reflow", "contacts: moved by its content changes"),
                                  ("reflow", "contacts: moved by its content changes"),
                                  ("content", "contacts → title")]
    assert (result.kind, result.explained) == ("content", True)
    only = run(before, after, [Region(30.0, 90.0, 40.0, 6.0, 8.0)], [title])
    assert (only.kind, regions_of(only)) == (
        "reflow", [("reflow", "contacts: moved by its content changes")])


def test_a_field_that_moved_on_an_unchanged_page_is_unexplained() -> None:
    before = [("cards.0.telephone", (30.0, 100.0, 40.0, 6.0))]
    after = [("cards.0.telephone", (30.0, 90.0, 40.0, 6.0))]
    result = run(before, after, [Region(30.0, 90.0, 40.0, 6.0, 8.0)], [])
    assert regions_of(result) == [("unexplained", None)]


def test_a_field_that_did_not_move_on_a_changed_page_is_unexplained() -> None:
    fields = [("title", TITLE), ("cards.0.telephone", (30.0, 100.0, 40.0, 6.0))]
    title = Change("changed", "page contacts", "title", "Contacts", "Mes contacts")
    result = run(fields, fields, [Region(30.0, 100.0, 40.0, 6.0, 8.0)], [title])
    assert regions_of(result) == [("unexplained", None)]


def test_a_field_only_one_side_has_is_not_pushed() -> None:
    """A field that appears or vanishes with no content change of its own is not a reflow,
    even on a page whose content changed."""
    title = Change("changed", "page contacts", "title", "Contacts", "Mes contacts")
    note = ("note", (30.0, 60.0, 40.0, 6.0))
    for before, after in (([("title", TITLE), note], [("title", TITLE)]),
                          ([("title", TITLE)], [("title", TITLE), note])):
        result = run(before, after, [Region(30.0, 60.0, 40.0, 6.0, 8.0)], [title])
        assert regions_of(result) == [("unexplained", None)]


def test_a_pushed_field_beside_one_in_place_is_a_reflow() -> None:
    title = Change("changed", "page contacts", "title", "Contacts", "Mes contacts")
    mark = ("mark", (30.0, 67.0, 40.0, 6.0))
    before = [("title", TITLE), ("note", (30.0, 50.0, 40.0, 6.0)), mark]
    after = [("title", TITLE), ("note", (30.0, 60.0, 40.0, 6.0)), mark]
    result = run(before, after, [Region(30.0, 60.0, 40.0, 13.0, 8.0)], [title])
    assert regions_of(result) == [("reflow", "contacts: moved by its content changes")]
    result = run(after, before, [Region(30.0, 60.0, 40.0, 13.0, 8.0)], [title])
    assert regions_of(result) == [("reflow", "contacts: moved by its content changes")]


@pytest.mark.parametrize("old,new,moved", [
    ((10.0, 50.0, 40.0, 6.0), [(10.0, 60.0, 40.0, 6.0)], True),    # pushed down the page
    ((10.0, 50.0, 40.0, 6.0), [(12.0, 50.0, 40.0, 6.0)], True),    # pushed along the line
    ((10.0, 50.0, 40.0, 6.0), [(10.0, 50.0, 40.0, 6.0)], False),   # in place
    ((10.0, 50.0, 40.0, 6.0), [], False),                          # not on the other side
    ((10.0, 50.0, 40.0, 6.0), [(10.0, 60.0, 44.0, 6.0)], False),   # restyled: another width
    ((10.0, 50.0, 40.0, 6.0), [(10.0, 60.0, 40.0, 7.0)], False),   # another height
    ((10.0, 50.0, 40.0, 6.0), [(10.0, 60.0, 40.25, 6.25)], True),  # same size within 0.3
    ((10.0, 50.0, 0.2, 6.0), [(10.0, 60.0, 0.5, 6.0)], False),     # 0.3 mm wider: restyled
    ((10.0, 50.0, 6.0, 0.2), [(10.0, 60.0, 6.0, 0.5)], False),     # 0.3 mm taller
    ((10.0, 50.0, 6.0, 40.0), [(10.0, 60.0, 6.35, 40.0)], False),  # 0.35 mm wider
    ((10.0, 50.0, 40.0, 6.0), [(10.0, 60.0, 40.0, 6.35)], False),  # 0.35 mm taller
    ((10.0, 50.0, 6.0, 40.0), [(30.0, 50.0, 40.0, 6.0)], False),   # turned a quarter
    ((0.0, 50.0, 40.0, 6.0), [(0.2, 50.0, 40.0, 6.0)], False),     # 0.2 mm: in place
    ((50.0, 0.0, 40.0, 6.0), [(50.0, 0.2, 40.0, 6.0)], False),
    ((10.0, 50.0, 40.0, 6.0), [(10.25, 50.0, 40.0, 6.0)], True),   # 0.25 mm: moved
    ((10.0, 50.0, 40.0, 6.0), [(10.0, 50.25, 40.0, 6.0)], True),
    ((10.0, 50.0, 40.0, 6.0), [(10.15, 50.0, 40.0, 6.0)], False),  # 0.15 mm: in place
    ((10.0, 50.0, 40.0, 6.0), [(10.0, 50.15, 40.0, 6.0)], False),
    ((50.0, 10.0, 40.0, 6.0), [(10.0, 50.0, 40.0, 6.0)], True),    # x and y swapped
    ((10.0, 50.0, 40.0, 6.0), [(10.0, 50.0, 40.0, 6.0), (10.0, 70.0, 40.0, 6.0)], False),
    ((10.0, 50.0, 40.0, 6.0), [(10.0, 70.0, 40.0, 6.0), (30.0, 80.0, 40.0, 6.0)], True),
    ((10.0, 50.0, 40.0, 6.0), [(10.0, 70.0, 40.0, 6.0), (10.0, 50.0, 12.0, 6.0)], True),
])
def test_a_field_moved_when_every_box_of_its_size_is_elsewhere(old, new, moved) -> None:
    assert _moved(old, new) is moved


# Regions that overlap no field, or labels only: the page's drawing.

def test_a_change_no_field_shows_explains_the_drawing() -> None:
    fields = [("title", TITLE), ("labels.name", LABEL), ("cards.0.structure", CARD0),
              ("cards.1.telephone", CARD1)]
    style = Change("changed", "page contacts", "card_style", "ligne", "cadre")
    result = run(fields, fields, [over(EMPTY), over(CARD0)], [style])
    assert regions_of(result) == [("structure", "contacts → card_style"),
                                  ("structure", "contacts → card_style")]
    assert (result.kind, result.explained) == ("structure", True)
    two = Change("changed", "page contacts", "slots -> 2", 3, 4)
    result = run(fields, fields, [over(EMPTY)], [style, tel(), two])
    assert regions_of(result) == [("structure", "contacts → card_style, slots -> 2")]


def test_a_change_this_page_shows_is_not_a_drawing_change_though_another_page_lacks_it() -> None:
    """Which fields show a change is read on the page itself, on either side: the same
    field on another page does not count, and one this page shows does."""
    agenda = page("agenda", ("steps.0.text", CARD1), ("title", TITLE))
    contacts = page("contacts", ("labels.name", LABEL))
    step = Change("changed", "page contacts", "steps -> 0 -> text", "Avant", "Après")
    result = changed(over(EMPTY), old=1, new=1)
    explain(result, "contacts", [step], side("v1", agenda, contacts),
            side("v2", agenda, contacts), "")
    assert regions_of(result) == [("structure", "contacts → steps -> 0 -> text")]
    shown = page("contacts", ("labels.name", LABEL), ("steps.0.text", CARD0))
    result = changed(over(EMPTY), old=1, new=0)
    explain(result, "contacts", [step], side("v1", agenda, contacts), side("v2", shown), "")
    assert regions_of(result) == [("structure", "contacts: drawn from its changed content")]


def test_lines_and_labels_redrawn_on_a_changed_page_are_its_drawing() -> None:
    fields = [("title", TITLE), ("labels.name", LABEL), ("page_number", NUMBER),
              ("cards.0.structure", CARD0)]
    title = Change("changed", "page contacts", "title", "Contacts", "Mes contacts")
    label_and_number = Region(6.0, 6.2, 20.8, 107.5, 4.0)   # from the number up to the label
    result = run(fields, fields, [over(EMPTY), over(LABEL), label_and_number, over(CARD0)],
                 [title])
    drawn = ("structure", "contacts: drawn from its changed content")
    assert regions_of(result) == [drawn, drawn, drawn, ("unexplained", None)]
    assert result.kind == "unexplained"


def test_the_page_moving_is_a_change_of_the_page_but_not_of_a_field() -> None:
    fields = [("title", TITLE)]
    result = run(fields, fields, [over(EMPTY)], [Change("moved", "page contacts")])
    assert regions_of(result) == [("structure", "contacts: drawn from its changed content")]


def test_labels_on_an_unchanged_page_are_unexplained() -> None:
    fields = [("labels.name", LABEL), ("labels", CARD0)]
    result = run(fields, fields, [over(LABEL)], [tel("page agenda")])
    assert regions_of(result) == [("unexplained", None)]


# --- the page's class and hint ------------------------------------------------------------

def _classed(*kinds: str) -> PageResult:
    """The class of a page whose regions are of these kinds (each as explain gives it)."""
    fields = [("title", TITLE), ("page_number", NUMBER), ("labels.name", LABEL),
              ("cards.0.structure", CARD0), ("cards.1.structure", CARD1)]
    moved = [("title", TITLE), ("page_number", NUMBER), ("labels.name", LABEL),
             ("cards.0.structure", CARD0), ("cards.1.structure", (8.1, 70.0, 35.4, 6.4))]
    place = {"page-number": over(NUMBER), "content": over(TITLE), "structure": over(LABEL),
             "reflow": Region(8.1, 70.0, 35.4, 6.4, 1.0), "unexplained": over(CARD0)}
    title = Change("changed", "page contacts", "title", "Contacts", "Mes contacts")
    return run(fields, moved, [place[k] for k in kinds], [title])


@pytest.mark.parametrize("kinds,expected", [
    (["page-number"], "page-number"),
    (["page-number", "page-number"], "page-number"),
    (["content"], "content"),
    (["reflow", "content"], "content"),
    (["structure", "content", "reflow"], "content"),
    (["page-number", "content"], "content"),
    (["structure"], "structure"),
    (["reflow", "structure"], "structure"),
    (["reflow"], "reflow"),
    (["page-number", "reflow"], "reflow"),
    (["content", "unexplained"], "unexplained"),
    (["page-number", "unexplained"], "unexplained"),
])
def test_a_page_is_classed_by_the_strongest_kind_of_its_regions(kinds, expected) -> None:
    result = _classed(*kinds)
    assert [r.kind for r in result.regions] == kinds
    assert result.kind == expected
    assert result.hint == ("no content change explains it" if expected == "unexplained" else "")


def test_a_page_whose_boxes_changed_is_a_geometry_change() -> None:
    fields = [("title", TITLE)]
    result = changed(over(TITLE), geometry="trim 105.0 × 148.0 mm → 110.0 × 148.0 mm")
    explain(result, "contacts", [], side("v1", page("contacts", *fields)),
            side("v2", page("contacts", *fields)), "layout or fonts changed (layout trim)")
    assert regions_of(result) == [("unexplained", None)]
    assert (result.kind, result.hint, result.explained) == ("geometry", "", False)


def test_an_unexplained_page_says_what_kind_of_change_nobody_asked_for() -> None:
    fields = [("title", TITLE)]
    regular = Change("changed", "fonts", "regular", "fonts/A.ttf", "fonts/B.ttf")
    line = Change("changed", "layout", "line", "0.75pt", "2pt")
    hint = "layout or fonts changed (layout line: 0.75pt → 2pt)"

    def kind(changes, colour_only=None, hint=""):
        extra = {} if colour_only is None else {"colour_only": colour_only}
        result = run(fields, fields, [over(TITLE)], changes, hint, **extra)
        assert regions_of(result) == [("unexplained", None)]
        return result.kind, result.hint

    assert kind([]) == ("unexplained", "no content change explains it")
    assert kind([], colour_only=False) == ("unexplained", "no content change explains it")
    assert kind([], colour_only=True) == ("colour", "no content change explains it")
    assert kind([regular]) == ("fonts", "no content change explains it")
    assert kind([line, regular], colour_only=True) == ("fonts", "no content change explains it")
    assert kind([line], hint=hint) == ("unexplained", hint)
    assert kind([line, tel("page agenda")], colour_only=True, hint=hint) == ("colour", hint)


# --- PDFs we did not build: no layout map -------------------------------------------------

def _without_map(regions: list[Region], digits, same_text: bool = True,
                 colour_only: bool = False, geometry: str | None = None) -> PageResult:
    pair = Pair(2, 2, "signature", same_text=same_text)
    comparison = PageComparison(pair, regions, geometry, colour_only, digits)
    result = PageResult(pair, "changed", regions=[RegionResult(r, None, "") for r in regions],
                        geometry=geometry)
    explain_without_map(result, comparison)
    return result


def test_without_a_map_a_region_over_digits_is_the_page_number() -> None:
    number = Region(10.0, 5.0, 5.0, 4.0, 3.0)
    digits = [(10.0, 5.0, 2.0, 4.0), (70.0, 5.0, 2.0, 4.0)]   # old and new page's digits
    result = _without_map([number], digits)
    assert (regions_of(result), result.kind) == ([("page-number", "page number")], "page-number")
    assert result.explained is True
    # The page's text changed otherwise: not only its number.
    result = _without_map([number], digits, same_text=False)
    assert (regions_of(result), result.kind) == ([("page-number", "page number")],
                                                 "unexplained")
    result = _without_map([number], digits, same_text=False, colour_only=True)
    assert result.kind == "colour"


def test_without_a_map_a_region_elsewhere_is_unexplained() -> None:
    number = Region(10.0, 5.0, 5.0, 4.0, 3.0)
    text = Region(10.0, 60.0, 50.0, 10.0, 30.0)
    digits = [(10.0, 5.0, 2.0, 4.0)]
    result = _without_map([number, text], digits)
    assert regions_of(result) == [("page-number", "page number"), ("unexplained", None)]
    assert (result.kind, result.explained) == ("unexplained", False)
    assert _without_map([text], digits, colour_only=True).kind == "colour"
    for none in (None, []):
        result = _without_map([number], none)
        assert (regions_of(result), result.kind) == ([("unexplained", None)], "unexplained")


@pytest.mark.parametrize("gap,on_digits", [(0.25, True), (0.35, False)])
def test_without_a_map_digits_count_within_0_3_mm(gap: float, on_digits: bool) -> None:
    region = Region(10.0, 5.0, 5.0, 4.0, 3.0)   # its right edge at 15 mm
    result = _without_map([region], [(15.0 + gap, 5.0, 2.0, 4.0)])
    assert result.kind == ("page-number" if on_digits else "unexplained")


def test_without_a_map_a_page_whose_boxes_changed_is_a_geometry_change() -> None:
    result = _without_map([], [], geometry="media box (bleed) changed")
    assert (result.kind, result.explained) == ("geometry", False)


# --- diff_sides: the pages streamed, counted and explained ---------------------------------

class Stream:
    """Stands for the rasterising comparison: yields the comparisons given, records how it
    was asked."""

    def __init__(self, comparisons: list[PageComparison]) -> None:
        self.comparisons = comparisons
        self.calls: list[tuple] = []

    def __call__(self, old_pdf, new_pdf, pairs, dpi, images, digits):
        self.calls.append((old_pdf, new_pdf, pairs, dpi, images, digits))
        yield from self.comparisons


def _carnet(version: str, *changelog: str) -> SimpleNamespace:
    return SimpleNamespace(version=version, changelog=list(changelog), root=Path("."))


@pytest.fixture
def stream(monkeypatch):
    def install(comparisons, content=(), layout=(), pairs=None):
        fake = Stream(comparisons)
        monkeypatch.setattr(explain_module, "stream_comparisons", fake)
        monkeypatch.setattr(explain_module, "compare_carnets", lambda a, b: list(content))
        monkeypatch.setattr(explain_module, "compare_layouts", lambda a, b, root: list(layout))
        opened = []
        monkeypatch.setattr(explain_module, "open_pdf",
                            lambda path: opened.append(path) or SimpleNamespace(
                                close=lambda: opened.append(f"closed {path}")))
        monkeypatch.setattr(explain_module, "align_pdfs",
                            lambda a, b, old, new: pairs if pairs is not None else [
                                c.pair for c in comparisons])
        fake.opened = opened
        fake.linted = []
        monkeypatch.setattr(monrecap.lint, "lint_carnet", lambda carnet, layout: (
            fake.linted.append(carnet.version) or SimpleNamespace(errors=[], warnings=["w"])))
        return fake
    return install


LINT = [{"severity": "warning"}, {"severity": "error"}, {"severity": "warning"}]


def _built(label: str, keys: list[str], carnet=None, lint=LINT) -> Side:
    pages = [page(k.split("#")[0], ("title", TITLE), ("cards.1.telephone", CARD1),
                  ("page_number", NUMBER), part=int(k.split("#")[1])) for k in keys]
    return Side(label, Path(f"{label}.pdf"), carnet, None, {"pages": pages, "lint": lint})


def test_diff_sides_explains_counts_and_numbers_every_page(stream) -> None:
    old = _built("v1", ["couverture#1", "contacts#1", "notes-ajoutees#1", "dos#1"],
                 _carnet("v1", "ancien"))
    new = _built("v2", ["couverture#1", "contacts#1", "agenda#1", "dos#1"],
                 _carnet("v2", "Une fiche CAF.", "Un agenda."), lint=[])
    pairs = [Pair(0, 0, "couverture#1"), Pair(1, 1, "contacts#1"), Pair(None, 2, "agenda#1"),
             Pair(2, None, "notes-ajoutees#1"), Pair(3, 3, "dos#1")]
    fake = stream([PageComparison(pairs[0], [], None, False),
                   PageComparison(pairs[1], [over(CARD1), over(NUMBER)], None, True),
                   PageComparison(pairs[2], [], None, False, new_image="new"),
                   PageComparison(pairs[3], [], None, False, old_image="old"),
                   PageComparison(pairs[4], [over(TITLE)], None, False, note="compared at 50 dpi")],
                  content=[tel()])
    ticks = []
    with listening(lambda what, done, total: ticks.append((what, done, total))):
        result = diff_sides(old, new)
    assert fake.calls == [(Path("v1.pdf"), Path("v2.pdf"), pairs, 100, None, False)]
    assert ticks == [("comparing pages", k, 5) for k in range(1, 6)]
    assert fake.opened == []
    assert result.content == [tel()]
    assert result.changelog == ["Une fiche CAF.", "Un agenda."]
    assert result.padding == (1, 0)
    assert result.lint == ((1, 2), (0, 0))
    assert [(p.pair.key, p.status, p.kind, p.old_number, p.new_number, p.padding, p.images,
             p.note) for p in result.pages] == [
        ("couverture#1", "identical", "", 1, 1, False, (), ""),
        ("contacts#1", "changed", "content", 2, 2, False, (), ""),
        ("agenda#1", "added", "", None, 3, False, (None, "new"), ""),
        ("notes-ajoutees#1", "removed", "", 3, None, True, ("old", None), ""),
        ("dos#1", "changed", "unexplained", 4, 4, False, (), "compared at 50 dpi")]
    assert regions_of(result.pages[1]) == [("content", "contacts → cards -> 1 -> telephone"),
                                           ("page-number", "page number")]
    assert result.pages[4].hint == "no content change explains it"
    assert [p.pair.key for p in result.content_pages] == [
        "couverture#1", "contacts#1", "agenda#1", "dos#1"]
    assert result.unexplained == [result.pages[4]]
    assert result.identical is False


def test_padding_pages_are_counted_removed_and_added(stream) -> None:
    old = _built("v1", ["dos#1", "notes-ajoutees#1", "notes-ajoutees#2"])
    new = _built("v2", ["dos#1", "notes-ajoutees#1", "notes-ajoutees#3"])
    pairs = [Pair(0, 0, "dos#1"), Pair(1, 1, "notes-ajoutees#1"),
             Pair(2, None, "notes-ajoutees#2"), Pair(None, 2, "notes-ajoutees#3"),
             Pair(None, 3, "agenda#1")]
    stream([PageComparison(p, [over(TITLE)] if k == 1 else [], None, False)
            for k, p in enumerate(pairs)])
    result = diff_sides(old, new, dpi=150, images=60)
    assert result.padding == (1, 1)
    assert [(p.status, p.padding) for p in result.pages] == [
        ("identical", False), ("changed", False), ("removed", True), ("added", True),
        ("added", False)]
    assert result.content is None and result.lint is None and result.changelog == []
    # No carnet: nothing explains the padding page that changed.
    assert (result.pages[1].kind, regions_of(result.pages[1])) == (
        "unexplained", [("unexplained", None)])
    two = [Pair(1, None, "notes-ajoutees#1"), Pair(2, None, "notes-ajoutees#2")]
    stream([PageComparison(p, [], None, False) for p in two])
    assert diff_sides(old, new).padding == (2, 0)


def test_diff_sides_of_the_same_version_has_no_changelog_and_a_layout_hint(stream) -> None:
    old = _built("v1", ["contacts#1"], _carnet("v1", "Une fiche CAF."))
    new = _built("v1 (gros-caracteres)", ["contacts#1"], _carnet("v1", "Une fiche CAF."))
    line = Change("changed", "layout", "line", "0.75pt", "2pt")
    regular = Change("changed", "fonts", "regular", "fonts/A.ttf", "fonts/B.ttf")
    stream([PageComparison(Pair(0, 0, "contacts#1"), [over(TITLE)], None, False,
                           old_image="old", new_image="new")],
           content=[Change("changed", "title", "", "Mon Récap", "Mon Récap +")],
           layout=[line, regular])
    result = diff_sides(old, new)
    assert result.changelog == []
    assert result.content == [Change("changed", "title", "", "Mon Récap", "Mon Récap +"),
                              line, regular]
    page_result = result.pages[0]
    assert (page_result.kind, page_result.hint, page_result.images) == (
        "fonts", "layout or fonts changed (layout line: 0.75pt → 2pt; fonts regular: "
                 "fonts/A.ttf → fonts/B.ttf)", ("old", "new"))


def test_two_builds_without_their_carnets_explain_nothing_by_content(stream) -> None:
    old, new = _built("a", ["contacts#1"]), _built("b", ["contacts#1"])
    stream([PageComparison(Pair(0, 0, "contacts#1"), [over(NUMBER), over(CARD1)], None,
                           False)])
    result = diff_sides(old, new)
    assert (result.content, result.lint) == (None, None)
    assert regions_of(result.pages[0]) == [("page-number", "page number"),
                                           ("unexplained", None)]


@pytest.mark.parametrize("with_old,with_new", [(True, False), (False, True), (False, False)])
def test_a_side_without_a_map_is_compared_as_any_pdf(stream, with_old, with_new) -> None:
    """One side not ours (or a carnet alone): pages paired by their text, regions over
    digits are page numbers, no content is compared."""
    built = _built("v1", ["contacts#1"], _carnet("v1", "Une fiche CAF."))
    plain = Side("scan.pdf", Path("scan.pdf"), _carnet("v2", "Un agenda."))
    old, new = (built if with_old else plain), (built if with_new else plain)
    pair = Pair(0, 0, "Mes contacts", same_text=True)
    digits = [(6.0, 6.2, 3.0, 4.2)]
    fake = stream([PageComparison(pair, [over(NUMBER)], None, False, digits)],
                  content=[tel()], pairs=[pair])
    result = diff_sides(old, new, dpi=72)
    assert fake.calls == [(old.pdf, new.pdf, [pair], 72, None, True)]
    assert fake.opened == [old.pdf, new.pdf, f"closed {old.pdf}", f"closed {new.pdf}"]
    assert (result.pages[0].status, result.pages[0].kind) == ("changed", "page-number")
    assert regions_of(result.pages[0]) == [("page-number", "page number")]
    assert result.content == [tel()]   # both carnets given: their content is compared
    assert result.lint == tuple((1, 2) if side is built else (0, 1) for side in (old, new))
    assert fake.linted == ["v2"] * ((old is plain) + (new is plain))


def test_one_carnet_alone_compares_no_content(stream) -> None:
    for old_carnet, new_carnet in ((_carnet("v1"), None), (None, _carnet("v2"))):
        old = _built("v1", ["contacts#1"], old_carnet)
        new = _built("v2", ["contacts#1"], new_carnet)
        stream([PageComparison(Pair(0, 0, "contacts#1"), [], None, False)], content=[tel()])
        result = diff_sides(old, new)
        assert (result.content, result.changelog, result.lint) == (None, [], None)
        assert result.identical is True


def test_lint_counts_come_from_build_json_else_from_a_lint_run(monkeypatch, stream) -> None:
    stream([PageComparison(Pair(0, 0, "contacts#1"), [], None, False)])
    report = SimpleNamespace(errors=["e"], warnings=["w", "w", "w"])
    asked = []
    monkeypatch.setattr(monrecap.lint, "lint_carnet",
                        lambda carnet, layout: asked.append(carnet.version) or report)
    old = _built("v1", ["contacts#1"], _carnet("v1"), lint=None)
    new = Side("v2", Path("v2.pdf"), _carnet("v2"), None,
               {"pages": old.manifest["pages"], "lint": LINT})
    assert diff_sides(old, new).lint == ((1, 3), (1, 2))
    assert asked == ["v1"]


def test_a_page_whose_boxes_only_changed_is_changed(stream) -> None:
    old, new = _built("v1", ["contacts#1"]), _built("v2", ["contacts#1"])
    stream([PageComparison(Pair(0, 0, "contacts#1", moved=True), [], "media box (bleed) changed",
                           False),
            PageComparison(Pair(1, 1, "dos#1", moved=True), [], None, False)])
    result = diff_sides(old, new)
    assert [(p.status, p.kind, p.explained) for p in result.pages] == [
        ("changed", "geometry", False), ("moved", "", True)]


# --- what the user reads ------------------------------------------------------------------

def test_the_report_lists_each_page_with_its_explanation() -> None:
    explained = changed(over(CARD1, 12.34), over(NUMBER, 1.0), old=4, new=5)
    explained.regions[0].kind, explained.regions[0].explanation = (
        "content", "contacts → cards -> 1 -> telephone")
    explained.regions[1].kind, explained.regions[1].explanation = "page-number", "page number"
    explained.kind, explained.old_number, explained.new_number = "content", 5, 6
    unexplained = changed(over(TITLE, 0.5), key="dos#1", old=9, new=9)
    unexplained.regions[0].kind = "unexplained"
    unexplained.kind, unexplained.hint = "fonts", "no content change explains it"
    unexplained.old_number = unexplained.new_number = 10
    moved = PageResult(Pair(2, 7, "actions#1", moved=True), "changed", "page-number",
                       old_number=3, new_number=8)
    number = PageResult(Pair(3, 3, "agenda#1"), "changed", "page-number", old_number=4,
                        new_number=4)
    result = _result(explained, unexplained, moved, number, content=[tel()])
    out = io.StringIO()
    print_diff(Console(file=out, width=200, soft_wrap=True), result)
    lines = out.getvalue().splitlines()
    assert lines[0] == ("v1 → v2: 1 content change; pages 4 → 4: 0 added, 0 removed, 1 moved, "
                        "2 changed (1 explained, 1 unexplained), 1 with only the page number "
                        "changed")
    at = lines.index("On the page")
    assert lines[at + 1:] == [
        "  ~ page 6 (was 5) contacts#1: content, 13.3 mm² in 2 regions — explained",
        "      at 8 mm from the left edge, 80 mm from the bottom, 35 × 6 mm: contacts → "
        "cards -> 1 -> telephone",
        "      at 6 mm from the left edge, 6 mm from the bottom, 21 × 4 mm: page number",
        "  ~ page 10 dos#1: fonts, 0.5 mm² in 1 region — UNEXPLAINED",
        "      at 17 mm from the left edge, 133 mm from the bottom, 82 × 9 mm: nothing "
        "explains it",
        "      hint: no content change explains it",
        "  ↕ page 8 (was 3, moved) actions#1",
        "  1 page with only the page number changed: 4"]


# --- reusing a build ----------------------------------------------------------------------

def _fresh_build(root: Path) -> tuple[Path, Path]:
    (root / "versions" / "v1").mkdir(parents=True)
    (root / "versions" / "v1" / "carnet.yaml").write_text("version: v1\n", encoding="utf-8")
    (root / "fonts").mkdir()
    (root / "fonts" / "A.ttf").write_bytes(b"police")
    pdf = root / "monrecap-v1.pdf"
    pdf.write_bytes(b"%PDF-1.7 carnet")
    manifest = root / "build.json"
    manifest.write_text(json.dumps({
        "toolkit": toolkit_fingerprint(), "pdf": {"sha256": sha256(pdf.read_bytes())},
        "sources": [{"path": "versions/v1/carnet.yaml",
                     "sha256": sha256(b"version: v1\n")}],
        "fonts": [{"path": "fonts/A.ttf", "sha256": sha256(b"police")}]}), encoding="utf-8")
    return pdf, manifest


@pytest.mark.parametrize("edit,fresh", [
    (None, True),
    ("pdf", False),
    ("source", False),
    ("font", False),
    ("toolkit", False),
    ("missing source", False),
    ("not json", False),
    ("no pdf entry", False),
])
def test_a_build_is_reused_only_when_made_from_the_files_as_they_are(tmp_path, edit,
                                                                     fresh) -> None:
    pdf, manifest = _fresh_build(tmp_path)
    data = json.loads(manifest.read_text(encoding="utf-8"))
    if edit == "pdf":
        pdf.write_bytes(b"%PDF-1.7 autre carnet")
    elif edit == "source":
        (tmp_path / "versions" / "v1" / "carnet.yaml").write_text("version: v2\n")
    elif edit == "font":
        (tmp_path / "fonts" / "A.ttf").write_bytes(b"autre police")
    elif edit == "toolkit":
        data["toolkit"] = "0" * 16
    elif edit == "missing source":
        (tmp_path / "versions" / "v1" / "carnet.yaml").unlink()
    elif edit == "no pdf entry":
        del data["pdf"]
    if edit in ("toolkit", "no pdf entry"):
        manifest.write_text(json.dumps(data), encoding="utf-8")
    if edit == "not json":
        manifest.write_text("{", encoding="utf-8")
    assert manifest_is_fresh(tmp_path, manifest, pdf) is fresh
