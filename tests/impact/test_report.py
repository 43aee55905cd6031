"""`monrecap impact report`: the funnel per group from the ledger and the store, spellings
merged and shown, word of mouth, --since; the HTML in headless Chromium; the committee's PDF
on one A4 page that passes the preflight."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from browser import assert_not_blank, needs_browser, opened
from conftest import ROOT
from typer.testing import CliRunner

from monrecap.cli import app
from monrecap.impact.fictitious import Effect, synth_survey
from monrecap.impact.funnel import build_report
from monrecap.impact.surveystore import import_survey


@pytest.fixture
def filled(repo: Path) -> Path:
    """The scratch repository with answers for both versions, one structure spelt twice."""
    survey = repo / "survey.csv"
    survey.write_text(synth_survey({"v10": 12, "v11": 12},
                                   {"v10": Effect(0.5), "v11": Effect(0.7)}, seed=3)
                      + "2026-11-21;Association de Fictiville;57;v11;10;8;6;4;6;\n"
                      + "2026-11-22;ASSOCIATION FICTIVILLE;57;v11;10;8;6;4;6;\n",
                      encoding="utf-8")
    import_survey(repo, survey)
    return repo


def invoke(repo: Path, *args: str):
    return CliRunner().invoke(app, [*args, "--root", str(repo)], env={"COLUMNS": "200"})


def test_the_funnel_per_version_counts_the_ledger_and_the_answers(filled: Path) -> None:
    report = build_report(filled)
    v10, v11 = report.groups
    assert (v10.name, v10.orders, v10.answers) == ("v10", 20, 12)
    assert (v11.name, v11.orders, v11.answers) == ("v11", 30, 14)
    assert v10.shipped > 0 and v11.shipped > 0
    rate = v11.rates["came_back"]
    assert (rate.k, rate.n) == (v11.avec_carnet, v11.revus)
    assert {"ASSOCIATION FICTIVILLE", "Association de Fictiville"} <= set(
        report.spellings["association-fictiville"])
    assert [m for m, _, _ in report.word_of_mouth] == ["2026-03", "2026-09"]
    assert report.compare.old == "v10" and report.compare.new == "v11"
    assert [d.id for d in report.decisions] == ["dec-2025-02"]
    assert report.citations["dec-2025-02"] == ["v10", "v11"]


@pytest.mark.parametrize("by,names", [
    ("offer", {"cofinance", "decouverte", "inconnue"}),
    ("edition", {"base", "val-fictif", "inconnue"}),
])
def test_other_groupings(filled: Path, by: str, names: set[str]) -> None:
    report = build_report(filled, by)
    assert {g.name for g in report.groups} <= names and report.compare is None
    assert sum(g.answers for g in report.groups) == 26
    assert sum(g.orders for g in report.groups) == 50


def test_since_keeps_later_answers_and_the_whole_ledger(filled: Path) -> None:
    """--since counts the answers from that date; the carnets they hand out may have been
    shipped before it, so the ledger counts whole (the activation rate stays)."""
    report = build_report(filled, since="01/10/2026")
    v10, v11 = report.groups
    assert (v10.answers, v10.notes) == (0, ["aucune réponse à l'enquête"])
    assert (v11.answers, v11.orders) == (14, 30) and v11.rates["activation"] is not None
    assert report.since == dt.date(2026, 10, 1) and report.compare is None
    assert [m for m, _, _ in report.word_of_mouth] == ["2026-03", "2026-09"]
    later = invoke(filled, "impact", "report", "--since", "2030-01-01")
    assert later.exit_code == 0
    assert "no production week" not in later.stdout
    assert "Impact by version since 2030-01-01: 0 survey answers;" in later.stdout


HEADER = "date;structure;territoire;version;lot;remis;revus;avec_carnet;remplis;minutes;commentaire\n"


def test_an_answer_that_cannot_be_placed_says_why(repo: Path) -> None:
    """By edition or offer, an answer needs its lot, or a structure that received one
    edition (one offer) of its version: else it is left out of the groups, and said why —
    never « rien dans le registre » while the ledger holds its structure's orders."""
    survey = repo / "survey.csv"
    survey.write_text(HEADER
                      + "2026-11-02;Association de Fictiville;38;v11;;20;12;8;9;5;\n"
                      + "2026-11-03;Association de Fictiville;38;v11;L2026-W40-04;10;8;6;4;;\n"
                      + "2026-11-04;CCAS de Fictiville;69;v11;;30;20;12;9;;\n"
                      + "2026-11-05;Mission locale de Fictiville;57;v11;;10;8;6;4;;\n"
                      + "2026-11-06;Association de Montfictif;;v11;;10;8;6;4;;\n",
                      encoding="utf-8")
    import_survey(repo, survey)
    by_edition = {g.name: g for g in build_report(repo, "edition").groups}
    assert (by_edition["val-fictif"].answers, by_edition["inconnue"].answers) == (3, 2)
    assert by_edition["inconnue"].notes == [
        "1 réponse non classée : sans numéro de lot, et leur structure a reçu plusieurs "
        "éditions de v11",
        "1 réponse non classée : leur structure n'a pas de commande de v11 dans le registre"]
    # val-fictif carnets shipped in 2026-W40 to the three structures placed there: 20, 90, 40
    activation = by_edition["val-fictif"].rates["activation"]
    assert (activation.k, activation.n) == (10 + 30 + 10, 20 + 90 + 40)
    shown = invoke(repo, "impact", "report", "--by", "offer")
    assert shown.exit_code == 0
    assert "rien" not in shown.stdout
    assert ("note: 1 réponse non classée : sans numéro de lot, et leur structure a reçu "
            "plusieurs offres de v11") in shown.stdout
    by_territory = {g.name: g for g in build_report(repo, "territory").groups}
    assert by_territory["59"].answers == 1  # no department written: the ledger's


