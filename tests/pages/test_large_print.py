"""The A5 large-print edition (« gros caractères »): every text at 18 pt or more but the page
numbers and legal lines, key numbers at 28 pt, the same sections in the same order as the
pocket carnet, the layout choosing how many boxes a page holds, and pages filled to the
bottom. Sizes are read by Ghostscript (txtwrite), positions by poppler, pixels by pdftoppm:
not by the code that drew them."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from monrecap.pages import PADDING_ID
from monrecap.kit.frame import Frame, stack
from tests.conftest import make_repo, run_cli

BASE = Path(__file__).resolve().parent.parent / "data" / "base.yaml"
PHONE = re.compile(r"^0\d( \d\d){4}$")
MM = 72 / 25.4


def spans(pdf: Path) -> list[tuple[int, float, str]]:
    """(page, size, text) of every text run, as Ghostscript's txtwrite sees them."""
    xml = subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=txtwrite",
                          "-dTextFormat=0", "-o", "-", str(pdf)],
                         check=True, capture_output=True, text=True, errors="replace").stdout
    out = []
    for number, page in enumerate(xml.split("<page>")[1:], start=1):
        for size, body in re.findall(r'<span bbox="[^"]*" font="[^"]*" size="([\d.]+)">(.*?)'
                                     r'</span>', page, re.S):
            text = "".join(re.findall(r'c="([^"]*)"', body)).strip()
            out.append((number, float(size), text))
    return out


def manifest(folder: Path, name: str) -> list[dict]:
    return json.loads((folder / name).read_text(encoding="utf-8"))["pages"]


def test_running_text_is_18_pt_and_phone_numbers_28_pt(v11_a5_build: Path) -> None:
    found = [(page, size, text) for page, size, text in
             spans(v11_a5_build / "monrecap-v11-a5.pdf")
             if not re.fullmatch(r"page \d+ sur \d+", text)]  # page numbers: 12 pt
    last = max(page for page, _, _ in found)
    small = [(page, text) for page, size, text in found if size < 18]
    # Under 18 pt: only the owner's hint on the cover (« Mon prénom ») and the back cover's
    # legal lines and print-lot box.
    assert [page for page, _ in small] == [1] + [last] * 6
    assert small[0][1].startswith("Mon pr")
    assert min(size for page, size, _ in found if page not in (1, last)) == 18.0
    phones = [(size, text) for _, size, text in found if PHONE.match(text)]
    assert phones == [(28.0, "01 99 00 42 42"), (28.0, "06 39 98 00 11")]


def test_same_sections_in_the_same_order_as_the_pocket_carnet(v11_build: Path,
                                                              v11_a5_build: Path) -> None:
    def sections(pages: list[dict]) -> list[str]:
        ids = [p["id"] for p in pages if p["id"] != PADDING_ID]
        return [i for n, i in enumerate(ids) if n == 0 or ids[n - 1] != i]

    a6, a5 = manifest(v11_build, "build.json"), manifest(v11_a5_build, "build-a5.json")
    assert sections(a5) == sections(a6)
    # Eight contact cards: four pages of two on A6, three pages of three on A5, and one notes
    # page more to make the booklet a multiple of 4.
    assert [len(x) for x in (a6, a5)] == [32, 32]
    for page_id in ("rendez-vous", "actions", "notes"):  # the version sets these page counts
        assert sum(p["id"] == page_id for p in a5) == sum(p["id"] == page_id for p in a6)


def _count(pdf: Path, page: int, word: str) -> int:
    text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout
    return text.count(word)


def test_the_layout_chooses_how_many_boxes_a_page_holds(v11_build: Path,
                                                        v11_a5_build: Path) -> None:
    a6_pdf, a5_pdf = v11_build / "monrecap-v11.pdf", v11_a5_build / "monrecap-v11-a5.pdf"
    a6_page = next(p["number"] for p in manifest(v11_build, "build.json")
                   if p["kind"] == "actions")
    a5_page = next(p["number"] for p in manifest(v11_a5_build, "build-a5.json")
                   if p["kind"] == "actions")
    # v11 asks for two action rows a page; the large-print layout fits three.
    assert _count(a6_pdf, a6_page, "Ce que je dois faire") == 2
    assert _count(a5_pdf, a5_page, "Ce que je dois faire") == 3


def test_a_version_asking_for_fewer_boxes_still_gets_full_pages(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"v0": BASE.read_text(encoding="utf-8")})  # rows: 1
    result = run_cli("build", "v0", "--layout", "a5", "--root", str(repo), "-q",
                     "--no-impose")
    assert result.returncode == 0, result.stderr
    pdf = repo / "dist" / "v0" / "monrecap-v0-a5.pdf"
    page = next(p["number"] for p in manifest(pdf.parent, "build-a5.json")
                if p["kind"] == "actions")
    assert _count(pdf, page, "Ce que je dois faire") == 3


