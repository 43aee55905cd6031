"""Inheritance pinned exactly: small trees of versions written here, resolved in-process (no
schema, no PDF), compared whole — the content a version gets from the one it extends, the
order of its pages, where each page was written, what the merge said — and every refusal by
its exact text, with its file:line:col and key path. Each case sits where the resolver
decides: which keys a version keeps for itself, which mappings merge by name, when a page is
new, changed, removed or placed, what makes a cycle. Every person and number is fictitious."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from typing import Any

import pytest

from monrecap.content.inherit import (
    check_known,
    merge_keyed,
    merge_pages,
    merge_versions,
    read_version,
    resolve_version,
    unknown_version,
    version_ids,
)
from monrecap.content.merge import Merged, block_layers
from monrecap.content.variants import apply_variant
from monrecap.errors import ContentError
from monrecap.source import MDict, MList, load_yaml

V1 = """\
version: v1
released: 2026-01-05
title: Mon Récap
layout: a6-poche
print: [a6-esat]
changelog:
  - change: Première version.
    finding: Les conseillers voulaient un carnet pour les rendez-vous.
retired_editions: []
lint:
  phrase-longue:
    level: warning
    reason: La phrase de la couverture est longue à dessein.
risk_accepted:
  donnees:
    reason: Les lecteurs le demandent.
variables:
  service: France Travail
  numero: 01 99 00 12 34
glossary:
  CAF: Caisse d'allocations familiales
  CV: Curriculum vitae
risk:
  donnees: sensible
  contacts: personnel
pages:
  - id: couverture
    kind: couverture
    title: Mon Récap
  - id: contacts
    kind: contacts
    title: Mes contacts
    cards:
      - structure: France Travail
      - structure: CAF
  - id: actions
    kind: actions
    title: Mes démarches
    rows: 6
  - id: notes
    kind: notes
    title: Mes notes
"""

HEAD2 = """\
version: v2
extends: v1
released: 2026-06-01
changelog:
  - change: Des pages changent.
    finding: Les lecteurs l'ont demandé.
"""


def tree(tmp_path: Path, **versions: str) -> Path:
    """A repository holding only ``versions/<vid>/carnet.yaml`` for each given version."""
    for vid, text in versions.items():
        path = tmp_path / "versions" / vid / "carnet.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def plain(value: Any) -> Any:
    """Marked YAML values as plain dicts and lists, for comparing whole."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def refused(call, *args, **kwargs) -> list[str]:
    """The problems a call is refused with, as the user reads them."""
    with pytest.raises(ContentError) as caught:
        call(*args, **kwargs)
    return [str(p) for p in caught.value.problems]


def ids(data: MDict) -> list[str]:
    return [p["id"] for p in data["pages"]]


def marks(data: MDict) -> list[str]:
    """Where each resolved page was first written (errors about it point there)."""
    pages = data["pages"]
    return [pages.mark_of(i).where for i in range(len(pages))]


def said(data: MDict) -> tuple[list[str], list[str]]:
    return [str(p) for p in data.said.removals], [str(p) for p in data.said.warnings]


PAGES1 = [
    {"id": "couverture", "kind": "couverture", "title": "Mon Récap"},
    {"id": "contacts", "kind": "contacts", "title": "Mes contacts",
     "cards": [{"structure": "France Travail"}, {"structure": "CAF"}]},
    {"id": "actions", "kind": "actions", "title": "Mes démarches", "rows": 6},
    {"id": "notes", "kind": "notes", "title": "Mes notes"},
]
MARKS1 = ["versions/v1/carnet.yaml:27:5", "versions/v1/carnet.yaml:30:5",
          "versions/v1/carnet.yaml:36:5", "versions/v1/carnet.yaml:40:5"]


# --- which versions there are -------------------------------------------------------------

def test_versions_in_numeric_order_and_only_versions(tmp_path: Path) -> None:
    root = tree(tmp_path, v10="version: v10\n", v2="version: v2\n", v1="version: v1\n",
                brouillon="version: v3\n", v3a="version: v3\n")
    (root / "versions" / "v4").mkdir()  # a folder without its carnet.yaml
    assert version_ids(root) == ["v1", "v2", "v10"]


