"""`monrecap build VERSION --watch`: rebuild the page PDF on every save, for designers.

One process, everything imported once: the first build loads the content model, the
renderer and the fonts; each later save costs only the loading and drawing of the carnet.
Watched: the files the last good build read (the version's YAML and its parents', the
layout, the pictograms, the fonts, as listed in its build.json); while the version does not
load, any file under versions/, layouts/, fonts/ and pictograms/. Bad input is reported and
the watcher carries on; only Ctrl-C stops it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from monrecap.build import BuildResult, build_version
from monrecap.errors import MonrecapError, Problem
from monrecap.gcpolicy import long_session
from monrecap.resources import recorded_file

FOLDERS = ("versions", "layouts", "fonts", "pictograms")


@dataclass(frozen=True)
class Rebuilt:
    """One build of the watch loop: its result, or the problems that stopped it."""

    seconds: float
    result: BuildResult | None = None
    problems: tuple[Problem | str, ...] = ()


def build_inputs(root: Path, result: BuildResult) -> set[Path]:
    """The files a build read, from its build.json (sources and fonts)."""
    manifest = json.loads(result.manifest.read_text(encoding="utf-8"))
    return {recorded_file(root, entry["path"]).resolve()
            for entry in manifest["sources"] + manifest["fonts"]}


def open_viewer(path: Path) -> bool:
    """Open ``path`` in the system's PDF viewer, if there is one; True when one started."""
    opener = shutil.which("open" if sys.platform == "darwin" else "xdg-open")
    if opener is None:
        return False
    subprocess.Popen([opener, str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, start_new_session=True)
    return True


def watch_version(root: Path, vid: str, report: Callable[[Rebuilt], None],
                  ready: Callable[[int], None], out_dir: Path | None = None,
                  layout: str | None = None, variant: str | None = None,
                  open_pdf: bool = False, stop_event=None) -> None:
    """Build the page PDF of ``vid`` now and after every change to its inputs, calling
    ``report`` after each build, and ``ready`` (with the number of files watched, 0 for
    the folders) once the watch is in place; returns when ``stop_event`` is set (Ctrl-C
    raises KeyboardInterrupt)."""
    import watchfiles

    inputs: set[Path] = set()  # empty while the last build failed: any change counts
    opened = not open_pdf

    def rebuild() -> None:
        nonlocal inputs, opened
        start = time.perf_counter()
        try:
            result = build_version(root, vid, out_dir, layout, variant=variant, impose=False,
                                   preflight=False)
        except MonrecapError as exc:
            problems: tuple[Problem | str, ...] = tuple(exc.problems)
        except Exception as exc:  # noqa: BLE001 — a designer's session outlives any bug
            problems = (f"unexpected {exc.__class__.__name__}: {exc}",)
        else:
            inputs = build_inputs(root, result)
            report(Rebuilt(time.perf_counter() - start, result))
            if not opened:  # once, after the first good build, viewer or not
                open_viewer(result.pdf)
                opened = True
            return
        inputs = set()
        report(Rebuilt(time.perf_counter() - start, problems=problems))

    rebuild()
    long_session()  # hundreds of rebuilds: the collector's defaults again (gcpolicy.py)
    folders = [root / name for name in FOLDERS if (root / name).is_dir()]
    waiting = True
    # The first yield comes after rust_timeout ms, or with the first change: either way the
    # watch is in place then, and a save can no longer be missed.
    for changes in watchfiles.watch(*folders, debounce=400, step=20, stop_event=stop_event,
                                    rust_timeout=300, yield_on_timeout=True):
        if waiting:
            ready(len(inputs))
            waiting = False
        if not changes:
            continue
        changed = {Path(path).resolve() for _, path in changes}
        if inputs and not changed & inputs:
            continue  # another version's file, an editor's backup
        rebuild()
