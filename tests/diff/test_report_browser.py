"""The HTML diff report opened in real headless Chromium (Debian's chromium and
chromium-driver, driven by Selenium): no console error, every picture decoded, no request
leaving the file, a screenshot that is not blank, and the French summary on it.

`docs/screenshot_report.sh` runs this test on the v10 → v11 report of the real repository
with MONRECAP_REPORT_SCREENSHOT=docs/diff-report.png: the README's picture is this test's
screenshot."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import BASE, ROOT, make_repo, needs
from monrecap.diff import run_diff
from monrecap.diff.diffhtml import summary_fr

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
SCREENSHOT = os.environ.get("MONRECAP_REPORT_SCREENSHOT")

pytestmark = needs(
    CHROMIUM and DRIVER, "no browser: Debian's chromium and chromium-driver are "
    "not installed here (.ci/run installs them with apt-get)")

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
    from PIL import Image
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    html, summary = report
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
        driver.get_log("performance")  # the browser's own start-up requests
        driver.get(html.as_uri())
        errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        images = driver.execute_script(
            "return [...document.images].map(i => [i.alt, i.complete && i.naturalWidth > 0])")
        requests = [json.loads(e["message"])["message"] for e in driver.get_log("performance")]
        urls = [m["params"]["request"]["url"] for m in requests
                if m["method"] == "Network.requestWillBeSent"
                and m["params"].get("documentURL") == html.as_uri()]
        shown = driver.find_element(By.ID, "summary")
        on_screen = shown.is_displayed() and shown.location["y"] < 1800
        text = shown.text
        png = driver.get_screenshot_as_png()
    finally:
        driver.quit()
    assert errors == []
    assert images and all(ok for _, ok in images), images
    assert urls and [u for u in urls if not u.startswith(("file://", "data:"))] == []
    assert text == summary and on_screen
    picture = Image.open(io.BytesIO(png)).convert("L")
    histogram = picture.histogram()
    assert picture.size[0] >= 1000 and max(histogram) < 0.95 * sum(histogram), "blank page"
    if SCREENSHOT:
        Path(SCREENSHOT).write_bytes(png)
