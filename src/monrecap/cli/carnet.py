"""Commands about versions: build, versions, show, new."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import MonrecapError
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
          root: RootOpt = Path(".")) -> None:
    """Build print-ready page PDFs and their build.json into dist/<version>/[<variant>/]."""
    from ..build import build_version, plan_targets
    from ..feedback.records import known_ids

    progress = (lambda _: None) if quiet else (
        lambda msg: console().print(f"[dim]{msg}[/dim]"))
    try:
        targets = plan_targets(root, version, all_versions, variant, all_variants)
    except MonrecapError as exc:
        raise fail(exc) from None
    failed = 0
    for target in targets:
        try:
            result = build_version(root, target.version, out_dir, layout, progress,
                                   target.variant, impose=not no_impose,
                                   preflight=not no_preflight,
                                   known_feedback=lambda: known_ids(root))
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
    if failed:
        if len(targets) > 1:
            console().print(f"{failed} of {len(targets)} builds failed", markup=False)
        raise typer.Exit(2)


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
    from ..feedback.records import cited_excerpts
    from ..history import resolved_yaml, version_story
    from ..report import print_story

    try:
        story = version_story(root, version)
        evidence = cited_excerpts(root, [i for e in story.carnet.changelog for i in e.evidence])
    except MonrecapError as exc:
        raise fail(exc) from None
    if resolved:
        typer.echo(resolved_yaml(story.carnet), nl=False)
    else:
        print_story(console(stderr=False), story, evidence)


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
