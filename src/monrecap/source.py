"""YAML with line marks, and pydantic validation whose errors point at file:line:col."""

from __future__ import annotations

import difflib
import functools
import re
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from monrecap import yamlhints
from monrecap.errors import ContentError, Problem
from monrecap.lazyre import deferred_compiles

with deferred_compiles():  # the pure-Python reader's check, unused with the C loader
    import yaml

Key = str | int


@dataclass(frozen=True)
class Mark:
    """Where a value was written: display file name, 1-based line and column, key path."""

    file: str
    line: int
    col: int
    path: tuple[Key, ...] = ()

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"

    @property
    def path_str(self) -> str:
        return join_path(self.path)

    def child(self, key: Key) -> Mark:
        """The same place, one level deeper in the key path (for a value that has no mark)."""
        return Mark(self.file, self.line, self.col, self.path + (key,))

    def problem(self, message: str) -> Problem:
        return Problem(self.where, self.path_str, message)


def join_path(path: tuple[Key, ...]) -> str:
    """Join a key path the way errors print it.

    >>> join_path(("pages", 3, "slots"))
    'pages -> 3 -> slots'
    """
    return " -> ".join(str(p) for p in path)


class MDict(dict):
    """A mapping from YAML that remembers where it, each key and each value were written."""

    mark: Mark
    key_marks: dict[Key, Mark]
    marks: dict[Key, Mark]

    def __init__(self, *args: Any, mark: Mark, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.mark = mark
        self.key_marks = {}
        self.marks = {}

    def mark_of(self, key: Key) -> Mark:
        return self.marks.get(key) or self.mark.child(key)

    def key_mark_of(self, key: Key) -> Mark:
        return self.key_marks.get(key) or self.mark_of(key)

    def set_marked(self, key: Key, value: Any, source: MDict) -> None:
        """Copy ``source[key]`` into this mapping together with its marks."""
        self[key] = value
        if key in source.marks:
            self.marks[key] = source.marks[key]
        if key in source.key_marks:
            self.key_marks[key] = source.key_marks[key]


class MList(list):
    """A sequence from YAML that remembers where it and each item were written."""

    mark: Mark
    marks: list[Mark]

    def __init__(self, *args: Any, mark: Mark):
        super().__init__(*args)
        self.mark = mark
        self.marks = []

    def mark_of(self, index: int) -> Mark:
        if 0 <= index < len(self.marks):
            return self.marks[index]
        return self.mark.child(index)


# libyaml's parser when PyYAML was built with it: the same nodes and marks, much faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _node_mark(display: str, node: yaml.Node, path: tuple[Key, ...]) -> Mark:
    return Mark(display, node.start_mark.line + 1, node.start_mark.column + 1, path)


def load_yaml(path: Path, display: str) -> Any:
    """Read one YAML file into MDict/MList/scalars, each carrying its source marks.

    Syntax errors and duplicate keys raise ContentError pointing at the line.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError([Problem(display, "", "file not found")]) from None
    except UnicodeDecodeError as exc:
        raise ContentError([Problem(display, "", f"not UTF-8 text ({exc.reason})")]) from None
    _refuse_invisible(text, display)
    _remember(display, text)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return MDict(mark=Mark(display, 1, 1))
        problems: list[Problem] = []
        data = _convert(loader, node, display, (), problems, [0])
    except RecursionError:
        raise ContentError([Problem(display, "", f"nested more than {MAX_DEPTH} levels "
                                                 "deep")]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{display}:{mark.line + 1}:{mark.column + 1}" if mark else display
        what = exc.problem or exc.context or "invalid YAML"
        lines = text.splitlines()
        line = lines[mark.line] if mark and mark.line < len(lines) else ""
        hint = yamlhints.syntax_hint(line, mark.column, f"{what} {exc.context or ''}") \
            if mark else None
        if hint:
            what += f": {hint}"
        elif any(s in what for s in ("expected <block end>", "did not find expected",
                                     "mapping values are not allowed")):
            what += " (check the indentation of this line and the one above)"
        raise ContentError([Problem(where, "", f"YAML syntax error: {what}")]) from None
    finally:
        loader.dispose()
    for number, line in enumerate(text.splitlines(), 1):
        if "#" in line:
            found = yamlhints.comment_in_text(line)
            if found:
                col, fix = found
                word = line[col:].split()[0]
                problems.append(Problem(f"{display}:{number}:{col + 1}", "",
                                        f"YAML reads « {word} » and what follows as a comment, "
                                        f"not text: put the text in quotes: {fix.strip()}"))
    if problems:
        raise ContentError(problems)
    return data


#: The text of the files read last, by display name: a type error found after parsing is
#: explained with its line as written (« no » read as false, a date read as a date).
_TEXTS: dict[str, str] = {}


def _remember(display: str, text: str) -> None:
    if len(_TEXTS) >= 256:
        _TEXTS.pop(next(iter(_TEXTS)))
    _TEXTS[display] = text


def source_line(mark: Mark) -> str:
    """The line a mark points at, as written ('' when the file was not read here)."""
    lines = _TEXTS.get(mark.file, "").splitlines()
    return lines[mark.line - 1] if 0 < mark.line <= len(lines) else ""


#: Bounds on what one file may make (a hostile file from anyone must not keep a command
#: busy): values after aliases are expanded, and nesting.
MAX_VALUES = 100_000
MAX_DEPTH = 40
# What YAML itself refuses (control characters), and the bidirectional controls that would
# reorder printed French text without showing: refused at their line before parsing.
_INVISIBLE = functools.cache(lambda: re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD"
                        "\U00010000-\U0010FFFF]|[\u200E\u200F\u061C\u202A-\u202E"
                        "\u2066-\u2069]"))  # compiled on first use: it spans Unicode


def _refuse_invisible(text: str, display: str) -> None:
    """A control or bidirectional character is an error at its line and column.

    >>> _refuse_invisible("a: b\\n", "f.yaml")
    >>> _refuse_invisible("a: b\\nc: d\\x07\\n", "f.yaml")
    Traceback (most recent call last):
    ...
    monrecap.errors.ContentError: f.yaml:2:5: control character U+0007 (delete it: it prints nothing and YAML refuses it)
    """
    found = _INVISIBLE().search(text.lstrip("\ufeff"))
    if found is None:
        return
    offset = found.start() + (len(text) - len(text.lstrip("\ufeff")))
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    char = found.group(0)
    what = ("bidirectional control character" if char in "\u200E\u200F\u061C" or
            "\u202A" <= char <= "\u202E" or "\u2066" <= char <= "\u2069"
            else "control character")
    why = ("it would reorder the printed text" if what.startswith("bidi")
           else "it prints nothing and YAML refuses it")
    raise ContentError([Problem(f"{display}:{line}:{col}", "",
                                f"{what} U+{ord(char):04X} (delete it: {why})")])


def _convert(loader: Any, node: yaml.Node, display: str,
             path: tuple[Key, ...], problems: list[Problem], count: list[int]) -> Any:
    mark = _node_mark(display, node, path)
    count[0] += 1
    if count[0] > MAX_VALUES:
        raise ContentError([mark.problem(
            f"the file makes more than {MAX_VALUES:,} values (aliases repeated inside "
            "aliases?); write the values out")])
    if len(path) > MAX_DEPTH:
        raise ContentError([mark.problem(f"nested more than {MAX_DEPTH} levels deep")])
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in (
            "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
        problems.append(mark.problem(f"the YAML tag '{node.tag}' is not allowed here; "
                                     "write plain values"))
        return None
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        out = MDict(mark=mark)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):  # never expand a key's aliases
                problems.append(_node_mark(display, key_node, path).problem(
                    "keys must be text"))
                continue
            key = loader.construct_object(key_node, deep=True)
            key_mark = _node_mark(display, key_node, path + (key,))
            if not isinstance(key, (str, int)):
                problems.append(key_mark.problem("keys must be text"))
                continue
            if key in out:
                problems.append(key_mark.problem(
                    f"duplicate key '{key}' (first at line {out.key_marks[key].line})"))
                continue
            out[key] = _convert(loader, value_node, display, path + (key,), problems, count)
            out.key_marks[key] = key_mark
            out.marks[key] = _node_mark(display, value_node, path + (key,))
        return out
    if isinstance(node, yaml.SequenceNode):
        seq = MList(mark=mark)
        for index, item in enumerate(node.value):
            seq.append(_convert(loader, item, display, path + (index,), problems, count))
            seq.marks.append(_node_mark(display, item, path + (index,)))
        return seq
    try:
        return loader.construct_object(node, deep=True)
    except ValueError as exc:  # e.g. a date like 2026-13-01
        problems.append(mark.problem(f"invalid value '{node.value}': {exc}"))
        return None


# --- validation -------------------------------------------------------------------------


def _unwrap(tp: Any) -> Any:
    """Strip Annotated and Optional from a type annotation."""
    while True:
        origin = get_origin(tp)
        if origin is typing.Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def _union_members(tp: Any) -> list[type[BaseModel]]:
    tp = _unwrap(tp)
    if get_origin(tp) in (Union, types.UnionType):
        return [a for a in get_args(tp) if isinstance(a, type) and issubclass(a, BaseModel)]
    return []


def _tag_of(model: type[BaseModel], field: str = "kind") -> str | None:
    info = model.model_fields.get(field)
    if info is not None and get_origin(info.annotation) is Literal:
        return get_args(info.annotation)[0]
    return None


def _model_at(root: type[BaseModel], loc: tuple[Key, ...]) -> type[BaseModel] | None:
    """The pydantic model that validates the mapping found at ``loc`` (pydantic's loc)."""
    current: Any = root
    for item in loc:
        current = _unwrap(current)
        members = _union_members(current)
        if members:
            current = next((m for m in members
                            if item in (_tag_of(m), _tag_of(m, "type"))), None)
            if current is None:
                return None
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(str(item))
            if info is None:
                return None
            current = info.annotation
        elif get_origin(current) in (list, tuple):
            current = get_args(current)[0]
        elif get_origin(current) is dict:
            current = get_args(current)[1]
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _walk(data: Any, loc: tuple[Key, ...]) -> tuple[Any, Key | None, list[Key]]:
    """Follow pydantic's loc through marked data, skipping union tags.

    Returns the container holding the last reached key, that key, and the loc items that
    could not be followed (a missing key, for example).
    """
    container, key = data, None
    node = data
    rest = list(loc)
    while rest:
        item = rest[0]
        if isinstance(node, dict) and item in node:
            container, key, node = node, item, node[item]
        elif isinstance(node, list) and isinstance(item, int) and 0 <= item < len(node):
            container, key, node = node, item, node[item]
        elif isinstance(node, dict) and item in (node.get("kind"), node.get("type")):
            pass  # a discriminated-union tag in pydantic's loc (a page's kind, a block's type)
        else:
            break
        rest.pop(0)
    return container, key, rest


def locate(data: Any, loc: tuple[Key, ...]) -> Mark:
    """Where the value at ``loc`` was written in marked data."""
    return _locate(data, loc)


def _locate(data: Any, loc: tuple[Key, ...], at_key: bool = False) -> Mark:
    container, key, rest = _walk(data, loc)
    if key is None:
        mark = getattr(data, "mark", Mark("", 0, 0))
    elif isinstance(container, MDict):
        mark = container.key_mark_of(key) if at_key else container.mark_of(key)
    elif isinstance(container, MList):
        mark = container.mark_of(key)  # type: ignore[arg-type]
    else:
        mark = Mark("", 0, 0, (key,))
    if rest:
        # Point at the enclosing mapping, with the full path of what is missing there.
        node = container[key] if key is not None else data
        base = getattr(node, "mark", mark)
        mark = Mark(base.file, base.line, base.col, base.path + tuple(rest))
    return mark


def did_you_mean(word: str, choices: typing.Iterable[str]) -> str:
    """A ' (did you mean …?)' suffix when a close choice exists.

    >>> did_you_mean("slotz", ["slots", "title"])
    " (did you mean 'slots'?)"
    >>> did_you_mean("zzz", ["slots"])
    ''
    """
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _message(err: dict[str, Any], root: type[BaseModel], loc: tuple[Key, ...]) -> str:
    kind, ctx = err["type"], err.get("ctx") or {}
    loc = tuple(k for k in loc if k != "kind") if kind.startswith("union_tag") else loc
    if kind == "extra_forbidden":
        owner = _model_at(root, loc[:-1])
        allowed = list(owner.model_fields) if owner else []
        return f"unknown key '{loc[-1]}'{did_you_mean(str(loc[-1]), allowed)}"
    if kind == "missing":
        return "required key is missing"
    if kind == "union_tag_invalid":
        tags = [t.strip(" '") for t in str(ctx.get("expected_tags", "")).split(",")]
        what = "block type" if _discriminator(err) == "type" else "page kind"
        plural = "block types" if what == "block type" else "kinds"
        return f"unknown {what} '{ctx.get('tag')}'{did_you_mean(str(ctx.get('tag')), tags)}; " \
               f"known {plural}: {', '.join(tags)}"
    if kind == "union_tag_not_found":
        name = _discriminator(err)
        near = [k for k in (err.get("input") or {}) if isinstance(k, str)
                and difflib.SequenceMatcher(None, k, name).ratio() >= 0.75]
        typo = f" ('{near[0]}' is not '{name}')" if near else ""
        return f"missing '{name}'{typo}"
    if kind == "greater_than" and ctx.get("gt") == 0:
        return "must be a positive integer"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}"
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return "must not be empty"
    if kind == "string_pattern_mismatch":
        return f"'{err.get('input')}' does not match the expected form {ctx.get('pattern')}"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s)"
    if kind == "too_long":
        return f"takes at most {ctx.get('max_length')} item(s)"
    if kind == "float_parsing" or kind == "float_type":
        return "must be a number"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "must be a whole number"
    if kind in ("string_type",):
        return "must be text"
    if kind in ("bool_type", "bool_parsing"):
        return "must be true or false"
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        return "must be a date written YYYY-MM-DD"
    if kind in ("list_type",):
        return "must be a list"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "must be a mapping of keys to values"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    msg = err["msg"]
    return msg[:1].lower() + msg[1:]


