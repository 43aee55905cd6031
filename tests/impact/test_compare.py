"""Version against version on generated surveys with a known effect: found on a large sample,
« pas de différence visible » on a small one, « trop peu de réponses » under the minimum."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from conftest import ROOT
from monrecap.cli import app
from monrecap.impact.compare import compare_versions
from monrecap.impact.store import import_survey
from monrecap.impact.synth import Effect, synth_survey

EFFECT = {"v10": Effect(came_back=0.52), "v11": Effect(came_back=0.64)}


def _import(repo: Path, answers: dict[str, int], seed: int = 5,
            people: tuple[int, int] = (8, 30)) -> None:
    survey = repo / "survey.csv"
    survey.write_text(synth_survey(answers, EFFECT, seed=seed, people=people), encoding="utf-8")
    import_survey(repo, survey)


def _verdict(repo: Path, metric: str = "came_back"):
    result = compare_versions(repo, "v10", "v11")
    return next(v for v in result.verdicts if v.metric.key == metric)


def test_a_large_sample_finds_the_known_effect(repo: Path) -> None:
    _import(repo, {"v10": 150, "v11": 150})
    v = _verdict(repo)
    assert v.status == "clear" and v.difference.low > 0
    assert 0.08 < v.difference.value < 0.16  # the true effect is 12 points
    assert v.text.startswith("v11 : 6") and "des carnets reviennent, contre 5" in v.text
    assert " pour v10 ; l'écart est net (+1" in v.text
    # Nothing differs in the other rates: no claim.
    assert _verdict(repo, "filled").status == "unclear"


def test_a_small_sample_says_no_visible_difference(repo: Path) -> None:
    _import(repo, {"v10": 4, "v11": 4}, people=(10, 14))
    v = _verdict(repo)
    assert v.new.n >= 30 and v.old.n >= 30 and v.old_answers == 4
    assert v.status == "unclear" and v.difference.low < 0 < v.difference.high
    assert "pas de différence visible avec ces effectifs" in v.text


def test_under_the_minimum_it_says_too_few_answers_and_states_the_minimum(repo: Path) -> None:
    _import(repo, {"v10": 2, "v11": 40})
    v = _verdict(repo)
    assert v.status == "too-few" and v.difference is None
    assert v.text.startswith("trop peu de réponses pour comparer (v10 : 2 réponses, ")
    assert v.text.endswith(" personnes revues ; il en faut au moins 3 réponses et 30 "
                           "personnes revues par version)")


def test_a_version_without_answers_is_said_so(repo: Path) -> None:
    _import(repo, {"v11": 10})
    v = _verdict(repo)
    assert (v.status, v.text) == ("no-answer", "aucune réponse pour v10 : pas de comparaison")


def test_the_cli_shows_what_changed_and_follows_its_schema(repo: Path) -> None:
    _import(repo, {"v10": 30, "v11": 30})
    runner = CliRunner()
    result = runner.invoke(app, ["impact", "compare", "v10", "v11", "--json", "--root",
                                 str(repo)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, json.loads(
        (ROOT / "docs" / "schemas" / "impact-compare.json").read_text()))
    assert data["evidence"]["dec-2025-02"].startswith("décision du comité du 11 mars 2025 : ")
    assert data["minimum"] == {"answers": 3, "count": 30}
    text = runner.invoke(app, ["impact", "compare", "v10", "v11", "--root", str(repo)]).stdout
    assert "What changed in v11 (`monrecap diff v10 v11` shows where)" in text
    assert "dec-2025-02: « décision du comité du 11 mars 2025 : offre découverte" in text


@pytest.mark.parametrize("args,message", [
    (["v10", "v13"], "error: unknown version 'v13'; known versions: v1, v2, v3, v4, v5, v6, "
                     "v7, v8, v9, v10, v11; `monrecap new v13` starts it\n"),
    (["v11", "v11"], "error: compare two different versions, not v11 with itself\n"),
    (["v10", "v11", "--since", "mars"], "error: --since: « mars » is not a date "
                                        "(2026-03-01)\n"),
])
def test_bad_arguments_are_one_line_and_exit_2(repo: Path, args: list[str],
                                              message: str) -> None:
    result = CliRunner().invoke(app, ["impact", "compare", *args, "--root", str(repo)])
    assert (result.exit_code, result.stderr) == (2, message)
