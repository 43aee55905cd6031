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


def test_a_moved_numbered_page_is_moved_and_only_renumbered(tmp_path: Path) -> None:
    """A page moved in a numbered document takes the number of its new place: it is moved
    (its number aside, nothing changed), and the pages it left shift up by one number."""
    titles = ["Mes rendez-vous", "Mes contacts", "Mes démarches", "Mes papiers", "Mes notes",
              "Mes droits", "Mon avis", "Le dos du carnet"]

    def draw(c: canvas.Canvas, item: tuple[str, int]) -> None:
        c.setFont("Helvetica", 16)
        c.drawString(30, 380, item[0])
        c.setFont("Helvetica", 10)
        c.drawString(30, 30, f"page {item[1]}")

    order = titles[:2] + titles[3:] + titles[2:3]
    old = make_pdf(tmp_path / "old.pdf", [(t, k) for k, t in enumerate(titles, 1)], draw)
    new = make_pdf(tmp_path / "new.pdf", [(t, k) for k, t in enumerate(order, 1)], draw)
    result = diff_sides(pdf_side(old), pdf_side(new), dpi=50)
    assert [(p.status, p.kind, p.old_number, p.new_number, p.moved_only, p.number_only)
            for p in result.pages if p.status != "identical"] == [
        ("changed", "page-number", k + 1, k, False, True) for k in range(3, 8)] + [
        ("changed", "page-number", 3, 8, True, False)]


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


# --- the alignment itself, on page features (no PDF): exact pairs and exact scores ----------

from monrecap.diff.align import (  # noqa: E402
    MOVED,
    Pair,
    PageFeatures,
    align_by_keys,
    align_features,
    needs_pictures,
    page_features,
    picture_similarity,
    similarity,
)

TITLES = ["Mes rendez-vous", "Mes contacts", "Mes démarches", "Mes papiers", "Mes notes",
          "Mes droits", "Mon avis", "Le dos du carnet"]


def _pages(texts: list[str], pictures: list | None = None) -> list[PageFeatures]:
    pages = [page_features(t) for t in texts]
    for page, picture in zip(pages, pictures or []):
        page.picture = picture
    return pages


def _picture(*cells: tuple[int, int], ink: float = 1.0):
    """A 24 × 34 page picture, blank but for the given cells."""
    import numpy as np

    picture = np.zeros((34, 24), dtype=np.float32)
    for row, col in cells:
        picture[row, col] = ink
    return picture


def _triples(pairs: list[Pair]) -> list[tuple]:
    return [(p.old, p.new, p.same_text, p.moved) for p in pairs]


def test_similarity_is_one_for_a_page_and_itself_whatever_it_shows() -> None:
    """The documented range is 0…1: a page scores 1 against itself, with or without words,
    with or without its picture."""
    blank, drawn = _picture(), _picture((3, 4), (5, 6))
    for text, picture in (("Mes rendez-vous 3", None), ("Mes rendez-vous 3", drawn),
                          ("12", None), ("12", drawn), ("", blank), ("", None)):
        page = _pages([text], [picture])[0]
        assert similarity(page, page) == 1.0, (text, picture is not None)


def test_similarity_scores_words_then_numbers_then_the_picture() -> None:
    a, renumbered, other, half = _pages(["Mes rendez-vous page 3", "Mes rendez-vous page 8",
                                         "Mes contacts", "Mes rendez-vous demain"])
    assert similarity(a, renumbered) == 0.8  # the same words, another number
    # « mes » of {mes, rendez, vous, page, contacts}; 3 of {mes, rendez, vous, page, demain}
    assert similarity(a, other) == pytest.approx(0.8 * 1 / 5, abs=1e-12)
    assert similarity(a, half) == pytest.approx(0.8 * 3 / 5, abs=1e-12)
    with_pictures = _pages(["Mes rendez-vous page 3", "Mes rendez-vous page 8"],
                           [_picture((1, 1), (2, 2)), _picture((1, 1), (2, 3))])
    # words 0.8 × 1, text 0.1 × 0 (the numbers differ), picture 0.1 × 0.5 (half the ink shared)
    assert similarity(*with_pictures) == 0.8 + 0.1 * 0.5
    no_words = _pages(["", ""], [_picture((1, 1), (2, 2)), _picture((1, 1), (2, 3))])
    assert similarity(*no_words) == 0.8 * 0.5 + 0.1 * 1 + 0.1 * 0.5  # the picture decides
    numbers_only = _pages(["12", "13"])
    assert similarity(*numbers_only) == 0.0  # no words, no picture: the text, numbers and all
    one_picture = _pages(["Mes notes", "Mes notes"], [_picture((1, 1)), None])
    assert similarity(*one_picture) == 1.0  # a picture on one side only is not compared


