"""The risk register: v11's fields pinned, the v8 drop, the v12 that adds an address line and
a CAF number line, the version's annotations, and risk.yaml as data."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, make_repo, run_cli, write_version
from monrecap.content import load_version
from monrecap.errors import ContentError
from monrecap.risk import load_register, risk_diff, risk_report, risk_trend
from monrecap.risk.classification import LEVELS, load_classification

#: v11's register: every writing field, its role, category and residual cell and level.
V11 = [
    ("couverture.owner_label", "name-line", "identity", "limitée", "maximale", "limitée"),
    ("rendez-vous.labels.date", "line", "appointments", "importante", "importante",
     "importante"),
    ("rendez-vous.labels.time", "line", "appointments", "importante", "importante",
     "importante"),
    ("rendez-vous.labels.place", "line", "appointments", "importante", "importante",
     "importante"),
    ("rendez-vous.labels.with_whom", "line", "third-party", "limitée", "limitée", "limitée"),
    # Papers to bring are papers, not the holder's social situation.
    ("rendez-vous.bring.0", "checkbox", "papers", "négligeable", "importante", "négligeable"),
    ("rendez-vous.bring.1", "checkbox", "papers", "négligeable", "importante", "négligeable"),
    ("rendez-vous.bring.2", "checkbox", "papers", "négligeable", "importante", "négligeable"),
    *[(f"contacts.cards.{i}", "card", "third-party", "limitée", "limitée", "limitée")
      for i in range(8)],
    ("actions.labels.what", "line", "situation", "importante", "importante", "importante"),
    ("actions.labels.helper", "line", "third-party", "limitée", "limitée", "limitée"),
    ("actions.labels.due", "line", "appointments", "limitée", "importante", "limitée"),
    ("actions.statuses", "status", "situation", "négligeable", "importante", "négligeable"),
    # A residence permit and payslips say a status and an income: social situation.
    ("documents.items.0", "checkbox", "situation", "limitée", "importante", "limitée"),
    ("documents.items.1", "checkbox", "papers", "négligeable", "importante", "négligeable"),
    ("documents.items.2", "checkbox", "papers", "négligeable", "importante", "négligeable"),
    ("documents.items.3", "checkbox", "papers", "négligeable", "importante", "négligeable"),
    ("documents.items.4", "checkbox", "papers", "négligeable", "importante", "négligeable"),
    ("documents.items.5", "checkbox", "situation", "limitée", "importante", "limitée"),
    ("notes.title", "notes", "situation", "importante", "limitée", "limitée"),
]

V12 = """version: v12
extends: v11
released: 2027-03-01
changelog:
  - change: Deux lignes pour mon adresse et mon numéro d'allocataire CAF.
    finding: Des conseillers recopiaient ces informations à chaque rendez-vous.
pages:
  - id: mon-adresse
    kind: notes
    title: Mon adresse
    after: notes
  - id: allocataire
    kind: notes
    title: Mon numéro d'allocataire CAF
    after: mon-adresse
"""


@pytest.fixture(scope="module")
def real(tmp_path_factory) -> Path:
    """A copy of the shipped repository's versions, risk.yaml and experiments."""
    repo = make_repo(tmp_path_factory.mktemp("risk"))
    shutil.copytree(ROOT / "versions", repo / "versions")
    shutil.copytree(ROOT / "experiments", repo / "experiments")
    shutil.copy(ROOT / "risk.yaml", repo / "risk.yaml")
    write_version(repo, "v12", V12)
    return repo


def test_v11_register_is_pinned() -> None:
    report = risk_report(ROOT, "v11")
    r = report.register
    assert [(e.field.key, e.field.role, e.category, e.residual.severity, e.residual.likelihood,
             e.residual.level) for e in r.entries] == V11
    assert r.counts() == {"négligeable": 8, "limitée": 15, "importante": 4, "maximale": 0}
    assert r.highest == "importante" and r.refused == [] and r.warnings == []
    assert [(f.key, reason) for f, reason in r.not_personal] == [
        ("dos.lot_label", "Le code du lot d'impression, écrit par l'atelier.")]
    assert [(fm.measure.id, fm.where) for fm in r.measures] == [
        ("first-name-only", "couverture.owner_hint"),
        ("never-write-here", "donnees.sections.0.heading"),
        ("if-lost", "donnees.sections.1.heading"), ("owner-decides", "donnees.intro"),
        ("no-holder-address", "")]
    assert [m.id for m in r.missing] == ["trusted-person", "finder-returns"]
    assert [(e.id, e.initial.level, e.residual.level, e.measures) for e in r.events] == [
        ("change", "limitée", "négligeable", ("owner-decides",)),
        ("loss", "importante", "limitée", ("if-lost",))]
    cover = r.entries[0]
    assert (cover.initial.severity, cover.initial.level, cover.measures, cover.because) == (
        "importante", "importante", ("first-name-only",), "prénom")
    # The name line prints v8's label and v9's hint: it points at the latest (the hint).
    assert cover.field.where == "versions/v9/carnet.yaml:17:17"
    assert list(report.experiments) == ["exp-2024-09"]


