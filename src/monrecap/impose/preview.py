"""A PNG picture of the sheet plan: each sheet side as boxes with page numbers and an arrow
for the top of each page (Pillow, confined here)."""

from __future__ import annotations

from PIL import Image, ImageDraw

from monrecap.impose.sheetplan import SheetPlan

SCALE = 0.6  # pixels per point


def preview_png(plan: SheetPlan, sheet: int = 1) -> bytes:
    """Recto and verso of one sheet side by side."""
    import io

    sides = plan.sheets[sheet - 1].sides
    sw, sh = plan.sheet
    w, h = int(sw * SCALE), int(sh * SCALE)
    image = Image.new("RGB", (len(sides) * (w + 20) - 20, h + 24), "white")
    draw = ImageDraw.Draw(image)
    for i, side in enumerate(sides):
        ox = i * (w + 20)
        draw.rectangle((ox, 24, ox + w - 1, 24 + h - 1), outline="black")
        draw.text((ox + 4, 4), f"feuille {sheet} · {side.name}", fill="black")
        for p in side.placements:
            x0, y0, x1, y1 = (v * SCALE for v in p.rect)
            box = (ox + x0, 24 + h - y1, ox + x1, 24 + h - y0)
            draw.rectangle(box, outline="#1565c0", fill="#e3f2fd" if p.page is not None else "#eeeeee")
            label = "blanc" if p.page is None else str(p.page + 1)
            cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
            draw.text((cx - 6, cy - 5), label, fill="black")
            # A line from the centre towards the top of the page as printed, dot at the top.
            dx, dy = {0: (0, -1), 180: (0, 1), 90: (-1, 0), 270: (1, 0)}[p.rotation]
            r = min(box[2] - box[0], box[3] - box[1]) / 3
            tip = (cx + dx * r, cy + dy * r)
            draw.line((cx + dx * 12, cy + dy * 12, *tip), fill="#c62828", width=2)
            draw.ellipse((tip[0] - 3, tip[1] - 3, tip[0] + 3, tip[1] + 3), fill="#c62828")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
