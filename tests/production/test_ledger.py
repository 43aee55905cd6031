"""The ledger as `orders plan --commit` writes it, read back by every command that reads it
(`lot`, `orders history`, feedback attribution), and what it refuses: an order produced twice."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import run_cli
from monrecap.errors import MonrecapError, UsageError
from monrecap.feedback.records import read_store
from monrecap.feedback.store import import_file
from monrecap.production import plan_orders
from monrecap.production.ledger import find_lot, history, lot_codes, lot_versions

from production.conftest import WEEK, scratch_repo

SECRET = "test-secret-0123456789abcdef"


def copy_of(week, tmp_path: Path) -> Path:
    """The session's repository with its committed week, to commit more weeks into."""
    repo = scratch_repo(tmp_path / "repo")
    shutil.copytree(week.repo / "runs", repo / "runs")
    return repo


def test_every_reader_reads_the_ledger_the_plan_wrote(week, tmp_path, monkeypatch):
    lots = ["L2026-W50-01", "L2026-W50-02", "L2026-W50-03", "L2026-W50-04"]
    assert lot_versions(week.repo) == {lot: "v11" for lot in lots}
    # `lot`, in lower case and inside a sentence.
    for text in ("l2026-w50-03", "le lot L2026-W50-03, page 2"):
        shown = run_cli("lot", text, "--root", str(week.repo))
        assert shown.returncode == 0, shown.stderr
        assert shown.stdout.startswith("lot L2026-W50-03: v11, edition mission-locale-fictiville")
    assert find_lot(week.repo, "lot l2026-w50-02").lot == "L2026-W50-02"
    # `orders history`.
    data = json.loads(run_cli("orders", "history", "--json", "--root", str(week.repo)).stdout)
    assert [(r["week"], r["lots"], r["orders"]) for r in data["runs"]] == [(WEEK, lots, 14)]
    assert data["totals"]["orders"] == 14
    # Feedback: a lot code in a message names the version it was printed from.
    monkeypatch.setenv("MONRECAP_FEEDBACK_KEY", SECRET)
    export = tmp_path / "chat.txt"
    export.write_text("14/12/2026 10:42 - Camille Essai: bonjour, mon carnet du lot "
                      "l2026-w50-04 a une page déchirée\n", encoding="utf-8")
    repo = tmp_path / "fb"
    shutil.copytree(week.repo, repo, ignore=shutil.ignore_patterns("dist"))
    import_file(repo, export)
    stored = read_store(repo)[0]
    assert (stored.version, stored.version_source) == ("v11", "lot")


def test_lot_codes_in_text():
    assert lot_codes("perdu le carnet lot l2026-w50-03 et L2026-W51-12.") == [
        "L2026-W50-03", "L2026-W51-12"]
    assert lot_codes("XL2026-W50-03, L2026-W50") == []


def test_the_same_export_is_not_produced_twice(week, tmp_path):
    """The export of week 50 planned again as week 51: nothing left to plan, exit 2, naming
    the week and every lot; nothing written."""
    repo = copy_of(week, tmp_path)
    result = run_cli("orders", "plan", str(week.orders), "--week", "2026-W51", "--commit",
                     "--root", str(repo))
    assert result.returncode == 2
    assert result.stderr == (
        "error: orders.csv: every order of this export was already produced (6 orders in week "
        "2026-W50, lot L2026-W50-01; 1 order in week 2026-W50, lot L2026-W50-02; 3 orders in "
        "week 2026-W50, lot L2026-W50-03; 4 orders in week 2026-W50, lot L2026-W50-04): "
        "nothing to plan\n")
    assert not (repo / "runs" / "2026-W51.yaml").exists() and not (repo / "dist").exists()


