"""One small production week, planned once per session with the real command into a scratch
repository (so the ledger it commits never touches the real runs/)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from monrecap.production.synth import synth_orders

WEEK = "2026-W50"


def scratch_repo(tmp: Path) -> Path:
    for name in ("versions", "layouts", "fonts", "pictograms"):
        shutil.copytree(ROOT / name, tmp / name)
    shutil.copy(ROOT / "costs.yaml", tmp / "costs.yaml")
    return tmp


@dataclass(frozen=True)
class Week:
    repo: Path
    orders: Path
    folder: Path
    stderr: str


@pytest.fixture(scope="session")
def week(tmp_path_factory) -> Week:
    """14 orders over the base edition and the variants, planned and committed."""
    repo = scratch_repo(tmp_path_factory.mktemp("repo"))
    orders = repo / "orders.csv"
    orders.write_text(synth_orders(14, seed=7), encoding="utf-8")
    out = repo / "dist" / "runs"
    result = run_cli("orders", "plan", str(orders), "--week", WEEK, "--commit",
                     "--root", str(repo), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return Week(repo, orders, out / WEEK, result.stderr)
