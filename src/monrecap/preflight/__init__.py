"""Preflight: the print shop's checks on page PDFs and imposed sheets, ours or anyone's, and
PDF/X-4 identification (pdfx.py)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from monrecap.errors import PreflightError
from monrecap.preflight.ink import Coverage
from monrecap.preflight.rules import Context, Finding, Report, check

__all__ = ["run_preflight", "Context", "Finding", "Report", "PreflightError"]

TAC_LIMIT = 300.0


def run_preflight(source: Path | bytes, ctx: Context, name: str = "the PDF",
                  coverage: Coverage | None = None, printed: bool = False) -> Report:
    """Every rule, and the ink coverage through Ghostscript (in the background meanwhile;
    ``coverage``: already started by the caller). ``name``: the file as errors show it;
    ``printed``: the findings will be printed (`check`), so the printing loads meanwhile."""
    with tempfile.TemporaryDirectory() as tmp:
        path = source
        if isinstance(source, bytes):
            path = Path(tmp) / "file.pdf"
            path.write_bytes(source)
        if coverage is None and ctx.deep:
            coverage = Coverage(path)
        try:
            from monrecap.preflight.inspect import (
                inspect_pdf,  # pikepdf loads while Ghostscript works
            )

            report = check(inspect_pdf(path, ctx.deep, name), ctx)
        except BaseException:
            if coverage is not None:
                coverage.cancel()
            raise
        if coverage is None:
            return report
        _preload(printed and coverage.running())
        levels = coverage.result()
    if coverage.failure is not None:  # the inspection's findings stand; this is one more
        report.add("ink.render", "error", None,
                   f"Ghostscript cannot render the file ({coverage.failure})",
                   "a print shop's RIP may fail on it too: export the PDF again")
    elif levels is None:
        report.add("ink.coverage", "warning", None, "ink coverage not measured",
                   "install Ghostscript (gs) to measure it")
    else:
        for number, tac in enumerate(levels, start=1):
            if tac > TAC_LIMIT + 2:  # the raster rounds each ink: 2 % slack
                report.add("ink.coverage", "error", number,
                           f"{tac:.0f} % total ink coverage, over {TAC_LIMIT:.0f} %",
                           "reduce rich blacks and dark builds (e.g. 60/40/40/100 is 240 %)")
    return report


def _preload(printing: bool) -> None:
    """Import, while Ghostscript still renders, what reading its pages and printing the
    findings need: the wait is free, the imports after it are not. A build prints no
    findings table, and there the inspection mostly outlasts Ghostscript: no Rich for it."""
    from PIL import ImageMath  # noqa: F401

    if printing:
        from monrecap.preflight import findings  # noqa: F401


def check_target(root: Path, target: str, sheets: bool = False, layout: str | None = None,
                 variant: str | None = None) -> tuple[str, Report]:
    """`monrecap check`: a built version (its page PDF, with the layout's minimums and the
    layout map; ``layout`` and ``variant`` name the build as `build` does) or any PDF file."""
    import json
    import re

    from monrecap.errors import UsageError

    if re.fullmatch(r"v[0-9]+", target):
        folder = root / "dist" / target / (variant or "")
        manifest_path = folder / (f"build-{layout}.json" if layout else "build.json")
        if layout and manifest_path.is_file():
            built = json.loads(manifest_path.read_text(encoding="utf-8"))["layout"]["name"]
            manifest_path = manifest_path if built == layout else folder / "missing"
        elif layout and (folder / "build.json").is_file() and json.loads(
                (folder / "build.json").read_text(encoding="utf-8"))["layout"]["name"] == layout:
            manifest_path = folder / "build.json"  # the version's own layout, named
        if not manifest_path.is_file():
            from monrecap.content.inherit import check_known

            check_known(root, target)  # an unknown version is not « not built »
            how = " ".join(["monrecap build", target] + (["--variant", variant] if variant else [])
                           + (["--layout", layout] if layout else []))
            what = target + (f" ({variant})" if variant else "") + (
                f" on {layout}" if layout else "")
            raise UsageError(f"{what} is not built: run `{how}` first")
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        pdf = folder / manifest["pdf"]["file"]
        coverage = Coverage(pdf)  # first: the layout loads while Ghostscript works
        try:
            from monrecap.layout import load_layout

            layout = load_layout(root, manifest["layout"]["name"])
        except BaseException:
            coverage.cancel()
            raise
        ctx = Context(kind="pages", bleed=layout.bleed, safe=layout.safe,
                      body_min=layout.type.body, phone_min=layout.minimums.key, manifest=manifest)
        return str(pdf), run_preflight(pdf, ctx, str(pdf), coverage, printed=True)
    path = Path(target)
    if layout or variant:
        raise UsageError("--layout and --variant name a build of a version (check v11 "
                         "--layout a5), not a PDF file")
    if not path.is_file():
        raise UsageError(f"'{target}' is neither a built version nor a PDF file")
    ctx = Context(kind="sheets" if sheets or _is_our_imposition(path) else "pages")
    return str(path), run_preflight(path, ctx, str(path), printed=True)


def _is_our_imposition(path: Path) -> bool:
    """An imposed file of one of our builds (listed in the build.json beside it)."""
    import json

    for manifest in path.parent.glob("build*.json"):
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if any(entry.get("file") == path.name for entry in data.get("imposed", [])):
            return True
    return False
