"""Installed like any Python tool: the wheel carries what impose, check and diff need, and they
work from a folder that has nothing to do with the repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pikepdf
import pytest

from conftest import ROOT

SHIPPED = ("monrecap/data/fonts/atkinson-hyperlegible/AtkinsonHyperlegible-Regular.ttf",
           "monrecap/data/fonts/atkinson-hyperlegible/AtkinsonHyperlegible-Bold.ttf",
           "monrecap/data/fonts/atkinson-hyperlegible/OFL.txt",
           "monrecap/data/color/FOGRA39-monrecap.icc",
           "monrecap/data/color/icc-profiles-free-copyright.txt",
           "monrecap/data/layouts/print/atelier-sra3-a6.yaml",
           "monrecap/data/layouts/print/atelier-sra4-a5.yaml",
           "monrecap/data/layouts/print/bureau-a4.yaml")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The wheel, built offline, unpacked into a folder of its own (no repository there)."""
    tmp = tmp_path_factory.mktemp("wheel")
    # From a copy of the sources: setuptools writes build/ beside what it builds.
    source = tmp / "source"
    shutil.copytree(ROOT / "src", source / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                            "--no-build-isolation", "-q", "-w", str(tmp / "dist"), str(source)],
                           capture_output=True, text=True, timeout=300, cwd=tmp)
    assert built.returncode == 0, built.stderr
    wheel = next((tmp / "dist").glob("monrecap-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tmp / "site")
        names = set(archive.namelist())
    assert set(SHIPPED) <= names
    return tmp / "site"


def _run(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """The installed package's CLI, run from ``cwd``; the checkout is not on the path."""
    env = {k: v for k, v in os.environ.items() if k != "MONRECAP_ROOT"}
    env["PYTHONPATH"] = str(site)
    return subprocess.run([sys.executable, "-m", "monrecap", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def elsewhere(tmp_path: Path, v11_build: Path) -> Path:
    """An unrelated folder holding two PDFs: one of our builds with its build.json, one
    page PDF alone (nobody's build)."""
    folder = tmp_path / "print-shop" / "incoming"
    folder.mkdir(parents=True)
    for name in ("monrecap-v11.pdf", "build.json"):
        (folder / name).write_bytes((v11_build / name).read_bytes())
    (folder / "other.pdf").write_bytes((v11_build / "monrecap-v11.pdf").read_bytes())
    assert not any((p / "versions").is_dir() for p in folder.parents)
    return folder


def test_the_installed_package_is_not_the_checkout(installed: Path, tmp_path: Path) -> None:
    result = _run(installed, tmp_path, "--help")
    assert result.returncode == 0
    probe = subprocess.run([sys.executable, "-c", "import monrecap; print(monrecap.__file__)"],
                           cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(installed)},
                           capture_output=True, text=True)
    assert Path(probe.stdout.strip()).is_relative_to(installed)


def test_impose_with_default_marks_from_any_folder(installed: Path, elsewhere: Path) -> None:
    # Anyone's PDF: the slug line needs the toolkit's font.
    result = _run(installed, elsewhere, "impose", "other.pdf", "--sheet", "SRA3", "-o",
                  "sheets.pdf")
    assert result.returncode == 0, result.stderr
    fonts = subprocess.run(["pdffonts", "sheets.pdf"], cwd=elsewhere, capture_output=True,
                           text=True).stdout
    assert "AtkinsonHyperlegible-Regular" in fonts
    # One of our builds: the sheets get the PDF/X-4 output intent and its ICC profile.
    result = _run(installed, elsewhere, "impose", "monrecap-v11.pdf", "--sheet", "SRA3",
                  "-o", "ours.pdf")
    assert result.returncode == 0, result.stderr
    with pikepdf.open(elsewhere / "ours.pdf") as pdf:
        intent = pdf.Root.OutputIntents[0]
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        profile = intent.DestOutputProfile.read_bytes()
    assert profile == (installed / "monrecap/data/color/FOGRA39-monrecap.icc").read_bytes()


def test_the_shipped_print_profiles_from_any_folder(installed: Path, elsewhere: Path) -> None:
    """A print shop with a PDF and nothing else imposes it with the workshop's profile."""
    result = _run(installed, elsewhere, "impose", "monrecap-v11.pdf", "--profile",
                  "atelier-sra3-a6", "-o", "sra3.pdf")
    assert result.returncode == 0, result.stderr
    assert "imposed sra3.pdf (8 sheets)" in result.stdout + result.stderr
    with pikepdf.open(elsewhere / "sra3.pdf") as pdf:
        assert len(pdf.pages) == 16
        assert [round(float(v) / 72 * 25.4) for v in pdf.pages[0].MediaBox] == [0, 0, 450, 320]
    result = _run(installed, elsewhere, "impose", "other.pdf", "--profile", "bureau", "-o",
                  "office.pdf")
    assert result.returncode == 2
    assert result.stderr == ("error: unknown print profile 'bureau' (did you mean "
                             "'bureau-a4'?); known profiles: atelier-sra3-a6, atelier-sra4-a5, "
                             "bureau-a4\n")
    assert not (elsewhere / "office.pdf").exists()


def test_check_and_diff_from_any_folder(installed: Path, elsewhere: Path) -> None:
    result = _run(installed, elsewhere, "check", "monrecap-v11.pdf")
    assert result.returncode == 0, result.stderr
    result = _run(installed, elsewhere, "diff", "monrecap-v11.pdf", "other.pdf")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "identical" in result.stdout
