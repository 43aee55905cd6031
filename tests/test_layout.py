"""Layouts: units and the easy-to-read floors of the type scale."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from monrecap.errors import ContentError
from monrecap.layout import load_layout
from monrecap.units import parse_size

MM = 72 / 25.4


def test_a4_is_exact() -> None:
    w, h = parse_size("A4")
    assert abs(w - 595.276) < 0.001 and abs(h - 841.890) < 0.001


@pytest.mark.parametrize("name,trim", [("a6-poche", (105, 148)), ("a5", (148, 210))])
def test_shipped_layouts(name: str, trim: tuple[int, int]) -> None:
    layout = load_layout(ROOT, name)
    assert layout.trim == pytest.approx((trim[0] * MM, trim[1] * MM))
    assert layout.bleed == pytest.approx(3 * MM)
    assert layout.safe >= 5 * MM and layout.type.body >= 14 and layout.type.key >= 18


def test_type_below_the_floors_is_refused(tmp_path: Path) -> None:
    (tmp_path / "layouts").mkdir()
    text = (ROOT / "layouts" / "a6-poche.yaml").read_text()
    text = text.replace("body: 14 ", "body: 12 ").replace("line: 0.75pt", "line: 0.2pt")
    text = text.replace("bleed: 3mm", "bleed: 2mm").replace("name: a6-poche", "name: petit")
    (tmp_path / "layouts" / "petit.yaml").write_text(text)
    shutil.copytree(ROOT / "fonts", tmp_path / "fonts")
    with pytest.raises(ContentError) as err:
        load_layout(tmp_path, "petit")
    messages = [str(p) for p in err.value.problems]
    assert messages == [
        "layouts/petit.yaml:6:8: bleed: must be at least 3mm (print shops trim within 3 mm)",
        "layouts/petit.yaml:15:9: type -> body: must be at least 14pt (easy-to-read minimum "
        "for running text)",
        "layouts/petit.yaml:27:9: rules -> line: must be at least 0.5pt (thinner lines break "
        "up in print)",
    ]