def test_an_empty_repository_knows_no_version_and_says_so(tmp_path: Path) -> None:
    assert refused(check_known, tmp_path, "v1") == ["unknown version 'v1'; known versions: none"]
    assert unknown_version(tmp_path, "v1", new_hint=True) == \
        "unknown version 'v1'; known versions: none"


def test_an_unknown_version_is_told_how_to_start_it(tmp_path: Path) -> None:
    root = tree(tmp_path, v1=V1)
    assert refused(read_version, root, "v2") == [
        "unknown version 'v2'; known versions: v1; `monrecap new v2` starts it"]
    assert unknown_version(root, "v2") == "unknown version 'v2'; known versions: v1"


def test_a_folder_that_is_not_a_version_is_not_one_even_with_a_carnet(tmp_path: Path) -> None:
    root = tree(tmp_path, v1=V1, brouillon=V1)
    (root / "versions" / "essai").mkdir()
    assert refused(resolve_version, root, "brouillon") == [
        "unknown version 'brouillon'; known versions: v1"]
    assert refused(check_known, root, "essai") == [
        "unknown version 'essai'; known versions: v1"]
    assert refused(check_known, root, "v1/") == [
        "unknown version 'v1/' (did you mean 'v1'?); known versions: v1"]


def test_a_version_folder_without_its_carnet(tmp_path: Path) -> None:
    root = tree(tmp_path, v1=V1)
    (root / "versions" / "v2").mkdir()
    assert refused(check_known, root, "v2") == [
        "unknown version 'v2': versions/v2/ has no carnet.yaml (a version is written in "
        "versions/v2/carnet.yaml); known versions: v1"]


def test_a_number_written_otherwise_is_the_version_of_that_number(tmp_path: Path) -> None:
    root = tree(tmp_path, v1=V1, v11="version: v11\n", v011="version: v11\n")
    assert version_ids(root) == ["v1", "v011", "v11"]
    assert refused(check_known, root, "v0011") == [
        "unknown version 'v0011' (did you mean 'v011'?); known versions: v1, v011, v11"]
    assert refused(check_known, root, "v01") == [
        "unknown version 'v01' (did you mean 'v1'?); known versions: v1, v011, v11"]


def test_a_version_file_must_be_a_mapping(tmp_path: Path) -> None:
    root = tree(tmp_path, v1="- id: couverture\n")
    assert refused(resolve_version, root, "v1") == [
        "versions/v1/carnet.yaml: must be a mapping of keys to values"]


# --- what a version inherits --------------------------------------------------------------

def test_a_first_version_is_itself(tmp_path: Path) -> None:
    root = tree(tmp_path, v1=V1)
    v1 = resolve_version(root, "v1")
    assert plain(v1) == plain(load_yaml(root / "versions/v1/carnet.yaml", "v1"))
    assert v1.chain == ["versions/v1/carnet.yaml"]
    assert marks(v1) == MARKS1
    assert said(v1) == ([], [])


def test_a_version_keeps_its_own_keys_and_inherits_the_rest(tmp_path: Path) -> None:
    root = tree(tmp_path, v1=V1, v2=HEAD2, v3="version: v3\nextends: v2\n")
    v2 = resolve_version(root, "v2")
    assert plain(v2) == {
        "released": dt.date(2026, 6, 1), "title": "Mon Récap", "layout": "a6-poche",
        "print": ["a6-esat"],
        "variables": {"service": "France Travail", "numero": "01 99 00 12 34"},
        "glossary": {"CAF": "Caisse d'allocations familiales", "CV": "Curriculum vitae"},
        "risk": {"donnees": "sensible", "contacts": "personnel"},
        "pages": PAGES1,
        "version": "v2", "extends": "v1",
        "changelog": [{"change": "Des pages changent.",
                       "finding": "Les lecteurs l'ont demandé."}]}
    assert v2.chain == ["versions/v1/carnet.yaml", "versions/v2/carnet.yaml"]
    assert marks(v2) == MARKS1
    v3 = resolve_version(root, "v3")
    assert list(v3) == ["released", "title", "layout", "print", "variables", "glossary", "risk",
                        "pages", "version", "extends"]
    assert v3.chain == ["versions/v1/carnet.yaml", "versions/v2/carnet.yaml",
                        "versions/v3/carnet.yaml"]


