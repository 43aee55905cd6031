"""`extends:` resolution: a version is its parent's resolved content with its changes merged in."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from monrecap.content.merge import Merged, block_layers, merge_mapping
from monrecap.errors import ContentError, Problem
from monrecap.source import MDict, MList, did_you_mean, load_yaml

#: Keys a version never inherits from its parent (retired editions stay retired all the
#: same: a version's editions are its parent's, see ``variants.edition_files``). A lint
#: rule lowered by a version is that version's decision, with its reason: not its children's;
#: so is a residual risk it accepts (``risk_accepted``).
OWN_KEYS = ("version", "extends", "changelog", "retired_editions", "lint", "risk_accepted")
#: Merge directives on a page entry; they steer the merge and are not content (``replace:``,
#: the lists given whole, is read by ``merge.merge_mapping``).
DIRECTIVES = ("remove", "after")
#: Top-level mappings that merge by key (a glossary term or a risk annotation set to null is
#: removed).
KEYED = ("variables", "glossary", "risk")


def version_ids(root: Path) -> list[str]:
    """The versions under ``root/versions``, in numeric order (v2 before v10; v011 before
    v11, whatever order the folder lists them in)."""
    found = [p.parent.name for p in (root / "versions").glob("v*/carnet.yaml")
             if re.fullmatch(r"v[0-9]+", p.parent.name)]
    return sorted(found, key=lambda v: (int(v[1:]), v))


def version_file(vid: str) -> str:
    """The display path of a version's file, relative to the repository root."""
    return f"versions/{vid}/carnet.yaml"


def read_version(root: Path, vid: str) -> MDict:
    """One version file as written (not resolved); ContentError for an unknown version."""
    check_known(root, vid)
    return _read(root, vid)


def check_known(root: Path, vid: str) -> None:
    """ContentError unless ``versions/<vid>/carnet.yaml`` exists."""
    if not re.fullmatch(r"v[0-9]+", vid) or not (root / version_file(vid)).is_file():
        raise ContentError(unknown_version(root, vid, new_hint=True))


def unknown_version(root: Path, vid: str, new_hint: bool = False) -> str:
    """Why ``vid`` is not a version, and what to do about it.

    A well-formed id is not « corrected » to a look-alike (v13 is not a typo of v3): it gets
    the numerically equal id (v011 → v11) or, with ``new_hint``, how to start it.
    """
    known = version_ids(root)
    listed = f"known versions: {', '.join(known) or 'none'}"
    folder = root / "versions" / vid
    if re.fullmatch(r"v[0-9]+", vid) and folder.is_dir():
        return (f"unknown version '{vid}': versions/{vid}/ has no carnet.yaml (a version is "
                f"written in {version_file(vid)}); {listed}")
    if not re.fullmatch(r"v[0-9]+", vid):
        return f"unknown version '{vid}'{did_you_mean(vid, known)}; {listed}"
    same = [k for k in known if int(k[1:]) == int(vid[1:])]
    if same:
        return f"unknown version '{vid}' (did you mean '{same[0]}'?); {listed}"
    hint = f"; `monrecap new {vid}` starts it" if new_hint and known else ""
    return f"unknown version '{vid}'; {listed}{hint}"


def _read(root: Path, vid: str) -> MDict:
    display = version_file(vid)
    data = load_yaml(root / display, display)
    if not isinstance(data, MDict):
        raise ContentError([Problem(display, "", "must be a mapping of keys to values")])
    return data


def resolve_version(root: Path, vid: str) -> MDict:
    """Read ``versions/<vid>/carnet.yaml`` and resolve its ``extends:`` chain."""
    check_known(root, vid)
    return _resolve(root, vid, ())


def _resolve(root: Path, vid: str, chain: tuple[str, ...]) -> MDict:
    data = _read(root, vid)
    parent_id = data.get("extends")
    if parent_id is None:
        out = merge_versions(MDict(mark=data.mark), data)
        out.chain = [version_file(vid)]
        return out
    mark = data.mark_of("extends")
    if not isinstance(parent_id, str) or not re.fullmatch(r"v[0-9]+", parent_id):
        raise ContentError([mark.problem("must be a version id like v10")])
    if parent_id == vid or parent_id in chain:
        cycle = " -> ".join(chain + (vid, parent_id))
        raise ContentError([mark.problem(f"inheritance cycle: {cycle}")])
    if not (root / version_file(parent_id)).is_file():
        raise ContentError([mark.problem(unknown_version(root, parent_id))])
    parent = _resolve(root, parent_id, chain + (vid,))
    _released_after(data, parent, parent_id)
    out = merge_versions(parent, data, parent_id)
    out.chain = parent.chain + [version_file(vid)]
    return out


def _released_after(data: MDict, parent: MDict, parent_id: str) -> None:
    """A version is released on or after the version it extends."""
    mine, theirs = data.get("released"), parent.get("released")
    if isinstance(mine, dt.date) and isinstance(theirs, dt.date) and mine < theirs:
        where = parent.mark_of("released")
        raise ContentError([data.mark_of("released").problem(
            f"{mine.isoformat()} is before the release of {parent_id} ({theirs.isoformat()}, "
            f"{where.where}), which it extends")])


