"""`build --all --all-variants` on every core: the same files and the same lines, in the
plan's order, as one build after another; a failed edition is collected, the others built."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import BASE, make_repo, run_cli
from tests.release.test_release import CHANGELOG, _variant, snapshot


def test_builds_in_a_pool_say_the_same_in_the_same_order(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {
        "v0": BASE.read_text(encoding="utf-8"),
        "v1": "version: v1\nextends: v0\nprint: [bureau-a4]\n" + CHANGELOG
              + "pages:\n  - id: notes\n    remove: true\n"})
    variants = repo / "versions" / "v1" / "variants"
    variants.mkdir()
    (variants / "nord.yaml").write_text(_variant("nord", "Nord"))
    (variants / "sud.yaml").write_text(_variant(
        "sud", "Sud", "pages:\n  - id: couverture\n    picto: pictograms/absent.svg\n"))
    runs = {}
    for workers in ("1", "2"):
        runs[workers] = run_cli("build", "--all", "--all-variants", "--no-preflight",
                                "--workers", workers, "--out", str(tmp_path / workers),
                                "--root", str(repo))
    one, two = runs["1"], runs["2"]
    assert one.returncode == two.returncode == 2
    timing = re.compile(r" in [0-9.]+ s,")
    assert timing.sub(" in … s,", two.stderr) == timing.sub(
        " in … s,", one.stderr).replace(str(tmp_path / "1"), str(tmp_path / "2"))
    lines = [line for line in two.stderr.splitlines()
             if line.startswith(("built", "failed"))]
    out = tmp_path / "2"
    assert lines == [f"built {out}/v0/monrecap-v0.pdf (12 pages, a6-poche)",
                     f"built {out}/v1/monrecap-v1.pdf (12 pages, a6-poche)",
                     f"built {out}/v1/nord/monrecap-v1-nord.pdf (12 pages, a6-poche)",
                     "failed v1 (sud)", "failed: v1 (sud)"]
    assert "absent.svg" in two.stderr.splitlines()[-1]
    # Each build's notes, named by its version and edition, before the closing line.
    said = two.stderr.splitlines()
    closing = next(i for i, line in enumerate(said) if " built in " in line)
    assert said[closing - 3:closing] == [
        "note: v0: 2 pages de notes ajoutées pour arriver à 12 (un multiple de 4)",
        "note: v1: 3 pages de notes ajoutées pour arriver à 12 (un multiple de 4)",
        "note: v1 (nord): 3 pages de notes ajoutées pour arriver à 12 (un multiple de 4)"]
    assert timing.sub(" in … s,", said[closing]).startswith(
        "2 versions, 1 edition built in … s, 1 failed; lint recorded 0 errors and ")
    assert snapshot(tmp_path / "1") == snapshot(out)
