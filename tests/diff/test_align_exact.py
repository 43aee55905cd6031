"""Page alignment of PDFs we did not build, at its edges: the pairing threshold, long
documents (the band around the diagonal), leftovers that moved, unrelated documents. Each test
gives the exact pairs (old, new, same text, moved)."""

from __future__ import annotations

import numpy as np
import pytest

from monrecap.diff.align import (
    PageFeatures,
    Pair,
    align_features,
    page_features,
    picture_similarity,
    signature,
    similarity,
)


def _tag(k: int) -> str:
    """A number in letters (digits are not words for alignment): 0 → « a », 27 → « bb »."""
    return "".join(chr(ord("a") + int(d, 26)) for d in np.base_repr(k, 26).lower()) if k \
        else "a"


VOCABULARY = [f"mot{_tag(k)}" for k in range(40)]


def _pages(texts: list[str]) -> list[PageFeatures]:
    return [page_features(t) for t in texts]


def _triples(pairs: list[Pair]) -> list[tuple]:
    return [(p.old, p.new, p.same_text, p.moved) for p in pairs]


def _words(first: int, count: int) -> str:
    return " ".join(VOCABULARY[first:first + count])


def _distinct(prefix: str, count: int) -> list[str]:
    """Pages that share no word with one another nor with other prefixes."""
    return [f"{prefix}x{_tag(k)} {prefix}y{_tag(k)} {prefix}z{_tag(k)}" for k in range(count)]


@pytest.mark.parametrize("shared,old_only,new_only,paired", [(11, 3, 2, True), (9, 4, 3, False)])
def test_pages_pair_only_when_their_similarity_is_over_one_half(shared, old_only, new_only,
                                                               paired) -> None:
    """A page with 11 of 16 words in common (similarity 0.55) is the same page edited; with 9
    of 16 (0.45) it is another page. A second old page keeps the gap uneven, so that the pair
    is the alignment's, not the in-place edit's."""
    old = _pages([_words(0, shared) + " " + _words(20, old_only), "tout autre chose"])
    new = _pages([_words(0, shared) + " " + _words(30, new_only)])
    assert round(similarity(old[0], new[0]), 6) == (0.55 if paired else 0.45)
    expected = [(0, 0, False, False), (1, None, False, False)] if paired else [
        (0, None, False, False), (1, None, False, False), (None, 0, False, False)]
    assert _triples(align_features(old, new)) == expected


def test_a_similarity_of_exactly_one_half_does_not_pair() -> None:
    old = _pages([_words(0, 5) + " " + _words(20, 3), "tout autre chose"])
    new = _pages([_words(0, 5)])
    assert similarity(old[0], new[0]) == 0.5
    assert _triples(align_features(old, new)) == [
        (0, None, False, False), (1, None, False, False), (None, 0, False, False)]


def test_unrelated_pages_are_not_paired_to_save_one_that_is_the_same() -> None:
    """Three pages added at the front, three removed at the end: the one page both sides have
    pairs, crossing none."""
    old = _pages(["Mes rendez-vous"] + _distinct("a", 3))
    new = _pages(_distinct("b", 3) + ["Mes rendez-vous"])
    assert _triples(align_features(old, new)) == [
        (None, 0, False, False), (None, 1, False, False), (None, 2, False, False),
        (0, 3, True, False), (1, None, False, False), (2, None, False, False),
        (3, None, False, False)]


def test_the_last_old_page_does_not_pair_before_the_first() -> None:
    old = _pages(["tout autre chose", "Mes rendez-vous"])
    new = _pages(["Mes rendez-vous", "encore autre chose"])
    assert _triples(align_features(old, new)) == [
        (0, None, False, False), (1, 0, True, False), (None, 1, False, False)]


def test_pages_added_and_removed_at_the_front() -> None:
    old = _pages(_distinct("a", 2) + ["Mes contacts", "Mes notes"])
    new = _pages(_distinct("b", 3) + ["Mes contacts", "Mes notes"])
    assert _triples(align_features(old, new)) == [
        (0, None, False, False), (1, None, False, False), (None, 0, False, False),
        (None, 1, False, False), (None, 2, False, False), (2, 3, True, False),
        (3, 4, True, False)]


def test_forty_five_pages_inserted_before_fifty_are_inserted_not_moved() -> None:
    """Past 40 pages only a band around the diagonal is scored: it widens with the difference
    in length, so that every old page still meets its match 45 pages further."""
    kept = _distinct("k", 50)
    pairs = align_features(_pages(kept), _pages(_distinct("n", 45) + kept))
    assert _triples(pairs) == [(None, j, False, False) for j in range(45)] + [
        (i, 45 + i, True, False) for i in range(50)]


def test_a_page_40_places_off_the_diagonal_is_scored_one_41_places_off_is_not() -> None:
    """100 pages each side: 40 (then 41) new pages at the front, as many old ones gone at the
    end. 40 off is within the band: inserted and removed pages. 41 off is outside: the pages
    were not compared in the alignment and are found again as moved, and the 41 left on each
    side, in one gap, pair in order as edited pages (the band's price: a shift that large in
    a long document reads as moves)."""
    old = _distinct("k", 100)
    pairs = align_features(_pages(old), _pages(_distinct("n", 40) + old[:60]))
    assert _triples(pairs) == [(None, j, False, False) for j in range(40)] + [
        (i, 40 + i, True, False) for i in range(60)] + [
        (i, None, False, False) for i in range(60, 100)]
    pairs = align_features(_pages(old), _pages(_distinct("n", 41) + old[:59]))
    assert _triples(pairs) == [(59 + j, j, False, False) for j in range(41)] + [
        (i, 41 + i, True, True) for i in range(59)]


