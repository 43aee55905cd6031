"""SVG pictograms through svglib, recoloured to one CMYK ink (outline sets use currentColor)."""

from __future__ import annotations

import hashlib
import io
import re
from functools import lru_cache
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group
from reportlab.lib.colors import CMYKColor, Color
from svglib.svglib import svg2rlg

from monrecap.errors import RenderError
from monrecap.kit.fit import overprints, set_overprint

_CURRENT = re.compile(rb"currentColor", re.IGNORECASE)


@lru_cache(maxsize=256)
def load_picto(path: Path) -> Drawing:
    """The SVG as a ReportLab Drawing, ``currentColor`` resolved to black.

    svglib does not resolve ``currentColor`` (Tabler and Lucide outline icons stroke with it):
    left alone, those icons draw nothing and raise no error.
    """
    data = _CURRENT.sub(b"#000000", path.read_bytes())
    drawing = svg2rlg(io.BytesIO(data))
    if drawing is None or drawing.width <= 0 or drawing.height <= 0:
        raise RenderError(f"{path}: not a usable SVG pictogram")
    if not _has_ink(drawing):
        raise RenderError(f"{path}: the pictogram draws nothing (no stroke or fill colour)")
    return drawing


def _shapes(node):
    for child in getattr(node, "contents", []):
        if isinstance(child, Group):
            yield from _shapes(child)
        else:
            yield child


def _has_ink(drawing: Drawing) -> bool:
    return any(isinstance(getattr(s, "strokeColor", None), Color)
               or isinstance(getattr(s, "fillColor", None), Color) for s in _shapes(drawing))


def set_initial_state(drawing: Drawing, ink: CMYKColor, font: str) -> Drawing:
    """Give the drawing a CMYK initial state and our font.

    renderPDF otherwise opens every drawing with RGB black (``0 0 0 rg``) and the graphics
    default font (Helvetica, unembedded), even when no shape uses them.
    """
    # Drawing validates attribute names; renderbase reads these with getattr.
    drawing.__dict__.update(initialFillColor=ink, initialStrokeColor=ink,
                            initialFontName=font)
    return drawing


def recolour(drawing: Drawing, ink: CMYKColor) -> Drawing:
    """A copy of the drawing where every stroke and fill is ``ink`` (print in CMYK only)."""
    copy = drawing.copy()
    for shape in _shapes(copy):
        for attr in ("strokeColor", "fillColor"):
            if isinstance(getattr(shape, attr, None), Color):
                setattr(shape, attr, ink)
    return copy


@lru_cache(maxsize=512)
def _coloured(path: Path, ink: tuple[float, float, float, float], font: str) -> Drawing:
    colour = CMYKColor(*ink)
    return set_initial_state(recolour(load_picto(path), colour), colour, font)


@lru_cache(maxsize=512)
def _form_id(path: Path, ink: tuple[float, float, float, float]) -> str:
    """The form's name from what the SVG holds and the ink, never from where it lies: two
    checkouts of the same sources write the same bytes."""
    digest = hashlib.sha1(path.read_bytes())
    digest.update(repr(ink).encode())
    return digest.hexdigest()[:12]


def draw_picto(canvas, path: Path, x: float, y: float, size: float, ink: CMYKColor,
               font: str) -> None:
    """Draw the pictogram scaled into a size × size square at (x, y).

    Each pictogram and ink is drawn once into a form XObject, then placed by reference:
    a pictogram repeated on twelve pages is stored once.
    """
    key = (ink.cyan, ink.magenta, ink.yellow, ink.black)
    drawing = _coloured(path, key, font)
    name = f"picto{_form_id(path, key)}"
    forms = canvas.__dict__.setdefault("_monrecap_forms", set())
    if name not in forms:
        canvas.beginForm(name, lowerx=0, lowery=0, upperx=drawing.width,
                         uppery=drawing.height)
        renderPDF.draw(drawing, canvas, 0, 0, showBoundary=False)
        canvas.endForm()
        forms.add(name)
    scale = size / max(drawing.width, drawing.height)
    canvas.saveState()
    if overprints(ink):  # a 100 % K pictogram overprints, as black text does
        set_overprint(canvas, True)
    canvas.translate(x, y)
    canvas.scale(scale, scale)
    canvas.doForm(name)
    canvas.restoreState()
