"""Regular expressions that libraries compile when they are imported, compiled when first used.

Three patterns cost a build about 35 ms before it has done anything: ReportLab's URL pattern
(for hyphenating links, which the carnet never asks for: 27 ms, as it is case-insensitive over
most of Unicode), ReportLab's CJK splitter and PyYAML's pure-Python reader check (unused with
the C loader). They all span the top of the Basic Multilingual Plane, which is what makes
``re`` build large tables. While ``deferred_compiles()`` is active, such a pattern is returned as
a ``LazyPattern`` that compiles on its first attribute access (``.match``, ``.search``…); every
other pattern is compiled at once, as usual. Bazaar did the same for all its patterns
(``bzrlib.lazy_regex``); here only the costly ones wait, and only during the imports named.

Pure standard library, so that any module can use it before its heavy imports.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_compile = re.compile


def costly(pattern: Any) -> bool:
    """Whether compiling ``pattern`` builds tables over most of Unicode."""
    return isinstance(pattern, str) and any(ord(ch) >= 0xFFFF for ch in pattern)


class LazyPattern:
    """A compiled pattern made on first use; any attribute is the compiled pattern's."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern | None = None

    def compiled(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = _compile(*self._args)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        if name in self.__slots__:  # not set yet (a copy being made): no recursion
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __reduce__(self) -> tuple:
        """Copied or pickled, it is the compiled pattern."""
        return _compile, self._args

    def __copy__(self) -> re.Pattern:
        return self.compiled()

    def __deepcopy__(self, memo: dict) -> re.Pattern:
        return self.compiled()

    def __repr__(self) -> str:
        return f"LazyPattern({self._args[0]!r}, {self._args[1]!r})"


def _deferring_compile(pattern: Any, flags: int = 0) -> Any:
    return LazyPattern(pattern, flags) if costly(pattern) else _compile(pattern, flags)


@contextmanager
def deferred_compiles() -> Iterator[None]:
    """Within the block (an import), costly patterns are compiled on first use.

    It replaces ``re.compile`` for the whole process while it lasts: wrap module-level
    imports only, which run before any thread of ours starts. A deferred pattern answers
    every method of a compiled one, but is not one: ``isinstance(p, re.Pattern)`` is false
    and ``re.sub(p, …)`` refuses it; the three deferred patterns are only ever used through
    their methods.
    """
    if re.compile is _deferring_compile:  # nested: the outer block restores
        yield
        return
    re.compile = _deferring_compile
    try:
        yield
    finally:
        re.compile = _compile