def test_with_one_week_in_the_ledger_nobody_could_have_reordered(tmp_path: Path) -> None:
    from monrecap.impact.fictitious import synth_ledger
    from tests.impact.conftest import impact_repo

    repo = impact_repo(tmp_path / "one", ledger=False)
    synth_ledger(repo, [("2026-W40", "v11", 30)])
    v11 = build_report(repo).groups[0]
    assert v11.reorder is None
    assert v11.notes == ["une seule semaine dans le registre de production : personne n'a "
                         "encore pu commander de nouveau", "aucune réponse à l'enquête"]
    shown = invoke(repo, "impact", "report").stdout
    assert "Reordered" not in shown
    assert "note: une seule semaine dans le registre de production" in shown


def test_a_structure_that_ordered_the_next_version_later_has_reordered(filled: Path) -> None:
    """v10's structures ordered in 2026-W10; those that ordered v11 in 2026-W40 reordered.
    v11's, ordered in the last week, could not have yet."""
    from monrecap.impact.shipments import read_shipments

    shipments = read_shipments(filled)
    first = {s.key for s in shipments if s.week == "2026-W10"}
    again = first & {s.key for s in shipments if s.week == "2026-W40"}
    v10, v11 = build_report(filled).groups
    assert (v10.reorder.k, v10.reorder.n) == (len(again), len(first)) and again
    assert v11.reorder is None and v11.notes == [
        "commandes de la dernière semaine du registre seulement : personne n'a encore pu "
        "commander de nouveau"]


def test_json_follows_its_schema_and_an_empty_repository_reports_nothing(filled: Path,
                                                                         tmp_path: Path) -> None:
    result = invoke(filled, "impact", "report", "--by", "territory", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, json.loads(
        (ROOT / "docs" / "schemas" / "impact-report.json").read_text()))
    from tests.impact.conftest import impact_repo

    empty = impact_repo(tmp_path / "empty", ledger=False)
    shown = invoke(empty, "impact", "report")
    assert shown.exit_code == 0
    assert "nothing yet: no survey answer (`monrecap impact import FILE`)" in shown.stdout
    pdf = tmp_path / "empty.pdf"
    assert invoke(empty, "impact", "report", "--pdf", str(pdf)).exit_code == 0
    import pypdfium2 as pdfium

    text = pdfium.PdfDocument(pdf)[0].get_textpage().get_text_range()
    assert "Il n'y a pas encore de réponse à l'enquête des conseillers." in text
    bad = invoke(empty, "impact", "report", "--by", "city")
    assert (bad.exit_code, bad.stderr) == (2, "error: --by city: group by one of version, "
                                              "territory, edition, offer\n")