def test_orders_already_produced_are_left_out_with_a_warning(week, tmp_path):
    """An export that holds last week's orders again with new ones: the old ones are left
    out, said once per lot; the new ones are planned and recorded."""
    repo = copy_of(week, tmp_path)
    lines = week.orders.read_text(encoding="utf-8").splitlines()
    new = [lines[1].replace("C-00001", "N-00001"), lines[2].replace("C-00002", "N-00002")]
    orders = tmp_path / "cumul.csv"
    orders.write_text("\n".join(lines[:5] + new) + "\n", encoding="utf-8")
    run = plan_orders(repo, orders, week="2026-W51")
    assert sorted(p.order.order_id for j in run.jobs for p in j.orders) == ["N-00001",
                                                                            "N-00002"]
    assert [s.order_id for s in run.skipped] == ["C-00001", "C-00002", "C-00003", "C-00004"]
    ledger = {o["id"]: job["lot"] for job in
              yaml.safe_load((repo / "runs" / f"{WEEK}.yaml").read_text())["jobs"]
              for o in job["orders"]}
    by_lot: dict[str, list[str]] = {}
    for oid in ("C-00001", "C-00002", "C-00003", "C-00004"):
        by_lot.setdefault(ledger[oid], []).append(oid)
    assert list(run.warnings) == [
        f"cumul.csv: {len(ids)} order{'s' if len(ids) > 1 else ''} already produced in week "
        f"{WEEK}, lot {lot}, left out: {', '.join(ids)}" for lot, ids in sorted(by_lot.items())]
    result = run_cli("orders", "plan", str(orders), "--week", "2026-W51", "--commit", "-q",
                     "--root", str(repo))
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("warning: ")] == \
        [f"warning: {w}" for w in run.warnings]
    recorded = yaml.safe_load((repo / "runs" / "2026-W51.yaml").read_text(encoding="utf-8"))
    assert sorted(o["id"] for j in recorded["jobs"] for o in j["orders"]) == ["N-00001",
                                                                               "N-00002"]
    assert [o["id"] for o in recorded["orders"]["already_produced"]] == [
        "C-00001", "C-00002", "C-00003", "C-00004"]
    totals = history(repo)["totals"]
    assert totals["orders"] == 16 and totals["orders_in_two_weeks"] == []


def test_an_order_id_that_now_names_another_order_is_refused(week, tmp_path):
    repo = copy_of(week, tmp_path)
    lines = week.orders.read_text(encoding="utf-8").splitlines()
    fields = lines[3].split(";")
    fields[6] = str(int(fields[6]) + 1)   # C-00003 again, one carnet more
    orders = tmp_path / "changed.csv"
    orders.write_text("\n".join([lines[0], ";".join(fields)]) + "\n", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        plan_orders(repo, orders, week="2026-W51")
    lot = find_lot(repo, "L2026-W50-01")
    where = next(j["lot"] for j in yaml.safe_load(
        (repo / "runs" / f"{WEEK}.yaml").read_text())["jobs"]
        for o in j["orders"] if o["id"] == "C-00003")
    assert lot.week == WEEK
    assert [str(p) for p in caught.value.problems] == [
        f"changed.csv:2: commande: « C-00003 » was already produced in week {WEEK}, lot "
        f"{where} (runs/{WEEK}.yaml): {int(fields[6]) - 1} carnets for {fields[2]}; this row "
        f"orders {fields[6]} carnets for {fields[2]}. An order id names one order: give this "
        "order a new id"]


def test_history_counts_an_order_recorded_twice_once(week, tmp_path):
    """A ledger written before orders were checked (the same export committed twice)."""
    repo = copy_of(week, tmp_path)
    text = (repo / "runs" / f"{WEEK}.yaml").read_text(encoding="utf-8")
    (repo / "runs" / "2026-W51.yaml").write_text(
        text.replace("2026-W50", "2026-W51").replace("-01\n", "-05\n").replace("-02\n", "-06\n")
        .replace("-03\n", "-07\n").replace("-04\n", "-08\n"), encoding="utf-8")
    data = history(repo)
    assert [r["orders"] for r in data["runs"]] == [14, 14]
    assert data["totals"]["orders"] == 14 and len(data["totals"]["orders_in_two_weeks"]) == 14
    shown = run_cli("orders", "history", "--root", str(repo), env={"COLUMNS": "200"})
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines()[-1].startswith("total: 14 orders, ")
    assert "  14 orders of an earlier week again: C-00001, " in shown.stdout


def test_a_ledger_file_that_is_not_a_week_is_an_error_at_its_line(tmp_path):
    for folder in ("runs", "versions", "layouts"):
        (tmp_path / folder).mkdir()
    (tmp_path / "runs" / "2026-W50.yaml").write_text(
        "week: 2026-W50\nversion: v11\njobs:\n  - lot: LOT-3\n    copies_ordered: 1\n"
        "    copies_to_print: 2\n", encoding="utf-8")
    with pytest.raises(MonrecapError) as caught:
        lot_versions(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        "runs/2026-W50.yaml:4:10: jobs -> 0 -> lot: 'LOT-3' does not match the expected form "
        "^L(\\d{4}-W\\d{2})-(\\d{2,})$"]
    result = run_cli("lot", "L2026-W50-01", "--root", str(tmp_path))
    assert result.returncode == 2 and result.stderr.startswith("error: runs/2026-W50.yaml:4:10:")

