"""One small PDF per rule that breaks it, each caught with the right rule id and page — and
independent tools (poppler, Ghostscript) agree."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from conftest import ROOT, repo, run_cli  # noqa: F401 (fixture)
from monrecap.preflight import Context, run_preflight
from monrecap.preflight.pdfx import mark_pdfx4

MM = 72 / 25.4
W, H, B = 105 * MM, 148 * MM, 3 * MM
FONT = ROOT / "src/monrecap/data/fonts/atkinson-hyperlegible/AtkinsonHyperlegible-Regular.ttf"


def make_pdf(draw=None, pages: int = 4, bleed: float = B, mark: bool = True,
             sizes: list | None = None) -> bytes:
    """A clean 4-page A6 file (CMYK, embedded font, bleed, PDF/X-4); ``draw(canvas, page)``
    adds the one fault under test."""
    if "PreflightSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("PreflightSans", str(FONT)))
    buffer = io.BytesIO()
    c = Canvas(buffer, invariant=1, initialFontName="PreflightSans")
    for n in range(1, pages + 1):
        w, h = (sizes[n - 1] if sizes else (W, H))
        c.setPageSize((w + 2 * bleed, h + 2 * bleed))
        c.setTrimBox((bleed, bleed, bleed + w, bleed + h))
        c.setBleedBox((0, 0, w + 2 * bleed, h + 2 * bleed))
        c.setFillColorCMYK(0.1, 0, 0.05, 0)
        c.rect(0, 0, w + 2 * bleed, h + 2 * bleed, stroke=0, fill=1)
        c.saveState()
        c.setFillOverprint(True)  # black text on a tint overprints
        c.setOverprintMask(1)
        c.setFillColorCMYK(0, 0, 0, 1)
        c.setFont("PreflightSans", 14)
        c.drawString(bleed + 20, bleed + h - 40, f"Page {n}")
        c.restoreState()
        if draw:
            c.saveState()
            draw(c, n)
            c.restoreState()
        c.showPage()
    c.save()
    data = buffer.getvalue()
    return mark_pdfx4(data, "Test", dt.date(2026, 1, 1)) if mark else data


def rules(data: bytes, **ctx) -> set[tuple[str, int | None]]:
    report = run_preflight(data, Context(**ctx))
    return {(f.rule, f.page) for f in report.findings}


def on_page(n, fault):
    return lambda c, page: fault(c) if page == n else None


def image(mode: str, px: int) -> ImageReader:
    colour = (200, 30, 30) if mode == "RGB" else (0, 200, 200, 30)
    return ImageReader(Image.new(mode, (px, px), colour))


def test_clean_file_has_no_finding() -> None:
    assert rules(make_pdf()) == set()


def test_rgb_image() -> None:
    data = make_pdf(on_page(2, lambda c: c.drawImage(image("RGB", 400), B + 20, B + 20,
                                                     width=72, height=72)))
    assert rules(data) == {("colour.rgb", 2)}


def test_rgb_vector_colour() -> None:
    data = make_pdf(on_page(3, lambda c: (c.setFillColorRGB(1, 0, 0),
                                          c.rect(B + 30, B + 30, 50, 50, fill=1, stroke=0))))
    assert rules(data) == {("colour.rgb", 3)}


def test_unembedded_standard_font(tmp_path: Path) -> None:
    data = make_pdf(on_page(1, lambda c: (c.setFont("Helvetica", 14),
                                          c.drawString(B + 20, B + 60, "Helvetica"))))
    found = run_preflight(data, Context()).findings
    assert {(f.rule, f.page) for f in found} == {("fonts.embedded", 1)}
    assert "Helvetica is not embedded (a standard-14 font)" in found[0].message
    (tmp_path / "f.pdf").write_bytes(data)
    out = subprocess.run(["pdffonts", str(tmp_path / "f.pdf")], capture_output=True,
                         text=True).stdout
    assert re.search(r"^Helvetica\s.*\bno\b", out, re.M)  # poppler agrees


def test_tiny_text() -> None:
    data = make_pdf(on_page(4, lambda c: (c.setFont("PreflightSans", 4),
                                          c.drawString(B + 20, B + 60, "4 pt"))))
    assert rules(data) == {("text.min-size", 4)}


def test_scaled_text_counts_at_its_printed_size() -> None:
    data = make_pdf(on_page(2, lambda c: (c.scale(0.25, 0.25), c.setFont("PreflightSans", 20),
                                          c.drawString((B + 20) * 4, (B + 60) * 4, "5 pt"))))
    assert rules(data) == {("text.min-size", 2)}


def test_hairline() -> None:
    data = make_pdf(on_page(1, lambda c: (c.setLineWidth(0.1),
                                          c.line(B + 20, B + 80, B + 120, B + 80))))
    assert rules(data) == {("lines.min-weight", 1)}


def test_missing_bleed(tmp_path: Path) -> None:
    data = make_pdf(bleed=0)
    assert rules(data) == {("boxes.bleed", n) for n in range(1, 5)}
    (tmp_path / "b.pdf").write_bytes(data)
    out = subprocess.run(["pdfinfo", "-box", "-f", "1", "-l", "1", str(tmp_path / "b.pdf")],
                         capture_output=True, text=True).stdout
    media = re.search(r"Page\s+1 MediaBox:\s+(.*)", out).group(1)
    trim = re.search(r"Page\s+1 TrimBox:\s+(.*)", out).group(1)
    assert media == trim  # poppler agrees: no room for bleed


def test_sheets_need_no_bleed() -> None:
    assert rules(make_pdf(bleed=0), kind="sheets") == set()


def test_ink_over_300(tmp_path: Path) -> None:
    def heavy(c):
        c.setFillColorCMYK(0.8, 0.8, 0.8, 1)  # 340 %
        c.rect(0, 0, W + 2 * B, H + 2 * B, stroke=0, fill=1)

    data = make_pdf(on_page(2, heavy))
    assert rules(data) == {("ink.coverage", 2)}
    (tmp_path / "i.pdf").write_bytes(data)
    out = subprocess.run(["gs", "-q", "-o", "-", "-sDEVICE=inkcov", "-r20", "-dFirstPage=2",
                          "-dLastPage=2", str(tmp_path / "i.pdf")], capture_output=True,
                         text=True).stdout.split()
    assert sum(float(v) for v in out[:4]) > 3.0  # Ghostscript agrees: 340 % nearly everywhere


def test_low_resolution_image(tmp_path: Path) -> None:
    data = make_pdf(on_page(3, lambda c: c.drawImage(image("CMYK", 150), B + 20, B + 20,
                                                     width=72, height=72)))
    found = run_preflight(data, Context()).findings
    assert {(f.rule, f.page) for f in found} == {("images.resolution", 3)}
    assert "at 150 ppi" in found[0].message
    (tmp_path / "r.pdf").write_bytes(data)
    out = subprocess.run(["pdfimages", "-list", str(tmp_path / "r.pdf")], capture_output=True,
                         text=True).stdout
    assert re.search(r"\bcmyk\b.*\b150\s+150\b", out)  # poppler agrees: 150 × 150 ppi


def test_rich_black_small_text() -> None:
    data = make_pdf(on_page(1, lambda c: (c.setFillColorCMYK(0.6, 0.4, 0.4, 1),
                                          c.setFont("PreflightSans", 9),
                                          c.drawString(B + 20, B + 60, "Noir riche"))))
    found = run_preflight(data, Context()).findings
    assert [(f.rule, f.severity, f.page) for f in found] == [
        ("colour.rich-black-text", "warning", 1)]


def test_page_count() -> None:
    assert rules(make_pdf(pages=3)) == {("pages.multiple-of-4", None)}
    assert rules(make_pdf(pages=3), booklet=False) == set()


def test_text_in_the_safe_margin() -> None:
    data = make_pdf(on_page(2, lambda c: c.drawString(B + 5, B + 60, "trop près")))
    assert rules(data) == {("layout.safe-margin", 2)}


def test_mixed_trim_sizes() -> None:
    sizes = [(W, H)] * 3 + [(148 * MM, 210 * MM)]
    assert rules(make_pdf(sizes=sizes)) == {("boxes.trim-size", None)}


def test_boxes_must_nest() -> None:
    data = make_pdf()
    pdf = pikepdf.open(io.BytesIO(data))
    pdf.pages[1].obj.TrimBox = pikepdf.Array([0, 0, 500, 500])
    out = io.BytesIO()
    pdf.save(out)
    assert rules(out.getvalue()) == {("boxes.nesting", 2), ("boxes.trim-size", None)}


def test_annotation_in_the_bleed() -> None:
    data = make_pdf(on_page(1, lambda c: c.linkURL("https://example.org",
                                                   (B + 20, B + 20, B + 80, B + 40))))
    assert rules(data) == {("pdfx.annotation", 1)}


def test_pdfx_identification(tmp_path: Path) -> None:
    plain = make_pdf(mark=False)
    assert {r for r, _ in rules(plain)} == {"pdfx.output-intent", "pdfx.version",
                                             "pdfx.pdf-version"}
    (tmp_path / "x.pdf").write_bytes(make_pdf())
    meta = subprocess.run(["pdfinfo", "-meta", str(tmp_path / "x.pdf")], capture_output=True,
                          text=True).stdout
    assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in meta
    info = subprocess.run(["pdfinfo", str(tmp_path / "x.pdf")], capture_output=True,
                          text=True).stdout
    assert re.search(r"PDF version:\s+1\.6", info)


def test_javascript() -> None:
    pdf = pikepdf.open(io.BytesIO(make_pdf()))
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript,
                                             JS=pikepdf.String("app.alert(1)"))
    out = io.BytesIO()
    pdf.save(out)
    assert rules(out.getvalue()) == {("pdfx.javascript", None)}


def test_check_command_exit_codes(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(make_pdf())
    bad.write_bytes(make_pdf(on_page(4, lambda c: (c.setFont("PreflightSans", 4),
                                                   c.drawString(B + 20, B + 60, "4 pt")))))
    assert run_cli("check", str(good)).returncode == 0
    result = run_cli("check", str(bad), "--json")
    assert result.returncode == 1
    assert '"rule": "text.min-size"' in result.stdout and '"page": 4' in result.stdout
    assert run_cli("check", str(tmp_path / "none.pdf")).returncode == 2
    text = tmp_path / "notes.pdf"
    text.write_text("pas un PDF")
    broken = run_cli("check", str(text))
    assert broken.returncode == 2 and "Traceback" not in broken.stderr
    assert broken.stderr == (f"error: {text}: not a readable PDF (it is not a PDF file); export "
                             "it again from the program that made it, or ask the sender for a "
                             "new copy\n")


def test_build_fails_on_preflight_errors(repo: Path, monkeypatch) -> None:
    """A build whose page PDF breaks a rule writes nothing and names the rule and page."""
    import monrecap.build.pipeline as build
    from monrecap.errors import PreflightFailed
    from monrecap.pages import Rendered

    bad = make_pdf(on_page(2, lambda c: (c.setFont("PreflightSans", 4),
                                         c.drawString(B + 20, B + 60, "4 pt"))))
    real = build.render_carnet

    def render(carnet, layout, fonts, **options):  # the renderer marks PDF/X-4 itself
        good = real(carnet, layout, fonts, **options)
        return Rendered(pdf=bad, pages=good.pages)

    monkeypatch.setattr(build, "render_carnet", render)
    with pytest.raises(PreflightFailed) as err:
        build.build_version(repo, "v0", impose=False)
    assert [str(p) for p in err.value.problems] == [
        "monrecap-v0.pdf:page 2: text.min-size: text at 4.0 pt, under 6 pt (nothing prints "
        "legibly under 6 pt) [mode-emploi]"]  # the page id, from the build's layout map
    assert not (repo / "dist").exists()


def test_art_in_the_safe_margin() -> None:
    """A small box near the edge is art in the margin; a band to the bleed is background."""
    data = make_pdf(on_page(3, lambda c: (c.setStrokeColorCMYK(0, 0, 0, 1),
                                          c.setStrokeOverprint(True),  # black on the tint
                                          c.setLineWidth(2),  # not a hairline
                                          c.rect(B + 5, B + 100, 40, 40, stroke=1, fill=0))))
    found = run_preflight(data, Context()).findings
    assert [(f.rule, f.severity, f.page) for f in found] == [
        ("layout.safe-margin-art", "warning", 3)]
    band = make_pdf(on_page(3, lambda c: (c.setFillColorCMYK(0.5, 0, 0, 0),
                                          c.rect(0, B + 100, W + 2 * B, 30, fill=1, stroke=0))))
    assert rules(band) == set()


def test_type3_font() -> None:
    """A page that draws with a Type 3 font (built by hand: ReportLab makes none)."""
    pdf = pikepdf.open(io.BytesIO(make_pdf()))
    glyph = pdf.make_stream(b"0 0 0 1 k 500 0 0 0 500 700 d1 0 0 500 700 re f")
    font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type3,
        FontBBox=[0, 0, 500, 700], FontMatrix=[0.001, 0, 0, 0.001, 0, 0],
        CharProcs=pikepdf.Dictionary(a=glyph), FirstChar=97, LastChar=97, Widths=[500],
        Encoding=pikepdf.Dictionary(Differences=[97, pikepdf.Name.a]))
    page = pdf.pages[1]
    page.obj.Resources.Font[pikepdf.Name.T3] = font
    page.contents_add(pdf.make_stream(b"BT /T3 14 Tf 40 200 Td (a) Tj ET"), prepend=False)
    out = io.BytesIO()
    pdf.save(out)
    # Its glyph procedure is walked where the font is set, not where the glyph shows: its
    # shape says nothing about what lies under it (the text run itself is checked).
    assert rules(out.getvalue()) == {("fonts.type3", 2)}


def black_on_tint(c, overprint: bool = False, stroke_k: float = 1.0) -> None:
    c.setFillColorCMYK(0.22, 0, 0.06, 0)
    c.rect(B + 10 * MM, B + 10 * MM, 60 * MM, 20 * MM, stroke=0, fill=1)
    c.setFillOverprint(overprint)
    c.setStrokeOverprint(overprint)
    c.setFillColorCMYK(0, 0, 0, 1)
    c.setFont("PreflightSans", 14)
    c.drawString(B + 14 * MM, B + 18 * MM, "Titre")
    c.setStrokeColorCMYK(0, 0, 0, stroke_k)
    c.setLineWidth(0.75)
    c.line(B + 14 * MM, B + 14 * MM, B + 60 * MM, B + 14 * MM)


def test_black_knocking_out_a_tint() -> None:
    found = run_preflight(make_pdf(on_page(2, black_on_tint)), Context()).findings
    assert [(f.rule, f.severity, f.page, f.message) for f in found] == [
        ("colour.black-knockout", "warning", 2,
         "1 black text run and 1 black hairline knock out a coloured background")]


def black_pictogram(c, overprint: bool = False, size: float = 12 * MM,
                    y: float = 105 * MM) -> None:
    """A Tabler-like pictogram in 100 % K: a 2.8 pt outline and a filled dot, on a band."""
    c.setFillColorCMYK(0.8, 0.1, 0, 0)
    c.rect(0, B + 100 * MM, W + 2 * B, 30 * MM, stroke=0, fill=1)
    c.setFillOverprint(overprint)
    c.setStrokeOverprint(overprint)
    c.setOverprintMask(1)
    c.setStrokeColorCMYK(0, 0, 0, 1)
    c.setFillColorCMYK(0, 0, 0, 1)
    c.setLineWidth(2.8)
    c.roundRect(B + 10 * MM, B + y, size, size, 2 * MM, stroke=1, fill=0)
    c.circle(B + 10 * MM + size / 2, B + y + size / 2, 2 * MM, stroke=0, fill=1)


def test_a_black_pictogram_knocking_out_its_band() -> None:
    """Strokes over 1 pt and filled shapes count when pictogram-sized (issue 14's limit)."""
    found = run_preflight(make_pdf(on_page(3, black_pictogram)), Context()).findings
    assert [(f.rule, f.page, f.message) for f in found] == [
        ("colour.black-knockout", 3, "2 black shapes (pictograms, strokes over 1 pt) knock "
                                     "out a coloured background")]
    overprinted = make_pdf(on_page(3, lambda c: black_pictogram(c, overprint=True)))
    assert rules(overprinted) == set()


def test_black_knockouts_that_cannot_halo_are_not_flagged() -> None:
    """A large black area (often meant to knock out) and black on grey (the same plate)."""
    def big(c):
        black_pictogram(c, size=40 * MM, y=40 * MM)  # its dot is still pictogram-sized
    found = run_preflight(make_pdf(on_page(1, big)), Context()).findings
    assert [f.message for f in found] == [
        "1 black shape (pictograms, strokes over 1 pt) knocks out a coloured background"]

    def on_grey(c):
        c.setFillColorCMYK(0, 0, 0, 0.2)
        c.rect(B + 5 * MM, B + 5 * MM, 60 * MM, 40 * MM, stroke=0, fill=1)
        c.setFillOverprint(False)
        c.setStrokeOverprint(False)
        c.setStrokeColorCMYK(0, 0, 0, 1)
        c.setLineWidth(2.8)
        c.rect(B + 10 * MM, B + 10 * MM, 12 * MM, 12 * MM, stroke=1, fill=0)
    # The grey box knocks the page's tint out; the black square inside it is on black's plate.
    assert rules(make_pdf(on_page(2, on_grey))) == set()

    def on_white(c):  # the same on a white box, then with the grey overprinting the tint
        on_grey(c)
        c.setFillColorCMYK(0, 0, 0, 0)
        c.rect(B + 70 * MM, B + 5 * MM, 25 * MM, 25 * MM, stroke=0, fill=1)
        c.setFillColorCMYK(0, 0, 0, 1)
        c.setFont("PreflightSans", 14)
        c.drawString(B + 72 * MM, B + 15 * MM, "Noir")
    assert rules(make_pdf(on_page(2, on_white))) == set()

    def outlined_white_box(c):  # its border lies half on the tint: that half can halo
        c.setFillColorCMYK(0, 0, 0, 0)
        c.setStrokeColorCMYK(0, 0, 0, 1)
        c.setLineWidth(0.75)
        c.rect(B + 10 * MM, B + 10 * MM, 40 * MM, 20 * MM, stroke=0, fill=1)
        c.rect(B + 10 * MM, B + 10 * MM, 40 * MM, 20 * MM, stroke=1, fill=0)
    found = run_preflight(make_pdf(on_page(2, outlined_white_box)), Context()).findings
    assert [f.message for f in found] == [
        "1 black hairline knocks out a coloured background"]

    def grey_overprinting(c):
        c.setFillOverprint(True)
        c.setOverprintMask(1)
        c.setFillColorCMYK(0, 0, 0, 0.2)
        c.rect(B + 5 * MM, B + 5 * MM, 60 * MM, 40 * MM, stroke=0, fill=1)
        c.setFillOverprint(False)
        c.setStrokeColorCMYK(0, 0, 0, 1)
        c.setLineWidth(2.8)
        c.rect(B + 10 * MM, B + 10 * MM, 12 * MM, 12 * MM, stroke=1, fill=0)
    assert rules(make_pdf(on_page(2, grey_overprinting))) == {("colour.black-knockout", 2)}


def page_with(content: bytes, colour_spaces: dict | None = None) -> bytes:
    """One A4 page drawn by hand (content-stream operators), for what ReportLab never writes."""
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(595, 842))
    if colour_spaces:
        page.obj.Resources = pikepdf.Dictionary(ColorSpace=pikepdf.Dictionary(
            {f"/{name}": space(pdf) for name, space in colour_spaces.items()}))
    page.obj.Contents = pdf.make_stream(content)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def knockouts(data: bytes) -> list[str]:
    return [f.message for f in run_preflight(data, Context(kind="sheets", deep=True)).findings
            if f.rule == "colour.black-knockout"]


