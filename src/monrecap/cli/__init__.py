"""The `monrecap` command: parse, call one function, report, exit.

One module per command group registers its commands on `app`. This module holds what every
command shares: the options that mean the same everywhere, finding the repository, checking
output paths before any work, JSON on stdout, and the exit codes.

The cli modules do without ``from __future__ import annotations``: Typer reads every
command's annotations on every run, and string annotations it compiles and evaluates one by
one (10 ms of each command's start)."""

import json
import sys
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
import typer.core

from monrecap.errors import MonrecapError

EXIT_CODES = """Exit codes: 0 success or clean; 1 findings or differences; 2 usage or input
error; 130 interrupted."""

class _Commands(typer.core.TyperGroup):
    """Commands, and two-word commands registered as « release merge »: `monrecap release
    merge DIR…` beside `monrecap release [VERSION]`, which takes an optional argument (a
    version id is v<number>, so « merge » is never one). Hidden from the command list; the
    command it extends says it in its --help."""

    def resolve_command(self, ctx, args):
        if len(args) > 1 and f"{args[0]} {args[1]}" in self.commands:
            name = f"{args[0]} {args[1]}"
            return name, self.commands[name], args[2:]
        return super().resolve_command(ctx, args)


app = typer.Typer(no_args_is_help=True, pretty_exceptions_enable=False, cls=_Commands,
                  rich_markup_mode=None,
                  help="Build, impose and check the Mon Récap carnet.\n\n" + EXIT_CODES,
                  epilog="Example: monrecap build v11")


def _no_bool_metavar() -> None:
    """Typer shows `<bool>` beside every flag; a flag takes no value, so show nothing."""
    shown = typer.core.TyperOption.display_type_rich

    def display_type_rich(self, ctx):
        return None if getattr(self, "is_flag", False) else shown(self, ctx)

    typer.core.TyperOption.display_type_rich = display_type_rich


_no_bool_metavar()


def _coerce_without_pydantic() -> None:
    """Typer coerces every parameter of the command it runs through a pydantic TypeAdapter,
    built even for an option left at None: importing pydantic and building the adapters cost
    `monrecap versions` about 60 ms of its start. An option left at None (or () for a
    many-valued one) and a text parameter given as text come out of Typer's coercion exactly
    as they went in, so they skip it here; a path is given to Typer's own path checks as the
    Path pydantic would have made; any other value (a number with bounds, a choice, a list)
    goes through Typer's own coercion. Where Typer's internals differ (another
    version), nothing is changed."""
    parameter = getattr(typer.core, "_TyperParameter", None)
    built = getattr(parameter, "get_runtime_param", None)
    try:
        from typer._param_types import coerce_cli_path as coerce_path
    except ImportError:
        coerce_path = None
    if built is None or not hasattr(parameter, "process_value"):
        return

    class Light:
        def __init__(self, param):
            self.param = param

        def coerce(self, value, param, ctx):
            many = param.multiple or param.nargs == -1
            if value is None:
                return () if many else None
            info = param.type_descriptor.parameter_info
            plain = (type(value) is str and not many and getattr(info, "parser", None) is None
                     and getattr(info, "click_type", None) is None)
            annotation = param.type_descriptor.annotation
            if plain and annotation is str:
                return value
            if plain and annotation is Path and getattr(info, "path_type", None) is None \
                    and coerce_path is not None:
                # Typer's own checks (exists, file_okay…), given the Path it would make.
                return coerce_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
            return built(param).coerce(value, param=param, ctx=ctx)

    def get_runtime_param(self):
        return Light(self)

    parameter.get_runtime_param = get_runtime_param


_coerce_without_pydantic()


def _examples_on_one_line() -> None:
    """Help is Click's plain text (no Rich to import at start); its epilog, the command's
    example, is printed as written, never wrapped in the middle of a command line."""
    def format_epilog(self, ctx, formatter) -> None:
        if self.epilog:
            formatter.write_paragraph()
            for line in self.epilog.splitlines():
                formatter.write(f"{'':>{formatter.current_indent + 2}}{line}\n")

    typer.core.TyperCommand.format_epilog = format_epilog
    typer.core.TyperGroup.format_epilog = format_epilog


