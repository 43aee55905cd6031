"""Every corpus file through `check`, `impose` (saddle on A4, n-up on SRA3) and `diff` (against
a well-formed file, both ways): exit 0, 1 or 2 only, never a traceback, under 30 s each, and
every imposed output passes `qpdf --check`.

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
                        "--marks", "registration,slug", "-o", "{out}"],
    "diff-from": ["diff", "{ref}", "{pdf}", "--json"],
    "diff-to": ["diff", "{pdf}", "{ref}", "--html", "{html}"],
}
#: A well-formed, small PDF of the corpus that every file is compared with.
REFERENCE = FILES[0].parent / "qpdf-minimal-rotated.pdf"

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
    args = [a.format(pdf=pdf, out=out, ref=REFERENCE, html=tmp_path / "r.html")
            for a in RUNS[run]] + ["--root", str(ROOT)]
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


def _poppler_unembedded(pdf: Path) -> set[str] | None:
    """Fonts pdffonts lists as not embedded (Type 3 aside), None when it cannot read the file."""
    done = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True)
    lines = done.stdout.splitlines()
    if done.returncode or len(lines) < 2:
        return None
    emb = lines[0].index("emb")
    return {line[:emb].split()[0] for line in lines[2:]
            if line[emb:emb + 3] == "no " and "Type 3" not in line}


def _poppler_rgb_pages(pdf: Path) -> set[int] | None:
    """Pages where pdfimages -list finds an RGB image, None when it cannot read the file."""
    done = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True)
    if done.returncode:
        return None
    rows = [line.split() for line in done.stdout.splitlines()[2:]]
    return {int(row[0]) for row in rows if len(row) > 5 and row[2] == "image" and row[5] == "rgb"}


def test_poppler_and_the_check_agree_on_the_corpus() -> None:
    """Every font we call unembedded pdffonts calls so too (it also lists fonts a page's
    resources name but never use); every page where pdfimages finds an RGB image is a page
    where we report RGB."""
    from monrecap.errors import MonrecapError
    from monrecap.preflight.inspect import inspect_pdf
    from monrecap.preflight.rules import Context, check

    disagreements = []
    for pdf in FILES:
        try:
            report = check(inspect_pdf(pdf), Context(kind="sheets"))
        except MonrecapError:
            continue
        ours = {f.message.split()[1] for f in report.findings if f.rule == "fonts.embedded"}
        rgb = {f.page for f in report.findings if f.rule == "colour.rgb"}
        fonts, images = _poppler_unembedded(pdf), _poppler_rgb_pages(pdf)
        if fonts is not None and not ours <= fonts:
            disagreements.append(f"{pdf.name}: fonts only we call unembedded: {ours - fonts}")
        if images is not None and not images <= rgb:
            disagreements.append(f"{pdf.name}: RGB images on pages {images - rgb} unreported")
    assert disagreements == POPPLER_DIFFERS


#: Where poppler cannot tell: it stops at the Type 3 font that draws itself; and pdffonts
#: does not draw the form fields a form leaves to the viewer (NeedAppearances), which we
#: draw, as `impose` does, with the form's Helvetica.
POPPLER_DIFFERS = [
    "pdfjs-ContentStreamCycleType3insideType3.pdf: fonts only we call unembedded: "
    "{'Helvetica'}",
    "pdfjs-annotation-tx.pdf: fonts only we call unembedded: {'Helvetica'}",
    "pypdf-pdflatex-forms.pdf: fonts only we call unembedded: {'Helvetica'}",
]
