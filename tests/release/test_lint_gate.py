"""The lint counts where it matters: `release` refuses a carnet with lint errors at their lines
(unless the version lowers the rule with a reason, which the ticket and manifest record), and
says what a version's file removed; `build` prints each finding with its fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import BASE, make_repo, run_cli

CHANGELOG = "changelog:\n  - change: Une page pour les courses.\n    finding: Un constat.\n"
AMPERSAND = ("pages:\n  - id: courses\n    kind: notes\n    title: Mes courses & mes sorties\n"
             "    picto: pictograms/tabler/pencil.svg\n")
LOWERED = ("lint:\n  words.symbol:\n    severity: warning\n"
           "    reason: Le nom choisi par le comité des usagers.\n")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = make_repo(tmp_path / "repo", {"v0": BASE.read_text(encoding="utf-8")})
    (root / "release.yaml").write_text("versions: [v1]\nvariants: none\n")
    return root


def _v1(repo: Path, extra: str = "") -> None:
    path = repo / "versions" / "v1" / "carnet.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("version: v1\nextends: v0\nprint: [bureau-a4]\n" + CHANGELOG + extra
                    + AMPERSAND, encoding="utf-8")


def test_release_refuses_a_lint_error_at_its_line(repo: Path, tmp_path: Path) -> None:
    _v1(repo)
    out = tmp_path / "out"
    refused = run_cli("release", "--out", str(out), "--root", str(repo))
    assert refused.returncode == 2
    assert refused.stderr.splitlines() == [
        "error: versions/v1/carnet.yaml:10:12: pages -> 0 -> title: lint error: words.symbol: "
        "special character (& % § /) (fix: write it in words) [v1]",
        "error: release refuses a carnet with lint errors: fix the text, or lower the rule in "
        "the version's lint: with a reason"]
    assert not out.exists()  # nothing built, nothing written


def test_an_error_editions_inherit_is_said_once(repo: Path, tmp_path: Path) -> None:
    """The same error in a version and the editions that inherit it: one line naming every
    carnet it is in; the note of what the version removed, said once too."""
    _v1(repo, "pages:\n  - id: documents\n    items:\n      - text: Mon CV\n"
              "        remove: true\n      - Ma carte Vitale\n")
    path = repo / "versions" / "v1" / "carnet.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(AMPERSAND, AMPERSAND[len(
        "pages:\n"):]), encoding="utf-8")  # one pages: list
    variants = repo / "versions" / "v1" / "variants"
    variants.mkdir()
    for name in ("nord", "sud"):
        (variants / f"{name}.yaml").write_text(f"variant: {name}\ndescription: Édition {name}\n"
                                                "offer: payante\n", encoding="utf-8")
    (repo / "release.yaml").write_text("versions: [v1]\n")
    refused = run_cli("release", "--out", str(tmp_path / "out"), "--root", str(repo))
    assert refused.returncode == 2
    assert refused.stderr.splitlines() == [
        "error: versions/v1/carnet.yaml:15:12: pages -> 1 -> title: lint error: words.symbol: "
        "special character (& % § /) (fix: write it in words) [v1, v1 (nord), v1 (sud)]",
        "error: release refuses a carnet with lint errors: fix the text, or lower the rule in "
        "the version's lint: with a reason"]
    _v1(repo, LOWERED + "pages:\n  - id: documents\n    items:\n      - text: Mon CV\n"
                        "        remove: true\n      - Ma carte Vitale\n")
    path.write_text(path.read_text(encoding="utf-8").replace(AMPERSAND, AMPERSAND[len(
        "pages:\n"):]), encoding="utf-8")
    done = run_cli("release", "--out", str(tmp_path / "out"), "--root", str(repo), "-q")
    assert done.returncode == 0, done.stderr
    assert [line for line in done.stderr.splitlines() if line.startswith("note:")] == [
        "note: versions/v1/carnet.yaml:14:9: pages -> 0 -> items -> 0: removes 'Mon CV' "
        "from 'items' (v0)"]


def test_a_lowered_rule_releases_and_is_recorded(repo: Path, tmp_path: Path) -> None:
    _v1(repo, LOWERED)
    out = tmp_path / "out"
    done = run_cli("release", "--out", str(out), "--root", str(repo), "-q")
    assert done.returncode == 0, done.stderr
    lowered = [{"rule": "words.symbol", "severity": "warning",
                "reason": "Le nom choisi par le comité des usagers.", "findings": 1}]
    ticket = json.loads((out / "v1-bureau-a4" / "ticket.json").read_text(encoding="utf-8"))
    assert ticket["lint_lowered"] == lowered
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [job["lint_lowered"] for job in manifest["jobs"]] == [lowered]
    text = run_pdftotext(out / "v1-bureau-a4" / "ticket.pdf")
    assert "Règle abaissée :" in text and "Le nom choisi par le comité des usagers." in text


def test_a_lowered_rule_is_not_inherited(repo: Path, tmp_path: Path) -> None:
    _v1(repo, LOWERED)
    (repo / "versions" / "v2").mkdir()
    (repo / "versions" / "v2" / "carnet.yaml").write_text(
        "version: v2\nextends: v1\n" + CHANGELOG, encoding="utf-8")
    (repo / "release.yaml").write_text("versions: [v2]\nvariants: none\n")
    refused = run_cli("release", "--out", str(tmp_path / "out"), "--root", str(repo))
    assert refused.returncode == 2
    assert "words.symbol" in refused.stderr.splitlines()[0]


def test_release_says_what_a_version_removed(repo: Path, tmp_path: Path) -> None:
    path = repo / "versions" / "v1" / "carnet.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("version: v1\nextends: v0\nprint: [bureau-a4]\n" + CHANGELOG
                    + "pages:\n  - id: documents\n    items:\n      - text: Mon CV\n"
                      "        remove: true\n      - Ma carte Vitale\n", encoding="utf-8")
    out = tmp_path / "out"
    done = run_cli("release", "--out", str(out), "--root", str(repo))
    assert done.returncode == 0, done.stderr
    note = ("note: versions/v1/carnet.yaml:10:9: pages -> 0 -> items -> 0: removes 'Mon CV' "
            "from 'items' (v0)")
    assert done.stderr.splitlines()[0] == note
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["jobs"][0]["removed"] == [note[len("note: "):]]


def test_build_prints_each_finding_with_its_fix(repo: Path, tmp_path: Path) -> None:
    _v1(repo)
    built = run_cli("build", "v1", "--out", str(tmp_path / "out"), "--root", str(repo), "-q",
                    "--no-impose")
    assert built.returncode == 0, built.stderr
    assert ("versions/v1/carnet.yaml:10:12: pages -> 0 -> title: error: words.symbol: special "
            "character (& % § /) (fix: write it in words)") in built.stderr.splitlines()


def run_pdftotext(pdf: Path) -> str:
    import subprocess

    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