def merge_versions(parent: MDict, child: MDict, parent_name: str = "") -> MDict:
    """The child's content over its parent's: keys override, ``variables`` and ``glossary``
    merge by name, ``pages`` merge by id and the lists inside them by their key
    (``merge.py``); ``version``, ``extends`` and ``changelog`` are never inherited.

    The result's ``said`` holds what the child's merge removed and warned about.
    """
    problems: list[Problem] = []
    said = Merged()
    where = parent.get("version", parent_name)
    out = MDict(mark=child.mark)
    for key in parent:
        if key not in OWN_KEYS:
            out.set_marked(key, parent[key], parent)
    for key, value in child.items():
        if key == "pages" and isinstance(value, MList):
            base = parent.get("pages") if isinstance(parent.get("pages"), MList) else None
            out["pages"] = merge_pages(base or MList(mark=value.mark), value, problems,
                                       where, said=said)
            out.marks["pages"] = child.mark_of("pages")
            out.key_marks["pages"] = child.key_mark_of("pages")
        elif key in KEYED and isinstance(value, MDict) and isinstance(parent.get(key), MDict):
            out[key] = merge_keyed(parent[key], value, key, said, where)
            out.marks[key] = child.mark_of(key)
            out.key_marks[key] = child.key_mark_of(key)
        else:
            out.set_marked(key, value, child)
    if problems:
        raise ContentError(problems)
    out.said = said  # type: ignore[attr-defined]
    return out


def merge_keyed(base: MDict, value: MDict, key: str, said: Merged, where: str) -> MDict:
    """A top-level mapping merged by name; a name set to null is removed (and said)."""
    merged = MDict(mark=value.mark)
    for name in base:
        merged.set_marked(name, base[name], base)
    for name in value:
        if value[name] is None and name in merged and key in ("glossary", "risk"):
            del merged[name]
            said.removals.append(value.key_mark_of(name).problem(
                f"removes '{name}' from '{key}' ({where or 'the parent'})"))
            continue
        merged.set_marked(name, value[name], value)
    return merged


def merge_pages(parent: MList, child: MList, problems: list[Problem], parent_name: str,
                allow_new: bool = True, said: Merged | None = None) -> MList:
    """Merge page entries by ``id``: fields merge (``merge.py``), pages are added, removed
    (``remove: true``) and placed (``after: <id>``).

    With ``allow_new=False`` (variants), an id the parent does not have is an error.
    """
    said = said if said is not None else Merged()
    order: list[tuple[MDict, object]] = [(p, parent.mark_of(i)) for i, p in enumerate(parent)]
    seen: set[str] = set()
    moves: list[tuple[int, MDict, object]] = []

    def index_of(page_id: object) -> int:
        return next((i for i, (p, _) in enumerate(order) if p.get("id") == page_id), -1)

    for i, entry in enumerate(child):
        mark = child.mark_of(i)
        if not isinstance(entry, MDict):
            problems.append(mark.problem("a page must be a mapping with an 'id' and a 'kind'"))
            continue
        page_id = entry.get("id")
        if not isinstance(page_id, str):
            problems.append(entry.mark.child("id").problem("every page needs an 'id'"))
            continue
        if page_id in seen:
            problems.append(entry.mark_of("id").problem(f"duplicate page id '{page_id}'"))
            continue
        seen.add(page_id)
        at = index_of(page_id)
        remove = entry.get("remove", False)
        if remove is not False and remove is not True:
            problems.append(entry.mark_of("remove").problem("must be true or false"))
            continue
        if remove:
            if at < 0:
                ids = [p.get("id") for p, _ in order]
                where = f"{parent_name} has" if parent_name else "there is"
                problems.append(entry.mark_of("id").problem(
                    f"cannot remove page '{page_id}': {where} no such page"
                    f"{did_you_mean(page_id, [str(x) for x in ids])}"))
            else:
                order.pop(at)
            continue
        if at < 0 and not allow_new:
            ids = [str(p.get("id")) for p, _ in order]
            problems.append(entry.mark_of("id").problem(
                f"{parent_name} has no page '{page_id}'{did_you_mean(page_id, ids)}; "
                "a variant adapts existing pages"))
            continue
        if at < 0 and parent_name and "kind" not in entry:
            # Most likely a misspelt id, not a new page: say so rather than « missing kind ».
            ids = [str(p.get("id")) for p, _ in order]
            problems.append(entry.mark_of("id").problem(
                f"no page '{page_id}' in {parent_name}{did_you_mean(page_id, ids)} — "
                "a new page needs a kind"))
            continue
        base = order[at][0] if at >= 0 else None
        # Blocks over a template change the template's blocks: each version's are kept as
        # written and laid in turn over the template when it is laid under the page
        # (templates.py), so that a later version places, changes or removes a template's
        # block (by its `after:`/`before:`, `was:`, `remove:`) as the first one could.
        templated = "template" in entry or (base is not None and "template" in base)
        own = ("blocks",) if templated else ()
        merged = merge_mapping(base, entry, problems, said, parent_name,
                               skip=DIRECTIVES + own)
        if templated:
            whole = isinstance(entry.get("replace"), MList) and "blocks" in entry["replace"]
            layers = [] if base is None or whole else block_layers(base)
            if "blocks" in entry:
                merged.set_marked("blocks", entry["blocks"], entry)
                layers.append(entry["blocks"])
            merged.block_layers = layers  # type: ignore[attr-defined]
        if at >= 0:
            order[at] = (merged, order[at][1])
        else:
            order.append((merged, mark))
        if "after" in entry:
            moves.append((i, entry, mark))

    for _, entry, _mark in moves:
        target = entry["after"]
        current = index_of(entry["id"])
        item = order.pop(current)
        at = index_of(target)
        if at < 0:
            ids = [str(p.get("id")) for p, _ in order]
            problems.append(entry.mark_of("after").problem(
                f"no page '{target}' to place this page after{did_you_mean(str(target), ids)}"))
            order.insert(current, item)
            continue
        order.insert(at + 1, item)

    pages = MList((p for p, _ in order), mark=child.mark)
    pages.marks = [m for _, m in order]  # type: ignore[misc]
    return pages
