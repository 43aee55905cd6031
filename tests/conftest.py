"""Shared fixtures: a scratch repository with the real layouts, fonts and pictograms."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BASE = Path(__file__).resolve().parent / "data" / "base.yaml"


def make_repo(tmp: Path, versions: dict[str, str] | None = None) -> Path:
    """A repository in ``tmp``: copies of layouts/, fonts/, pictograms/ and decisions/ (copies,
    not links: assets must resolve inside the repository; the shipped versions cite a
    decision), and the given version files."""
    for name in ("layouts", "fonts", "pictograms", "decisions"):
        shutil.copytree(ROOT / name, tmp / name)
    for vid, text in (versions or {}).items():
        write_version(tmp, vid, text)
    return tmp


def write_version(repo: Path, vid: str, text: str) -> Path:
    path = repo / "versions" / vid / "carnet.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A scratch repository whose v0 is the small base carnet of tests/data/base.yaml."""
    return make_repo(tmp_path, {"v0": BASE.read_text(encoding="utf-8")})


def run_cli(*args: str, cwd: Path | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the real `monrecap` command."""
    return subprocess.run([sys.executable, "-m", "monrecap", *args], cwd=cwd or ROOT,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="session")
def v11_build(tmp_path_factory) -> Path:
    """v11 built once for the session into a scratch dist/ with the real CLI."""
    out = tmp_path_factory.mktemp("dist")
    result = run_cli("build", "v11", "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    return out / "v11"


@pytest.fixture(scope="session")
def v11_a5_build(tmp_path_factory) -> Path:
    """v11's A5 large-print edition, built once for the session with the real CLI."""
    out = tmp_path_factory.mktemp("dist-a5")
    result = run_cli("build", "v11", "--layout", "a5", "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    return out / "v11"


def needs(present: object, reason: str) -> pytest.MarkDecorator:
    """Skip a test where a system tool it needs is missing (``reason`` names it) — except on
    CI (CI=true, as GitHub Actions sets it), where the test fails instead: CI never skips."""
    return pytest.mark.needs(missing=not present, reason=reason)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "needs(missing, reason): a system tool the test needs "
                            "(conftest.needs): skipped where it is missing, failed on CI")


def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers("needs"):
        if mark.kwargs["missing"]:
            if os.environ.get("CI") == "true":
                pytest.fail(f"CI=true: {mark.kwargs['reason']} — CI must run this test, "
                            "not skip it", pytrace=False)
            pytest.skip(mark.kwargs["reason"])


#: The files whose tests take longest (minutes together: the README's every command, every
#: artifact kind built twice, every version built): started first, so that no worker is left
#: alone with one of them at the end while the other idles (`--dist worksteal` then shares
#: out what is queued behind them).
SLOW_FIRST = ("tests/test_readme.py", "tests/test_reproducible.py", "tests/test_history.py",
              "tests/release/test_shard.py", "tests/release/test_release.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        return next((i for i, path in enumerate(SLOW_FIRST) if item.nodeid.startswith(path)),
                    len(SLOW_FIRST))
    items.sort(key=rank)  # stable: every file keeps its own order