def test_lists_and_mappings_that_do_not_merge_are_replaced_whole(tmp_path: Path) -> None:
    root = tree(tmp_path, v1=V1, v2=HEAD2 + textwrap.dedent("""\
        print: [a5-gros]
        layout: a5
        lint:
          ligne-longue:
            level: warning
            reason: Le titre est long.
        risk_accepted:
          contacts:
            reason: Les conseillers le demandent.
        retired_editions: [val-fictif]
        """))
    v2 = resolve_version(root, "v2")
    assert plain(v2)["print"] == ["a5-gros"]
    assert v2["layout"] == "a5"
    assert plain(v2["lint"]) == {"ligne-longue": {"level": "warning",
                                                  "reason": "Le titre est long."}}
    assert plain(v2["risk_accepted"]) == {"contacts": {
        "reason": "Les conseillers le demandent."}}
    assert plain(v2["retired_editions"]) == ["val-fictif"]
    assert plain(v2["pages"]) == PAGES1


def test_variables_glossary_and_risk_merge_by_name(tmp_path: Path) -> None:
    root = tree(tmp_path, v1=V1, v2=HEAD2 + textwrap.dedent("""\
        variables:
          numero: 01 99 00 56 78
          ville: Valfictif
          service: null
        glossary:
          CV: Le curriculum vitae, qui présente mon parcours
          CAF: null
          CCAS: Centre communal d'action sociale
          RSA: null
        risk:
          contacts: null
          actions: personnel
          donnees: null
        """))
    v2 = resolve_version(root, "v2")
    assert plain(v2["variables"]) == {"service": None, "numero": "01 99 00 56 78",
                                      "ville": "Valfictif"}
    assert plain(v2["glossary"]) == {"CV": "Le curriculum vitae, qui présente mon parcours",
                                     "CCAS": "Centre communal d'action sociale", "RSA": None}
    assert plain(v2["risk"]) == {"actions": "personnel"}
    assert said(v2) == ([
        "versions/v2/carnet.yaml:13:3: glossary -> CAF: removes 'CAF' from 'glossary' (v1)",
        "versions/v2/carnet.yaml:17:3: risk -> contacts: removes 'contacts' from 'risk' (v1)",
        "versions/v2/carnet.yaml:19:3: risk -> donnees: removes 'donnees' from 'risk' (v1)",
    ], [])
    assert plain(resolve_version(root, "v1")["glossary"]) == {
        "CAF": "Caisse d'allocations familiales", "CV": "Curriculum vitae"}


def test_a_mapping_the_parent_lacks_or_one_replaced_by_a_value(tmp_path: Path) -> None:
    root = tree(tmp_path, v1="version: v1\ntitle: Mon Récap\nvariables: [service]\n",
                v2="version: v2\nextends: v1\nvariables:\n  service: France Travail\n"
                   "glossary:\n  CV: Curriculum vitae\nrisk: null\npages: null\n")
    v2 = resolve_version(root, "v2")
    assert plain(v2) == {"title": "Mon Récap", "version": "v2", "extends": "v1",
                         "variables": {"service": "France Travail"},
                         "glossary": {"CV": "Curriculum vitae"}, "risk": None, "pages": None}
    root = tree(tmp_path, v3="version: v3\nextends: v2\nglossary: null\nvariables: []\n")
    assert plain(resolve_version(root, "v3"))["glossary"] is None
    assert plain(resolve_version(root, "v3"))["variables"] == []


def doc(tmp_path: Path, name: str, text: str) -> Any:
    """One YAML file written in ``tmp_path`` and read with its marks, shown as ``name``."""
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_yaml(path, name)


def test_who_removes_is_named_even_without_a_version_id(tmp_path: Path) -> None:
    parent = doc(tmp_path, "parent.yaml", "glossary:\n  CAF: Caisse\n  CV: Curriculum vitae\n")
    child = doc(tmp_path, "enfant.yaml", "glossary:\n  CAF: null\n")
    removal = "enfant.yaml:2:3: glossary -> CAF: removes 'CAF' from 'glossary' ({})"
    assert said(merge_versions(parent, child)) == ([removal.format("the parent")], [])
    assert said(merge_versions(parent, child, "v6")) == ([removal.format("v6")], [])
    named = doc(tmp_path, "v7.yaml", "version: v7\nglossary:\n  CAF: Caisse\n")
    assert said(merge_versions(named, child, "v6")) == ([removal.format("v7")], [])
    told = Merged()
    kept = merge_keyed(parent["glossary"], child["glossary"], "glossary", told, "")
    assert plain(kept) == {"CV": "Curriculum vitae"}
    assert [str(p) for p in told.removals] == [removal.format("the parent")]


