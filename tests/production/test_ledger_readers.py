"""The ledger's readers on small hand-written ledgers (no plan is run): the exact lot → version
mapping, the lots a text names and the hint listing the known ones, the weeks' history and its
running totals, the orders already produced, and runs/<week>.yaml as it is written, byte for
byte. Structures are fictitious; the ledger holds no person's data."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli
from monrecap.errors import MonrecapError, UsageError
from monrecap.production.ledger import (LotInfo, find_lot, find_lots, history, known_lots,
                                        lot_versions, produced_orders, read_ledger,
                                        write_ledger)

WEEKS = {
    "2026-W50": """\
week: 2026-W50
version: v11
costs: {total: '122.78', currency: EUR}
jobs:
  - lot: L2026-W50-01
    copies_ordered: 280
    copies_to_print: 289
    press_sheets: 604
    orders:
      - {id: C-00001, structure: Association Exemple, territory: '57', quantity: 250,
         offer: decouverte}
      - {id: C-00002, structure: Mission Locale de Fictiville, territory: '54', quantity: 30,
         offer: cofinance}
  - lot: L2026-W50-02
    edition: mission-locale-fictiville
    version: v11-ml       # this lot was printed from another version than its week's
    copies_ordered: 40
    copies_to_print: 45   # no press_sheets: a ledger written before they were counted
    orders:
      - {id: C-00003, structure: Régie de quartier de l'Étang, territory: '88', quantity: 40}
""",
    "2026-W51": """\
week: 2026-W51
version: v12
jobs:
  - lot: L2026-W51-03
    copies_ordered: 50
    copies_to_print: 55
    press_sheets: 30
    orders:
      - {id: C-00003, structure: Régie de quartier de l'Étang, territory: '88', quantity: 40}
      - {id: N-00001, structure: Association Exemple, territory: '57', quantity: 10}
""",
    "2026-W52": """\
week: 2026-W52
version: v12
jobs:
  - lot: L2026-W52-04
    copies_ordered: 5
    copies_to_print: 6
    orders:
      - {id: N-00002, structure: Association Exemple, territory: '57', quantity: 5}
""",
}
LOTS = ["L2026-W50-01", "L2026-W50-02", "L2026-W51-03", "L2026-W52-04"]


def ledger(root: Path, weeks: dict[str, str] = WEEKS) -> Path:
    for folder in ("runs", "versions", "layouts"):  # a repository's root
        (root / folder).mkdir(parents=True)
    for week, text in weeks.items():
        (root / "runs" / f"{week}.yaml").write_text(text, encoding="utf-8")
    return root


def test_a_lot_with_its_own_version_is_attributed_to_it(tmp_path):
    """Feedback naming lot L2026-W50-02 is about v11-ml, not its week's v11."""
    assert lot_versions(ledger(tmp_path)) == {
        "L2026-W50-01": "v11", "L2026-W50-02": "v11-ml", "L2026-W51-03": "v12",
        "L2026-W52-04": "v12"}
    assert lot_versions(tmp_path / "no-ledger") == {}


def test_history_sums_each_week_and_runs_the_totals(tmp_path):
    """An order recorded twice (C-00003, weeks 50 and 51) counts once in the orders and the
    copies ordered; what was printed is printed: every week's copies add up."""
    assert history(ledger(tmp_path)) == {
        "runs": [
            {"week": "2026-W50", "version": "v11", "file": "runs/2026-W50.yaml",
             "lots": ["L2026-W50-01", "L2026-W50-02"], "orders": 3, "repeated": [],
             "copies_ordered": 320, "copies_printed": 334, "press_sheets": 604,
             "cost": "122.78"},
            {"week": "2026-W51", "version": "v12", "file": "runs/2026-W51.yaml",
             "lots": ["L2026-W51-03"], "orders": 2, "repeated": ["C-00003"],
             "copies_ordered": 50, "copies_printed": 55, "press_sheets": 30, "cost": "0.00"},
            {"week": "2026-W52", "version": "v12", "file": "runs/2026-W52.yaml",
             "lots": ["L2026-W52-04"], "orders": 1, "repeated": [],
             "copies_ordered": 5, "copies_printed": 6, "press_sheets": 0, "cost": "0.00"}],
        "totals": {"weeks": 3, "orders": 5, "copies_ordered": 335, "copies_printed": 395,
                   "orders_in_two_weeks": ["C-00003"]}}
    assert history(tmp_path / "no-ledger") == {
        "runs": [], "totals": {"weeks": 0, "orders": 0, "copies_ordered": 0,
                               "copies_printed": 0, "orders_in_two_weeks": []}}


def test_orders_history_prints_each_week_and_the_totals(tmp_path):
    shown = run_cli("orders", "history", "--root", str(ledger(tmp_path)),
                    env={"COLUMNS": "200"})
    assert (shown.returncode, shown.stderr) == (0, "")
    assert shown.stdout.splitlines() == [
        "2026-W50  v11  2 lots L2026-W50-01…L2026-W50-02  3 orders  320 copies  334 printed  "
        "604 sheets  122.78 EUR",
        "2026-W51  v12  1 lot L2026-W51-03  2 orders  50 copies  55 printed  30 sheets  "
        "0.00 EUR",
        "  1 order of an earlier week again: C-00003",
        "2026-W52  v12  1 lot L2026-W52-04  1 order  5 copies  6 printed  0 sheets  0.00 EUR",
        "total: 5 orders, 335 copies, 395 printed"]


def test_orders_already_produced_are_those_of_every_week_but_the_one_replanned(tmp_path):
    runs = read_ledger(ledger(tmp_path))
    where = {order_id: (p.week, p.lot, p.edition, p.file, p.order.quantity)
             for order_id, p in produced_orders(runs, skip_week="2026-W51").items()}
    assert where == {
        "C-00001": ("2026-W50", "L2026-W50-01", None, "runs/2026-W50.yaml", 250),
        "C-00002": ("2026-W50", "L2026-W50-01", None, "runs/2026-W50.yaml", 30),
        "C-00003": ("2026-W50", "L2026-W50-02", "mission-locale-fictiville",
                    "runs/2026-W50.yaml", 40),
        "N-00002": ("2026-W52", "L2026-W52-04", None, "runs/2026-W52.yaml", 5)}
    first = {order_id: p.week for order_id, p in produced_orders(runs).items()}
    assert first == {"C-00001": "2026-W50", "C-00002": "2026-W50", "C-00003": "2026-W50",
                     "N-00001": "2026-W51", "N-00002": "2026-W52"}


def test_every_file_that_is_not_a_week_is_named_not_only_the_first(tmp_path):
    root = ledger(tmp_path, {
        "2026-W48": "", "2026-W49": "{}\n", "2026-W50": WEEKS["2026-W50"],
        "2026-W51": "- L2026-W51-03\n", "2026-W52": "un carnet perdu\n",
        "2026-W53": WEEKS["2026-W52"]})
    with pytest.raises(MonrecapError) as caught:
        read_ledger(root)
    not_a_week = "not a production week (week:, version:, jobs:)"
    assert [str(p) for p in caught.value.problems] == [
        f"runs/2026-W48.yaml: {not_a_week}", f"runs/2026-W49.yaml: {not_a_week}",
        f"runs/2026-W51.yaml: {not_a_week}", f"runs/2026-W52.yaml: {not_a_week}",
        "runs/2026-W53.yaml: week: 2026-W52 in a file named 2026-W53.yaml: the file is named "
        "after its week"]


def test_a_lot_is_found_with_its_week_version_copies_and_orders(tmp_path):
    root = ledger(tmp_path)
    expected = LotInfo("L2026-W51-03", "2026-W51", "v12", None, 50, 55,
                       [{"id": "C-00003", "structure": "Régie de quartier de l'Étang",
                         "territory": "88", "quantity": 40},
                        {"id": "N-00001", "structure": "Association Exemple",
                         "territory": "57", "quantity": 10}], "runs/2026-W51.yaml")
    assert find_lot(root, "  l2026-w51-03 ") == expected
    # a lot printed from its own version: `monrecap lot` says the version feedback gets
    assert (find_lot(root, "L2026-W50-02").edition, find_lot(root, "L2026-W50-02").version) \
        == ("mission-locale-fictiville", "v11-ml")
    # the first lot the text names, not the last nor the oldest
    assert find_lot(root, "lots L2026-W51-03 et l2026-w50-02").lot == "L2026-W51-03"
    assert [i.lot for i in find_lots(root, "L2026-W52-04, L2026-W50-02 puis L2026-W52-04")] \
        == ["L2026-W52-04", "L2026-W50-02"]


@pytest.mark.parametrize("text,problems", [
    # not quite a lot code: taken as one, and said to be unknown
    (" l2026-w50-2 ", ["lot L2026-W50-2 is not in the ledger; known lots: " + ", ".join(LOTS)]),
    ("", ["«  » names no lot (like L2026-W50-03); known lots: " + ", ".join(LOTS)]),
    ("L2026-W50-09 et L2026-W50-01", ["lot L2026-W50-09 is not in the ledger; known lots: "
                                      + ", ".join(LOTS)]),
])
def test_an_unknown_lot_is_said_with_the_known_ones(tmp_path, text, problems):
    with pytest.raises(UsageError) as caught:
        find_lots(ledger(tmp_path), text)
    assert [str(p) for p in caught.value.problems] == problems


def test_with_no_ledger_the_hint_says_it_is_empty(tmp_path):
    with pytest.raises(UsageError) as caught:
        find_lots(tmp_path, "L2026-W50-01")
    assert str(caught.value) == "lot L2026-W50-01 is not in the ledger; the ledger runs/ is empty"


def test_the_hint_lists_six_lots_whole_and_the_latest_six_of_more():
    six = [f"L2026-W50-{n:02d}" for n in range(1, 7)]
    assert known_lots(six) == f"known lots: {', '.join(six)}"
    assert known_lots([*six, "L2026-W51-07"]) == (
        f"known lots: …, {', '.join(six[1:])}, L2026-W51-07 (the latest 6 of 7: monrecap "
        "orders history lists every week)")


STRUCTURES = [  # each long enough to be folded at the 100th column, one word off the other
    "Association de quartier pour l'insertion et l'emploi des jeunes et des adultes du pays de "
    "Fictiville et de ses environs",
    "Association d'entraide pour l'insertion et l'emploi des jeunes et des adultes du pays de "
    "Fictiville et de ses environs"]

WRITTEN = """\
# Production week, recorded by `monrecap orders plan --commit`. Commit this file:
# lots are never reused. No personal data here (see the README).
week: 2026-W50
version: v11
orders:
  file: commandes-décembre.csv
  sha256: 5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e
costs:
  total: '12.34'
  currency: EUR
jobs:
- lot: L2026-W50-01
  edition: null
  copies_ordered: 30
  copies_to_print: 31
  press_sheets: 28
  orders:
  - id: C-00001
    structure: Association de quartier pour l'insertion et l'emploi des jeunes et des adultes du pays
      de Fictiville et de ses environs
    territory: '57'
    quantity: 20
    offer: decouverte
  - id: C-00002
    structure: Association d'entraide pour l'insertion et l'emploi des jeunes et des adultes du pays de
      Fictiville et de ses environs
    territory: '88'
    quantity: 10
    offer: cofinance
"""


def test_the_ledger_file_is_written_in_the_records_order_folded_at_100_columns(tmp_path):
    """Keys in the order the plan gives them (week first), accents as written, long lines
    folded at the 100th column (readable diffs in git): and it reads back the same."""
    record = {
        "week": "2026-W50", "version": "v11",
        "orders": {"file": "commandes-décembre.csv", "sha256": "5e" * 32},
        "costs": {"total": "12.34", "currency": "EUR"},
        "jobs": [{"lot": "L2026-W50-01", "edition": None, "copies_ordered": 30,
                  "copies_to_print": 31, "press_sheets": 28, "orders": [
                      {"id": "C-00001", "structure": STRUCTURES[0], "territory": "57",
                       "quantity": 20, "offer": "decouverte"},
                      {"id": "C-00002", "structure": STRUCTURES[1], "territory": "88",
                       "quantity": 10, "offer": "cofinance"}]}]}
    path = write_ledger(tmp_path, "2026-W50", record)
    assert path == tmp_path / "runs" / "2026-W50.yaml"
    assert path.read_text(encoding="utf-8") == WRITTEN
    (run,) = read_ledger(tmp_path)
    assert run.data == record
