"""The carnet's feedback page (pages/avis.py, `avis`) with long labels, on the pocket and
the large-print layouts: every word read back by poppler inside the page's safe zone, the texts
under the title band; what leaves no room for the QR code names the version's line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from monrecap.build import load_for_build
from monrecap.errors import RenderError
from monrecap.fonts import load_fontset
from monrecap.pages import render_carnet

from kit.frames import Frame, outside, words

V12 = """\
version: v12
extends: v11
released: 2026-12-01
changelog:
  - change: La page d'avis dit quand appeler.
    finding: Des personnes appelaient le soir.
pages:
  - id: avis
    title: Donnez-nous votre avis
    intro: >-
      Dites-nous ce qui vous aide et ce qui vous gêne dans ce carnet. Vos idées servent à
      l'améliorer.
    phone_label: "Par téléphone, du lundi au vendredi :"
    whatsapp_label: "Par WhatsApp, un message écrit ou vocal :"
    qr_label: "{qr_label}"
"""
QR_LABEL = "Ou scannez ce code avec votre téléphone :"


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    repo = tmp_path_factory.mktemp("avis")
    for name in ("versions", "layouts", "fonts", "pictograms"):
        shutil.copytree(ROOT / name, repo / name)
    (repo / "versions" / "v12").mkdir()
    return repo


def render(repo: Path, qr_label: str, layout_name: str | None = None):
    (repo / "versions" / "v12" / "carnet.yaml").write_text(V12.format(qr_label=qr_label),
                                                           encoding="utf-8")
    carnet, layout = load_for_build(repo, "v12", layout_name)
    fonts = load_fontset(layout.fonts.regular, layout.fonts.bold)
    return layout, render_carnet(carnet, layout, fonts)


@pytest.mark.parametrize("layout_name", [None, "a5"])
def test_long_labels_stay_in_the_safe_zone_under_the_band(repo: Path, layout_name) -> None:
    layout, rendered = render(repo, QR_LABEL, layout_name)
    number = next(p.number for p in rendered.pages if p.id == "avis")
    found = [w for w in words(rendered.pdf) if w.page == number]
    assert [w.text for w in found if w.text in ("42", "11")] == ["42", "42", "11"]
    (width, height), b, s = layout.trim, layout.bleed, layout.safe
    assert outside(found, lambda w: Frame(b + s, b + s, b + width - s, b + height - s)) == []
    title = [w for w in found if w.text in ("Donnez-nous", "votre", "avis")][:3]
    assert [w.text for w in title] == ["Donnez-nous", "votre", "avis"]
    below_band = max(w.y1 for w in title)
    assert all(w.y0 > below_band for w in found if w not in title)


def test_labels_that_leave_no_room_for_the_qr_code_name_the_versions_line(repo: Path) -> None:
    with pytest.raises(RenderError) as caught:
        render(repo, "Ou scannez ce code avec l'appareil photo de votre téléphone, puis "
                     "envoyez-nous le message qui s'affiche :")
    assert str(caught.value) == (
        "versions/v12/carnet.yaml:15:15: pages -> 0 -> qr_label: leaves no room for "
        "'qr_message' (versions/v7/carnet.yaml:20:17) below it: the QR code needs at least "
        "20 mm, room for 18 mm (v12, page 'avis')")
