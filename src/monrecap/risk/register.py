"""The risk register of one carnet: each writing field classified (a category of data, whom it
concerns, what a finder could do with it), its severity and likelihood before and after the
measures the carnet carries, its residual risk; the carnet-wide feared events; the measures
found and those missing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from monrecap.content import Carnet
from monrecap.content.schema import RiskDecision
from monrecap.errors import ContentError, Problem
from monrecap.risk.classification import (
    LEVELS,
    Classification,
    Loaded,
    Measure,
    find_phrase,
    first_word,
    lower,
    phrase,
    tokens,
)
from monrecap.risk.writingfields import WritingField, page_texts, path_pattern, writing_fields


@dataclass(frozen=True)
class Level:
    """A cell of the map: severity, likelihood, and the risk the map gives them."""

    severity: str
    likelihood: str
    level: str


@dataclass(frozen=True)
class Entry:
    """One writing field in the register."""

    field: WritingField
    category: str | None      # None: no word of risk.yaml classifies it
    how: str                  # words, role, default (the role's guess), annotation, unclassified
    because: str              # the word found, or the annotation's reason
    initial: Level
    residual: Level
    measures: tuple[str, ...]  # the measures that lowered it
    accepted: str | None = None  # the version's reason for accepting a maximal residual
    because_at: Problem | None = None  # where the annotation's reason was written


@dataclass(frozen=True)
class EventEntry:
    """A feared event assessed for the whole carnet (change, loss)."""

    id: str
    initial: Level
    residual: Level
    measures: tuple[str, ...]


@dataclass(frozen=True)
class FoundMeasure:
    measure: Measure
    where: str      # the field that carries it (page.path), or "" for an absence
    at: str         # file:line:col, or ""
    page_title: str = ""
    kind: str = ""  # the page's kind
    text: str = ""  # what the field says: the words that carry the measure


@dataclass
class Register:
    version: str
    variant: str | None
    title: str
    released: str
    source: str                          # the risk.yaml read
    spec: Classification
    entries: list[Entry]
    not_personal: list[tuple[WritingField, str]]
    measures: list[FoundMeasure]
    missing: list[Measure]
    events: list[EventEntry]
    warnings: list[str] = field(default_factory=list)
    decisions: dict[str, RiskDecision] = field(default_factory=dict)
    decided_at: dict[str, Problem] = field(default_factory=dict)  # where each reason is
    pages: dict[str, str] = field(default_factory=dict)  # page id → title

    @property
    def label(self) -> str:
        return f"{self.version} ({self.variant})" if self.variant else self.version

    def counts(self) -> dict[str, int]:
        """Fields by residual risk, every level present."""
        found = Counter(e.residual.level for e in self.entries)
        return {level: found[level] for level in LEVELS}

    @property
    def highest(self) -> str:
        levels = [e.residual.level for e in self.entries] + [e.residual.level
                                                             for e in self.events]
        return max(levels, key=LEVELS.index, default=LEVELS[0])

    def grid(self, which: str = "residual") -> list[list[int]]:
        """Fields per cell: rows by severity, columns by likelihood (négligeable first)."""
        cells = [[0] * 4 for _ in LEVELS]
        for e in self.entries:
            cell = getattr(e, which)
            cells[LEVELS.index(cell.severity)][LEVELS.index(cell.likelihood)] += 1
        return cells

    @property
    def refused(self) -> list[Entry]:
        """Fields at « maximale » that the version has not accepted: what `release` refuses."""
        return [e for e in self.entries if e.residual.level == "maximale" and not e.accepted]

    def evidence(self) -> list[str]:
        """The experiments risk.yaml cites, in order."""
        return list(dict.fromkeys(e for _, e in self.spec.cited()))


def _annotation(carnet: Carnet, f: WritingField):
    notes = carnet.spec.risk
    return notes.get(f.key) or notes.get(f.page)


def _classify(spec: Classification, f: WritingField) -> tuple[str | None, str, str, str | None]:
    """(category, how, because, severity) of a field from the words and its role: the
    role's category by nature (``role``), its guess (``default``), or none."""
    role = spec.roles[f.role]
    if role.words:
        for rule in spec.words:
            if rule.roles and f.role not in rule.roles:
                continue
            word = first_word(rule.words, f.text)
            if word is not None:
                return rule.category, "words", word, rule.severity
    if role.category is not None:
        return role.category, "role", role.label, role.severity
    if role.default_category is not None:
        return role.default_category, "default", role.label, role.severity
    return None, "unclassified", "", None