def test_v8_reads_as_lower_residual_risk_with_its_changelog(real: Path) -> None:
    rows, _ = risk_trend(real)
    by = {row.register.version: row for row in rows}
    assert [row.register.version for row in rows][:11] == [f"v{i}" for i in range(1, 12)]
    v7, v8 = by["v7"].register, by["v8"].register
    assert v7.counts()["importante"] == 6 and v8.counts()["importante"] == 4
    assert by["v8"].since.direction == "lower"
    changed = {c.entry.field.key: (c.old.residual.level, c.new.residual.level)
               for c in by["v8"].since.fields}
    assert changed["couverture.owner_label"] == ("importante", "limitée")
    assert changed["notes.title"] == ("importante", "limitée")
    assert [fm.measure.id for fm in by["v8"].since.added_measures] == [
        "first-name-only", "never-write-here", "if-lost", "owner-decides"]
    assert by["v8"].because == (
        "Une page sur les données personnelles dit ce qu'il ne faut jamais écrire.",
        "La couverture ne demande plus que le prénom.")
    assert v7.entries[0].field.text == "Nom et prénom :"  # no first-name-only measure yet
    # v2 adds a page of démarches: fields where others already stood, the highest level
    # the same: more fields, not a higher risk.
    assert by["v2"].since.direction == "more" and by["v2"].because == (
        "Une page de suivi des démarches en cours est ajoutée.",)


def test_v12_adds_two_new_risks_and_loses_a_measure(real: Path) -> None:
    d = risk_diff(load_version(real, "v11"), load_version(real, "v12"))
    assert [(c.what, c.entry.field.key, c.entry.category, c.entry.residual.level)
            for c in d.fields] == [
        ("added", "mon-adresse.title", "contact", "importante"),
        ("added", "allocataire.title", "secrets", "importante")]
    assert [fm.measure.id for fm in d.removed_measures] == ["no-holder-address"]
    assert d.added_measures == [] and d.direction == "more"
    assert d.new_categories() == ["contact", "secrets"]
    allocataire = d.fields[1].entry
    assert allocataire.because == "numéro d'allocataire" and allocataire.measures == ()
    report = risk_report(real, "v12")
    assert report.because == ("Deux lignes pour mon adresse et mon numéro d'allocataire CAF.",)


def test_the_shipped_default_is_the_repository_s(tmp_path: Path) -> None:
    data = ROOT / "src" / "monrecap" / "data" / "risk.yaml"
    assert data.read_bytes() == (ROOT / "risk.yaml").read_bytes()
    repo = make_repo(tmp_path, {"v0": (ROOT / "tests/data/base.yaml").read_text("utf-8")})
    register = load_register(repo, "v0")  # no risk.yaml here: the toolkit's
    assert register.source == "risk.yaml (the toolkit's default)"
    assert load_classification(repo).spec == load_classification(ROOT).spec


def test_the_shipped_classification_is_pinned() -> None:
    spec = load_classification(ROOT).spec
    assert {name: (c.concerns, c.severity) for name, c in spec.categories.items()} == {
        "identity": ("holder", "importante"), "contact": ("holder", "importante"),
        "third-party": ("third-party", "limitée"), "appointments": ("holder", "importante"),
        "situation": ("holder", "importante"), "papers": ("holder", "négligeable"),
        "health": ("holder", "maximale"), "secrets": ("holder", "maximale")}
    assert {name: (role.likelihood, role.category, role.default_category)
            for name, role in spec.roles.items()} == {
        "name-line": ("maximale", "identity", None), "line": ("importante", None, None),
        "checkbox": ("importante", "papers", None),
        "status": ("importante", "situation", None),
        "notes": ("importante", None, "situation"), "card": ("importante", "third-party", None)}
    assert [spec.level(s, lik) for s in LEVELS for lik in LEVELS] == [
        "négligeable"] * 4 + ["négligeable", "limitée", "limitée", "limitée",
                              "limitée", "limitée", "importante", "importante",
                              "limitée", "importante", "maximale", "maximale"]
    assert list(spec.feared_events) == ["access", "change", "loss"]
    assert [m.id for m in spec.measures] == [
        "first-name-only", "never-write-here", "if-lost", "owner-decides", "no-holder-address",
        "trusted-person", "finder-returns"]


