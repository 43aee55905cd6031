"""The release command."""

import os
import time
from typing import Annotated, Optional

import typer

from monrecap.cli import (
    KEPT,
    NOTE,
    JsonOpt,
    OutDirOpt,
    QuietOpt,
    RootOpt,
    app,
    console,
    emit_json,
    fail,
    outputs,
    repo_root,
)
from monrecap.errors import MonrecapError


@app.command(epilog="Example: monrecap release v11 --workers 2")
def release(version: Annotated[Optional[str], typer.Argument(
                help="One version (default: release.yaml's).")] = None,
            all_versions: Annotated[bool, typer.Option("--all", help="Every version.")] = False,
            out_dir: OutDirOpt = None,
            workers: Annotated[Optional[int], typer.Option(
                min=1, help="Processes (default: cores).")] = None,
            keep_going: Annotated[bool, typer.Option("--keep-going",
                                                     help="Collect every failure.")] = False,
            quiet: QuietOpt = False,
            as_json: JsonOpt = False,
            root: RootOpt = None) -> None:
    """Build, impose, preflight and pack every job of release.yaml for the print shop.

    Output folder: dist/release unless --out."""
    from monrecap.cli.bars import steps
    from monrecap.evidence import known_ids
    from monrecap.outputs import FOLDER
    from monrecap.release import make_release

    root = repo_root(root)
    outputs(("--out", out_dir, FOLDER))
    count = workers or os.cpu_count() or 1
    NOTE.append("nothing half-written, but the release is incomplete (no new manifest.json): "
                "run it again")
    started = time.monotonic()
    with steps(0, f"release ({count} workers)", quiet or as_json) as step:
        def on_plan(jobs) -> None:
            if step.bar is not None:
                step.bar.update(step.task, total=len(jobs))

        def progress(job, status: str) -> None:
            if status == "building":
                step.start(job.name)
                if step.bar is None and step.log:
                    console().print(f"building {job.name}", markup=False)
            else:
                KEPT.append(job.name)
                step.end(f"[green]{status}[/green] {job.name}")

        try:
            results = make_release(root, out_dir, all_versions, workers, keep_going, progress,
                                   on_plan, version, known_evidence=known_ids(root),
                                   notes=lambda line: console().print(line, markup=False))
        except MonrecapError as exc:
            raise fail(exc) from None
    if as_json:
        emit_json("release", {"folder": str(out_dir or root / "dist" / "release"), "jobs": [
            {"name": r.job.name, "version": r.job.version, "variant": r.job.variant,
             "layout": r.job.layout, "profile": r.job.profile, "status": r.status,
             "files": r.files}
            for r in results]})
        return
    if quiet:
        return
    from monrecap.tables import print_rows

    reused = sum(r.status == "reused" for r in results)
    print_rows(console(), ["job", "status", "files"],
               [[r.job.name, r.status, str(len(r.files))] for r in results],
               title=f"{len(results)} job(s): {len(results) - reused} built, {reused} reused in "
                     f"{time.monotonic() - started:.1f} s")
