"""Committee decisions as evidence: the files are checked at their line, cited ids must exist
(build, release), and show, diff and « Quoi de neuf » print them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from monrecap.build import check_evidence
from monrecap.cli import app
from monrecap.content import load_version
from monrecap.errors import ContentError
from monrecap.evidence import cited_excerpts, known_ids
from monrecap.impact.decisions import load_decisions

GOOD = """date: 2026-05-12
question: Faut-il une édition en gros caractères ?
options: [Oui, Non]
consulted:
  - role: personnes accompagnées
    count: 6
decision: Oui, au format A5.
reasons: [Des membres du comité lisent mal le format poche.]
"""


def test_the_shipped_decision_reads_and_is_cited_by_v10_and_v11(repo: Path) -> None:
    (decision,) = load_decisions(repo)
    assert decision.id == "dec-2025-02" and decision.consulted().startswith("7 personnes")
    assert cited_excerpts(repo, ["dec-2025-02", "fb-2026-0001"]) == {
        "dec-2025-02": decision.excerpt()}
    assert "dec-2025-02" in known_ids(repo) and "dec-2025-03" not in known_ids(repo)


@pytest.mark.parametrize("name,text,message", [
    ("decision-2026.yaml", GOOD, "decisions/decision-2026.yaml: a decision file is named by its "
                                 "id, dec-YEAR-NUMBER.yaml (dec-2025-02.yaml)"),
    ("dec-2026-01.yaml", GOOD.replace("count: 6", "count: 0"),
     "decisions/dec-2026-01.yaml:6:12: consulted -> 0 -> count: must be a positive integer"),
    ("dec-2026-01.yaml", GOOD.replace("    count: 6", "    count: 6\n    names: [Camille]"),
     "decisions/dec-2026-01.yaml:7:5: consulted -> 0 -> names: unknown key"),
    ("dec-2026-01.yaml", GOOD.replace("lisent mal", "lisent mal selon le 06 39 98 12 34"),
     "decisions/dec-2026-01.yaml:8:11: reasons -> 0: personal data (phone): a decision records "
     "roles and counts, never a person"),
    ("dec-2025-07.yaml", GOOD, "decisions/dec-2025-07.yaml:1:7: date: 2026-05-12 is not in "
                               "2025, the year of its id"),
])
def test_a_bad_decision_is_an_error_at_its_line(repo: Path, name: str, text: str,
                                               message: str) -> None:
    (repo / "decisions" / name).write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_decisions(repo)
    assert [str(p) for p in caught.value.problems][0].startswith(message)


def test_a_cited_decision_that_does_not_exist_stops_the_build_at_its_line(repo: Path) -> None:
    path = repo / "versions" / "v11" / "carnet.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "evidence: [dec-2025-02]", "evidence: [dec-2025-09]"), encoding="utf-8")
    carnet = load_version(repo, "v11")
    with pytest.raises(ContentError) as caught:
        check_evidence(repo, carnet, lambda: known_ids(repo))
    (problem,) = caught.value.problems
    assert str(problem).endswith("changelog -> 4 -> evidence -> 0: dec-2025-09 is not in the "
                                 "committee decisions (decisions/*.yaml)")
    assert str(problem).startswith("versions/v11/carnet.yaml:")
    (repo / "decisions" / "dec-2025-09.yaml").write_text(GOOD.replace("2026-05-12",
                                                                      "2025-05-12"))
    check_evidence(repo, carnet, lambda: known_ids(repo))  # now it exists


def test_show_and_the_sheet_say_the_decision(repo: Path) -> None:
    from monrecap.feedback.sheet import _decisions

    result = CliRunner().invoke(app, ["show", "v11", "--json", "--root", str(repo)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["evidence"]["dec-2025-02"].startswith(
        "décision du comité du 11 mars 2025 : offre découverte gratuite")
    assert _decisions(repo, ["dec-2025-02", "fb-2026-0001"]) == {
        "dec-2025-02": "Décidé avec le comité des usagers le 11 mars 2025."}
