"""Content diff of two resolved carnets: pages added, removed and moved by id; fields changed
by key path, with a word-level diff of French text; variables, layout and fonts."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from monrecap.content import Carnet
from monrecap.content.merge import LIST_KEYS
from monrecap.layout import Layout
from monrecap.source import join_path


@dataclass(frozen=True)
class Change:
    """One difference between two resolved carnets."""

    what: str          # "added", "removed", "moved", "changed"
    where: str         # "page rendez-vous", "variables", "layout", "fonts", …
    path: str = ""     # key path inside it, for "changed"
    old: Any = None
    new: Any = None
    record: str = ""   # the record it is about, as a reader names it: « fiche « CAF » »
    field: str = ""    # for a record's field: the field's name inside the record

    @property
    def page(self) -> str | None:
        return self.where[5:] if self.where.startswith("page ") else None


def plain(value: Any, root: Path) -> Any:
    """Model dumps with repository-relative paths and ISO dates, for display and YAML."""
    if isinstance(value, Path):
        try:
            return value.relative_to(root.resolve()).as_posix()
        except ValueError:
            return str(value)
    if isinstance(value, dict):
        return {k: plain(v, root) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v, root) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def resolved_dict(carnet: Carnet) -> dict[str, Any]:
    """The resolved content as plain data (what the carnet holds after inheritance)."""
    return plain(carnet.spec.model_dump(), carnet.root)


#: How a reader names a record of each list.
RECORD_NOUNS = {"cards": "fiche", "steps": "étape", "sections": "rubrique", "blocks": "bloc",
                "fields": "champ"}
#: The masculine ones (« bloc ajouté », « fiche ajoutée »).
MASCULINE = ("bloc", "champ", "élément", "terme")  # « ligne », « fiche »: feminine


def record_label(name: Any, record: Any) -> str:
    """« fiche « CAF » »: a record named by its key, as the diff and `show` print it."""
    noun = RECORD_NOUNS.get(str(name), "élément")
    key = record.get(LIST_KEYS.get(str(name), "")) if isinstance(record, dict) else None
    return f"{noun} « {key} »" if key else noun


def _field_changes(where: str, old: Any, new: Any, path: tuple = (),
                   record: str = "", inside: tuple = ()) -> list[Change]:
    if isinstance(old, dict) and isinstance(new, dict):
        out = []
        for key in list(old) + [k for k in new if k not in old]:
            out += _field_changes(where, old.get(key), new.get(key), path + (key,), record,
                                  inside + (key,))
        return out
    if isinstance(old, list) and isinstance(new, list) and old != new and \
            any(isinstance(v, dict) for v in old + new):
        return _list_changes(where, old, new, path)
    if isinstance(old, list) and isinstance(new, list) and old != new and len(old) != len(new) \
            and all(isinstance(v, str) for v in old + new):
        return _text_list_changes(where, old, new, path)
    if old != new:
        return [Change("changed", where, join_path(path), old, new, record, join_path(inside))]
    return []


def _align_key(name: Any, value: Any) -> str:
    """What pairs a record with its counterpart: its id, else its merge key (so a changed
    card is a change, not a removal and an addition), else all of it."""
    if isinstance(value, dict):
        if value.get("id"):
            return f"id:{value['id']}"
        key = value.get(LIST_KEYS.get(str(name), ""))
        if isinstance(key, str):
            return "key:" + " ".join(key.split()).casefold()
    return repr(value)


def _list_changes(where: str, old: list, new: list, path: tuple) -> list[Change]:
    """Lists of records (steps, cards, sections), aligned by their key: an inserted card is
    added where it is (the cards after it keep their content), a removed one removed, a
    changed one compared field by field; records without a key that stand in the same place
    between unchanged ones are compared field by field too."""
    name = path[-1] if path else ""
    keys = [[_align_key(name, v) for v in side] for side in (old, new)]
    out: list[Change] = []
    matcher = difflib.SequenceMatcher(None, keys[0], keys[1], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2)):
                out += _field_changes(where, old[i], new[j], path + (j,),
                                      record_label(name, new[j]))
            continue
        # Records named by a key (a card's structure) that differ by it are different
        # records; others standing in the same place (a step, whose key is its text) are the
        # same record edited.
        keyed = LIST_KEYS.get(str(name), "text") != "text"
        edited = min(i2 - i1, j2 - j1) if op == "replace" else 0
        if keyed:  # a record renamed in place (`was:`) keeps the rest of what it says
            alone = i2 - i1 == j2 - j1 == 1
            edited = next((k for k in range(edited) if not _renamed(
                name, old[i1 + k], new[j1 + k], alone)), edited)
        for k in range(edited):
            out += _field_changes(where, old[i1 + k], new[j1 + k], path + (j1 + k,),
                                  record_label(name, new[j1 + k]))
        out += [Change("removed", where, join_path(path + (i,)), old[i], None,
                       record_label(name, old[i])) for i in range(i1 + edited, i2)]
        out += [Change("added", where, join_path(path + (j,)), None, new[j],
                       record_label(name, new[j])) for j in range(j1 + edited, j2)]
    return out


def _renamed(name: Any, old: Any, new: Any, alone: bool) -> bool:
    """Two records in the same place whose key differs are the same record renamed (`was:`,
    « CAF » that became « Caisse d'allocations familiales ») when most of what they say
    besides their key is the same — or, one in place of one, when they say nothing else."""
    if not (isinstance(old, dict) and isinstance(new, dict)):
        return False
    key = LIST_KEYS.get(str(name), "")
    fields = (set(old) | set(new)) - {key}
    same = sum(old.get(f) == new.get(f) for f in fields if old.get(f) or new.get(f))
    said = sum(bool(old.get(f) or new.get(f)) for f in fields)
    return same * 2 > said if said else alone


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
    # The glossary prints on the glossary pages: its changes are theirs.
    glossaries = [pid for pid, p in new_pages.items() if p["kind"] == "glossaire"] or \
        ["glossary"]
    for pid in glossaries:
        where = f"page {pid}" if pid in new_pages else "glossary"
        changes += _glossary_changes(where, a.get("glossary", {}), b.get("glossary", {}))
    moved = moved_items([p for p in old_pages if p in new_pages],
                        [p for p in new_pages if p in old_pages])
    for page_id, page in new_pages.items():
        if page_id not in old_pages:
            changes.append(Change("added", f"page {page_id}", "", None, page["kind"]))
            continue
        if page_id in moved:
            changes.append(Change("moved", f"page {page_id}"))
        changes += _field_changes(f"page {page_id}", old_pages[page_id], page)
    for page_id, page in old_pages.items():
        if page_id not in new_pages:
            changes.append(Change("removed", f"page {page_id}", "", page["kind"], None))
    return changes


def _text_list_changes(where: str, old: list[str], new: list[str], path: tuple
                       ) -> list[Change]:
    """A list of texts that gained or lost lines: the lines added and removed, each said
    alone (a list that kept its length reads better as one word diff, above)."""
    out: list[Change] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        out += [Change("removed", where, join_path(path + (i,)), old[i], None,
                       f"ligne « {old[i]} »") for i in range(i1, i2)]
        out += [Change("added", where, join_path(path + (j,)), None, new[j],
                       f"ligne « {new[j]} »") for j in range(j1, j2)]
    return out


def _glossary_changes(where: str, old: dict, new: dict) -> list[Change]:
    """Terms added, removed, or explained otherwise, as a reader names them."""
    out = []
    for term in list(old) + [t for t in new if t not in old]:
        path = join_path(("glossary", term))
        record = f"terme « {term} »"
        if term not in new:
            out.append(Change("removed", where, path, {"sens": old[term]}, None, record))
        elif term not in old:
            out.append(Change("added", where, path, None, {"sens": new[term]}, record))
        elif old[term] != new[term]:
            out.append(Change("changed", where, path, old[term], new[term], record, "sens"))
    return out


def moved_items(old: list[str], new: list[str]) -> set[str]:
    """Of two orders of the same items, those outside their longest common subsequence: the
    fewest items that moved (moving one page does not move its neighbours)."""
    kept: set[str] = set()
    for block in difflib.SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks():
        kept.update(old[block.a:block.a + block.size])
    return {k for k in new if k not in kept}


def compare_layouts(old: Layout, new: Layout, root: Path) -> list[Change]:
    """Layout changes (trim, type scale, palette, rules…) and font file changes."""
    a = plain(old.model_dump(exclude={"name", "description", "fonts"}), root)
    b = plain(new.model_dump(exclude={"name", "description", "fonts"}), root)
    changes = _field_changes("layout", a, b)
    for face in ("regular", "bold"):
        pa, pb = getattr(old.fonts, face), getattr(new.fonts, face)
        if pa != pb or pa.read_bytes() != pb.read_bytes():
            changes.append(Change("changed", "fonts", face, plain(pa, root), plain(pb, root)))
    return changes


_WORD = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level diff of two texts: (op, text) with op in "=", "-", "+".

    >>> word_diff("Je note les personnes", "Je note les gens")
    [('=', 'Je note les '), ('-', 'personnes'), ('+', 'gens')]
    """
    a, b = _WORD.findall(old), _WORD.findall(new)
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("=", "".join(a[i1:i2])))
        else:
            if i2 > i1:
                out.append(("-", "".join(a[i1:i2])))
            if j2 > j1:
                out.append(("+", "".join(b[j1:j2])))
    return out
