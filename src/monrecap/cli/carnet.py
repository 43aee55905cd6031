"""Commands about versions: build, versions, show, new."""

import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from monrecap.cli import (
    KEPT,
    JsonOpt,
    OutDirOpt,
    QuietOpt,
    RootOpt,
    app,
    console,
    emit_json,
    fail,
    is_terminal,
    outputs,
    repo_root,
)
from monrecap.errors import MonrecapError, UsageError


@app.command(epilog="Example: monrecap build v11 --watch --open")
def build(version: Annotated[Optional[str], typer.Argument(help="Version id, e.g. v11.")] = None,
          all_versions: Annotated[bool, typer.Option("--all", help="Every version.")] = False,
          variant: Annotated[Optional[str], typer.Option(help="One edition (variant).")] = None,
          all_variants: Annotated[bool, typer.Option("--all-variants",
                                                     help="Every edition too.")] = False,
          layout: Annotated[Optional[str], typer.Option(help="Build on another layout.")] = None,
          out_dir: OutDirOpt = None,
          quiet: QuietOpt = False,
          as_json: JsonOpt = False,
          no_preflight: Annotated[bool, typer.Option("--no-preflight",
                                                     help="Skip the preflight.")] = False,
          no_impose: Annotated[bool, typer.Option(
              "--no-impose", help="Page PDF only, not the version's print profiles.")] = False,
          watch: Annotated[bool, typer.Option(
              "--watch", help="Rebuild the page PDF on every save, until Ctrl-C.")] = False,
          open_pdf: Annotated[bool, typer.Option(
              "--open", help="Open the page PDF once in the system viewer.")] = False,
          workers: Annotated[Optional[int], typer.Option(
              min=1, help="Processes for --all and --all-variants (default: cores).")] = None,
          no_cache: Annotated[bool, typer.Option(
              "--no-cache", help="Build even when nothing it reads changed since the last "
                                 "build (the same bytes either way).")] = False,
          root: RootOpt = None) -> None:
    """Build print-ready page PDFs and their build.json into dist/<version>/[<variant>/]."""
    from monrecap.outputs import FOLDER

    root = repo_root(root)
    outputs(("--out", out_dir, FOLDER))
    if version is None and not all_versions:
        from monrecap.repo import version_here

        version = version_here(root)  # run inside versions/v12/: v12
    fresh = None
    if version is not None and not (all_versions or all_variants or watch):
        from monrecap.build import fresh

        if not fresh.enabled():
            fresh = None
        else:  # one build whose inputs and outputs did not change: reused
            options = fresh.options_of(version, variant, layout, not no_impose,
                                       not no_preflight, None, out_dir or root / "dist")
            found = None if no_cache else fresh.reuse(root, options, out_dir or root / "dist")
            if found is not None:
                from monrecap.build.target import Target

                _report_one(found, Target(version, variant), as_json, quiet, open_pdf)
                return
    from monrecap.build import build_version, plan_targets
    from monrecap.cli.bars import steps
    from monrecap.evidence import known_ids

    try:
        targets = plan_targets(root, version, all_versions, variant, all_variants)
        if watch and len(targets) > 1:
            raise UsageError("--watch follows one version (or one --variant of it)")
    except MonrecapError as exc:
        raise fail(exc) from None
    if watch:
        _watch(root, targets[0].version, targets[0].variant, out_dir, layout, open_pdf, quiet)
        return
    single = len(targets) == 1
    known = known_ids(root)  # each kind of evidence read once, when first cited
    from monrecap.risk import build_check

    risk = build_check(root)  # the risk: annotations and risk.yaml's experiments
    started, done, failures = time.monotonic(), [], []
    with steps(len(targets), "build", quiet or as_json or single) as step:
        if single:
            log = (lambda _: None) if quiet or as_json else (
                lambda msg: console().print(f"[dim]{msg}[/dim]"))
            try:
                done.append((targets[0], build_version(
                    root, targets[0].version, out_dir, layout, log, targets[0].variant,
                    impose=not no_impose, preflight=not no_preflight, known_evidence=known,
                    check_risk=risk)))
            except MonrecapError as exc:
                failures.append((targets[0], exc))
                fail(exc)
            else:
                if fresh is not None:
                    fresh.remember(root, options, done[0][1], _lint_lines(done[0][1]))
        else:
            from monrecap.build.many import build_targets

            # On every core; each outcome said in the plan's order.
            for target, result in build_targets(
                    root, targets, out_dir, layout, impose=not no_impose,
                    preflight=not no_preflight, known_evidence=known, check_risk=risk,
                    workers=workers,
                    on_start=lambda t: step.start(str(t))):
                if isinstance(result, MonrecapError):
                    failures.append((target, result))
                    step.end(f"[red]failed[/red] {target}")
                    continue
                done.append((target, result))
                KEPT.append(str(result.pdf))
                step.end(f"[green]built[/green] {result.pdf} ({result.pages} pages, "
                         f"{result.layout})")
        if single and done:
            KEPT.append(str(done[0][1].pdf))
    if as_json:
        emit_json("build", {"builds": [_build_json(t, r) for t, r in done],
                            "failed": [{"version": t.version, "variant": t.variant,
                                        "errors": [str(p) for p in e.problems]}
                                       for t, e in failures]})
    elif single and done:
        _print_build(done[0][1], quiet)
    if open_pdf and done:
        from monrecap.build.watch import open_viewer

        open_viewer(done[0][1].pdf)
    elif not single:
        _print_summary(done, failures, time.monotonic() - started, quiet)
    if failures:
        raise typer.Exit(2)


