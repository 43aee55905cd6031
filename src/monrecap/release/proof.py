"""The proof sheet: every page as a thumbnail in reading order, spreads side by side, as the
reader sees the carnet opened (pypdfium2 renders, Pillow composes). The page numbers under
the thumbnails are drawn and measured in the toolkit's font, and judged with the shared
fitter's message (kit/fit.py): a number wider than its thumbnail is an error naming the
page, never a label that runs under the next one."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

from monrecap.errors import Problem, RenderError
from monrecap.fonts import FontSet

DOCUMENT = "proof sheet"
THUMB_HEIGHT = 180
GAP = 14
STRIP = 16        # px: the page numbers' strip under each row of thumbnails
LABEL_SIZE = 12   # px: the page numbers' size (digits are about 9 px tall)
PAD = 4           # px: a number starts this far in from its thumbnail's left edge


def _labels(count: int, width: int, font: ImageFont.FreeTypeFont) -> list[str]:
    """Page numbers 1…count, each measured in the font that draws it against the width under
    its thumbnail."""
    from monrecap.kit.fit import line_message

    problems, labels = [], []
    for number in range(1, count + 1):
        label = str(number)
        message = line_message(font.getlength(label), width - 2 * PAD, unit="px")
        if message is not None:
            problems.append(Problem(DOCUMENT, f"pages.{number}.number", message))
        labels.append(label)
    if problems:
        raise RenderError(problems)
    return labels


def proof_png(pdf: bytes, columns: int = 4, fonts: FontSet | None = None) -> bytes:
    """Page 1 alone on the right, then 2–3, 4–5…, the last page alone on the left; numbers
    in ``fonts`` (the toolkit's by default)."""
    if fonts is None:
        from monrecap.resources import toolkit_fonts

        fonts = toolkit_fonts()
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
    font = ImageFont.truetype(str(fonts.regular), LABEL_SIZE)
    labels = _labels(len(thumbs), w, font)
    spreads = [[None, 0]] + [[i, i + 1] for i in range(1, len(thumbs) - 1, 2)]
    if len(thumbs) % 2 == 0:
        spreads.append([len(thumbs) - 1, None])
    rows = (len(spreads) + columns - 1) // columns
    sheet = Image.new("RGB", (columns * (2 * w + GAP) + GAP, rows * (h + GAP + STRIP) + GAP),
                      "#e0e0e0")
    draw = ImageDraw.Draw(sheet)
    for n, (left, right) in enumerate(spreads):
        x = GAP + (n % columns) * (2 * w + GAP)
        y = GAP + (n // columns) * (h + GAP + STRIP)
        for offset, index in ((0, left), (w, right)):
            if index is None:
                continue
            sheet.paste(thumbs[index], (x + offset, y))
            draw.text((x + offset + PAD, y + h + 2), labels[index], fill="black", font=font,
                      anchor="la")
        draw.line((x + w, y, x + w, y + h - 1), fill="#9e9e9e")  # the spine, not into the strip
    out = io.BytesIO()
    sheet.save(out, format="PNG", optimize=True)
    return out.getvalue()
