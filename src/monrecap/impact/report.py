"""`monrecap impact report`: the funnel per group (version, territory, edition or offer) from
the ledger and the survey store, each rate with its Wilson interval and the counts behind it;
word of mouth over time; repeat orders by structure; the committee's decisions."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from monrecap.errors import UsageError
from monrecap.impact.shipments import WORD_OF_MOUTH, Shipment, read_shipments
from monrecap.impact.stats import Mean, Rate, mean_interval, wilson
from monrecap.impact.survey import Answer

GROUPINGS = ("version", "territory", "edition", "offer")
UNKNOWN = {"version": "inconnue", "territory": "inconnu", "edition": "inconnue",
           "offer": "inconnue"}
#: Below these, a rate is shown but never compared: « trop peu de réponses ».
MIN_ANSWERS = 3
MIN_COUNT = 30


@dataclass
class Funnel:
    """One group: what the ledger shipped, what the advisers answered, and the rates."""

    name: str
    structures_ordered: int = 0
    orders: int = 0
    shipped: int = 0
    answers: int = 0
    structures_answered: int = 0
    remis: int = 0
    revus: int = 0
    avec_carnet: int = 0
    remplis: int = 0
    rates: dict[str, Rate | None] = field(default_factory=dict)   # activation, came_back, filled
    answered: dict[str, int] = field(default_factory=dict)       # answers behind each rate
    minutes: Mean | None = None
    reorder: Rate | None = None
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"name": self.name, "structures_ordered": self.structures_ordered,
                "orders": self.orders, "shipped": self.shipped, "answers": self.answers,
                "structures_answered": self.structures_answered, "remis": self.remis,
                "revus": self.revus, "avec_carnet": self.avec_carnet, "remplis": self.remplis,
                "rates": {k: (v.to_json() if v else None) for k, v in self.rates.items()},
                "answered": self.answered,
                "minutes": self.minutes.to_json() if self.minutes else None,
                "reorder": self.reorder.to_json() if self.reorder else None,
                "notes": self.notes}


@dataclass
class ImpactReport:
    """Everything the terminal, the JSON, the HTML and the committee's PDF show."""

    by: str
    since: dt.date | None
    groups: list[Funnel]
    word_of_mouth: list[tuple[str, Rate, int]]     # month, share, orders without a channel
    repeat: list[tuple[str, str, int, list[str]]]  # key, a spelling, orders, weeks
    spellings: dict[str, list[str]]                # key → its spellings, when more than one
    decisions: list                                # impact.decisions.Decision
    citations: dict[str, list[str]]                # decision id → versions citing it
    answers: int = 0
    period: tuple[dt.date, dt.date] | None = None
    compare: object = None                         # compare.Comparison of the last two versions

    def to_json(self) -> dict:
        return {
            "by": self.by, "since": self.since.isoformat() if self.since else None,
            "answers": self.answers,
            "period": [d.isoformat() for d in self.period] if self.period else None,
            "minimum": {"answers": MIN_ANSWERS, "count": MIN_COUNT},
            "groups": [g.to_json() for g in self.groups],
            "word_of_mouth": [{"month": m, **r.to_json(), "unknown": u}
                              for m, r, u in self.word_of_mouth],
            "repeat_orders": [{"key": k, "structure": s, "orders": n, "weeks": w}
                              for k, s, n, w in self.repeat],
            "spellings": self.spellings,
            "decisions": [{**d.to_json(), "cited_by": self.citations.get(d.id, [])}
                          for d in self.decisions],
            "compare": self.compare.to_json() if self.compare else None,
        }


