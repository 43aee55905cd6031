"""The two sides of a diff: a version (built, or reused from dist/ when its build.json still
matches the sources) or any PDF."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..build import build_version, load_for_build
from .compare import Side, manifest_is_fresh

Progress = callable


def is_version(text: str) -> bool:
    return bool(re.fullmatch(r"v[0-9]+", text))


def version_side(root: Path, vid: str, variant: str | None, progress=lambda _: None) -> Side:
    """A built version: reuse dist/ when fresh, else build it there (page PDF only)."""
    carnet, layout = load_for_build(root, vid, None, variant)
    folder = root / "dist" / vid / (variant or "")
    stem = f"monrecap-{vid}" + (f"-{variant}" if variant else "")
    pdf, manifest = folder / f"{stem}.pdf", folder / "build.json"
    if manifest_is_fresh(root, manifest, pdf):
        progress(f"reusing {pdf}")
    else:
        result = build_version(root, vid, None, None, progress, variant, impose=False)
        pdf, manifest = result.pdf, result.manifest
    label = vid + (f" ({variant})" if variant else "")
    return Side(label, pdf, carnet, layout, json.loads(manifest.read_text(encoding="utf-8")))


def pdf_side(path: Path) -> Side:
    return Side(path.name, path)
