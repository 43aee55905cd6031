"""Writes docs/risk-map.png: the two 4 × 4 maps of v11's risk analysis, cropped from the A4
PDF that `monrecap risk v11 --pdf` draws (the picture is the document, not a mock-up).

Run from the repository root: python docs/make_risk_map.py docs/risk-map.png"""
import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium

SCALE = 2.0  # 144 dpi


def find(page, text):
    """The box (left, bottom, right, top, in points) of ``text`` on a pdfium page, or None."""
    textpage = page.get_textpage()
    searcher = textpage.search(text)
    found = searcher.get_next()
    if found is None:
        return None
    start, count = found
    boxes = [textpage.get_charbox(i) for i in range(start, start + count)]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
            max(b[3] for b in boxes))


def main(target: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "risque-v11.pdf"
        subprocess.run([sys.executable, "-m", "monrecap", "risk", "v11", "--pdf", str(pdf),
                        "-q", "--json"], check=True, stdout=subprocess.DEVNULL)
        document = pdfium.PdfDocument(str(pdf))
        for page in document:
            top = find(page, "Avant les mesures")
            bottom = find(page, "vraisemblance, de la plus faible")
            if top and bottom:
                break
        else:
            raise SystemExit("no risk map in the PDF")
        width, height = page.get_size()
        image = page.render(scale=SCALE).to_pil()
        box = (int(20 * SCALE), int((height - top[3] - 4) * SCALE),
               int((width - 20) * SCALE), int((height - bottom[1] + 10) * SCALE))
        image.crop(box).save(target)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/risk-map.png")
