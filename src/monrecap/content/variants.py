"""Variants (éditions): a YAML overlay on a resolved version, for a territory or a
co-financing structure."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from ..errors import ContentError, Problem
from ..layout import Strict
from ..source import MDict, MList, did_you_mean, load_yaml, validate
from .inherit import merge_pages
from .schema import Slug, Text

#: Keys of a variant file that describe the edition rather than the carnet.
EDITION_KEYS = ("variant", "description", "offer")


class VariantFile(Strict):
    """The top level of ``versions/<v>/variants/<name>.yaml``; pages are checked after the
    merge, with the version's schema."""

    variant: Slug
    description: Text
    offer: Literal["decouverte", "payante"] = Field(
        description="decouverte: free, in experimentation territories; payante: co-financed")
    variables: dict[str, Any] = {}
    pages: list[dict[str, Any]] = []


class Edition(Strict):
    """What a built carnet says about its edition."""

    name: str
    description: str
    offer: Literal["decouverte", "payante"]


def variant_file(vid: str, name: str) -> str:
    return f"versions/{vid}/variants/{name}.yaml"


def variant_names(root: Path, vid: str) -> list[str]:
    """The variants of a version, by name."""
    folder = root / "versions" / vid / "variants"
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def apply_variant(root: Path, vid: str, name: str, version: MDict) -> tuple[MDict, Edition]:
    """The version's resolved content with the variant laid over it.

    Pages merge by id like versions do, but a variant adapts pages and may not add any: an
    unknown page id is an error.
    """
    display = variant_file(vid, name)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name) or not (root / display).is_file():
        known = variant_names(root, vid)
        raise ContentError(f"unknown variant '{name}' of {vid}{did_you_mean(name, known)}; "
                           f"known variants: {', '.join(known) or 'none'}")
    data = load_yaml(root / display, display)
    if not isinstance(data, MDict):
        raise ContentError([Problem(display, "", "must be a mapping of keys to values")])
    spec = validate(VariantFile, data)
    if spec.variant != name:
        raise ContentError([data.mark_of("variant").problem(
            f"must be '{name}', the name of its file")])

    problems: list[Problem] = []
    out = MDict(mark=version.mark)
    for key in version:
        out.set_marked(key, version[key], version)
    if isinstance(data.get("variables"), MDict):
        merged = MDict(mark=data["variables"].mark)
        base = version.get("variables")
        if isinstance(base, MDict):
            for key in base:
                merged.set_marked(key, base[key], base)
        for key in data["variables"]:
            merged.set_marked(key, data["variables"][key], data["variables"])
        out["variables"] = merged
    if isinstance(data.get("pages"), MList):
        out["pages"] = merge_pages(version["pages"], data["pages"], problems, vid,
                                   allow_new=False)
    out.chain = list(version.chain) + [display]
    if problems:
        raise ContentError(problems)
    return out, Edition(name=name, description=spec.description, offer=spec.offer)
