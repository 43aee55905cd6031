"""The warm test runner of `make mutate`: one process that has imported pytest and every library
the tests use forks a child per mutant, and the child runs only the tests that reach the mutated
function.

A cold run starts Python, loads pytest's plugins, imports ReportLab, pikepdf, pydantic,
hypothesis… and collects the tests: ~2 s before the first test, for every mutant. Here that is
paid once. The parent never imports monrecap nor a test module: each child imports them afresh
from the scratch tree, with the mutated module on disk, so a mutant sees exactly what a cold
process would, less the start-up.

Which tests: the clean run records, with coverage.py, the lines of the mutated module each test
executes — in the test process and in the processes it starts (`monrecap …` run as a user
runs it: Python's sitecustomize starts coverage there, the test's id in MUTATE_TEST); what a
test's fixtures run counts for every test sharing a fixture wider than a function (a build
made once for the session). A mutant inside a function runs against the tests that executed a
line of that function, and survives untouched when none did; a mutant at module or class
level (a constant, a default, a word list) against every test of the module. `--thorough`
then runs a mutant those tests do not kill against the module's other tests (what a process
coverage cannot follow would reach: a pool's workers, an environment made from scratch).
"""

from __future__ import annotations

import ast
import importlib
import json
import os
import select
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

#: pytest's exit codes that kill a mutant: tests failed, interrupted (a broken import during
#: collection), internal error. 4 (usage) and 5 (no test) say the runner is wrong, not the mutant.
KILLING = {1, 2, 3}


class _Only:
    """A pytest plugin: run only the tests of ``ids`` (the others are deselected), the fastest
    of the clean run first, so that a mutant dies as early as it can: the fastest file first,
    and in each file its fastest tests first (a file's tests stay together, so its module
    fixtures are made once)."""

    def __init__(self, ids: set[str], durations: dict[str, float]):
        self.ids, self.durations = ids, durations

    def pytest_collection_modifyitems(self, config, items):
        chosen = [item for item in items if item.nodeid in self.ids]
        files: dict[str, float] = {}
        for item in chosen:
            files[item.path] = files.get(item.path, 0.0) + self.durations.get(item.nodeid, 0.0)
        chosen.sort(key=lambda item: (files[item.path], self.durations.get(item.nodeid, 0.0)))
        config.hook.pytest_deselected(items=[item for item in items
                                             if item.nodeid not in self.ids])
        items[:] = chosen


class _Recorder:
    """A pytest plugin: coverage's context is the test being run (``setup:`` and its id while
    its fixtures are made), also for the processes it starts (MUTATE_TEST, read by their
    coverage configuration); its duration and the fixtures it shares with other tests (scope
    wider than a function) are kept."""

    def __init__(self, cov):
        self.cov = cov
        self.durations: dict[str, float] = {}
        self.shared: dict[str, list[str]] = {}

    def _switch(self, context: str) -> None:
        self.cov.switch_context(context)
        os.environ["MUTATE_TEST"] = context

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        defs = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
        self.shared[item.nodeid] = sorted(name for name, d in defs.items()
                                          if d and d[-1].scope != "function")
        self._switch(item.nodeid)
        start = time.monotonic()
        yield
        self.durations[item.nodeid] = time.monotonic() - start
        self._switch("")

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_setup(self, item):
        self._switch("setup:" + item.nodeid)
        yield
        self._switch(item.nodeid)

    def who(self, context: str) -> set[str]:
        """The tests a context stands for: its own; for the making of fixtures, every test
        that shares one of them (a session's build made in the first test's setup is what
        all of them read)."""
        if not context.startswith("setup:"):
            return {context}
        test = context[len("setup:"):]
        mine = set(self.shared.get(test, ()))
        return {test} | {other for other, names in self.shared.items() if mine & set(names)}


#: Coverage in the processes the tests start (``monrecap …`` as a user runs it): Python reads
#: sitecustomize at start-up, which starts coverage with this configuration.
_SITE = "import coverage\ncoverage.process_startup()\n"
_RC = """[run]
parallel = true
data_file = {data}
include = {target}
context = ${{MUTATE_TEST}}
"""


