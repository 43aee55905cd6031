"""`avis`: the feedback block — phone and WhatsApp numbers printed large, and a QR code."""

from __future__ import annotations

from monrecap.content.schema import Avis
from monrecap.kit.frame import Frame
from monrecap.kit.painter import Painter
from monrecap.kit.qr import draw_qr

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
