"""Lint: the French syllable counter on a word list, each rule on sentences that break it and
sentences that don't, overrides, the real history's trend, and the build's hard stop."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, repo, run_cli, write_version  # noqa: F401 (fixture)
from monrecap.lint import lint_trend, lint_version
from monrecap.lint.contrast import contrast
from monrecap.lint.french import syllables

WORDS = Path(__file__).parent / "syllables.tsv"
CHANGELOG = "changelog:\n  - change: Un test.\n    finding: Un test.\n"


def test_syllable_counter_on_the_word_list() -> None:
    rows = [line.split("\t") for line in WORDS.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    assert len(rows) >= 200
    misses = [(w, int(n), syllables(w)) for w, n in rows if syllables(w) != int(n)]
    accuracy = 1 - len(misses) / len(rows)
    print(f"\nsyllable counter: {accuracy:.1%} exact on {len(rows)} words; misses: {misses}")
    assert accuracy >= 0.95
    assert [syllables(w) for w in ("conseillère", "été", "heures")] == [4, 2, 2]


def lint_with(repo: Path, pages: str, extra: str = ""):
    write_version(repo, "v1", f"version: v1\nextends: v0\n{CHANGELOG}{extra}pages:\n{pages}")
    return {(f.rule, f.severity) for f in lint_version(repo, "v1").findings
            if f.where.startswith("versions/v1")}


def intro(text: str) -> str:
    return f"  - id: documents\n    intro: \"{text}\"\n"


CASES = [
    ("Je garde ce carnet avec moi, dans mon sac, quand je vais voir la conseillère le matin.",
     {("sentence.length", "warning")}),
    ("Je garde ce carnet avec moi, dans mon sac ou dans ma poche, quand je vais voir la "
     "conseillère de la mission locale le matin.", {("sentence.length", "error")}),
    ("Je garde ce carnet. Je le montre.", {("sentence.one-per-line", "warning")}),
    ("Apportez votre RSA.", {("words.acronym", "warning")}),
    ("Apportez votre DOSSIER.", {("style.caps", "error")}),
    ("Appelez le service tél. du centre.", {("words.abbreviation", "error")}),
    ("Papiers & documents.", {("words.symbol", "error")}),
    ("Apportez vos papiers (tous).", {("words.parentheses", "warning")}),
    ("Le rendez-vous est le 03/03.", {("words.date", "error")}),
    ("Apportez deux photos.", {("words.numbers", "warning")}),
    ("Ne perdez pas ce carnet.", {("style.negative", "warning")}),
    ("Vous pourriez appeler le service.", {("style.conditional", "warning")}),
    ("Il ferait le retrait demain.", {("style.conditional", "warning")}),
    ("Attention aux frais de la banque.", set()),  # words that end like a conditional
    ("Apportez un extrait d'acte de naissance et votre portrait.", set()),
    ("Le retrait d'argent est gratuit.", set()),
    ("Lisez <i>ceci</i> en premier.", {("style.emphasis", "error")}),
    ("Notez ici votre mot de passe.", {("sensitive.password", "error")}),
    ("Écrivez votre numéro de sécurité sociale.", {("sensitive.nir", "error")}),
    ("Votre IBAN pour les virements.", {("sensitive.bank", "error"),
                                        ("words.acronym", "warning")}),
    ("Décrivez votre maladie.", {("sensitive.health", "error")}),
    ("Je n'écris jamais mon mot de passe ici.", {("style.negative", "warning")}),
    ("J'apporte ce carnet à chaque rendez-vous.", set()),
    ("Le rendez-vous est mardi 3 mars.", set()),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:30] for c in CASES])
def test_rule_on_a_sentence(repo: Path, text: str, expected: set) -> None:
    assert lint_with(repo, intro(text)) == expected


def test_findings_point_at_the_line(repo: Path) -> None:
    write_version(repo, "v1", f"version: v1\nextends: v0\n{CHANGELOG}pages:\n"
                              + intro("Apportez deux photos."))
    finding = next(f for f in lint_version(repo, "v1").findings if f.rule == "words.numbers")
    assert (finding.where, finding.path) == ("versions/v1/carnet.yaml:8:12",
                                             "pages -> 0 -> intro")


def test_glossary_explains_acronyms(repo: Path) -> None:
    glossary = "glossary:\n  RSA: Revenu de solidarité active\n"
    # Declared but not printed: the reader still does not know what RSA means.
    assert lint_with(repo, intro("Apportez votre RSA."), glossary) == {
        ("words.glossary-page", "warning")}
    page = ("  - id: mots\n    kind: glossaire\n    title: Les mots\n    after: donnees\n"
            "    picto: pictograms/tabler/search.svg\n")
    assert lint_with(repo, intro("Apportez votre RSA.") + page, glossary) == set()


def test_a_version_may_lower_a_rule_with_a_reason(repo: Path) -> None:
    extra = ("lint:\n  style.caps:\n    severity: warning\n"
             "    reason: Le sigle est imprimé tel quel sur la carte.\n")
    write_version(repo, "v1", f"version: v1\nextends: v0\n{CHANGELOG}{extra}pages:\n"
                              + intro("Apportez votre DOSSIER."))
    finding = next(f for f in lint_version(repo, "v1").findings if f.rule == "style.caps")
    assert (finding.severity, finding.lowered) == ("warning",
                                                   "Le sigle est imprimé tel quel sur la carte.")


def test_sensitive_rules_cannot_be_lowered(repo: Path) -> None:
    extra = "lint:\n  sensitive.nir:\n    severity: warning\n    reason: Pour voir.\n"
    assert ("lint.override", "error") in lint_with(repo, intro("Bonjour."), extra)


def test_the_personal_data_page_stays(repo: Path) -> None:
    write_version(repo, "v1", f"version: v1\nextends: v0\n{CHANGELOG}"
                              "pages:\n  - id: donnees\n    remove: true\n")
    rules = {f.rule for f in lint_version(repo, "v1").findings}
    assert "sensitive.data-page" in rules


def test_contrast_through_the_output_profile() -> None:
    assert contrast((0, 0, 0, 1), (0, 0, 0, 0)) > 12  # 100 % K prints very dark gray
    assert contrast((0, 0, 0, 0.5), (0, 0, 0, 0.3)) < 2


def test_v11_lints_clean_and_the_rewrite_shows() -> None:
    report = lint_version(ROOT, "v11")
    assert report.findings == []
    trend = {t.version: t for t in lint_trend(ROOT)}
    assert trend["v8"].errors > 0 and trend["v9"].errors == 0
    assert trend["v9"].kandel_moles > trend["v8"].kandel_moles + 10
    assert trend["v8"].longest > 20 >= trend["v9"].longest


def test_lint_command(tmp_path: Path) -> None:
    assert run_cli("lint", "v11").returncode == 0
    historical = run_cli("lint", "v8")  # the rules it was printed without: lowered, said
    assert historical.returncode == 0
    assert "(lowered: Version historique de 2024, rééditée telle qu'elle a été testée.)" in \
        historical.stdout
    result = run_cli("lint", "--all", "--chart", str(tmp_path / "trend.svg"))
    assert result.returncode == 0 and "v11" in result.stdout
    assert (tmp_path / "trend.svg").read_text().startswith("<?xml")


def test_a_sentence_in_capitals_is_one_caps_error_not_acronyms(tmp_path: Path) -> None:
    from conftest import BASE, make_repo

    repo = make_repo(tmp_path, {"v0": BASE.read_text(encoding="utf-8"),
                                "v1": "version: v1\nextends: v0\nchangelog:\n"
                                      "  - change: Un changement.\n    finding: Un test.\n"
                                      "pages:\n  - id: avis\n    intro: JE NOTE TOUT ICI.\n"})
    linted = run_cli("lint", "v1", "--root", str(repo))
    found = [line.split(": ", 3)[3] for line in linted.stdout.splitlines()
             if "pages -> 0 -> intro" in line]
    assert found == ["style.caps: words in capitals « JE NOTE TOUT ICI » (fix: capitals are "
                     "hard to read: write it in lower case)"]
