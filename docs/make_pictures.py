"""Regenerate the README pictures from a built carnet: the cover and one inner spread,
cut to the trim (`make docs`); with --large-print, the same page of the A6 carnet and of its
A5 large-print edition side by side, at the same scale."""

from __future__ import annotations

import sys
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

BLEED_PT = 3 * 72 / 25.4
SCALE = 110 / 72  # 110 dpi


def page_image(doc: pdfium.PdfDocument, index: int) -> Image.Image:
    crop = (BLEED_PT,) * 4  # cut the bleed off: show the page as it is trimmed
    return doc[index].render(scale=SCALE, crop=crop).to_pil()


def main(pdf: str, out: str) -> None:
    doc = pdfium.PdfDocument(pdf)
    target = Path(out)
    page_image(doc, 0).save(target / "cover.png", optimize=True)
    # Pages 2 and 3 face each other once the booklet is folded.
    left, right = page_image(doc, 1), page_image(doc, 2)
    spread = Image.new("RGB", (left.width + right.width, left.height), "white")
    spread.paste(left, (0, 0))
    spread.paste(right, (left.width, 0))
    spread.save(target / "spread.png", optimize=True)


def large_print(a6: str, a5: str, out: str, page: int = 2) -> None:
    """Page ``page + 1`` of both files, trimmed, bottoms aligned, on one picture."""
    small, large = (page_image(pdfium.PdfDocument(f), page) for f in (a6, a5))
    gap = 24
    both = Image.new("RGB", (small.width + gap + large.width, large.height), "white")
    both.paste(small, (0, large.height - small.height))
    both.paste(large, (small.width + gap, 0))
    both.save(Path(out) / "large-print.png", optimize=True)


if __name__ == "__main__":
    if sys.argv[1] == "--large-print":
        large_print(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        main(sys.argv[1], sys.argv[2])
