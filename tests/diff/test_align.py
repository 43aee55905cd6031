"""Page alignment of any two PDFs: pages that differ only by their numbers, pages with no words
(a big number and a drawing, or a scanned proof with no text at all), and moved pages."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from monrecap.diff.explain import diff_sides
from monrecap.diff.sides import pdf_side

A6 = (298, 420)


def _numbered(c: canvas.Canvas, k: int, total: int) -> None:
    c.setFont("Helvetica-Bold", 14)
    c.drawString(30, 380, "Mes rendez-vous")
    c.setFont("Helvetica", 10)
    c.drawString(30, 360, "Date : ......  Heure : ......  Lieu : ......")
    c.drawString(30, 30, f"page {k} sur {total}")


def _shape(k: int) -> tuple[list[tuple[float, float]], float]:
    """A different drawing for each page: a polygon whose corners and size depend on k."""
    import math

    sides, radius = 3 + k % 5, 40 + 7 * (k % 6)
    cx, cy = 80 + 13 * (k % 11), 150 + 11 * (k % 7)
    return [(cx + radius * math.cos(2 * math.pi * i / sides + k),
             cy + radius * math.sin(2 * math.pi * i / sides + k)) for i in range(sides)], radius


def _drawing(c: canvas.Canvas, k: int, text: bool) -> None:
    if text:
        c.setFont("Helvetica-Bold", 120)
        c.drawString(60, 260, str(k))
    points, _ = _shape(k)
    path = c.beginPath()
    path.moveTo(*points[0])
    for point in points[1:]:
        path.lineTo(*point)
    path.close()
    c.setLineWidth(4)
    c.drawPath(path, stroke=1, fill=k % 2)


def _scan(c: canvas.Canvas, k: int) -> None:
    """A rasterised proof: one picture, no text."""
    image = Image.new("L", (150, 210), 255)
    draw = ImageDraw.Draw(image)
    points, _ = _shape(k)
    draw.polygon([(x / 2, 210 - y / 2) for x, y in points], outline=0, fill=None if k % 2 else 0,
                 width=3)
    draw.text((30, 20), str(k), fill=0)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    c.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), 0, 0, *A6)


def make_pdf(path: Path, pages: list, draw) -> Path:
    """One page per item; ``None`` is a blank page."""
    c = canvas.Canvas(str(path), pagesize=A6, invariant=1)
    for item in pages:
        if item is not None:
            draw(c, item)
        c.showPage()
    c.save()
    return path


def statuses(a: Path, b: Path) -> list[tuple[str, int | None, int | None]]:
    """(status, old page, new page) of every page pair that is not identical."""
    result = diff_sides(pdf_side(a), pdf_side(b), dpi=50)
    return [(p.status, p.old_number, p.new_number) for p in result.pages
            if p.status != "identical"]


def test_every_single_page_removal_names_the_right_page(tmp_path: Path) -> None:
    n = 17
    draw = lambda c, k: _numbered(c, k, n)  # noqa: E731
    old = make_pdf(tmp_path / "old.pdf", list(range(1, n + 1)), draw)
    for k in range(1, n + 1):
        new = make_pdf(tmp_path / f"without-{k}.pdf", [i for i in range(1, n + 1) if i != k],
                       draw)
        assert statuses(old, new) == [("removed", k, None)], f"removing page {k}"


@pytest.mark.parametrize("text", [True, False], ids=["number-and-drawing", "drawing-only"])
def test_blank_page_inserted_among_pages_without_words(tmp_path: Path, text: bool) -> None:
    draw = lambda c, k: _drawing(c, k, text)  # noqa: E731
    pages = list(range(1, 33))
    old = make_pdf(tmp_path / "old.pdf", pages, draw)
    new = make_pdf(tmp_path / "new.pdf", pages[:16] + [None] + pages[16:], draw)
    assert statuses(old, new) == [("added", None, 17)]


def test_scanned_proofs_align_by_picture(tmp_path: Path) -> None:
    pages = list(range(1, 21))
    old = make_pdf(tmp_path / "old.pdf", pages, _scan)
    new = make_pdf(tmp_path / "new.pdf", pages[:5] + pages[6:12] + [None] + pages[12:], _scan)
    assert statuses(old, new) == [("removed", 6, None), ("added", None, 12)]


def test_a_moved_page_is_moved_and_its_neighbours_are_not(tmp_path: Path) -> None:
    titles = ["Mes rendez-vous", "Mes contacts", "Mes démarches", "Mes papiers", "Mes notes",
              "Mes droits", "Mon avis", "Le dos du carnet"]

    def draw(c: canvas.Canvas, title: str) -> None:
        c.setFont("Helvetica", 16)
        c.drawString(30, 380, title)

    old = make_pdf(tmp_path / "old.pdf", titles, draw)
    new = make_pdf(tmp_path / "new.pdf", titles[:2] + titles[3:] + titles[2:3], draw)
    assert statuses(old, new) == [("moved", 3, 8)]


def test_a_page_edited_in_place_stays_paired(tmp_path: Path) -> None:
    draw = lambda c, k: _drawing(c, k, False)  # noqa: E731
    old = make_pdf(tmp_path / "old.pdf", [1, 2, 3, 4, 5], draw)
    new = make_pdf(tmp_path / "new.pdf", [1, 2, 9, 4, 5], draw)
    assert statuses(old, new) == [("changed", 3, 3)]


def test_identical_pages_are_not_rasterised(tmp_path: Path, monkeypatch) -> None:
    import monrecap.diff.visual as visual

    drawn = []
    real = visual.render
    monkeypatch.setattr(visual, "render", lambda page, path, index, **o: drawn.append(
        (path.name, index)) or real(page, path, index, **o))
    titles = ["Mes rendez-vous", "Mes contacts", "Mes démarches"]

    def draw(c: canvas.Canvas, title: str) -> None:
        c.setFont("Helvetica", 16)
        c.drawString(30, 380, title)

    old = make_pdf(tmp_path / "old.pdf", titles, draw)
    new = make_pdf(tmp_path / "new.pdf", titles[:2] + ["Mes papiers"], draw)
    assert statuses(old, new) == [("changed", 3, 3)]
    assert drawn == [("old.pdf", 2), ("new.pdf", 2)]  # only the pair that differs


def test_same_operators_other_picture_is_compared(tmp_path: Path) -> None:
    """Same content stream, an image changed inside: the digest sees it, the page is drawn."""
    import zlib

    import pikepdf

    old = make_pdf(tmp_path / "old.pdf", [1, 2], _scan)
    new = tmp_path / "new.pdf"
    with pikepdf.open(old) as pdf:
        image = next(iter(pdf.pages[1].Resources.XObject.values()))
        width, height = int(image.Width), int(image.Height)
        image.write(zlib.compress(bytes(width * height)), filter=pikepdf.Name.FlateDecode,
                    decode_parms=None)
        pdf.save(new)
    assert statuses(old, new) == [("changed", 2, 2)]
