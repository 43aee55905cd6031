"""`make build` and `make test` on a machine without the Debian tools: one line that names
what is missing and the command that installs it, exit 2, before any work (.ci/system-tools,
the one list shared with .ci/run and the workflow)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

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
