"""The other designer- and production-facing inputs under the same fuzz as versions and
layouts: an edition, a print profile, a label sheet, costs.yaml, release.yaml, an order CSV,
feedback exports (WhatsApp, CSV), risk.yaml (read into v11's register) and a field
experiment. Each mutated file loads or raises the toolkit's one
error hierarchy (exit 2 at the CLI), whose every problem names the file; never another
exception."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import ROOT, make_repo
from monrecap.content import load_version
from monrecap.errors import MonrecapError
from monrecap.content.inherit import version_ids
from monrecap.feedback.parse import parse_file
from monrecap.impact.decisions import load_decisions
from monrecap.impact.survey import read_survey
from monrecap.impose.profile import load_profile
from monrecap.production.labelsheet import load_label_sheet
from monrecap.production.costs import load_costs
from monrecap.production.orders import load_orders
from monrecap.release import load_spec
from monrecap.risk import load_register
from monrecap.risk.experiments import load_experiments

from .test_yaml_inputs import mutate

pytestmark = pytest.mark.fuzz
EXAMPLES = 400 if os.environ.get("MONRECAP_FUZZ") == "1" else 25
FEEDBACK = ROOT / "tests" / "feedback" / "data"

# name: (the file in the scratch repository, where its text comes from, how it is loaded)
FORMATS = {
    "edition": ("versions/v11/variants/val-fictif.yaml", None,
                lambda repo, path: load_version(repo, "v11", "val-fictif")),
    "profile": ("layouts/print/atelier-sra3-a6.yaml",
                ROOT / "src/monrecap/data/layouts/print/atelier-sra3-a6.yaml",
                lambda repo, path: load_profile(repo, "atelier-sra3-a6")),
    "labels": ("layouts/labels/a4-3x8-70x37.yaml", None,
               lambda repo, path: load_label_sheet(repo, "a4-3x8-70x37")),
    "costs": ("costs.yaml", None, lambda repo, path: load_costs(repo)),
    "release": ("release.yaml", None, lambda repo, path: load_spec(repo)),
    "orders": ("examples/orders-2026-12.csv", None,
               lambda repo, path: load_orders(path, ["val-fictif", "horizon-insertion",
                                                     "mission-locale-fictiville"])),
    "whatsapp": ("android-2026-10.txt", FEEDBACK / "android-2026-10.txt",
                 lambda repo, path: parse_file(path, path.name)),
    "notes": ("notes-2026-10.csv", FEEDBACK / "notes-2026-10.csv",
              lambda repo, path: parse_file(path, path.name)),
    "survey": ("examples/survey-2026-11.csv", None,
               lambda repo, path: read_survey(path, version_ids(repo), {}, path.name)),
    "decision": ("decisions/dec-2025-02.yaml", None, lambda repo, path: load_decisions(repo)),
    "risk": ("risk.yaml", None, lambda repo, path: load_register(repo, "v11")),
    "experiment": ("experiments/exp-2024-09.yaml", None,
                   lambda repo, path: load_experiments(repo)),
}


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    repo = make_repo(tmp_path_factory.mktemp("fuzz-other"))
    shutil.copytree(ROOT / "versions", repo / "versions")
    shutil.copytree(ROOT / "examples", repo / "examples")
    for name in ("costs.yaml", "release.yaml"):
        shutil.copy(ROOT / name, repo / name)
    return repo


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_the_shipped_file_loads(repo: Path, fmt: str) -> None:
    """The premise: unmutated, each file loads."""
    rel, origin, load = FORMATS[fmt]
    path = repo / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(((origin or ROOT / rel)).read_text(encoding="utf-8"), encoding="utf-8")
    load(repo, path)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_mutated_file_loads_or_says_where(repo: Path, fmt: str) -> None:
    rel, origin, load = FORMATS[fmt]
    path = repo / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    original = (origin or ROOT / rel).read_text(encoding="utf-8")
    stem = Path(rel).name

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow])
    @given(st.data())
    def run(data) -> None:
        path.write_text(mutate(original, data), encoding="utf-8", errors="surrogatepass")
        try:
            load(repo, path)
        except MonrecapError as exc:
            text = str(exc)
            assert stem in text or "val-fictif" in text or exc.problems == [], text
        finally:
            path.write_text(original, encoding="utf-8")

    run()
