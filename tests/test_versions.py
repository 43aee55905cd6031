"""`monrecap versions` reuses the rows of versions whose files have not changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from monrecap.history.versions import CACHE, summarize_versions


def test_rows_are_reused_until_a_file_they_read_changes(repo: Path, monkeypatch) -> None:
    first = summarize_versions(repo)
    assert [(r.id, r.pages, r.headline, r.error) for r in first] == [
        ("v0", 12, "Première version de test.", None)]
    assert (repo / CACHE).is_file()

    import monrecap.pages

    def no_render(*args, **kwargs):
        raise AssertionError("rendered again")

    monkeypatch.setattr(monrecap.pages, "render_carnet", no_render)
    assert summarize_versions(repo) == first  # from the cache: nothing rendered

    source = repo / "versions" / "v0" / "carnet.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "Première version de test.", "Première version, revue."), encoding="utf-8")
    with pytest.raises(AssertionError, match="rendered again"):
        summarize_versions(repo)  # the version file changed: its row is made again
    monkeypatch.undo()
    assert summarize_versions(repo)[0].headline == "Première version, revue."
