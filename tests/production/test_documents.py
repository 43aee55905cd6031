"""The ESAT's documents keep to the easy-to-read rules, and text that does not fit is an error."""

from __future__ import annotations

import pytest

from conftest import ROOT
from monrecap.build import load_for_build
from monrecap.errors import RenderError
from monrecap.fonts import load_fontset
from monrecap.production.labelsheet import load_label_sheet
from monrecap.production.documents import easy_read_problems
from monrecap.production.esatrows import Label
from monrecap.production.labels import render_labels
from monrecap.production.packing import headings, instructions


def test_fixed_sentences_pass_the_easy_to_read_check():
    assert easy_read_problems(instructions(10, 100) + headings(10), "packing list") == []


def test_easy_to_read_check_flags_long_sentences_and_special_characters():
    problems = easy_read_problems(
        ["Je prends les paquets (10 carnets) & je les mets dans le colis.",
         "Je mets les carnets dans le colis puis je ferme le colis avec le ruban et je colle "
         "l'étiquette sur le dessus du colis."], "packing list")
    assert [str(p) for p in problems] == [
        "packing list: Je prends les paquets (10 carn: special characters & ( ): write them "
        "out in words",
        "packing list: Je mets les carnets dans le co: 24 words in one sentence; "
        "easy-to-read sentences stay under 15",
    ]


def test_an_address_too_long_for_its_label_is_an_error():
    sheet = load_label_sheet(ROOT, "a4-3x8-70x37")
    _, layout = load_for_build(ROOT, "v11")
    fonts = load_fontset(layout.fonts.regular, layout.fonts.bold)
    # Set smaller down to 8 pt, a 70 × 37 mm label holds 7 address lines, not 8.
    label = Label("C-00001", 1, 1, 10, ("Camille Exemple",) + ("Structure d'exemple",) * 7)
    with pytest.raises(RenderError) as caught:
        render_labels([label], sheet, layout, fonts, "L2026-W50-01")
    assert str(caught.value).startswith(
        "labels L2026-W50-01: C-00001 parcel 1.address.")
    assert "does not fit" in str(caught.value)
