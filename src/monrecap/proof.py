"""The proof sheet: every page as a thumbnail in reading order, spreads side by side, as the
reader sees the carnet opened (pypdfium2 renders, Pillow composes)."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

THUMB_HEIGHT = 180
GAP = 14


def proof_png(pdf: bytes, columns: int = 4) -> bytes:
    """Page 1 alone on the right, then 2–3, 4–5…, the last page alone on the left."""
    doc = pdfium.PdfDocument(pdf)
    thumbs = []
    for index in range(len(doc)):
        page = doc[index]
        trim = page.get_trimbox()
        media = page.get_mediabox()
        crop = (trim[0] - media[0], trim[1] - media[1], media[2] - trim[2], media[3] - trim[3])
        scale = THUMB_HEIGHT / (trim[3] - trim[1])
        thumbs.append(page.render(scale=scale, crop=crop).to_pil().convert("RGB"))
    doc.close()
    w, h = thumbs[0].size
    spreads = [[None, 0]] + [[i, i + 1] for i in range(1, len(thumbs) - 1, 2)]
    if len(thumbs) % 2 == 0:
        spreads.append([len(thumbs) - 1, None])
    rows = (len(spreads) + columns - 1) // columns
    sheet = Image.new("RGB", (columns * (2 * w + GAP) + GAP, rows * (h + GAP + 14) + GAP),
                      "#e0e0e0")
    draw = ImageDraw.Draw(sheet)
    for n, (left, right) in enumerate(spreads):
        x = GAP + (n % columns) * (2 * w + GAP)
        y = GAP + (n // columns) * (h + GAP + 14)
        for offset, index in ((0, left), (w, right)):
            if index is None:
                continue
            sheet.paste(thumbs[index], (x + offset, y))
            draw.text((x + offset + 4, y + h + 2), str(index + 1), fill="black")
        draw.line((x + w, y, x + w, y + h), fill="#9e9e9e")
    out = io.BytesIO()
    sheet.save(out, format="PNG", optimize=True)
    return out.getvalue()
