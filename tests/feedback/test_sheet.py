"""`monrecap feedback sheet`: « Quoi de neuf » for a fictional v12 against v11."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, make_repo, run_cli
from monrecap.feedback.sheet import _crop_box, write_sheet
from monrecap.diff.visual import Region
from monrecap.errors import MonrecapError
from monrecap.preflight import Context, run_preflight
from monrecap.feedback.whatsnew import SHEET_SAFE

DATA = Path(__file__).parent / "data"


def repo_with_v12(tmp: Path, v12: str | None = None) -> Path:
    repo = make_repo(tmp, {"v12": v12 or (DATA / "v12.yaml").read_text(encoding="utf-8")})
    for folder in (ROOT / "versions").iterdir():
        shutil.copytree(folder, repo / "versions" / folder.name)
    return repo


@pytest.fixture(scope="module")
def sheet(tmp_path_factory) -> tuple[Path, object]:
    repo = repo_with_v12(tmp_path_factory.mktemp("sheet"))
    result = run_cli("feedback", "sheet", "v12", "-q", cwd=repo)
    assert result.returncode == 0, result.stderr
    return repo, result


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_the_sheet_says_each_change_with_its_page(sheet) -> None:
    repo, result = sheet
    pdf = repo / "dist" / "v12" / "quoi-de-neuf-v12.pdf"
    text = " ".join(_text(pdf).split())
    assert text.index("Les nouveautés de la version 12") < text.index(
        "La page « Mes démarches » demande qui peut m'aider. À voir page 19.")
    assert "La page « Mes informations » rappelle de ne pas écrire ses numéros secrets. " \
           "À voir page 29." in text
    assert text.count("Avant") == 2 and text.count("Après") == 2
    assert "Par WhatsApp : 06 39 98 00 11" in text
    assert "page 1 sur 1" in text and "Mon Récap, version 12, novembre 2026." in text
    # The lint's warnings are shown, not hidden.
    assert result.stderr == (
        "warning: versions/v12/carnet.yaml:11:13: changelog -> 1 -> change: "
        "negative phrasing\n")


def test_the_sheet_is_a4_cmyk_with_pictures_at_300_ppi(sheet) -> None:
    repo, _ = sheet
    pdf = repo / "dist" / "v12" / "quoi-de-neuf-v12.pdf"
    info = subprocess.run(["pdfinfo", "-box", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    assert "TrimBox:             8.50     8.50   603.78   850.39" in info
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                            check=True).stdout.splitlines()[2:]
    assert len(images) == 4
    for row in images:
        cells = row.split()
        assert cells[5] == "cmyk" and int(cells[12]) >= 300
    again = run_cli("feedback", "sheet", "v12", "-q", "-o", "again.pdf", cwd=repo)
    assert again.returncode == 0 and (repo / "again.pdf").read_bytes() == pdf.read_bytes()
    # The same preflight as the carnet (a sheet, not a booklet: any page count).
    report = run_preflight(pdf, Context(safe=SHEET_SAFE, body_min=14, booklet=False))
    assert [f.rule for f in report.findings] == []


def test_a_change_that_breaks_the_easy_to_read_rules_stops_the_sheet(tmp_path: Path) -> None:
    text = (DATA / "v12.yaml").read_text(encoding="utf-8").replace(
        "demande qui peut m'aider.", "demande qui peut m'aider, etc. pour que chaque personne "
        "sache enfin quoi écrire dans cette colonne de la page des démarches à faire.")
    repo = repo_with_v12(tmp_path, text)
    with pytest.raises(MonrecapError) as caught:
        write_sheet(repo, "v12")
    line = next(n for n, text in enumerate(text.splitlines(), 1) if "etc." in text)
    col = text.splitlines()[line - 1].index("change:") + len("change: ") + 1
    expected = [
        f"versions/v12/carnet.yaml:{line}:{col}: changelog -> 0 -> change: abbreviation "
        "« etc. » (write the word in full)",
        f"versions/v12/carnet.yaml:{line}:{col}: changelog -> 0 -> change: 27 words in one "
        "sentence (over 20) (easy-to-read sentences have 10 to 13 words)"]
    assert [str(p) for p in caught.value.problems] == expected
    assert not (repo / "dist" / "v12" / "quoi-de-neuf-v12.pdf").exists()
    # The carnet's lint judges the same text the same way, at the same line: the two rules
    # never disagree (the lint's errors are the sheet's).
    lint = run_cli("lint", "v12", cwd=repo)
    assert lint.returncode == 1
    assert [ln for ln in lint.stdout.splitlines() if "changelog" in ln and ": error:" in ln] == [
        f"versions/v12/carnet.yaml:{line}:{col}: changelog -> 0 -> change: error: "
        "words.abbreviation: abbreviation « etc. » (fix: write the word in full)",
        f"versions/v12/carnet.yaml:{line}:{col}: changelog -> 0 -> change: error: "
        "sentence.length: 27 words in one sentence (over 20) (fix: easy-to-read sentences "
        "have 10 to 13 words)"]


def test_the_shipped_v11_has_its_sheet(tmp_path: Path) -> None:
    """The README's example, on the shipped content: every changelog entry passes."""
    repo = make_repo(tmp_path)
    for folder in (ROOT / "versions").iterdir():
        shutil.copytree(folder, repo / "versions" / folder.name)
    assert write_sheet(repo, "v11").items == 7


def test_the_crop_grows_to_whole_fields_and_stays_on_the_page() -> None:
    box = _crop_box([Region(50, 100, 10, 4, 40)], 105, 148, [[6, 96, 80, 16]])
    assert box == (3.0, 92.0, 89.0, 116.0)  # the field, 3 mm around, grown to 24 mm high
    assert _crop_box([Region(100, 140, 4, 4, 16)], 105, 148) == (45.0, 124.0, 105.0, 148.0)


def test_more_changes_than_two_pages_hold_is_an_error(tmp_path: Path) -> None:
    entries = "".join(f"  - change: Le changement numéro {n} rend le carnet plus simple à lire.\n"
                      f"    finding: Un constat.\n" for n in range(40))
    text = (DATA / "v12.yaml").read_text(encoding="utf-8")
    head, rest = text.split("changelog:\n")
    repo = repo_with_v12(tmp_path, head + "changelog:\n" + entries + "\npages:\n"
                         + rest.split("\npages:\n")[1])
    with pytest.raises(MonrecapError) as caught:
        write_sheet(repo, "v12")
    assert str(caught.value) == ("« Quoi de neuf » v12: 40 changes need 4 A4 pages; the sheet "
                                 "has 2 at most (shorten the changelog or merge entries)")
