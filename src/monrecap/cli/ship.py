"""The release command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import MonrecapError
from . import RootOpt, app, console, fail


@app.command()
def release(version: Annotated[Optional[str], typer.Argument(
                help="One version (default: release.yaml's).")] = None,
            all_versions: Annotated[bool, typer.Option("--all", help="Every version.")] = False,
            out_dir: Annotated[Optional[Path], typer.Option("--out",
                                                            help="Default: dist/release.")]
            = None,
            workers: Annotated[Optional[int], typer.Option(help="Processes (default: cores).")]
            = None,
            keep_going: Annotated[bool, typer.Option("--keep-going",
                                                     help="Collect every failure.")] = False,
            root: RootOpt = Path(".")) -> None:
    """Build, impose, preflight and pack every job of release.yaml for the print shop.

    Example: monrecap release v11 --out dist/release
    """
    from rich.progress import Progress

    from ..release import make_release

    with Progress(console=console(), transient=True) as bar:
        task = bar.add_task("release", total=None)

        def progress(job, status: str) -> None:
            bar.console.print(f"[green]{status}[/green] {job.name}")
            bar.advance(task)

        try:
            results = make_release(root, out_dir, all_versions, workers, keep_going, progress,
                                   version)
        except MonrecapError as exc:
            raise fail(exc) from None
    reused = sum(r.status == "reused" for r in results)
    console().print(f"{len(results)} job(s): {len(results) - reused} built, {reused} reused",
                    markup=False)
