"""The `monrecap` command: parse, call one function, report, exit."""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import MonrecapError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_show_locals=False,
                  help="Build, impose and check the Mon Récap carnet.")


@lru_cache(maxsize=2)
def console(stderr: bool = True):
    """Rich consoles, made on first use: a quiet build never imports Rich."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)

RootOpt = Annotated[Path, typer.Option("--root", help="The repository (versions/, layouts/).",
                                       envvar="MONRECAP_ROOT")]


def fail(exc: MonrecapError) -> typer.Exit:
    """Print every problem, one per line, and exit with the error's code (2)."""
    for problem in exc.problems:
        console().print(f"error: {problem}", markup=False)
    return typer.Exit(exc.exit_code)


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
    from .build import build_version, plan_targets

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
    if failed:
        if len(targets) > 1:
            console().print(f"{failed} of {len(targets)} builds failed", markup=False)
        raise typer.Exit(2)


@app.command()
def versions(root: RootOpt = Path(".")) -> None:
    """The history: id, date, format, page count, first changelog line, editions."""
    from rich.table import Table

    from .versions import summarize_versions

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
    from .history import resolved_yaml, version_story
    from .report import print_story

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
    from .history import new_version

    try:
        path = new_version(root, version, from_)
    except MonrecapError as exc:
        raise fail(exc) from None
    console().print(f"created {path}: fill in its changelog, then `monrecap build {version}`",
                    markup=False)


@app.command()
def impose(source: Annotated[Path, typer.Argument(help="The page PDF, ours or anyone's.")],
           profile: Annotated[Optional[str], typer.Option(help="A print profile "
                                                           "(layouts/print/NAME.yaml).")] = None,
           output: Annotated[Optional[Path], typer.Option("-o", "--output",
                                                          help="The imposed PDF.")] = None,
           scheme: Annotated[Optional[str], typer.Option(help="saddle, cutstack or nup.")] = None,
           sheet: Annotated[Optional[str], typer.Option(help="A4, SRA3, 320x450mm…")] = None,
           orientation: Annotated[Optional[str], typer.Option(
               help="portrait, landscape or auto.")] = None,
           copies: Annotated[Optional[int], typer.Option(help="Copies per sheet side.")] = None,
           gutter: Annotated[Optional[str], typer.Option(help="Between copies, e.g. 6mm.")] = None,
           marks: Annotated[Optional[str], typer.Option(
               help="crop,fold,registration,colorbar,slug — or all, none.")] = None,
           duplex: Annotated[Optional[str], typer.Option(help="long-edge or short-edge.")] = None,
           creep: Annotated[Optional[str], typer.Option(help="Paper caliper, e.g. 100um.")] = None,
           show_map: Annotated[bool, typer.Option("--map", help="Print the sheet plan.")] = False,
           map_json: Annotated[Optional[Path], typer.Option(help="Write the plan as JSON.")] = None,
           preview: Annotated[Optional[Path], typer.Option(help="PNG of sheet 1's two sides.")]
           = None,
           root: RootOpt = Path(".")) -> None:
    """Impose a page PDF onto press sheets, with marks; the page order is proved by tests."""
    from .press import impose_file
    from .report import print_plan, write_plan_files

    overrides = dict(scheme=scheme, sheet=sheet, orientation=orientation, copies=copies,
                     gutter=gutter, marks=marks, duplex=duplex, creep=creep)
    try:
        result = impose_file(root, source, output, profile, overrides)
        write_plan_files(result.plan, map_json, preview)
    except MonrecapError as exc:
        raise fail(exc) from None
    for warning in result.plan.warnings:
        console().print(f"warning: {warning}", markup=False)
    if show_map:
        print_plan(console(stderr=False), result.plan)
    console().print(f"[green]imposed[/green] {result.output} ({len(result.plan.sheets)} sheets)")


