"""Values that remember where they were written: file, line, column and key path."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from monrecap.errors import Problem

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