# --- pages --------------------------------------------------------------------------------

def test_pages_are_changed_added_removed_and_placed_in_one_version(tmp_path: Path) -> None:
    root = tree(tmp_path, v1=V1, v2=HEAD2 + textwrap.dedent("""\
        pages:
          - id: couverture
            title: Mon Récap 2026
          - id: agenda
            kind: rendez-vous
            title: Mes rendez-vous
            slots: 4
            after: contacts
          - id: contacts
            cards:
              - structure: CAF
                remove: true
              - structure: Mission locale
          - id: actions
            remove: true
          - id: lexique
            kind: glossaire
            title: Les mots à connaître
          - id: notes
            remove: false
            pages: 3
        """))
    v2 = resolve_version(root, "v2")
    assert plain(v2["pages"]) == [
        {"id": "couverture", "kind": "couverture", "title": "Mon Récap 2026"},
        {"id": "contacts", "kind": "contacts", "title": "Mes contacts",
         "cards": [{"structure": "France Travail"}, {"structure": "Mission locale"}]},
        {"id": "agenda", "kind": "rendez-vous", "title": "Mes rendez-vous", "slots": 4},
        {"id": "notes", "kind": "notes", "title": "Mes notes", "pages": 3},
        {"id": "lexique", "kind": "glossaire", "title": "Les mots à connaître"},
    ]
    assert marks(v2) == ["versions/v1/carnet.yaml:27:5", "versions/v1/carnet.yaml:30:5",
                         "versions/v2/carnet.yaml:10:5", "versions/v1/carnet.yaml:40:5",
                         "versions/v2/carnet.yaml:22:5"]
    assert said(v2) == (["versions/v2/carnet.yaml:17:9: pages -> 2 -> cards -> 0: removes "
                         "'CAF' from 'cards' (v1)"], [])


def test_the_first_page_removed_a_page_placed_after_the_first(tmp_path: Path) -> None:
    root = tree(tmp_path, v1=V1, v2=HEAD2 + textwrap.dedent("""\
        pages:
          - id: couverture
            remove: true
          - id: notes
            after: contacts
          - id: agenda
            kind: rendez-vous
            title: Mes rendez-vous
            after: contacts
        """))
    v2 = resolve_version(root, "v2")
    assert ids(v2) == ["contacts", "agenda", "notes", "actions"]
    assert marks(v2) == ["versions/v1/carnet.yaml:30:5", "versions/v2/carnet.yaml:12:5",
                         "versions/v1/carnet.yaml:40:5", "versions/v1/carnet.yaml:36:5"]
    root = tree(tmp_path, v3=HEAD2.replace("v2", "v3").replace("v1", "v2") + textwrap.dedent("""\
        pages:
          - id: actions
            after: contacts
          - id: contacts
            title: Les contacts
        """))
    v3 = resolve_version(root, "v3")
    assert ids(v3) == ["contacts", "actions", "agenda", "notes"]
    assert plain(v3["pages"][0]) == {
        "id": "contacts", "kind": "contacts", "title": "Les contacts",
        "cards": [{"structure": "France Travail"}, {"structure": "CAF"}]}


def test_a_parent_without_pages(tmp_path: Path) -> None:
    for written in ("", "pages: []\n", "pages: null\n"):
        root = tree(tmp_path / str(len(written)), v1="version: v1\n" + written,
                    v2="version: v2\nextends: v1\npages:\n  - id: notes\n    kind: notes\n")
        v2 = resolve_version(root, "v2")
        assert plain(v2["pages"]) == [{"id": "notes", "kind": "notes"}]
        assert marks(v2) == ["versions/v2/carnet.yaml:4:5"]


def test_a_first_version_may_leave_a_kind_out_for_the_schema_to_say(tmp_path: Path) -> None:
    root = tree(tmp_path, v1="version: v1\npages:\n  - id: notes\n    title: Mes notes\n"
                             "  - id: fin\n    kind: notes\n    after: notes\n")
    assert plain(resolve_version(root, "v1")["pages"]) == [
        {"id": "notes", "title": "Mes notes"}, {"id": "fin", "kind": "notes"}]


