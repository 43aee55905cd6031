"""`avis`: the feedback block — phone and WhatsApp numbers printed large, and a QR code."""

from __future__ import annotations

from functools import lru_cache

from ..content.schema import Avis
from .frame import Frame
from .painter import Painter

MM = 72 / 25.4


def parts(page: Avis, p: Painter) -> int:
    return 1


def draw(page: Avis, p: Painter, part: int, f: Frame) -> None:
    y = f.top
    y -= p.text((page.id, ("intro",)), page.intro, f.x, y, f.width, bottom=f.bottom) + 10
    numbers = [("phone_label", page.phone_label, "phone", page.phone)]
    if page.whatsapp:
        numbers.append(("whatsapp_label", page.whatsapp_label, "whatsapp", page.whatsapp))
    for label_key, label, key, number in numbers:
        y -= p.text((page.id, (label_key,)), label, f.x, y, f.width, bottom=f.bottom,
                    bold=True) + 2
        y -= p.text((page.id, (key,)), number, f.x, y, f.width, bottom=f.bottom, role="key",
                    bold=True, colour="accent") + 10
    if page.qr_url is None:
        return
    y -= p.text((page.id, ("qr_label",)), page.qr_label, f.x, y, f.width, bottom=f.bottom) + 8
    size = min(28 * MM, y - f.bottom - 4)
    if size < 20 * MM:  # the texts above took the room: blamed on what the version changed
        p.overflow((page.id, ("qr_message",)), f"the QR code needs at least 20 mm, room for "
                   f"{max(0, size) / MM:.0f} mm")
        return
    draw_qr(p, page.qr_url, f.x, y - size, size)
    p.record((page.id, ("qr_message",)), f.x, y - size, size, size)


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
