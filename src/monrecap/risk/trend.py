"""Registers across versions: what changed between two (fields whose category or residual
risk moved, fields added or removed, measures gained or lost), and the trend v1 → vN with the
changelog entries that did it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from monrecap.content.schema import ChangeEntry
from monrecap.risk.classification import LEVELS, tokens
from monrecap.risk.register import Entry, FoundMeasure, Level, Register


@dataclass(frozen=True)
class FieldChange:
    what: str                 # added, removed, changed
    old: Entry | None
    new: Entry | None

    @property
    def entry(self) -> Entry:
        return self.new or self.old  # type: ignore[return-value]

    @property
    def direction(self) -> str:
        """lower, higher or same: the residual risk's level, then its cell."""
        if self.old is None or self.new is None:
            return "higher" if self.new else "lower"
        a, b = _rank(self.old.residual), _rank(self.new.residual)
        return "lower" if b < a else "higher" if b > a else "same"


@dataclass
class RiskDiff:
    old: Register
    new: Register
    fields: list[FieldChange] = field(default_factory=list)
    added_measures: list[FoundMeasure] = field(default_factory=list)
    removed_measures: list[FoundMeasure] = field(default_factory=list)
    events: list[tuple[str, Level, Level]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.fields or self.added_measures or self.removed_measures or self.events)

    @property
    def direction(self) -> str:
        """Whether the carnet's residual risk went up or down — only when the highest level
        moved, or the map did: a field of both versions (or a carnet-wide event) moved on
        it, or a cell was filled or emptied; else « more » (or « fewer ») when fields were
        only added (removed) where others already stood, « same » when nothing moved."""
        a, b = LEVELS.index(self.old.highest), LEVELS.index(self.new.highest)
        if a != b:
            return "higher" if b > a else "lower"
        moves = {c.direction for c in self.fields if c.what == "changed"}
        moves |= {"higher" if _rank(new) > _rank(old) else "lower"
                  for _, old, new in self.events if _rank(new) != _rank(old)}
        moves.discard("same")
        if len(moves) == 1:
            return moves.pop()
        if moves:
            return self._by_counts()
        before, after = _cells(self.old), _cells(self.new)
        if after - before or before - after:
            return "higher" if not before - after else "lower" if not after - before \
                else self._by_counts()
        added = any(c.what == "added" for c in self.fields)
        removed = any(c.what == "removed" for c in self.fields)
        return "more" if added and not removed else "fewer" if removed and not added \
            else "same"

    def _by_counts(self) -> str:
        """Moves both ways: the fields per level compared from « maximale » down (fewer
        high-risk fields is lower)."""
        a = [self.old.counts()[level] for level in reversed(LEVELS[1:])]
        b = [self.new.counts()[level] for level in reversed(LEVELS[1:])]
        return "lower" if b < a else "higher" if b > a else "same"

    def added(self) -> list[Entry]:
        return [c.entry for c in self.fields if c.what == "added"]

    def removed(self) -> list[Entry]:
        return [c.entry for c in self.fields if c.what == "removed"]

    def new_categories(self) -> list[str]:
        """Categories of data the new version collects and the old one did not."""
        before = {e.category for e in self.old.entries}
        return list(dict.fromkeys(e.category for e in self.new.entries
                                  if e.category and e.category not in before))

    def pages(self) -> set[str]:
        """The pages the changes are on (for tying them to changelog entries)."""
        out = {c.entry.field.page for c in self.fields}
        for fm in self.added_measures + self.removed_measures:
            if fm.where:
                out.add(fm.where.split(".", 1)[0])
            else:  # an absence: the pages of the fields that ended or made it
                wanted = set(fm.measure.absent.categories) if fm.measure.absent else set()
                out |= {c.entry.field.page for c in self.fields if c.entry.category in wanted}
        return out


def _cells(register: Register) -> set[tuple[str, str]]:
    """The cells of the residual map that hold a field."""
    return {(e.residual.severity, e.residual.likelihood) for e in register.entries}


def _rank(level: Level) -> tuple[int, int, int]:
    return (LEVELS.index(level.level), LEVELS.index(level.severity),
            LEVELS.index(level.likelihood))


def _is_item(key: str) -> bool:
    return re.search(r"\.\d+$", key) is not None


