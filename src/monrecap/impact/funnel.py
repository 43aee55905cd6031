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
from monrecap.impact.stats import Mean, Rate, Sums, mean_interval, wilson
from monrecap.impact.survey import Answer
from monrecap.plural import count

GROUPINGS = ("version", "territory", "edition", "offer")
UNKNOWN = {"version": "inconnue", "territory": "inconnu", "edition": "inconnue",
           "offer": "inconnue"}
#: Below these, a rate is shown but never compared: « trop peu de réponses ». Structures, not
#: answers: the people of one structure are alike, so three structures cannot decide.
MIN_STRUCTURES = 5
MIN_COUNT = 30
#: Said beside every verdict (terminal, HTML, JSON, the committee's page).
MINIMUM = (f"deux versions ne sont comparées qu'avec au moins {MIN_STRUCTURES} structures et "
           f"{MIN_COUNT} personnes (ou carnets) chacune")
CAVEAT = ("Les réponses d'une même structure se ressemblent : l'intervalle de l'écart est "
          "calculé par structure, et reste optimiste quand peu de structures ont répondu.")


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
    shipped_answered: int = 0    # shipped to the structures that answered, before they did
    shipped_later: bool = False  # some were, but only after the answers
    rates: dict[str, Rate | None] = field(default_factory=dict)   # activation, came_back, filled
    answered: dict[str, int] = field(default_factory=dict)       # answers behind each rate
    structures: dict[str, int] = field(default_factory=dict)     # structures behind each rate
    sums: dict[str, Sums] = field(default_factory=dict)          # each rate, per structure
    minutes: Mean | None = None
    reorder: Rate | None = None
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"name": self.name, "structures_ordered": self.structures_ordered,
                "orders": self.orders, "shipped": self.shipped, "answers": self.answers,
                "structures_answered": self.structures_answered, "remis": self.remis,
                "shipped_answered": self.shipped_answered, "revus": self.revus,
                "avec_carnet": self.avec_carnet, "remplis": self.remplis,
                "rates": {k: (v.to_json() if v else None) for k, v in self.rates.items()},
                "answered": self.answered, "structures": self.structures,
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
            "minimum": {"structures": MIN_STRUCTURES, "count": MIN_COUNT},
            "caveat": CAVEAT,
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
    """--since: a date as the survey writes them (2026-03-01, 01/03/2026).

    >>> parse_since("14/03/2026"), parse_since(None)
    (datetime.date(2026, 3, 14), None)
    """
    from monrecap.impact.survey import parse_date

    if not text:
        return None
    try:
        return parse_date(text)
    except ValueError:
        raise UsageError(f"--since: « {text} » is not a date (2026-03-01 or 01/03/2026)"
                         ) from None


def _unique(values) -> str | None:
    found = set(values)
    return found.pop() if len(found) == 1 else None


WHAT = {"territory": "départements", "edition": "éditions", "offer": "offres"}