def test_picture_similarity() -> None:
    blank, one, other, both = _picture(), _picture((1, 1)), _picture((2, 2)), \
        _picture((1, 1), (2, 2))
    assert picture_similarity(blank, blank) == 1.0  # two blank pages are the same page
    assert picture_similarity(blank, one) == 0.0
    assert picture_similarity(one, other) == 0.0  # as much ink, none in common
    assert picture_similarity(one, both) == 1 - 1 / 3
    assert picture_similarity(one, _picture((1, 1), ink=0.5)) == 1 - 0.5 / 1.5
    assert picture_similarity(_picture((1, 1), ink=1e-7), blank) == 1.0  # no visible ink


def test_pictures_are_needed_only_where_text_cannot_tell_pages_apart() -> None:
    assert not needs_pictures(_pages(["Mes notes 1", "Mes notes 2"]), _pages(["Mes notes 1"]))
    assert needs_pictures(_pages(["Mes notes", "12"]), _pages(["Mes notes"]))  # no words
    assert needs_pictures(_pages(["Mes notes"]), _pages(["Mes notes", ""]))
    assert needs_pictures(_pages(["Mes notes", "Mes notes"]), _pages(["Mes notes"]))
    assert needs_pictures(_pages(["Mes notes"]), _pages(["Mon avis", "Mon avis"]))


def test_a_moved_page_whose_number_changed_is_moved() -> None:
    old = [f"{t} page {k}" for k, t in enumerate(TITLES, 1)]
    new = [f"{t} page {k}" for k, t in enumerate(TITLES[:2] + TITLES[3:] + TITLES[2:3], 1)]
    assert _triples(align_features(_pages(old), _pages(new))) == [
        (0, 0, True, False), (1, 1, True, False), (3, 2, True, False), (4, 3, True, False),
        (5, 4, True, False), (6, 5, True, False), (7, 6, True, False), (2, 7, True, True)]
    assert MOVED == 0.8  # the similarity of a renumbered page: a moved page's number changes


def test_a_leftover_page_with_other_words_is_removed_and_added_not_moved() -> None:
    old = _pages(TITLES)
    new = _pages(TITLES[:2] + TITLES[3:] + ["Mes démarches en ligne"])
    assert _triples(align_features(old, new)) == [
        (0, 0, True, False), (1, 1, True, False), (2, None, False, False), (3, 2, True, False),
        (4, 3, True, False), (5, 4, True, False), (6, 5, True, False), (7, 6, True, False),
        (None, 7, False, False)]


def test_a_moved_drawing_is_moved_by_its_picture() -> None:
    """Pages without words (a drawing and its page number): a moved one is recognised by its
    picture, though its number changed."""
    drawings = [_picture((k, k), (k + 1, 2 * k), (20, k)) for k in range(6)]
    old = _pages([str(k) for k in range(1, 7)], drawings)
    order = [0, 1, 3, 4, 5, 2]
    new = _pages([str(k) for k in range(1, 7)], [drawings[k] for k in order])
    assert _triples(align_features(old, new)) == [
        (0, 0, True, False), (1, 1, True, False), (3, 2, True, False), (4, 3, True, False),
        (5, 4, True, False), (2, 5, True, True)]


def test_an_edited_page_stays_in_place_and_inserted_pages_are_added() -> None:
    old = _pages(TITLES[:4])
    new = _pages(["Mes rendez-vous", "Nouvelle page", "Mes contacts", "Mes démarches modifiées",
                  "Mes papiers", "Autre page"])
    assert _triples(align_features(old, new)) == [
        (0, 0, True, False), (None, 1, False, False), (1, 2, True, False),
        (2, 3, False, False), (3, 4, True, False), (None, 5, False, False)]


def test_align_by_keys_places_removed_pages_where_they_were() -> None:
    old = ["couverture#1", "rendez-vous#1", "contacts#1", "notes#1", "dos#1"]
    new = ["couverture#1", "contacts#1", "agenda#1", "rendez-vous#1", "dos#1"]
    # rendez-vous and contacts swapped: one of them moved (the fewest), not both
    assert [(p.old, p.new, p.key, p.moved) for p in align_by_keys(old, new)] == [
        (0, 0, "couverture#1", False), (2, 1, "contacts#1", True),
        (None, 2, "agenda#1", False), (1, 3, "rendez-vous#1", False),
        (3, None, "notes#1", False), (4, 4, "dos#1", False)]
    old = ["couverture#1", "rendez-vous#1", "contacts#1", "notes#1", "dos#1", "fin#1"]
    new = ["couverture#1", "agenda#1", "rendez-vous#1", "dos#1", "notes#1", "fin#1"]
    assert [(p.old, p.new, p.moved) for p in align_by_keys(old, new)] == [
        (0, 0, False), (None, 1, False), (1, 2, False), (4, 3, True), (2, None, False),
        (3, 4, False), (5, 5, False)]
    assert [(p.old, p.new) for p in align_by_keys(old[:2], old[:1])] == [(0, 0), (1, None)]
    assert [(p.old, p.new) for p in align_by_keys(old[:3], old[1:3])] == [(0, None), (1, 0),
                                                                           (2, 1)]
