"""`monrecap impact report`: the funnel per group from the ledger and the store, spellings
merged and shown, word of mouth, --since; the HTML in headless Chromium; the committee's PDF
on one A4 page that passes the preflight."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from conftest import ROOT, needs
from monrecap.cli import app
from monrecap.impact.report import build_report
from monrecap.impact.store import import_survey
from monrecap.impact.synth import Effect, synth_survey

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


@pytest.fixture
def filled(repo: Path) -> Path:
    """The scratch repository with answers for both versions, one structure spelt twice."""
    survey = repo / "survey.csv"
    survey.write_text(synth_survey({"v10": 12, "v11": 12},
                                   {"v10": Effect(0.5), "v11": Effect(0.7)}, seed=3)
                      + "2027-03-01;Association de Fictiville;57;v11;10;8;6;4;6;\n"
                      + "2027-03-02;ASSOCIATION FICTIVILLE;57;v11;10;8;6;4;6;\n",
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
    assert [m for m, _, _ in report.word_of_mouth] == ["2026-03", "2026-12"]
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


def test_since_keeps_later_answers_and_weeks(filled: Path) -> None:
    report = build_report(filled, since="2026-06-01")
    assert [g.name for g in report.groups] == ["v11"]  # v10's answers and week came before
    assert report.groups[0].orders == 30 and report.compare is None
    assert [m for m, _, _ in report.word_of_mouth] == ["2026-12"]


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


@needs(CHROMIUM and DRIVER, "no browser: Debian's chromium and chromium-driver are not "
       "installed here")
def test_the_html_report_in_headless_chromium(filled: Path, tmp_path: Path) -> None:
    from PIL import Image
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    html = tmp_path / "impact.html"
    assert invoke(filled, "impact", "report", "--html", str(html)).exit_code == 0
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage", "--window-size=1200,1800",
                 f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(DRIVER))
    try:
        driver.get_log("performance")
        driver.get(html.as_uri())
        errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        requests = [json.loads(e["message"])["message"] for e in driver.get_log("performance")]
        urls = [m["params"]["request"]["url"] for m in requests
                if m["method"] == "Network.requestWillBeSent"
                and m["params"].get("documentURL") == html.as_uri()]
        verdicts = driver.find_element(By.ID, "verdicts")
        charts = driver.execute_script(
            "return [...document.querySelectorAll('svg')].map(s => s.getBoundingClientRect()"
            ".width > 300 && s.querySelectorAll('rect,circle').length > 0)")
        shown = verdicts.is_displayed() and verdicts.location["y"] < 600
        text = verdicts.text
        png = driver.get_screenshot_as_png()
    finally:
        driver.quit()
    assert errors == [] and [u for u in urls if not u.startswith(("file://", "data:"))] == []
    assert shown and "v11 contre v10" in text and "des carnets reviennent, contre" in text
    assert charts == [True, True, True]
    picture = Image.open(io.BytesIO(png)).convert("L")
    histogram = picture.histogram()
    assert max(histogram) < 0.95 * sum(histogram), "blank page"
