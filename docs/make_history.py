"""Regenerate docs/history.png: the cover and the first appointment page of every version,
side by side, so that the story is visible on the page (`make docs`)."""

from __future__ import annotations

import sys
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

BLEED_PT = 3 * 72 / 25.4
HEIGHT = 260  # pixels per page row


def thumb(pdf: Path, index: int) -> Image.Image:
    page = pdfium.PdfDocument(str(pdf))[index]
    image = page.render(scale=HEIGHT / (page.get_height() - 2 * BLEED_PT),
                        crop=(BLEED_PT,) * 4).to_pil()
    return image


def main(dist: str, out: str) -> None:
    versions = sorted((p.name for p in Path(dist).glob("v*") if p.is_dir()),
                      key=lambda v: int(v[1:]))
    columns = []
    for vid in versions:
        pdf = Path(dist) / vid / f"monrecap-{vid}.pdf"
        cover, inner = thumb(pdf, 0), thumb(pdf, 1 if vid in ("v1", "v2") else 2)
        column = Image.new("RGB", (max(cover.width, inner.width), 2 * HEIGHT + 34), "white")
        column.paste(cover, (0, 24))
        column.paste(inner, (0, HEIGHT + 30))
        ImageDraw.Draw(column).text((4, 4), vid, fill="black")
        columns.append(column)
    sheet = Image.new("RGB", (sum(c.width + 8 for c in columns), columns[0].height), "#888")
    x = 0
    for column in columns:
        sheet.paste(column, (x, 0))
        x += column.width + 8
    sheet.save(out, optimize=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
