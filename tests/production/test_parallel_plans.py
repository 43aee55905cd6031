"""`monrecap orders plan --commit` run at once by real processes: one plan at a time per
repository, lot numbers never reused, every week recorded; a plan that must wait says for whom,
and gives up with exit 2 after MONRECAP_LOCK_TIMEOUT. `make fuzz` runs more rounds."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from monrecap.locking import exclusive
from monrecap.production.ledger import lock_file, read_ledger
from monrecap.production.synth import synth_orders

from production.conftest import scratch_repo

ROUNDS = 4 if os.environ.get("MONRECAP_FUZZ") == "1" else 1
pytestmark = pytest.mark.fuzz


def base_orders(path: Path, prefix: str, count: int = 3, seed: int = 11) -> Path:
    """A small export of the base edition only (one print job), ids ``<prefix>-0000n``."""
    lines = synth_orders(40, seed=seed).splitlines()
    rows = [line for line in lines[1:] if line.split(";")[5] == ""][:count]
    path.write_text("\r\n".join([lines[0]] + [r.replace("C-", f"{prefix}-", 1) for r in rows])
                    + "\r\n", encoding="utf-8")
    return path


def plan(repo: Path, orders: Path, week: str, *extra: str, timeout: str = "120"
         ) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "monrecap", "orders", "plan", str(orders),
                             "--week", week, "--commit", "--root", str(repo), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "MONRECAP_LOCK_TIMEOUT": timeout})


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_parallel_plans_never_reuse_a_lot_number(tmp_path: Path, round_: int):
    repo = scratch_repo(tmp_path / "repo")
    weeks = ["2027-W05", "2027-W06", "2027-W07"]
    running = [plan(repo, base_orders(tmp_path / f"{w}.csv", f"P{i}", seed=11 + i), w)
               for i, w in enumerate(weeks)]
    for process in running:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    runs = read_ledger(repo)
    assert sorted(r.week for r in runs) == weeks
    sequences = sorted(int(lot.rsplit("-", 1)[1]) for r in runs for lot in r.lots)
    assert sequences == [1, 2, 3]  # each lot number once, the sequence unbroken
    ids = [o.id for r in runs for j in r.jobs for o in j.orders]
    assert len(ids) == len(set(ids)) == 9


def test_a_plan_waits_for_the_one_running_and_says_for_whom(tmp_path: Path):
    """The same week planned while another plan holds the ledger: it waits, saying who
    holds it, then re-issues the week (the same orders, the same lots)."""
    repo = scratch_repo(tmp_path / "repo")
    orders = base_orders(tmp_path / "orders.csv", "W")
    first = plan(repo, orders, "2027-W05")
    _, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    lots = read_ledger(repo)[0].lots
    with exclusive(lock_file(repo), "orders plan"):
        second = plan(repo, orders, "2027-W05")
        waited = second.stderr.readline()
        time.sleep(0.3)
        assert second.poll() is None  # still waiting
    _, err = second.communicate(timeout=300)
    assert re.fullmatch(r"waiting: another `monrecap orders plan` is running \(pid "
                        rf"{os.getpid()}, since \d\d:\d\d:\d\d\)\n", waited), waited
    assert second.returncode == 0, err
    assert read_ledger(repo)[0].lots == lots and len(read_ledger(repo)) == 1
    assert not list((repo / "dist" / "runs").glob(".staging*"))


def test_a_plan_gives_up_after_the_timeout_with_exit_2(tmp_path: Path):
    repo = scratch_repo(tmp_path / "repo")
    orders = base_orders(tmp_path / "orders.csv", "T")
    with exclusive(lock_file(repo), "orders plan"):
        result = plan(repo, orders, "2027-W05", timeout="0.5")
        out, err = result.communicate(timeout=120)
    assert result.returncode == 2, err
    lock = lock_file(repo)
    assert re.fullmatch(
        rf"waiting: another `monrecap orders plan` is running \(pid {os.getpid()}, since "
        rf"(\d\d:\d\d:\d\d)\)\nerror: {re.escape(str(lock))}: another `monrecap orders plan` "
        rf"is running \(pid {os.getpid()}, since \1\); gave up after 0.5 s \(set "
        r"MONRECAP_LOCK_TIMEOUT to wait longer\)\n", err), err
    assert not (repo / "runs").exists() and not (repo / "dist").exists()
    assert lock.read_text(encoding="utf-8") == ""  # released: it names no holder