_examples_on_one_line()


@lru_cache(maxsize=2)
def console(stderr: bool = True):
    """Rich consoles, made on first use: a quiet build never imports Rich. Piped or in CI,
    nothing is cut: lines are as long as they need to be."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    wide = None if stream.isatty() else 10_000
    return Console(stderr=stderr, highlight=False, soft_wrap=True, width=wide)


def is_terminal(stderr: bool = False) -> bool:
    """Whether a person watches this stream (progress bars and tables) or a pipe reads it
    (one finding a line, nothing truncated)."""
    return (sys.stderr if stderr else sys.stdout).isatty()


# --- options that mean the same on every command -------------------------------------------
RootOpt = Annotated[Optional[Path], typer.Option(
    "--root", envvar="MONRECAP_ROOT", show_default=False,
    help="The repository (versions/, layouts/). Default: this folder or the nearest parent "
         "that has versions/.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")]
TrustedOpt = Annotated[bool, typer.Option(
    "--trusted", help="A file you know: the limits on decoded streams (256 MB a stream, "
                      "32 MB a page's drawing, 1 GB a file) × 16.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="JSON on stdout, with a schema_version "
                                                      "(shapes in the README).")]
OutDirOpt = Annotated[Optional[Path], typer.Option("--out", show_default=False,
                                                   help="Output folder.")]

SCHEMA_VERSION = 1


def version_callback(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        from monrecap.files import toolkit_fingerprint

        try:
            number = version("monrecap")
        except PackageNotFoundError:  # run from a source tree that was never installed
            number = "(not installed)"
        typer.echo(f"monrecap {number} (toolkit {toolkit_fingerprint()})")
        raise typer.Exit(0)


@app.callback()
def _main(show_version: Annotated[bool, typer.Option(
        "--version", callback=version_callback, is_eager=True,
        help="The package version and the toolkit fingerprint.")] = False) -> None:
    """Build, impose and check the Mon Récap carnet."""


def fail(exc: MonrecapError) -> typer.Exit:
    """Print every problem, one per line, and exit with the error's code (2)."""
    for problem in exc.problems:
        console().print(f"error: {problem}", markup=False)
    return typer.Exit(exc.exit_code)


def repo_root(root: Path | None) -> Path:
    """The repository for a command about versions; exit 2 when there is none."""
    from monrecap.repo import find_root

    try:
        return find_root(root)
    except MonrecapError as exc:
        raise fail(exc) from None


def pdf_root(root: Path | None) -> Path:
    """The repository when there is one, for commands that work on any PDF too."""
    from monrecap.repo import optional_root

    try:
        return optional_root(root)
    except MonrecapError as exc:
        raise fail(exc) from None


def outputs(*checks: tuple[str, Path | None, tuple[str, ...]]) -> None:
    """Check every output option before any work: (option, path, suffixes); an empty suffix
    tuple means a folder. Exit 2 with one error line per bad path, nothing written."""
    from monrecap.outputs import check_outputs

    try:
        check_outputs(list(checks))
    except MonrecapError as exc:
        raise fail(exc) from None


def emit_json(kind: str, payload: dict[str, Any]) -> None:
    """A command's --json output: one object with its kind and schema_version first."""
    typer.echo(json.dumps({"schema_version": SCHEMA_VERSION, "kind": kind, **payload},
                          ensure_ascii=False, indent=1, default=str))


KEPT: list[str] = []  # finished outputs of a long command, counted if it is interrupted
NOTE: list[str] = []  # what a command wants said instead, if it is interrupted


def main() -> None:
    """Console-script entry point (kept for old installs): see ``monrecap.__main__``."""
    from monrecap.__main__ import run

    run()


# Command groups register themselves on `app` (imported last: they import it).
from monrecap.cli import carnet, compare, feedback, impact, lint, orders, printshop, risk, schema, ship  # noqa: E402,F401
