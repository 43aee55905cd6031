"""`avis`: the feedback block — phone and WhatsApp numbers printed large, and a QR code."""

from __future__ import annotations

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing

from ..content.schema import Avis
from .frame import Frame
from .painter import Painter
from .pictos import set_initial_state

MM = 72 / 25.4


def parts(page: Avis, p: Painter) -> int:
    return 1


def draw(page: Avis, p: Painter, part: int, f: Frame) -> None:
    y = f.top
    y -= p.text((page.id, ("intro",)), page.intro, f.x, y, f.width, bottom=f.bottom) + 10
    for label_key, label, key, number in (("phone_label", page.phone_label, "phone", page.phone),
                                          ("whatsapp_label", page.whatsapp_label, "whatsapp",
                                           page.whatsapp)):
        y -= p.text((page.id, (label_key,)), label, f.x, y, f.width, bottom=f.bottom,
                    bold=True) + 2
        y -= p.text((page.id, (key,)), number, f.x, y, f.width, bottom=f.bottom, role="key",
                    bold=True, colour="accent") + 10
    y -= p.text((page.id, ("qr_label",)), page.qr_label, f.x, y, f.width, bottom=f.bottom) + 4
    size = min(30 * MM, y - f.bottom)
    if size < 20 * MM:
        p.problem((page.id, ("qr_message",)), f"the QR code needs at least 20 mm, room for "
                  f"{size / MM:.0f} mm")
        return
    draw_qr(p, page.qr_url, f.x - 2 * MM, y - size, size)
    p.record((page.id, ("qr_message",)), f.x, y - size, size, size)


def draw_qr(p: Painter, url: str, x: float, y: float, size: float) -> None:
    """A QR code in 100 % K (ReportLab's default fill is RGB black)."""
    widget = QrCodeWidget(url, barLevel="M", barBorder=2, barWidth=size, barHeight=size,
                          barFillColor=p.color("ink"))
    drawing = set_initial_state(Drawing(size, size), p.color("ink"), p.fonts.regular_name)
    drawing.add(widget)
    renderPDF.draw(drawing, p.c, x, y)
