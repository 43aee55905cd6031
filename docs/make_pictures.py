"""Regenerate the README pictures from a built carnet: the cover and one inner spread,
cut to the trim (`make docs`)."""

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


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