def parse_since(text: str | None) -> dt.date | None:
    """--since: an ISO date."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--since: « {text} » is not a date (2026-03-01)") from None


def _unique(values) -> str | None:
    found = set(values)
    return found.pop() if len(found) == 1 else None


class _Grouper:
    """Which group an answer and a shipment belong to. An answer names a version or a lot;
    its edition and offer come from the ledger: the lot's, else the structure's orders of that
    version when they agree."""

    def __init__(self, by: str, shipments: list[Shipment]):
        self.by = by
        self.lot_edition = {s.lot.upper(): s.edition for s in shipments}
        self.of_structure: dict[tuple[str, str], list[Shipment]] = defaultdict(list)
        self.by_key: dict[str, list[Shipment]] = defaultdict(list)
        for s in shipments:
            self.of_structure[(s.key, s.version)].append(s)
            self.by_key[s.key].append(s)

    def shipment(self, s: Shipment) -> str:
        return {"version": s.version, "territory": s.territory, "edition": s.edition,
                "offer": s.offer}[self.by] or UNKNOWN[self.by]

    def answer(self, a: Answer) -> str:
        own = self.of_structure.get((a.key, a.version), [])
        if self.by == "version":
            value = a.version
        elif self.by == "territory":
            value = a.territory or _unique(s.territory for s in self.by_key.get(a.key, []))
        elif self.by == "edition":
            value = self.lot_edition.get(a.lot) if a.lot else _unique(s.edition for s in own)
        else:
            lot_orders = [s for s in own if s.lot.upper() == a.lot] if a.lot else own
            value = _unique(s.offer for s in lot_orders)
        return value or UNKNOWN[self.by]


def _funnel(name: str, answers: list[Answer], shipments: list[Shipment]) -> Funnel:
    f = Funnel(name)
    f.orders = len({s.order_id for s in shipments})
    f.shipped = sum(s.quantity for s in shipments)
    weeks: dict[str, set[str]] = defaultdict(set)  # a structure reorders in another week
    for s in shipments:
        weeks[s.key].add(s.week)
    f.structures_ordered = len(weeks)
    if weeks:
        f.reorder = wilson(sum(1 for w in weeks.values() if len(w) >= 2), len(weeks))
    f.answers = len(answers)
    f.structures_answered = len({a.key for a in answers})
    for column in ("remis", "revus", "avec_carnet", "remplis"):
        setattr(f, column, sum(getattr(a, column) or 0 for a in answers))
    for metric, part, whole in (("came_back", "avec_carnet", "revus"),
                                ("filled", "remplis", "remis")):
        pairs = [(getattr(a, part), getattr(a, whole)) for a in answers
                 if getattr(a, part) is not None and getattr(a, whole)]
        n = sum(w for _, w in pairs)
        f.rates[metric] = wilson(sum(p for p, _ in pairs), n) if n else None
        f.answered[metric] = len(pairs)
    shipped_to = Counter()
    for s in shipments:
        shipped_to[s.key] += s.quantity
    matched = [a for a in answers if a.remis is not None and shipped_to.get(a.key)]
    k, n = sum(a.remis for a in matched), sum(shipped_to[key] for key in {a.key for a in matched})
    f.answered["activation"] = len(matched)
    f.rates["activation"] = None
    if n and k <= n:
        f.rates["activation"] = wilson(k, n)
    elif n:
        f.notes.append(f"plus de carnets remis ({k}) que d'expédiés ({n}) aux structures qui "
                       "ont répondu : taux de remise non calculé")
    elif answers and not shipments:
        f.notes.append("rien dans le registre de production (runs/) : carnets expédiés et "
                       "taux de remise inconnus")
    if not answers:
        f.notes.append("aucune réponse à l'enquête")
    f.minutes = mean_interval([a.minutes for a in answers if a.minutes is not None])
    f.answered["minutes"] = f.minutes.n if f.minutes else 0
    return f


def _sort_key(by: str, name: str):
    if by == "version" and name.startswith("v") and name[1:].isdigit():
        return (0, int(name[1:]), name)
    return (1 if name not in UNKNOWN.values() else 2, 0, name)


def build_report(root: Path, by: str = "version", since: str | None = None,
                 answers: list[Answer] | None = None) -> ImpactReport:
    """Read the ledger, the survey store and the decisions; compute every group."""
    from monrecap.impact.compare import latest_pair
    from monrecap.impact.decisions import citations, load_decisions
    from monrecap.impact.store import answers as stored

    if by not in GROUPINGS:
        raise UsageError(f"--by {by}: group by one of {', '.join(GROUPINGS)}")
    start = parse_since(since)
    shipments = [s for s in read_shipments(root) if start is None or s.monday >= start]
    answers = [a for a in (stored(root) if answers is None else answers)
               if start is None or a.date >= start]
    grouper = _Grouper(by, shipments)
    by_answer, by_shipment = defaultdict(list), defaultdict(list)
    for a in answers:
        by_answer[grouper.answer(a)].append(a)
    for s in shipments:
        by_shipment[grouper.shipment(s)].append(s)
    names = sorted(set(by_answer) | set(by_shipment), key=lambda n: _sort_key(by, n))
    groups = [_funnel(n, by_answer.get(n, []), by_shipment.get(n, [])) for n in names]
    decisions = load_decisions(root)  # all of them: an old decision still explains a version
    report = ImpactReport(by, start, groups, word_of_mouth(shipments), repeat_orders(shipments),
                          spellings(answers, shipments), decisions, citations(root),
                          len(answers))
    if answers:
        report.period = (min(a.date for a in answers), max(a.date for a in answers))
    if by == "version":
        report.compare = latest_pair(groups)
    return report


def word_of_mouth(shipments: list[Shipment]) -> list[tuple[str, Rate, int]]:
    """Per month of production: the share of orders that came by word of mouth, among those
    whose channel the ledger knows, and how many it does not."""
    months: dict[str, list[Shipment]] = defaultdict(list)
    for s in {s.order_id: s for s in shipments}.values():
        months[s.month].append(s)
    out = []
    for month in sorted(months):
        known = [s for s in months[month] if s.source]
        if known:
            out.append((month, wilson(sum(s.source == WORD_OF_MOUTH for s in known),
                                      len(known)), len(months[month]) - len(known)))
    return out


def repeat_orders(shipments: list[Shipment]) -> list[tuple[str, str, int, list[str]]]:
    """Structures that ordered again in a later production week: key, the latest spelling,
    orders, weeks."""
    orders: dict[str, dict[str, Shipment]] = defaultdict(dict)
    for s in shipments:
        orders[s.key][s.order_id] = s
    rows = [(key, list(found.values())[-1].structure, len(found),
             sorted({s.week for s in found.values()}))
            for key, found in orders.items() if len({s.week for s in found.values()}) >= 2]
    return sorted(rows, key=lambda r: (-r[2], r[0]))


def spellings(answers: list[Answer], shipments: list[Shipment]) -> dict[str, list[str]]:
    """The structures written more than one way, merged under one key (shown, so that a
    wrong merge is seen)."""
    found: dict[str, set[str]] = defaultdict(set)
    for item in [*answers, *shipments]:
        found[item.key].add(item.structure)
    return {k: sorted(v) for k, v in sorted(found.items()) if len(v) > 1}
