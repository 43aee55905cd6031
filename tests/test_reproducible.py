"""Every artifact is byte-identical whatever the folder, time zone, locale and umask, with
the build's record of fresh outputs on or off, and a release made on one machine or as shards."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

TREE = ("versions", "layouts", "fonts", "pictograms", "decisions")
#: Two machines that share nothing but the sources: folder (and its length), time zone,
#: locale, umask.
SETTINGS = ({"folder": "a", "TZ": "UTC", "LC_ALL": "C.UTF-8", "umask": 0o022},
            {"folder": "a-much-longer-folder-name/with/more/levels/repo",
             "TZ": "XYZ+11", "LC_ALL": "POSIX", "umask": 0o077,
             "SOURCE_DATE_EPOCH": "1700000000", "MONRECAP_CACHE": "off"})


def _run(tree: Path, setting: dict, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("TZ", "LANG", "LC_ALL")}
    env.pop("SOURCE_DATE_EPOCH", None)
    env.update(TZ=setting["TZ"], LC_ALL=setting["LC_ALL"], LANG=setting["LC_ALL"])
    if "SOURCE_DATE_EPOCH" in setting:  # CI systems set it; the sources date the files
        env["SOURCE_DATE_EPOCH"] = setting["SOURCE_DATE_EPOCH"]
    env["MONRECAP_CACHE"] = setting.get("MONRECAP_CACHE", "on")  # a fresh build reused, or not
    result = subprocess.run([sys.executable, "-m", "monrecap", *args], cwd=tree, env=env,
                            capture_output=True, text=True, timeout=300,
                            preexec_fn=lambda: os.umask(setting["umask"]))
    assert result.returncode == 0, result.stderr


def _artifacts(tree: Path, setting: dict) -> Path:
    """Copy the sources into a new folder, then build, release and chart there."""
    for name in TREE:
        shutil.copytree(ROOT / name, tree / name)
    (tree / "release.yaml").write_text("versions: [v11]\nvariants: [val-fictif]\n",
                                       encoding="utf-8")
    _run(tree, setting, "build", "v11", "--variant", "val-fictif", "--out", "out/build", "-q")
    # Again: the first setting answers from its record (build/fresh.py), the second builds.
    _run(tree, setting, "build", "v11", "--variant", "val-fictif", "--out", "out/build", "-q")
    _run(tree, setting, "impose", "out/build/v11/val-fictif/monrecap-v11-val-fictif.pdf",
         "--sheet", "SRA3", "-o", "out/imposed.pdf")
    _run(tree, setting, "release", "--out", "out/release", "--workers", "1")
    # The same release as a CI matrix makes it: two shards, then merged.
    _run(tree, setting, "release", "--shard", "2/2", "--out", "out/shard-2", "--workers", "1")
    _run(tree, setting, "release", "--shard", "1/2", "--out", "out/shard-1", "--workers", "1")
    _run(tree, setting, "release", "merge", "out/shard-1", "out/shard-2", "--out", "out/merged")
    _run(tree, setting, "lint", "--all", "--chart", "out/trend.svg")
    _run(tree, setting, "lint", "--all", "--chart", "out/trend.pdf")
    return tree / "out"


@pytest.fixture(scope="module")
def two_outputs(tmp_path_factory) -> list[Path]:
    return [_artifacts(tmp_path_factory.mktemp("repro") / s["folder"], s) for s in SETTINGS]


def _files(out: Path) -> dict[str, Path]:
    return {p.relative_to(out).as_posix(): p for p in sorted(out.rglob("*")) if p.is_file()}


def test_every_artifact_kind_is_covered(two_outputs) -> None:
    names = _files(two_outputs[0])
    suffixes = {Path(n).name if n.endswith(".json") else Path(n).suffix for n in names}
    assert {".pdf", ".png", ".zip", ".svg", "build.json", "manifest.json",
            "ticket.json"} <= suffixes
    assert any("atelier-sra3-a6" in n for n in names)  # imposed sheets


def test_artifacts_are_byte_identical(two_outputs) -> None:
    first, second = (_files(out) for out in two_outputs)
    assert sorted(first) == sorted(second)
    differ = [name for name in first if first[name].read_bytes() != second[name].read_bytes()]
    assert differ == []


def test_shards_merge_into_the_release_byte_for_byte(two_outputs) -> None:
    """Across folders and settings above, and here against the unsharded release."""
    for out in two_outputs:
        release, merged = _files(out / "release"), _files(out / "merged")
        assert sorted(release) == sorted(merged) and "manifest.json" in release
        assert [n for n in release if release[n].read_bytes() != merged[n].read_bytes()] == []
        shards = [set(_files(out / f"shard-{k}")) - {"shard.json"} for k in (1, 2)]
        assert shards[0] and shards[1] and not shards[0] & shards[1]
        assert shards[0] | shards[1] == set(release) - {"manifest.json"}


def test_zip_entries_carry_fixed_modes_and_the_release_day(two_outputs) -> None:
    for out in two_outputs:
        for archive in out.rglob("*.zip"):
            with zipfile.ZipFile(archive) as zf:
                assert {info.external_attr >> 16 for info in zf.infolist()} == {0o644}
                assert {info.date_time for info in zf.infolist()} == {(2026, 9, 14, 0, 0, 0)}  # v11's released
