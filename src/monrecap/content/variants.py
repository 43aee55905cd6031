"""Variants (éditions): a YAML overlay on a resolved version, for a territory or a
co-financing structure."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from monrecap.content.inherit import merge_pages, read_version
from monrecap.content.merge import Merged
from monrecap.content.schema import Slug, Text
from monrecap.errors import ContentError, Problem
from monrecap.layout import Strict
from monrecap.source import MDict, MList, did_you_mean, load_yaml, validate

#: Keys of a variant file that describe the edition rather than the carnet.
EDITION_KEYS = ("variant", "description", "offer")


class VariantFile(Strict):
    """The top level of ``versions/<v>/variants/<name>.yaml``; pages are checked after the
    merge, with the version's schema."""

    variant: Slug = Field(description="le nom de l'édition : celui de son fichier")
    description: Text | None = Field(None, description="pour qui est cette édition, en une "
                                     "ligne (le premier fichier de l'édition la donne)")
    offer: Literal["decouverte", "payante"] | None = Field(
        None, description="decouverte : gratuite, dans les territoires d'expérimentation ; "
                          "payante : cofinancée (le premier fichier de l'édition la donne)")
    variables: dict[str, Any] = Field({}, description="les valeurs de la version que "
                                      "l'édition change")
    pages: list[dict[str, Any]] = Field([], description="les pages qu'elle adapte, par leur "
                                        "id")


class Edition(Strict):
    """What a built carnet says about its edition."""

    name: str
    description: str
    offer: Literal["decouverte", "payante"]


def variant_file(vid: str, name: str) -> str:
    return f"versions/{vid}/variants/{name}.yaml"


def _own_variants(root: Path, vid: str) -> list[str]:
    folder = root / "versions" / vid / "variants"
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def edition_files(root: Path, vid: str, _seen: tuple[str, ...] = ()) -> dict[str, str]:
    """The editions of a version, each with the file that defines it.

    Editions follow a version: a version has its parent's editions (the nearest file of each
    name up the ``extends:`` chain) and its own ``versions/<v>/variants/*.yaml``, except those
    its ``retired_editions:`` list names. ContentError for a retired name it does not have.
    """
    data = read_version(root, vid)
    parent = data.get("extends")
    chain = _seen + (vid,)
    # A bad or cyclic parent is reported by resolve_version; here it only ends the chain.
    found = edition_files(root, parent, chain) if isinstance(parent, str) and re.fullmatch(
        r"v[0-9]+", parent) and parent not in chain and (root / "versions" / parent).is_dir() \
        else {}
    retired = data.get("retired_editions")
    own = _own_variants(root, vid)
    problems: list[Problem] = []
    if retired is not None and not (isinstance(retired, MList)
                                    and all(isinstance(n, str) for n in retired)):
        raise ContentError([data.mark_of("retired_editions").problem(
            "must be a list of edition names, like [val-fictif]")])
    if isinstance(retired, MList):
        for index, name in enumerate(retired):
            if name in found and name not in own:
                del found[name]
            elif name in own:
                problems.append(retired.mark_of(index).problem(
                    f"'{name}' is an edition of {vid} itself ({variant_file(vid, name)}); "
                    "delete that file instead of retiring it"))
            else:
                known = sorted(found)
                problems.append(retired.mark_of(index).problem(
                    f"no edition '{name}' to retire: {parent or vid} has "
                    f"{', '.join(known) or 'none'}{did_you_mean(str(name), known)}"))
    if problems:
        raise ContentError(problems)
    found.update({name: variant_file(vid, name) for name in own})
    return dict(sorted(found.items()))


def edition_chain(root: Path, vid: str, name: str, _seen: tuple[str, ...] = ()) -> list[str]:
    """The files of edition ``name`` that make it in ``vid``, oldest first: an edition
    follows its version, so a later version's file of the same name changes the edition its
    parent had rather than starting it again — unless a version between them retired it."""
    data = read_version(root, vid)
    parent = data.get("extends")
    retired = data.get("retired_editions")
    gone = isinstance(retired, MList) and name in retired
    older = edition_chain(root, parent, name, _seen + (vid,)) if (
        not gone and isinstance(parent, str) and re.fullmatch(r"v[0-9]+", parent)
        and parent not in _seen + (vid,) and (root / "versions" / parent).is_dir()) else []
    own = (root / variant_file(vid, name)).is_file()
    return older + ([variant_file(vid, name)] if own else [])


def variant_names(root: Path, vid: str) -> list[str]:
    """The editions of a version, by name: its own and those it inherits (see
    ``edition_files``)."""
    return list(edition_files(root, vid))


def apply_variant(root: Path, vid: str, name: str, version: MDict) -> tuple[MDict, Edition]:
    """The version's resolved content with the edition laid over it: each file of the
    edition up the version chain, oldest first (``edition_chain``).

    Pages merge by id like versions do, but an edition adapts pages and may not add any: an
    unknown page id is an error in the version's own file; an inherited file's adaptation of
    a page the version has since removed is left out, with a warning.
    """
    editions = edition_files(root, vid)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name) or not editions.get(name):
        known = list(editions)
        raise ContentError(f"unknown variant '{name}' of {vid}{did_you_mean(name, known)}; "
                           f"known variants: {', '.join(known) or 'none'}")
    files = edition_chain(root, vid, name)
    problems: list[Problem] = []
    said = Merged()
    out = version
    description = offer = None
    for position, display in enumerate(files):
        data = load_yaml(root / display, display)
        if not isinstance(data, MDict):
            raise ContentError([Problem(display, "", "must be a mapping of keys to values")])
        spec = validate(VariantFile, data)
        if spec.variant != name:
            raise ContentError([data.mark_of("variant").problem(
                f"must be '{name}', the name of its file")])
        description, offer = spec.description or description, spec.offer or offer
        own = display == variant_file(vid, name)  # this version's own file: strict
        out = _laid_over(out, data, vid, own, problems, said)
        out.chain = list(version.chain) + files[:position + 1]
    first = load_yaml(root / files[0], files[0])
    for key, value in (("description", description), ("offer", offer)):
        if value is None:
            problems.append(first.mark.problem(
                f"the first file of edition '{name}' says its {key} (« {key}: … »)"))
    before = getattr(version, "said", Merged())
    out.said = Merged(before.removals + said.removals, before.warnings + said.warnings)
    if problems:
        raise ContentError(problems)
    return out, Edition(name=name, description=description, offer=offer)


def _laid_over(version: MDict, data: MDict, vid: str, own: bool, problems: list[Problem],
               said: Merged) -> MDict:
    """One edition file over the content so far: its variables by name, its pages by id."""
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
    pages = data.get("pages")
    if isinstance(pages, MList):
        if not own:  # an inherited file: a page the version has since removed is left out
            known = {p.get("id") for p in version["pages"] if isinstance(p, MDict)}
            kept = MList(mark=pages.mark)
            for index, entry in enumerate(pages):
                page_id = entry.get("id") if isinstance(entry, MDict) else None
                if isinstance(page_id, str) and page_id not in known:
                    said.warnings.append(entry.mark_of("id").problem(
                        f"this edition adapts page '{page_id}', which {vid} no longer has: "
                        "left out"))
                    continue
                kept.append(entry)
                kept.marks.append(pages.mark_of(index))
            pages = kept
        out["pages"] = merge_pages(version["pages"], pages, problems, vid, allow_new=False,
                                   said=said)
    return out
