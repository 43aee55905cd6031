"""`make mutate`: the mutation run over the modules where a wrong answer hurts a person or a print
run (issue 25). A report, not a gate: it prints the score per module and the surviving mutants.

    python mutation/mutate.py                     every module of mutation/modules.toml
    python mutation/mutate.py lint/sensitive.py   one module (a path under src/monrecap/)
    python mutation/mutate.py --fresh …           every mutant again (else, for a module
                                                  unchanged since its last run, whole or
                                                  interrupted, only those not killed then)
    python mutation/mutate.py --list …            the mutants, not run
    python mutation/mutate.py --revision REV …    the code and tests of a git revision
    python mutation/mutate.py --jobs N …          N mutants at once (default 2)

Each mutant is written into a scratch copy of the repository (the working tree is never
touched), and only the module's own tests run against it (mutation/modules.toml), stopping at
the first failure, within three times their clean run plus 10 s: those that reach the mutated
function, in the test process or a process it starts (mutation/warm.py: a process that has
imported pytest and the libraries forks one child per mutant; --thorough: then all the others).
A mutant that fails a test, fails to import or runs out of time is killed. The equivalent
mutants (no input tells them from the code) are named in mutation/equivalent.yaml, each with its
reason; the score is killed / (mutants − equivalent). Outcomes are kept per module in
dist/mutate/results.json, so that a run of one module updates the whole report,
dist/mutate/report.md (a module changed since its run is said to be out of date).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from cosmic_ray.ast import ast_nodes, get_ast
from cosmic_ray.ast.ast_query import ASTQuery
from cosmic_ray.mutating import mutate_code

sys.path.insert(0, str(Path(__file__).parent))
from operators import operators  # noqa: E402
from warm import Runner, run_all  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "src/monrecap"
MODULES = Path(__file__).parent / "modules.toml"
EQUIVALENT = Path(__file__).parent / "equivalent.yaml"
OUT = ROOT / "dist" / "mutate"
#: One process (no xdist), stop at the first failure, the same hypothesis examples every run.
PYTEST = ["-o", "addopts=", "--doctest-modules", "-p", "no:xdist", "-p", "no:cacheprovider",
          "-x", "-q", "--no-header", "--hypothesis-seed=0"]


@dataclass
class Mutant:
    module: str      # under src/monrecap/
    line: int
    where: str       # the function or class it is in
    old: str         # the changed lines, as written
    new: str
    code: str        # the whole mutated module
    end: int = 0     # the last changed line

    @property
    def key(self) -> str:
        """What the allow-list names: stable when lines move."""
        return f"{self.where}: {self.old} → {self.new}"

    def __str__(self) -> str:
        return f"{self.module}:{self.line} in {self.where}: {self.old}  →  {self.new}"


@dataclass
class Result:
    module: str
    mutants: list[Mutant]
    outcomes: dict[str, str] = field(default_factory=dict)   # key → killed/survived/timeout
    equivalent: dict[str, str] = field(default_factory=dict)  # key → reason
    baseline: float = 0.0
    error: str = ""
    unrun: int = 0   # mutants a stopped run did not reach


def _in_decorator(node) -> bool:
    while node is not None:
        if node.type == "decorator":
            return True
        node = node.parent
    return False


#: Where mutants() keeps what it generated (main sets it to the output folder): a module's
#: mutants take a parse of the whole module each, minutes for all of them on a busy machine.
CACHE: dict[str, Path | None] = {"dir": None}


def mutants(source: str, module: str) -> list[Mutant]:
    """:func:`generate`, kept per module source and generator (this file, operators.py) in
    memory and, without their code (the report does not need it), in ``CACHE["dir"]``."""
    generator = (Path(__file__).read_bytes() + (Path(__file__).parent / "operators.py")
                 .read_bytes())
    key = hashlib.sha256(source.encode() + module.encode() + generator).hexdigest()[:32]
    if key in _MEMO:
        return _MEMO[key]
    folder = CACHE["dir"]
    cached = folder / f"{key}.json" if folder else None
    if cached and cached.exists():
        found = [Mutant(**m, code="") for m in json.loads(cached.read_text(encoding="utf-8"))]
    else:
        found = generate(source, module)
        if cached:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(".tmp")
            tmp.write_text(json.dumps([{k: v for k, v in m.__dict__.items() if k != "code"}
                                       for m in found], ensure_ascii=False), encoding="utf-8")
            tmp.replace(cached)
    _MEMO[key] = found
    return found


_MEMO: dict[str, list[Mutant]] = {}


def generate(source: str, module: str) -> list[Mutant]:
    """Every mutant of one module's ``source``, in source order, without duplicates. Not in
    decorators (declarations such as ``frozen=True``, not logic); binary operators only in
    arithmetic (not the ``*`` of ``def f(a, *, b)``)."""
    lines = source.splitlines()
    seen, out = {source}, []
    for name, operator in operators():
        count = 0
        for node in ast_nodes(get_ast(source)):
            for _pos in operator.mutation_positions(node):
                occurrence, count = count, count + 1
                if _in_decorator(node) or (name.startswith("core/ReplaceBinaryOperator")
                                           and node.parent.type not in ("arith_expr", "term")):
                    continue
                code = mutate_code(source, operator, occurrence)
                if code is None or code in seen:
                    continue
                seen.add(code)
                try:
                    compile(code, module, "exec")
                except SyntaxError:
                    continue
                new_lines = code.splitlines()
                first = next(k for k, (a, b) in enumerate(zip(lines + [""], new_lines + [""]))
                             if a != b)
                tail = next(k for k, (a, b) in enumerate(zip(reversed(lines),
                                                             reversed(new_lines))) if a != b)
                old = " ⏎ ".join(s.strip() for s in lines[first:len(lines) - tail])
                new = " ⏎ ".join(s.strip() for s in new_lines[first:len(new_lines) - tail])
                where = ASTQuery(node).get_definition_name() or "(module)"
                out.append(Mutant(module, first + 1, where, old, new, code,
                                  max(first + 1, len(lines) - tail)))
    out.sort(key=lambda m: m.line)
    keys: dict[str, int] = {}
    for m in out:  # the same edit twice in one function: the second is « #2 »
        keys[m.key] = keys.get(m.key, 0) + 1
        if keys[m.key] > 1:
            m.new += f"  #{keys[m.key]}"
    return out


def allow_list() -> dict[tuple[str, str], str]:
    entries = yaml.safe_load(EQUIVALENT.read_text(encoding="utf-8")) or []
    out = {}
    for entry in entries:
        if not str(entry.get("why", "")).strip():
            sys.exit(f"{EQUIVALENT.name}: « {entry.get('mutant')} » gives no reason")
        out[(entry["module"], entry["mutant"])] = " ".join(entry["why"].split())
    return out


def scratch_copy(revision: str | None) -> Path:
    """The repository in a temporary folder: the files of ``revision``, or the working
    tree's files (tracked and new, not ignored)."""
    tmp = Path(tempfile.mkdtemp(prefix="monrecap-mutate-"))
    if revision:
        archive = subprocess.run(["git", "archive", "--format=tar", revision], cwd=ROOT,
                                 capture_output=True, check=True).stdout
        archive_path = tmp.parent / f"{tmp.name}.tar"
        archive_path.write_bytes(archive)
        with tarfile.open(archive_path) as tar:
            tar.extractall(tmp, filter="data")
        archive_path.unlink()
        return tmp
    listed = subprocess.run(["git", "ls-files", "-coz", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (tmp / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, tmp / name)
    return tmp


def write_module(tree: Path, module: str, code: str) -> None:
    path = tree / PACKAGE / module
    path.write_text(code, encoding="utf-8")
    for cached in (path.parent / "__pycache__").glob(path.stem + ".*.pyc"):
        cached.unlink()  # never the bytecode of another mutant written in the same second


def digest(source: str) -> str:
    return hashlib.sha256(source.encode()).hexdigest()


def run_module(trees: list[Path], module: str, tests: list[str], previous: dict | None,
               fresh: bool, allowed: dict, save, thorough: bool = False) -> Result:
    """Every mutant of ``module`` not allow-listed, nor killed in the last run of the same
    source (unless ``fresh``); ``save(result)`` every 20 mutants, so that a run stopped half
    way is taken up where it stopped."""
    original = (trees[0] / PACKAGE / module).read_text(encoding="utf-8")
    result = Result(module, generate(original, module))  # with their code, to run them
    kept = {}
    if not fresh and previous and previous.get("source") == digest(original):
        kept = {k: v for k, v in previous["outcomes"].items() if v != "survived"}
    runners = [Runner(tree, tree / PACKAGE / module, tests, PYTEST) for tree in trees]
    runners[0].thorough = thorough
    state = runners[0].clean_run()
    result.baseline = runners[0].baseline
    if state != "survived":
        result.error = f"the clean run fails ({state}): fix the tests first"
        return result
    for runner in runners[1:]:
        runner.share(runners[0])
    todo = []
    for mutant in result.mutants:
        if (module, mutant.key) in allowed:
            result.equivalent[mutant.key] = allowed[(module, mutant.key)]
        elif mutant.key in kept:
            result.outcomes[mutant.key] = kept[mutant.key]
        else:
            todo.append(mutant)
    try:
        for n, (mutant, outcome) in enumerate(
                run_all(runners, todo, lambda tree, code: write_module(tree, module, code)), 1):
            result.outcomes[mutant.key] = outcome
            print("S" if outcome == "survived" else ".", end="" if n % 60 else "\n", flush=True)
            if n % 20 == 0:
                save(result, complete=False)
    finally:
        for tree in trees:
            write_module(tree, module, original)
    print()
    return result


def score(result: Result) -> tuple[int, int, int, int]:
    """Mutants, killed, equivalent, survived."""
    killed = sum(v != "survived" for v in result.outcomes.values())
    survived = len(result.outcomes) - killed
    return len(result.mutants), killed, len(result.equivalent), survived


def report(results: list[Result], missing: list[str], stale: list[tuple[str, str]]) -> str:
    rows = ["| module | mutants | killed | equivalent | survived | score |",
            "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        if r.error:
            rows.append(f"| `{r.module}` | {len(r.mutants)} | — | — | — | {r.error} |")
            continue
        total, killed, equivalent, survived = score(r)
        rate = killed / (killed + survived) if killed + survived else 1.0
        unrun = f" ({r.unrun} not run yet)" if r.unrun else ""
        rows.append(f"| `{r.module}` | {total} | {killed} | {equivalent} | {survived} "
                    f"| {100 * rate:.1f} %{unrun} |")
    rows += [f"| `{module}` | not run since it changed | | | | |" for module in missing]
    lines = rows + ["", "Surviving mutants:", ""]
    lines += [f"- `{m}`" for r in results for m in r.mutants
              if r.outcomes.get(m.key) == "survived"] or ["- none"]
    lines += ["", "Equivalent mutants (mutation/equivalent.yaml):", ""]
    lines += [f"- `{m}` — {r.equivalent[m.key]}" for r in results for m in r.mutants
              if m.key in r.equivalent] or ["- none"]
    if stale:
        lines += ["", "Allow-list entries that match no mutant (remove them):", ""]
        lines += [f"- `{module}`: `{key}`" for module, key in stale]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="paths under src/monrecap/ (default: all)")
    parser.add_argument("--fresh", action="store_true",
                        help="run every mutant again, the killed ones too")
    parser.add_argument("--thorough", action="store_true",
                        help="a mutant the tests reaching it leave alive meets the module's "
                             "other tests too")
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("--revision", help="the code and tests of this git revision")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                        help="mutants tested at once, one scratch copy each (default: 2, or "
                             "1 on one core)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"default {OUT.relative_to(ROOT)}")
    args = parser.parse_args()
    # Stopped (kill, Ctrl-C): the scratch copy is removed and no test process is left.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    config = tomllib.loads(MODULES.read_text(encoding="utf-8"))["modules"]
    chosen = args.modules or list(config)
    unknown = [m for m in chosen if m not in config]
    if unknown:
        print(f"mutate: not in {MODULES.name}: {', '.join(unknown)}", file=sys.stderr)
        return 2
    allowed = allow_list()
    CACHE["dir"] = args.out.resolve() / "mutants"
    if args.list:
        for module in chosen:
            source = (ROOT / PACKAGE / module).read_text(encoding="utf-8")
            for m in mutants(source, module):
                mark = "  (equivalent)" if (module, m.key) in allowed else ""
                print(f"{m}{mark}")
        return 0
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    saved_path = out / "results.json"
    saved = json.loads(saved_path.read_text()) if saved_path.exists() else {}
    trees = [scratch_copy(args.revision) for _ in range(max(1, args.jobs))]
    tree = trees[0]
    os.environ.pop("CI", None)
    try:
        for module in chosen:
            tests = config[module]["tests"]
            source = (tree / PACKAGE / module).read_text(encoding="utf-8")
            print(f"{module}: {len(mutants(source, module))} mutants against "
                  f"{' '.join(tests)}", flush=True)

            def save(result: Result, complete: bool, source: str = source) -> None:
                saved[result.module] = {"source": digest(source), "complete": complete,
                                        "outcomes": dict(result.outcomes),
                                        "baseline": round(result.baseline, 1)}
                saved_path.write_text(json.dumps(saved, indent=1, ensure_ascii=False))

            result = run_module(trees, module, tests, saved.get(module), args.fresh, allowed,
                                save, args.thorough)
            if not result.error:
                save(result, complete=True)
            total, killed, equivalent, survived = score(result)
            print(f"{module}: {killed} killed, {equivalent} equivalent, {survived} survived"
                  f" ({result.baseline:.0f} s a clean run) {result.error}", flush=True)
        # The report: every module of the configuration run on the code as it is now.
        results, missing = [], []
        for module in config:
            source = (tree / PACKAGE / module).read_text(encoding="utf-8")
            entry = saved.get(module)
            if not entry or entry["source"] != digest(source):
                missing.append(module)
                continue
            r = Result(module, mutants(source, module), baseline=entry.get("baseline", 0))
            for m in r.mutants:
                if (module, m.key) in allowed:
                    r.equivalent[m.key] = allowed[(module, m.key)]
                elif m.key in entry["outcomes"]:
                    r.outcomes[m.key] = entry["outcomes"][m.key]
                elif not entry.get("complete", True):
                    r.unrun += 1
                else:
                    r.outcomes[m.key] = "survived"  # not run (allow-listed then): not killed
            results.append(r)
        generated = {(r.module, m.key) for r in results for m in r.mutants}
        stale = sorted(k for k in allowed if k[0] not in missing and k not in generated)
    finally:
        for scratch in trees:
            shutil.rmtree(scratch, ignore_errors=True)
    text = report(results, missing, stale)
    (out / "report.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
