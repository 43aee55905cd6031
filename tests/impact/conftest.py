"""A scratch repository with the real versions and decisions, and a fictitious ledger: two
production weeks (v10, v11), each with a base and a val-fictif lot."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, make_repo

from monrecap.impact.fictitious import synth_ledger

WEEKS = [("2026-W10", "v10", 20), ("2026-W40", "v11", 30)]


def impact_repo(tmp: Path, ledger: bool = True) -> Path:
    repo = make_repo(tmp)
    shutil.copytree(ROOT / "versions", repo / "versions")  # make_repo copied decisions/
    if ledger:
        synth_ledger(repo, WEEKS)
    return repo


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return impact_repo(tmp_path / "repo")
