"""Orchestration of `monrecap impose`: any PDF onto sheets, written atomically.

Kept apart from `build/` so that imposing a file does not load the renderer.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from monrecap.errors import ImposeError, OutputError, UsageError
from monrecap.files import write_atomic
from monrecap.fonts import FontSet
from monrecap.impose import JobInfo, custom_profile, impose_pdf, load_profile
from monrecap.impose.sheetplan import SheetPlan


@dataclass(frozen=True)
class ImposeResult:
    output: Path
    plan: SheetPlan


def impose_file(root: Path, source: Path, output: Path | None, profile_name: str | None,
                overrides: dict) -> ImposeResult:
    """`monrecap impose`: any PDF onto sheets, for a profile and/or explicit settings.

    When the PDF is one of our builds (its build.json beside it), the slug line names the
    version and edition, and creep warnings use the layout's safe margin.
    """
    try:
        with source.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError as exc:
        raise ImposeError(f"{source}: cannot read: {exc.strerror}") from None
    base = load_profile(root, profile_name) if profile_name else None
    if base is None and overrides.get("sheet") is None:
        raise UsageError("name a print profile (--profile) or at least a sheet (--sheet)")
    job = JobInfo(product=source.stem, checksum=digest[:8])
    built = _manifest_for(source, digest)
    if built:
        job = JobInfo(product=built["title"], version=built["version"],
                      variant=(built.get("variant") or {}).get("name", ""),
                      date=built["released"], checksum=job.checksum)
        overrides.setdefault("safe", built["layout"]["safe_mm"] * 72 / 25.4)
    profile = custom_profile(base, **overrides)
    fonts = _default_fonts() if "slug" in profile.marks else None
    finish = None
    if built:  # one of our builds: the sheets are PDF/X-4 like the pages they place
        import datetime as dt
        from functools import partial

        from monrecap.preflight.pdfx import identify_pdfx4

        finish = partial(identify_pdfx4,
                         title=f"{built['title']} {built['version']} "
                               f"{profile_name or profile.scheme}",
                         date=dt.date.fromisoformat(built["released"]))
    result = impose_pdf(source, source.name, profile, fonts, job, finish)
    name = profile_name or profile.scheme
    target = output or source.with_name(f"{source.stem}-{name}.pdf")
    try:
        write_atomic(target, result.pdf)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {exc.strerror}") from None
    return ImposeResult(target, result.plan)


def _manifest_for(source: Path, digest: str) -> dict | None:
    for candidate in sorted(source.parent.glob("build*.json")):
        try:
            manifest = json.loads(candidate.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if manifest.get("pdf", {}).get("sha256") == digest:
            return manifest
    return None


def _default_fonts() -> FontSet:
    """The toolkit's font, shipped in the package, for the slug line: any folder works."""
    from monrecap.resources import toolkit_fonts

    return toolkit_fonts()
