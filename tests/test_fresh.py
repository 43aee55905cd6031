"""A build or lint whose inputs did not change is answered from its record (build/fresh.py,
freshness.py): the same bytes and the same words as building again, and any change to what
it read — or to what it wrote — makes it build again."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import BASE, make_repo, run_cli

REUSED = ("nothing it reads changed since the last build: its files are reused as they are "
          "(build --no-cache builds anyway)")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo", {
        "v0": BASE.read_text(encoding="utf-8"),
        "v1": "version: v1\nextends: v0\nprint: [bureau-a4]\nchangelog:\n"
              "  - change: Un changement.\n    finding: Un test.\n"
              "pages:\n  - id: couverture\n    band: Une bande\n"})


def build(repo: Path, out: Path, *args: str, cache: bool = True):
    result = run_cli("build", "v1", "--out", str(out), "--root", str(repo), *args,
                     env={"MONRECAP_CACHE": "on" if cache else "off"})
    assert result.returncode == 0, result.stderr
    return result


def files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file()}


def test_a_fresh_build_is_the_same_bytes_and_words(repo: Path, tmp_path: Path) -> None:
    off = build(repo, tmp_path / "off", cache=False)
    first = build(repo, tmp_path / "on")
    again = build(repo, tmp_path / "on")
    assert REUSED in again.stderr and REUSED not in first.stderr
    assert files(tmp_path / "on") == files(tmp_path / "off")
    # What the build said of its files, said again (its lint findings too).
    kept = ("built", "imposed", "versions/", "note:", "warning:")
    said = [l for l in first.stderr.splitlines() if l.startswith(kept)]
    assert said and said == [l.replace(str(tmp_path / "off"), str(tmp_path / "on"))
                             for l in off.stderr.splitlines() if l.startswith(kept)]
    assert [l for l in again.stderr.splitlines() if l != REUSED] == said
    quiet = build(repo, tmp_path / "on", "-q")
    assert [l for l in quiet.stderr.splitlines()] == [l for l in said
                                                      if l.startswith("versions/")]
    as_json = [json.loads(build(repo, tmp_path / "on", "--json", cache=c).stdout)
               for c in (True, False)]
    assert as_json[0] == as_json[1]


@pytest.mark.parametrize("change", ["edit the version", "edit a parent", "new template here",
                                    "edit a pictogram", "output changed", "output deleted",
                                    "other flags"])
def test_any_change_builds_again(repo: Path, tmp_path: Path, change: str) -> None:
    out = tmp_path / "out"
    # The page PDF alone, but for what concerns a print profile.
    args: tuple[str, ...] = () if change == "new template here" else ("--no-impose",
                                                                        "--no-preflight")
    build(repo, out, *args)
    v1 = repo / "versions/v1/carnet.yaml"
    if change == "edit the version":
        v1.write_text(v1.read_text().replace("Une bande", "Une autre bande"))
    elif change == "edit a parent":
        v0 = repo / "versions/v0/carnet.yaml"
        v0.write_text(v0.read_text() + "\n# un commentaire\n")
    elif change == "new template here":  # the repository's print profile comes first
        built = json.loads((out / "v1/build.json").read_text())
        profile = next(s["path"] for s in built["sources"] if "print/" in s["path"])
        from monrecap.resources import recorded_file

        (repo / profile).parent.mkdir(parents=True, exist_ok=True)
        (repo / profile).write_text(recorded_file(repo, profile).read_text() + "\n# ici\n")
    elif change == "edit a pictogram":
        built = json.loads((out / "v1/build.json").read_text())
        picto = next(s["path"] for s in built["sources"] if s["path"].endswith(".svg"))
        (repo / picto).write_text((repo / picto).read_text() + "\n")
    elif change == "output changed":
        (out / "v1/monrecap-v1.pdf").write_bytes(b"%PDF-1.4 damaged")
    elif change == "output deleted":
        (out / "v1/build.json").unlink()
    elif change == "other flags":
        args = ("--no-preflight",)
    again = build(repo, out, *args)
    assert REUSED not in again.stderr
    reference = build(repo, tmp_path / "reference", *args, cache=False)
    assert reference.returncode == 0
    mine, theirs = files(out / "v1"), files(tmp_path / "reference" / "v1")
    assert {k: v for k, v in mine.items() if k in theirs} == theirs


def test_a_risk_register_added_is_checked_again(repo: Path, tmp_path: Path) -> None:
    """The build checks the version against risk.yaml: one added to the repository (here,
    one that cannot be read) is not answered from the record."""
    build(repo, tmp_path / "out")
    (repo / "risk.yaml").write_text("feared_events: [evidence\n", encoding="utf-8")
    again = run_cli("build", "v1", "--out", str(tmp_path / "out"), "--root", str(repo))
    assert again.returncode == 2 and REUSED not in again.stderr
    assert again.stderr.startswith("loading v1\nerror: risk.yaml:"), again.stderr


def test_a_fresh_lint_says_the_same(repo: Path) -> None:
    def lint(*args: str, cache: bool = True):
        return run_cli("lint", "v0", "--root", str(repo), *args,
                       env={"MONRECAP_CACHE": "on" if cache else "off"})

    off, first, again = lint(cache=False), lint(), lint()
    assert off.stdout and "words.acronym" in off.stdout
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout) == \
        (off.returncode, off.stdout)
    assert json.loads(lint("--json").stdout) == json.loads(lint("--json", cache=False).stdout)
    v0 = repo / "versions/v0/carnet.yaml"
    v0.write_text(v0.read_text().replace("CV", "curriculum vitae"))
    fixed = lint()
    assert fixed.stdout == lint(cache=False).stdout and "words.acronym" not in fixed.stdout


def test_cache_off_writes_no_record(repo: Path, tmp_path: Path) -> None:
    build(repo, tmp_path / "out", cache=False)
    assert not (repo / "dist" / ".cache").exists()
    assert os.listdir(tmp_path / "out" / "v1")


def test_an_edition_added_nearer_the_version_builds_again(repo: Path, tmp_path: Path) -> None:
    """An edition is the nearest file of its name up the `extends:` chain: v0's, until v1
    has its own."""
    edition = "variant: nord\ndescription: Édition du Nord\noffer: payante\n"
    (repo / "versions/v0/variants").mkdir()
    (repo / "versions/v0/variants/nord.yaml").write_text(edition)
    args = ("--variant", "nord", "--no-impose", "--no-preflight")
    build(repo, tmp_path / "out", *args)
    assert REUSED in build(repo, tmp_path / "out", *args).stderr
    (repo / "versions/v1/variants").mkdir()
    (repo / "versions/v1/variants/nord.yaml").write_text(
        edition.replace("du Nord", "du Grand Nord"))
    assert REUSED not in build(repo, tmp_path / "out", *args).stderr
    built = json.loads((tmp_path / "out/v1/nord/build.json").read_text())
    assert built["variant"]["description"] == "Édition du Grand Nord"
