"""Hostile and broken designer YAML: a version file and a layout, mutated by hypothesis (and
hand-picked cases from a seeded fuzz), loaded as `monrecap build` loads them. Each ends in
the content or the one error hierarchy (exit 2 at the CLI), never another exception or a
hang; an error names the file, and the line when the mutation made one.

`make fuzz` runs many more examples (MONRECAP_FUZZ=1).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import ROOT, make_repo, run_cli
from monrecap.content import load_version
from monrecap.errors import MonrecapError
from monrecap.layout import load_layout

pytestmark = pytest.mark.fuzz
EXAMPLES = 2000 if os.environ.get("MONRECAP_FUZZ") == "1" else 120
V11 = (ROOT / "versions" / "v11" / "carnet.yaml").read_text(encoding="utf-8")
LAYOUT = (ROOT / "layouts" / "a6-poche.yaml").read_text(encoding="utf-8")
PLACE = re.compile(r"^(versions/v\d+/carnet\.yaml|layouts/[\w-]+\.yaml)(:\d+:\d+)?")


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    repo = make_repo(tmp_path_factory.mktemp("fuzz"))
    shutil.copytree(ROOT / "versions", repo / "versions")
    return repo


def bomb(levels: int = 10) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "variables:\n" + "".join(f"  {line}\n" for line in lines)


NASTY = st.sampled_from([
    "\x00", "\x07", "\x1b[31m", "\u202e", "\u2066", "\t", "\r\n", "\ufeff", ": ", "- ",
    "&a ", "*a", "!!python/object/apply:os.system [ls]", "{", "[", "'", '"', "? ", "%",
    "1e400", "-.inf", ".nan", "true", "null", "9" * 400, "x" * 5000, "[" * 200, "@", "|",
])


def mutate(text: str, data) -> str:
    lines = text.splitlines(keepends=True)
    kind = data.draw(st.sampled_from(["insert", "replace", "delete", "duplicate", "truncate",
                                      "value"]))
    i = data.draw(st.integers(0, len(lines) - 1))
    if kind == "truncate":
        return text[:data.draw(st.integers(0, len(text)))]
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "value" and ":" in lines[i]:
        key = lines[i].split(":", 1)[0]
        lines[i] = f"{key}: {data.draw(NASTY)}\n"
    else:
        at = data.draw(st.integers(0, len(lines[i])))
        piece = data.draw(st.one_of(NASTY, st.text(max_size=8)))
        lines[i] = lines[i][:at] + piece + (lines[i][at:] if kind == "insert" else "")
    return "".join(lines)


def _judge(call) -> None:
    try:
        call()
    except MonrecapError as exc:
        for problem in exc.problems:
            assert PLACE.match(str(problem)), str(problem)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.data())
def test_a_mutated_version_loads_or_says_where(repo: Path, data) -> None:
    path = repo / "versions" / "v11" / "carnet.yaml"
    path.write_text(mutate(V11, data), encoding="utf-8", errors="surrogatepass")
    try:
        _judge(lambda: load_version(repo, "v11"))
    finally:
        path.write_text(V11, encoding="utf-8")


@settings(max_examples=EXAMPLES // 2, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.data())
def test_a_mutated_layout_loads_or_says_where(repo: Path, data) -> None:
    path = repo / "layouts" / "a6-poche.yaml"
    path.write_text(mutate(LAYOUT, data), encoding="utf-8", errors="surrogatepass")
    try:
        _judge(lambda: load_layout(repo, "a6-poche"))
    finally:
        path.write_text(LAYOUT, encoding="utf-8")


# --- the failures of the seeded fuzz, each with its exact message --------------------------

def _build(repo: Path, version: str | None = None, layout: str | None = None):
    v, lay = repo / "versions" / "v11" / "carnet.yaml", repo / "layouts" / "a6-poche.yaml"
    v.write_text(version or V11, encoding="utf-8")
    lay.write_text(layout or LAYOUT, encoding="utf-8")
    try:
        return run_cli("build", "v11", "--no-impose", "--no-preflight", "-q", cwd=repo)
    finally:
        v.write_text(V11, encoding="utf-8")
        lay.write_text(LAYOUT, encoding="utf-8")


def _line(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize("char,what,why", [
    ("\x07", "control character U+0007", "it prints nothing and YAML refuses it"),
    ("\u202e", "bidirectional control character U+202E", "it would reorder the printed text"),
])
def test_an_invisible_character_is_an_error_at_its_place(repo: Path, char, what, why) -> None:
    text = V11.replace("Les numéros de téléphone", f"Les {char}numéros de téléphone", 1)
    line = _line(text, char)
    col = text.splitlines()[line - 1].index(char) + 1
    result = _build(repo, text)
    assert (result.returncode, result.stderr) == (
        2, f"error: versions/v11/carnet.yaml:{line}:{col}: {what} (delete it: {why})\n")


def test_released_true_is_a_date_error(repo: Path) -> None:
    text = re.sub(r"(?m)^released: .*$", "released: true", V11)
    result = _build(repo, text)
    assert (result.returncode, result.stderr) == (
        2, f"error: versions/v11/carnet.yaml:{_line(text, 'released:')}:11: released: "
           "must be a date written YYYY-MM-DD\n")


def test_an_alias_bomb_stops_at_once(repo: Path) -> None:
    result = _build(repo, V11 + bomb())
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert re.fullmatch(r"error: versions/v11/carnet\.yaml:\d+:\d+: variables -> a\d -> [\d >-]+: "
                        r"the file makes more than 100,000 values \(aliases repeated inside "
                        r"aliases\?\); write the values out\n", result.stderr), result.stderr


def test_a_huge_rule_weight_is_an_error_at_the_layout_line(repo: Path) -> None:
    layout = LAYOUT.replace("  line: 0.75pt", "  line: 100000000000000000000pt")
    result = _build(repo, layout=layout)
    assert (result.returncode, result.stderr) == (
        2, f"error: layouts/a6-poche.yaml:{_line(layout, '1000000000')}:9: rules -> line: "
           "must be at most 10pt\n")


def test_a_bom_and_crlf_build(repo: Path) -> None:
    path = repo / "versions" / "v11" / "carnet.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + V11.replace("\n", "\r\n").encode())
    try:
        result = run_cli("build", "v11", "--no-impose", "--no-preflight", "-q", cwd=repo)
    finally:
        path.write_text(V11, encoding="utf-8")
    assert result.returncode == 0, result.stderr


# --- block pages and page templates: loaded and drawn --------------------------------------

BLOCKS_V12 = ("version: v12\nextends: v11\nreleased: 2027-03-01\nchangelog:\n"
              "  - change: Des pages en blocs.\n    finding: Un test.\npages:\n"
              "  - id: budget\n    kind: blocs\n    template: budget\n    after: documents\n"
              "  - id: trajets\n    kind: blocs\n    template: trajets\n    after: budget\n"
              "    blocks:\n      - id: aide\n        label: Une question ?\n"
              "      - id: notes-trajet\n        type: lignes\n        count: 3\n"
              "      - id: code\n        type: qr\n        url: https://monrecap.example.fr\n")
BUDGET = (ROOT / "layouts" / "pages" / "budget.yaml").read_text(encoding="utf-8")
PLACE_BLOCKS = re.compile(r"^(versions/v12/carnet\.yaml|layouts/pages/budget\.yaml)(:\d+:\d+)?")


def _draw(repo: Path) -> None:
    from monrecap.build import load_for_build
    from monrecap.fonts import load_fontset
    from monrecap.pages import render_carnet

    carnet, layout = load_for_build(repo, "v12")
    render_carnet(carnet, layout, load_fontset(layout.fonts.regular, layout.fonts.bold))


@settings(max_examples=EXAMPLES // 4, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.data(), st.sampled_from(["version", "template"]))
def test_a_mutated_block_page_draws_or_says_where(repo: Path, data, which: str) -> None:
    """A block page or its template, mutated: drawn, or an error at its file (and line)."""
    version, template = repo / "versions" / "v12" / "carnet.yaml", \
        repo / "layouts" / "pages" / "budget.yaml"
    version.parent.mkdir(exist_ok=True)
    version.write_text(mutate(BLOCKS_V12, data) if which == "version" else BLOCKS_V12,
                       encoding="utf-8", errors="surrogatepass")
    template.write_text(mutate(BUDGET, data) if which == "template" else BUDGET,
                        encoding="utf-8", errors="surrogatepass")
    try:
        _draw(repo)
    except MonrecapError as exc:
        for problem in exc.problems:
            assert PLACE_BLOCKS.match(str(problem)) or str(problem).startswith(
                ("versions/v", "layouts/pages/trajets.yaml")), str(problem)
    finally:
        template.write_text(BUDGET, encoding="utf-8")