def _fork(tree: Path, body) -> int:
    """Run ``body()`` (returns an exit code) in a child, in its own process group, output
    discarded; the child's pid."""
    pid = os.fork()
    if pid:
        return pid
    code = 3
    try:
        os.setpgid(0, 0)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.chdir(tree)
        sys.path.insert(0, str(tree / "src"))  # monrecap from this scratch tree,
        os.environ["PYTHONPATH"] = str(tree / "src")  # here and in the processes tests start
        code = int(body())
    except BaseException:  # noqa: BLE001 - whatever the mutant did, the child only reports
        code = 3
    finally:
        os._exit(code)


def _wait(pid: int, timeout: float) -> int | None:
    """The child's exit code, or None when it ran out of time (it and its own children are
    killed)."""
    fd = os.pidfd_open(pid)
    try:
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(pid, 0)
            return None
        _, status = os.waitpid(pid, 0)
    except BaseException:  # interrupted: no test process is left behind
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        raise
    finally:
        os.close(fd)
    return os.waitstatus_to_exitcode(status)


def function_ranges(source: str) -> list[tuple[int, int]]:
    """The body lines (first, last) of every ``def`` of ``source``, innermost last."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out.append((node.body[0].lineno, node.end_lineno))
    return sorted(out, key=lambda r: (r[0], -r[1]))


class Runner:
    """The tests of one module, run warm in ``tree`` (the scratch copy)."""

    def __init__(self, tree: Path, module_path: Path, tests: list[str], pytest_args: list[str]):
        self.tree, self.module_path = tree, module_path
        self.args = [*pytest_args, *tests]
        self.options, self.tests = pytest_args, tests
        self.lines: dict[int, set[str]] = {}   # line → the tests that executed it
        self.durations: dict[str, float] = {}
        self.baseline = 0.0
        self.ranges: list[tuple[int, int]] = []
        self.thorough = False

    def clean_run(self) -> str:
        """Run every test once on the unmutated code, recording coverage per test; then import,
        in this process, every library the tests imported. "survived" when all pass."""
        report = Path(tempfile.mkstemp(prefix="mutate-clean-", suffix=".json")[1])
        target = str(self.module_path)

        def body():
            import coverage

            site = Path(tempfile.mkdtemp(prefix="mutate-cov-"))
            (site / "sitecustomize.py").write_text(_SITE)
            (site / "coverage.rc").write_text(_RC.format(data=site / "data", target=target))
            os.environ["PYTHONPATH"] = f"{site}{os.pathsep}{os.environ['PYTHONPATH']}"
            os.environ["COVERAGE_PROCESS_START"] = str(site / "coverage.rc")
            cov = coverage.Coverage(data_file=None, include=[target])
            recorder = _Recorder(cov)
            cov.start()
            try:
                code = pytest.main(self.args, plugins=[recorder])
            finally:
                cov.stop()
            lines: dict[int, set[str]] = {}
            datas = [cov.get_data()]
            for path in site.glob("data.*"):  # one file per process started
                data = coverage.CoverageData(basename=str(path))
                data.read()
                datas.append(data)
            for data in datas:
                for line, contexts in data.contexts_by_lineno(target).items():
                    for context in filter(None, contexts):
                        lines.setdefault(line, set()).update(recorder.who(context))
            modules = [name for name, mod in list(sys.modules.items())
                       if not _ours(mod, self.tree)]
            report.write_text(json.dumps({
                "lines": {n: sorted(ids) for n, ids in lines.items()},
                "durations": recorder.durations, "modules": modules}))
            shutil.rmtree(site, ignore_errors=True)
            return code

        start = time.monotonic()
        code = _wait(_fork(self.tree, body), timeout=1800)
        self.baseline = time.monotonic() - start
        try:
            data = json.loads(report.read_text() or "{}")
        finally:
            report.unlink(missing_ok=True)
        if code != 0:
            return "timeout" if code is None else f"error {code}"
        self.lines = {int(k): set(v) for k, v in data["lines"].items()}
        self.ranges = function_ranges(self.module_path.read_text(encoding="utf-8"))
        self.durations = data["durations"]
        for name in data["modules"]:
            if name not in sys.modules:
                try:
                    importlib.import_module(name)
                except BaseException:  # noqa: BLE001 - a library that won't preload loads late
                    pass
        return "survived"

    def tests_for(self, first: int, last: int) -> set[str] | None:
        """The tests that executed a line of the function holding lines first…last; None when
        the mutant is outside any function body (every test then)."""
        inside = [r for r in self.ranges if r[0] <= first and last <= r[1]]
        if not inside:
            return None
        low, high = inside[-1]
        return set().union(*(self.lines.get(n, set()) for n in range(low, high + 1)))

    def share(self, other: Runner) -> None:
        """Take the clean run of ``other`` (the same tests in another scratch tree)."""
        self.lines, self.durations, self.ranges = other.lines, other.durations, other.ranges
        self.thorough = other.thorough

    def stages(self, first: int, last: int) -> list[set[str]]:
        """The test sets a mutant on lines first…last runs against, in turn, until one fails:
        the tests that reach its function (every test for a mutant outside any function);
        then, when ``thorough``, the module's others."""
        every = set(self.durations)
        ids = self.tests_for(first, last)
        if ids is None:
            return [every]
        if not ids:  # no test reaches it: it survives, or, when thorough, meets them all
            return [every] if self.thorough else []
        return [ids, every - ids] if self.thorough and every - ids else [ids]

    def launch(self, ids: set[str]) -> tuple[int, float]:
        """Start the tests ``ids`` against the code now on disk: the child's pid, and the
        time it must be done by (three times their clean run, plus 10 s)."""
        plugins = [_Only(ids, self.durations)]
        timeout = 3 * sum(self.durations.get(i, 0.0) for i in ids) + 10
        # only the files that hold them: the others are not even collected
        files = {test.split("::")[0] for test in ids}
        args = [*self.options, *(t for t in self.tests
                                  if any(f == t or f.startswith(t.rstrip("/") + "/")
                                         for f in files))]
        return (_fork(self.tree, lambda: pytest.main(args, plugins=plugins)),
                time.monotonic() + timeout)


