"""The editor's JSON Schemas (`monrecap schema`): every shipped YAML file names its schema on
its first line and is valid against it as an editor reads it (YAML 1.2: dates and `no` are
text); the committed schemas are what the models make; and schema and toolkit agree on
files mutated by hypothesis — a file the toolkit reads is never underlined, and a file the
schema accepts is never refused for a reason the schema could see (a key, a type, a value
out of a list, a missing key).

What only the toolkit can judge is not a schema reason: a page, an item, a version, a layout
or a file that a value names; what a parent gives (a page entry of a file that extends
another names only what changes); phone numbers; rules across fields. `make fuzz` runs
many more examples (MONRECAP_FUZZ=1).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import ROOT, run_cli
from monrecap.errors import MonrecapError
from monrecap.resources import DATA
from monrecap.yamlschema import FOLDER, PACKAGE_FOLDER, SCHEMAS, header, render, schema_for

EXAMPLES = 800 if os.environ.get("MONRECAP_FUZZ") == "1" else 70
DOCS = {s.name: yaml.safe_load(render(s)) for s in SCHEMAS}


class Editor(yaml.SafeLoader):
    """YAML as a YAML 1.2 language server reads it: no timestamps, booleans are true and
    false only, numbers without YAML 1.1's octal and sexagesimal forms."""


