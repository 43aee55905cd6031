"""Errors about versions that are not there say what is wrong (the golden cases in
tests/cases cover the messages of build and check)."""

from __future__ import annotations

from pathlib import Path

from monrecap.history.versions import summarize_versions


def test_versions_lists_a_folder_without_its_yaml(repo: Path) -> None:
    (repo / "versions" / "v3").mkdir()
    rows = summarize_versions(repo)
    assert [r.id for r in rows] == ["v0", "v3"]
    assert rows[1].error == ("unknown version 'v3': versions/v3/ has no carnet.yaml (a version "
                             "is written in versions/v3/carnet.yaml); known versions: v0")
