"""What a changelog entry may cite as `evidence:`, by id prefix: `fb-` messages of the feedback
store, `dec-` decisions of the advisory committee. One mapping from prefix to the module that
reads its store; the CLI hands `build`, `release`, `show` and `diff` the ids and excerpts
through it, so that a new kind of evidence is one line here.

The stores sit above the build (feedback/, impact/): they are imported by name, lazily, and
only the stores of the prefixes actually cited are read.
"""

from __future__ import annotations

import importlib
from pathlib import Path

#: prefix → (the module that reads the store, the store as an error names it). Each module
#: has ``known_ids(root) -> frozenset[str]`` and ``cited_excerpts(root, ids) -> dict``.
STORES = {
    "fb-": ("monrecap.feedback.records", "the feedback store (feedback/*.jsonl)"),
    "dec-": ("monrecap.impact.decisions", "the committee decisions (decisions/*.yaml)"),
}


def store_of(ident: str) -> str:
    """The store an id belongs to, as an error names it.

    >>> store_of("dec-2025-02")
    'the committee decisions (decisions/*.yaml)'
    """
    return next((name for prefix, (_, name) in STORES.items() if ident.startswith(prefix)),
                "the evidence stores")


def _module(ident: str):
    prefix = next((p for p in STORES if ident.startswith(p)), None)
    return importlib.import_module(STORES[prefix][0]) if prefix else None


class KnownIds:
    """The ids of every store, read store by store on the first question about its prefix."""

    def __init__(self, root: Path):
        self.root = root
        self._ids: dict[str, frozenset[str]] = {}

    def __contains__(self, ident: object) -> bool:
        if not isinstance(ident, str):
            return False
        prefix = next((p for p in STORES if ident.startswith(p)), None)
        if prefix is None:
            return False
        if prefix not in self._ids:
            self._ids[prefix] = _module(ident).known_ids(self.root)
        return ident in self._ids[prefix]


def known_ids(root: Path) -> KnownIds:
    """For `build_version(known_feedback=…)` and `make_release`: ``fid in known_ids(root)``."""
    return KnownIds(root)


def cited_excerpts(root: Path, ids: list[str]) -> dict[str, str]:
    """id → the excerpt `show` and `diff` print, from each cited id's own store."""
    out: dict[str, str] = {}
    for prefix, (module, _) in STORES.items():
        wanted = [i for i in ids if i.startswith(prefix)]
        if wanted:
            out.update(importlib.import_module(module).cited_excerpts(root, wanted))
    return {i: out[i] for i in dict.fromkeys(ids) if i in out}
