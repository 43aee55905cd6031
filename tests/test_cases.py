"""Golden error cases: each folder of tests/cases builds its highest version (or runs the
arguments of its args.txt, after making the folders its mkdir.txt lists) and must fail with
exactly the messages of its expected.txt, exit code 2, no traceback, nothing written.

Regenerate with `make golden` (then read every changed expected.txt before committing).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import BASE, make_repo, run_cli

CASES = Path(__file__).parent / "cases"
GOLDEN = os.environ.get("MONRECAP_GOLDEN") == "1"


def _case_repo(case: Path, tmp: Path) -> tuple[Path, list[str]]:
    versions = {"v0": BASE.read_text(encoding="utf-8")}
    for file in case.glob("v*.yaml"):
        versions[file.stem] = file.read_text(encoding="utf-8")
    repo = make_repo(tmp, versions)
    if (case / "layouts").is_dir():
        for layout in (case / "layouts").glob("*.yaml"):
            shutil.copy(layout, repo / "layouts" / layout.name)
    if (case / "mkdir.txt").is_file():
        for folder in (case / "mkdir.txt").read_text(encoding="utf-8").split():
            (repo / folder).mkdir(parents=True)
    if (case / "args.txt").is_file():
        return repo, (case / "args.txt").read_text(encoding="utf-8").split()
    target = max((v for v in versions if v != "v0"), key=lambda v: int(v[1:]))
    return repo, ["build", target, "--quiet"]


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_error_case(case: str, tmp_path: Path) -> None:
    folder = CASES / case
    repo, args = _case_repo(folder, tmp_path)
    result = run_cli(*args, "--root", str(repo))
    expected_file = folder / "expected.txt"
    if GOLDEN:
        expected_file.write_text(result.stderr, encoding="utf-8")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr == expected_file.read_text(encoding="utf-8")
    assert not (repo / "dist").exists(), "a failed build must write nothing"