def _pairs(old: list[Entry], new: list[Entry]) -> list[tuple[Entry | None, Entry | None]]:
    """Fields paired across versions: by key; list items (cards, papers) by their text in
    the same list first, so that an inserted card is one added field."""
    pairs: list[tuple[Entry | None, Entry | None]] = []
    left = {e.field.key: e for e in old}
    right = {e.field.key: e for e in new}
    for key in list(right):
        if not _is_item(key) and key in left:
            pairs.append((left.pop(key), right.pop(key)))
    lists = lambda e: (e.field.page, e.field.path.rsplit(".", 1)[0])  # noqa: E731
    for key, entry in list(right.items()):
        twin = next((o for o in left.values()
                     if lists(o) == lists(entry) and o.field.text == entry.field.text), None)
        if twin is not None:
            pairs.append((left.pop(twin.field.key), right.pop(key)))
    for key in list(right):
        if key in left:
            pairs.append((left.pop(key), right.pop(key)))
    pairs += [(None, e) for e in right.values()] + [(e, None) for e in left.values()]
    order = {e.field.key: i for i, e in enumerate(new)}
    return sorted(pairs, key=lambda p: order.get(p[1].field.key, -1) if p[1] else
                  len(order) + old.index(p[0]))


def compare_registers(old: Register, new: Register) -> RiskDiff:
    """What changed in the register from ``old`` to ``new``."""
    diff = RiskDiff(old, new)
    for a, b in _pairs(old.entries, new.entries):
        if a is None:
            diff.fields.append(FieldChange("added", None, b))
        elif b is None:
            diff.fields.append(FieldChange("removed", a, None))
        elif (a.category, a.residual) != (b.category, b.residual):
            diff.fields.append(FieldChange("changed", a, b))
    before = {fm.measure.id: fm for fm in old.measures}
    after = {fm.measure.id: fm for fm in new.measures}
    diff.added_measures = [fm for i, fm in after.items() if i not in before]
    diff.removed_measures = [fm for i, fm in before.items() if i not in after]
    events = {e.id: e for e in old.events}
    for e in new.events:
        if e.id in events and events[e.id].residual != e.residual:
            diff.events.append((e.id, events[e.id].residual, e.residual))
    return diff


_STOP = {"carnet", "page", "pages", "recap", "avec", "pour", "dans", "votre", "vous", "mes",
         "mon", "les", "des", "une", "plus", "tout", "tous", "cette"}


def _page_words(register_pages: dict[str, tuple[str, str, tuple[str, ...]]]
                ) -> dict[str, set[str]]:
    out = {}
    for page_id, (title, kind, extra) in register_pages.items():
        words = set(tokens(" ".join((title, kind.replace("-", " "), *extra))))
        out[page_id] = {w for w in words if len(w) >= 4 and w not in _STOP}
    return out


def tied_entries(changelog: list[ChangeEntry], pages: set[str],
                 page_info: dict[str, tuple[str, str, tuple[str, ...]]]) -> list[str]:
    """The changelog entries that name one of ``pages`` (its title's words, its kind, its
    feedback words): the entries behind a change of the register."""
    words = _page_words({p: page_info[p] for p in pages if p in page_info})
    out = []
    for entry in changelog:
        said = set(tokens(entry.change))
        if any(said & w for w in words.values()):
            out.append(" ".join(entry.change.split()))
    return out


def page_info(carnet) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """page id → (title, kind, feedback words), what ties a changelog entry to a page."""
    return {p.id: (p.title, p.kind, tuple(p.feedback_words)) for p in carnet.pages}


@dataclass(frozen=True)
class TrendRow:
    register: Register
    since: RiskDiff | None     # against the parent (or the previous version)
    because: tuple[str, ...]   # the changelog entries tied to the changes


def trend_rows(registers: list[Register], carnets: dict) -> list[TrendRow]:
    """Each version against the one it extends (else the one before it in the list), with
    the changelog entries that name the pages whose risk changed."""
    rows, by_id = [], {}
    for i, register in enumerate(registers):
        carnet = carnets[register.version]
        parent = carnet.spec.extends
        previous = by_id.get(parent) or (registers[i - 1] if i else None)
        since = compare_registers(previous, register) if previous else None
        because: tuple[str, ...] = ()
        if since is not None and not since.empty:
            info = page_info(carnet)
            info.update({k: v for k, v in page_info(carnets[previous.version]).items()
                         if k not in info})
            because = tuple(tied_entries(carnet.changelog, since.pages(), info))
        rows.append(TrendRow(register, since, because))
        by_id[register.version] = register
    return rows