Editor.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (
        "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Editor.add_implicit_resolver("tag:yaml.org,2002:bool",
                             re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
Editor.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(
    r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789"))
Editor.add_implicit_resolver("tag:yaml.org,2002:float", re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"), list("-+0123456789."))


def editor_errors(schema: str, text: str) -> list[str]:
    """What an editor underlines in ``text`` (the best match first), or nothing."""
    validator = jsonschema.Draft7Validator(DOCS[schema],
                                           format_checker=jsonschema.FormatChecker())
    errors = list(validator.iter_errors(yaml.load(text, Loader=Editor)))
    if not errors:
        return []
    best = jsonschema.exceptions.best_match(errors)
    return [f"{'/'.join(map(str, best.absolute_path))}: {best.message[:200]}"]


def shipped() -> list[tuple[Path, str]]:
    """Every YAML file the repository and the toolkit ship, with its path as a repository
    names it (the toolkit's data/ mirrors a repository's folders)."""
    globs = ("versions/*/carnet.yaml", "versions/*/variants/*.yaml", "layouts/*.yaml",
             "layouts/*/*.yaml", "*.yaml", "experiments/*.yaml", "decisions/*.yaml")
    found = {p: p.relative_to(ROOT).as_posix() for g in globs for p in ROOT.glob(g)}
    found.update({p: p.relative_to(DATA).as_posix() for p in DATA.rglob("*.yaml")})
    return sorted(found.items())


@pytest.mark.parametrize("path,name", shipped(), ids=lambda v: str(v).split("/src/")[-1])
def test_every_shipped_yaml_names_its_schema_and_is_valid(path: Path, name: str) -> None:
    schema = schema_for(name)
    assert schema is not None, f"{name}: no schema for it"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == header(name)
    assert (path.parent / header(name).split("=", 1)[1]).is_file()  # the editor finds it
    assert editor_errors(schema.name, text) == []


@pytest.mark.parametrize("folder", [ROOT / FOLDER, DATA / PACKAGE_FOLDER], ids=["docs", "data"])
def test_committed_schemas_are_what_the_models_make(folder: Path) -> None:
    assert sorted(p.name for p in folder.iterdir()) == sorted(s.name for s in SCHEMAS)
    for schema in SCHEMAS:
        assert (folder / schema.name).read_bytes() == render(schema), \
            f"{schema.name} is out of date: run `monrecap schema` (and with --out " \
            f"src/monrecap/data/{PACKAGE_FOLDER})"
        jsonschema.Draft7Validator.check_schema(DOCS[schema.name])


def test_schema_command_writes_into_the_repository_from_any_folder(tmp_path: Path) -> None:
    repo = tmp_path / "depot"
    (repo / "versions").mkdir(parents=True)
    (repo / "layouts").mkdir()
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    made = run_cli("schema", "--root", str(repo), cwd=elsewhere)
    assert made.returncode == 0, made.stderr
    folder = repo / FOLDER
    assert sorted(p.name for p in folder.iterdir()) == sorted(s.name for s in SCHEMAS)
    assert all((folder / s.name).read_bytes() == render(s) for s in SCHEMAS)
    assert made.stderr.startswith(f"{folder}: 11 written (version.json, edition.json, ")
    again = run_cli("schema", "--root", str(repo), cwd=elsewhere)
    assert again.stderr == f"{folder}: 0 written (none), 11 already up to date\n"
    (repo / "versions" / ".gitkeep").write_text("")
    bad = run_cli("schema", "--out", str(repo / "versions" / ".gitkeep"), cwd=elsewhere)
    assert bad.returncode == 2
    assert bad.stderr == f"error: --out {repo}/versions/.gitkeep: is a file, not a folder\n"


def test_new_version_names_its_schema(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "versions", tmp_path / "versions")
    (tmp_path / "layouts").mkdir()
    made = run_cli("new", "v12", "--root", str(tmp_path))
    assert made.returncode == 0, made.stderr
    text = (tmp_path / "versions/v12/carnet.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../docs/schemas/input/"
                           "version.json\nversion: v12\n")
    assert editor_errors("version.json", text.replace('""', "À remplir")) == []


# --- schema and toolkit agree ----------------------------------------------------------------

#: The toolkit's messages for what a schema says: keys, types, lists, forms and values.
SCHEMA_REASONS = re.compile(
    r"unknown key|required key is missing|unknown (page kind|block type)|missing '(kind|type)'"
    r"|must be a positive integer|must be at (least|most)|must not be empty|does not match "
    r"the expected form|needs at least|takes at most|must be (a number|a whole number|text|"
    r"true or false|a date|a list|a mapping)|input should be|is not a (length|page size)"
    r"|is not an SVG|is not an evidence id|every page needs an 'id'|a page must be a mapping"
    r"|must be a version id|keys must be text|tuple should|a CMYK colour is|must be a list of")
#: In a file laid over a parent (a version that extends another, an edition), what is missing
#: may come from the parent, and a null removes what the parent has.
OVER_PARENT = re.compile(r"required key is missing|needs at least")

VERSION = "version: v12\nextends: v11\nchangelog:\n  - change: Deux pages.\n    finding: Un test.\n" \
          "pages:\n  - id: budget\n    kind: blocs\n    template: budget\n    after: documents\n" \
          "  - id: trajets\n    kind: blocs\n    template: trajets\n    after: budget\n"


def _loaders():
    from monrecap.content import load_version
    from monrecap.impact.decisions import load_decision
    from monrecap.impose.profile import load_profile
    from monrecap.layout import load_layout
    from monrecap.production.costs import load_costs
    from monrecap.production.labelsheet import load_label_sheet
    from monrecap.release import load_spec
    from monrecap.risk.classification import load_classification
    from monrecap.risk.experiments import load_experiments

    def stem(path: str) -> str:
        return Path(path).stem

    return [
        ("versions/v1/carnet.yaml", lambda r, p: load_version(r, "v1")),
        ("versions/v7/carnet.yaml", lambda r, p: load_version(r, "v7")),
        ("versions/v9/carnet.yaml", lambda r, p: load_version(r, "v9")),
        ("versions/v11/carnet.yaml", lambda r, p: load_version(r, "v11")),
        ("versions/v12/carnet.yaml", lambda r, p: load_version(r, "v12")),
        ("versions/v11/variants/val-fictif.yaml",
         lambda r, p: load_version(r, "v11", "val-fictif")),
        ("versions/v11/variants/horizon-insertion.yaml",
         lambda r, p: load_version(r, "v11", "horizon-insertion")),
        ("layouts/a5.yaml", lambda r, p: load_layout(r, "a5")),
        ("layouts/pages/budget.yaml", lambda r, p: load_version(r, "v12")),
        ("layouts/pages/trajets.yaml", lambda r, p: load_version(r, "v12")),
        ("layouts/print/atelier-sra3-a6.yaml", lambda r, p: load_profile(r, stem(p))),
        ("layouts/print/bureau-a4.yaml", lambda r, p: load_profile(r, stem(p))),
        ("layouts/labels/a4-3x8-70x37.yaml", lambda r, p: load_label_sheet(r, stem(p))),
        ("costs.yaml", lambda r, p: load_costs(r)),
        ("release.yaml", lambda r, p: load_spec(r)),
        ("risk.yaml", lambda r, p: load_classification(r)),
        ("experiments/exp-2024-09.yaml", lambda r, p: load_experiments(r)),
        ("decisions/dec-2025-02.yaml", lambda r, p: load_decision(r, r / p)),
    ]


LOADERS = _loaders()


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    repo = tmp_path_factory.mktemp("agree")
    for name in ("versions", "layouts", "fonts", "pictograms", "decisions", "experiments"):
        shutil.copytree(ROOT / name, repo / name)
    for name in ("costs.yaml", "release.yaml", "risk.yaml"):
        shutil.copy(ROOT / name, repo / name)
    shutil.copytree(DATA / "layouts" / "print", repo / "layouts" / "print", dirs_exist_ok=True)
    (repo / "versions" / "v12").mkdir()
    (repo / "versions" / "v12" / "carnet.yaml").write_text(header("versions/v12/carnet.yaml")
                                                          + "\n" + VERSION, encoding="utf-8")
    return repo


def _places(node, path=()):
    """Every (path, value) of a YAML document: the mappings, the lists and the values."""
    yield path, node
    items = node.items() if isinstance(node, dict) else enumerate(node) \
        if isinstance(node, list) else ()
    for key, value in items:
        yield from _places(value, path + (key,))


def _category(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    return {dict: "mapping", list: "list"}.get(type(value), "text")


def _at(data, path):
    for key in path[:-1]:
        data = data[key]
    return data


def _value_at(data, keys: list[str]):
    for key in keys:
        if isinstance(data, dict) and key in data:
            data = data[key]
        elif isinstance(data, list) and key.isdigit() and int(key) < len(data):
            data = data[int(key)]
        else:
            return "?"
    return data


@st.composite
def mutated(draw):
    """A shipped file with one change a designer might make by mistake: a value of another
    type, an unknown key, a key left out, a value out of its list (one letter more)."""
    index = draw(st.integers(0, len(LOADERS) - 1))
    name, _ = LOADERS[index]
    data = yaml.safe_load((ROOT / name).read_text(encoding="utf-8")
                          if not name.startswith(("versions/v12", "layouts/print"))
                          else (VERSION if name.startswith("versions/v12") else
                                (DATA / name).read_text(encoding="utf-8")))
    places = list(_places(data))
    how = draw(st.sampled_from(["type", "unknown", "missing", "letter"]))
    if how == "unknown":
        mappings = [p for p, v in places if isinstance(v, dict)]
        path = draw(st.sampled_from(mappings))
        target = data
        for key in path:
            target = target[key]
        target["cle_inconnue"] = "mot"
    elif how == "missing":
        keys = [p for p, _ in places if p and isinstance(_at(data, p), dict)]
        path = draw(st.sampled_from(keys))
        del _at(data, path)[path[-1]]
    elif how == "letter":
        texts = [p for p, v in places if p and isinstance(v, str)]
        path = draw(st.sampled_from(texts))
        _at(data, path)[path[-1]] += "x"
    else:
        path = draw(st.sampled_from([p for p, _ in places if p]))
        old = _category(_at(data, path)[path[-1]])
        pool = [v for v in ("mot", -3, ["mot"], {"mot": "mot"}, None) if _category(v) != old]
        _at(data, path)[path[-1]] = draw(st.sampled_from(pool))
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return index, how, path, text, data


@pytest.mark.fuzz
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(case=mutated())
def test_schema_and_toolkit_agree(repo: Path, case) -> None:
    index, how, path, text, data = case
    name, load = LOADERS[index]
    target = repo / name
    before = target.read_bytes()
    target.write_text(text, encoding="utf-8")
    try:
        load(repo, name)
        refused = []
    except MonrecapError as exc:
        refused = [str(p) for p in exc.problems]
    finally:
        target.write_bytes(before)
    underlined = editor_errors(schema_for(name).name, text)
    said = f"{name}, {how} at {'/'.join(map(str, path))}: editor {underlined}, toolkit {refused}"
    assert refused or not underlined, "the editor underlines a file the toolkit reads: " + said
    if underlined:
        return
    over = name.startswith("versions/") and ("extends" in data or "/variants/" in name)
    for problem in refused:
        if not problem.startswith(name + ":"):
            continue  # another file's problem: a page that counted on what this file gave
        message = problem.split(": ", 2)[-1]
        keys = problem.split(": ")[1].split(" -> ") if problem.count(": ") >= 2 else []
        if over and (OVER_PARENT.search(message) or _value_at(data, keys) is None):
            continue
        assert not SCHEMA_REASONS.search(message), \
            "the toolkit refuses for a reason the schema accepts: " + said
