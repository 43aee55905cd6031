"""What a row of the export causes downstream is said at its row and column; counts are written
in good French; weeks that do not exist and quantities past costs.yaml's limit are caught."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from conftest import run_cli
from monrecap.plural import count, plural
from monrecap.production import plan_orders
from monrecap.production.synth import HEADER_FR

from production.conftest import scratch_repo

LONG = "Bâtiment" + "exemplefictifsansaucuneespace" * 4  # one word wider than any frame


def row(order_id: str, edition: str, quantity: int, address: str = "3 rue de l'Exemple",
        contact: str = "Camille Essai") -> str:
    offer, quote = ("decouverte", "") if edition == "val-fictif" else ("cofinance", "D-1")
    return (f"{order_id};2026-11-03;CCAS de Fictiville;ccas;57;{edition};{quantity};{offer};"
            f"{quote};{address};Adresse d'exemple, fictive;57100;Fictiville;{contact};"
            "01 99 00 12 34;autre")


def write(path: Path, *rows: str) -> Path:
    path.write_text("\n".join([";".join(HEADER_FR), *rows]) + "\n", encoding="utf-8")
    return path


def text_of(pdf: Path) -> str:
    doc = pdfium.PdfDocument(pdf)
    return " ".join(" ".join(doc[i].get_textpage().get_text_range().split())
                    for i in range(len(doc)))


def test_every_row_that_does_not_fit_is_said_at_its_column_before_anything_is_written(
        tmp_path: Path):
    repo = scratch_repo(tmp_path / "repo")
    orders = write(tmp_path / "orders.csv", row("A-1", "", 20),
                   row("A-2", "val-fictif", 30, address=LONG),
                   row("A-3", "", 10, contact=LONG))
    result = run_cli("orders", "plan", "orders.csv", "--week", "2027-W05", "--commit", "-q",
                     "--root", "repo", cwd=tmp_path)
    assert result.returncode == 2
    errors = [e for e in result.stderr.splitlines() if not e.startswith("warning: ")]
    assert [w for w in result.stderr.splitlines() if w.startswith("warning: ")] == [
        f"warning: orders.csv:3: adresse: « {LONG} » is 124 characters, La Poste reads 38 a "
        "line (NF Z10-011)",
        f"warning: orders.csv:4: contact: « {LONG} » is 124 characters, La Poste reads 38 a "
        "line (NF Z10-011)",
        "warning: orders.csv: printed as written (smaller, or broken after a hyphen on a "
        "label): ask the structure to shorten the line for the carrier (« St » for « Saint », "
        "a complement in the second address line)"]
    assert [e.split(" « ")[0] for e in errors] == [
        "error: orders.csv:3: adresse:", "error: orders.csv:3: adresse:",
        "error: orders.csv:4: contact:", "error: orders.csv:4: contact:"]
    assert all(f"« {LONG} » does not fit " in e for e in errors)
    assert [e.split(" does not fit ")[1].split(":")[0] for e in errors] == [
        "a label of lot L2027-W05-02", "the delivery note of lot L2027-W05-02",
        "a label of lot L2027-W05-01", "the delivery note of lot L2027-W05-01"]
    assert all(e.endswith("wider than its frame; words are never cut") for e in errors)
    assert not (repo / "dist").exists() and not (repo / "runs").exists()


def test_counts_agree_with_their_nouns():
    assert [count(n, "carnet") for n in (0, 1, 2, 100_000)] == [
        "0 carnet", "1 carnet", "2 carnets", "100000 carnets"]
    assert [count(n, "colis") for n in (1, 2)] == ["1 colis", "2 colis"]
    assert count(1.5, "kilo") == "1.5 kilo" and plural(2, "journal", "journaux") == "journaux"
    assert [count(n, "order", lang="en") for n in (0, 1, 2, 100_000)] == [
        "0 orders", "1 order", "2 orders", "100000 orders"]
    assert count(1, "carnet commandé") == "1 carnet commandé"
    assert count(3, "carnet commandé") == "3 carnets commandés"


def test_a_week_of_one_carnet_is_written_in_the_singular(tmp_path: Path):
    repo = scratch_repo(tmp_path / "repo")
    orders = write(tmp_path / "orders.csv", row("S-1", "", 1))
    result = run_cli("orders", "plan", str(orders), "--week", "2027-W05", "--commit",
                     "--root", str(repo))
    assert result.returncode == 0, result.stderr
    assert f"read {orders}: 1 order (UTF-8, ';' separated)" in result.stderr
    assert "1 order, 1 copy, 1 parcel, cost " in result.stderr
    job = repo / "dist" / "runs" / "2027-W05" / "jobs" / "L2027-W05-01-base"
    note = text_of(job / "delivery-notes.pdf")
    assert "Vous recevez 1 carnet Mon Récap, version v11." in note
    assert "Il est dans 1 colis." in note and "Vérifiez le colis à la réception." in note
    assert "Colis 1 sur 1 : 1 carnet " in note + " "
    assert "En tout : 1 commande et 1 colis." in text_of(job / "packing-list.pdf")
    summary = text_of(repo / "dist" / "runs" / "2027-W05" / "summary.pdf")
    assert "1 commande, 1 carnet commandé, 2 imprimés" in summary
    assert "édition de base : 1 commandé, 2 imprimés," in summary
    shown = run_cli("lot", "L2027-W05-01", "--root", str(repo))
    assert shown.stdout.splitlines()[1] == "1 copy ordered, 2 printed, 1 order"
    listed = run_cli("orders", "history", "--root", str(repo))
    assert "  1 lot L2027-W05-01  1 order  1 copy  2 printed  " in listed.stdout
    assert listed.stdout.splitlines()[-1] == "total: 1 order, 1 copy, 2 printed"


def test_weeks_that_do_not_exist_are_refused(tmp_path: Path):
    repo = scratch_repo(tmp_path / "repo")
    orders = write(tmp_path / "orders.csv", row("S-1", "", 1))
    result = run_cli("orders", "plan", str(orders), "--week", "2027-W53", "--root", str(repo))
    assert (result.returncode, result.stderr) == (
        2, "error: --week: « 2027-W53 » does not exist: 2027 has 52 ISO weeks\n")
    assert plan_orders(repo, orders, week="2026-w53").week == "2026-W53"  # 2026 has 53
    assert not (repo / "dist").exists()


def test_a_quantity_above_the_limit_of_costs_yaml_is_a_warning(tmp_path: Path):
    repo = scratch_repo(tmp_path / "repo")
    orders = write(tmp_path / "orders.csv", row("Q-1", "", 20), row("Q-2", "", 20_000))
    run = plan_orders(repo, orders, week="2027-W05")
    assert run.warnings == (
        f"{orders}:3: quantite: 20000 carnets ordered, above the limit of 2000 set in "
        "costs.yaml (limits -> quantity): planned as written, check it with the structure",)
    assert sum(p.order.quantity for j in run.jobs for p in j.orders) == 20_020


def test_a_quantity_above_the_hard_limit_is_refused_at_its_row_before_anything(
        tmp_path: Path):
    """100 000 000 carnets would be a million labels: refused at once (exit 2, nothing
    written), with every row past the limit; a number of 6000 digits is no quantity."""
    repo = scratch_repo(tmp_path / "repo")
    write(tmp_path / "orders.csv", row("Q-1", "", 20), row("Q-2", "", 100_000_000),
          row("Q-3", "", 20_001), row("Q-4", "", int("9" * 12)))
    result = run_cli("orders", "plan", "orders.csv", "--week", "2027-W05", "--commit",
                     "--root", "repo", cwd=tmp_path, env={"MONRECAP_TIMEOUT": "60"})
    hard = ("more than the 20000 an order may have (10 × limits -> quantity in costs.yaml; "
            "limits -> max_quantity changes it): nothing is planned, check it with the "
            "structure")
    assert (result.returncode, result.stderr) == (2, (
        f"error: orders.csv:3: quantite: 100000000 carnets ordered, {hard}\n"
        f"error: orders.csv:4: quantite: 20001 carnets ordered, {hard}\n"
        "error: orders.csv:5: quantite: « 999999999999… » (12 digits) is not a quantity of "
        "carnets\n"))
    assert not (repo / "dist").exists() and not (repo / "runs").exists()
    costs = repo / "costs.yaml"
    costs.write_text(costs.read_text(encoding="utf-8").replace(
        "  # max_quantity: 20000", "  max_quantity: 50000"), encoding="utf-8")
    write(tmp_path / "orders.csv", row("Q-1", "", 20), row("Q-2", "", 50_001))
    result = run_cli("orders", "plan", "orders.csv", "--week", "2027-W05", "--root", "repo",
                     cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, (
        "error: orders.csv:3: quantite: 50001 carnets ordered, more than the 50000 an order "
        "may have (limits -> max_quantity in costs.yaml): nothing is planned, check it with "
        "the structure\n"))
    costs.write_text(costs.read_text(encoding="utf-8").replace(
        "max_quantity: 50000", "max_quantity: 1000"), encoding="utf-8")
    result = run_cli("orders", "plan", "orders.csv", "--week", "2027-W05", "--root", "repo",
                     cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("error: costs.yaml:")
    assert "max_quantity (1000) is below quantity (2000)" in result.stderr
