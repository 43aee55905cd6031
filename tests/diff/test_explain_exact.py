"""How `monrecap diff` explains a changed page, at its edges: which pages are explained,
unexplained, only renumbered or only moved, when two sides are identical, and each region's
kind and explanation by a content change or a list's items shifted. The page results are
built from layout maps (build.json's fields) and content changes written out by hand
(explainmaps.py): no PDF is built. The pushed fields, the page's drawing and its class:
test_explain_layout_exact.py; diff_sides and the report: test_diff_sides_exact.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from monrecap.diff.align import Pair
from monrecap.diff.content import Change
from monrecap.diff.diffreport import summary
from monrecap.diff.explain import DiffResult, PageResult, RegionResult, Side, _fields, _related
from monrecap.diff.visual import Region

from .explainmaps import (
    CARD0,
    CARD1,
    CARD2,
    EMPTY,
    NUMBER,
    TITLE,
    changed,
    over,
    page,
    regions_of,
    run,
    tel,
)

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
    # diff_sides also lists the padding pages, added or removed; the count alone says it.
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