def test_every_page_error_of_a_version_at_once(tmp_path: Path) -> None:
    root = tree(tmp_path, v1=V1, v2=HEAD2 + textwrap.dedent("""\
        pages:
          - Mes notes
          - kind: notes
            title: Encore des notes
          - id: contacts
            title: Mes contacts utiles
          - id: contacts
            title: Contacts
          - id: actions
            remove: oui
          - id: agendas
            remove: true
          - id: note
            title: Mes notes à moi
          - id: lexique
            kind: glossaire
            after: contact
          - id: mots
            kind: glossaire
            after: couvertur
        """))
    f = "versions/v2/carnet.yaml"
    assert refused(resolve_version, root, "v2") == [
        f"{f}:8:5: pages -> 0: a page must be a mapping with an 'id' and a 'kind'",
        f"{f}:9:5: pages -> 1 -> id: every page needs an 'id'",
        f"{f}:13:9: pages -> 3 -> id: duplicate page id 'contacts'",
        f"{f}:16:13: pages -> 4 -> remove: must be true or false",
        f"{f}:17:9: pages -> 5 -> id: cannot remove page 'agendas': v1 has no such page",
        f"{f}:19:9: pages -> 6 -> id: no page 'note' in v1 (did you mean 'notes'?) — a new page "
        "needs a kind",
        f"{f}:23:12: pages -> 7 -> after: no page 'contact' to place this page after "
        "(did you mean 'contacts'?)",
        f"{f}:26:12: pages -> 8 -> after: no page 'couvertur' to place this page after "
        "(did you mean 'couverture'?)",
    ]


# --- blocks over a template ---------------------------------------------------------------

BUDGET = """\
template: budget
description: Suivre l'argent du mois
title: Mon budget
blocks:
  - id: intro
    type: texte
    text: Chaque mois, je note ce que je reçois et ce que je paie.
  - id: paye
    type: cases
    boxes: [Loyer payé, Factures payées]
"""


def test_a_new_page_keeps_its_blocks_for_its_template(tmp_path: Path) -> None:
    """Blocks of a new page over a template are placed among the template's later (by their
    after:/before:); blocks of a new page of its own merge among themselves here."""
    root = tree(tmp_path, v1=V1, v2=HEAD2 + textwrap.dedent("""\
        pages:
          - id: budget
            kind: blocs
            template: budget
            blocks:
              - id: conseil
                type: texte
                text: Je garde mes tickets de caisse.
                after: intro
          - id: budget-vide
            kind: blocs
            template: budget
          - id: aide
            kind: blocs
            title: Qui m'aide
            blocks:
              - id: qui
                type: texte
                text: Ma conseillère.
              - id: quand
                type: texte
                text: Le mardi.
                before: qui
        """))
    v2 = resolve_version(root, "v2")
    assert plain(v2["pages"][4:]) == [
        {"id": "budget", "kind": "blocs", "template": "budget",
         "blocks": [{"id": "conseil", "type": "texte", "text": "Je garde mes tickets de caisse.",
                     "after": "intro"}]},
        {"id": "budget-vide", "kind": "blocs", "template": "budget"},
        {"id": "aide", "kind": "blocs", "title": "Qui m'aide",
         "blocks": [{"id": "quand", "type": "texte", "text": "Le mardi."},
                    {"id": "qui", "type": "texte", "text": "Ma conseillère."}]},
    ]
    root = tree(tmp_path, v3=HEAD2.replace("v2", "v3").replace("v1", "v2") + textwrap.dedent("""\
        pages:
          - id: budget
            template: budget
            blocks:
              - id: conseil
                text: Je garde toutes mes factures.
          - id: aide
            blocks:
              - id: qui
                text: Mon conseiller.
        """))
    v3 = resolve_version(root, "v3")
    assert plain(v3["pages"][4:]) == [  # over a template: each version's blocks as written
        {"id": "budget", "kind": "blocs", "template": "budget",
         "blocks": [{"id": "conseil", "text": "Je garde toutes mes factures."}]},
        {"id": "budget-vide", "kind": "blocs", "template": "budget"},
        {"id": "aide", "kind": "blocs", "title": "Qui m'aide",
         "blocks": [{"id": "quand", "type": "texte", "text": "Le mardi."},
                    {"id": "qui", "type": "texte", "text": "Mon conseiller."}]},
    ]
    assert [plain(layer) for layer in block_layers(v3["pages"][4])] == [
        [{"id": "conseil", "type": "texte", "text": "Je garde mes tickets de caisse.",
          "after": "intro"}],
        [{"id": "conseil", "text": "Je garde toutes mes factures."}]]
    assert block_layers(v3["pages"][5]) == [] and block_layers(v3["pages"][6]) == [
        v3["pages"][6]["blocks"]]


