"""What a ledger entry (runs/<week>.yaml) may hold, read without any plan: an order's id and
copies, a job's counts, a week's version and jobs, each bound with its exact error."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from monrecap.errors import MonrecapError
from monrecap.production.ledger import read_ledger


def _ledger_with_order(root: Path, order: str) -> Path:
    for folder in ("runs", "versions", "layouts"):
        (root / folder).mkdir(exist_ok=True)
    (root / "runs" / "2026-W50.yaml").write_text(
        "week: 2026-W50\nversion: v11\njobs:\n  - lot: L2026-W50-01\n    copies_ordered: 1\n"
        f"    copies_to_print: 2\n    orders:\n      - {order}\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("order,problem", [
    ('{id: "", quantity: 1}', "runs/2026-W50.yaml:8:14: jobs -> 0 -> orders -> 0 -> id: "
                              "must not be empty"),
    ("{id: A, quantity: 0}", "runs/2026-W50.yaml:8:27: jobs -> 0 -> orders -> 0 -> quantity: "
                             "must be at least 1"),
])
def test_an_order_of_the_ledger_has_an_id_and_a_copy_at_least(tmp_path, order, problem):
    with pytest.raises(MonrecapError) as caught:
        read_ledger(_ledger_with_order(tmp_path, order))
    assert [str(p) for p in caught.value.problems] == [problem]


def test_the_smallest_order_is_read_and_cannot_be_changed(tmp_path):
    """A one-letter id and one copy are an order; what the ledger read stays as written."""
    (run,) = read_ledger(_ledger_with_order(tmp_path, "{id: A, quantity: 1}"))
    (order,) = run.entry.jobs[0].orders
    assert (order.id, order.quantity) == ("A", 1)
    with pytest.raises(ValidationError, match="Instance is frozen"):
        order.quantity = 5


JOB = ("week: 2026-W50\nversion: v11\njobs:\n  - lot: L2026-W50-01\n    copies_ordered: {}\n"
       "    copies_to_print: {}\n    press_sheets: {}\n")


def _ledger(root: Path, text: str) -> Path:
    for folder in ("runs", "versions", "layouts"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "runs" / "2026-W50.yaml").write_text(text, encoding="utf-8")
    return root


def test_a_job_of_no_copies_is_read_a_negative_count_refused(tmp_path):
    """Every order of a lot may have been produced already: 0 copies is a job; -1 is not."""
    (run,) = read_ledger(_ledger(tmp_path / "zero", JOB.format(0, 0, 0)))
    assert [(j.copies_ordered, j.copies_to_print, j.press_sheets) for j in run.jobs] == [
        (0, 0, 0)]
    with pytest.raises(MonrecapError) as caught:
        read_ledger(_ledger(tmp_path / "negative", JOB.format(-1, -1, -1)))
    assert [str(p) for p in caught.value.problems] == [
        "runs/2026-W50.yaml:5:21: jobs -> 0 -> copies_ordered: must be at least 0",
        "runs/2026-W50.yaml:6:22: jobs -> 0 -> copies_to_print: must be at least 0",
        "runs/2026-W50.yaml:7:19: jobs -> 0 -> press_sheets: must be at least 0"]
    with pytest.raises(MonrecapError) as caught:
        read_ledger(_ledger(tmp_path / "empty", 'week: 2026-W50\nversion: ""\njobs: []\n'))
    assert [str(p) for p in caught.value.problems] == [
        "runs/2026-W50.yaml:2:10: version: must not be empty",
        "runs/2026-W50.yaml:3:7: jobs: needs at least 1 item"]
