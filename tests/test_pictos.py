"""Pictograms: Tabler's currentColor strokes, recoloured to CMYK."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.colors import CMYKColor, Color
from svglib.svglib import svg2rlg

from conftest import ROOT
from monrecap.errors import RenderError
from monrecap.kit.pictos import _shapes, load_picto, recolour

PHONE = ROOT / "pictograms" / "tabler" / "phone.svg"


def test_svglib_alone_draws_tabler_icons_with_no_colour() -> None:
    # The trap this module exists for: currentColor is not resolved, nothing is drawn.
    raw = svg2rlg(str(PHONE))
    assert not any(isinstance(s.strokeColor, Color) for s in _shapes(raw))


def test_loaded_pictograms_stroke_in_cmyk() -> None:
    ink = CMYKColor(1, 0.45, 0, 0.1)
    drawing = recolour(load_picto(PHONE), ink)
    strokes = [s.strokeColor for s in _shapes(drawing) if s.strokeColor is not None]
    assert strokes and all(isinstance(c, CMYKColor) and c.cmyk() == ink.cmyk() for c in strokes)


def test_every_committed_pictogram_has_ink() -> None:
    for svg in sorted((ROOT / "pictograms").rglob("*.svg")):
        load_picto(svg)


def test_a_pictogram_that_draws_nothing_is_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.svg"
    empty.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" '
                     'fill="none" stroke="none"><path d="M0 0h24v24H0z"/></svg>')
    with pytest.raises(RenderError, match="draws nothing"):
        load_picto(empty)