@app.command()
def diff(old: Annotated[str, typer.Argument(help="A version id (v10) or a PDF.")],
         new: Annotated[str, typer.Argument(help="A version id (v11) or a PDF.")],
         variant: Annotated[Optional[str], typer.Option(help="Edition of the new side.")]
         = None,
         old_variant: Annotated[Optional[str], typer.Option(help="Edition of the old side.")]
         = None,
         report: Annotated[Optional[Path], typer.Option(help="Write an HTML report.")] = None,
         as_json: Annotated[bool, typer.Option("--json", help="JSON on stdout.")] = False,
         fail_on: Annotated[Optional[str], typer.Option(
             help="'unexplained': exit 1 only when a change is unexplained.")] = None,
         dpi: Annotated[float, typer.Option(help="Comparison resolution.")] = 150,
         root: RootOpt = Path(".")) -> None:
    """What changed between two versions (content and page), or between two PDFs.

    Exit code 0: identical; 1: differences; 2: trouble."""
    import json

    from .diff import run_diff
    from .diff.report import diff_json, print_diff

    progress = lambda msg: console().print(f"[dim]{msg}[/dim]")  # noqa: E731
    try:
        result = run_diff(root, old, new, old_variant, variant, fail_on, dpi, report, progress)
    except MonrecapError as exc:
        raise fail(exc) from None
    if as_json:
        typer.echo(json.dumps(diff_json(result), ensure_ascii=False, indent=1))
    else:
        print_diff(console(stderr=False), result)
    if report:
        console().print(f"report: {report}", markup=False)
    if fail_on == "unexplained":
        raise typer.Exit(1 if result.unexplained else 0)
    raise typer.Exit(0 if result.identical else 1)


@app.command()
def check(target: Annotated[str, typer.Argument(help="A built version (v11) or a PDF.")],
          as_json: Annotated[bool, typer.Option("--json", help="JSON on stdout.")] = False,
          sheets: Annotated[bool, typer.Option("--sheets",
                                               help="The file holds imposed sheets.")] = False,
          root: RootOpt = Path(".")) -> None:
    """Preflight a built version or any PDF as a print shop would: exit 0 clean, 1 errors."""
    from .preflight import check_target
    from .report import findings_json, print_findings

    try:
        name, report = check_target(root, target, sheets)
    except MonrecapError as exc:
        raise fail(exc) from None
    if as_json:
        typer.echo(findings_json(name, report))
    else:
        print_findings(console(stderr=False), name, report)
    raise typer.Exit(1 if report.errors else 0)


@app.command()
def release(all_versions: Annotated[bool, typer.Option("--all", help="Every version.")] = False,
            out_dir: Annotated[Optional[Path], typer.Option("--out",
                                                            help="Default: dist/release.")]
            = None,
            workers: Annotated[Optional[int], typer.Option(help="Processes (default: cores).")]
            = None,
            keep_going: Annotated[bool, typer.Option("--keep-going",
                                                     help="Collect every failure.")] = False,
            root: RootOpt = Path(".")) -> None:
    """Build, impose, preflight and pack every job of release.yaml for the print shop."""
    from rich.progress import Progress

    from .release import make_release

    with Progress(console=console(), transient=True) as bar:
        task = bar.add_task("release", total=None)

        def progress(job, status: str) -> None:
            bar.console.print(f"[green]{status}[/green] {job.name}")
            bar.advance(task)

        try:
            results = make_release(root, out_dir, all_versions, workers, keep_going, progress)
        except MonrecapError as exc:
            raise fail(exc) from None
    reused = sum(r.status == "reused" for r in results)
    console().print(f"{len(results)} job(s): {len(results) - reused} built, {reused} reused",
                    markup=False)


@app.command()
def lint(version: Annotated[Optional[str], typer.Argument(help="Version id, e.g. v11.")] = None,
         all_versions: Annotated[bool, typer.Option("--all", help="The trend across "
                                                    "versions.")] = False,
         chart: Annotated[Optional[Path], typer.Option(help="With --all: the trend as SVG.")]
         = None,
         as_json: Annotated[bool, typer.Option("--json", help="JSON on stdout.")] = False,
         root: RootOpt = Path(".")) -> None:
    """Easy-to-read and sensitive-data checks: exit 0 clean, 1 errors, 2 usage."""
    from .lint import lint_trend, lint_version
    from .report import lint_json, print_lint, print_trend, write_trend_chart

    try:
        if all_versions:
            trend = lint_trend(root)
            if chart:
                write_trend_chart(root, trend, chart)
        elif version:
            report = lint_version(root, version)
        else:
            raise MonrecapError("name a version, or --all for the trend")
    except MonrecapError as exc:
        raise fail(exc) from None
    if all_versions:
        if as_json:
            typer.echo(lint_json(trend=trend))
        else:
            print_trend(console(stderr=False), trend)
        raise typer.Exit(0)
    if as_json:
        typer.echo(lint_json(report=report))
    else:
        print_lint(console(stderr=False), report)
    raise typer.Exit(1 if report.errors else 0)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
