"""The lint where it counts: `build` reports every finding with its fix and keeps building
(except for sensitive data), `release` refuses a carnet with lint errors and records the
rules a version lowered, with their reasons."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from monrecap.content import Carnet, load_version
from monrecap.errors import ContentError, Problem
from monrecap.layout import Layout
from monrecap.lint import LintFinding, LintReport, lint_carnet

REFUSED = ("release refuses a carnet with lint errors: fix the text, or lower the rule in the "
           "version's lint: with a reason")


def lint_for_build(root: Path, carnet: Carnet, layout: Layout) -> LintReport:
    """The carnet's lint on ``layout``, with the ancestors the history rules need (only a
    carnet without its personal-data page needs them)."""
    ancestors, parent = [], carnet.spec.extends
    while parent and not any(p.kind == "donnees" for p in carnet.pages):
        ancestors.append(load_version(root, parent))
        parent = ancestors[-1].spec.extends
    return lint_carnet(carnet, layout, ancestors)


def stop_on_sensitive(report: LintReport) -> None:
    """A field that invites sensitive data stops any build: the carnet must never ask."""
    if report.sensitive_errors:
        raise ContentError([Problem(f.where, f.path, f"{f.message} ({f.rule}: {f.hint})")
                            for f in report.sensitive_errors])


@dataclass(frozen=True)
class Lowered:
    """A rule a version lowered, as the ticket and the manifest record it."""

    rule: str
    severity: str
    reason: str
    findings: int

    def as_dict(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "reason": self.reason,
                "findings": self.findings}


def lowered_rules(findings: list[LintFinding]) -> list[Lowered]:
    """The rules the version lowered that the carnet actually trips, rule by rule."""
    seen: dict[str, Lowered] = {}
    for f in findings:
        if f.lowered:
            old = seen.get(f.rule)
            seen[f.rule] = Lowered(f.rule, f.severity, f.lowered, (old.findings if old else 0) + 1)
    return [seen[rule] for rule in sorted(seen)]


def release_problems(findings: dict[str, list[LintFinding]]) -> list[Problem]:
    """Each lint error of the carnets to release (by their label: « v11 (nord) on a5 »), at
    its line, with its fix, once: an error an edition inherits names every carnet it is in."""
    found: dict[tuple, list[str]] = {}
    first: dict[tuple, LintFinding] = {}
    for label, listed in findings.items():
        for f in listed:
            if f.severity == "error":
                key = (f.where, f.path, f.rule, f.message, f.hint)
                first.setdefault(key, f)
                found.setdefault(key, [])
                if label not in found[key]:
                    found[key].append(label)
    return [Problem(f.where, f.path, f"lint error: {f.rule}: {f.message} (fix: {f.hint}) "
                                     f"[{_carnets(found[key])}]")
            for key, f in first.items()]


def _carnets(labels: list[str], shown: int = 4) -> str:
    """« v11, v11 (nord) » — and « and 3 more » past ``shown`` of them."""
    if len(labels) <= shown:
        return ", ".join(labels)
    return f"{', '.join(labels[:shown])} and {len(labels) - shown} more"
