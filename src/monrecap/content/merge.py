"""How a version or an edition changes what its parent holds: mappings merge by key, lists of
records merge by a key of their own, and nothing disappears unless the file says so.

A page entry of a child file is laid over its parent's page field by field:

- a mapping (``labels:``) merges key by key, so ``labels: {place: …}`` changes one label;
- a list of records (contact cards, steps, sections, the papers of the checklist, the things
  to bring…) merges item by item, by the list's key (``LIST_KEYS``; an item may also carry an
  explicit ``id``): an item the parent has is changed field by field, a new one is added at
  the end (or ``after:``/``before:`` another), ``remove: true`` drops one, ``was: <old key>``
  renames one in place, and ``replace: [cards]`` on the enclosing entry gives the whole list;
- any other value replaces the parent's.

A list of plain texts (``items``, ``bring``, ``lines``) keys each item by its text; its
directives use the mapping form ``{text: …, remove: true}``.

Every removal is recorded (``Merged.removals``) for `build` and `release` to say; a list that
names most of its parent's items but leaves some out, or lists them in another order, gets a
warning (``Merged.warnings``): lists merge, so those items are kept where they were.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from monrecap.errors import Problem
from monrecap.source import Mark, MDict, MList, did_you_mean

#: The key of each list of records, by field name (the same name means the same key
#: wherever it appears). Lists of plain texts key by the text itself.
LIST_KEYS = {"cards": "structure", "steps": "text", "sections": "heading", "blocks": "id",
             "fields": "label"}
#: Lists that hold texts (or records named by their ``text``, such as a list's items with a
#: pictogram), merged by text.
TEXT_LISTS = ("items", "bring", "lines", "statuses", "boxes")
#: Directives on an item of a list: they steer the merge and are not content.
ITEM_DIRECTIVES = ("remove", "after", "before", "was", "replace")


@dataclass
class Merged:
    """What a merge said besides its result: removals (for build and release to list) and
    warnings (``Problem``s at the child's line)."""

    removals: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def _norm(value: Any) -> str:
    """The comparison form of a key: case and spacing do not make two items different.

    >>> _norm("  France   travail ") == _norm("France Travail")
    True
    """
    return re.sub(r"\s+", " ", str(value)).strip().casefold()


def _label(value: Any) -> str:
    return f"'{value}'"


def block_layers(page: MDict) -> list[MList]:
    """The blocks each version gave a page over a template, oldest first."""
    layers = getattr(page, "block_layers", None)
    if layers is not None:
        return list(layers)
    return [page["blocks"]] if isinstance(page.get("blocks"), MList) else []


def merge_value(base: Any, value: Any, name: str, owner: MDict, problems: list[Problem],
                said: Merged, parent_name: str, replace: frozenset[str] = frozenset()) -> Any:
    """``value`` (the child's, written under key ``name`` of ``owner``) laid over ``base``
    (the parent's)."""
    if name in replace:
        return _strip_directives(value, name, problems, said, parent_name)
    if isinstance(base, MDict) and isinstance(value, MDict):
        return merge_mapping(base, value, problems, said, parent_name)
    if isinstance(value, MList) and (name in LIST_KEYS or name in TEXT_LISTS):
        return merge_list(base if isinstance(base, MList) else None, value, name,
                          owner.mark_of(name), problems, said, parent_name)
    return value


def merge_mapping(base: MDict | None, child: MDict, problems: list[Problem], said: Merged,
                  parent_name: str, skip: tuple[str, ...] = ()) -> MDict:
    """A mapping laid over its parent's, key by key; keys in ``skip`` are left out (the
    directives of the caller)."""
    replace = _replace_names(child, problems)
    out = MDict(mark=child.mark)
    if base is not None:
        for key in base:
            out.set_marked(key, base[key], base)
    for key in child:
        if key in skip or key == "replace":
            continue
        merged = merge_value(base.get(key) if base is not None else None, child[key], key,
                             child, problems, said, parent_name, replace)
        out.set_marked(key, merged, child)
    for name in sorted(replace & (set(LIST_KEYS) | set(TEXT_LISTS))):
        if name not in child:
            problems.append(child.mark_of("replace").problem(
                f"replace: [{name}] but this entry gives no '{name}:' list to replace it with"))
    return out


def _replace_names(entry: MDict, problems: list[Problem]) -> frozenset[str]:
    names = entry.get("replace")
    if names is None:
        return frozenset()
    if not (isinstance(names, MList) and all(isinstance(n, str) for n in names)):
        problems.append(entry.mark_of("replace").problem(
            "must be a list of the lists this entry gives whole, like [cards]"))
        return frozenset()
    lists = set(LIST_KEYS) | set(TEXT_LISTS)
    for index, name in enumerate(names):
        if name not in lists:
            problems.append(names.mark_of(index).problem(
                f"'{name}' is not a list that merges{did_you_mean(name, sorted(lists))}; "
                f"replace: names one of {', '.join(sorted(lists))}"))
    return frozenset(names)


def _strip_directives(value: Any, name: str, problems: list[Problem], said: Merged,
                      parent_name: str) -> Any:
    """A list given whole: its items are taken as written (an item's own directives are
    still read, against the list itself)."""
    if isinstance(value, MList):
        return merge_list(None, value, name, value.mark, problems, said, parent_name)
    return value


@dataclass
class _Item:
    value: Any
    mark: Mark
    key: str          # normalised key (or id)
    label: str        # the key as written, for messages
    ident: str | None = None
    touched: bool = False


def _item_key(value: Any, name: str) -> tuple[str | None, str | None]:
    """(key as written, explicit id) of a list item; the key is None when it has none."""
    if isinstance(value, MDict):
        ident = value.get("id") if isinstance(value.get("id"), str) else None
        keyname = LIST_KEYS.get(name, "text")
        key = value.get(keyname)
        return (str(key) if isinstance(key, (str, int)) else None), ident
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value), None
    return None, None