def test_the_blocks_of_a_new_page_of_its_own_are_checked_here(tmp_path: Path) -> None:
    root = tree(tmp_path, v1=V1, v2=HEAD2 + textwrap.dedent("""\
        pages:
          - id: aide
            kind: blocs
            title: Qui m'aide
            blocks:
              - id: qui
                type: texte
                text: Ma conseillère.
              - id: qui
                type: texte
                text: Mon conseiller.
        """))
    assert refused(resolve_version, root, "v2") == [
        "versions/v2/carnet.yaml:15:9: pages -> 0 -> blocks -> 1: 'qui' is twice in this list "
        "(first at line 12)"]


def test_a_later_version_places_a_block_among_the_template_blocks(tmp_path: Path) -> None:
    root = budget_v3(tmp_path, """\
        - id: budget
          blocks:
            - id: alerte
              type: texte
              text: Attention aux frais de la banque.
              before: intro
        """)
    assert [b["id"] for b in laid_blocks(root, "v3")] == ["alerte", "intro", "conseil", "paye"]


# --- what extends: may name ---------------------------------------------------------------

def test_extends_names_a_version_id(tmp_path: Path) -> None:
    for written in ("10", "V1", "[v1]", "v1a"):
        root = tree(tmp_path / written.strip("[] "), v1=V1,
                    v2=f"version: v2\nextends: {written!s}\n")
        assert refused(resolve_version, root, "v2") == [
            "versions/v2/carnet.yaml:2:10: extends: must be a version id like v10"], written


def test_extends_an_unknown_version(tmp_path: Path) -> None:
    root = tree(tmp_path, v1=V1, v2="version: v2\nextends: v9\n",
                v3="version: v3\n\nextends: v4\n")
    (root / "versions" / "v4").mkdir()
    assert refused(resolve_version, root, "v2") == [
        "versions/v2/carnet.yaml:2:10: extends: unknown version 'v9'; known versions: v1, v2, v3"]
    assert refused(resolve_version, root, "v3") == [
        "versions/v3/carnet.yaml:3:10: extends: unknown version 'v4': versions/v4/ has no "
        "carnet.yaml (a version is written in versions/v4/carnet.yaml); known versions: v1, v2, "
        "v3"]


def test_inheritance_cycles_are_named_whole(tmp_path: Path) -> None:
    root = tree(tmp_path, v1="version: v1\nextends: v3\n", v2="version: v2\nextends: v1\n",
                v3="version: v3\nextends: v2\n", v4="version: v4\nextends: v4\n",
                v5="version: v5\nextends: v2\n")
    assert refused(resolve_version, root, "v4") == [
        "versions/v4/carnet.yaml:2:10: extends: inheritance cycle: v4 -> v4"]
    assert refused(resolve_version, root, "v2") == [
        "versions/v3/carnet.yaml:2:10: extends: inheritance cycle: v2 -> v1 -> v3 -> v2"]
    assert refused(resolve_version, root, "v5") == [
        "versions/v3/carnet.yaml:2:10: extends: inheritance cycle: v5 -> v2 -> v1 -> v3 -> v2"]


