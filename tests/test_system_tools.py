"""`make build` and `make test` on a machine without the Debian tools: one line that names
what is missing and the command that installs it, exit 2, before any work (.ci/system-tools,
the one list shared with .ci/run and the workflow)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

#: The line of tests/conftest.py that skips (pytest names it in the summary).
SKIP_LINE = next(n for n, line in enumerate((ROOT / "tests" / "conftest.py").read_text(
    encoding="utf-8").splitlines(), 1) if line.strip().startswith("pytest.skip("))
BASICS = ("sh", "make", "id", "cat", "dirname", "env", "rm", "test")


@pytest.fixture
def bare_path(tmp_path: Path) -> str:
    """A PATH with a shell and make, and none of the tools the toolkit needs."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in BASICS:
        found = shutil.which(tool)
        if found:
            (bin_dir / tool).symlink_to(found)
    return str(bin_dir)


def _run(args: list[str], path: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": path, "MONRECAP_NO_INSTALL": "1"}
    env.pop("MAKEFLAGS", None)
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60)


def test_the_script_names_what_is_missing_and_how_to_install_it(bare_path: str) -> None:
    result = _run([str(ROOT / ".ci" / "system-tools"), "test"], bare_path)
    assert result.returncode == 2
    missing = "gs pdftoppm pdftotext pdffonts pdfinfo qpdf zbarimg jbig2dec chromium chromedriver"
    packages = "ghostscript poppler-utils qpdf zbar-tools jbig2dec"
    if Path("/etc/debian_version").exists():
        assert result.stdout.startswith(f"make test needs system tools that are missing "
                                        f"({missing}")
        assert f"; run: sudo apt-get install {packages}" in result.stdout
    assert len(result.stdout.splitlines()) == 1


@pytest.mark.parametrize("target,missing", [("build", "(gs)"), ("test", "(gs pdftoppm")])
def test_make_stops_at_once_with_one_line(bare_path: str, target: str, missing: str) -> None:
    result = _run(["make", "--no-print-directory", target], bare_path)
    assert result.returncode == 2
    assert result.stdout == ""  # nothing ran: no venv, no build, no test
    [line] = result.stderr.splitlines()
    assert line.startswith("Makefile:") and f"*** make {target} needs system tools that are " \
        f"missing {missing}" in line and line.endswith("Stop.")


def test_with_the_tools_the_check_passes_quietly() -> None:
    result = _run([str(ROOT / ".ci" / "system-tools"), "test"], os.environ["PATH"])
    assert (result.returncode, result.stdout) == (0, "")


@pytest.mark.parametrize("ci,outcome", [("", "1 skipped"), ("true", "1 error")])
def test_a_missing_tool_skips_a_test_except_on_ci(tmp_path: Path, ci: str, outcome: str):
    """The tests that need DejaVu or Chromium (conftest.needs) skip where they are missing,
    but on CI (CI=true) a missing tool fails them: CI never skips them silently."""
    (tmp_path / "conftest.py").write_text(  # the suite's conftest, under another name
        "import importlib.util\n"
        f"spec = importlib.util.spec_from_file_location('suite', {str(ROOT / 'tests' / 'conftest.py')!r})\n"
        "suite = importlib.util.module_from_spec(spec)\nspec.loader.exec_module(suite)\n"
        "needs, pytest_configure = suite.needs, suite.pytest_configure\n"
        "pytest_runtest_setup = suite.pytest_runtest_setup\n",
        encoding="utf-8")
    (tmp_path / "test_tool.py").write_text(
        "from conftest import needs\n\n@needs(False, 'chromium is not installed')\n"
        "def test_browser():\n    pass\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"} | ({"CI": ci} if ci else {})
    result = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
                             "-rsE", "-W", "error", "-o", "addopts=", "-p", "no:xdist",
                             "test_tool.py"], cwd=tmp_path, capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == (1 if ci else 0), result.stdout
    lines = result.stdout.splitlines()
    assert lines[-1].startswith(f"{outcome} in "), result.stdout
    said = [line for line in lines if line.startswith(("ERROR", "SKIPPED"))]
    if ci:
        assert said == ["ERROR test_tool.py::test_browser - Failed: CI=true: chromium is not "
                        "installed — CI must run this test, not skip it"]
    else:  # pytest writes the skip's place relative to the folder it runs in
        assert len(said) == 1 and re.fullmatch(
            rf"SKIPPED \[1\] \S*tests/conftest\.py:{SKIP_LINE}: chromium is not installed",
            said[0]), said