def _not_personal(spec: Classification, f: WritingField) -> str | None:
    for rule in spec.not_personal:
        if f.kind in rule.kinds and any(path_pattern(p).fullmatch(f.path) for p in rule.fields):
            return rule.reason
    return None


def _found(carnet: Carnet, measure: Measure, entries: list[Entry]) -> FoundMeasure | None:
    """Where the carnet carries the measure, or None."""
    if measure.absent is not None:
        wanted = set(measure.absent.categories)
        present = any(e.category in wanted for e in entries)
        return None if present else FoundMeasure(measure, "", "")
    if measure.at is not None:  # declared: there, and only if the field says it
        page = next((p for p in carnet.pages if p.id == measure.at.page), None)
        if page is None:
            return None
        pattern = path_pattern(measure.at.field)
        words = [phrase(w) for w in measure.at.words]
        for name, path, text in page_texts(page):
            if pattern.fullmatch(name) and any(find_phrase(w, tokens(text)) for w in words):
                return _carried(carnet, measure, page, name, path, text)
        return None
    rule = measure.found
    words = [phrase(w) for w in rule.words]
    without = [phrase(w) for w in rule.without]
    patterns = [path_pattern(p) for p in rule.fields]
    for page in carnet.pages:
        if rule.kinds and page.kind not in rule.kinds:
            continue
        texts = [(name, path, text) for name, path, text in page_texts(page)
                 if not patterns or any(p.fullmatch(name) for p in patterns)]
        joined = tokens(" ".join(text for _, _, text in texts))
        if any(find_phrase(w, joined) for w in without):
            continue
        for name, path, text in texts:
            if any(find_phrase(w, tokens(text)) for w in words):
                return _carried(carnet, measure, page, name, path, text)
    return None


def _carried(carnet: Carnet, measure: Measure, page, name: str, path: tuple,
             text: str) -> FoundMeasure:
    return FoundMeasure(measure, f"{page.id}.{name}", carnet.locate(page.id, path).where,
                        page.title, page.kind, " ".join(text.split()))


def covers(effect, f: WritingField, category: str | None) -> bool:
    """Whether a measure's effect protects this field: its category, and its role, page
    kind and path when the effect names them."""
    return bool(effect.categories or effect.roles) and \
        (not effect.categories or category in effect.categories) and \
        (not effect.roles or f.role in effect.roles) and \
        (not effect.kinds or f.kind in effect.kinds) and \
        (not effect.fields or any(path_pattern(p).fullmatch(f.path) for p in effect.fields))


def _lowered(found: list[FoundMeasure], severity: str, likelihood: str, *, category=None,
             field: WritingField | None = None, event=None
             ) -> tuple[tuple[str, str], tuple[str, ...]]:
    """(severity, likelihood) after the measures that apply, and those measures."""
    by = []
    s = lik = 0
    for fm in found:
        for effect in fm.measure.lowers:
            if event is not None:
                hit = event in effect.events
            else:
                hit = covers(effect, field, category)
            if hit:
                s, lik = s + effect.severity, lik + effect.likelihood
                by.append(fm.measure.id)
    return (lower(severity, s), lower(likelihood, lik)), tuple(dict.fromkeys(by))


