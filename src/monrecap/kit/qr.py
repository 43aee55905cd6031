"""QR codes in 100 % K, encoded by ReportLab's QR widget and drawn as one CMYK path."""

from __future__ import annotations

from functools import lru_cache

from monrecap.kit.painter import Painter


@lru_cache(maxsize=8)
def qr_modules(url: str) -> tuple[tuple[bool, ...], ...]:
    """The QR code's modules, row by row: encoded once per URL in a process (`--watch`
    redraws the same code on every save)."""
    from reportlab.graphics.barcode.qr import QrCodeWidget  # the barcode package loads slowly

    widget = QrCodeWidget(url, barLevel="M")
    widget.qr.make()
    return tuple(tuple(bool(m) for m in row) for row in widget.qr.modules)


def draw_qr(p: Painter, url: str, x: float, y: float, size: float) -> None:
    """A QR code in 100 % K, encoded by ReportLab's QR widget, its modules filling the
    size × size square at (x, y); the white page around it is the quiet zone.

    The modules are drawn as one filled path in the ink colour rather than through
    renderPDF, whose default fill is RGB black and which emits one rectangle per run.
    """
    modules = qr_modules(url)
    count = len(modules)
    cell = size / count
    path = p.c.beginPath()
    for r, row in enumerate(modules):
        c = 0
        while c < count:
            if row[c]:
                start = c
                while c < count and row[c]:
                    c += 1
                path.rect(x + start * cell, y + size - (r + 1) * cell, (c - start) * cell, cell)
            else:
                c += 1
    p.c.setFillColor(p.color("ink"))
    p.c.drawPath(path, stroke=0, fill=1)
