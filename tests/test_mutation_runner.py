"""The warm runner of `make mutate` (mutation/warm.py) on a toy package: which tests each
mutant meets, and what it concludes — a test that reaches a function only through a process it
starts must still count."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

from conftest import ROOT

sys.path.insert(0, str(ROOT / "mutation"))
import warm  # noqa: E402

SOURCE = '''LIMIT = 3


def clamp(x):
    return min(x, LIMIT)


def shout(word):
    return word.upper() + "!"


def unused(x):
    return x + 1
'''
TESTS = '''import subprocess
import sys

import pytest

from toy.calc import clamp


@pytest.fixture(scope="module")
def made_once():
    return subprocess.run([sys.executable, "-c", "from toy.calc import shout; print(shout('a'))"],
                          capture_output=True, text=True).stdout


def test_clamp():
    assert clamp(5) == 3


def test_shout_in_a_process(made_once):
    assert made_once == "A!\\n"


def test_shout_read_again(made_once):
    assert made_once.startswith("A")
'''
ARGS = ["-o", "addopts=", "-p", "no:xdist", "-p", "no:cacheprovider", "-x", "-q"]


def _mutant(line: int, old: str, new: str) -> SimpleNamespace:
    assert old in SOURCE
    return SimpleNamespace(code=SOURCE.replace(old, new), line=line, end=line, name=new)


def test_each_mutant_meets_the_tests_that_reach_it(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    (tree / "src" / "toy").mkdir(parents=True)
    (tree / "src" / "toy" / "__init__.py").write_text("")
    module = tree / "src" / "toy" / "calc.py"
    module.write_text(SOURCE)
    (tree / "tests").mkdir()
    (tree / "tests" / "test_calc.py").write_text(TESTS)
    runner = warm.Runner(tree, module, ["tests"], ARGS)
    assert runner.clean_run() == "survived"
    test = "tests/test_calc.py::"
    assert runner.tests_for(5, 5) == {test + "test_clamp"}
    # shout runs in a process that a module fixture starts, in the first test's setup: both
    # tests that share the fixture count
    assert runner.tests_for(9, 9) == {test + "test_shout_in_a_process",
                                      test + "test_shout_read_again"}
    assert runner.tests_for(13, 13) == set()
    assert runner.tests_for(1, 1) is None  # module level: every test
    mutants = [_mutant(5, "min(x, LIMIT)", "max(x, LIMIT)"),
               _mutant(9, '+ "!"', '+ "?"'),
               _mutant(13, "x + 1", "x + 2"),
               _mutant(1, "LIMIT = 3", "LIMIT = 4")]

    def write(where: Path, code: str) -> None:
        (where / "src" / "toy" / "calc.py").write_text(code)
        for cached in (where / "src" / "toy" / "__pycache__").glob("calc.*.pyc"):
            cached.unlink()

    outcomes = {m.name: outcome for m, outcome in warm.run_all([runner], mutants, write)}
    assert outcomes == {"max(x, LIMIT)": "killed", '+ "?"': "killed",
                        "x + 2": "survived", "LIMIT = 4": "killed"}
