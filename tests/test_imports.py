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


# What a start costs: the content model (pydantic, Jinja2, PyYAML), Rich and the renderer are
# loaded only by the commands that use them. A fresh build or lint (nothing it reads changed:
# build/fresh.py, freshness.py) is answered from its record, `--help` and a piped
# `versions` need none of them.
LIGHT = ("pydantic", "rich", "jinja2", "yaml", "reportlab", "pikepdf", "numpy", "phonenumbers",
         "monrecap.content", "monrecap.lint.french", "monrecap.pages", "monrecap.build.pipeline")

LIGHT_PROBE = PROBE.replace(repr(HEAVY), repr(LIGHT))


def light_loaded(*args: str, env: dict | None = None) -> list[str]:
    import os

    done = subprocess.run([sys.executable, "-c", LIGHT_PROBE, json.dumps(list(args))],
                          capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, **(env or {})})
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] in (0, None), done.stderr
    return result["loaded"]


def test_help_and_usage_errors_load_no_rich_nor_pydantic() -> None:
    assert light_loaded("--help") == []
    assert light_loaded("build", "--help") == []
    assert light_loaded("release", "merge", "--help") == []


def test_a_piped_versions_listing_loads_nothing_heavy() -> None:
    light_loaded("versions")  # the rows of every version cached first
    assert light_loaded("versions") == []


def test_a_fresh_build_and_lint_load_nothing_heavy(tmp_path: Path) -> None:
    args = ("build", "v11", "-q", "--out", str(tmp_path))
    assert "monrecap.build.pipeline" in light_loaded(*args)  # built, and recorded
    assert light_loaded(*args) == []  # fresh: answered from the record
    assert "reportlab" in light_loaded(*args, "--no-cache")  # asked to build all the same
    light_loaded("lint", "v11")
    assert light_loaded("lint", "v11") == []
    off = light_loaded("lint", "v11", env={"MONRECAP_CACHE": "off"})
    assert {"pydantic", "monrecap.content"} <= set(off)


def test_importtime_of_a_fresh_build_names_no_heavy_module(tmp_path: Path) -> None:
    """The same seen by `python -X importtime`, the way a person profiles a start."""
    args = [sys.executable, "-X", "importtime", "-m", "monrecap", "build", "v11", "-q",
            "--no-impose", "--no-preflight", "--out", str(tmp_path)]
    for _ in range(2):
        done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert done.returncode == 0, done.stderr
    imported = {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines()
                if line.startswith("import time:") and "|" in line}
    assert "monrecap.build.fresh" in imported
    assert imported & {"pydantic", "rich", "reportlab", "jinja2", "yaml", "typer._adapters",
                       "monrecap.content", "monrecap.pages"} == set()