class _Grouper:
    """Which group an answer and a shipment belong to. An answer names a version or a lot;
    its edition and offer come from the ledger: the lot's, else the structure's orders of that
    version when they agree. An answer that cannot be placed goes to the unknown group with
    the reason why (``reasons``)."""

    def __init__(self, by: str, shipments: list[Shipment]):
        self.by = by
        self.lot_edition = {s.lot.upper(): s.edition for s in shipments}
        self.versions = {s.version for s in shipments}
        self.of_structure: dict[tuple[str, str], list[Shipment]] = defaultdict(list)
        self.by_key: dict[str, list[Shipment]] = defaultdict(list)
        for s in shipments:
            self.of_structure[(s.key, s.version)].append(s)
            self.by_key[s.key].append(s)
        self.reasons: Counter = Counter()   # why answers went to the unknown group

    def shipment(self, s: Shipment) -> str:
        return {"version": s.version, "territory": s.territory, "edition": s.edition,
                "offer": s.offer}[self.by] or UNKNOWN[self.by]

    def answer(self, a: Answer) -> str:
        value, why = self._place(a)
        if not value:
            self.reasons[why] += 1
        return value or UNKNOWN[self.by]

    def _place(self, a: Answer) -> tuple[str | None, str]:
        if self.by == "version":
            return a.version, ""
        if self.by == "territory":
            if a.territory:
                return a.territory, ""
            found = {s.territory for s in self.by_key.get(a.key, []) if s.territory}
            return _unique(found), ("sans département, et leur structure n'est pas dans le "
                                    "registre" if not found else "sans département, et leur "
                                    "structure a commandé pour plusieurs départements")
        if a.version not in self.versions:
            return None, f"{a.version} n'a aucune semaine dans le registre de production"
        own = self.of_structure.get((a.key, a.version), [])
        if a.lot:
            own = [s for s in own if s.lot.upper() == a.lot]
            if self.by == "edition" and a.lot in self.lot_edition:
                return self.lot_edition[a.lot], ""
        if not own:
            return None, (f"leur structure n'a pas de commande dans le lot {a.lot}" if a.lot
                          else f"leur structure n'a pas de commande de {a.version} dans le "
                               "registre")
        value = _unique(getattr(s, self.by) for s in own)
        return value, (f"sans numéro de lot, et leur structure a reçu plusieurs "
                       f"{WHAT[self.by]} de {a.version}" if not a.lot else
                       f"leur structure a reçu plusieurs {WHAT[self.by]} dans le lot {a.lot}")


def _sums(pairs) -> Sums:
    """(structure key, part, whole) → per structure, the sum of parts and wholes."""
    out: dict[str, list] = defaultdict(lambda: [0, 0])
    for key, part, whole in pairs:
        out[key][0] += part
        out[key][1] += whole
    return {k: (v[0], v[1]) for k, v in out.items()}


OF = {"version": "de {}", "territory": "du département {}", "edition": "de l'édition {}",
      "offer": "de l'offre {}"}


def group_funnel(name: str, answers: list[Answer], shipments: list[Shipment],
            ledger: list[Shipment] | None = None, by: str = "version") -> Funnel:
    """One group's funnel; ``ledger``: every shipment (a reorder needs a later week)."""
    ledger = shipments if ledger is None else ledger
    f = Funnel(name)
    f.orders = len({s.order_id for s in shipments})
    f.shipped = sum(s.quantity for s in shipments)
    first: dict[str, str] = {}  # each structure's first week in this group
    for s in shipments:
        first[s.key] = min(s.week, first.get(s.key, s.week))
    f.structures_ordered = len(first)
    last = max((s.week for s in ledger), default="")
    later = {s.key for s in ledger if s.key in first and s.week > first[s.key]}
    could = [key for key, week in first.items() if week < last]  # a later week exists
    if could:  # ordered again in a later week, whatever it ordered then
        f.reorder = wilson(sum(1 for key in could if key in later), len(could))
    elif first:
        f.notes.append("une seule semaine dans le registre de production : personne n'a "
                       "encore pu commander de nouveau" if len({s.week for s in ledger}) == 1
                       else "commandes de la dernière semaine du registre seulement : "
                            "personne n'a encore pu commander de nouveau")
    f.answers = len(answers)
    f.structures_answered = len({a.key for a in answers})
    for column in ("remis", "revus", "avec_carnet", "remplis"):
        setattr(f, column, sum(getattr(a, column) or 0 for a in answers))
    for metric, part, whole in (("came_back", "avec_carnet", "revus"),
                                ("filled", "remplis", "remis")):
        pairs = [(a.key, getattr(a, part), getattr(a, whole)) for a in answers
                 if getattr(a, part) is not None and getattr(a, whole)]
        n = sum(w for _, _, w in pairs)
        f.rates[metric] = wilson(sum(p for _, p, _ in pairs), n) if n else None
        f.answered[metric] = len(pairs)
        f.sums[metric] = _sums(pairs)
    _activation(f, OF[by].format(name), answers, shipments, ledger)
    if not answers:
        f.notes.append("aucune réponse à l'enquête")
    f.minutes = mean_interval([a.minutes for a in answers if a.minutes is not None])
    f.answered["minutes"] = f.minutes.n if f.minutes else 0
    f.sums["minutes"] = _sums((a.key, a.minutes, 1) for a in answers if a.minutes is not None)
    f.structures = {k: sum(1 for _, n in v.items() if n) for k, v in f.sums.items()}
    return f