def test_a_hairline_across_a_band_knocks_it_out_where_it_crosses() -> None:
    """The ends of the rule lie off the band: what counts is along it."""
    band = b"0.8 0.1 0 0 k 0 300 595 100 re f 0 0 0 1 K 0.5 w "
    across = band + b"0 350 m 595 350 l S"
    divider = band + b"300 300 m 300 400 l S"  # from the band's bottom edge to its top
    beside = band + b"0 500 m 595 500 l S"
    assert knockouts(page_with(across)) == knockouts(page_with(divider)) == [
        "1 black hairline knocks out a coloured background"]
    assert knockouts(page_with(beside)) == []


def test_curves_are_judged_along_the_curve_not_its_chord_or_controls() -> None:
    box = b"0 0 1 0 0 k 200 400 100 100 re f 0 0 0 1 K 0.5 w "
    dips = box + b"100 300 m 250 450 250 450 400 300 c S"  # its top reaches y = 412
    assert knockouts(page_with(dips)) == ["1 black hairline knocks out a coloured background"]
    small = b"1 0 1 0 k 240 440 20 20 re f 0 0 0 1 K 0.5 w "
    arc = small + b"200 450 m 200 550 300 550 300 450 c S"  # over the box; its chord crosses it
    assert knockouts(page_with(arc)) == []
    narrow = b"0.8 0 0 0 k 50 0 10 842 re f 0 0 0 1 K 0.5 w 0 400 m 595 400 l S"
    assert knockouts(page_with(narrow)) == [
        "1 black hairline knocks out a coloured background"]  # a 10 pt strip on its way


