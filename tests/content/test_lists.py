"""Lists merge like pages do: a version or an edition adds, inserts, changes, renames, removes
or replaces items of its parent's lists by their key, and nothing disappears unsaid."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, make_repo, run_cli, write_version
from monrecap.content import load_version
from monrecap.errors import ContentError

V11_CARDS = ["France Travail", "Mission locale", "CAF", "Assistante sociale", "Association",
             "Mairie ou CCAS", "Employeur ou formation", "Autre contact"]
HEAD = ("version: v12\nextends: v11\nreleased: 2027-03-01\nchangelog:\n"
        "  - change: Une fiche contact est ajoutée.\n"
        "    finding: Les conseillers numériques aident à faire les démarches en ligne.\n")


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> Path:
    repo = make_repo(tmp_path_factory.mktemp("lists"))
    shutil.copytree(ROOT / "versions", repo / "versions")
    return repo


@pytest.fixture
def repo(shipped: Path, tmp_path: Path) -> Path:
    """The shipped versions and editions, in a folder of their own for each test."""
    repo = tmp_path / "repo"
    shutil.copytree(shipped, repo)
    return repo


def v12(repo: Path, pages: str, extra: str = "") -> None:
    write_version(repo, "v12", HEAD + extra + "pages:\n" + pages)


def cards(carnet) -> list[str]:
    page = next(p for p in carnet.pages if p.id == "contacts")
    return [c.structure for c in page.cards]


def card(carnet, structure: str):
    page = next(p for p in carnet.pages if p.id == "contacts")
    return next(c for c in page.cards if c.structure == structure)


def test_adding_one_card_keeps_the_others(repo: Path) -> None:
    v12(repo, "  - id: contacts\n    cards:\n      - structure: Conseiller numérique\n")
    carnet = load_version(repo, "v12")
    assert cards(carnet) == V11_CARDS + ["Conseiller numérique"]
    assert carnet.removals == () and carnet.merge_warnings == ()


def test_a_card_inserted_after_another(repo: Path) -> None:
    v12(repo, "  - id: contacts\n    cards:\n      - structure: Conseiller numérique\n"
              "        after: CAF\n")
    assert cards(load_version(repo, "v12")) == (
        V11_CARDS[:3] + ["Conseiller numérique"] + V11_CARDS[3:])


def test_a_card_placed_before_the_first(repo: Path) -> None:
    v12(repo, "  - id: contacts\n    cards:\n      - structure: Conseiller numérique\n"
              "        before: France Travail\n")
    assert cards(load_version(repo, "v12")) == ["Conseiller numérique"] + V11_CARDS


def test_one_card_changed_field_by_field(repo: Path) -> None:
    v12(repo, "  - id: contacts\n    cards:\n      - structure: caf\n"
              "        telephone: \"01 99 00 20 32\"\n")
    carnet = load_version(repo, "v12")
    # The key matches whatever the case; the version's text is the one printed.
    assert cards(carnet) == V11_CARDS[:2] + ["caf"] + V11_CARDS[3:]
    assert card(carnet, "caf").telephone == "01 99 00 20 32"
    assert card(carnet, "caf").nom is None


def test_a_card_renamed_in_place(repo: Path) -> None:
    v12(repo, "  - id: contacts\n    cards:\n      - structure: Travailleur social\n"
              "        was: Assistante sociale\n")
    assert cards(load_version(repo, "v12")) == [
        "France Travail", "Mission locale", "CAF", "Travailleur social", "Association",
        "Mairie ou CCAS", "Employeur ou formation", "Autre contact"]


def test_a_card_removed_is_said(repo: Path) -> None:
    v12(repo, "  - id: contacts\n    cards:\n      - structure: Autre contact\n"
              "        remove: true\n")
    carnet = load_version(repo, "v12")
    assert cards(carnet) == V11_CARDS[:-1]
    assert [str(p) for p in carnet.removals] == [
        "versions/v12/carnet.yaml:10:9: pages -> 0 -> cards -> 0: removes 'Autre contact' "
        "from 'cards' (v11)"]


def test_the_whole_list_replaced_when_it_says_so(repo: Path) -> None:
    v12(repo, "  - id: contacts\n    replace: [cards]\n    cards:\n"
              "      - structure: France Travail\n      - structure: Conseiller numérique\n")
    carnet = load_version(repo, "v12")
    assert cards(carnet) == ["France Travail", "Conseiller numérique"]
    assert carnet.merge_warnings == ()


def test_a_list_written_whole_the_old_way_gets_a_warning(repo: Path) -> None:
    listed = "".join(f"      - structure: {s}\n" for s in V11_CARDS[:3] + ["Conseiller numérique"])
    v12(repo, "  - id: contacts\n    cards:\n" + listed)
    carnet = load_version(repo, "v12")
    assert cards(carnet) == V11_CARDS + ["Conseiller numérique"]
    assert [str(p) for p in carnet.merge_warnings] == [
        "versions/v12/carnet.yaml:10:7: pages -> 0 -> cards: this list of 'cards' names 3 of "
        "the 8 items of v11 but not 'Assistante sociale', 'Association', 'Mairie ou CCAS', "
        "'Employeur ou formation', 'Autre contact': lists merge by structure, so they are "
        "kept (add `remove: true` to an item to drop it, or `replace: [cards]` beside this "
        "list to give it whole)"]


def test_another_order_asked_for_is_a_warning(repo: Path) -> None:
    listed = "".join(f"      - structure: {s}\n" for s in reversed(V11_CARDS))
    v12(repo, "  - id: contacts\n    cards:\n" + listed)
    carnet = load_version(repo, "v12")
    assert cards(carnet) == V11_CARDS
    assert [p.message.split(",")[0] for p in carnet.merge_warnings] == [
        "this list of 'cards' names items of v11 in another order"]


@pytest.mark.parametrize("entry, message", [
    ("      - structure: Autre contac\n        remove: true\n",
     "versions/v12/carnet.yaml:10:9: pages -> 0 -> cards -> 0: cannot remove 'Autre contac': "
     "v11 has no such item in 'cards' (did you mean 'Autre contact'?); its items: "
     + ", ".join(V11_CARDS)),
    ("      - structure: Travailleur social\n        was: Assistante social\n",
     "versions/v12/carnet.yaml:11:14: pages -> 0 -> cards -> 0 -> was: cannot rename "
     "'Assistante social': v11 has no such item in 'cards' (did you mean 'Assistante "
     "sociale'?); its items: " + ", ".join(V11_CARDS)),
    ("      - structure: Conseiller numérique\n        after: Mairie\n",
     "versions/v12/carnet.yaml:11:16: pages -> 0 -> cards -> 0 -> after: no item 'Mairie' in "
     "'cards' to place this one after (did you mean 'Mairie ou CCAS'?)"),
    ("      - structure: CAF\n      - structure: Caf\n        nom: CAF\n",
     "versions/v12/carnet.yaml:11:9: pages -> 0 -> cards -> 1: 'Caf' is twice in this list "
     "(first at line 10)"),
])
def test_list_errors_point_at_the_line(repo: Path, entry: str, message: str) -> None:
    v12(repo, "  - id: contacts\n    cards:\n" + entry)
    with pytest.raises(ContentError) as caught:
        load_version(repo, "v12")
    assert [str(p) for p in caught.value.problems] == [message]


def test_replace_names_a_list(repo: Path) -> None:
    v12(repo, "  - id: contacts\n    replace: [card]\n    cards:\n      - structure: CAF\n")
    with pytest.raises(ContentError) as caught:
        load_version(repo, "v12")
    assert [str(p) for p in caught.value.problems] == [
        "versions/v12/carnet.yaml:9:15: pages -> 0 -> replace -> 0: 'card' is not a list "
        "that merges (did you mean 'cards'?); replace: names one of blocks, boxes, bring, "
        "cards, fields, items, lines, sections, statuses, steps"]


def test_text_lists_merge_by_their_text(repo: Path) -> None:
    v12(repo, "  - id: documents\n    items:\n"
              "      - Mon RIB\n"
              "      - text: Mon permis de conduire\n        after: Ma carte Vitale\n"
              "      - text: Mes diplômes\n        remove: true\n"
              "      - text: Mes 3 dernières fiches de paie\n        was: Mes fiches de paie\n")
    page = next(p for p in load_version(repo, "v12").pages if p.id == "documents")
    assert page.items == [
        "Ma carte d'identité ou mon titre de séjour", "Ma carte Vitale",
        "Mon permis de conduire", "Un justificatif de domicile", "Mon CV",
        "Mes 3 dernières fiches de paie", "Mon RIB"]


def test_nested_lists_merge_inside_their_record(repo: Path) -> None:
    v12(repo, "  - id: donnees\n    sections:\n"
              "      - heading: \"Je n'écris jamais ici :\"\n        items:\n"
              "          - mes codes d'accès.\n")
    page = next(p for p in load_version(repo, "v12").pages if p.id == "donnees")
    assert page.sections[0].items == ["mes mots de passe,", "mon numéro de sécurité sociale,",
                                      "mes codes de carte bancaire.", "mes codes d'accès."]
    assert len(page.sections) == 2


def test_labels_merge_key_by_key(repo: Path) -> None:
    v12(repo, "  - id: rendez-vous\n    labels:\n      place: Adresse\n")
    page = next(p for p in load_version(repo, "v12").pages if p.id == "rendez-vous")
    assert page.labels.place == "Adresse"
    assert page.labels.with_whom == "Avec qui"


def test_glossary_merges_by_term(repo: Path) -> None:
    v12(repo, "  - id: mots\n    title: Les mots à connaître\n",
        extra="glossary:\n  RSA: Revenu de solidarité active\n  CV: ~\n")
    carnet = load_version(repo, "v12")
    assert carnet.spec.glossary == {"CAF": "Caisse d'allocations familiales",
                                    "CCAS": "Centre communal d'action sociale, le service "
                                            "social de la mairie",
                                    "RSA": "Revenu de solidarité active"}
    assert [p.message for p in carnet.removals] == ["removes 'CV' from 'glossary' (v11)"]


def test_items_may_carry_an_id(repo: Path) -> None:
    v12(repo, "  - id: contacts\n    cards:\n      - id: numerique\n"
              "        structure: Conseiller numérique\n")
    write_version(repo, "v13", HEAD.replace("v12", "v13").replace("v11", "v12")
                  + "pages:\n  - id: contacts\n    cards:\n      - id: numerique\n"
                    "        structure: Aidant numérique\n")
    carnet = load_version(repo, "v13")
    assert cards(carnet) == V11_CARDS + ["Aidant numérique"]


# --- editions follow their version -----------------------------------------------------------

def test_a_card_the_version_adds_is_in_every_edition(repo: Path) -> None:
    v12(repo, "  - id: contacts\n    cards:\n      - structure: Conseiller numérique\n")
    for edition in ("val-fictif", "horizon-insertion", "mission-locale-fictiville"):
        assert "Conseiller numérique" in cards(load_version(repo, "v12", edition))
    carnet = load_version(repo, "v12", "val-fictif")
    assert cards(carnet) == V11_CARDS + ["Conseiller numérique"]
    assert card(carnet, "France Travail").nom == "Agence de Fictiville"
    assert cards(load_version(repo, "v12", "horizon-insertion"))[:2] == [
        "Association", "France Travail"]


def test_an_edition_removes_a_card_by_name(repo: Path) -> None:
    v12(repo, "  - id: contacts\n    cards:\n      - structure: Conseiller numérique\n")
    path = repo / "versions/v12/variants/val-fictif.yaml"
    path.parent.mkdir()
    path.write_text((repo / "versions/v11/variants/val-fictif.yaml").read_text()
                    + "      - structure: Conseiller numérique\n        remove: true\n",
                    encoding="utf-8")
    carnet = load_version(repo, "v12", "val-fictif")
    assert cards(carnet) == V11_CARDS
    assert [p.message for p in carnet.removals] == [
        "removes 'Conseiller numérique' from 'cards' (v12)"]


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_the_built_editions_print_the_new_card(repo: Path) -> None:
    v12(repo, "  - id: contacts\n    cards:\n      - structure: Conseiller numérique\n"
              "        after: CAF\n      - structure: Autre contact\n        remove: true\n")
    out = repo / "out"
    built = run_cli("build", "v12", "--all-variants", "--no-impose", "--no-preflight",
                    "--out", str(out), "--root", str(repo))
    assert built.returncode == 0, built.stderr
    assert "3 editions built" in built.stderr
    for pdf in [out / "v12/monrecap-v12.pdf", *sorted(out.glob("v12/*/*.pdf"))]:
        text = _pdf_text(pdf)
        assert text.count("Conseiller numérique") == 1, pdf
        assert "Autre contact" not in text, pdf
        assert text.index("CAF") < text.index("Conseiller numérique") < text.index(
            "Assistante sociale"), pdf
    assert "Agence de Fictiville" in _pdf_text(out / "v12/val-fictif/monrecap-v12-val-fictif.pdf")


def test_diff_between_editions_shows_the_card(repo: Path) -> None:
    v12(repo, "  - id: contacts\n    cards:\n      - structure: Conseiller numérique\n")
    diff = run_cli("diff", "v11", "v12", "--old-variant", "val-fictif", "--variant",
                   "val-fictif", "--root", str(repo), "--json")
    assert diff.returncode == 1, diff.stderr
    contacts = [c for c in json.loads(diff.stdout)["content"] if c["where"] == "page contacts"]
    assert contacts == [{"what": "added", "where": "page contacts", "path": "cards -> 8",
                         "old": None, "new": {"structure": "Conseiller numérique", "nom": None,
                                              "telephone": None, "email": None,
                                              "horaires": None}}]


def test_show_says_a_card_was_added_with_its_fields(repo: Path) -> None:
    long_name = ("Maison France Services du Val-Fictif, ouverte à toutes les personnes qui "
                 "cherchent de l'aide pour leurs démarches")
    v12(repo, "  - id: contacts\n    cards:\n      - structure: Conseiller numérique\n"
              f"        nom: {long_name}\n        telephone: \"01 99 00 20 40\"\n"
              "      - structure: Autre contact\n        remove: true\n")
    shown = run_cli("show", "v12", "--root", str(repo))  # piped: values whole
    assert shown.returncode == 0, shown.stderr
    changes = shown.stdout.split("\nChanges\n")[1].splitlines()
    assert changes[:4] == [
        "- fiche « Autre contact » retirée (page contacts)",
        "+ fiche « Conseiller numérique » ajoutée (page contacts)",
        f"    nom : {long_name}",
        "    telephone : 01 99 00 20 40"]
    assert "None" not in shown.stdout and "{'" not in shown.stdout


def test_a_later_versions_edition_file_changes_the_edition_it_inherits(repo: Path) -> None:
    """v12's val-fictif.yaml writes only what changes: the sponsor, the local feedback number
    and the local cards of v11's val-fictif.yaml stay (the designer's guide's example)."""
    v12(repo, "  - id: contacts\n    cards:\n      - structure: Conseiller numérique\n")
    path = repo / "versions/v12/variants/val-fictif.yaml"
    path.parent.mkdir()
    path.write_text("variant: val-fictif\npages:\n  - id: contacts\n    cards:\n"
                    "      - structure: France Travail\n        horaires: Du lundi au jeudi\n"
                    "      - structure: Conseiller numérique\n        remove: true\n",
                    encoding="utf-8")
    carnet = load_version(repo, "v12", "val-fictif")
    assert carnet.files[-2:] == ("versions/v11/variants/val-fictif.yaml",
                                 "versions/v12/variants/val-fictif.yaml")
    assert carnet.edition.offer == "decouverte"
    assert carnet.spec.variables["sponsor"] == "Offert par le Département du Val-Fictif"
    assert carnet.spec.variables["phone"] == "01 99 00 20 00"
    assert cards(carnet) == V11_CARDS
    assert (card(carnet, "France Travail").nom, card(carnet, "France Travail").horaires) == (
        "Agence de Fictiville", "Du lundi au jeudi")
    assert card(carnet, "CAF").nom == "CAF du Val-Fictif"


def test_an_inherited_edition_adapting_a_removed_page_is_left_out_with_a_warning(
        repo: Path) -> None:
    v12(repo, "  - id: contacts\n    remove: true\n")
    carnet = load_version(repo, "v12", "val-fictif")
    assert "contacts" not in [p.id for p in carnet.pages]
    assert [str(p) for p in carnet.merge_warnings] == [
        "versions/v11/variants/val-fictif.yaml:14:9: pages -> 0 -> id: this edition adapts "
        "page 'contacts', which v12 no longer has: left out"]


def test_a_key_written_in_another_case_is_the_same_item_and_said(repo: Path) -> None:
    v12(repo, "  - id: contacts\n    cards:\n      - structure: caf\n        nom: CAF du Val\n")
    carnet = load_version(repo, "v12")
    assert cards(carnet)[2] == "caf"
    assert [str(p) for p in carnet.merge_warnings] == [
        "versions/v12/carnet.yaml:10:9: pages -> 0 -> cards -> 0: writes 'caf' where v11 has "
        "'CAF': the same item (keys match whatever the case and spacing), now printed 'caf'"]