def _activation(f: Funnel, of: str, answers: list[Answer], shipments: list[Shipment],
                ledger: list[Shipment]) -> None:
    """Carnets handed out / carnets of this group the ledger shipped to the structures that
    answered, in the weeks up to their last answer (a carnet is handed out after it came)."""
    last: dict[str, dt.date] = {}
    for a in answers:
        if a.remis is not None:
            last[a.key] = max(a.date, last.get(a.key, a.date))
    shipped_to: Counter = Counter()
    for s in shipments:
        if s.key in last and s.monday <= last[s.key]:
            shipped_to[s.key] += s.quantity
    matched = [a for a in answers if a.remis is not None and shipped_to.get(a.key)]
    pairs = {key: (sum(a.remis for a in matched if a.key == key), shipped_to[key])
             for key in {a.key for a in matched}}
    k, n = sum(s for s, _ in pairs.values()), sum(n for _, n in pairs.values())
    f.answered["activation"] = len(matched)
    f.rates["activation"] = None
    f.sums["activation"] = pairs
    f.shipped_answered = n
    later = f.shipped_later = not n and any(s.key in last for s in shipments)
    if n and k <= n:
        f.rates["activation"] = wilson(k, n)
    elif n:
        f.notes.append(f"plus de carnets remis ({k}) que d'expédiés ({n}) aux structures qui "
                       "ont répondu : taux de remise non calculé")
    elif not answers or f.name in UNKNOWN.values():
        return  # said elsewhere: no answer, or why the answers were not placed
    elif not ledger:
        f.notes.append("le registre de production (runs/) est vide : carnets expédiés et "
                       "taux de remise inconnus")
    elif not shipments:
        f.notes.append(f"aucune commande {of} dans le registre de production (runs/) : "
                       "carnets expédiés et taux de remise inconnus")
    elif later:
        f.notes.append("les structures qui ont répondu n'avaient rien reçu avant leur réponse "
                       "selon le registre (leurs envois sont plus récents) : taux de remise "
                       "inconnu")
    else:
        f.notes.append(f"aucune des structures qui ont répondu n'a de commande {of} dans le "
                       "registre : taux de remise inconnu")


def _sort_key(by: str, name: str):
    if by == "version" and name.startswith("v") and name[1:].isdigit():
        return (0, int(name[1:]), name)
    return (1 if name not in UNKNOWN.values() else 2, 0, name)


def build_report(root: Path, by: str = "version", since: str | None = None,
                 answers: list[Answer] | None = None) -> ImpactReport:
    """Read the ledger, the survey store and the decisions; compute every group. ``since``
    keeps the answers from that date; the ledger counts whole (carnets shipped before are
    handed out after)."""
    from monrecap.impact.decisions import citations, load_decisions
    from monrecap.impact.surveystore import answers as stored
    from monrecap.impact.verdicts import latest_pair

    if by not in GROUPINGS:
        raise UsageError(f"--by {by}: group by one of {', '.join(GROUPINGS)}")
    start = parse_since(since)
    shipments = read_shipments(root)
    answers = [a for a in (stored(root) if answers is None else answers)
               if start is None or a.date >= start]
    grouper = _Grouper(by, shipments)
    by_answer, by_shipment = defaultdict(list), defaultdict(list)
    for a in answers:
        by_answer[grouper.answer(a)].append(a)
    for s in shipments:
        by_shipment[grouper.shipment(s)].append(s)
    names = sorted(set(by_answer) | set(by_shipment), key=lambda n: _sort_key(by, n))
    groups = [group_funnel(n, by_answer.get(n, []), by_shipment.get(n, []), shipments, by)
              for n in names]
    for g in groups:
        if g.name == UNKNOWN[by] and grouper.reasons:
            g.notes[:0] = [f"{count(n, 'réponse non classée', 'réponses non classées')} : "
                           f"{why}" for why, n in grouper.reasons.most_common()]
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
