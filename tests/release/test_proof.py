"""The proof sheet's page numbers: each inside the strip under its own thumbnail, read back
from the picture's pixels (not from the code that drew them); a number that cannot fit is an
error naming the page."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from monrecap.errors import RenderError
from monrecap.release.proof import proof_png

MM = 72 / 25.4


def red_pages(count: int, width_mm: float, height_mm: float = 148) -> bytes:
    """``count`` pages filled with pure red, so that thumbnails are told from labels."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width_mm * MM, height_mm * MM))
    for _ in range(count):
        canvas.setFillColorRGB(1, 0, 0)
        canvas.rect(0, 0, width_mm * MM, height_mm * MM, stroke=0, fill=1)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def runs(mask: np.ndarray, gap: int = 0) -> list[tuple[int, int]]:
    """[start, end) of each run of True; runs closer than ``gap`` are one (a number's
    digits)."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.astype(int), [0]))))
    out: list[tuple[int, int]] = []
    for start, end in zip(edges[::2], edges[1::2]):
        if out and start - out[-1][1] <= gap:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


@pytest.fixture(scope="module")
def proof() -> np.ndarray:
    """A 121-page document: three-digit numbers, the widest a carnet's proof shows."""
    return np.asarray(Image.open(io.BytesIO(proof_png(red_pages(121, 105)))).convert("RGB"))


def test_every_page_number_lies_under_its_own_thumbnail(proof: np.ndarray) -> None:
    r, g, b = (proof[..., i].astype(int) for i in range(3))
    red = (r > 200) & (g < 60) & (b < 60)
    ink = np.maximum(np.maximum(r, g), b) < 160  # the numbers (grey background: 224)
    thumbs, ink_in_strips = 0, np.zeros_like(ink)
    for top, bottom in runs(red.any(axis=1)):  # one row of thumbnails, then its strip
        frames = runs(red[top:bottom].any(axis=0))  # [left, right) of each thumbnail
        thumbs += len(frames)
        strip = slice(bottom, bottom + 16)
        ink_in_strips[strip] = True
        numbers = runs(ink[strip].any(axis=0), gap=3)
        # One number per thumbnail, each within its thumbnail's width.
        assert len(numbers) == len(frames)
        assert all(any(x0 <= start and end <= x1 for x0, x1 in frames)
                   for start, end in numbers), (numbers, frames)
    assert thumbs == 121
    # No ink anywhere else but inside the thumbnails' rows (the spine between two pages).
    stray = ink & ~ink_in_strips & ~red.any(axis=1)[:, None]
    assert not stray.any(), np.argwhere(stray)[:5].tolist()


def test_a_page_too_narrow_for_its_number_names_the_page() -> None:
    with pytest.raises(RenderError) as caught:
        proof_png(red_pages(12, 8))
    assert str(caught.value).splitlines()[0] == (
        "proof sheet: pages.1.number: text does not fit its frame: 5 px wide, room for 2 px")
    assert len(str(caught.value).splitlines()) == 12
