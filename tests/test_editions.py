"""Editions follow a version: `new`, `build --all-variants`, `release` and `versions` agree on
which editions a version has; `retired_editions:` retires one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, make_repo, run_cli
from monrecap.content import load_version, variant_names
from monrecap.content.variants import edition_files
from monrecap.errors import ContentError
from monrecap.release import plan_jobs

EDITIONS = ["horizon-insertion", "mission-locale-fictiville", "val-fictif"]
CHANGELOG = ("changelog:\n  - change: Une nouvelle version.\n"
             "    finding: Un constat de terrain.\n")


def _new(repo: Path, vid: str, parent: str, extra: str = "") -> Path:
    made = run_cli("new", vid, "--from", parent, "--root", str(repo))
    assert made.returncode == 0, made.stderr
    path = repo / "versions" / vid / "carnet.yaml"
    text = path.read_text(encoding="utf-8")
    head = text.split("\nchangelog:")[0]
    path.write_text(head + "\n" + CHANGELOG + extra, encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = make_repo(tmp_path)
    shutil.copytree(ROOT / "versions", repo / "versions")
    return repo


def test_new_version_keeps_its_parents_editions(repo: Path) -> None:
    made = run_cli("new", "v12", "--from", "v11", "--root", str(repo))
    assert made.returncode == 0, made.stderr
    text = (repo / "versions/v12/carnet.yaml").read_text(encoding="utf-8")
    assert ("# Éditions héritées de v11 : horizon-insertion, mission-locale-fictiville, "
            "val-fictif.\n# Pour en retirer une : retired_editions: [horizon-insertion]\n"
            ) in text
    _new(repo, "v13", "v11")
    assert variant_names(repo, "v13") == EDITIONS
    assert edition_files(repo, "v13")["val-fictif"] == "versions/v11/variants/val-fictif.yaml"
    carnet = load_version(repo, "v13", "val-fictif")
    assert carnet.edition.name == "val-fictif"
    assert carnet.files[-1] == "versions/v11/variants/val-fictif.yaml"
    # build --all-variants builds them, `versions` lists them, `release` ships them.
    out = repo / "out"
    built = run_cli("build", "v13", "--all-variants", "--no-impose", "--no-preflight",
                    "--out", str(out), "--root", str(repo), "-q")
    assert built.returncode == 0, built.stderr
    assert sorted(p.parent.name for p in out.rglob("build.json")) == sorted(["v13", *EDITIONS])
    listed = run_cli("versions", "--root", str(repo), env={"COLUMNS": "400"})
    row = next(line for line in listed.stdout.splitlines() if line.startswith("v13 "))
    assert ", ".join(EDITIONS) in row
    jobs = plan_jobs(repo, version="v13")
    assert sorted({j.variant for j in jobs}, key=str) == [None, *EDITIONS]
    assert plan_jobs(repo) == jobs  # the latest version, as release.yaml says


def test_retired_editions(repo: Path) -> None:
    _new(repo, "v12", "v11", "retired_editions: [val-fictif]\n")
    assert variant_names(repo, "v12") == EDITIONS[:2]
    with pytest.raises(ContentError, match="unknown variant 'val-fictif' of v12"):
        load_version(repo, "v12", "val-fictif")
    # Retired stays retired down the chain; a version's own file brings an edition back.
    _new(repo, "v13", "v12")
    assert variant_names(repo, "v13") == EDITIONS[:2]
    own = repo / "versions/v13/variants/val-fictif.yaml"
    own.parent.mkdir()
    own.write_bytes((ROOT / "versions/v11/variants/val-fictif.yaml").read_bytes())
    assert edition_files(repo, "v13")["val-fictif"] == "versions/v13/variants/val-fictif.yaml"
    # The resolved carnet of v13 does not inherit v12's list.
    assert "retired_editions" not in load_version(repo, "v13").top_marks


def test_retiring_an_unknown_edition_points_at_it(repo: Path) -> None:
    _new(repo, "v12", "v11", "retired_editions:\n  - val-fictf\n")
    result = run_cli("build", "v12", "--root", str(repo), "-q")
    assert result.returncode == 2
    assert result.stderr == (
        "error: versions/v12/carnet.yaml:10:5: retired_editions -> 0: no edition 'val-fictf' "
        "to retire: v11 has horizon-insertion, mission-locale-fictiville, val-fictif "
        "(did you mean 'val-fictif'?)\n")


def test_release_of_one_version_and_a_retired_edition(repo: Path) -> None:
    (repo / "release.yaml").write_text("versions: latest\nvariants: [val-fictif]\n",
                                       encoding="utf-8")
    _new(repo, "v12", "v11", "retired_editions: [val-fictif]\n")
    result = run_cli("release", "--root", str(repo))
    assert result.returncode == 2
    assert result.stderr.strip() == ("error: release.yaml: variants: no edition 'val-fictif' in v12; "
                             "editions: horizon-insertion, mission-locale-fictiville")
    out = repo / "out"
    result = run_cli("release", "v11", "--workers", "1", "--out", str(out),
                     "--root", str(repo))
    assert result.returncode == 0, result.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {(j["version"], j["variant"]) for j in manifest["jobs"]} == {
        ("v11", None), ("v11", "val-fictif")}
