"""The advisory committee's decisions, `decisions/dec-YYYY-NN.yaml`: date, question, options,
who was consulted (roles and counts, never names), the decision and its reasons.

Changelog entries cite them as evidence (`evidence: [dec-2025-02]`); `build` and `release`
check that each cited decision exists (through `monrecap.evidence`), `show`, `diff`,
« Quoi de neuf » and the impact report show them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import Field, PositiveInt, StringConstraints

from monrecap.errors import ContentError, Problem
from monrecap.layout import Strict

FOLDER = "decisions"
ID = re.compile(r"^dec-([0-9]{4})-([0-9]{2,})$")
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]


class Consulted(Strict):
    """A group consulted: what its members are, and how many — never who."""

    role: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    count: PositiveInt = Field(le=10_000)


class DecisionSpec(Strict):
    """One decisions/*.yaml file."""

    date: dt.date
    question: Text
    options: list[Text] = Field(min_length=2, max_length=20)
    consulted: list[Consulted] = Field(min_length=1, max_length=20)
    decision: Text
    reasons: list[Text] = Field(min_length=1, max_length=20)
    note: str = ""


@dataclass(frozen=True)
class Decision:
    """A validated decision and its id (the file's name)."""

    id: str
    file: str
    spec: DecisionSpec

    @property
    def date(self) -> dt.date:
        return self.spec.date

    def excerpt(self) -> str:
        """What `show` and `diff` print under a finding that cites it."""
        from monrecap.content.text import date_fr

        text = self.spec.decision
        return (f"décision du comité du {date_fr(self.date, weekday=False)} : "
                f"{text[:1].lower()}{text[1:]}")

    def consulted(self) -> str:
        """« 7 personnes accompagnées, 3 conseillers en insertion »."""
        return ", ".join(f"{c.count} {c.role}" for c in self.spec.consulted)

    def to_json(self) -> dict:
        return {"id": self.id, "file": self.file, **self.spec.model_dump(mode="json")}


def decision_files(root: Path) -> list[Path]:
    folder = root / FOLDER
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def load_decision(root: Path, path: Path) -> Decision:
    """One file, validated; ContentError at `decisions/x.yaml:line:col` otherwise."""
    from monrecap.feedback.redact import redact
    from monrecap.source import load_yaml, validate

    display = f"{FOLDER}/{path.name}"
    if not ID.match(path.stem):
        raise ContentError([Problem(display, "", "a decision file is named by its id, "
                                    "dec-YEAR-NUMBER.yaml (dec-2025-02.yaml)")])
    data = load_yaml(path, display)
    spec = validate(DecisionSpec, data)
    if str(spec.date.year) != ID.match(path.stem).group(1):
        raise ContentError([data.mark_of("date").problem(
            f"{spec.date} is not in {ID.match(path.stem).group(1)}, the year of its id")])
    problems = []
    for key, text in _texts(spec):
        found = redact(text).counts
        if found:
            mark = data.mark_of(key[0]) if len(key) == 1 else data[key[0]].mark_of(key[1])
            problems.append(Problem(mark.where, " -> ".join(map(str, key)),
                                    f"personal data ({', '.join(sorted(found))}): a decision "
                                    "records roles and counts, never a person"))
    if problems:
        raise ContentError(problems)
    return Decision(path.stem, display, spec)


def _texts(spec: DecisionSpec):
    yield ("question",), spec.question
    yield ("decision",), spec.decision
    yield ("note",), spec.note
    for key in ("options", "reasons"):
        for i, text in enumerate(getattr(spec, key)):
            yield (key, i), text
    for i, group in enumerate(spec.consulted):
        yield ("consulted", i), group.role


def load_decisions(root: Path) -> list[Decision]:
    """Every decision, oldest first; every problem of every file at once."""
    out, problems = [], []
    for path in decision_files(root):
        try:
            out.append(load_decision(root, path))
        except ContentError as exc:
            problems += exc.problems
    if problems:
        raise ContentError(problems)
    return sorted(out, key=lambda d: (d.date, d.id))


def known_ids(root: Path) -> frozenset[str]:
    """The decision ids, for the build's evidence check: every file is validated, so that a
    release never cites a decision that does not read."""
    return frozenset(d.id for d in load_decisions(root))


def cited_excerpts(root: Path, ids: list[str]) -> dict[str, str]:
    """id → excerpt of the cited decisions (for `show` and `diff`)."""
    wanted = set(ids)
    return {d.id: d.excerpt() for d in load_decisions(root) if d.id in wanted}


def cited_dates(root: Path, ids: list[str]) -> dict[str, dt.date]:
    """id → the day the committee decided, for the cited decisions (for « Quoi de neuf »)."""
    wanted = set(ids)
    return {d.id: d.date for d in load_decisions(root) if d.id in wanted}


def citations(root: Path) -> dict[str, list[str]]:
    """Decision id → the versions whose changelog cites it (read from each version's own
    file: a changelog is never inherited)."""
    from monrecap.content.inherit import read_version, version_ids

    out: dict[str, list[str]] = {}
    for vid in version_ids(root):
        try:
            data = read_version(root, vid)
        except ContentError:
            continue  # a broken version says so in its own commands
        for entry in data.get("changelog") or []:
            for ident in (entry.get("evidence") or []) if isinstance(entry, dict) else []:
                if isinstance(ident, str) and ident.startswith("dec-"):
                    out.setdefault(ident, []).append(vid)
    return {k: list(dict.fromkeys(v)) for k, v in out.items()}
