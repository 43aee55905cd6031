"""Addresses for the carrier: a real commune's long name printed on the smallest label (broken
after a hyphen), a line over La Poste's 38 characters said at its row and columns as a warning,
a word with no hyphen to break at still an error at its row and column."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from conftest import run_cli
from monrecap.production import plan_orders

from production.conftest import scratch_repo
from production.test_rows import row, write

COMMUNE = "Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson"
LONG_LINE = ("Résidence des Tilleuls, bâtiment C, escalier 4, porte 12, appartement 1207 au "
             "douzième étage, interphone Exemple-Fictif")
HINT = ("printed as written (smaller, or broken after a hyphen on a label): ask the structure "
        "to shorten the line for the carrier (« St » for « Saint », a complement in the second "
        "address line)")


def lines_of(pdf: Path) -> list[str]:
    """The first page's text lines, as pdfium reads them (it joins a line that ends with a
    hyphen to the next one with U+FFFE: that is a line break after the hyphen)."""
    page = pdfium.PdfDocument(pdf)[0]
    text = page.get_textpage().get_text_range().replace("\ufffe", "-\n")
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def test_a_long_commune_and_a_long_line_print_on_the_smallest_label(tmp_path: Path):
    repo = scratch_repo(tmp_path / "repo")
    write(tmp_path / "orders.csv",
          row("P-1", "", 20).replace("57100;Fictiville", f"51290;{COMMUNE}"),
          row("P-2", "", 30, address=LONG_LINE))
    result = run_cli("orders", "plan", "orders.csv", "--week", "2027-W05", "--labels",
                     "a4-3x8-70x37", "--root", "repo", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [w for w in result.stderr.splitlines() if w.startswith("warning: ")] == [
        f"warning: orders.csv:2: code_postal, ville: « 51290 {COMMUNE} » is 51 characters, "
        "La Poste reads 38 a line (NF Z10-011)",
        f"warning: orders.csv:3: adresse: « {LONG_LINE} » is 119 characters, La Poste reads 38 "
        "a line (NF Z10-011)",
        f"warning: orders.csv: {HINT}"]
    labels = tmp_path / "out" / "2027-W05" / "jobs" / "L2027-W05-01-base" / "labels.pdf"
    text = lines_of(labels)
    # Broken after a hyphen, the postcode kept on the line with the start of the name.
    assert text[:7] == ["P-1 colis 1 sur 1", "Camille Essai", "CCAS de Fictiville",
                        "3 rue de l'Exemple", "Adresse d'exemple, fictive",
                        "51290 Saint-Rémy-en-Bouzemont-Saint-", "Genest-et-Isson"]
    assert " ".join(text[7:]) == (
        "P-2 colis 1 sur 1 Camille Essai CCAS de Fictiville Résidence des Tilleuls, bâtiment "
        "C, escalier 4, porte 12, appartement 1207 au douzième étage, interphone "
        "Exemple-Fictif Adresse d'exemple, fictive 57100 Fictiville")


def test_a_name_with_no_hyphen_to_break_at_is_still_an_error_at_its_row(tmp_path: Path):
    repo = scratch_repo(tmp_path / "repo")
    name = "Saintrémyenbouzemontsaintgenestetissonsurlamarne"  # no hyphen to break at
    write(tmp_path / "orders.csv", row("P-1", "", 20).replace("57100;Fictiville",
                                                              f"51290;{name}"))
    result = run_cli("orders", "plan", "orders.csv", "--week", "2027-W05", "--labels",
                     "a4-3x8-70x37", "--root", "repo", "--out", "out", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].startswith(
        f"error: orders.csv:2: code_postal, ville: « 51290 {name} » does not fit a label of lot "
        "L2027-W05-01: a word is ")
    assert result.stderr.splitlines()[-1].endswith(
        " pt wider than its frame; words are never cut")
    assert not (tmp_path / "out").exists()


def test_past_ten_rows_the_long_lines_are_counted(tmp_path: Path):
    repo = scratch_repo(tmp_path / "repo")
    orders = write(tmp_path / "orders.csv",
                   *(row(f"P-{i}", "", 10, address=LONG_LINE) for i in range(12)))
    warnings = plan_orders(repo, orders, week="2027-W05").warnings
    assert warnings[0] == (f"{orders}:2: adresse: « {LONG_LINE} » is 119 characters, La Poste "
                           "reads 38 a line (NF Z10-011)")
    assert [w.split(":")[1] for w in warnings[:10]] == [str(n) for n in range(2, 12)]
    assert warnings[10:] == (f"{orders}: and 2 more rows like these; {HINT}",)
    exact = write(tmp_path / "exact.csv", row("P-1", "", 10, address="x" * 38))
    assert plan_orders(repo, exact, week="2027-W05").warnings == ()