def _report_one(result, target, as_json: bool, quiet: bool, open_pdf: bool) -> None:
    """A build found fresh (build/fresh.py), said as the build said it."""
    KEPT.append(str(result.pdf))
    if as_json:
        emit_json("build", {"builds": [_build_json(target, result)], "failed": []})
    else:
        _print_build(result, quiet, reused=True)
    if open_pdf:
        from monrecap.build.watch import open_viewer

        open_viewer(result.pdf)


def _lint_lines(result) -> list[str]:
    """The lint findings a build prints (its errors and warnings), one line each."""
    if hasattr(result, "lint_lines"):
        return list(result.lint_lines)
    from monrecap.lint import LintFinding

    return [LintFinding(**f).line() for f in result.lint
            if f["severity"] in ("error", "warning")]


def _build_json(target, result) -> dict:
    return {"version": target.version, "variant": target.variant, "pdf": str(result.pdf),
            "manifest": str(result.manifest), "pages": result.pages, "layout": result.layout,
            "imposed": [str(p) for p in result.imposed], "warnings": list(result.warnings),
            "removals": list(result.removals), "notes": list(result.notes),
            "lint": list(result.lint)}


def _watch(root: Path, version: str, variant: Optional[str], out_dir: Optional[Path],
           layout: Optional[str], open_pdf: bool, quiet: bool) -> None:
    """`build --watch`: report every rebuild; Ctrl-C exits with 130, without a traceback."""
    from monrecap.build.watch import Rebuilt, watch_version

    verb = "built"
    before: set[tuple] = set()  # the findings of the last good build

    def report(done: Rebuilt) -> None:
        nonlocal verb, before
        for problem in done.problems:
            console().print(f"error: {problem}", markup=False)
        if done.problems:
            console().print("not rebuilt: fix it and save again", markup=False)
            return
        found = _findings(done.result)
        new = [line for key, line in found.items() if key not in before]
        for line in new[:WATCH_NEW]:  # the new ones first, never a flood
            console().print(f"new: {line}", markup=False)
        if len(new) > WATCH_NEW:
            console().print(f"… and {len(new) - WATCH_NEW} more new findings "
                            f"(monrecap lint {version} lists them all)", markup=False)
        kept, fixed = len(found) - len(new), len(before - set(found))
        tally = (f" — findings: {len(new)} new, {kept} as before, {fixed} fixed"
                 if found or fixed else "")
        if not quiet or new:
            console().print(f"{verb} in {done.seconds:.2f} s{tally}", markup=False)
        before = set(found)
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




#: How many new findings `build --watch` prints after a save (the rest are counted).
WATCH_NEW = 10


def _findings(result) -> dict[tuple, str]:
    """A build's lint findings and warnings, each keyed by what it says rather than its line
    (a line added above a finding does not make it new)."""
    from monrecap.lint import LintFinding

    found: dict[tuple, str] = {}
    for f in result.lint:
        if f["severity"] in ("error", "warning"):
            found[(f["rule"], f["path"], f["message"])] = LintFinding(**f).line()
    for warning in result.warnings:
        found[("warning", warning.split(": ", 1)[-1])] = f"warning: {warning}"
    return found


def _print_build(result, quiet: bool, reused: bool = False) -> None:
    """One build: its warnings and the lint findings it recorded, then what it wrote (green
    words on a terminal; piped, plain lines written without loading Rich)."""
    lines = [f"warning: {w}" for w in result.warnings]
    lines += [f"note: {r}" for r in result.removals]
    if not quiet:
        lines += [f"note: {n}" for n in result.notes]
    lines += _lint_lines(result)
    done = []
    if not quiet:
        if reused:
            lines.append("nothing it reads changed since the last build: its files are "
                         "reused as they are (build --no-cache builds anyway)")
        done = [("built", f"{result.pdf} ({result.pages} pages, {result.layout})")]
        done += [("imposed", str(path)) for path in result.imposed]
    if not is_terminal(stderr=True):
        import sys

        sys.stderr.write("".join(f"{line}\n" for line in lines)
                         + "".join(f"{verb} {what}\n" for verb, what in done))
        return
    for line in lines:
        console().print(line, markup=False)
    for verb, what in done:
        console().print(f"[green]{verb}[/green] {what}", highlight=False)


