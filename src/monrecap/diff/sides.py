"""The two sides of a diff: a version (built, or reused from dist/ when its build.json still
matches the sources) or any PDF."""

from __future__ import annotations

import json
import re
from pathlib import Path

from monrecap.content import load_version
from monrecap.diff.explain import Side, manifest_is_fresh
from monrecap.layout import load_layout


def is_version(text: str) -> bool:
    return bool(re.fullmatch(r"v[0-9]+", text))


def version_side(root: Path, vid: str, variant: str | None, progress=lambda _: None) -> Side:
    """A built version: reuse dist/ when fresh, else build it there (page PDF only)."""
    carnet = load_version(root, vid, variant)
    layout = load_layout(root, carnet.layout)
    folder = root / "dist" / vid / (variant or "")
    stem = f"monrecap-{vid}" + (f"-{variant}" if variant else "")
    pdf, manifest = folder / f"{stem}.pdf", folder / "build.json"
    if manifest_is_fresh(root, manifest, pdf):
        progress(f"reusing {pdf}")
    else:
        from monrecap.build import build_version  # the renderer loads only when a build is needed

        result = build_version(root, vid, None, None, progress, variant)
        pdf, manifest = result.pdf, result.manifest
    label = vid + (f" ({variant})" if variant else "")
    return Side(label, pdf, carnet, layout, json.loads(manifest.read_text(encoding="utf-8")))


def pdf_side(path: Path) -> Side:
    return Side(path.name, path)