def test_malformed_path_operators_and_huge_pages_are_read_not_fatal() -> None:
    """A curve without operands is skipped (the other rules still run); a page a kilometre
    wide with a box filling it costs no memory (large areas are kept apart)."""
    assert knockouts(page_with(b"0 0 0 1 K 10 10 m c S 10 m S")) == []
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(1000, 1000))
    page.obj.MediaBox = pikepdf.Array([0, 0, 1000000, 1000000])  # far beyond the 200 in limit
    page.obj.Contents = pdf.make_stream(b"0.5 0 0 0 k 0 0 1000000 1000000 re f "
                                        b"0 0 0 1 k 500 500 30 30 re f")
    out = io.BytesIO()
    pdf.save(out)
    assert knockouts(out.getvalue()) == [
        "1 black shape (pictograms, strokes over 1 pt) knocks out a coloured background"]


def test_soft_masks_and_pattern_cells_are_not_areas() -> None:
    """A mask's group and a tiling pattern's cell are walked where they are defined, not
    where they paint: what they draw neither hides nor makes a knockout."""
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(595, 842))
    group = pdf.make_stream(b"1 g 0 0 595 842 re f", Type=pikepdf.Name.XObject,
                            Subtype=pikepdf.Name.Form, BBox=[0, 0, 595, 842],
                            Group=pikepdf.Dictionary(S=pikepdf.Name.Transparency))
    mask = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, SMask=pikepdf.Dictionary(
        S=pikepdf.Name.Luminosity, G=group))
    page.obj.Resources = pikepdf.Dictionary(ExtGState=pikepdf.Dictionary(M=mask))
    page.obj.Contents = pdf.make_stream(
        b"0.8 0.1 0 0 k 0 300 595 100 re f q /M gs Q 0 0 0 1 K 0.5 w 0 350 m 595 350 l S")
    out = io.BytesIO()
    pdf.save(out)
    assert knockouts(out.getvalue()) == ["1 black hairline knocks out a coloured background"]


