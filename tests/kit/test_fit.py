"""Documents other than the carnet go through the same fitting: every word of the job ticket
lies inside its frame (checked with pdftotext -bbox), and what cannot fit is an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from monrecap.errors import RenderError
from monrecap.release.ticket import render_ticket

from .frames import Frame, margins, outside, words

MM = 72 / 25.4
A4_WIDTH, A4_HEIGHT = 595.28, 841.89
FINISHING = "Pliage, piqûre à cheval 2 agrafes, massicotage au format 105 × 148 mm"


def fonts():
    from monrecap.resources import toolkit_fonts

    return toolkit_fonts()


def test_long_ticket_values_wrap_inside_the_margins_and_their_column(tmp_path: Path) -> None:
    rows = [("Produit", "Mon Récap, carnet de suivi pour les personnes éloignées de l'emploi"),
            ("Édition", "association-departementale-insertion-val-fictif"),
            ("Mise en page", "A5 gros caractères, 18 points, pour les personnes qui lisent "
                             "mal de près"),
            ("Façonnage", FINISHING),
            ("Papier", "Offset blanc 120 g/m² recyclé, certifié FSC, intérieur et couverture"),
            ("Feuilles par carnet", "4")]
    title = ("Fiche de fabrication — "
             "v11-association-departementale-insertion-val-fictif-a5-atelier-sra4-a5")
    pdf = render_ticket(rows, title, fonts())
    found = words(pdf)
    assert "massicotage" in [w.text for w in found]
    assert outside(found, lambda w: margins(A4_WIDTH, A4_HEIGHT, 20 * MM)) == []
    # Below the title, a label stays in the label column and a value in the value column.
    # The job name, too long for a line, breaks after a hyphen.
    texts = [w.text for w in found]
    assert texts[:5] == ["Fiche", "de", "fabrication", "—",
                         "v11-association-departementale-insertion-val-"]
    first_row = next(w.y0 for w in found if w.text == "Produit")
    labels = Frame(20 * MM, 0, 72 * MM, A4_HEIGHT)
    values = Frame(75 * MM, 0, A4_WIDTH - 20 * MM, A4_HEIGHT)
    body = [w for w in found if w.y0 >= first_row - 0.5]
    assert {"Façonnage", "mal", "association-departementale-insertion-val-fictif"} <= \
        {w.text for w in body}
    assert outside(body, lambda w: labels if w.x0 < values.x0 - 1 else values) == []


def test_a_word_too_wide_for_its_cell_names_the_document_and_field() -> None:
    with pytest.raises(RenderError) as err:
        render_ticket([("Code de lot", "X" * 80)], "Fiche", fonts())
    assert [str(p) for p in err.value.problems] == [
        "job ticket: Code de lot: a word is 272 pt wider than its frame; words are never cut"]
