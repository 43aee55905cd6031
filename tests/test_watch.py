"""`monrecap build --watch`, driven as a designer would: save, break the YAML, fix it, Ctrl-C."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import BASE, make_repo

WAIT = 60  # seconds: generous bounds for a loaded 2-core machine, never reached when it works


class Watcher:
    """`monrecap build v0 --watch` in a subprocess, its stderr read line by line."""

    def __init__(self, repo: Path):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "monrecap", "build", "v0", "--watch", "--root", str(repo)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "COLUMNS": "200"})
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stderr:
            self.lines.put(line.rstrip("\n"))

    def until(self, prefix: str) -> list[str]:
        """The lines printed until one starting with ``prefix`` (included)."""
        got, deadline = [], time.monotonic() + WAIT
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no line starting {prefix!r} within {WAIT} s; "
                                     f"printed: {self.seen + got}") from None
            got.append(line)
            if line.startswith(prefix):
                self.seen += got
                return got


def pdf_text(path: Path) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path.read_bytes())
    return "".join(page.get_textpage().get_text_range() for page in doc)


def test_watch_rebuilds_reports_errors_and_stops_cleanly(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"v0": BASE.read_text(encoding="utf-8")})
    source = repo / "versions" / "v0" / "carnet.yaml"
    pdf = repo / "dist" / "v0" / "monrecap-v0.pdf"
    watcher = Watcher(repo)
    try:
        assert watcher.until("built in ")[-1].endswith(" s — findings: 2 new, 0 as before, "
                                                       "0 fixed")
        assert watcher.until("watching ") == ["watching the 14 files it reads (Ctrl-C to stop)"]
        assert "Comment faire" in pdf_text(pdf)

        good = source.read_text(encoding="utf-8")
        source.write_text(good.replace("title: Comment faire", "title: Comment s'en servir"),
                          encoding="utf-8")
        assert watcher.until("rebuilt in ")[-1].endswith(" s — findings: 0 new, 2 as before, "
                                                         "0 fixed")
        text = pdf_text(pdf)
        assert "Comment s'en servir" in text and "Comment faire" not in text

        before = pdf.read_bytes()
        source.write_text(good.replace("    kind: mode-emploi\n", "    kind: [mode-emploi\n"),
                          encoding="utf-8")
        assert watcher.until("not rebuilt") == [
            "error: versions/v0/carnet.yaml:19:10: YAML syntax error: did not find expected "
            "',' or ']' (check the indentation of this line and the one above)",
            "not rebuilt: fix it and save again"]
        assert pdf.read_bytes() == before  # nothing half-written

        source.write_text(good.replace("title: Comment faire", "title: Comment faire & refaire"),
                          encoding="utf-8")
        got = watcher.until("rebuilt in ")  # the new finding first, with its fix; counted
        assert got[0] == ("new: versions/v0/carnet.yaml:19:12: pages -> 1 -> title: error: "
                          "words.symbol: special character (& % § /) (fix: write it in words)")
        assert re.fullmatch(r"rebuilt in \d+\.\d\d s — findings: 1 new, 2 as before, 0 fixed",
                            got[1]), got

        source.write_text(good, encoding="utf-8")
        assert watcher.until("rebuilt in ")[-1].endswith(" s — findings: 0 new, 2 as before, "
                                                         "1 fixed")
        assert "Comment faire" in pdf_text(pdf)
    finally:
        watcher.proc.send_signal(signal.SIGINT)
        code = watcher.proc.wait(timeout=WAIT)
    time.sleep(0.2)  # let the reader thread drain what is left
    rest = []
    while not watcher.lines.empty():
        rest.append(watcher.lines.get())
    assert code == 130
    assert not any("Traceback" in line for line in rest), rest
