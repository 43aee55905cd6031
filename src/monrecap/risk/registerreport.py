"""The register for people at a terminal (one uncut line per field, piped or not) and as JSON
for CI: one version, the trend, and the diff's risk section."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape

from monrecap.plural import count
from monrecap.risk.classification import LEVELS
from monrecap.risk.register import Entry, Level, Register
from monrecap.risk.trend import FieldChange, RiskDiff, TrendRow

COLOUR = {"négligeable": "green", "limitée": "yellow", "importante": "dark_orange",
          "maximale": "bold red"}


def _level(level: str) -> str:
    return f"[{COLOUR[level]}]{level}[/{COLOUR[level]}]"


def _cell(level: Level) -> str:
    return f"{level.severity}/{level.likelihood}"


def entry_line(e: Entry, register: Register) -> str:
    """One field: where, what, its category (whom it concerns) and why, before → after, its
    residual risk."""
    f = e.field
    why = {"words": f"the word « {e.because} »", "role": f"as every {f.role} field",
           "default": f"no word: the default of a {f.role} field",
           "annotation": f"the version: {e.because}", "unclassified": "no word"}[e.how]
    by = f" by {', '.join(e.measures)}" if e.measures else ""
    accepted = f"; accepted: {escape(e.accepted)}" if e.accepted else ""
    return (f"{f.where}: {f.key}: « {escape(f.text)} » ({f.role}, ×{f.repeats}): "
            f"{_category(e, register)} ({escape(why)}); {_cell(e.initial)} → "
            f"{_cell(e.residual)}"
            f"{by}: {_level(e.residual.level)}{accepted}")


ABOUT = {"holder": "about the holder", "third-party": "about a third party"}


def _category(e: Entry, register: Register) -> str:
    """« identity, about the holder », « third-party, about a third party », « unclassified »."""
    if not e.category:
        return "unclassified"
    return f"{e.category}, {ABOUT[register.spec.categories[e.category].concerns]}"


def _counts(register: Register) -> str:
    return ", ".join(f"{level} {n}" for level, n in reversed(register.counts().items()))


def print_register(console: Console, report) -> None:
    """`monrecap risk vN`."""
    r: Register = report.register
    console.print(f"[bold]Risk register of {escape(r.title)} {escape(r.label)}[/bold] "
                  f"({escape(r.source)}): {count(len(r.entries), 'writing field', lang='en')}; "
                  f"residual "
                  f"{_counts(r)}; highest {_level(r.highest)}")
    for e in r.entries:
        console.print("  " + entry_line(e, r))
    for f, reason in r.not_personal:
        console.print(f"  {f.where}: {f.key}: « {escape(f.text)} »: no personal data "
                      f"({escape(reason)})")
    events = "; ".join(f"{e.id} {e.initial.level} → {_level(e.residual.level)}"
                       + (f" by {', '.join(e.measures)}" if e.measures else "")
                       for e in r.events)
    if events:
        console.print(f"[bold]Carnet-wide[/bold]: {events}")
    console.print(f"[bold]Measures found[/bold] ({len(r.measures)}):")
    for fm in r.measures:
        at = f"{fm.where} ({fm.at})" if fm.where else "absent: no field of " + \
            ", ".join(fm.measure.absent.categories)
        console.print(f"  {fm.measure.id}: {escape(fm.measure.label)} — {escape(at)}")
    if r.missing:
        console.print("[bold]Not in this carnet[/bold]: " + "; ".join(
            f"{m.id} ({escape(m.label)})" for m in r.missing))
    if report.since is not None:
        console.print(f"[bold]Since {escape(report.since.old.label)}[/bold]: "
                      + (escape(diff_summary(report.since)) if not report.since.empty
                         else "no change"))
        for line in diff_lines(report.since):
            console.print("  " + line)
        for text in report.because:
            console.print(f"  changelog: « {escape(text)} »")
    for ident, experiment in report.experiments.items():
        console.print(f"[dim]{ident}: {escape(experiment.title)}: "
                      f"{escape(experiment.summary())}[/dim]")
    for e in r.refused:
        console.print(f"[bold red]{e.field.where}: {e.field.key}: residual risk « maximale » "
                      f"without a decision: `release` refuses it (risk_accepted: in "
                      f"versions/{r.version}/carnet.yaml, with the reason)[/bold red]")


def diff_summary(d: RiskDiff) -> str:
    """One line: whether the residual risk moved (its highest level or the map), the fields
    per level before and after, and what changed."""
    a, b = d.old.counts(), d.new.counts()
    moved = ", ".join(f"{level} {a[level]} → {b[level]}" for level in reversed(LEVELS)
                      if a[level] != b[level]) or "the same levels"
    if d.direction in ("higher", "lower"):
        head = f"residual risk {d.direction}"
    else:  # more or fewer fields, or the same: nothing moved on the map
        head = f"residual risk as before: highest {d.new.highest}, the same cells of the map"
    parts = [f"{head} ({moved})"]
    for what in ("added", "removed", "changed"):
        n = sum(c.what == what for c in d.fields)
        if n:
            parts.append(f"{count(n, 'field', lang='en')} {what}")
    if d.new_categories():
        parts.append("new categories of data: " + ", ".join(d.new_categories()))
    if d.added_measures:
        parts.append("new measures: " + ", ".join(fm.measure.id for fm in d.added_measures))
    if d.removed_measures:
        parts.append("removed measures: " + ", ".join(fm.measure.id
                                                       for fm in d.removed_measures))
    return "; ".join(parts)


def change_line(c: FieldChange) -> str:
    e = c.entry
    head = f"{e.field.key} « {escape(e.field.text)} »"
    if c.what == "added":
        return (f"+ {head}: {e.category or 'unclassified'}, {_cell(e.residual)}: "
                f"{_level(e.residual.level)}")
    if c.what == "removed":
        return f"- {head}: {e.category or 'unclassified'}, was {_level(e.residual.level)}"
    old, new = c.old, c.new
    before, after = old.category or "unclassified", new.category or "unclassified"
    category = f"{before} → {after}, " if before != after else f"{after}, "
    return (f"~ {head}: {category}{_cell(old.residual)} → {_cell(new.residual)}: "
            f"{_level(old.residual.level)} → {_level(new.residual.level)}")


def print_risk_section(console: Console, d: RiskDiff) -> None:
    """The diff's risk section: the register of each side, compared."""
    console.print("\n[bold]Risk of a lost carnet[/bold]: "
                  + (escape(diff_summary(d)) if not d.empty else "no change"))
    for line in diff_lines(d):
        console.print("  " + line)


