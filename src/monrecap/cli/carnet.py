"""Commands about versions: build, versions, show, new."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import MonrecapError, UsageError
from . import RootOpt, app, console, fail


@app.command()
def build(version: Annotated[Optional[str], typer.Argument(help="Version id, e.g. v11.")] = None,
          all_versions: Annotated[bool, typer.Option("--all", help="Every version.")] = False,
          variant: Annotated[Optional[str], typer.Option(help="One edition (variant).")] = None,
          all_variants: Annotated[bool, typer.Option("--all-variants",
                                                     help="Every edition too.")] = False,
          layout: Annotated[Optional[str], typer.Option(help="Build on another layout.")] = None,
          out_dir: Annotated[Optional[Path], typer.Option("--out", help="Output folder.")] = None,
          quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress.")] = False,
          no_preflight: Annotated[bool, typer.Option("--no-preflight",
                                                     help="Skip the preflight.")] = False,
          no_impose: Annotated[bool, typer.Option(
              "--no-impose", help="Page PDF only, not the version's print profiles.")] = False,
          watch: Annotated[bool, typer.Option(
              "--watch", help="Rebuild the page PDF on every save, until Ctrl-C.")] = False,
          open_pdf: Annotated[bool, typer.Option(
              "--open", help="Open the page PDF once in the system viewer.")] = False,
          root: RootOpt = Path(".")) -> None:
    """Build print-ready page PDFs and their build.json into dist/<version>/[<variant>/].

    Example: monrecap build v11 --watch --open"""
    from ..build import build_version, plan_targets

    progress = (lambda _: None) if quiet else (
        lambda msg: console().print(f"[dim]{msg}[/dim]"))
    try:
        targets = plan_targets(root, version, all_versions, variant, all_variants)
        if watch and len(targets) > 1:
            raise UsageError("--watch follows one version (or one --variant of it)")
    except MonrecapError as exc:
        raise fail(exc) from None
    if watch:
        _watch(root, targets[0].version, targets[0].variant, out_dir, layout, open_pdf, quiet)
        return
    failed = 0
    for target in targets:
        try:
            result = build_version(root, target.version, out_dir, layout, progress,
                                   target.variant, impose=not no_impose,
                                   preflight=not no_preflight)
        except MonrecapError as exc:
            failed += 1
            fail(exc)
            continue
        for warning in result.warnings:
            console().print(f"warning: {warning}", markup=False)
        if not quiet:
            console().print(f"[green]built[/green] {result.pdf} ({result.pages} pages, "
                            f"{result.layout})")
            for path in result.imposed:
                console().print(f"[green]imposed[/green] {path}")
        if open_pdf and target is targets[0]:
            from ..watch import open_viewer

            open_viewer(result.pdf)
    if failed:
        if len(targets) > 1:
            console().print(f"{failed} of {len(targets)} builds failed", markup=False)
        raise typer.Exit(2)


def _watch(root: Path, version: str, variant: Optional[str], out_dir: Optional[Path],
           layout: Optional[str], open_pdf: bool, quiet: bool) -> None:
    """`build --watch`: report every rebuild; Ctrl-C exits with 130, without a traceback."""
    from ..watch import Rebuilt, watch_version

    verb = "built"

    def report(done: Rebuilt) -> None:
        nonlocal verb
        for problem in done.problems:
            console().print(f"error: {problem}", markup=False)
        if done.problems:
            console().print("not rebuilt: fix it and save again", markup=False)
        elif not quiet:
            console().print(f"{verb} in {done.seconds:.2f} s", markup=False)
        verb = "rebuilt"

    def ready(watched: int) -> None:
        what = (f"the {watched} files it reads" if watched else
                "versions/, layouts/, fonts/ and pictograms/")
        console().print(f"watching {what} (Ctrl-C to stop)", markup=False)

    import signal

    # Ctrl-C stops the watch even when started from a shell that ignores SIGINT (`cmd &`).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        watch_version(root, version, report, ready, out_dir, layout, variant, open_pdf)
    except KeyboardInterrupt:
        raise typer.Exit(130) from None


@app.command()
def versions(root: RootOpt = Path(".")) -> None:
    """The history: id, date, format, page count, first changelog line, editions."""
    from rich.table import Table

    from ..versions import summarize_versions

    table = Table("version", "released", "layout", "format", "pages", "changelog", "editions")
    for row in summarize_versions(root):
        if row.error:
            table.add_row(row.id, "", "", "", "", f"[red]does not build:[/red] {row.error}", "")
        else:
            table.add_row(row.id, row.released.isoformat(), row.layout, row.format,
                          str(row.pages), row.headline, ", ".join(row.variants))
    console(stderr=False).print(table)


@app.command()
def show(version: Annotated[str, typer.Argument(help="Version id, e.g. v9.")],
         resolved: Annotated[bool, typer.Option("--resolved",
                                                help="Print the resolved content as YAML.")]
         = False,
         root: RootOpt = Path(".")) -> None:
    """What a version changed against its parent, and its full changelog."""
    from ..history import resolved_yaml, version_story
    from ..report import print_story

    try:
        story = version_story(root, version)
    except MonrecapError as exc:
        raise fail(exc) from None
    if resolved:
        typer.echo(resolved_yaml(story.carnet), nl=False)
    else:
        print_story(console(stderr=False), story)


@app.command()
def new(version: Annotated[str, typer.Argument(help="The new version id, e.g. v12.")],
        from_: Annotated[Optional[str], typer.Option("--from",
                                                     help="Parent (default: latest).")] = None,
        root: RootOpt = Path(".")) -> None:
    """Scaffold the next version: extends its parent, with a dated changelog entry to fill."""
    from ..history import new_version

    try:
        path = new_version(root, version, from_)
    except MonrecapError as exc:
        raise fail(exc) from None
    console().print(f"created {path}: fill in its changelog, then `monrecap build {version}`",
                    markup=False)