def _lowest_ink_above_page_number(pdf: Path, page: int, tmp: Path) -> float:
    """Millimetres between the lowest drawing above the page number and the number's top."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf),
                           "-"], check=True, capture_output=True, text=True).stdout
    number_top = min(float(y) for y, w in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" '
                                                     r'yMax="[\d.]+">([^<]*)<', html)
                     if w == "page")  # points from the media box's top
    subprocess.run(["pdftoppm", "-r", "72", "-gray", "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(tmp / "p")], check=True)
    image = Image.open(tmp / "p.pgm")
    row = int(number_top) - 2
    while row > 0 and image.crop((0, row, image.width, row + 1)).getextrema()[0] > 200:
        row -= 1
    return (number_top - row) / MM


def test_box_pages_are_filled_to_the_bottom(v11_build: Path, v11_a5_build: Path,
                                            tmp_path: Path) -> None:
    pdf = v11_a5_build / "monrecap-v11-a5.pdf"
    pages = manifest(v11_a5_build, "build-a5.json")
    boxed = [p["number"] for p in pages if p["kind"] in ("rendez-vous", "actions")
             or (p["kind"] == "contacts" and p["part"] < 3)]  # the last holds 2 cards of 3
    gaps = {n: round(_lowest_ink_above_page_number(pdf, n, tmp_path), 1) for n in boxed}
    assert len(boxed) == 12 + 4 + 2
    assert max(gaps.values()) < 5, gaps  # the last box ends just above the page number
    # The pocket layout keeps the version's amounts: its last action box ends higher up.
    a6_actions = next(p["number"] for p in manifest(v11_build, "build.json")
                      if p["kind"] == "actions")
    assert _lowest_ink_above_page_number(v11_build / "monrecap-v11.pdf", a6_actions,
                                         tmp_path) > 10


def test_stack_fills_a_frame_or_keeps_the_version_amount() -> None:
    frame = Frame(x=0, top=500, width=300, bottom=0)
    filled = stack(frame, natural=150, gap=10, wanted=None)
    assert (filled.count, filled.room) == (3, 3)
    assert filled.count * filled.height + 2 * 10 == pytest.approx(500)
    kept = stack(frame, natural=150, gap=10, wanted=2)
    assert (kept.count, kept.height, kept.extra, kept.room) == (2, 150, 0.0, 3)
    assert stack(frame, natural=600, gap=10, wanted=None).count == 0


def test_the_lint_knows_the_editions_minimum_body_size(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"v0": BASE.read_text(encoding="utf-8")})
    layout = repo / "layouts" / "a5.yaml"
    layout.write_text(layout.read_text(encoding="utf-8").replace(
        "  body: 18           # gros", "  body: 16           # gros"), encoding="utf-8")
    result = run_cli("lint", "v0", "--layout", "a5", "--root", str(repo))
    assert result.returncode == 1, result.stderr
    assert [line for line in result.stdout.splitlines() if "layout.type-size" in line] == [
        "layouts/a5.yaml:22:9: type -> body: error: layout.type-size: body text at 16 pt in "
        "layout 'a5', under the 18 pt minimum of the « gros caractères » edition "
        "(fix: set type.body to 18 or more)"]
    # The same version on its own pocket layout: the easy-to-read minimums, met.
    own = run_cli("lint", "v0", "--root", str(repo), "--json")
    assert "layout.type-size" not in own.stdout


def test_the_large_print_layout_passes_its_own_lint() -> None:
    result = run_cli("lint", "v11", "--layout", "a5", "--json")
    assert result.returncode == 0, result.stdout
    assert "layout.type-size" not in result.stdout


def test_the_large_print_edition_comes_imposed_for_the_workshop(v11_a5_build: Path) -> None:
    """The a5 layout names its print profile: `build --layout a5` writes the saddle-stitched
    SRA4 sheets beside the page PDF (the outer sheet's back: page 2, then page 31)."""
    imposed = json.loads((v11_a5_build / "build-a5.json").read_text())["imposed"]
    assert [(i["profile"], i["sheets"], i["file"]) for i in imposed] == [
        ("atelier-sra4-a5", 8, "monrecap-v11-a5-atelier-sra4-a5.pdf")]
    back = subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", "2",
                           str(v11_a5_build / imposed[0]["file"]), "-"],
                          check=True, capture_output=True, text=True).stdout
    numbers = re.findall(r"page (\d+) sur 32", back)
    assert numbers == ["2", "31"]


def test_a_box_taller_than_the_page_is_an_error_naming_the_layout(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"v0": BASE.read_text(encoding="utf-8")})
    layout = repo / "layouts" / "a5.yaml"
    layout.write_text(layout.read_text(encoding="utf-8").replace(
        "  body: 18           # gros", "  body: 60           # gros"), encoding="utf-8")
    result = run_cli("build", "v0", "--layout", "a5", "--root", str(repo), "-q")
    assert result.returncode == 2
    assert any(re.fullmatch(r"error: versions/v0/carnet\.yaml:\d+:\d+: pages -> 2 -> slots: one "
                            r"appointment slot needs \d+ pt, a page of the a5 layout has \d+ pt "
                            r"\(v0, page 'rendez-vous'\)", line)
               for line in result.stderr.splitlines()), result.stderr
    assert not (repo / "dist").exists()