def test_a_version_annotates_a_page_or_a_field_with_a_reason(real: Path) -> None:
    write_version(real, "v13", """version: v13
extends: v12
released: 2027-06-01
changelog:
  - change: Rien.
    finding: Un test.
risk:
  notes: {category: health, reason: Le comité dit qu'on y note ses rendez-vous médicaux.}
  rendez-vous.labels.with_whom: {category: none, reason: Le prénom du conseiller seulement.}
""")
    r = load_register(real, "v13")
    notes = next(e for e in r.entries if e.field.key == "notes.title")
    assert (notes.category, notes.how, notes.because, notes.residual.level) == (
        "health", "annotation", "Le comité dit qu'on y note ses rendez-vous médicaux.",
        "maximale")
    assert r.refused == [notes]  # a health field: `release` needs a decision
    assert ("rendez-vous.labels.with_whom", "Le prénom du conseiller seulement.") in [
        (f.key, reason) for f, reason in r.not_personal]


def test_annotations_merge_by_key_down_the_versions(real: Path) -> None:
    head = "extends: {}\nreleased: 2027-06-01\nchangelog:\n  - change: Rien.\n    finding: Un test.\n"
    write_version(real, "v13", "version: v13\n" + head.format("v12")
                  + "risk:\n  notes: {category: health, reason: Des rendez-vous médicaux.}\n")
    write_version(real, "v14", "version: v14\n" + head.format("v13")
                  + "risk:\n  documents.items.1: {category: health, reason: La carte Vitale.}\n")
    write_version(real, "v15", "version: v15\n" + head.format("v14") + "risk:\n  notes: null\n")
    how = lambda vid: {e.field.key: e.how for e in load_register(real, vid).entries  # noqa: E731
                       if e.how == "annotation"}
    assert how("v14") == {"notes.title": "annotation", "documents.items.1": "annotation"}
    assert how("v15") == {"documents.items.1": "annotation"}


@pytest.mark.parametrize("text, message", [
    ("risk:\n  note: {category: health, reason: Oui.}\n",
     "versions/v13/carnet.yaml:8:3: risk -> note: no page or writing field 'note' in v13 "
     "(did you mean 'notes'?)"),
    ("risk:\n  notes: {category: sante, reason: Oui.}\n",
     "versions/v13/carnet.yaml:8:21: risk -> notes -> category: unknown category 'sante'; "
     "categories: appointments, contact, health, identity, none, papers, secrets, situation, "
     "third-party"),
    ("risk_accepted:\n  notes.titre: {reason: Oui.}\n",
     "versions/v13/carnet.yaml:8:3: risk_accepted -> notes.titre: no page or writing field "
     "'notes.titre' in v13 (did you mean 'notes.title'?)"),
])
def test_a_wrong_annotation_is_an_error_at_its_line(real: Path, text: str,
                                                    message: str) -> None:
    write_version(real, "v13", "version: v13\nextends: v12\nreleased: 2027-06-01\n"
                               "changelog:\n  - change: Rien.\n    finding: Un test.\n" + text)
    with pytest.raises(ContentError) as caught:
        load_register(real, "v13")
    assert [str(p) for p in caught.value.problems] == [message]


def test_risk_yaml_errors_point_at_their_line(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"v0": (ROOT / "tests/data/base.yaml").read_text("utf-8")})
    text = (ROOT / "risk.yaml").read_text("utf-8")
    (repo / "risk.yaml").write_text(text.replace("finder_can: [locate]",
                                                 "finder_can: [lokate]"), "utf-8")
    with pytest.raises(ContentError) as caught:
        load_register(repo, "v0")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "finder_can: [locate]" in l)
    assert [str(p) for p in caught.value.problems] == [
        f"risk.yaml:{line}:18: categories -> appointments -> finder_can -> 0: unknown finder "
        "use 'lokate' (did you mean 'locate'?); finder uses: accounts, contact-advisers, "
        "identify, impersonate, know-papers, locate, pressure"]


def test_a_field_no_word_classifies_is_said_and_treated_with_care(tmp_path: Path) -> None:
    base = (ROOT / "tests/data/base.yaml").read_text("utf-8")
    repo = make_repo(tmp_path, {"v0": base.replace("    rows: 1\n", "    rows: 1\n"
                                                   "    labels: {what: Mon projet}\n")})
    r = load_register(repo, "v0")
    what = next(e for e in r.entries if e.field.key == "actions.labels.what")
    assert (what.category, what.how, what.initial.severity) == (None, "unclassified",
                                                                "importante")
    assert r.warnings == [
        "versions/v0/carnet.yaml:45:20: actions.labels.what: « Mon projet » is in no category "
        "of risk.yaml (the toolkit's default): add a word there, or annotate it in the version "
        "(risk: {actions.labels.what: {category: …, reason: …}})"]


