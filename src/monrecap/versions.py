"""The list of versions with their headline facts, for `monrecap versions`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from .content import load_version, variant_names, version_ids
from .errors import MonrecapError
from .fonts import load_fontset
from .layout import load_layout
from .render import render_carnet
from .units import paper_name


@dataclass(frozen=True)
class VersionSummary:
    """One row of `monrecap versions`; ``error`` is set when the version does not load."""

    id: str
    released: dt.date | None
    layout: str
    pages: int | None
    headline: str
    format: str = ""
    variants: tuple[str, ...] = ()
    error: str | None = None


def summarize_versions(root: Path) -> list[VersionSummary]:
    """Every version under ``root/versions``, oldest first, with its page count; a version
    folder without its carnet.yaml is listed as an error, not skipped."""
    rows = []
    known = version_ids(root)
    folders = [p.name for p in (root / "versions").glob("v*") if p.is_dir()
               and re.fullmatch(r"v[0-9]+", p.name) and p.name not in known]
    for vid in sorted([*known, *folders], key=lambda v: int(v[1:])):
        try:
            carnet = load_version(root, vid)
            layout = load_layout(root, carnet.layout)
            rendered = render_carnet(carnet, layout,
                                     load_fontset(layout.fonts.regular, layout.fonts.bold))
            rows.append(VersionSummary(vid, carnet.released, carnet.layout,
                                       len(rendered.pages), carnet.changelog[0].change,
                                       format=f"{paper_name(layout.trim)} {layout.trim_mm}",
                                       variants=tuple(variant_names(root, vid))))
        except MonrecapError as exc:
            rows.append(VersionSummary(vid, None, "", None, "",
                                       error=str(exc.problems[0])))
    return rows
