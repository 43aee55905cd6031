"""The risk analysis' HTML opened in real headless Chromium (as the diff report is): no console
error, no request leaving the file, both maps drawn with their 16 cells, the French summary on
screen, a screenshot that is not blank."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

from conftest import ROOT, needs
from monrecap.risk import risk_report, write_documents
from monrecap.risk.document import summary_fr

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

pytestmark = needs(
    CHROMIUM and DRIVER, "no browser: Debian's chromium and chromium-driver are "
    "not installed here (.ci/run installs them with apt-get)")


def test_risk_html_in_headless_chromium(tmp_path: Path) -> None:
    from PIL import Image
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    report = risk_report(ROOT, "v11")
    html = tmp_path / "risque-v11.html"
    write_documents(ROOT, report, html=html)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage", "--window-size=1200,1600",
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
        cells = driver.execute_script(
            "return [...document.querySelectorAll('svg')].map(s => [s.querySelectorAll('rect')"
            ".length, s.getBoundingClientRect().width > 200])")
        shown = driver.find_element(By.ID, "summary")
        text, on_screen = shown.text, shown.is_displayed() and shown.location["y"] < 1600
        png = driver.get_screenshot_as_png()
    finally:
        driver.quit()
    assert errors == []
    assert [u for u in urls if not u.startswith(("file://", "data:"))] == []
    assert cells == [[16, True], [16, True]]
    assert text == summary_fr(report.register) and on_screen
    picture = Image.open(io.BytesIO(png)).convert("L")
    histogram = picture.histogram()
    assert max(histogram) < 0.95 * sum(histogram), "blank page"
