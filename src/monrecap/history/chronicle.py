"""What a version changed against its parent, its resolved content, and scaffolding for the
next version."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from monrecap.content import Carnet, load_version, variant_names, version_ids
from monrecap.content.inherit import version_file
from monrecap.diff.content import Change, compare_carnets, resolved_dict
from monrecap.errors import UsageError


def resolved_yaml(carnet: Carnet) -> str:
    """The resolved content as YAML, for `monrecap show vN --resolved`."""
    return yaml.safe_dump(resolved_dict(carnet), allow_unicode=True, sort_keys=False, width=96)


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
    default), with a dated changelog entry to fill in, and the editions it inherits named in
    a comment; its first line names the schema an editor checks it with. Never
    overwrites."""
    from monrecap.files import write_atomic

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
    editions = variant_names(root, parent)
    retire = (f"# Éditions héritées de {parent} : {', '.join(editions)}.\n"
              f"# Pour en retirer une : retired_editions: [{editions[0]}]\n"
              "\n") if editions else ""
    from monrecap.yamlschema import header

    text = (f"{header(version_file(vid))}\n"
            f"version: {vid}\n"
            f"extends: {parent}\n"
            f"released: {day}\n"
            "\n"
            "changelog:\n"
            f"  # {day} : à remplir avant de construire ce carnet.\n"
            "  - change: \"\"     # ce qui change, en une phrase\n"
            "    finding: \"\"    # le constat de terrain qui explique ce changement\n"
            "\n"
            f"{retire}"
            "# Les pages qui changent, par leur id ; voir README.md, « Writing a version ».\n"
            "# pages:\n"
            "#   - id: rendez-vous\n"
            "#     slots: 2\n")
    path.parent.mkdir(parents=True)
    write_atomic(path, text.encode("utf-8"))
    return path


def story_json(story: VersionStory) -> dict:
    """`monrecap show vN --json`: the version, its changelog and its changes."""
    carnet = story.carnet
    return {"version": carnet.version, "released": carnet.released.isoformat(),
            "layout": carnet.layout, "parent": story.parent,
            "changelog": [entry.model_dump(mode="json") for entry in carnet.changelog],
            "changes": [{"what": c.what, "where": c.where, "path": c.path, "old": c.old,
                         "new": c.new} for c in story.changes]}