def _discriminator(err: dict[str, Any]) -> str:
    """The key a tagged union is told apart by: a page's ``kind``, a block's ``type``."""
    return str((err.get("ctx") or {}).get("discriminator", "kind")).strip("'")


def validate(model: type[BaseModel], data: Any, context: dict[str, Any] | None = None) -> Any:
    """Validate marked data into ``model``; raise ContentError with every problem located."""
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            if err["type"] in ("union_tag_invalid", "union_tag_not_found"):
                # Point at the kind (a page's) or the type (a block's) itself.
                loc = loc + (_discriminator(err),)
            mark = _locate(data, loc, at_key=err["type"] == "extra_forbidden")
            message = _message(err, model, loc)
            if err["type"] in ("string_type", "bool_type") or (
                    err["type"] == "model_type" and isinstance(err.get("input"), dict)):
                hint = yamlhints.type_hint(err.get("input"), source_line(mark))
                message += f": {hint}" if hint else ""
            problems.append(mark.problem(message))
        # An unknown top-level key first: a misspelt `extends:` or `pages:` explains the
        # errors that follow it.
        first = [p for p, e in zip(problems, exc.errors(include_url=False))
                 if e["type"] == "extra_forbidden" and len(e["loc"]) == 1]
        raise ContentError(first + [p for p in problems if p not in first]) from None