def test_white_in_any_colour_space_is_not_colour() -> None:
    """A black square on white, the white given as ICC-based CMYK or as RGB."""
    icc = (ROOT / "src/monrecap/data/color/FOGRA39-monrecap.icc").read_bytes()

    def cmyk_profile(pdf):
        stream = pdf.make_stream(icc)
        stream.N = 4
        return pikepdf.Array([pikepdf.Name.ICCBased, stream])

    square = b" 0 0 595 842 re f 0 0 0 1 k 100 100 30 30 re f"
    assert knockouts(page_with(b"/CS0 cs 0 0 0 0 scn" + square, {"CS0": cmyk_profile})) == []
    assert knockouts(page_with(b"1 1 1 rg" + square)) == []
    assert knockouts(page_with(b"/CS0 cs 0.6 0 0 0 scn" + square, {"CS0": cmyk_profile})) == [
        "1 black shape (pictograms, strokes over 1 pt) knocks out a coloured background"]


def test_on_a_crowded_page_each_shape_is_judged_by_what_lies_under_it() -> None:
    """3,000 small black shapes (text turned to outlines) over and between colour bands and
    over each other. The page's areas are indexed by a grid (bench/bench_check.py times
    20,000); the count must be the one a plain search of every earlier area gives: a shape
    counts when the topmost area under its centre is a band, not another black shape."""
    rng = __import__("random").Random(15)
    bands = [(0.0, float(y), 595.0, y + 40.0) for y in range(0, 842, 120)]
    shapes = [(round(rng.uniform(20, 560), 2), round(rng.uniform(20, 800), 2))
              for _ in range(3_000)]
    ops = [b"0.8 0.1 0 0 k"] + [b"0 %d 595 40 re f" % y for _, y, _, _ in bands]
    ops += [b"0 0 0 1 k"] + [b"%.2f %.2f 4 6 re f" % xy for xy in shapes]
    areas = [(b, True) for b in bands]
    over = 0
    for x, y in shapes:
        cx, cy = x + 2, y + 3
        under = [c for (x0, y0, x1, y1), c in areas if x0 <= cx <= x1 and y0 <= cy <= y1]
        over += bool(under and under[-1])
        areas.append(((x, y, x + 4, y + 6), False))
    assert 500 < over < 1000
    assert knockouts(page_with(b"\n".join(ops))) == [
        f"{over} black shapes (pictograms, strokes over 1 pt) knock out a coloured background"]


