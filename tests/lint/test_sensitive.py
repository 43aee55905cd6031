"""The sensitive-data rule against the table of French sentences (tests/lint/sensitive.tsv),
then through the whole lint: titles, labels, list items and the glossary all count."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, repo, write_version  # noqa: F401 (fixture)
from monrecap.lint import lint_version
from monrecap.lint.sensitive import FAMILIES, judge

TABLE = Path(__file__).parent / "sensitive.tsv"
CHANGELOG = "changelog:\n  - change: Un test.\n    finding: Un test.\n"
ISSUE_TITLE = ("Notez ici votre identifiant France Travail et votre mot de passe pour ne pas "
               "les oublier.")


def _rows() -> list[tuple[int, list[str], str, str, str | None]]:
    """(line, the rules expected — [] for « ok » —, field, text, heading)."""
    rows = []
    for number, line in enumerate(TABLE.read_text(encoding="utf-8").splitlines(), 1):
        if line and not line.startswith("#"):
            expected, field, text, *heading = line.split("\t")
            rules = [] if expected == "ok" else expected.split(",")
            rows.append((number, rules, field, text, heading[0] if heading else None))
    return rows


ROWS = _rows()


def test_the_table_covers_every_family_and_field() -> None:
    assert {rule for row in ROWS for rule in row[1]} == set(FAMILIES), \
        "each family has a sentence that breaks it"
    assert [row[0] for row in ROWS if row[1] != sorted(set(row[1]))] == [], \
        "the rules of a row are written once each, in order"
    assert any(len(row[1]) > 1 for row in ROWS), "a sentence that breaks two rules"
    for field in ("text", "label", "item", "checklist", "definition"):
        verdicts = {not row[1] for row in ROWS if row[2] == field}
        assert verdicts == {True, False}, f"{field}: both verdicts need a sentence"


@pytest.mark.parametrize("number,expected,field,text,heading", ROWS,
                         ids=[f"{row[0]}-{row[3][:40]}" for row in ROWS])
def test_sentence(number: int, expected: list[str], field: str, text: str,
                  heading: str | None) -> None:
    got = judge(text, field, heading)
    under = f" under « {heading} »" if heading else ""
    where = f"sensitive.tsv:{number}: « {text} » ({field}{under})"
    assert got == expected, f"{where}: expected {expected or 'clean'}, the lint says " \
        f"{got or 'clean'}"


def lint(repo: Path, pages: str, extra: str = "") -> list[tuple[str, str, str, str]]:
    write_version(repo, "v1", f"version: v1\nextends: v0\n{CHANGELOG}{extra}pages:\n{pages}")
    return [(f.rule, f.severity, f.where, f.path) for f in lint_version(repo, "v1").findings
            if f.where.startswith("versions/v1")]


def test_the_issue_title_is_an_error_at_its_line(repo: Path) -> None:
    found = lint(repo, f"  - id: documents\n    title: {ISSUE_TITLE}\n")
    assert found == [
        ("sensitive.password", "error", "versions/v1/carnet.yaml:8:12", "pages -> 0 -> title"),
        ("title.length", "error", "versions/v1/carnet.yaml:8:12", "pages -> 0 -> title")]


def test_a_label_a_heading_and_a_glossary_entry(repo: Path) -> None:
    pages = ("  - id: rendez-vous\n    labels:\n      with_whom: Identifiant\n"
             "  - id: donnees\n    sections:\n      - heading: \"À garder ici :\"\n"
             "        items: [mon code PIN.]\n")
    glossary = "glossary:\n  NIR: Votre numéro de sécurité sociale. Notez-le ici.\n"
    assert [(rule, where, path) for rule, _, where, path in lint(repo, pages, glossary)
            if rule.startswith("sensitive.")] == [
        ("sensitive.password", "versions/v1/carnet.yaml:11:18",
         "pages -> 0 -> labels -> with_whom"),
        ("sensitive.bank", "versions/v1/carnet.yaml:15:17",
         "pages -> 1 -> sections -> 0 -> items -> 0"),
        ("sensitive.nir", "versions/v1/carnet.yaml:7:8", "glossary -> NIR")]


def test_a_warning_heading_governs_its_items(repo: Path) -> None:
    pages = ("  - id: donnees\n    sections:\n"
             "      - heading: \"Ce qu'il ne faut jamais écrire :\"\n"
             "        items: [mon code PIN, mon numéro de sécurité sociale.]\n")
    assert [f for f in lint(repo, pages) if f[0].startswith("sensitive.")] == []


@pytest.mark.parametrize("title,expected", [
    ("Mes rendez-vous", []),
    ("Ce que je dois apporter à mon rendez-vous", [("title.length", "warning")]),
    ("Tout ce que je dois apporter avec moi à chacun de mes rendez-vous",
     [("title.length", "error")]),
])
def test_title_length(repo: Path, title: str, expected: list) -> None:
    found = lint(repo, f"  - id: rendez-vous\n    title: {title}\n")
    assert [(rule, severity) for rule, severity, *_ in found] == expected


def test_the_real_titles_are_short() -> None:
    report = lint_version(ROOT, "v11")
    assert not [f for f in report.findings if f.rule == "title.length"]