HEAD13 = ("version: v13\nextends: v11\nreleased: 2027-06-01\nchangelog:\n"
          "  - change: Des pages de notes.\n    finding: Un test.\n")
NOTES13 = """pages:
  - {id: t1, kind: notes, title: "Mon nom", after: notes}
  - {id: t2, kind: notes, title: "N° allocataire CAF", after: t1}
  - {id: t3, kind: notes, title: "Mes codes", after: t2}
  - {id: t4, kind: notes, title: "Mon numéro CAF", after: t3}
  - {id: t5, kind: notes, title: "Mon numéro de badge", after: t4}
"""


def test_a_measure_lowers_only_the_fields_it_protects(real: Path) -> None:
    """« Mon nom » is not the cover: first-name-only does not lower it; a notes page that
    asks for a number is classified by its words (« N° » read as numéro), so never-write-here
    (free notes of the social situation) does not lower it; a title no word classifies takes
    the notes' default category, said in a warning and in the terminal."""
    write_version(real, "v13", HEAD13 + NOTES13)
    result = run_cli("risk", "v13", "--root", str(real))
    assert result.returncode == 1  # « Mes codes » is « maximale » without a decision
    lines = [line for line in result.stdout.splitlines()
             if re.match(r"  versions/v13/carnet\.yaml:\d+:\d+: t\d\.title", line)]
    assert lines == [
        "  versions/v13/carnet.yaml:8:34: t1.title: « Mon nom » (notes, ×1): identity, about "
        "the holder (the word « nom »); importante/importante → importante/importante: "
        "importante",
        "  versions/v13/carnet.yaml:9:34: t2.title: « N° allocataire CAF » (notes, ×1): "
        "secrets, about the holder (the word « numéro allocataire »); importante/importante → "
        "importante/importante: importante",
        "  versions/v13/carnet.yaml:10:34: t3.title: « Mes codes » (notes, ×1): secrets, about "
        "the holder (the word « mes codes »); maximale/importante → maximale/importante: "
        "maximale",
        "  versions/v13/carnet.yaml:11:34: t4.title: « Mon numéro CAF » (notes, ×1): secrets, "
        "about the holder (the word « numéro caf »); importante/importante → "
        "importante/importante: importante",
        "  versions/v13/carnet.yaml:12:34: t5.title: « Mon numéro de badge » (notes, ×1): "
        "situation, about the holder (no word: the default of a notes field); "
        "importante/importante → importante/limitée by never-write-here: limitée"]
    assert result.stderr == (
        "warning: versions/v13/carnet.yaml:12:34: t5.title: « Mon numéro de badge »: no word "
        "of risk.yaml classifies it; counted as situation, the default category of a notes "
        "field: add a word there, or annotate it in the version (risk: {t5.title: {category: "
        "…, reason: …}})\n")
    cover = load_register(real, "v13").entries[0]
    assert (cover.field.role, cover.measures, cover.residual.level) == (
        "name-line", ("first-name-only",), "limitée")


def test_a_declared_measure_is_credited_only_for_its_words(real: Path) -> None:
    """owner-decides is declared at donnees.intro: a sentence that no longer says who
    decides does not carry it; the sentence that does is the one quoted."""
    write_version(real, "v13", HEAD13 + "pages:\n  - id: donnees\n"
                                        "    intro: Merci de lire cette page.\n")
    r = load_register(real, "v13")
    assert "owner-decides" not in [fm.measure.id for fm in r.measures]
    assert [m.id for m in r.missing] == ["owner-decides", "trusted-person", "finder-returns"]
    change = next(e for e in r.events if e.id == "change")
    assert (change.residual.level, change.measures) == ("limitée", ())
    v11 = load_register(real, "v11")
    decides = next(fm for fm in v11.measures if fm.measure.id == "owner-decides")
    assert decides.text == "Ce carnet est à moi. Je choisis à qui je le montre."


def test_the_name_line_points_at_the_text_changed_last(real: Path) -> None:
    write_version(real, "v13", HEAD13 + "pages:\n  - id: couverture\n"
                                        "    owner_hint: Mon prénom seulement\n")
    cover = load_register(real, "v13").entries[0]
    assert (cover.field.key, cover.field.text, cover.field.where) == (
        "couverture.owner_label", "Ce carnet appartient à : Mon prénom seulement",
        "versions/v13/carnet.yaml:9:17")
