"""Front and back covers (`couverture`, `dos`): full-page designs with no page number."""

from __future__ import annotations

from monrecap.content.schema import Couverture, Dos
from monrecap.kit.painter import Painter

FULL_PAGE = True


def parts(page: Couverture | Dos, p: Painter) -> int:
    return 1


def draw_couverture(page: Couverture, p: Painter, part: int) -> None:
    s, W, H = p.safe, p.W, p.H
    big = p.layout.pictogram * 2.2
    # Top block in the band colour, into the bleed on three sides.
    block_bottom = H * 0.42
    p.band(0, block_bottom, W, H)
    y = H - s
    if page.picto:
        p.picto(page.picto, s, H - s - big, big, colour="accent")
        y -= big + 14
    y -= p.text((page.id, ("title",)), page.title, s, y, W - 2 * s, bottom=block_bottom,
                role="cover", bold=True)
    if page.subtitle:
        p.text((page.id, ("subtitle",)), page.subtitle, s, y - 6, W - 2 * s,
               bottom=block_bottom + 8)
    # Owner: first name only.
    y = block_bottom - 20
    band_top = s + p.line_height("body") * 2 + 12 if page.band else s
    y -= p.text((page.id, ("owner_label",)), page.owner_label, s, y, W - 2 * s,
                bottom=band_top, role="heading", bold=True)
    line_y = y - p.line_height("body") * 1.6
    p.rule(s, line_y, W - s, colour="ink")
    if page.owner_hint:
        p.text((page.id, ("owner_hint",)), page.owner_hint, s, line_y - 4, W - 2 * s,
               bottom=band_top, role="small", colour="muted")
    if page.band:
        # Sponsor or co-financing line on an accent strip along the bottom edge.
        p.band(0, 0, W, band_top - 4, colour="accent")
        p.text((page.id, ("band",)), page.band, s, band_top - 4 - 8, W - 2 * s, bottom=s,
               colour="paper", bold=True)


def draw_dos(page: Dos, p: Painter, part: int, lot: str | None = None) -> None:
    """The back cover; ``lot`` (a build input) is printed in the print-lot box."""
    s, W, H = p.safe, p.W, p.H
    p.band(0, 0, W, H * 0.3)
    y = H - s
    y -= p.text((page.id, ("title",)), page.title, s, y, W - 2 * s, role="title", bold=True)
    y -= 8
    for i, line in enumerate(page.lines):
        y -= p.text((page.id, ("lines", i)), line, s, y, W - 2 * s, bottom=H * 0.3 + 70,
                    role="small") + 2
    if page.lot_label:
        # Print-lot code: a box the print shop stamps or writes in.
        y -= 14
        label_w = p.line((page.id, ("lot_label",)), page.lot_label, s, y - p.size("small"),
                         role="small", bold=True, max_width=W - 2 * s)
        box_h = p.size("small") * 2
        box_x, box_w = s + label_w + 6, min(36 * 72 / 25.4, W - 2 * s - label_w - 6)
        p.frame(box_x, y - box_h + 4, box_w, box_h, colour="ink", radius=2)
        if lot:
            p.line((page.id, ("lot_label", "lot")), lot, box_x + 4, y - p.size("small"),
                   role="small", bold=True, max_width=box_w - 8)
    p.text((page.id, ("disposal",)), page.disposal, s, H * 0.3 - 10, W - 2 * s, bottom=s,
           role="small", bold=True)
