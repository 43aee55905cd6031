"""Pages turned by /Rotate (their own, or inherited from the page tree) are imposed as a
viewer shows them: placed upright, boxes turned with them. The fold simulator proves the
order and the upright reading on a file mixing turned and upright pages of the same size."""

from __future__ import annotations

import io

import pikepdf
from PIL import ImageChops, ImageStat
import pypdfium2 as pdfium
import pytest

from monrecap.impose import custom_profile, impose_pdf

from .folding import numbered_pdf
from .test_folding import read_booklet, sheets_of

# The cm that draws upright content on a page turned by /Rotate r (the inverse of the turn a
# viewer makes), for a page whose upright size is w × h.
INVERSE = {90: lambda w, h: (0, 1, -1, 0, h, 0), 180: lambda w, h: (-1, 0, 0, -1, w, h),
           270: lambda w, h: (0, -1, 1, 0, 0, w)}


def turned_pdf(count: int, rotations: dict[int, int], inherited: int | None = None) -> bytes:
    """numbered_pdf, with page n stored turned by ``rotations[n]`` and drawn so that a viewer
    shows it exactly as before; ``inherited`` sets /Rotate on the page tree instead, for the
    pages not in ``rotations`` (each of them then drawn for that rotation)."""
    pdf = pikepdf.open(io.BytesIO(numbered_pdf(count)))
    for n, page in enumerate(pdf.pages, 1):
        r = rotations.get(n, inherited or 0)
        if n in rotations:
            page.obj.Rotate = r
        elif "/Rotate" in page.obj:  # ReportLab writes /Rotate 0: let the page inherit
            del page.obj["/Rotate"]
        if not r % 360:
            continue
        x0, y0, x1, y1 = (float(v) for v in page.mediabox)
        w, h = x1 - x0, y1 - y0
        matrix = INVERSE[r % 360](w, h)
        a, b, c, d, e, f = matrix

        def turn(box):
            bx0, by0, bx1, by1 = (float(v) for v in box)
            xs = [a * x + c * y + e for x, y in ((bx0, by0), (bx1, by1))]
            ys = [b * x + d * y + f for x, y in ((bx0, by0), (bx1, by1))]
            return [min(xs), min(ys), max(xs), max(ys)]

        for key in ("/TrimBox", "/BleedBox"):
            page.obj[key] = pikepdf.Array(turn(page.obj[key]))
        page.obj.MediaBox = pikepdf.Array(turn(page.mediabox))
        page.contents_add(pikepdf.Stream(pdf, b"q " + " ".join(
            f"{v:g}" for v in matrix).encode() + b" cm\n"), prepend=True)
        page.contents_add(pikepdf.Stream(pdf, b"\nQ"))
    if inherited:  # set last: qpdf pushes inherited keys down to the pages it walks
        pdf.Root.Pages.Rotate = inherited
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_the_turned_file_looks_like_the_upright_one() -> None:
    """The test's own premise: a viewer (pdfium) shows the same pages."""
    plain = pdfium.PdfDocument(numbered_pdf(4))
    turned = pdfium.PdfDocument(turned_pdf(4, {1: 90, 2: 180, 3: 270}))
    for i in range(4):
        assert turned[i].get_size() == pytest.approx(plain[i].get_size())
        a = plain[i].render(scale=0.5).to_pil().convert("L")
        b = turned[i].render(scale=0.5).to_pil().convert("L")
        assert ImageStat.Stat(ImageChops.difference(a, b)).mean[0] < 2


@pytest.mark.parametrize("rotations,inherited", [
    ({1: 90, 2: 180, 3: 270, 6: 90, 8: -90}, None),
    ({2: 0, 5: 0}, 90),
    ({1: 450, 4: 180}, None),
])
@pytest.mark.parametrize("scheme,sheet", [("saddle", "A4"), ("cutstack", "SRA3")])
def test_turned_pages_are_imposed_upright_in_order(rotations, inherited, scheme, sheet) -> None:
    duplex = "long-edge"
    profile = custom_profile(None, scheme=scheme, sheet=sheet, orientation=None,
                             copies=None, duplex=duplex, marks="none")
    source = turned_pdf(8, rotations, inherited)
    imposed = impose_pdf(source, "turned.pdf", profile, None)
    per_sheet = list(sheets_of(imposed.pdf, numbered_pdf(8), 8, duplex))
    folios = [spread for side in per_sheet for spread in side]
    if scheme == "saddle":
        assert read_booklet(folios) == list(range(1, 9))
    else:
        assert sorted(p for p in read_booklet(folios) if p) == list(range(1, 9))


def test_nup_places_turned_pages_upright() -> None:
    profile = custom_profile(None, scheme="nup", sheet="SRA3", orientation=None, copies=None,
                             duplex=None, marks="none")
    imposed = impose_pdf(turned_pdf(2, {1: 90, 2: 270}), "flyer.pdf", profile, None)
    text = pdfium.PdfDocument(imposed.pdf)[0].get_textpage()
    found = text.get_text_range()
    assert "P01" in found and "B01" in found


def test_check_and_diff_see_turned_pages_as_a_viewer_does(tmp_path) -> None:
    """check finds one trim size, and diff finds nothing changed, between a file and the
    same pages stored turned."""
    from conftest import run_cli

    (tmp_path / "upright.pdf").write_bytes(numbered_pdf(8))
    (tmp_path / "turned.pdf").write_bytes(turned_pdf(8, {1: 90, 2: 180, 3: 270, 6: 90}))
    upright = run_cli("check", "upright.pdf", cwd=tmp_path)
    turned = run_cli("check", "turned.pdf", cwd=tmp_path)
    assert "boxes.trim-size" not in turned.stdout
    assert turned.stdout.replace("turned", "upright") == upright.stdout
    diff = run_cli("diff", "upright.pdf", "turned.pdf", "-q", cwd=tmp_path)
    assert (diff.returncode, diff.stdout.strip()) == (0, "upright.pdf → turned.pdf: identical")
