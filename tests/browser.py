"""One HTML report opened in real headless Chromium (Debian's chromium and chromium-driver,
driven by Selenium), for the diff, risk and impact browser tests: the console's errors, the
requests the page made, and a screenshot taken after the test's own looks.

    with opened(html, tmp_path, height=1800) as (driver, page):
        shown = driver.find_element(By.ID, "summary")
    assert page.errors == [] and page.outside() == []
    assert_not_blank(page.png)

Reuse: ``from browser import needs_browser, opened`` (tests/ is on the test path)."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import needs

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

#: Mark a test (or ``pytestmark``) that opens a browser: skipped, saying why, where there is
#: none — failed on CI (conftest.needs).
needs_browser = needs(
    CHROMIUM and DRIVER, "no browser: Debian's chromium and chromium-driver are not installed "
    "here (.ci/run installs them with apt-get)")


@dataclass
class Page:
    """What the browser saw of one page."""

    errors: list[str] = field(default_factory=list)  # SEVERE console messages
    urls: list[str] = field(default_factory=list)    # every request the page itself made
    png: bytes = b""                                  # the screenshot, after the test's looks

    def outside(self) -> list[str]:
        """The requests that left the file (anything but file: and data: URLs)."""
        return [u for u in self.urls if not u.startswith(("file://", "data:"))]


@contextmanager
def opened(html: Path, tmp_path: Path, height: int = 1800) -> Iterator[tuple[object, Page]]:
    """``html`` opened in a 1200 px wide window ``height`` px tall, with a fresh profile under
    ``tmp_path``; the driver and the Page are yielded for the test's own queries, the
    screenshot taken when the block ends, the browser always closed."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage", f"--window-size=1200,{height}",
                 f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(DRIVER))
    try:
        driver.get_log("performance")  # the browser's own start-up requests
        driver.get(html.as_uri())
        page = Page()
        page.errors = [e["message"] for e in driver.get_log("browser")
                       if e["level"] == "SEVERE"]
        requests = [json.loads(e["message"])["message"] for e in driver.get_log("performance")]
        page.urls = [m["params"]["request"]["url"] for m in requests
                     if m["method"] == "Network.requestWillBeSent"
                     and m["params"].get("documentURL") == html.as_uri()]
        yield driver, page
        page.png = driver.get_screenshot_as_png()
    finally:
        driver.quit()


def assert_not_blank(png: bytes, min_width: int = 0) -> None:
    """A screenshot at least ``min_width`` px wide, no grey level covering 95 % of it."""
    from PIL import Image

    picture = Image.open(io.BytesIO(png)).convert("L")
    histogram = picture.histogram()
    assert picture.size[0] >= min_width and max(histogram) < 0.95 * sum(histogram), "blank page"
