"""The shipped page templates in the risk register: the budget's sums are the person's
situation, a trip's places appointments, the budget card's month nothing personal; a field
of a block page is keyed by its blocks' ids, so a `risk:` key survives a block added above."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, make_repo, write_version
from monrecap.errors import ContentError
from monrecap.risk import load_register

HEAD = """version: {vid}
extends: {parent}
released: 2027-06-01
changelog:
  - change: Un test.
    finding: Un test.
"""
V12 = HEAD.format(vid="v12", parent="v11") + """pages:
  - id: budget
    kind: blocs
    template: budget
    after: documents
  - id: trajets
    kind: blocs
    template: trajets
    after: budget
"""


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """The shipped versions and risk.yaml, and a v12 placing both shipped templates."""
    repo = make_repo(tmp_path_factory.mktemp("templates"))
    shutil.copytree(ROOT / "versions", repo / "versions")
    shutil.copytree(ROOT / "experiments", repo / "experiments")
    shutil.copy(ROOT / "risk.yaml", repo / "risk.yaml")
    write_version(repo, "v12", V12)
    return repo


def _rows(register, page: str) -> list[tuple[str, str, str | None, str]]:
    return [(e.field.key, e.field.text, e.category, e.residual.level)
            for e in register.entries if e.field.page == page]


def test_the_templates_fields_are_classified_by_what_they_ask(repo: Path) -> None:
    r = load_register(repo, "v12")
    assert _rows(r, "budget") == [
        ("budget.blocks.mois.blocks.sommes.fields.1", "Ce que je reçois", "situation",
         "importante"),
        ("budget.blocks.mois.blocks.sommes.fields.2", "Ce que je paie", "situation",
         "importante"),
        ("budget.blocks.mois.blocks.sommes.fields.3", "Ce qui me reste", "situation",
         "importante")]
    assert _rows(r, "trajets") == [
        ("trajets.blocks.trajet.blocks.lieux.fields.0", "Je pars de", "appointments",
         "importante"),
        ("trajets.blocks.trajet.blocks.lieux.fields.1", "J'arrive à", "appointments",
         "importante"),
        ("trajets.blocks.trajet.blocks.lieux.fields.2.label", "Bus, train ou à pied",
         "appointments", "limitée")]
    assert [(f.key, reason) for f, reason in r.not_personal if f.page == "budget"] == [
        ("budget.blocks.mois.blocks.sommes.fields.0",
         "Le mois d'une fiche du budget (le modèle de page « budget »), rien de la personne.")]
    assert r.warnings == []  # no field of the templates left « à classer »


def test_a_block_page_field_is_annotated_by_its_blocks_ids(repo: Path) -> None:
    write_version(repo, "v13", HEAD.format(vid="v13", parent="v12") + """pages:
  - id: argent
    kind: blocs
    title: Mon argent
    after: trajets
    blocks:
      - id: sommes
        type: champs
        fields: [Ce que je dépense]
risk:
  argent.blocks.sommes.fields.0: {category: none, reason: "Une somme, pas un compte."}
""")
    r = load_register(repo, "v13")
    assert ("argent.blocks.sommes.fields.0", "Une somme, pas un compte.") in [
        (f.key, reason) for f, reason in r.not_personal]
    # A block added above it (it was blocks.0, it is now blocks.1): the key still holds.
    write_version(repo, "v14", HEAD.format(vid="v14", parent="v13") + """pages:
  - id: argent
    blocks:
      - id: rappel
        type: texte
        text: Je garde mes tickets de caisse.
        before: sommes
""")
    r = load_register(repo, "v14")
    assert ("argent.blocks.sommes.fields.0", "Une somme, pas un compte.") in [
        (f.key, reason) for f, reason in r.not_personal]
    assert r.warnings == []


def test_a_positional_key_on_a_block_page_is_an_error_naming_the_key(repo: Path) -> None:
    write_version(repo, "v13", HEAD.format(vid="v13", parent="v12") + """risk:
  budget.blocks.1.blocks.0.fields.3: {category: none, reason: Oui.}
""")
    with pytest.raises(ContentError) as caught:
        load_register(repo, "v13")
    assert [str(p) for p in caught.value.problems] == [
        "versions/v13/carnet.yaml:8:3: risk -> budget.blocks.1.blocks.0.fields.3: no page or "
        "writing field 'budget.blocks.1.blocks.0.fields.3' in v13 (did you mean "
        "'budget.blocks.mois.blocks.sommes.fields.3'?)"]