def build_register(carnet: Carnet, loaded: Loaded) -> Register:
    """The register of a loaded carnet under a classification. ContentError when the
    version's `risk:` or `risk_accepted:` names a page or field the carnet does not have,
    or a category risk.yaml does not know."""
    spec = loaded.spec
    fields = writing_fields(carnet)
    _check_keys(carnet, spec, fields)
    entries, not_personal, warnings = [], [], []
    pending = []
    for f in fields:
        note = _annotation(carnet, f)
        reason = None if note else _not_personal(spec, f)
        if (note and note.category == "none") or reason:
            not_personal.append((f, note.reason if note else reason))
            continue
        if note:
            category, how, because, severity = note.category, "annotation", note.reason, \
                note.severity
        else:
            category, how, because, severity = _classify(spec, f)
        fix = (f"add a word there, or annotate it in the version (risk: {{{f.key}: "
               "{category: …, reason: …}})")
        if category is None:
            severity = spec.unclassified
            warnings.append(f"{f.where}: {f.key}: « {f.text} » is in no category of "
                            f"{loaded.file}: {fix}")
        elif how == "default":
            warnings.append(f"{f.where}: {f.key}: « {f.text} »: no word of {loaded.file} "
                            f"classifies it; counted as {category}, the default category of "
                            f"a {f.role} field: {fix}")
        if category is not None:
            severity = severity or spec.categories[category].severity
        pending.append((f, category, how, because, severity, spec.roles[f.role].likelihood))
    draft = [Entry(f, c, h, b, Level(s, lik, spec.level(s, lik)),
                   Level(s, lik, spec.level(s, lik)), ()) for f, c, h, b, s, lik in pending]
    found = [fm for m in spec.measures if (fm := _found(carnet, m, draft)) is not None]
    for f, category, how, because, severity, likelihood in pending:
        (s, lik), by = _lowered(found, severity, likelihood, category=category, field=f)
        decision = carnet.spec.risk_accepted.get(f.key) or carnet.spec.risk_accepted.get(f.page)
        at = None
        if how == "annotation":
            key = f.key if f.key in carnet.spec.risk else f.page
            at = _key_problem(carnet, "risk", key, "", "reason")
        entries.append(Entry(f, category, how, because,
                             Level(severity, likelihood, spec.level(severity, likelihood)),
                             Level(s, lik, spec.level(s, lik)), by,
                             decision.reason if decision else None, at))
    events = []
    for name, event in spec.feared_events.items():
        if event.severity is None:
            continue
        (s, lik), by = _lowered(found, event.severity, event.likelihood, event=name)
        events.append(EventEntry(name, Level(event.severity, event.likelihood,
                                             spec.level(event.severity, event.likelihood)),
                                 Level(s, lik, spec.level(s, lik)), by))
    for key, decision in carnet.spec.risk_accepted.items():
        covered = [e for e in entries if key in (e.field.key, e.field.page)]
        if not any(e.residual.level == "maximale" for e in covered):
            warnings.append(f"risk_accepted: {key}: no field there is at « maximale »: the "
                            "decision is not needed")
    found_ids = {fm.measure.id for fm in found}
    return Register(carnet.version, carnet.variant, carnet.title, carnet.released.isoformat(),
                    loaded.file, spec, entries, not_personal, found,
                    [m for m in spec.measures if m.id not in found_ids], events, warnings,
                    dict(carnet.spec.risk_accepted),
                    {key: _key_problem(carnet, "risk_accepted", key, "", "reason")
                     for key in carnet.spec.risk_accepted},
                    {p.id: p.title for p in carnet.pages})


def check_keys(carnet: Carnet, spec: Classification) -> None:
    """The version's `risk:` and `risk_accepted:` checked as the register checks them (for
    `build`): ContentError at the line of a key that names no page or writing field, or of
    a category risk.yaml does not know."""
    _check_keys(carnet, spec, writing_fields(carnet))


def _check_keys(carnet: Carnet, spec: Classification, fields: list[WritingField]) -> None:
    """Every `risk:` and `risk_accepted:` key names a page or a writing field; every
    annotation's category is one of risk.yaml's (or none)."""
    from monrecap.source import did_you_mean

    keys = {f.key for f in fields} | {p.id for p in carnet.pages}
    categories = set(spec.categories) | {"none"}
    problems = []
    for top in ("risk", "risk_accepted"):
        for key, value in getattr(carnet.spec, top).items():
            if key not in keys:
                problems.append(_key_problem(carnet, top, key,
                                             f"no page or writing field '{key}' in "
                                             f"{carnet.version}{did_you_mean(key, sorted(keys))}"))
            elif top == "risk" and value.category not in categories:
                problems.append(_key_problem(carnet, top, key,
                                             f"unknown category '{value.category}'"
                                             f"{did_you_mean(value.category, sorted(categories))}"
                                             f"; categories: {', '.join(sorted(categories))}",
                                             "category"))
    if problems:
        raise ContentError(problems)


def _key_problem(carnet: Carnet, top: str, key: str, message: str, *inner: str) -> Problem:
    """At the key's line in the version file that wrote it (the nearest file up the chain)."""
    from monrecap.source import load_yaml

    mark = carnet.locate_top(top, key, *inner)
    try:
        data = load_yaml(carnet.root / mark.file, mark.file)
        node = data[top]
        if inner:
            mark = node[key].mark_of(inner[0])
        else:
            mark = node.key_mark_of(key)
    except (KeyError, TypeError, AttributeError, OSError, ContentError):
        pass
    return Problem(mark.where, " -> ".join((top, key, *inner)), message)