def _find(items: list[_Item], wanted: str) -> int:
    norm = _norm(wanted)
    for index, item in enumerate(items):
        if item.ident is not None and _norm(item.ident) == norm:
            return index
    for index, item in enumerate(items):
        if item.key == norm:
            return index
    return -1


def merge_list(base: MList | None, child: MList, name: str, list_mark: Mark,
               problems: list[Problem], said: Merged, parent_name: str) -> MList:
    """A list of records or texts laid over its parent's, item by item (see the module)."""
    text_list = name in TEXT_LISTS
    keyname = "text" if text_list else LIST_KEYS[name]
    where = parent_name or "the parent"
    items = [_Item(v, base.mark_of(i), _norm(k) if k is not None else f"#{i}",
                   k if k is not None else f"#{i}", ident)
             for i, v in enumerate(base or ()) for k, ident in [_item_key(v, name)]]
    inherited = len(items)
    moves: list[tuple[_Item, MDict]] = []
    named: list[int] = []  # parent items this list names, in its order
    restated = False  # does it name parent items without changing them (a list written whole)?
    seen: dict[str, Mark] = {}
    for index, entry in enumerate(child):
        mark = child.mark_of(index)
        if text_list and not isinstance(entry, MDict):
            if isinstance(entry, MList) or entry is None or isinstance(entry, bool):
                items.append(_Item(entry, mark, f"#new{index}", str(entry)))
                continue  # the schema says what is wrong with it
            key, ident, directives = str(entry), None, None
        elif isinstance(entry, MDict):
            key, ident = _item_key(entry, name)
            directives = entry
            if key is None and ident is None:
                if "was" in entry or "remove" in entry:
                    problems.append(entry.mark.problem(
                        f"an item to change or remove needs its '{keyname}' (or its id)"))
                    continue
                items.append(_Item(_content(entry, text_list, name, problems, said,
                                            parent_name, None), mark, f"#new{index}", "?"))
                continue
        else:
            items.append(_Item(entry, mark, f"#new{index}", str(entry)))
            continue  # the schema says what is wrong with it
        label = ident or key
        norm = _norm(label)
        if norm in seen:
            problems.append(mark.problem(
                f"{_label(label)} is twice in this list (first at line {seen[norm].line})"))
            continue
        seen[norm] = mark
        was = directives.get("was") if directives is not None else None
        if was is not None and not isinstance(was, str):
            problems.append(directives.mark_of("was").problem(
                f"must be the {keyname} of the item to rename, as {where} writes it"))
            continue
        at = _find(items[:inherited], was if was is not None else label)
        if at < 0 and ident is not None and key is not None and was is None:
            at = _find(items[:inherited], key)
        remove = directives.get("remove", False) if directives is not None else False
        if remove is not False and remove is not True:
            problems.append(directives.mark_of("remove").problem("must be true or false"))
            continue
        known = [it.label for it in items[:inherited] if it.value is not None]
        if (remove or was is not None) and at < 0:
            verb = "remove" if remove else "rename"
            target = was if was is not None else label
            problems.append((directives.mark_of("was") if was is not None else mark).problem(
                f"cannot {verb} {_label(target)}: {where} has no such item in '{name}'"
                f"{did_you_mean(str(target), known)}; its items: {', '.join(known) or 'none'}"))
            continue
        if at >= 0 and items[at].touched and items[at].value is None:
            problems.append(mark.problem(
                f"{_label(label)} is the item removed at line {items[at].mark.line}: it cannot "
                "be changed or removed again"))
            continue
        if remove:
            gone = items[at]
            said.removals.append(mark.problem(
                f"removes {_label(gone.label)} from '{name}' ({where})"))
            items[at] = _Item(None, mark, gone.key, gone.label, gone.ident, True)
            continue
        if at >= 0:
            old = items[at]
            named.append(at)
            if was is None and key is not None and key != old.label and _norm(key) == old.key:
                said.warnings.append(mark.problem(
                    f"writes {_label(key)} where {where} has {_label(old.label)}: the same "
                    f"item (keys match whatever the case and spacing), now printed "
                    f"{_label(key)}"))
            if not isinstance(entry, MDict) or set(entry) <= {keyname, "id"}:
                restated = True
            merged = _content(entry, text_list, name, problems, said, parent_name, old.value)
            new_key, new_ident = _item_key(merged, name)
            items[at] = _Item(merged, mark, _norm(new_key) if new_key else old.key,
                              new_key or old.label, new_ident or old.ident, True)
            if directives is not None and ("after" in directives or "before" in directives):
                moves.append((items[at], directives))
            continue
        item = _Item(_content(entry, text_list, name, problems, said, parent_name, None), mark,
                     norm, label, ident, True)
        items.append(item)
        if directives is not None and ("after" in directives or "before" in directives):
            moves.append((item, directives))
    if restated:
        _warn_unnamed(items, inherited, named, child, name, keyname, where, said)
    live = [it for it in items if not (it.touched and it.value is None)]
    for item, directives in moves:
        _move(live, item, directives, problems, name)
    out = MList((it.value for it in live), mark=list_mark)
    out.marks = [it.mark for it in live]
    return out


