"""The merge of a version's or an edition's page entry over its parent's, rule by rule: each test
gives the exact merged entry, the exact errors, removals and warnings (file:line:col, key path,
text), in process, without building anything."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from monrecap.content.merge import Merged, merge_mapping
from monrecap.source import load_yaml


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@pytest.fixture
def merge(tmp_path: Path):
    """``merge(parent, child)``: the two page entries (YAML texts, the parent's as ``v11.yaml``,
    the child's as ``v12.yaml``) merged: (entry, problems, removals, warnings)."""

    def load(name: str, text: str):
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return load_yaml(path, name)

    def run(parent: str | None, child: str, parent_name: str = "v11"):
        base = load("v11.yaml", parent) if parent is not None else None
        problems: list = []
        said = Merged()
        out = merge_mapping(base, load("v12.yaml", child), problems, said, parent_name)
        return (_plain(out), [str(p) for p in problems], [str(p) for p in said.removals],
                [str(p) for p in said.warnings])

    return run


CARDS = """\
    cards:
      - structure: France Travail
        nom: Agence de Fictiville
      - structure: CAF
      - structure: Mission locale
"""


# --- mappings and plain values ----------------------------------------------------------------

def test_a_mapping_merges_key_by_key(merge) -> None:
    assert merge("title: Mes rendez-vous\nlabels: {place: Lieu, with_whom: Avec qui}\n",
                 "labels: {place: Adresse}\n") == (
        {"title": "Mes rendez-vous", "labels": {"place": "Adresse", "with_whom": "Avec qui"}},
        [], [], [])


def test_a_text_over_a_mapping_replaces_it(merge) -> None:
    assert merge("labels: {place: Lieu, with_whom: Avec qui}\n", "labels: Aucun\n") == (
        {"labels": "Aucun"}, [], [], [])


def test_a_mapping_over_a_text_replaces_it(merge) -> None:
    assert merge("labels: Aucun\n", "labels: {place: Adresse}\n") == (
        {"labels": {"place": "Adresse"}}, [], [], [])


def test_a_mapping_the_parent_lacks_is_taken_as_written(merge) -> None:
    """Nothing inside a new mapping merges: its lists and their directives are as written."""
    child = "extra:\n  replace: [steps]\n  steps:\n    - text: Appeler\n      remove: true\n"
    assert merge("title: Mes démarches\n", child) == (
        {"title": "Mes démarches",
         "extra": {"replace": ["steps"], "steps": [{"text": "Appeler", "remove": True}]}},
        [], [], [])


def test_a_list_that_does_not_merge_is_replaced(merge) -> None:
    assert merge("tags: [accueil, emploi]\nitems: [Mon CV]\n", "tags: [logement]\n") == (
        {"tags": ["logement"], "items": ["Mon CV"]}, [], [], [])


def test_a_merging_list_over_a_text_is_laid_over_nothing(merge) -> None:
    assert merge("items: Mon CV\n", "items: [Mon RIB]\n") == (
        {"items": ["Mon RIB"]}, [], [], [])


# --- replace: ---------------------------------------------------------------------------------

def test_replace_gives_the_list_whole_with_its_own_placements(merge) -> None:
    child = ("replace: [cards]\ncards:\n  - structure: Mairie\n"
             "  - structure: CAF\n    before: Mairie\n  - structure: Autre\n    remove: false\n")
    assert merge(CARDS, child) == (
        {"cards": [{"structure": "CAF"}, {"structure": "Mairie"}, {"structure": "Autre"}]},
        [], [], [])


def test_replace_of_a_list_the_entry_does_not_give(merge) -> None:
    """One error per list, in the order of their names (not of a set's hashing)."""
    assert merge(CARDS, "replace: [cards, steps]\ntitle: Contacts\n") == (
        {"cards": [{"structure": "France Travail", "nom": "Agence de Fictiville"},
                   {"structure": "CAF"}, {"structure": "Mission locale"}],
         "title": "Contacts"},
        ["v12.yaml:1:10: replace: replace: [cards] but this entry gives no 'cards:' list to "
         "replace it with",
         "v12.yaml:1:10: replace: replace: [steps] but this entry gives no 'steps:' list to "
         "replace it with"],
        [], [])


@pytest.mark.parametrize("replace", ["cards", "[cards, 3]", "{cards: true}", "[[cards]]"])
def test_replace_must_be_a_list_of_names(merge, replace: str) -> None:
    """Anything but a list of names is refused as a whole, and the lists then merge."""
    assert merge(CARDS, f"replace: {replace}\ncards:\n  - structure: Mairie\n") == (
        {"cards": [{"structure": "France Travail", "nom": "Agence de Fictiville"},
                   {"structure": "CAF"}, {"structure": "Mission locale"},
                   {"structure": "Mairie"}]},
        ["v12.yaml:1:10: replace: must be a list of the lists this entry gives whole, like "
         "[cards]"], [], [])


def test_replace_names_only_lists_that_merge(merge) -> None:
    assert merge(CARDS, "replace: [card, tags]\ncards:\n  - structure: Mairie\n")[1] == [
        "v12.yaml:1:11: replace -> 0: 'card' is not a list that merges (did you mean "
        "'cards'?); replace: names one of blocks, boxes, bring, cards, fields, items, lines, "
        "sections, statuses, steps",
        "v12.yaml:1:17: replace -> 1: 'tags' is not a list that merges; replace: names one of "
        "blocks, boxes, bring, cards, fields, items, lines, sections, statuses, steps"]


# --- lists of texts ---------------------------------------------------------------------------

ITEMS = "items:\n  - Ma carte Vitale\n  - Mon CV\n  - Mes diplômes\n"


def test_a_text_list_merges_by_its_text(merge) -> None:
    """A text the parent has (whatever its case) is the same item, now as written; a new one
    is added at the end. Restating an item unchanged is a list written whole: what it leaves
    out is said."""
    assert merge(ITEMS, "items:\n  - mon cv\n  - Mon RIB\n") == (
        {"items": ["Ma carte Vitale", "mon cv", "Mes diplômes", "Mon RIB"]}, [], [],
        ["v12.yaml:2:5: items -> 0: writes 'mon cv' where v11 has 'Mon CV': the same item "
         "(keys match whatever the case and spacing), now printed 'mon cv'",
         "v12.yaml:2:3: items: this list of 'items' names 1 of the 3 items of v11 but not "
         "'Ma carte Vitale', 'Mes diplômes': lists merge by text, so they are kept (add "
         "`remove: true` to an item to drop it, or `replace: [items]` beside this list to "
         "give it whole)"])


def test_one_item_left_out_is_said_in_the_singular(merge) -> None:
    assert merge(ITEMS, "items:\n  - Ma carte Vitale\n  - Mes diplômes\n")[3] == [
        "v12.yaml:2:3: items: this list of 'items' names 2 of the 3 items of v11 but not "
        "'Mon CV': lists merge by text, so it is kept (add `remove: true` to an item to drop "
        "it, or `replace: [items]` beside this list to give it whole)"]


def test_new_items_only_are_no_list_written_whole(merge) -> None:
    assert merge(ITEMS, "items:\n  - Mon RIB\n  - text: Mon permis\n    after: Mon CV\n") == (
        {"items": ["Ma carte Vitale", "Mon CV", "Mon permis", "Mes diplômes", "Mon RIB"]},
        [], [], [])


def test_the_mapping_form_removes_renames_and_places(merge) -> None:
    child = ("items:\n  - text: Mes diplômes\n    remove: true\n"
             "  - text: Mon CV à jour\n    was: mon cv\n    before: Ma carte Vitale\n"
             "  - text: Ma carte Vitale\n    remove: false\n")
    assert merge(ITEMS, child) == (
        {"items": ["Mon CV à jour", "Ma carte Vitale"]}, [],
        ["v12.yaml:2:5: items -> 0: removes 'Mes diplômes' from 'items' (v11)"], [])


def test_an_item_with_its_pictogram_merges_like_a_record(merge) -> None:
    parent = ("items:\n  - text: Mon CV\n    picto: pictograms/cv.svg\n"
              "  - text: Mon RIB\n    picto: pictograms/rib.svg\n")
    child = ("items:\n  - text: Mon CV\n    picto: pictograms/cv2.svg\n"
             "  - text: Mon permis\n    picto: pictograms/permis.svg\n    after: Mon CV\n"
             "  - text: Ma carte Vitale\n")
    assert merge(parent, child) == (
        {"items": [{"text": "Mon CV", "picto": "pictograms/cv2.svg"},
                   {"text": "Mon permis", "picto": "pictograms/permis.svg"},
                   {"text": "Mon RIB", "picto": "pictograms/rib.svg"},
                   "Ma carte Vitale"]}, [], [], [])


def test_a_text_with_a_colon_read_as_a_key_is_an_error(merge) -> None:
    """« - Attention : ceci » is a mapping for YAML: said, with the line in quotes; the item
    is kept empty for the schema, and the items after it still merge."""
    assert merge(ITEMS, "items:\n  - Attention: ceci\n  - Mon RIB\n") == (
        {"items": ["Ma carte Vitale", "Mon CV", "Mes diplômes", None, "Mon RIB"]},
        ["v12.yaml:2:5: items -> 0: YAML reads « Attention: ceci » as a key and its value; a "
         "text with « : » must be in quotes: - \"Attention: ceci\""], [], [])


def test_an_id_alone_in_a_text_list_is_an_error_and_no_item(merge) -> None:
    assert merge(ITEMS, "items:\n  - id: rib\n  - Mon RIB\n") == (
        {"items": ["Ma carte Vitale", "Mon CV", "Mes diplômes", "Mon RIB"]},
        ["v12.yaml:2:5: items -> 0: YAML reads « id: rib » as a key and its value; a text "
         "with « : » must be in quotes: - \"id: rib\""], [], [])


def test_values_that_are_not_texts_are_kept_for_the_schema(merge) -> None:
    """An empty item, a list or a yes/no in a list of texts is not a key: each is kept as
    written (the schema says what is wrong), twice is no duplicate, and the items after it
    still merge."""
    child = "items:\n  - ~\n  - ~\n  - [Mon CV]\n  - [Mon CV]\n  - true\n  - true\n  - Mon CV\n"
    assert merge(ITEMS, child) == (
        {"items": ["Ma carte Vitale", "Mon CV", "Mes diplômes", None, None, ["Mon CV"],
                   ["Mon CV"], True, True]}, [], [],
        ["v12.yaml:2:3: items: this list of 'items' names 1 of the 3 items of v11 but not "
         "'Ma carte Vitale', 'Mes diplômes': lists merge by text, so they are kept (add "
         "`remove: true` to an item to drop it, or `replace: [items]` beside this list to "
         "give it whole)"])


@pytest.mark.parametrize("parent, value, written", [("true", True, "True"), ("~", None, "None"),
                                                    ("[Mon CV]", ["Mon CV"], "['Mon CV']")])
def test_a_parent_item_that_is_not_a_text_has_no_key(merge, parent: str, value: Any,
                                                     written: str) -> None:
    """Its key is its place (#0): a text that reads like it is another item."""
    assert merge(f"items:\n  - {parent}\n  - Mon CV\n", f"items:\n  - \"{written}\"\n")[0] == {
        "items": [value, "Mon CV", written]}


def test_a_parent_item_without_a_key_is_named_by_its_place(merge) -> None:
    assert merge("items:\n  - ~\n  - Mon CV\n", "items:\n  - \"#0\"\n") == (
        {"items": ["#0", "Mon CV"]}, [], [],
        ["v12.yaml:2:3: items: this list of 'items' names 1 of the 2 items of v11 but not "
         "'Mon CV': lists merge by text, so it is kept (add `remove: true` to an item to drop "
         "it, or `replace: [items]` beside this list to give it whole)"])


# --- lists of records: keys and ids -----------------------------------------------------------

FT = {"structure": "France Travail", "nom": "Agence de Fictiville"}
CAF = {"structure": "CAF"}
ML = {"structure": "Mission locale"}


def test_a_record_changes_field_by_field(merge) -> None:
    child = "cards:\n  - structure: CAF\n    telephone: \"01 99 00 20 32\"\n    remove: false\n"
    assert merge(CARDS, child) == (
        {"cards": [FT, {"structure": "CAF", "telephone": "01 99 00 20 32"}, ML]}, [], [], [])


def test_a_key_is_found_past_items_with_other_ids(merge) -> None:
    parent = "cards:\n  - structure: CAF\n    id: caf\n  - structure: Mairie\n"
    assert merge(parent, "cards:\n  - structure: Mairie\n    nom: Mairie de Fictiville\n")[0] == {
        "cards": [{"structure": "CAF", "id": "caf"},
                  {"structure": "Mairie", "nom": "Mairie de Fictiville"}]}


def test_an_item_without_an_id_is_not_found_by_the_word_none(merge) -> None:
    parent = "cards:\n  - structure: CAF\n  - structure: none\n"
    assert merge(parent, "cards:\n  - structure: None\n    nom: Personne\n") == (
        {"cards": [CAF, {"structure": "None", "nom": "Personne"}]}, [], [],
        ["v12.yaml:2:5: cards -> 0: writes 'None' where v11 has 'none': the same item (keys "
         "match whatever the case and spacing), now printed 'None'"])


def test_an_id_names_an_item_before_its_key(merge) -> None:
    """``id: x`` with another item's key changes the item of id x (its key now that one)."""
    parent = "cards:\n  - structure: CAF\n    id: x\n  - structure: Mairie\n"
    assert merge(parent, "cards:\n  - id: x\n    structure: Mairie\n    nom: Annexe\n") == (
        {"cards": [{"structure": "Mairie", "id": "x", "nom": "Annexe"},
                   {"structure": "Mairie"}]}, [], [], [])


def test_an_id_alone_names_its_item(merge) -> None:
    parent = "cards:\n  - structure: CAF\n    id: caf\n  - structure: Mairie\n"
    assert merge(parent, "cards:\n  - id: caf\n    nom: CAF du Val-Fictif\n") == (
        {"cards": [{"structure": "CAF", "id": "caf", "nom": "CAF du Val-Fictif"},
                   {"structure": "Mairie"}]}, [], [], [])


def test_a_new_id_on_a_known_key_names_the_item_by_its_key(merge) -> None:
    """The item takes the new id, and later items are placed by it."""
    parent = "cards:\n  - structure: CAF\n    id: caf\n  - structure: Mairie\n"
    child = ("cards:\n  - structure: CAF\n    id: allocations\n    nom: CAF du Val\n"
             "  - structure: Mission locale\n    after: allocations\n")
    assert merge(parent, child) == (
        {"cards": [{"structure": "CAF", "id": "allocations", "nom": "CAF du Val"}, ML,
                   {"structure": "Mairie"}]},
        [], [], [])


def test_an_item_keeps_its_id_when_restated_by_its_text(merge) -> None:
    parent = "items:\n  - text: Mon CV\n    id: cv\n  - Mon RIB\n"
    child = "items:\n  - Mon CV\n  - text: Mon permis\n    after: cv\n"
    assert merge(parent, child)[:3] == ({"items": ["Mon CV", "Mon permis", "Mon RIB"]}, [], [])


def test_a_new_id_alone_is_a_new_item(merge) -> None:
    """An id that names nothing is a new item, even beside an item whose key reads « none »;
    an id alone changes its item without a warning about the key's case."""
    parent = "cards:\n  - structure: none\n    id: q\n"
    child = "cards:\n  - id: q\n    nom: Personne\n  - id: zz\n    nom: Quelqu'un\n"
    assert merge(parent, child) == (
        {"cards": [{"structure": "none", "id": "q", "nom": "Personne"},
                   {"id": "zz", "nom": "Quelqu'un"}]}, [], [], [])


def test_an_id_changes_the_key_without_a_warning(merge) -> None:
    parent = "cards:\n  - structure: CAF\n    id: q\n"
    assert merge(parent, "cards:\n  - id: q\n    structure: Caisse d'allocations\n") == (
        {"cards": [{"structure": "Caisse d'allocations", "id": "q"}]}, [], [], [])


def test_a_rename_in_another_case_is_no_warning(merge) -> None:
    assert merge(CARDS, "cards:\n  - structure: Caf\n    was: CAF\n    nom: CAF du Val\n") == (
        {"cards": [FT, {"structure": "Caf", "nom": "CAF du Val"}, ML]}, [], [], [])


def test_a_rename_needs_its_old_key_even_beside_an_id(merge) -> None:
    child = "cards:\n  - id: caf\n    structure: CAF\n    was: Caisse\n"
    assert merge(CARDS, child) == (
        {"cards": [FT, CAF, ML]},
        ["v12.yaml:4:10: cards -> 0 -> was: cannot rename 'Caisse': v11 has no such item in "
         "'cards'; its items: France Travail, CAF, Mission locale"], [], [])


def test_a_renamed_item_is_listed_by_its_new_key(merge) -> None:
    child = ("cards:\n  - structure: Caisse d'allocations\n    was: CAF\n"
             "  - structure: Mairie\n    remove: true\n")
    assert merge(CARDS, child)[:2] == (
        {"cards": [FT, {"structure": "Caisse d'allocations"}, ML]},
        ["v12.yaml:4:5: cards -> 1: cannot remove 'Mairie': v11 has no such item in 'cards'; "
         "its items: France Travail, Caisse d'allocations, Mission locale"])


def test_an_item_without_a_key_is_listed_by_its_place(merge) -> None:
    parent = "cards:\n  - id: q\n    nom: Agence\n  - structure: CAF\n"
    child = ("cards:\n  - id: q\n    telephone: \"01 99 00 20 32\"\n"
             "  - structure: Mairie\n    remove: true\n")
    assert merge(parent, child)[:2] == (
        {"cards": [{"id": "q", "nom": "Agence", "telephone": "01 99 00 20 32"}, CAF]},
        ["v12.yaml:4:5: cards -> 1: cannot remove 'Mairie': v11 has no such item in 'cards'; "
         "its items: #0, CAF"])


def test_an_item_named_twice_by_id_and_by_key_gets_both_changes(merge) -> None:
    parent = "cards:\n  - structure: CAF\n    id: allocations\n"
    child = ("cards:\n  - id: allocations\n    nom: CAF du Val\n"
             "  - structure: CAF\n    telephone: \"01 99 00 20 32\"\n")
    assert merge(parent, child) == (
        {"cards": [{"structure": "CAF", "id": "allocations", "nom": "CAF du Val",
                    "telephone": "01 99 00 20 32"}]}, [], [], [])


@pytest.mark.parametrize("again", ["    nom: CAF du Val\n", "    remove: true\n"])
def test_an_item_removed_then_named_by_its_key_is_an_error(merge, again: str) -> None:
    """Removed by its id, named again by its key: the change would be lost, so it is said
    (once removed, always removed), and the list goes on."""
    parent = "cards:\n  - structure: CAF\n    id: allocations\n  - structure: Mairie\n"
    child = ("cards:\n  - id: allocations\n    remove: true\n  - structure: CAF\n" + again
             + "  - structure: Mission locale\n")
    assert merge(parent, child) == (
        {"cards": [{"structure": "Mairie"}, ML]},
        ["v12.yaml:4:5: cards -> 1: 'CAF' is the item removed at line 2: it cannot be changed "
         "or removed again"],
        ["v12.yaml:2:5: cards -> 0: removes 'CAF' from 'cards' (v11)"], [])


def test_a_record_written_as_its_key_is_left_to_the_schema(merge) -> None:
    """A text in a list of records is not a key: kept as written, and the list goes on."""
    assert merge(CARDS, "cards:\n  - CAF\n  - structure: Mairie\n") == (
        {"cards": [FT, CAF, ML, "CAF", {"structure": "Mairie"}]}, [], [], [])


def test_a_record_without_its_key_is_a_new_item(merge) -> None:
    child = "cards:\n  - nom: Sans structure\n  - structure: CAF\n    nom: CAF du Val\n"
    assert merge(CARDS, child) == (
        {"cards": [FT, {"structure": "CAF", "nom": "CAF du Val"}, ML,
                   {"nom": "Sans structure"}]}, [], [], [])


def test_a_record_restating_its_key_and_id_is_a_list_written_whole(merge) -> None:
    parent = "cards:\n  - structure: CAF\n    id: caf\n  - structure: Mairie\n"
    assert merge(parent, "cards:\n  - structure: CAF\n    id: caf\n")[3] == [
        "v12.yaml:2:3: cards: this list of 'cards' names 1 of the 2 items of v11 but not "
        "'Mairie': lists merge by structure, so it is kept (add `remove: true` to an item to "
        "drop it, or `replace: [cards]` beside this list to give it whole)"]


def test_a_list_that_changes_items_is_no_list_written_whole(merge) -> None:
    assert merge(CARDS, "cards:\n  - structure: CAF\n    nom: CAF du Val\n")[3] == []


def test_another_order_is_said(merge) -> None:
    child = ("cards:\n  - structure: Mission locale\n  - structure: CAF\n"
             "  - structure: France Travail\n")
    assert merge(CARDS, child) == (
        {"cards": [FT, CAF, ML]}, [], [],
        ["v12.yaml:2:3: cards: this list of 'cards' names items of v11 in another order, which "
         "a merge does not change: existing items keep their place (use `after:` or `before:` "
         "on an item to move it, or `replace: [cards]` to give the list whole)"])


# --- errors: each said at its line, and the list goes on ---------------------------------------

@pytest.mark.parametrize("entry, problem", [
    ("  - nom: Sans structure\n    remove: true\n",
     "v12.yaml:2:5: cards -> 0: an item to change or remove needs its 'structure' (or its id)"),
    ("  - nom: Sans structure\n    was: CAF\n",
     "v12.yaml:2:5: cards -> 0: an item to change or remove needs its 'structure' (or its id)"),
    ("  - structure: CAF\n  - structure: caf\n",
     "v12.yaml:3:5: cards -> 1: 'caf' is twice in this list (first at line 2)"),
    ("  - structure: Caisse\n    was: [CAF]\n",
     "v12.yaml:3:10: cards -> 0 -> was: must be the structure of the item to rename, as v11 "
     "writes it"),
    ("  - structure: CAF\n    remove: oui\n",
     "v12.yaml:3:13: cards -> 0 -> remove: must be true or false"),
    ("  - structure: Mairie\n    remove: true\n",
     "v12.yaml:2:5: cards -> 0: cannot remove 'Mairie': v11 has no such item in 'cards'; its "
     "items: France Travail, CAF, Mission locale"),
    ("  - structure: Mission local\n    remove: true\n",
     "v12.yaml:2:5: cards -> 0: cannot remove 'Mission local': v11 has no such item in "
     "'cards' (did you mean 'Mission locale'?); its items: France Travail, CAF, Mission "
     "locale"),
    ("  - structure: Caisse\n    was: CAFF\n",
     "v12.yaml:3:10: cards -> 0 -> was: cannot rename 'CAFF': v11 has no such item in 'cards' "
     "(did you mean 'CAF'?); its items: France Travail, CAF, Mission locale"),
])
def test_a_wrong_item_is_said_and_the_next_ones_merge(merge, entry: str, problem: str) -> None:
    child = "cards:\n" + entry + "  - structure: Association\n    after: France Travail\n"
    out, problems, removals, warnings = merge(CARDS, child)
    assert problems == [problem]
    assert out["cards"][:2] == [FT, {"structure": "Association"}]


def test_without_a_parent_list_there_is_nothing_to_remove(merge) -> None:
    assert merge("title: Contacts\n", "cards:\n  - structure: CAF\n    remove: true\n",
                 parent_name="") == (
        {"title": "Contacts", "cards": []},
        ["v12.yaml:2:5: cards -> 0: cannot remove 'CAF': the parent has no such item in "
         "'cards'; its items: none"], [], [])


def test_the_parent_is_named_the_parent_when_it_has_no_name(merge) -> None:
    assert merge(CARDS, "cards:\n  - structure: CAF\n    remove: true\n", parent_name="")[2] == [
        "v12.yaml:2:5: cards -> 0: removes 'CAF' from 'cards' (the parent)"]


# --- placements: after:, before: --------------------------------------------------------------

def test_an_existing_item_moves_after_another(merge) -> None:
    child = "cards:\n  - structure: France Travail\n    after: Mission locale\n"
    assert merge(CARDS, child) == ({"cards": [CAF, ML, FT]}, [], [], [])


def test_an_existing_item_moves_before_another(merge) -> None:
    child = "cards:\n  - structure: Mission locale\n    before: caf\n"
    assert merge(CARDS, child) == ({"cards": [FT, ML, CAF]}, [], [], [])


def test_placements_are_read_in_order_against_the_list_so_far(merge) -> None:
    child = ("cards:\n  - structure: Mairie\n    before: France Travail\n"
             "  - structure: Association\n    after: Mairie\n")
    assert merge(CARDS, child)[0] == {"cards": [
        {"structure": "Mairie"}, {"structure": "Association"}, FT, CAF, ML]}


@pytest.mark.parametrize("where, problem", [
    ("after: CAF\n    before: CAF",
     "v12.yaml:4:13: cards -> 0 -> before: after: or before:, not both"),
    ("after: Association",
     "v12.yaml:3:12: cards -> 0 -> after: no item 'Association' in 'cards' to place this one "
     "after"),
    ("before: Mision locale",
     "v12.yaml:3:13: cards -> 0 -> before: no item 'Mision locale' in 'cards' to place this "
     "one before (did you mean 'Mission locale'?)"),
    ("after: [CAF]",
     "v12.yaml:3:12: cards -> 0 -> after: no item '['CAF']' in 'cards' to place this one "
     "after (did you mean 'CAF'?)"),
    ("after: ~",
     "v12.yaml:3:12: cards -> 0 -> after: no item 'None' in 'cards' to place this one after"),
])
def test_a_placement_that_cannot_be_made_leaves_the_item_in_place(merge, where: str,
                                                                   problem: str) -> None:
    child = f"cards:\n  - structure: France Travail\n    {where}\n  - structure: Mairie\n"
    assert merge(CARDS, child)[:2] == (
        {"cards": [FT, CAF, ML, {"structure": "Mairie"}]}, [problem])
