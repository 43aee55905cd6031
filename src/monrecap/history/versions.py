"""The list of versions with their headline facts, for `monrecap versions`.

A page count needs the carnet rendered, which costs about 0.1 s a version. Each row that
rendered is kept in ``dist/.versions.json`` with the checksums of every file it read (the
version chain, its layout, fonts and pictograms) and the toolkit's fingerprint; a later
listing reuses it while all of them are unchanged, and loads nothing but this module.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from monrecap.errors import MonrecapError
from monrecap.files import sha256, toolkit_fingerprint, write_atomic

CACHE = Path("dist") / ".versions.json"


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
    fingerprint = toolkit_fingerprint()
    cache = _read_cache(root, fingerprint)
    rows, kept = [], {}
    editions = _edition_files(root)
    for vid in _version_ids(root):
        entry = cache.get(vid)
        if (entry is not None and entry.get("editions") == editions
                and _unchanged(root, entry["files"])):
            row = entry["row"]
            rows.append(VersionSummary(**{**row, "released": dt.date.fromisoformat(
                row["released"]), "variants": tuple(row["variants"])}))
            kept[vid] = entry
            continue
        row, files = _summarize(root, vid)
        rows.append(row)
        if files:
            kept[vid] = {"files": files, "editions": editions, "row": {**asdict(row),
                                                 "released": row.released.isoformat()}}
    if kept != cache:
        try:
            _write_cache(root, fingerprint, kept)
        except OSError:
            pass  # a read-only checkout lists its versions all the same
    return rows


def _write_cache(root: Path, fingerprint: str, kept: dict) -> None:
    """Write the rows under the cache's lock, over the cache as it is now: another listing
    may have written it meanwhile (the same rows: then nothing is written)."""
    from monrecap.locking import exclusive

    with exclusive(root / CACHE.with_suffix(".lock"), "versions"):
        if _read_cache(root, fingerprint) != kept:
            write_atomic(root / CACHE, json.dumps({"toolkit": fingerprint, "versions": kept},
                                                  ensure_ascii=False, indent=1).encode())


def _version_ids(root: Path) -> list[str]:
    """content.version_ids without importing the content model (pydantic, Jinja2), plus the
    version folders that lack their carnet.yaml: listed as errors, not skipped."""
    found = [p.name for p in (root / "versions").glob("v*")
             if p.is_dir() and re.fullmatch(r"v[0-9]+", p.name)]
    return sorted(found, key=lambda v: int(v[1:]))


def _edition_files(root: Path) -> list[str]:
    """Every edition file of the repository: editions follow versions down the ``extends:``
    chain, so a row stays valid only while this list and the files it read are unchanged."""
    return sorted(p.relative_to(root).as_posix()
                  for p in (root / "versions").glob("v*/variants/*.yaml"))


def _read_cache(root: Path, fingerprint: str) -> dict:
    try:
        data = json.loads((root / CACHE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data.get("versions", {}) if data.get("toolkit") == fingerprint else {}


def _unchanged(root: Path, files: dict[str, str]) -> bool:
    try:
        return all(sha256((root / path).read_bytes()) == digest
                   for path, digest in files.items())
    except OSError:
        return False


def _summarize(root: Path, vid: str) -> tuple[VersionSummary, dict[str, str]]:
    """The row of one version, rendered, and the checksums of the files it read (none when
    it does not build)."""
    from monrecap.build import _paths
    from monrecap.content import load_version, variant_names
    from monrecap.fonts import load_fontset
    from monrecap.layout import load_layout
    from monrecap.pages import render_carnet
    from monrecap.units import paper_name

    try:
        carnet = load_version(root, vid)
        layout = load_layout(root, carnet.layout)
        rendered = render_carnet(carnet, layout,
                                 load_fontset(layout.fonts.regular, layout.fonts.bold))
    except MonrecapError as exc:
        return VersionSummary(vid, None, "", None, "", error=str(exc.problems[0])), {}
    read = [root / f for f in carnet.files] + [root / "layouts" / f"{layout.name}.yaml",
                                               layout.fonts.regular, layout.fonts.bold]
    read += sorted({Path(p) for page in carnet.pages for p in _paths(page)})
    files = {}
    for path in read:
        path = path.resolve()
        try:
            files[path.relative_to(root.resolve()).as_posix()] = sha256(path.read_bytes())
        except ValueError:  # outside the repository: keyed by its absolute path
            files[str(path)] = sha256(path.read_bytes())
    row = VersionSummary(vid, carnet.released, carnet.layout, len(rendered.pages),
                         carnet.changelog[0].change,
                         format=f"{paper_name(layout.trim)} {layout.trim_mm}",
                         variants=tuple(variant_names(root, vid)))
    return row, files