def _print_summary(done, failures, seconds: float, quiet: bool) -> None:
    """Many builds: each build's warnings and notes (named by its version and edition, as
    one build says them), one closing line with the lint's counts, then every failure."""
    from monrecap.plural import count

    for target, result in done:
        lines = [f"warning: {target}: {w}" for w in result.warnings]
        lines += [f"note: {target}: {r}" for r in result.removals]
        lines += [] if quiet else [f"note: {target}: {n}" for n in result.notes]
        for line in lines:
            console().print(line, markup=False, highlight=False)
    versions = {t.version for t, _ in done} | {t.version for t, _ in failures}
    editions = sum(t.variant is not None for t, _ in done)
    if not quiet:
        lint = [f for _, r in done for f in r.lint]
        errors = sum(f["severity"] == "error" for f in lint)
        warnings = sum(f["severity"] == "warning" for f in lint)
        console().print(
            f"{count(len(versions), 'version', lang='en')}, "
            f"{count(editions, 'edition', lang='en')} built in {seconds:.1f} s, "
            f"{len(failures)} failed; lint recorded {count(errors, 'error', lang='en')} and "
            f"{count(warnings, 'warning', lang='en')} (monrecap lint vN for each)",
            markup=False, highlight=False)
    for target, exc in failures:
        console().print(f"failed: {target}", markup=False)
        fail(exc)


@app.command(epilog="Example: monrecap versions --json")
def versions(as_json: JsonOpt = False, root: RootOpt = None) -> None:
    """The history: id, date, format, page count, first changelog line, editions."""
    from monrecap.history.versions import summarize_versions

    root = repo_root(root)
    rows = summarize_versions(root)
    if as_json:
        emit_json("versions", {"versions": [
            {"id": r.id, "released": r.released.isoformat() if r.released else None,
             "layout": r.layout, "format": r.format, "pages": r.pages, "changelog": r.headline,
             "editions": list(r.variants), "error": r.error} for r in rows]})
        return
    if not rows:
        console().print("no version yet: make the first one with `monrecap new v1`",
                        markup=False)
        return
    if not is_terminal():  # piped: the same rows as Rich prints them, without loading it
        from monrecap.tables import print_plain

        print_plain(["version", "released", "layout", "format", "pages", "editions",
                     "changelog"],
                    [[row.id, "", "", "", "", "", f"does not build: {row.error}"]
                     if row.error else
                     [row.id, row.released.isoformat(), row.layout, row.format,
                      str(row.pages), ", ".join(row.variants), row.headline] for row in rows])
        return
    from rich.markup import escape

    from monrecap.tables import print_rows

    print_rows(console(stderr=False),
               ["version", "released", "layout", "format", "pages", "editions", "changelog"],
               [[row.id, "", "", "", "", "", f"[red]does not build:[/red] {escape(row.error)}"]
                if row.error else
                [row.id, row.released.isoformat(), row.layout, row.format, str(row.pages),
                 escape(", ".join(row.variants)), escape(row.headline)] for row in rows])


@app.command(epilog="Example: monrecap show v11 --resolved")
def show(version: Annotated[str, typer.Argument(help="Version id, e.g. v9.")],
         resolved: Annotated[bool, typer.Option("--resolved",
                                                help="Print the resolved content as YAML.")]
         = False,
         as_json: JsonOpt = False,
         root: RootOpt = None) -> None:
    """What a version changed against its parent, and its full changelog."""
    from monrecap.evidence import cited
    from monrecap.history.chronicle import resolved_yaml, story_json, version_story
    from monrecap.history.story import print_story

    root = repo_root(root)
    try:
        story = version_story(root, version)
        evidence = cited(root, [i for e in story.carnet.changelog for i in e.evidence])
    except MonrecapError as exc:
        raise fail(exc) from None
    if as_json:
        emit_json("show", {**story_json(story), "evidence": evidence})
    elif resolved:
        typer.echo(resolved_yaml(story.carnet), nl=False)
    else:
        print_story(console(stderr=False), story, evidence)


@app.command(epilog="Example: monrecap new v12 --from v11")
def new(version: Annotated[str, typer.Argument(help="The new version id, e.g. v12.")],
        from_: Annotated[Optional[str], typer.Option("--from",
                                                     help="Parent (default: latest).")] = None,
        root: RootOpt = None) -> None:
    """Scaffold the next version: extends its parent, with a dated changelog entry to fill."""
    from monrecap.history.chronicle import new_version

    root = repo_root(root)
    try:
        path = new_version(root, version, from_)
    except MonrecapError as exc:
        raise fail(exc) from None
    console().print(f"created {path}: fill in its changelog, then `monrecap build {version}`",
                    markup=False)
