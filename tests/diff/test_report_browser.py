"""The HTML diff report opened in real headless Chromium (Debian's chromium and
chromium-driver, driven by Selenium): no console error, every picture decoded, no request
leaving the file, a screenshot that is not blank, and the French summary on it.

`docs/screenshot_report.sh` runs this test on the v10 → v11 report of the real repository
with MONRECAP_REPORT_SCREENSHOT=docs/diff-report.png: the README's picture is this test's
screenshot."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from browser import assert_not_blank, needs_browser, opened
from conftest import BASE, ROOT, make_repo

from monrecap.diff import run_diff
from monrecap.diff.diffhtml import summary_fr

SCREENSHOT = os.environ.get("MONRECAP_REPORT_SCREENSHOT")

pytestmark = needs_browser

EDITS = """changelog:
  - change: Une page d'agenda est ajoutée, une page est retirée.
    finding: Les personnes notaient leurs rendez-vous sur des feuilles volantes.
pages:
  - id: agenda
    kind: notes
    title: Mon agenda
    after: rendez-vous
  - id: documents
    remove: true
  - id: avis
    intro: Dites-nous tout sur le carnet.
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[Path, str]:
    """The report of v0 → v1 in a small repository (or of v10 → v11 in the real one when a
    screenshot for the docs is asked for), and its summary."""
    out = tmp_path_factory.mktemp("report")
    if SCREENSHOT:
        root, old, new = ROOT, "v10", "v11"
    else:
        root = make_repo(out / "repo", {"v0": BASE.read_text(encoding="utf-8"),
                                        "v1": "version: v1\nextends: v0\n" + EDITS})
        old, new = "v0", "v1"
    html = out / "diff.html"
    result = run_diff(root, old, new, None, None, None, 100, html)
    return html, summary_fr(result)


def test_report_in_headless_chromium(report: tuple[Path, str], tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    html, summary = report
    with opened(html, tmp_path, height=1800) as (driver, page):
        images = driver.execute_script(
            "return [...document.images].map(i => [i.alt, i.complete && i.naturalWidth > 0])")
        shown = driver.find_element(By.ID, "summary")
        on_screen = shown.is_displayed() and shown.location["y"] < 1800
        text = shown.text
    assert page.errors == []
    assert images and all(ok for _, ok in images), images
    assert page.urls and page.outside() == []
    assert text == summary and on_screen
    assert_not_blank(page.png, min_width=1000)
    if SCREENSHOT:
        Path(SCREENSHOT).write_bytes(page.png)