def _content(entry: Any, text_list: bool, name: str, problems: list[Problem], said: Merged,
             parent_name: str, base: Any) -> Any:
    """An item's content without its directives: a text (texts' mapping form), or a record
    merged over the parent's record field by field."""
    if not isinstance(entry, MDict):
        return entry
    if text_list:
        extra = [k for k in entry if k not in ("text",) + ITEM_DIRECTIVES]
        if len(entry) == 1 and extra:  # « - Attention : ceci », read as a key and a value
            from monrecap.source import source_line
            from monrecap.yamlhints import type_hint

            problems.append(entry.mark.problem(
                type_hint(dict(entry), source_line(entry.mark))))
            return None
        if not extra:
            return entry.get("text")
        # A record named by its text (an item with its pictogram): merged like a record; the
        # schema says whether this list takes records.
    return merge_mapping(base if isinstance(base, MDict) else None, entry, problems, said,
                         parent_name, skip=("remove", "after", "before", "was"))


def _move(live: list[_Item], item: _Item, directives: MDict, problems: list[Problem],
          name: str) -> None:
    if "after" in directives and "before" in directives:
        problems.append(directives.mark_of("before").problem(
            "after: or before:, not both"))
        return
    how = "after" if "after" in directives else "before"
    target = directives[how]
    current = next(i for i, it in enumerate(live) if it is item)
    live.pop(current)
    at = _find(live, str(target)) if isinstance(target, (str, int)) else -1
    if at < 0:
        known = [it.label for it in live]
        problems.append(directives.mark_of(how).problem(
            f"no item {_label(target)} in '{name}' to place this one {how}"
            f"{did_you_mean(str(target), known)}"))
        live.insert(current, item)
        return
    live.insert(at + 1 if how == "after" else at, item)


def _warn_unnamed(items: list[_Item], inherited: int, named: list[int], child: MList,
                  name: str, keyname: str, where: str, said: Merged) -> None:
    """A list that restates items of its parent unchanged was probably written whole, the
    way lists used to be: say what it leaves out (kept, since lists merge) and whether it
    asked for another order (which a merge does not make)."""
    untouched = [it.label for it in items[:inherited] if not it.touched]
    if untouched:
        said.warnings.append(child.mark.problem(
            f"this list of '{name}' names {len(named)} of the {inherited} items of {where} but "
            f"not {', '.join(map(_label, untouched))}: lists merge by {keyname}, so "
            f"{'they are' if len(untouched) > 1 else 'it is'} kept (add `remove: true` to an "
            f"item to drop it, or `replace: [{name}]` beside this list to give it whole)"))
    if named != sorted(named):
        said.warnings.append(child.mark.problem(
            f"this list of '{name}' names items of {where} in another order, which a merge "
            "does not change: existing items keep their place (use `after:` or `before:` on "
            f"an item to move it, or `replace: [{name}]` to give the list whole)"))
