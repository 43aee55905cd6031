"""pydantic validation of marked YAML, each error said at its file:line:col with its fix."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from monrecap import yamlhints
from monrecap.errors import ContentError
from monrecap.marked import Key, Mark, MDict, MList, source_line
from monrecap.plural import count


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
        return f"needs at least {count(ctx.get('min_length'), 'item', lang='en')}"
    if kind == "too_long":
        return f"takes at most {count(ctx.get('max_length'), 'item', lang='en')}"
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
