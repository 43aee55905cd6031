"""The risk analysis' HTML opened in real headless Chromium (as the diff report is): no console
error, no request leaving the file, both maps drawn with their 16 cells, the French summary on
screen, a screenshot that is not blank."""

from __future__ import annotations

from pathlib import Path

from browser import assert_not_blank, needs_browser, opened
from conftest import ROOT

from monrecap.risk import risk_report, write_documents
from monrecap.risk.analysis import summary_fr

pytestmark = needs_browser


def test_risk_html_in_headless_chromium(tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    report = risk_report(ROOT, "v11")
    html = tmp_path / "risque-v11.html"
    write_documents(ROOT, report, html=html)
    with opened(html, tmp_path, height=1600) as (driver, page):
        cells = driver.execute_script(
            "return [...document.querySelectorAll('svg')].map(s => [s.querySelectorAll('rect')"
            ".length, s.getBoundingClientRect().width > 200])")
        shown = driver.find_element(By.ID, "summary")
        text, on_screen = shown.text, shown.is_displayed() and shown.location["y"] < 1600
    assert page.errors == []
    assert page.outside() == []
    assert cells == [[16, True], [16, True]]
    assert text == summary_fr(report.register) and on_screen
    assert_not_blank(page.png)