def diff_lines(d: RiskDiff) -> list[str]:
    lines = [change_line(c) for c in d.fields]
    lines += [f"+ measure {fm.measure.id}: {escape(fm.measure.label)}"
              for fm in d.added_measures]
    lines += [f"- measure {fm.measure.id}: {escape(fm.measure.label)}"
              for fm in d.removed_measures]
    lines += [f"~ carnet-wide {name}: {old.level} → {new.level}" for name, old, new in d.events]
    return lines


def print_trend(console: Console, rows: list[TrendRow]) -> None:
    """`monrecap risk --all`: one line per version, and what the changelog says of a change."""
    console.print("[bold]Residual risk of a lost carnet, by version[/bold] (fields per level: "
                  "maximale, importante, limitée, négligeable)")
    for row in rows:
        r = row.register
        head = (f"{r.version}: {count(len(r.entries), 'field', lang='en')}; {_counts(r)}; "
                f"highest {_level(r.highest)}; {count(len(r.measures), 'measure', lang='en')}")
        if row.since is not None and not row.since.empty:
            head += f" — against {row.since.old.version}: {escape(diff_summary(row.since))}"
        console.print(head)
        for text in row.because:
            console.print(f"    « {escape(text)} »")


# --- JSON --------------------------------------------------------------------------------
def _level_json(level: Level) -> dict[str, str]:
    return {"severity": level.severity, "likelihood": level.likelihood, "level": level.level}


def entry_json(e: Entry, register: Register) -> dict[str, Any]:
    f, spec = e.field, register.spec
    category = spec.categories.get(e.category) if e.category else None
    return {"key": f.key, "page": f.page, "path": f.path, "role": f.role, "text": f.text,
            "repeats": f.repeats, "where": f.where, "category": e.category,
            "concerns": category.concerns if category else None,
            "finder_can": list(category.finder_can) if category else [],
            "classified_by": e.how, "because": e.because,
            "initial": _level_json(e.initial), "residual": _level_json(e.residual),
            "measures": list(e.measures), "accepted": e.accepted}


def diff_json(d: RiskDiff | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {
        "old": d.old.label, "new": d.new.label, "direction": d.direction,
        "counts": {"old": d.old.counts(), "new": d.new.counts()},
        "fields": [{"what": c.what, "key": c.entry.field.key, "text": c.entry.field.text,
                    "old": None if c.old is None else {"category": c.old.category,
                                                       **_level_json(c.old.residual)},
                    "new": None if c.new is None else {"category": c.new.category,
                                                       **_level_json(c.new.residual)}}
                   for c in d.fields],
        "added_measures": [fm.measure.id for fm in d.added_measures],
        "removed_measures": [fm.measure.id for fm in d.removed_measures],
        "events": [{"event": name, "old": _level_json(old), "new": _level_json(new)}
                   for name, old, new in d.events],
    }


def register_json(report) -> dict[str, Any]:
    r: Register = report.register
    return {
        "version": r.version, "variant": r.variant, "classification": r.source,
        "levels": list(LEVELS), "highest": r.highest, "counts": r.counts(),
        "fields": [entry_json(e, r) for e in r.entries],
        "not_personal": [{"key": f.key, "text": f.text, "where": f.where, "reason": reason}
                         for f, reason in r.not_personal],
        "events": [{"event": e.id, "initial": _level_json(e.initial),
                    "residual": _level_json(e.residual), "measures": list(e.measures)}
                   for e in r.events],
        "measures": [{"id": fm.measure.id, "label": fm.measure.label, "where": fm.where,
                      "at": fm.at, "text": fm.text, "evidence": list(fm.measure.evidence)}
                     for fm in r.measures],
        "missing_measures": [m.id for m in r.missing],
        "map": {"initial": r.grid("initial"), "residual": r.grid("residual")},
        "accepted": {k: d.reason for k, d in r.decisions.items()},
        "refused": [e.field.key for e in r.refused],
        "since": diff_json(report.since), "because": list(report.because),
        "evidence": {i: x.summary() for i, x in report.experiments.items()},
        "warnings": list(r.warnings),
    }


def trend_json(rows: list[TrendRow]) -> dict[str, Any]:
    return {"trend": [{"version": row.register.version, "fields": len(row.register.entries),
                       "counts": row.register.counts(), "highest": row.register.highest,
                       "measures": [fm.measure.id for fm in row.register.measures],
                       "since": diff_json(row.since), "because": list(row.because)}
                      for row in rows]}
