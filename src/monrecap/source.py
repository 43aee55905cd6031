"""YAML with line marks, and pydantic validation whose errors point at file:line:col.

The reader is here; the marked values are in marked.py and the validation in validation.py,
both re-exported: every module reads YAML through `monrecap.source`."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from monrecap import yamlhints
from monrecap.errors import ContentError, Problem
from monrecap.lazyre import deferred_compiles
from monrecap.marked import Key, Mark, MDict, MList, _remember, join_path, source_line  # noqa: F401
from monrecap.validation import did_you_mean, locate, validate  # noqa: F401

with deferred_compiles():  # the pure-Python reader's check, unused with the C loader
    import yaml

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
