"""Every corpus file through `check` and `impose` (saddle on A4, n-up on SRA3): exit 0, 1 or 2
only, never a traceback, under 30 s each, and every imposed output passes `qpdf --check`.

The commands run in this process (Typer's CliRunner) so that 90 files × 3 runs stay within
the suite's budget; an exception escaping a command is exactly what would print a traceback.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from corpus import FILES
from monrecap.cli import app

pytestmark = pytest.mark.corpus

RUNS = {
    "check": ["check", "{pdf}"],
    "impose-saddle-a4": ["impose", "{pdf}", "--scheme", "saddle", "--sheet", "A4",
                         "-o", "{out}"],
    "impose-nup-sra3": ["impose", "{pdf}", "--scheme", "nup", "--sheet", "SRA3",
                        "--marks", "crop,registration,slug", "-o", "{out}"],
}

#: Files whose images qpdf cannot decode (bad JPEG data): imposition carries the streams
#: over untouched, and `qpdf --check` warns about the same objects in the source.
SOURCE_WARNINGS = {"qpdf-bad-jpeg.pdf"}


def test_the_corpus_is_small_and_documented() -> None:
    readme = (FILES[0].parent / "README.md").read_text(encoding="utf-8")
    assert len(FILES) >= 30
    assert sum(f.stat().st_size for f in FILES) < 3_000_000
    assert [f.name for f in FILES if f.name not in readme] == []


@pytest.mark.parametrize("run", RUNS)
@pytest.mark.parametrize("pdf", FILES, ids=[f.name for f in FILES])
def test_corpus_file(tmp_path: Path, pdf: Path, run: str) -> None:
    out = tmp_path / "out.pdf"
    args = [a.format(pdf=pdf, out=out) for a in RUNS[run]] + ["--root", str(ROOT)]
    start = time.perf_counter()
    result = CliRunner().invoke(app, args, catch_exceptions=True)
    elapsed = time.perf_counter() - start
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{run} {pdf.name}: uncaught {result.exception!r}") \
            from result.exception
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    assert elapsed < 30, f"{run} {pdf.name}: {elapsed:.1f} s"
    if run.startswith("impose"):
        assert out.exists() == (result.exit_code == 0), result.output
        if out.exists():
            checked = subprocess.run(["qpdf", "--check", str(out)], capture_output=True,
                                     text=True)
            allowed = (0, 3) if pdf.name in SOURCE_WARNINGS else (0,)
            assert checked.returncode in allowed, checked.stdout + checked.stderr
