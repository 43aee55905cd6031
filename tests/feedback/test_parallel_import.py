"""Several `monrecap feedback import` at once, as real processes: no message lost, no id given
twice, the store whole. `make test` runs a few rounds; `make fuzz` many more."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BASE, make_repo

ROUNDS = 10 if os.environ.get("MONRECAP_FUZZ") == "1" else 1
pytestmark = pytest.mark.fuzz
PROCESSES = 4
MESSAGES = 40
SECRET = "test-secret-0123456789abcdef"


def export(number: int, messages: int = MESSAGES) -> str:
    """An Android export of ``messages`` distinct messages from one fictitious sender."""
    lines = ["01/10/2026 09:00 - Les messages et les appels sont chiffrés de bout en bout."]
    for i in range(messages):
        lines.append(f"{1 + i % 28:02d}/11/2026 {10 + number}:{i % 60:02d} - Testeur {number}: "
                     f"avis {number}-{i} : les rendez-vous sont bien, page {i}.")
    return "\n".join(lines) + "\n"


def start(repo: Path, path: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "monrecap", "feedback", "import", str(path),
                             "--json", "--root", str(repo)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "MONRECAP_FEEDBACK_KEY": SECRET})


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_parallel_imports_lose_nothing_and_never_share_an_id(tmp_path: Path, round_: int):
    repo = make_repo(tmp_path / "repo", {"v0": BASE.read_text(encoding="utf-8")})
    files = []
    for n in range(PROCESSES):
        files.append(tmp_path / f"export-{n}.txt")
        files[-1].write_text(export(n), encoding="utf-8")
    running = [start(repo, f) for f in files]
    results = []
    for process in running:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        results.append(json.loads(out))
    assert [r["new"] for r in results] == [MESSAGES] * PROCESSES
    ids = [i for r in results for i in r["ids"]]
    assert len(set(ids)) == len(ids) == PROCESSES * MESSAGES  # no id handed out twice
    stored = [json.loads(line) for line in
              (repo / "feedback" / "2026.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(m["id"] for m in stored) == sorted(ids)  # none lost
    assert [m["id"] for m in stored] == [f"fb-2026-{i:04d}" for i in range(1, len(ids) + 1)]
    texts = {m["text"] for m in stored}
    assert texts == {f"avis {n}-{i} : les rendez-vous sont bien, page {i}."
                     for n in range(PROCESSES) for i in range(MESSAGES)}
    # The same exports again, at once: every message a duplicate, nothing written.
    again = [start(repo, f) for f in files]
    for process in again:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert (json.loads(out)["new"], json.loads(out)["duplicates"]) == (0, MESSAGES)
    assert len((repo / "feedback" / "2026.jsonl").read_text(encoding="utf-8").splitlines()) \
        == PROCESSES * MESSAGES
    assert sorted(p.name for p in (repo / "feedback").iterdir()) == ["2026.jsonl"]