def test_a_version_is_released_on_or_after_its_parent(tmp_path: Path) -> None:
    root = tree(tmp_path, v1=V1, v2=HEAD2.replace("2026-06-01", "2026-01-04"),
                v3=HEAD2.replace("v2", "v3").replace("2026-06-01", "2026-01-05"),
                v4="version: v4\nextends: v1\n",
                v5="version: v5\nextends: v4\nreleased: 2025-12-31\n",
                v6="version: v6\nreleased: 2026-01-05\n",
                v7="version: v7\nextends: v6\nreleased: 2026-01-04\n",
                v8="version: v8\nextends: v6\nreleased: printemps 2026\n",
                v9="version: v9\nextends: v10\nreleased: 2026-01-01\n",
                v10="version: v10\ntitle: Sans date\n")
    assert refused(resolve_version, root, "v2") == [
        "versions/v2/carnet.yaml:3:11: released: 2026-01-04 is before the release of v1 "
        "(2026-01-05, versions/v1/carnet.yaml:2:11), which it extends"]
    assert resolve_version(root, "v3")["released"] == dt.date(2026, 1, 5)
    assert resolve_version(root, "v4")["released"] == dt.date(2026, 1, 5)
    assert refused(resolve_version, root, "v5") == [
        "versions/v5/carnet.yaml:3:11: released: 2025-12-31 is before the release of v4 "
        "(2026-01-05, versions/v1/carnet.yaml:2:11), which it extends"]
    assert refused(resolve_version, root, "v7") == [
        "versions/v7/carnet.yaml:3:11: released: 2026-01-04 is before the release of v6 "
        "(2026-01-05, versions/v6/carnet.yaml:2:11), which it extends"]
    assert resolve_version(root, "v8")["released"] == "printemps 2026"
    assert resolve_version(root, "v9")["released"] == dt.date(2026, 1, 1)


# --- an edition adapts the pages of its version -------------------------------------------

def edition(root: Path, pages: str) -> Path:
    path = root / "versions" / "v1" / "variants" / "val-fictif.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("variant: val-fictif\ndescription: L'édition du Val Fictif\n"
                    "offer: decouverte\npages:\n" + textwrap.dedent(pages), encoding="utf-8")
    return root


def test_an_edition_changes_pages_and_removes_some(tmp_path: Path) -> None:
    root = edition(tree(tmp_path, v1=V1), """\
      - id: couverture
        title: Mon Récap du Val Fictif
      - id: actions
        remove: true
      - id: contacts
        after: notes
        cards:
          - structure: Mairie de Valfictif
            telephone: 03 53 01 24 68
    """)
    out, _ = apply_variant(root, "v1", "val-fictif", resolve_version(root, "v1"))
    assert plain(out["pages"]) == [
        {"id": "couverture", "kind": "couverture", "title": "Mon Récap du Val Fictif"},
        {"id": "notes", "kind": "notes", "title": "Mes notes"},
        {"id": "contacts", "kind": "contacts", "title": "Mes contacts",
         "cards": [{"structure": "France Travail"}, {"structure": "CAF"},
                   {"structure": "Mairie de Valfictif", "telephone": "03 53 01 24 68"}]},
    ]
    assert marks(out) == [MARKS1[0], MARKS1[3], MARKS1[1]]


def test_an_edition_adds_no_page(tmp_path: Path) -> None:
    root = edition(tree(tmp_path, v1=V1), """\
      - id: agenda
        title: Mes rendez-vous
      - id: notes
        pages: 2
      - id: lexique
        kind: glossaire
        title: Les mots
    """)
    f = "versions/v1/variants/val-fictif.yaml"
    assert refused(apply_variant, root, "v1", "val-fictif", resolve_version(root, "v1")) == [
        f"{f}:5:7: pages -> 0 -> id: v1 has no page 'agenda'; a variant adapts existing pages",
        f"{f}:9:7: pages -> 2 -> id: v1 has no page 'lexique'; a variant adapts existing pages",
    ]


def test_pages_merged_alone_and_what_the_merge_says(tmp_path: Path) -> None:
    parent = doc(tmp_path, "parent.yaml", V1)["pages"]
    child = doc(tmp_path, "enfant.yaml", """\
        - id: contacts
          cards:
            - structure: CAF
              remove: true
        - id: notes
          kind: notes
    """)
    problems: list = []
    pages = merge_pages(parent, child, problems, "")
    assert problems == []
    assert [p["id"] for p in pages] == ["couverture", "contacts", "actions", "notes"]
    assert plain(pages[1]["cards"]) == [{"structure": "France Travail"}]
    told = Merged()
    merge_pages(parent, child, problems, "v1", said=told)
    assert [str(p) for p in told.removals] == [
        "enfant.yaml:3:7: 0 -> cards -> 0: removes 'CAF' from 'cards' (v1)"]
    assert isinstance(pages, MList)


