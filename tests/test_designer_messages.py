"""Messages a designer can act on: padding pages announced and drawn like notes pages, a
carnet too thick for its stapler, `check VERSION --layout`, and commands run from inside a
version's folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from conftest import ROOT, make_repo, run_cli, write_version
from monrecap.impose import plan_imposition, load_profile
from monrecap.units import parse_length

HEAD = ("version: v12\nextends: v11\nreleased: 2027-03-01\nchangelog:\n"
        "  - change: Un changement.\n    finding: Un constat.\n")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = make_repo(tmp_path / "repo")
    shutil.copytree(ROOT / "versions", repo / "versions")
    return repo


def _band(pdf: Path, index: int) -> bytes:
    """The title band of a page (its top 20 mm), as pixels."""
    page = pdfium.PdfDocument(pdf)[index]
    image = page.render(scale=100 / 72).to_pil()
    return image.crop((0, 0, image.width, round(20 / 25.4 * 100))).tobytes()


def test_padding_is_announced_and_drawn_like_notes_pages(repo: Path) -> None:
    write_version(repo, "v12", HEAD + "pages:\n  - id: notes\n    remove: true\n")
    out = repo / "out"
    built = run_cli("build", "v12", "--no-impose", "--out", str(out), "--root", str(repo))
    assert built.returncode == 0, built.stderr
    assert "note: 1 page de notes ajoutée pour arriver à 28 (un multiple de 4)" in \
        built.stderr.splitlines()
    manifest = json.loads((out / "v12/build.json").read_text(encoding="utf-8"))
    padding = [p["number"] for p in manifest["pages"] if p["id"] == "notes-ajoutees"]
    assert padding == [26]
    # v11's own notes page: « Mes notes » and its pencil; the padding page looks the same.
    v11 = run_cli("build", "v11", "--no-impose", "--no-preflight", "--out", str(out), "--root",
                  str(repo), "-q")
    assert v11.returncode == 0, v11.stderr
    notes = next(p["number"] for p in json.loads(
        (out / "v11/build.json").read_text(encoding="utf-8"))["pages"] if p["id"] == "notes")
    assert _band(out / "v12/monrecap-v12.pdf", 25) == _band(out / "v11/monrecap-v11.pdf",
                                                            notes - 1)


def test_one_padding_page_is_said_in_the_singular(repo: Path) -> None:
    from monrecap.pages import Rendered, padding_note
    from monrecap.kit.painter import PageRecord

    pages = [PageRecord(number=n, id="notes-ajoutees" if n == 4 else "x", kind="notes",
                        part=1, title="") for n in range(1, 5)]
    assert padding_note(Rendered(b"", pages)) == \
        "1 page de notes ajoutée pour arriver à 4 (un multiple de 4)"
    assert padding_note(Rendered(b"", pages[:3])) is None


def test_a_carnet_thicker_than_its_stapler_is_a_warning(repo: Path) -> None:
    profile = load_profile(repo, "atelier-sra3-a6")
    assert profile.max_sheets == 16
    mm = parse_length("1mm")
    plan = plan_imposition(68, (105 * mm, 148 * mm), 3 * mm, profile)
    assert plan.warnings == [
        "68 pages make 17 sheets per booklet, over the 16 that profile atelier-sra3-a6 "
        "staples (max_sheets): the carnet would not close flat; lower its page count"]
    assert plan_imposition(64, (105 * mm, 148 * mm), 3 * mm, profile).warnings == []


def test_build_warns_of_a_carnet_too_thick(repo: Path) -> None:
    write_version(repo, "v12", HEAD + "pages:\n  - id: rendez-vous\n    pages: 30\n")
    built = run_cli("build", "v12", "--no-preflight", "--out", str(repo / "out"), "--root",
                    str(repo))
    assert built.returncode == 0, built.stderr
    assert ("warning: bureau-a4: 52 pages make 13 sheets per booklet, over the 10 that "
            "profile bureau-a4 staples (max_sheets): the carnet would not close flat; lower "
            "its page count") in built.stderr.splitlines()


def test_check_takes_the_layout_like_build(repo: Path) -> None:
    missing = run_cli("check", "v11", "--layout", "a5", "--root", str(repo))
    assert missing.returncode == 2
    assert missing.stderr == ("error: v11 on a5 is not built: run `monrecap build v11 "
                              "--layout a5` first\n")
    built = run_cli("build", "v11", "--layout", "a5", "--no-impose", "--root", str(repo), "-q")
    assert built.returncode == 0, built.stderr
    checked = run_cli("check", "v11", "--layout", "a5", cwd=repo)
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.splitlines()[-1] == "dist/v11/monrecap-v11-a5.pdf: no finding"


def test_commands_inside_a_version_folder_take_that_version(repo: Path) -> None:
    write_version(repo, "v12", HEAD)
    folder = repo / "versions" / "v12"
    built = run_cli("build", "--no-impose", "--no-preflight", "-q", cwd=folder)
    assert built.returncode == 0, built.stderr
    assert (repo / "dist/v12/monrecap-v12.pdf").is_file()
    linted = run_cli("lint", cwd=folder)
    assert linted.returncode == 0 and linted.stdout.startswith("v12: ") or \
        linted.stdout.splitlines()[-1].startswith("v12: "), linted.stdout
    elsewhere = run_cli("build", "-q", cwd=repo / "versions")
    assert elsewhere.returncode == 2
    assert elsewhere.stderr == "error: name one version, or --all for every version\n"