def test_a_form_xobject_inherits_the_overprint_of_its_caller() -> None:
    """A pictogram drawn once as a form and placed where overprint is on is not a knockout
    (PDF 32000 8.10.1: a form starts with its caller's graphics state)."""
    def placed(overprint: bool):
        def draw(c):
            c.beginForm("picto")
            c.setStrokeColorCMYK(0, 0, 0, 1)
            c.setLineWidth(2.8)
            c.rect(0, 0, 12 * MM, 12 * MM, stroke=1, fill=0)
            c.endForm()
            c.setStrokeOverprint(overprint)
            c.setOverprintMask(1)
            c.translate(B + 20 * MM, B + 40 * MM)
            c.doForm("picto")
        return draw

    assert rules(make_pdf(on_page(2, placed(True)))) == set()
    assert rules(make_pdf(on_page(2, placed(False)))) == {("colour.black-knockout", 2)}


def test_black_overprinting_a_tint_is_clean() -> None:
    assert rules(make_pdf(on_page(2, lambda c: black_on_tint(c, overprint=True)))) == set()


def test_grey_hairline_knocking_out_counts_too() -> None:
    """K-only strokes of any tint count; text only at 100 % K."""
    def grey(c):
        black_on_tint(c, stroke_k=0.45)
        c.setFillColorCMYK(0, 0, 0, 0.7)
        c.drawString(B + 14 * MM, B + 24 * MM, "gris")

    found = run_preflight(make_pdf(on_page(1, grey)), Context()).findings
    assert [f.message for f in found] == [
        "1 black text run and 1 black hairline knock out a coloured background"]


def test_pdfx_marking_gives_boxes_to_pages_that_inherit_their_mediabox() -> None:
    """A page tree may hold the MediaBox for its pages (PDF 32000 7.7.3.4)."""
    pdf = pikepdf.new()
    for _ in range(2):
        pdf.add_blank_page(page_size=(200, 300))
    for page in pdf.pages:
        del page.obj.MediaBox
    pdf.Root.Pages.MediaBox = pikepdf.Array([0, 0, 200, 300])
    source = io.BytesIO()
    pdf.save(source)
    marked = pikepdf.open(io.BytesIO(mark_pdfx4(source.getvalue(), "Test", dt.date(2026, 1, 1))))
    assert [(list(p.obj.TrimBox), list(p.obj.BleedBox)) for p in marked.pages] == \
        [([0, 0, 200, 300], [0, 0, 200, 300])] * 2
