"""README pictures of a production week (`make docs`): the first page of a packing list and a
label sheet (outlined, as a preview), from examples/orders-2026-12.csv."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium

from monrecap.build import load_for_build
from monrecap.fonts import load_fontset
from monrecap.production.labelsheet import load_label_sheet
from monrecap.production import plan_orders
from monrecap.production.documents import labels, packing_list
from monrecap.production.labels import render_labels
from monrecap.production.packing import render_packing_list

ROOT = Path(__file__).resolve().parent.parent
SCALE = 70 / 72  # 70 dpi


def save_first_page(pdf: bytes, target: Path) -> None:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        Path(tmp.name).write_bytes(pdf)
        pdfium.PdfDocument(tmp.name)[0].render(scale=SCALE).to_pil().save(target,
                                                                         optimize=True)


def main(out: str) -> None:
    run = plan_orders(ROOT, ROOT / "examples" / "orders-2026-12.csv", week="2026-W50")
    job = run.jobs[-1]
    _, layout = load_for_build(ROOT, run.version, None, job.edition)
    fonts = load_fontset(layout.fonts.regular, layout.fonts.bold)
    save_first_page(render_packing_list(packing_list(job, run), layout, fonts, ROOT),
                    Path(out) / "packing-list.png")
    sheet = load_label_sheet(ROOT, "a4-2x7-99x38")
    save_first_page(render_labels(labels(job), sheet, layout, fonts, job.lot, guides=True),
                    Path(out) / "labels.png")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs")
