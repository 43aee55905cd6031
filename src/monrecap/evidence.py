"""Evidence a changelog entry cites, by id prefix: what each kind of id looks like, where it
lives, and how its ids and excerpts are read.

``fb-2026-0142`` is a feedback message (feedback/<year>.jsonl), ``exp-2024-09`` a field
experiment (experiments/exp-2024-09.yaml), ``dec-2025-02`` a decision of the users' committee
(decisions/dec-2025-02.yaml). A new kind is one more entry of ``KINDS``.

The readers live in the capabilities above the build (feedback/, risk/, impact/): they are named here
as ``module:function`` and imported only when an id of their kind is cited, so that the
content schema (which takes the id pattern from here) and the build (which is handed
``known_ids(root)`` by its caller) import neither.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path


@dataclass(frozen=True)
class Kind:
    """One kind of evidence."""

    pattern: str     # the id after its prefix and dash
    example: str     # « fb-2026-0142 (a feedback message) »
    where: str       # what an error says it is not in
    ids: str         # "module:function(root) -> frozenset[str]"
    excerpts: str    # "module:function(root, ids) -> dict[id, one line]"
    folder: str = ""  # where the kind's files live, for the record of its ids
    dates: str = ""  # "module:function(root, ids) -> dict[id, date]", for a kind that is dated


KINDS: dict[str, Kind] = {
    "fb": Kind(r"[0-9]{4}-[0-9]{4,}", "fb-2026-0142 (a feedback message)",
               "the feedback store (feedback/*.jsonl)",
               "monrecap.feedback.records:known_ids",
               "monrecap.feedback.records:cited_excerpts", "feedback"),
    "exp": Kind(r"[0-9]{4}-[0-9]{2,}", "exp-2024-09 (a field experiment)",
                "the field experiments (experiments/*.yaml)",
                "monrecap.risk.experiments:known_ids",
                "monrecap.risk.experiments:cited_excerpts", "experiments"),
    "dec": Kind(r"[0-9]{4}-[0-9]{2,}", "dec-2025-02 (a decision of the users' committee)",
                "the committee decisions (decisions/*.yaml)",
                "monrecap.impact.decisions:known_ids",
                "monrecap.impact.decisions:cited_excerpts", "decisions",
                dates="monrecap.impact.decisions:cited_dates"),
}

#: Every citable id, for the content schema.
ID_PATTERN = "^(?:" + "|".join(f"{p}-{k.pattern}" for p, k in KINDS.items()) + ")$"


def prefix(ident: str) -> str:
    """The kind of an id.

    >>> prefix("exp-2024-09"), prefix("fb-2026-0142")
    ('exp', 'fb')
    """
    return ident.split("-", 1)[0]


def _call(target: str, *args):
    module, _, name = target.partition(":")
    return getattr(import_module(module), name)(*args)


class KnownIds:
    """A function from a prefix to the ids of that kind in ``root``, each kind read once and
    only when asked: what `build` and `release` check a changelog's ``evidence:`` against. A
    class rather than a closure, so that `build --all`'s worker processes can be handed it."""

    def __init__(self, root: Path):
        self.root, self.cache = root, {}

    def __call__(self, kind: str) -> frozenset[str]:
        if kind not in self.cache:
            self.cache[kind] = self._read(kind) if kind in KINDS else frozenset()
        return self.cache[kind]

    def _read(self, kind: str) -> frozenset[str]:
        """The kind's ids, recorded (``freshness.py``, kind "evidence") with the checksum of
        every file of its folder: reading the stores validates every file (decisions and
        experiments are checked for personal data, which loads phonenumbers), and a build
        only asks which ids exist."""
        from monrecap import freshness

        folder = self.root / KINDS[kind].folder
        if not (KINDS[kind].folder and freshness.enabled()):
            return frozenset(_call(KINDS[kind].ids, self.root))
        files = freshness.checksums(self.root, sorted(
            p.relative_to(self.root).as_posix() for p in folder.rglob("*") if p.is_file())
            if folder.is_dir() else [])
        found = freshness.load(self.root, "evidence", {"kind": kind},
                               lambda answer: answer["files"] == files)
        if found is not None:
            return frozenset(found["ids"])
        ids = frozenset(_call(KINDS[kind].ids, self.root))
        freshness.save(self.root, "evidence", {"kind": kind}, {},
                       {"files": files, "ids": sorted(ids)})
        return ids


def known_ids(root: Path) -> Callable[[str], frozenset[str]]:
    """The ids of each kind of evidence in ``root``, by prefix (``KnownIds``)."""
    return KnownIds(root)


def cited(root: Path, ids: list[str]) -> dict[str, str]:
    """id → one line to print under a changelog finding (the redacted message, the
    experiment's counts), for the cited ids found; nothing is read for a kind not cited."""
    out: dict[str, str] = {}
    for kind, spec in KINDS.items():
        wanted = [i for i in ids if prefix(i) == kind]
        if wanted:
            out.update(_call(spec.excerpts, root, wanted))
    return out


def cited_dates(root: Path, kind: str, ids: list[str]) -> dict[str, dt.date]:
    """id → its date, for the cited ids of ``kind`` found (a decision: the day the committee
    decided); nothing is read when none of them is cited."""
    wanted = [i for i in ids if prefix(i) == kind]
    return _call(KINDS[kind].dates, root, wanted) if wanted and KINDS[kind].dates else {}


def is_evidence(ident: str) -> bool:
    """Whether ``ident`` is written like a citable id."""
    return re.fullmatch(ID_PATTERN, ident) is not None


def evidence_id(value: str) -> str:
    """The content schema's check of a cited id, with the forms it may take."""
    if not is_evidence(value):
        forms = " or ".join(k.example for k in KINDS.values())
        raise ValueError(f"'{value}' is not an evidence id: write {forms}")
    return value