def _outcome(code: int | None) -> str:
    if code is None:
        return "timeout"
    if code in KILLING:
        return "killed"
    return "survived" if code == 0 else f"error {code}"


def _kill(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def run_all(runners: list[Runner], mutants, write) -> Iterator[tuple[object, str]]:
    """Each mutant (``.code``, ``.line``, ``.end``) against its stages, as many at once as
    there are runners (one scratch tree each; ``write(tree, code)`` puts a mutant there);
    yields (mutant, outcome) as each is decided."""
    pending, free = list(mutants), list(runners)
    busy: dict[int, list] = {}  # pidfd → [runner, mutant, stages left, pid, deadline]
    try:
        while pending or busy:
            while free and pending:
                runner, mutant = free.pop(), pending.pop(0)
                stages = runner.stages(mutant.line, mutant.end)
                if not stages:  # no test reaches the mutated function
                    free.append(runner)
                    yield mutant, "survived"
                    continue
                write(runner.tree, mutant.code)
                pid, deadline = runner.launch(stages.pop(0))
                busy[os.pidfd_open(pid)] = [runner, mutant, stages, pid, deadline]
            if not busy:
                continue
            now = time.monotonic()
            wait = max(0.0, min(entry[4] for entry in busy.values()) - now)
            ready, _, _ = select.select(list(busy), [], [], wait)
            now = time.monotonic()
            for fd in list(busy):
                runner, mutant, stages, pid, deadline = busy[fd]
                if fd in ready:
                    code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
                elif now >= deadline:
                    _kill(pid)
                    os.waitpid(pid, 0)
                    code = None
                else:
                    continue
                os.close(fd)
                del busy[fd]
                outcome = _outcome(code)
                if outcome == "survived" and stages:  # not killed yet: the next tests
                    pid, deadline = runner.launch(stages.pop(0))
                    busy[os.pidfd_open(pid)] = [runner, mutant, stages, pid, deadline]
                    continue
                free.append(runner)
                yield mutant, outcome
    finally:  # interrupted: no test process is left behind
        for fd, (_, _, _, pid, _) in busy.items():
            _kill(pid)
            os.waitpid(pid, 0)
            os.close(fd)


def _ours(module, tree: Path) -> bool:
    """A module of the scratch tree (monrecap, the tests, conftest) or the main script."""
    name = getattr(module, "__name__", "")
    if name == "__main__" or name.startswith(("monrecap", "tests", "conftest")):
        return True
    path = getattr(module, "__file__", None) or ""
    return str(tree) in path
