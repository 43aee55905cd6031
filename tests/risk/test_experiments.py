"""Field experiments as evidence: experiments/<id>.yaml read strictly (no personal data, counts
that add up, a territory code), cited by changelog entries and checked by build and release."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import BASE, ROOT, make_repo, run_cli, write_version
from monrecap.errors import ContentError
from monrecap.evidence import cited, is_evidence, known_ids
from monrecap.risk.experiments import load_experiments

SHIPPED = ROOT / "experiments" / "exp-2024-09.yaml"


def _repo(tmp_path: Path, evidence: str) -> Path:
    repo = make_repo(tmp_path / "repo", {
        "v0": BASE.read_text(encoding="utf-8"),
        "v1": "version: v1\nextends: v0\nprint: [bureau-a4]\nchangelog:\n"
              "  - change: Le prénom seulement.\n    finding: Des carnets perdus.\n"
              f"    evidence: [{evidence}]\n"})
    (repo / "experiments").mkdir()
    # The shipped experiment used carnets v7; this repository's first version is v0.
    (repo / "experiments" / SHIPPED.name).write_text(
        SHIPPED.read_text(encoding="utf-8").replace("version: v7", "version: v0"),
        encoding="utf-8")
    (repo / "release.yaml").write_text("versions: [v1]\n")
    return repo


def test_the_shipped_experiment_loads_and_is_cited_with_its_counts() -> None:
    found = load_experiments(ROOT)
    assert list(found) == ["exp-2024-09"]
    experiment = found["exp-2024-09"].experiment
    assert (experiment.counts.left, experiment.counts.opened, experiment.territory) == (
        24, 15, "93")
    assert cited(ROOT, ["exp-2024-09", "exp-2030-01"]) == {
        "exp-2024-09": "Des carnets laissés exprès dans des lieux publics : 24 carnets v7 "
                       "laissés, 15 ouverts, 9 rendus, 2 où quelqu'un a écrit, 3 dont un "
                       "numéro a été appelé (93, septembre 2024)"}
    assert known_ids(ROOT)("exp") == frozenset({"exp-2024-09"})
    assert is_evidence("exp-2024-09") and is_evidence("fb-2026-0142")
    assert is_evidence("dec-2026-01") and not is_evidence("exp-24-9")
    assert not is_evidence("avis-2026-01")


def test_build_and_release_check_that_a_cited_experiment_exists(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "exp-2024-10")
    build = run_cli("build", "v1", "--no-impose", "--no-preflight", "-q", "--root", str(repo))
    assert build.returncode == 2
    assert build.stderr == ("error: versions/v1/carnet.yaml:7:16: changelog -> 0 -> evidence "
                            "-> 0: exp-2024-10 is not in the field experiments "
                            "(experiments/*.yaml)\n")
    release = run_cli("release", "--root", str(repo), "--out", str(tmp_path / "out"))
    assert release.returncode == 2 and release.stderr == build.stderr
    assert not (tmp_path / "out").exists()


def test_an_id_of_no_known_form_says_the_forms(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "exp-24-1")
    build = run_cli("build", "v1", "--no-impose", "--no-preflight", "-q", "--root", str(repo))
    assert (build.returncode, build.stderr) == (2, (
        "error: versions/v1/carnet.yaml:7:16: changelog -> 0 -> evidence -> 0: 'exp-24-1' is "
        "not an evidence id: write fb-2026-0142 (a feedback message) or exp-2024-09 (a field "
        "experiment) or dec-2025-02 (a decision of the users' committee)\n"))


def test_a_cited_experiment_is_shown_under_its_finding(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "exp-2024-09")
    show = run_cli("show", "v1", "--json", "--root", str(repo))
    assert show.returncode == 0, show.stderr
    assert json.loads(show.stdout)["evidence"]["exp-2024-09"].startswith(
        "Des carnets laissés exprès dans des lieux publics : 24 carnets v0 laissés")
    build = run_cli("build", "v1", "--no-impose", "--no-preflight", "-q", "--root", str(repo))
    assert build.returncode == 0, build.stderr


@pytest.mark.parametrize("old, new, message", [
    ("territory: \"93\"", "territory: \"Bobigny\"",
     "experiments/exp-2024-09.yaml:15:12: territory: 'Bobigny' is not a territory code: "
     "write a département (93, 2A, 974) or a commune's INSEE code (93008), never an address"),
    ("  returned: 9", "  returned: 30",
     "experiments/exp-2024-09.yaml:17:3: counts: returned (30) cannot be more than the 24 "
     "carnets left"),
    ("id: exp-2024-09", "id: exp-2024-08",
     "experiments/exp-2024-09.yaml:5:5: id: 'exp-2024-08' must be the file's name: "
     "experiments/exp-2024-08.yaml"),
    ("  ouverts, rendus et annotés, et les appels reçus.",
     "  ouverts, rendus et annotés. Contact : 06 39 98 12 34.",
     "experiments/exp-2024-09.yaml:7:11: protocol: personal data (téléphone): an experiment "
     "records counts, dates and a territory code, never a person"),
    ("end: 2024-09-27", "end: 2024-08-27",
     "experiments/exp-2024-09.yaml:14:6: end: 2024-08-27 is before the start, 2024-09-02"),
    ("version: v7", "version: v77",
     "experiments/exp-2024-09.yaml:12:10: version: 'v77' is not a version of this repository "
     "(no versions/v77/carnet.yaml) (did you mean 'v7'?); the versions are v6 to v8"),
])
def test_a_wrong_experiment_says_where(tmp_path: Path, old: str, new: str, message: str) -> None:
    for vid in ("v6", "v7", "v8"):  # the carnets the experiment used are a version here
        write_version(tmp_path, vid, f"version: {vid}\n")
    (tmp_path / "experiments").mkdir()
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "experiments" / "exp-2024-09.yaml").write_text(text.replace(old, new),
                                                               encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_experiments(tmp_path)
    assert [str(p)[:len(message)] for p in caught.value.problems] == [message]


def _built(repo: Path) -> list[str]:
    """What a build left under dist/, its records of what it read aside."""
    return [p.relative_to(repo).as_posix() for p in (repo / "dist").rglob("*")
            if p.is_file() and ".cache" not in p.parts]


def test_build_and_release_check_the_experiments_risk_yaml_cites(tmp_path: Path) -> None:
    """The same error as `risk`, at risk.yaml's line, exit 2, nothing built."""
    repo = _repo(tmp_path, "exp-2024-09")
    text = (ROOT / "risk.yaml").read_text(encoding="utf-8")
    (repo / "risk.yaml").write_text(text.replace("    evidence: [exp-2024-09]\n",
                                                 "    evidence: [exp-2024-10]\n", 1),
                                    encoding="utf-8")
    line = text.splitlines().index("    evidence: [exp-2024-09]") + 1
    message = (f"error: risk.yaml:{line}:16: feared_events -> change -> evidence -> 0: "
               "exp-2024-10 is not in the field experiments (experiments/exp-2024-10.yaml)\n")
    risk = run_cli("risk", "v1", "--root", str(repo))
    build = run_cli("build", "v1", "--no-impose", "--no-preflight", "-q", "--root", str(repo))
    assert (build.returncode, build.stderr) == (2, risk.stderr)  # what `risk` says
    assert _built(repo) == []  # (the evidence ids it read may be recorded in dist/.cache)
    assert (risk.returncode, risk.stderr) == (2, message)
    release = run_cli("release", "--root", str(repo), "--out", str(tmp_path / "out"))
    assert (release.returncode, release.stderr) == (2, message)
    assert not (tmp_path / "out").exists()


def test_build_checks_the_version_s_risk_annotations(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "exp-2024-09")
    with (repo / "versions" / "v1" / "carnet.yaml").open("a", encoding="utf-8") as handle:
        handle.write("risk:\n  notes: {category: sante, reason: x}\n")
    message = ("error: versions/v1/carnet.yaml:9:21: risk -> notes -> category: unknown "
               "category 'sante'; categories: appointments, contact, health, identity, none, "
               "papers, secrets, situation, third-party\n")
    risk = run_cli("risk", "v1", "--root", str(repo))
    build = run_cli("build", "v1", "--no-impose", "--no-preflight", "-q", "--root", str(repo))
    assert (build.returncode, build.stderr) == (2, risk.stderr)  # what `risk` says
    assert _built(repo) == []  # (the evidence ids it read may be recorded in dist/.cache)
    assert (risk.returncode, risk.stderr) == (2, message)
