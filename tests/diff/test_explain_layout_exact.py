"""How `monrecap diff` explains a changed page, continued: fields pushed by the text above
them (a reflow), regions over no field or labels only (the page's drawing), the page's class
and hint, and PDFs without a layout map."""

from __future__ import annotations

import pytest

from monrecap.diff.align import Pair
from monrecap.diff.content import Change
from monrecap.diff.explain import PageResult, RegionResult, _moved, explain, explain_without_map
from monrecap.diff.visual import PageComparison, Region

from .explainmaps import (
    CARD0,
    CARD1,
    EMPTY,
    LABEL,
    NUMBER,
    TITLE,
    changed,
    over,
    page,
    regions_of,
    run,
    side,
    tel,
)

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
