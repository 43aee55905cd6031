"""`build --all --all-variants`: many builds on every core, each one's outcome said in the
order of the plan, whichever process finished first; failures collected, never fatal to
the others."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from monrecap.build.pipeline import BuildResult, Target, build_version
from monrecap.errors import MonrecapError


def _one(root: Path, target: Target, out_dir: Path | None, layout: str | None, impose: bool,
         preflight: bool, known_evidence, check_risk) -> BuildResult:
    return build_version(root, target.version, out_dir, layout, variant=target.variant,
                         impose=impose, preflight=preflight, known_evidence=known_evidence,
                         check_risk=check_risk)


def build_targets(root: Path, targets: list[Target], out_dir: Path | None = None,
                  layout: str | None = None, impose: bool = True, preflight: bool = True,
                  known_evidence: Callable[[str], frozenset[str]] | None = None,
                  check_risk: Callable | None = None, workers: int | None = None,
                  on_start: Callable[[Target], None] = lambda t: None
                  ) -> Iterator[tuple[Target, BuildResult | MonrecapError]]:
    """Build every target, in a pool of ``workers`` processes (default: the cores; one
    worker builds in this process), yielding (target, result or MonrecapError) in the
    order of ``targets``. ``on_start`` hears the target a report waits for next.
    ``known_evidence`` and ``check_risk`` must pickle (``evidence.KnownIds`` and
    ``risk.BuildCheck`` do). Every build writes only its
    own files (dist/vN/[edition/]), so builds in parallel never meet."""
    count = min(workers or os.cpu_count() or 1, len(targets))
    if count <= 1:
        for target in targets:
            on_start(target)
            try:
                yield target, _one(root, target, out_dir, layout, impose, preflight,
                                   known_evidence, check_risk)
            except MonrecapError as exc:
                yield target, exc
        return
    with ProcessPoolExecutor(max_workers=count) as pool:
        futures = [pool.submit(_one, root, target, out_dir, layout, impose, preflight,
                               known_evidence, check_risk) for target in targets]
        try:
            for target, future in zip(targets, futures):
                on_start(target)
                try:
                    yield target, future.result()
                except MonrecapError as exc:
                    yield target, exc
        finally:
            for future in futures:
                future.cancel()
