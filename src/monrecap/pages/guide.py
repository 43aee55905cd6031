"""`mode-emploi`: how to use the carnet, in 3 to 5 numbered steps with a pictogram each."""

from __future__ import annotations

from monrecap.content.schema import ModeEmploi
from monrecap.kit.frame import Frame
from monrecap.kit.painter import Painter


def parts(page: ModeEmploi, p: Painter) -> int:
    return 1


def draw(page: ModeEmploi, p: Painter, part: int, f: Frame) -> None:
    y = f.top
    if page.intro:
        y -= p.text((page.id, ("intro",)), page.intro, f.x, y, f.width, bottom=f.bottom) + 10
    size = p.layout.pictogram
    r = p.size("body") * 0.75
    with_pictos = any(step.picto for step in page.steps)
    x_text = f.x + 2 * r + 8 + (size + 8 if with_pictos else 0)
    for i, step in enumerate(page.steps):
        ref = (page.id, ("steps", i, "text"))
        height = max(p.measure(step.text, f.right - x_text), size if step.picto else 2 * r)
        if y - height < f.bottom:
            p.problem(ref, f"step {i + 1} does not fit on the page: the steps need "
                           f"{f.top - y + height:.0f} pt, room for {f.height:.0f} pt")
            return
        p.disc(f.x + r, y - r, r)
        number = str(i + 1)
        p.line(ref, number, f.x + r - p.measure_width(number, bold=True) / 2,
               y - r - p.size("body") * 0.35, bold=True, colour="paper")
        if step.picto:
            p.picto(step.picto, f.x + 2 * r + 6, y - size, size)
        p.text(ref, step.text, x_text, y, f.right - x_text, bottom=f.bottom)
        y -= height + 12