def test_the_committee_pdf_is_one_a4_page_that_passes_the_preflight(filled: Path,
                                                                    tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    pdf = tmp_path / "impact.pdf"
    result = invoke(filled, "impact", "report", "--pdf", str(pdf), "--html",
                    str(tmp_path / "impact.html"))
    assert result.exit_code == 0, result.output
    doc = pdfium.PdfDocument(pdf)
    assert len(doc) == 1 and tuple(round(v) for v in doc[0].get_size()) == (595, 842)
    text = doc[0].get_textpage().get_text_range()
    for said in ("La version 11 marche-t-elle mieux ?", "Version 10 :", "sur 100",
                 "Les décisions du comité", "Le 11 mars 2025", "Du carnet envoyé",
                 "Le bouche-à-oreille"):
        assert said in text, said
    assert "%" not in text  # easy to read: « sur 100 »
    from monrecap.preflight import Context, run_preflight

    report = run_preflight(pdf, Context(bleed=0, safe=42, booklet=False))
    assert report.errors == []
    again = tmp_path / "again.pdf"
    invoke(filled, "impact", "report", "--pdf", str(again), "--by", "edition")
    assert again.read_bytes() == pdf.read_bytes()  # reproducible, and always by version


@needs_browser
def test_the_html_report_in_headless_chromium(filled: Path, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    html = tmp_path / "impact.html"
    assert invoke(filled, "impact", "report", "--html", str(html)).exit_code == 0
    with opened(html, tmp_path, height=1800) as (driver, page):
        verdicts = driver.find_element(By.ID, "verdicts")
        charts = driver.execute_script(
            "return [...document.querySelectorAll('svg')].map(s => s.getBoundingClientRect()"
            ".width > 300 && s.querySelectorAll('rect,circle').length > 0)")
        shown = verdicts.is_displayed() and verdicts.location["y"] < 600
        text = verdicts.text
    assert page.errors == [] and page.outside() == []
    assert shown and "v11 contre v10" in text and "des carnets reviennent, contre" in text
    assert charts == [True, True, True]
    assert_not_blank(page.png)


def test_the_shipped_example_is_plausible_and_says_what_the_readme_quotes(
        tmp_path: Path) -> None:
    """examples/survey-2026-11.csv: about as many people an answer for both versions, many
    structures each, dated before today; the verdict the README quotes."""
    from tests.impact.conftest import impact_repo

    repo = impact_repo(tmp_path / "repo", ledger=False)
    import_survey(repo, ROOT / "examples" / "survey-2026-11.csv")
    v10, v11 = build_report(repo).groups
    per_answer = [g.remis / g.answers for g in (v10, v11)]
    assert max(per_answer) < 1.5 * min(per_answer)
    assert min(v10.structures_answered, v11.structures_answered) >= 20
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    came_back = build_report(repo).compare.verdicts[0].text
    assert came_back.replace("\u00a0", " ") in " ".join(readme.split())
    assert "66 % [62–69] 521/794" in readme


def test_the_html_says_the_minimum_and_the_caveat_beside_the_verdicts(filled: Path,
                                                                      tmp_path: Path) -> None:
    from html import unescape

    from monrecap.impact.impacthtml import report_html

    page = unescape(report_html(build_report(filled)))
    verdicts = page[page.index("<section id=verdicts>"):page.index("</section>")]
    assert ("<p class=caveat>Un écart est « net » quand son intervalle à 95 % exclut zéro ; "
            "deux versions ne sont comparées qu'avec au moins 5 structures et 30 personnes "
            "(ou carnets) chacune. Les réponses d'une même structure se ressemblent : "
            "l'intervalle de l'écart est calculé par structure, et reste optimiste quand peu "
            "de structures ont répondu.</p>") in verdicts
    assert "<h2>Les structures qui commandent de nouveau</h2>" in page
    assert "recommand" not in page


def test_one_answer_is_one_answer(repo: Path) -> None:
    survey = repo / "one.csv"
    survey.write_text("date;structure;version;remis;revus;avec_carnet;minutes\n"
                      "2026-11-02;CCAS de Val-Fictif;v11;10;8;5;4\n", encoding="utf-8")
    import_survey(repo, survey)
    shown = invoke(repo, "impact", "report").stdout
    assert "Impact by version: 1 survey answer, 2026-11-02 to 2026-11-02;" in shown
    assert "1 answer from 1 structure" in shown
    assert "Temps gagné par rendez-vous    4 min (1 answer)" in shown
    assert "Reviennent avec leur carnet    63\u00a0% [30–87] 5/8  (1 answer, 1 structure)" in shown
