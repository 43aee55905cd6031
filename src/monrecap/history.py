"""The carnet's history: what a version changed against its parent, its resolved content, and
scaffolding for the next version."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .content import Carnet, load_version, version_ids
from .content.inherit import version_file
from .errors import UsageError
from .source import join_path


@dataclass(frozen=True)
class Change:
    """One difference between two resolved carnets."""

    what: str          # "added", "removed", "moved", "changed"
    where: str         # "page rendez-vous", "variables", "layout", …
    path: str = ""     # key path inside it, for "changed"
    old: Any = None
    new: Any = None


def _plain(value: Any, root: Path) -> Any:
    """Model dumps with repository-relative paths, for display and YAML."""
    if isinstance(value, Path):
        try:
            return value.relative_to(root.resolve()).as_posix()
        except ValueError:
            return str(value)
    if isinstance(value, dict):
        return {k: _plain(v, root) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, root) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def resolved_dict(carnet: Carnet) -> dict[str, Any]:
    """The resolved content as plain data (what the carnet holds after inheritance)."""
    data = carnet.spec.model_dump(exclude_defaults=False)
    return _plain(data, carnet.root)


def resolved_yaml(carnet: Carnet) -> str:
    """The resolved content as YAML, for `monrecap show vN --resolved`."""
    return yaml.safe_dump(resolved_dict(carnet), allow_unicode=True, sort_keys=False, width=96)


def _field_changes(where: str, old: Any, new: Any, path: tuple = ()) -> list[Change]:
    if isinstance(old, dict) and isinstance(new, dict):
        out = []
        for key in list(old) + [k for k in new if k not in old]:
            out += _field_changes(where, old.get(key), new.get(key), path + (key,))
        return out
    if isinstance(old, list) and isinstance(new, list) and old != new and \
            any(isinstance(v, dict) for v in old + new):
        # Lists of records (steps, cards, sections): item by item.
        out = []
        for i in range(max(len(old), len(new))):
            out += _field_changes(where, old[i] if i < len(old) else None,
                                  new[i] if i < len(new) else None, path + (i,))
        return out
    if old != new:
        return [Change("changed", where, join_path(path), old, new)]
    return []


def compare_carnets(old: Carnet, new: Carnet) -> list[Change]:
    """What changed from ``old`` to ``new``: top-level settings, variables, then pages by id
    (added, removed, moved, fields changed)."""
    a, b = resolved_dict(old), resolved_dict(new)
    changes: list[Change] = []
    for key in ("title", "layout"):
        if a[key] != b[key]:
            changes.append(Change("changed", key, "", a[key], b[key]))
    changes += _field_changes("variables", a["variables"], b["variables"])
    old_pages = {p["id"]: p for p in a["pages"]}
    new_pages = {p["id"]: p for p in b["pages"]}
    old_order = [p for p in old_pages if p in new_pages]
    new_order = [p for p in new_pages if p in old_pages]
    for page_id, page in new_pages.items():
        if page_id not in old_pages:
            changes.append(Change("added", f"page {page_id}", "", None, page["kind"]))
            continue
        if old_order.index(page_id) != new_order.index(page_id) and \
                _neighbours(old_order, page_id) != _neighbours(new_order, page_id):
            changes.append(Change("moved", f"page {page_id}"))
        changes += _field_changes(f"page {page_id}", old_pages[page_id], page)
    for page_id, page in old_pages.items():
        if page_id not in new_pages:
            changes.append(Change("removed", f"page {page_id}", "", page["kind"], None))
    return changes


def _neighbours(order: list[str], item: str) -> tuple[str | None, str | None]:
    i = order.index(item)
    return (order[i - 1] if i else None, order[i + 1] if i + 1 < len(order) else None)


@dataclass(frozen=True)
class VersionStory:
    """A version, its parent, and what it changed."""

    carnet: Carnet
    parent: str | None
    changes: list[Change]


def version_story(root: Path, vid: str) -> VersionStory:
    """What ``vid`` changed against the version it extends (everything, for the first)."""
    carnet = load_version(root, vid)
    parent = carnet.spec.extends
    if parent is None:
        changes = [Change("added", f"page {p.id}", "", None, p.kind) for p in carnet.pages]
    else:
        changes = compare_carnets(load_version(root, parent), carnet)
    return VersionStory(carnet, parent, changes)


def new_version(root: Path, vid: str, parent: str | None = None,
                today: dt.date | None = None) -> Path:
    """Write ``versions/<vid>/carnet.yaml`` extending ``parent`` (the latest version by
    default), with a dated changelog entry to fill in. Never overwrites."""
    from .files import write_atomic

    known = version_ids(root)
    if not vid.startswith("v") or not vid[1:].isdigit():
        raise UsageError(f"'{vid}' is not a version id; write it like v12")
    if not known:
        raise UsageError("no version to extend: versions/ holds none")
    parent = parent or known[-1]
    if parent not in known:
        raise UsageError(f"cannot extend '{parent}': known versions: {', '.join(known)}")
    path = root / version_file(vid)
    if path.exists() or path.parent.exists():
        raise UsageError(f"{version_file(vid)} already exists; nothing was written")
    day = (today or dt.date.today()).isoformat()
    text = (f"version: {vid}\n"
            f"extends: {parent}\n"
            f"released: {day}\n"
            "\n"
            "changelog:\n"
            f"  # {day} : à remplir avant de construire ce carnet.\n"
            "  - change: \"\"     # ce qui change, en une phrase\n"
            "    finding: \"\"    # le constat de terrain qui explique ce changement\n"
            "\n"
            "# Les pages qui changent, par leur id ; voir README.md, « Writing a version ».\n"
            "# pages:\n"
            "#   - id: rendez-vous\n"
            "#     slots: 2\n")
    path.parent.mkdir(parents=True)
    write_atomic(path, text.encode("utf-8"))
    return path
