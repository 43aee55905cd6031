"""v11 built with the real command and checked with independent tools (poppler, qpdf,
pdfium), the way a print shop would look at it."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from conftest import ROOT, make_repo, run_cli, write_version

MM = 72 / 25.4


def tool(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def boxes(pdf: Path) -> dict[int, dict[str, tuple[float, ...]]]:
    out: dict[int, dict[str, tuple[float, ...]]] = {}
    for line in tool("pdfinfo", "-box", "-f", "1", "-l", "9999", str(pdf)).splitlines():
        m = re.match(r"Page\s+(\d+)\s+(\w+Box):\s+([\d.\s-]+)$", line)
        if m:
            out.setdefault(int(m.group(1)), {})[m.group(2)] = tuple(
                float(v) for v in m.group(3).split())
    return out


def test_every_font_is_embedded_truetype(v11_build: Path) -> None:
    rows = tool("pdffonts", str(v11_build / "monrecap-v11.pdf")).splitlines()[2:]
    assert len(rows) == 2
    for row in rows:
        name, kind, emb = row.split()[0], row.split()[1], row.split()[-5]
        assert kind == "TrueType" and emb == "yes", row
        assert "Helvetica" not in name and "AtkinsonHyperlegible" in name


def test_boxes_on_every_page(v11_build: Path) -> None:
    pages = boxes(v11_build / "monrecap-v11.pdf")
    assert len(pages) == 32
    w, h, b = 105 * MM, 148 * MM, 3 * MM
    for number, page in pages.items():
        assert page["MediaBox"] == pytest.approx((0, 0, w + 2 * b, h + 2 * b), abs=0.01)
        assert page["BleedBox"] == page["MediaBox"]
        assert page["TrimBox"] == pytest.approx((b, b, b + w, b + h), abs=0.01), number


def test_qpdf_finds_no_error(v11_build: Path) -> None:
    result = subprocess.run(["qpdf", "--check", str(v11_build / "monrecap-v11.pdf")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_page_titles_in_order(v11_build: Path) -> None:
    manifest = json.loads((v11_build / "build.json").read_text())
    text = tool("pdftotext", "-layout", str(v11_build / "monrecap-v11.pdf"), "-")
    pages = text.split("\f")[:-1]
    assert len(pages) == manifest["page_count"] == 32
    for page, entry in zip(pages, manifest["pages"]):
        assert entry["title"].split()[0] in page
        if entry["kind"] not in ("couverture", "dos"):
            assert f"page {entry['number']} sur 32" in page
    kinds = [p["kind"] for p in manifest["pages"]]
    assert kinds[0] == "couverture" and kinds[-1] == "dos"
    assert [(p["id"], p["kind"]) for p in manifest["pages"][-3:]] == [
        ("mots", "glossaire"), ("avis", "avis"), ("dos", "dos")]
    assert "page" not in pages[0] and "page 1 sur" not in pages[-1]


def test_only_cmyk_in_content_streams(v11_build: Path, tmp_path: Path) -> None:
    qdf = tmp_path / "q.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable",
                    str(v11_build / "monrecap-v11.pdf"), str(qdf)], check=True)
    data = qdf.read_bytes()
    assert not re.search(rb"(^|\s)[\d.]+ [\d.]+ [\d.]+ (rg|RG)\s", data)
    assert not re.search(rb"(^|\s)[\d.]+ (g|G)\s", data)
    assert re.search(rb"0 0 0 1 k", data), "black text is 100 % K"
    assert b"/DeviceRGB" not in data


def _dark_pixels_outside_safe_zone(pdf: Path, safe_mm: float, bleed_mm: float,
                                   skip: set[int]) -> list:
    doc = pdfium.PdfDocument(str(pdf))
    scale = 50 / 72
    bad = []
    for index in range(len(doc)):
        if index + 1 in skip:
            continue
        image = doc[index].render(scale=scale, grayscale=True).to_pil()
        w, h = image.size
        px = image.load()
        lo = (bleed_mm + safe_mm) * MM * scale
        for y in range(h):
            for x in range(w):
                if px[x, y] < 110 and not (lo - 1 <= x <= w - lo + 1 and lo - 1 <= y <= h - lo + 1):
                    bad.append((index + 1, x, y))
                    break
    return bad


def test_every_word_lies_inside_the_safe_zone(v11_build: Path) -> None:
    # Word boxes as poppler sees them, in points from the MediaBox's top-left.
    out = tool("pdftotext", "-bbox", str(v11_build / "monrecap-v11.pdf"), "-")
    lo, hi_x, hi_y = (3 + 6) * MM, (3 + 105 - 6) * MM, (3 + 148 - 6) * MM
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                       r'yMax="([\d.]+)">([^<]*)</word>', out)
    assert len(words) > 500
    outside = [(w[4], w[:4]) for w in words
               if float(w[0]) < lo - 0.5 or float(w[1]) < lo - 0.5
               or float(w[2]) > hi_x + 0.5 or float(w[3]) > hi_y + 0.5]
    assert outside == []


def test_marks_stay_inside_the_safe_zone(v11_build: Path) -> None:
    # Rasterised by pdfium: anything dark (text, pictograms, tick boxes, QR code) lies ≥ 6 mm
    # inside the trim; only backgrounds reach the edges (the cover's sponsor band is one).
    assert _dark_pixels_outside_safe_zone(v11_build / "monrecap-v11.pdf", 6, 3, {1}) == []


def test_cover_bands_run_into_the_bleed(v11_build: Path) -> None:
    doc = pdfium.PdfDocument(str(v11_build / "monrecap-v11.pdf"))
    image = doc[0].render(scale=50 / 72).to_pil()
    w, h = image.size
    top, bottom = image.getpixel((1, 1)), image.getpixel((1, h - 2))
    assert top != (255, 255, 255) and bottom != (255, 255, 255) and top != bottom
    assert image.getpixel((w // 2, h // 2 + 40)) == (255, 255, 255)


def test_rebuild_is_byte_identical(v11_build: Path, tmp_path: Path) -> None:
    result = run_cli("build", "v11", "--out", str(tmp_path), "--quiet")
    assert result.returncode == 0, result.stderr
    for name in ("monrecap-v11.pdf", "build.json"):
        assert (tmp_path / "v11" / name).read_bytes() == (v11_build / name).read_bytes()


def test_build_json_describes_the_pdf(v11_build: Path) -> None:
    import hashlib

    manifest = json.loads((v11_build / "build.json").read_text())
    pdf = (v11_build / "monrecap-v11.pdf").read_bytes()
    assert manifest["pdf"]["sha256"] == hashlib.sha256(pdf).hexdigest()
    assert manifest["version"] == "v11" and manifest["layout"]["name"] == "a6-poche"
    assert [f["path"] for f in manifest["fonts"]] == [
        "fonts/atkinson-hyperlegible/AtkinsonHyperlegible-Regular.ttf",
        "fonts/atkinson-hyperlegible/AtkinsonHyperlegible-Bold.ttf"]
    assert {s["path"] for s in manifest["sources"]} >= {"versions/v11/carnet.yaml",
                                                        "layouts/a6-poche.yaml"}
    avis = next(p for p in manifest["pages"] if p["id"] == "avis")
    assert {"phone", "whatsapp", "qr_message"} <= {f["path"] for f in avis["fields"]}
    assert "/work" not in (v11_build / "build.json").read_text()


def test_a5_layout_builds_beside_the_default(v11_a5_build: Path) -> None:
    pdf = v11_a5_build / "monrecap-v11-a5.pdf"
    trim = boxes(pdf)[1]["TrimBox"]
    assert (trim[2] - trim[0], trim[3] - trim[1]) == pytest.approx((148 * MM, 210 * MM),
                                                                   abs=0.01)
    assert json.loads((v11_a5_build / "build-a5.json").read_text())["layout"]["name"] == "a5"
    assert not (v11_a5_build / "monrecap-v11.pdf").exists()


def test_padding_goes_before_the_closing_pages(repo: Path) -> None:
    assert run_cli("build", "v0", "--root", str(repo), "-q").returncode == 0
    manifest = json.loads((repo / "dist/v0/build.json").read_text())
    # 10 pages, padded to 12 with notes pages before the feedback page and the back cover.
    assert [(p["id"], p["title"]) for p in manifest["pages"][-4:]] == [
        ("notes-ajoutees", "Mes notes"), ("notes-ajoutees", "Mes notes"),
        ("avis", "Mon avis"), ("dos", "Mon Récap")]


def test_failed_build_keeps_previous_artifacts(repo: Path) -> None:
    base = (repo / "versions" / "v0" / "carnet.yaml").read_text()
    assert run_cli("build", "v0", "--root", str(repo), "-q").returncode == 0
    out = repo / "dist" / "v0"
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    write_version(repo, "v0", base.replace("slots: 2", "slots: 0"))
    result = run_cli("build", "v0", "--root", str(repo), "-q")
    assert result.returncode == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_unwritable_output_is_a_clear_error(repo: Path) -> None:
    (repo / "dist").write_text("a file where the folder should be")
    result = run_cli("build", "v0", "--root", str(repo), "-q")
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and "cannot write" in result.stderr
    assert "Traceback" not in result.stderr


def test_qr_code_opens_whatsapp_with_the_version(v11_build: Path, tmp_path: Path) -> None:
    manifest = json.loads((v11_build / "build.json").read_text())
    number = next(p["number"] for p in manifest["pages"] if p["id"] == "avis")
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", str(number), "-l", str(number),
                    str(v11_build / "monrecap-v11.pdf"), str(tmp_path / "qr")], check=True)
    png = next(tmp_path.glob("qr*.png"))
    decoded = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True,
                             text=True).stdout.strip()
    assert decoded == ("https://wa.me/33639980011?text=Bonjour%2C%20j%27ai%20le%20carnet%20"
                       "Mon%20R%C3%A9cap%20v11%20et%20je%20voudrais%20dire%20%3A")


@pytest.mark.parametrize("profile", ["atelier-sra3-a6", "bureau-a4"])
def test_imposed_sheets_are_pdfx4_with_their_boxes(v11_build: Path, profile: str) -> None:
    """The sheets are identified while imposed, before their one save: every sheet has its
    TrimBox and BleedBox written out, the output intent and PDF 1.6."""
    import pikepdf

    path = v11_build / f"monrecap-v11-{profile}.pdf"
    assert re.search(r"^PDF version: +1\.6$", tool("pdfinfo", str(path)), re.M)
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.OutputIntents[0].S) == "/GTS_PDFX"
        assert str(pdf.docinfo.Title) == f"Mon Récap v11 {profile}"
        assert len(pdf.pages) == 16
        for page in pdf.pages:
            assert "/TrimBox" in page.obj and list(page.obj.BleedBox) == list(page.MediaBox)
