"""Imposition geometry, marks, creep, padding, and the `monrecap impose` command."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader, PdfWriter

from conftest import ROOT, run_cli
from monrecap.errors import ContentError, ImposeError, UsageError
from monrecap.impose import custom_profile, impose_pdf, load_profile, plan_imposition

from .folding import MM, _boxes, numbered_pdf

A6 = (105 * MM, 148 * MM)


def sra3(**extra):
    settings = dict(scheme="saddle", sheet="SRA3", orientation="landscape", copies=4,
                    marks="none")
    return custom_profile(None, **{**settings, **extra})


def test_trims_land_where_the_plan_says() -> None:
    source = numbered_pdf(8)
    imposed = impose_pdf(source, "t.pdf", sra3(), None)
    src_text = pdfium.PdfDocument(source)[0].get_textpage()
    p_src = _boxes(src_text, "P01")[0]
    offset = (p_src[0] - 3 * MM, p_src[1] - 3 * MM)  # from the source trim's corner
    doc = pdfium.PdfDocument(imposed.pdf)
    side = imposed.plan.sheets[0].sides[0]
    text = doc[0].get_textpage()
    hits = sorted(_boxes(text, "P01"))
    planned = sorted((p.rect[0] + offset[0], p.rect[1] + offset[1])
                     for p in side.placements if p.page == 0)
    assert len(hits) == len(planned) == 4
    for hit, want in zip(hits, planned):
        assert abs(hit[0] - want[0]) < 0.01 * MM and abs(hit[1] - want[1]) < 0.01 * MM


def test_sheet_size_and_boxes_of_the_output() -> None:
    imposed = impose_pdf(numbered_pdf(8), "t.pdf", sra3(), None)
    reader = PdfReader(io.BytesIO(imposed.pdf))
    assert len(reader.pages) == 4
    for page in reader.pages:
        assert [round(float(v), 3) for v in page.mediabox] == [0, 0, 1275.591, 907.087]


def test_bleed_kept_outside_and_clipped_at_the_spine() -> None:
    imposed = impose_pdf(numbered_pdf(4), "t.pdf", sra3(), None)
    scale = 100 / 72
    image = pdfium.PdfDocument(imposed.pdf)[0].render(scale=scale, grayscale=True).to_pil()
    place = next(p for p in imposed.plan.sheets[0].sides[0].placements if p.slot == "left")
    x0, y0, x1, y1 = place.rect
    h = image.height

    def at(x, y):
        return image.getpixel((int(x * scale), int(h - y * scale)))

    mid = (y0 + y1) / 2
    assert at(x0 - 2 * MM, mid) < 250      # the grey background runs 3 mm into the bleed
    assert at(x0 - 3.6 * MM, mid) == 255   # and stops there
    assert at(x1 + 2 * MM, mid) < 250      # the right page continues across the spine


def test_marks_lie_outside_every_bleed() -> None:
    source = numbered_pdf(8)
    bare = impose_pdf(source, "t.pdf", sra3(), None)
    from monrecap.resources import toolkit_fonts

    marked = impose_pdf(source, "t.pdf", sra3().model_copy(update={"marks": [
        "crop", "fold", "registration", "colorbar", "slug"]}), toolkit_fonts())
    scale = 50 / 72
    for index in range(2):
        a = pdfium.PdfDocument(bare.pdf)[index].render(scale=scale, grayscale=True).to_pil()
        b = pdfium.PdfDocument(marked.pdf)[index].render(scale=scale, grayscale=True).to_pil()
        side = marked.plan.sheets[0].sides[index]
        bleeds = [(c.rect[0] - 3 * MM, c.rect[1] - 3 * MM, c.rect[2] + 3 * MM, c.rect[3] + 3 * MM)
                  for c in side.cells]
        changed = 0
        for y in range(a.height):
            for x in range(a.width):
                if a.getpixel((x, y)) != b.getpixel((x, y)):
                    changed += 1
                    px, py = x / scale, (a.height - y) / scale
                    assert not any(r[0] + 1 < px < r[2] - 1 and r[1] + 1 < py < r[3] - 1
                                   for r in bleeds), (index, px, py)
        assert changed > 200  # the marks are there


def test_creep_moves_inner_folios_towards_the_spine() -> None:
    plain = plan_imposition(32, A6, 3 * MM, sra3())
    crept = plan_imposition(32, A6, 3 * MM, sra3(creep="100um"))
    assert crept.sheet == plain.sheet
    for s, (a, b) in enumerate(zip(plain.sheets, crept.sheets)):
        for pa, pb in zip(a.sides[0].placements, b.sides[0].placements):
            shift = (pb.rect[0] - pa.rect[0]) / MM
            expected = s * 0.1 if pa.slot == "left" else -s * 0.1
            assert shift == pytest.approx(expected, abs=1e-6)
            assert pb.clip == pa.clip  # the cell does not move or grow
    assert crept.warnings == []
    deep = plan_imposition(48, A6, 3 * MM, sra3(creep="100um"))
    assert deep.warnings == ["creep moves the innermost pages 1.10 mm towards the spine: "
                             "4.90 mm remain of the 6 mm safe margin there (under 5 mm)"]


#: Where the four cells of an SRA3 sheet of A6 spreads start (mm, trim corner), recto and
#: verso (the verso turned over about the long edge: the cells of a row swap places).
CELLS = {"recto": [(12, 163), (228, 163), (12, 9), (228, 9)],
         "verso": [(228, 163), (12, 163), (228, 9), (12, 9)]}


def test_page_counts_are_padded_with_a_warning() -> None:
    """6 pages are an 8-page booklet whose pages 7 and 8 are blank: every placement of
    the plan, then the sheets themselves (each page's marker where its placement says)."""
    plan = plan_imposition(6, A6, 3 * MM, sra3())
    assert plan.warnings == ["6 pages is not a multiple of 4: 2 blank pages added at the end"]
    assert (plan.pages, plan.padded) == (8, 2)
    # (sheet, side): the (left, right) pages of every cell's spread, 1-based, None blank
    spreads = {(1, "recto"): (None, 1), (1, "verso"): (2, None),
               (2, "recto"): (6, 3), (2, "verso"): (4, 5)}
    expected = [(sheet, side, cell, slot, page, 0, (x + dx, y, x + dx + 105, y + 148))
                for (sheet, side), pages in spreads.items()
                for cell, (x, y) in enumerate(CELLS[side])
                for slot, page, dx in (("left", pages[0], 0), ("right", pages[1], 105))]
    assert [(sheet.number, side.name, p.cell, p.slot, None if p.page is None else p.page + 1,
             p.rotation, tuple(round(v / MM, 6) for v in p.rect))
            for sheet in plan.sheets for side in sheet.sides for p in side.placements] == expected
    source = numbered_pdf(6)
    marker = _boxes(pdfium.PdfDocument(source)[0].get_textpage(), "P01")[0]
    offset = ((marker[0] - 3 * MM) / MM, (marker[1] - 3 * MM) / MM)  # from the trim corner
    doc = pdfium.PdfDocument(impose_pdf(source, "t.pdf", sra3(), None).pdf)
    assert len(doc) == 4
    for index, ((sheet, side), pages) in enumerate(spreads.items()):  # to the mm: glyphs differ
        text = doc[index].get_textpage()
        found = sorted((n, round(box[0] / MM - offset[0]), round(box[1] / MM - offset[1]))
                       for n in range(1, 9) for box in _boxes(text, f"P{n:02d}"))
        assert found == sorted((page, x + dx, y) for x, y in CELLS[side]
                               for page, dx in zip(pages, (0, 105)) if page), (sheet, side)


def test_a_sheet_too_small_is_refused_not_scaled() -> None:
    with pytest.raises(UsageError, match=r"does not fit on a 148 × 210 mm sheet; pages are "
                                         r"never scaled"):
        plan_imposition(8, A6, 3 * MM, custom_profile(None, sheet="A5", marks="none"))
    with pytest.raises(UsageError, match="9 copies per side do not fit"):
        plan_imposition(8, A6, 3 * MM, sra3(copies=9))


def test_shipped_profiles() -> None:
    office = load_profile(ROOT, "bureau-a4")
    plan = plan_imposition(32, A6, 3 * MM, office)
    cells = plan.sheets[0].sides[0].cells
    assert len(cells) == 1 and cells[0].rotation == 90
    x0, y0, x1, y1 = cells[0].rect
    margin = 5 * MM
    assert x0 >= margin and y0 >= margin and x1 <= 210 * MM - margin and y1 <= 297 * MM - margin
    shop = plan_imposition(32, A6, 3 * MM, load_profile(ROOT, "atelier-sra3-a6"))
    assert len(shop.sheets) == 8 and len(shop.sheets[0].sides[0].cells) == 4
    a5 = plan_imposition(32, (148 * MM, 210 * MM), 3 * MM, load_profile(ROOT, "atelier-sra4-a5"))
    assert a5.sheet == pytest.approx((320 * MM, 225 * MM))


def test_a_repositorys_profile_comes_before_the_shipped_one(tmp_path: Path) -> None:
    """layouts/print/ may change a shipped profile (same name) or add one; errors in the
    repository's copy point at it; build.json records the copy the build used."""
    from monrecap.resources import DATA

    folder = tmp_path / "layouts" / "print"
    folder.mkdir(parents=True)
    shipped = (DATA / "layouts" / "print" / "bureau-a4.yaml").read_text(encoding="utf-8")
    (folder / "bureau-a4.yaml").write_text(shipped.replace("copies: 1", "copies: 2"),
                                           encoding="utf-8")
    (folder / "risographe-a3.yaml").write_text(
        "name: risographe-a3\nsheet: A3\nscheme: saddle\nmarks: [crop]\n", encoding="utf-8")
    assert load_profile(tmp_path, "bureau-a4").copies == 2
    assert load_profile(ROOT, "bureau-a4").copies == 1  # this repository has no copy
    assert load_profile(tmp_path, "risographe-a3").sheet == pytest.approx((297 * MM, 420 * MM))
    with pytest.raises(ContentError) as bad:
        load_profile(tmp_path, "risographe")
    assert str(bad.value.problems[0]) == (
        "unknown print profile 'risographe' (did you mean 'risographe-a3'?); known profiles: "
        "atelier-sra3-a6, atelier-sra4-a5, bureau-a4, risographe-a3")
    (folder / "atelier-sra3-a6.yaml").write_text("name: atelier-sra3-a6\nsheet: SRA9\n",
                                                 encoding="utf-8")
    with pytest.raises(ContentError) as bad:
        load_profile(tmp_path, "atelier-sra3-a6")
    assert str(bad.value.problems[0]).startswith("layouts/print/atelier-sra3-a6.yaml:2:8: ")


def test_build_json_records_the_profile_it_used(repo: Path, tmp_path: Path) -> None:
    carnet = repo / "versions" / "v0" / "carnet.yaml"
    carnet.write_text(carnet.read_text(encoding="utf-8") + "print: [bureau-a4]\n",
                      encoding="utf-8")
    out = tmp_path / "dist"
    assert run_cli("build", "v0", "--root", str(repo), "--out", str(out), "-q").returncode == 0
    from monrecap.files import sha256
    from monrecap.resources import DATA

    def recorded() -> dict:
        manifest = json.loads((out / "v0" / "build.json").read_text(encoding="utf-8"))
        return {s["path"]: s["sha256"] for s in manifest["sources"]}

    shipped = (DATA / "layouts" / "print" / "bureau-a4.yaml").read_bytes()
    assert recorded()["layouts/print/bureau-a4.yaml"] == sha256(shipped)
    own = repo / "layouts" / "print" / "bureau-a4.yaml"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_bytes(shipped.replace("Papier de bureau 80 g/m²".encode(),
                                    "Papier recyclé 90 g/m²".encode()))
    assert own.read_bytes() != shipped
    assert run_cli("build", "v0", "--root", str(repo), "--out", str(out), "-q").returncode == 0
    assert recorded()["layouts/print/bureau-a4.yaml"] == sha256(own.read_bytes())


def test_a_profile_that_cannot_be_met_points_at_its_line(repo: Path, tmp_path: Path) -> None:
    from monrecap.resources import DATA

    carnet = repo / "versions" / "v0" / "carnet.yaml"
    carnet.write_text(carnet.read_text(encoding="utf-8") + "print: [bureau-a4]\n",
                      encoding="utf-8")
    own = repo / "layouts" / "print" / "bureau-a4.yaml"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text((DATA / "layouts" / "print" / "bureau-a4.yaml").read_text(encoding="utf-8")
                   .replace("copies: 1", "copies: 2"), encoding="utf-8")
    line = own.read_text(encoding="utf-8").splitlines().index("copies: 2") + 1
    result = run_cli("build", "v0", "--root", str(repo), "--out", str(tmp_path / "dist"), "-q")
    assert result.returncode == 2
    assert result.stderr == (f"error: layouts/print/bureau-a4.yaml:{line}:9: copies: 2 copies "
                             "per side do not fit on a 210 × 297 mm sheet (at most 1); pages "
                             "are never scaled\n")
    assert not (tmp_path / "dist").exists()
    # The same setting given as a flag has no file to point at.
    src = _write(tmp_path, "in.pdf", numbered_pdf(4))
    flags = run_cli("impose", str(src), "--sheet", "A4", "--copies", "3", "-o",
                    str(tmp_path / "o.pdf"))
    assert flags.returncode == 2 and flags.stderr.startswith("error: 3 copies per side do not")


def test_a_shipped_profile_that_cannot_be_met_says_how_to_change_it(tmp_path: Path) -> None:
    """A5 pages on the workshop's A6 profile: its 4 copies per SRA3 side do not fit. The
    shipped file is named as the repository would name it; a flag over it is its own cause."""
    src = _write(tmp_path, "a5.pdf", numbered_pdf(8, (148 * MM, 210 * MM)))
    out = str(tmp_path / "o.pdf")
    result = run_cli("impose", str(src), "--profile", "atelier-sra3-a6", "-o", out,
                     cwd=tmp_path)
    from monrecap.resources import DATA

    shipped = (DATA / "layouts" / "print" / "atelier-sra3-a6.yaml").resolve()
    assert result.returncode == 2
    assert result.stderr == (
        "error: layouts/print/atelier-sra3-a6.yaml:8:9: copies: 4 copies per side do not fit "
        "on a 320 × 450 mm sheet (at most 2); pages are never scaled (a profile shipped with "
        f"monrecap, {shipped}: copy it into the repository's layouts/print/ to change it)\n")
    marks = run_cli("impose", str(src), "--profile", "atelier-sra3-a6", "--marks", "crop",
                    "-o", out, cwd=tmp_path)  # another flag: the 4 still comes from the file
    assert marks.stderr.startswith("error: layouts/print/atelier-sra3-a6.yaml:8:9: copies: 4 ")
    flagged = run_cli("impose", str(src), "--profile", "atelier-sra3-a6", "--copies", "3",
                      "-o", out, cwd=tmp_path)
    assert flagged.stderr == ("error: 3 copies per side do not fit on a 320 × 450 mm sheet "
                              "(at most 2); pages are never scaled\n")
    assert not (tmp_path / "o.pdf").exists()


# --- the command ------------------------------------------------------------------------

def _write(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path


def test_impose_command_with_flags_and_map(tmp_path: Path) -> None:
    src = _write(tmp_path, "carnet.pdf", numbered_pdf(8))
    result = run_cli("impose", str(src), "--scheme", "saddle", "--sheet", "SRA3",
                     "--orientation", "landscape", "--copies", "4", "--marks", "crop,fold",
                     "--duplex", "long-edge", "--creep", "100um", "--map",
                     "--map-json", str(tmp_path / "plan.json"),
                     "--preview", str(tmp_path / "plan.png"), env={"COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    imposed = pdfium.PdfDocument(tmp_path / "carnet-saddle.pdf")
    assert [tuple(round(v / MM) for v in imposed[i].get_size()) for i in range(len(imposed))] \
        == [(450, 320)] * 4  # 2 sheets of SRA3, recto and verso
    lines = result.stdout.splitlines()  # piped: one placement a line, no box drawing
    assert lines[1].split() == ["sheet", "side", "cell", "slot", "page", "rotation", "trim",
                                "at", "(mm)", "creep", "(mm)"]
    assert ["1", "recto", "1", "right", "1", "0°"] in [line.split()[:6] for line in lines[2:]]
    plan = json.loads((tmp_path / "plan.json").read_text())
    assert plan["sheets"] == 2 and plan["duplex"] == "long-edge"
    rows = [(r["sheet"], r["side"], r["slot"], r["page"]) for r in plan["placements"]
            if r["cell"] == 1]
    assert rows == [(1, "recto", "left", 8), (1, "recto", "right", 1),
                    (1, "verso", "left", 2), (1, "verso", "right", 7),
                    (2, "recto", "left", 6), (2, "recto", "right", 3),
                    (2, "verso", "left", 4), (2, "verso", "right", 5)]
    # The preview: sheet 1's recto and verso side by side, every page a light blue box
    # (a blank one would be grey), placed as the plan says.
    from PIL import Image

    picture = Image.open(tmp_path / "plan.png").convert("RGB")
    width, height = int(1275.5906 * 0.6), int(907.0866 * 0.6)
    assert picture.size == (2 * width + 20, height + 24)
    for r in plan["placements"]:
        if r["sheet"] == 1:
            x0, y0, x1, y1 = (v * 72 / 25.4 * 0.6 for v in r["trim_mm"])
            left = (0 if r["side"] == "recto" else width + 20) + x0 + (x1 - x0) / 4
            assert picture.getpixel((int(left), int(24 + height - y1 + (y1 - y0) / 4))) == \
                (227, 242, 253), r


@pytest.mark.parametrize("kind", ["encrypted", "damaged", "empty", "mixed"])
def test_bad_input_is_a_clear_error(tmp_path: Path, kind: str) -> None:
    if kind == "encrypted":
        writer = PdfWriter(clone_from=io.BytesIO(numbered_pdf(4)))
        writer.encrypt("secret")
        buffer = io.BytesIO()
        writer.write(buffer)
        data, expected = buffer.getvalue(), ("encrypted: it needs a password to open; ask "
                                             "the sender for an unprotected copy")
    elif kind == "damaged":
        data, expected = b"%PDF-1.4\nthis is not a pdf", \
            "not a readable PDF (it is damaged beyond repair); export it again from the " \
            "program that made it, or ask the sender for a new copy"
    elif kind == "empty":
        writer = PdfWriter()
        buffer = io.BytesIO()
        writer.write(buffer)
        data, expected = buffer.getvalue(), "the PDF has no pages"
    else:
        writer = PdfWriter(clone_from=io.BytesIO(numbered_pdf(3)))
        writer.append(io.BytesIO(numbered_pdf(1, size=(148 * MM, 210 * MM))))
        buffer = io.BytesIO()
        writer.write(buffer)
        data = buffer.getvalue()
        expected = ("mixed page sizes (105.0 × 148.0 mm on pages 1–3; 148.0 × 210.0 mm on "
                    "page 4); every page must have the same trim size")
    src = _write(tmp_path, "in.pdf", data)
    result = run_cli("impose", str(src), "--profile", "atelier-sra3-a6", "-o",
                     str(tmp_path / "out.pdf"))
    assert result.returncode == 2
    assert result.stderr == f"error: in.pdf: {expected}\n"
    assert not (tmp_path / "out.pdf").exists()


def test_impose_needs_a_profile_or_a_sheet(tmp_path: Path) -> None:
    src = _write(tmp_path, "in.pdf", numbered_pdf(4))
    result = run_cli("impose", str(src))
    assert result.returncode == 2
    assert result.stderr == "error: name a print profile (--profile) or at least a sheet " \
                            "(--sheet)\n"
    bad = run_cli("impose", str(src), "--profile", "atelier-sra3", "-o", str(tmp_path / "o.pdf"))
    assert bad.stderr == ("error: unknown print profile 'atelier-sra3' (did you mean "
                          "'atelier-sra3-a6'?); known profiles: atelier-sra3-a6, "
                          "atelier-sra4-a5, bureau-a4\n")


def test_build_writes_the_versions_print_profiles(v11_build: Path) -> None:
    manifest = json.loads((v11_build / "build.json").read_text())
    assert [(i["profile"], i["file"], i["sheets"]) for i in manifest["imposed"]] == [
        ("atelier-sra3-a6", "monrecap-v11-atelier-sra3-a6.pdf", 8),
        ("bureau-a4", "monrecap-v11-bureau-a4.pdf", 8)]
    for entry in manifest["imposed"]:
        pdf = PdfReader(v11_build / entry["file"])
        assert len(pdf.pages) == 16


def test_marks_and_slug_font_are_written_once() -> None:
    """Every side places the same marks form and the one embedded slug font; only the slug
    text differs, and it reads back exactly."""
    import pikepdf

    from monrecap.impose import JobInfo
    from monrecap.impose.command import _default_fonts

    imposed = impose_pdf(numbered_pdf(16), "t.pdf", sra3(copies=1, marks="all"),
                         _default_fonts(), JobInfo(product="Carnet", version="v1"))
    pdf = pikepdf.open(io.BytesIO(imposed.pdf))
    marks = {page.Resources.XObject.M1.objgen for page in pdf.pages}
    fonts = {page.Resources.Font.F1.objgen for page in pdf.pages}
    assert len(pdf.pages) == 8 and len(marks) == 1 and len(fonts) == 1
    font = pdf.pages[0].Resources.Font.F1
    descriptor = font.DescendantFonts[0].FontDescriptor
    assert (font.Subtype, font.BaseFont) == ("/Type0", "/AtkinsonHyperlegible-Regular")
    assert len(descriptor.FontFile2.read_bytes()) == 54348  # the whole font, embedded
    doc = pdfium.PdfDocument(imposed.pdf)
    slugs = [line for page in doc for line in
             page.get_textpage().get_text_range().splitlines() if "feuille" in line]
    assert slugs == [f"Carnet · v1 · saddle short-edge · feuille {n}/4 · {side}"
                     for n in (1, 2, 3, 4) for side in ("recto", "verso")]


def test_pages_sharing_one_content_stream_are_both_placed() -> None:
    """The sheets turn each page's content stream into its form in place; a stream shared by
    two pages (and a page with several streams) must still show on both."""
    import pikepdf

    src = pikepdf.open(io.BytesIO(numbered_pdf(4)))
    src.pages[3].obj.Contents = src.pages[0].obj.Contents  # page 4 draws what page 1 draws
    src.pages[1].obj.Contents = pikepdf.Array([src.pages[1].obj.Contents,
                                               src.make_stream(b"")])
    buffer = io.BytesIO()
    src.save(buffer)
    imposed = impose_pdf(buffer.getvalue(), "t.pdf", sra3(copies=1), None)
    doc = pdfium.PdfDocument(imposed.pdf)
    recto, verso = (doc[i].get_textpage().get_text_range() for i in range(2))
    assert recto.count("P01") == 2 and "P04" not in recto  # pages 4 and 1 on the recto
    assert "P02" in verso and "P03" in verso


@pytest.mark.parametrize("edition", ["a6", "a5"])
def test_the_slug_line_keeps_clear_of_the_crop_marks(v11_build: Path, v11_a5_build: Path,
                                                     edition: str) -> None:
    """The slug line's words (read by poppler) cross none of the crop marks drawn in the
    sheet's marks form: they used to start on the bottom-left mark."""
    import re
    import subprocess

    import pikepdf

    sheet = v11_build / "monrecap-v11-atelier-sra3-a6.pdf" if edition == "a6" else \
        v11_a5_build / "monrecap-v11-a5-atelier-sra4-a5.pdf"
    with pikepdf.open(sheet) as pdf:
        height = float(pdf.pages[0].MediaBox[3])
        marks = [x for n, x in pdf.pages[0].Resources.XObject.items() if n.startswith("/M")]
        verticals = []
        for operands, op in pikepdf.parse_content_stream(marks[0]):
            if str(op) == "m":
                start = [float(v) for v in operands]
            elif str(op) == "l":
                end = [float(v) for v in operands]
                if abs(end[0] - start[0]) < 0.01:
                    verticals.append((end[0], min(start[1], end[1]), max(start[1], end[1])))
        assert len(verticals) >= 4
    text = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(sheet), "-"],
                          capture_output=True, text=True, check=True).stdout
    words = [tuple(float(v) for v in m.groups()) for m in re.finditer(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">[^<]*(?:feuille|·|'
        r'saddle|recto|verso|Mon|Récap|v11)', text)]
    slug = [(x0, height - y1, x1, height - y0) for x0, y0, x1, y1 in words if y1 > height - 30]
    assert len(slug) >= 5
    for x, y0, y1 in verticals:
        for bx0, by0, bx1, by1 in slug:
            assert not (bx0 - 0.5 <= x <= bx1 + 0.5 and y0 < by1 and by0 < y1), (x, slug)
