"""Each command loads only the libraries its work needs (the modules a real run imported)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

# Pillow is not listed: ReportLab imports it for any drawing; Rich prints every command's help.
HEAVY = ("numpy", "pikepdf", "pypdfium2", "reportlab", "watchfiles", "monrecap.preflight",
         "monrecap.pages", "monrecap.impose", "monrecap.diff")

PROBE = f"""
import json, sys
from monrecap.cli import main
sys.argv = ["monrecap", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
print(json.dumps({{"code": code, "loaded": [m for m in {HEAVY!r} if m in sys.modules]}}))
"""


def loaded(*args: str) -> list[str]:
    """Which of HEAVY a real run of `monrecap ARGS` imported (the run must succeed)."""
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(list(args))],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] in (0, None), done.stderr
    return result["loaded"]


def test_page_only_build_loads_no_pdf_or_pixel_library(tmp_path: Path) -> None:
    assert loaded("build", "v11", "--no-impose", "--no-preflight", "-q", "--out",
                  str(tmp_path)) == ["reportlab", "monrecap.pages"]
    assert (tmp_path / "v11" / "monrecap-v11.pdf").is_file()


@pytest.mark.parametrize("marks", ["none", "all"])
def test_impose_loads_neither_the_renderer_nor_pixels(tmp_path: Path, marks: str) -> None:
    from tests.impose.folding import numbered_pdf

    src = tmp_path / "in.pdf"
    src.write_bytes(numbered_pdf(4))
    assert loaded("impose", str(src), "--profile", "atelier-sra3-a6", "--marks", marks,
                  "-o", str(tmp_path / "out.pdf")) == ["pikepdf", "monrecap.impose"]


def test_imposing_our_build_marks_it_without_numpy(v11_build: Path, tmp_path: Path) -> None:
    """Our build's sheets are marked PDF/X-4 (preflight/pdfx.py), not checked: no numpy."""
    assert loaded("impose", str(v11_build / "monrecap-v11.pdf"), "--profile", "bureau-a4",
                  "-o", str(tmp_path / "out.pdf")) == ["pikepdf", "monrecap.preflight",
                                                        "monrecap.impose"]


def test_help_loads_nothing_heavy() -> None:
    assert loaded("--help") == []


COMPILED = """
import json, sys
from monrecap.cli import main
sys.argv = ["monrecap", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit:
    pass
import reportlab.lib.textsplit, reportlab.platypus.paragraph, yaml.reader
patterns = {"reportlab url": reportlab.platypus.paragraph.uri_pat,
            "reportlab cjk": reportlab.lib.textsplit.rx,
            "yaml reader": yaml.reader.Reader.NON_PRINTABLE}
print(json.dumps({k: type(p).__name__ == "LazyPattern" and p._compiled is None
                  for k, p in patterns.items()}))
"""


def test_build_never_compiles_the_libraries_unused_unicode_patterns(tmp_path: Path) -> None:
    """The three patterns cost 35 ms to compile and a carnet never uses them (lazyre.py); a
    module that imported ReportLab or PyYAML before the deferring import would compile them."""
    done = subprocess.run([sys.executable, "-c", COMPILED, json.dumps(
        ["build", "v11", "--no-impose", "--no-preflight", "-q", "--out", str(tmp_path)])],
        capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {
        "reportlab url": True, "reportlab cjk": True, "yaml reader": True}