def test_a_page_pairs_with_its_copy_not_with_a_page_like_it_before() -> None:
    """One old page; the new document has a page like it (similarity 0.53), then the page
    itself: the page pairs with itself, the other is added."""
    old = _pages([_words(0, 10)])
    new = _pages([_words(0, 8) + " " + _words(30, 2), _words(0, 10)])
    assert round(similarity(old[0], new[0]), 6) == round(0.8 * 8 / 12, 6)
    assert _triples(align_features(old, new)) == [(None, 0, False, False), (0, 1, True, False)]


def test_the_band_does_not_wrap_round_to_the_last_page() -> None:
    """50 unrelated pages each side, but the first old page is like the last new one (0.53):
    49 places off, outside the band, they are not paired by the alignment; the leftovers, as
    many on each side, pair in order."""
    old = _pages([_words(0, 10)] + _distinct("o", 49))
    new = _pages(_distinct("n", 49) + [_words(0, 8) + " " + _words(30, 2)])
    assert _triples(align_features(old, new)) == [(k, k, False, False) for k in range(50)]


def test_a_leftover_takes_the_page_most_like_it() -> None:
    """« Mes notes page 3 » moved to the end, where both a renumbered copy (0.8) and an exact
    one (1.0) wait: it is the exact one; the other is added."""
    middle = _distinct("p", 5)
    old = _pages(["Mes notes page 3"] + middle)
    new = _pages(middle + ["Mes notes page 9", "Mes notes page 3"])
    assert _triples(align_features(old, new)) == [
        (1, 0, True, False), (2, 1, True, False), (3, 2, True, False), (4, 3, True, False),
        (5, 4, True, False), (None, 5, False, False), (0, 6, True, True)]


def test_two_leftovers_do_not_move_to_the_same_page() -> None:
    middle = _distinct("p", 5)
    old = _pages(["Mes notes page 3", "Mes notes page 4"] + middle)
    new = _pages(middle + ["Mes notes page 3"])
    assert _triples(align_features(old, new)) == [
        (1, None, False, False), (2, 0, True, False), (3, 1, True, False),
        (4, 2, True, False), (5, 3, True, False), (6, 4, True, False), (0, 5, True, True)]


@pytest.mark.parametrize("a,b,moved", [(200, 200, True), (181, 221, False)])
def test_moves_are_looked_for_up_to_40_000_pairs_of_leftovers(a, b, moved) -> None:
    """Two documents that share ten pages and one page moved from the front to the back:
    with 200 × 200 pages left over (40,000 pairs) the moved page is found; with 181 × 221
    (40,001) the documents are unrelated and nothing is looked for."""
    shared = _distinct("s", 10)
    old = _pages(["Mes rendez-vous"] + shared + _distinct("o", a - 1))
    new = _pages(shared + _distinct("n", b - 1) + ["Mes rendez-vous"])
    triples = _triples(align_features(old, new))
    assert triples[:11] == ([(0, None, False, False)] if not moved else []) + [
        (1 + k, k, True, False) for k in range(10)] + ([] if not moved else [
        (11, 10, False, False)])
    assert ((0, 10 + b - 1, True, True) in triples) is moved
    assert len([t for t in triples if t[0] == 0]) == 1


def test_a_page_key_is_its_first_sixty_characters() -> None:
    text = "Mes rendez-vous " + "avec la conseillère " * 5
    page = page_features(text)
    assert signature(page) == " ".join(text.split())[:60] and len(signature(page)) == 60


def test_page_pictures_are_24_by_34_pixels(tmp_path) -> None:
    """The pictures alignment compares (THUMB): 24 × 34 whatever the page's size."""
    import pypdfium2 as pdfium
    from reportlab.pdfgen import canvas

    from monrecap.diff.visual import _thumbnail

    path = tmp_path / "page.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(420, 595))
    pdf.rect(50, 50, 100, 300, fill=1)
    pdf.showPage()
    pdf.save()
    picture = _thumbnail(pdfium.PdfDocument(path), path, 0)
    assert picture.shape == (34, 24) and 0 < picture.sum() < 34 * 24


def test_faint_pictures_with_no_ink_in_common_score_zero() -> None:
    p, q = np.zeros((34, 24), np.float32), np.zeros((34, 24), np.float32)
    p[3, 4], q[20, 10] = 0.02, 0.02
    assert picture_similarity(p, q) == 0.0
    assert picture_similarity(p, p) == 1.0


def test_words_on_one_page_only_are_not_outweighed_by_the_pictures() -> None:
    """A page of words against a page without (its drawing the same): unlike pages, whichever
    side has the words; the same picture adds its tenth only."""
    picture = np.zeros((34, 24), np.float32)
    picture[5, 5] = 1.0
    words, blank = page_features("Mes notes"), page_features("12")
    words.picture, blank.picture = picture, picture.copy()
    assert round(similarity(words, blank), 6) == round(similarity(blank, words), 6) == 0.1
    # a picture on one side only is not compared
    assert similarity(page_features("Mes notes"), words) == 1.0
    assert similarity(words, page_features("Mes notes")) == 1.0
