"""The release command."""

import json
import os
import time
from pathlib import Path
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
from monrecap.plural import count

RELEASE_HELP = (
    "Build, impose, preflight and pack every job of release.yaml for the print shop.\n\n"
    "Output folder: dist/release unless --out.\n\n"
    "On N machines (a CI matrix): `monrecap release --shard K/N` on each, then "
    "`monrecap release merge DIR…` checks the N folders and combines them into dist/release "
    "(`monrecap release merge --help`). A version id is v<number>, so « merge » is never "
    "read as a version.")
MERGE_HELP = (
    "Check the shards of one release and combine them into one release folder.\n\n"
    "Every shard must come from the same sources, toolkit and plan, each of the N once, each "
    "job once and every file as its shard recorded it; otherwise each problem is said with "
    "its shard, exit 2, nothing written. manifest.json is then byte for byte the one a "
    "release on one machine writes. Output folder: dist/release unless --out (no repository "
    "needed with --out).")


@app.command(help=RELEASE_HELP, epilog="Example: monrecap release v11 --workers 2")
def release(version: Annotated[Optional[str], typer.Argument(
                help="One version (default: release.yaml's).")] = None,
            all_versions: Annotated[bool, typer.Option("--all", help="Every version.")] = False,
            out_dir: OutDirOpt = None,
            workers: Annotated[Optional[int], typer.Option(
                min=1, help="Processes (default: cores).")] = None,
            keep_going: Annotated[bool, typer.Option("--keep-going",
                                                     help="Collect every failure.")] = False,
            shard: Annotated[Optional[str], typer.Option(
                metavar="K/N", show_default=False,
                help="Only the K-th of N shares of the jobs (whole carnets, balanced, the "
                     "same on every machine), with shard.json; default folder "
                     "dist/release-shard-K-of-N.")] = None,
            matrix: Annotated[bool, typer.Option(
                "--matrix", help="Print CI's shards as JSON (release.yaml's shards: N), "
                                 "[\"1/N\", …], and exit.")] = False,
            quiet: QuietOpt = False,
            as_json: JsonOpt = False,
            root: RootOpt = None) -> None:
    """Build, impose, preflight and pack every job of release.yaml for the print shop."""
    from monrecap.cli.bars import steps
    from monrecap.evidence import known_ids
    from monrecap.outputs import FOLDER
    from monrecap.release import make_release

    root = repo_root(root)
    outputs(("--out", out_dir, FOLDER))
    if matrix:
        from monrecap.release import load_spec
        from monrecap.release.shard import matrix as shards

        try:
            typer.echo(json.dumps(shards(load_spec(root).shards)))
        except MonrecapError as exc:
            raise fail(exc) from None
        return
    part = None
    if shard is not None:
        from monrecap.release.shard import parse_shard

        try:
            part = parse_shard(shard)
        except MonrecapError as exc:
            raise fail(exc) from None
    processes = workers or os.cpu_count() or 1
    NOTE.append("nothing half-written, but the release is incomplete (no new manifest.json): "
                "run it again")
    started = time.monotonic()
    with steps(0, f"release ({count(processes, 'worker', lang='en')})",
               quiet or as_json) as step:
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
                                   notes=lambda line: console().print(line, markup=False),
                                   shard=part)
        except MonrecapError as exc:
            raise fail(exc) from None
    folder = out_dir or root / "dist" / (f"release-shard-{part[0]}-of-{part[1]}" if part
                                         else "release")
    if as_json:
        emit_json("release", {"folder": str(folder), **({"shard": shard} if part else {}),
                              "jobs": [
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
               title=(f"shard {part[0]}/{part[1]}: " if part else "")
               + f"{count(len(results), 'job', lang='en')}: {len(results) - reused} built, "
                 f"{reused} reused in {time.monotonic() - started:.1f} s")
    if part:
        console().print(f"wrote {folder}/shard.json: combine the {part[1]} shards with "
                        f"`monrecap release merge DIR…`", markup=False)


@app.command("release merge", hidden=True, help=MERGE_HELP, epilog="Example: monrecap release merge shards/*")
def release_merge(folders: Annotated[list[Path], typer.Argument(
                      metavar="DIR", show_default=False,
                      help="The N folders of `monrecap release --shard K/N`, in any order.")],
                  out_dir: OutDirOpt = None,
                  quiet: QuietOpt = False,
                  as_json: JsonOpt = False,
                  root: RootOpt = None) -> None:
    """Check the shards of one release and combine them (MERGE_HELP)."""
    from monrecap.outputs import FOLDER
    from monrecap.release.shardmerge import merge_shards

    outputs(("--out", out_dir, FOLDER))
    out = out_dir or repo_root(root) / "dist" / "release"
    try:
        entries = merge_shards(folders, out)
    except MonrecapError as exc:
        raise fail(exc) from None
    if as_json:
        emit_json("release", {"folder": str(out), "jobs": [
            {"name": e["name"], "version": e["version"], "variant": e["variant"],
             "layout": e["layout"], "profile": e["profile"], "status": "merged",
             "files": e["files"]} for e in entries]})
    elif not quiet:
        console().print(f"merged {count(len(folders), 'shard', lang='en')}: "
                        f"{count(len(entries), 'job', lang='en')} into {out}",
                        markup=False)