def budget_v3(tmp_path: Path, v3_pages: str) -> Path:
    """v2 adds « conseil » after the template's « intro »; v3 gives ``v3_pages``."""
    root = tree(tmp_path, v1=V1, v2=HEAD2 + textwrap.dedent("""\
        pages:
          - id: budget
            kind: blocs
            template: budget
            blocks:
              - id: conseil
                type: texte
                text: Je garde mes tickets de caisse.
                after: intro
        """), v3=HEAD2.replace("v2", "v3").replace("v1", "v2") + "pages:\n"
        + textwrap.indent(textwrap.dedent(v3_pages), "  "))
    (root / "layouts" / "pages").mkdir(parents=True, exist_ok=True)
    (root / "layouts" / "pages" / "budget.yaml").write_text(BUDGET, encoding="utf-8")
    return root


def laid_blocks(root: Path, vid: str) -> list[dict]:
    from monrecap.content.templates import apply_templates

    data = resolve_version(root, vid)
    laid, _ = apply_templates(root, data, data.said)
    page = next(p for p in laid["pages"] if p["id"] == "budget")
    return [{k: v for k, v in plain(b).items() if k in ("id", "text")} for b in page["blocks"]]


def test_a_later_version_changes_and_removes_the_template_blocks(tmp_path: Path) -> None:
    root = budget_v3(tmp_path, """\
        - id: budget
          blocks:
            - id: intro
              text: Chaque semaine, je note ce que je reçois.
            - id: paye
              remove: true
            - id: conseil
              text: Je garde toutes mes factures.
            - id: fin
              type: texte
              text: Bravo !
        """)
    assert laid_blocks(root, "v3") == [
        {"id": "intro", "text": "Chaque semaine, je note ce que je reçois."},
        {"id": "conseil", "text": "Je garde toutes mes factures."},
        {"id": "fin", "text": "Bravo !"}]
    assert laid_blocks(root, "v2") == [
        {"id": "intro", "text": "Chaque mois, je note ce que je reçois et ce que je paie."},
        {"id": "conseil", "text": "Je garde mes tickets de caisse."}, {"id": "paye"}]


def test_a_later_version_placing_a_block_by_a_block_no_one_has_is_told_where(
        tmp_path: Path) -> None:
    root = budget_v3(tmp_path, """\
        - id: budget
          blocks:
            - id: alerte
              type: texte
              text: Attention aux frais.
              before: intr
        """)
    assert refused(laid_blocks, root, "v3") == [
        "versions/v3/carnet.yaml:13:17: pages -> 0 -> blocks -> 0 -> before: no item 'intr' in "
        "'blocks' to place this one before (did you mean 'intro'?)"]


def test_giving_the_blocks_whole_again_drops_the_earlier_versions_blocks(
        tmp_path: Path) -> None:
    root = budget_v3(tmp_path, """\
        - id: budget
          replace: [blocks]
          blocks:
            - id: fin
              type: texte
              text: Bravo !
        """)
    assert laid_blocks(root, "v3") == [
        {"id": "intro", "text": "Chaque mois, je note ce que je reçois et ce que je paie."},
        {"id": "paye"}, {"id": "fin", "text": "Bravo !"}]


def test_an_edition_places_a_block_among_the_template_blocks(tmp_path: Path) -> None:
    from monrecap.content.templates import apply_templates

    root = budget_v3(tmp_path, "[]\n")
    path = root / "versions" / "v3" / "variants" / "val-fictif.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(textwrap.dedent("""\
        variant: val-fictif
        description: L'édition du Val Fictif
        offer: decouverte
        pages:
          - id: budget
            blocks:
              - id: local
                type: texte
                text: Le CCAS de Valfictif aide aussi.
                before: paye
        """), encoding="utf-8")
    out, _ = apply_variant(root, "v3", "val-fictif", resolve_version(root, "v3"))
    laid, _ = apply_templates(root, out, out.said if hasattr(out, "said") else Merged())
    page = next(p for p in laid["pages"] if p["id"] == "budget")
    assert [b["id"] for b in page["blocks"]] == ["intro", "conseil", "local", "paye"]


def test_replacing_another_list_keeps_the_earlier_versions_blocks(tmp_path: Path) -> None:
    """Only `replace: [blocks]` starts the blocks again from the template's."""
    root = budget_v3(tmp_path, """\
        - id: budget
          replace: [boxes]
          boxes: [Tout est payé]
          blocks:
            - id: fin
              type: texte
              text: Bravo !
        """)
    assert [b["id"] for b in laid_blocks(root, "v3")] == ["intro", "conseil", "paye", "fin"]
