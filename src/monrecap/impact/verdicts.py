"""`monrecap impact compare v10 v11`: each rate of two versions with its interval, the
difference with its interval, and a verdict in French that never claims more than the counts
hold — beside `diff` (what changed) and the feedback (what people said)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from pathlib import Path

from monrecap.errors import UsageError
from monrecap.impact.funnel import CAVEAT, MIN_COUNT, MIN_STRUCTURES, Funnel
from monrecap.impact.stats import Difference, Mean, Rate, by_structure, hull, newcombe, welch
from monrecap.plural import count


@dataclass(frozen=True)
class Metric:
    """A rate of the funnel and how it is said."""

    key: str
    title: str        # « Reviennent avec leur carnet »
    phrase: str       # « des carnets reviennent »
    unit: str         # what the denominator counts, singular: « personne revue »
    units: str        # and plural: « personnes revues »


METRICS = (
    Metric("came_back", "Reviennent avec leur carnet", "des carnets reviennent",
           "personne revue", "personnes revues"),
    Metric("filled", "Carnets remplis", "des carnets remis sont remplis", "carnet remis",
           "carnets remis"),
    Metric("activation", "Carnets remis", "des carnets expédiés sont remis",
           "carnet expédié", "carnets expédiés"),
    Metric("minutes", "Temps gagné par rendez-vous", "minutes gagnées par rendez-vous",
           "réponse", "réponses"),
)
NBSP = "\u00a0"


def rounded(value: float | Decimal, digits: int = 0, how: str = ROUND_HALF_UP) -> Decimal:
    """``value`` to ``digits`` decimals, halves away from zero (5,25 → 5,3), or floor/ceiling.

    >>> rounded(5.25, 1), rounded(64.5), rounded(0.38, 0, ROUND_FLOOR)
    (Decimal('5.3'), Decimal('65'), Decimal('0'))
    """
    # repr, not the binary value: 5.25 is 5.25, and 0.645 * 100 is read as written
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), rounding=how)


def percent(value: float) -> str:
    """« 64 % » (a no-break space, so the sign never starts a line).

    >>> percent(0.6449), percent(0.645)
    ('64\\xa0%', '65\\xa0%')
    """
    return f"{rounded(value * 100)}{NBSP}%"


def number(value: float | Decimal, digits: int = 1) -> str:
    """A French decimal, without a useless ,0; halves away from zero.

    >>> number(4.0), number(4.26), number(-0.5), number(10, 0), number(-0.2, 0), number(5.25)
    ('4', '4,3', '−0,5', '10', '0', '5,3')
    """
    text = f"{abs(rounded(value, digits)):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    text = text.replace(".", ",")
    return ("−" if value < 0 and text != "0" else "") + text


def signed(value: float | Decimal, digits: int = 0) -> str:
    """« +12 », « −3 », « 0 ».

    >>> signed(0.12 * 100), signed(-3.2), signed(0.1)
    ('+12', '−3', '0')
    """
    text = number(value, digits)
    return text if text.startswith("−") or text == "0" else "+" + text


def outward(value: float, up: bool, digits: int = 0) -> Decimal:
    """A bound rounded away from the inside of its interval (never narrower than computed),
    with one or two more decimals when that would make it touch 0 while it does not: a
    lower bound of +0,38 is « +0,3 », never « 0 ».

    >>> outward(0.38, up=False), outward(22.1, up=True), outward(-0.04, up=True)
    (Decimal('0.3'), Decimal('23'), Decimal('-0.04'))
    >>> outward(0.0, up=False), outward(1e-9, up=False)
    (Decimal('0'), Decimal('0.00'))
    """
    how = ROUND_CEILING if up else ROUND_FLOOR
    for extra in range(3):
        found = rounded(value, digits + extra, how)
        if found != 0 or value == 0:
            return found
    return found


def bounds(low: float, high: float) -> tuple[str, str]:
    """A rate's interval in whole percents, rounded outward (never narrower than computed).

    >>> bounds(0.3149, 0.8551), bounds(0.0, 1.0)
    (('31', '86'), ('0', '100'))
    """
    return (str(rounded(low * 100, 0, ROUND_FLOOR)), str(rounded(high * 100, 0, ROUND_CEILING)))


@dataclass
class Verdict:
    """One metric of the comparison."""

    metric: Metric
    old: Rate | Mean | None
    new: Rate | Mean | None
    old_answers: int
    new_answers: int
    difference: Difference | None   # the interval the verdict took (Newcombe's or Welch's
    status: str                     # widened by the one by structure); clear | unclear |
    text: str                       # too-few | no-answer
    old_structures: int = 0
    new_structures: int = 0
    independent: Difference | None = None   # Newcombe or Welch: people as independent
    clustered: Difference | None = None     # by structure
    shown: tuple[str, str, str] | None = None  # the difference and its bounds as printed

    def to_json(self) -> dict:
        difference = None
        if self.difference is not None:
            difference = {**self.difference.to_json(), "clear": self.status == "clear",
                          "shown": list(self.shown) if self.shown else None,
                          "independent": _bounds(self.independent),
                          "by_structure": _bounds(self.clustered)}
        return {"metric": self.metric.key, "status": self.status, "text": self.text,
                "old": self.old.to_json() if self.old else None,
                "new": self.new.to_json() if self.new else None,
                "old_answers": self.old_answers, "new_answers": self.new_answers,
                "old_structures": self.old_structures, "new_structures": self.new_structures,
                "difference": difference}


def _bounds(d: Difference | None) -> list[float] | None:
    return [round(d.low, 4), round(d.high, 4)] if d is not None else None


@dataclass
class Comparison:
    old: str
    new: str
    verdicts: list[Verdict]
    changelog: list[dict] = field(default_factory=list)   # what changed: the new version's
    feedback: dict[str, int] = field(default_factory=dict)  # what people said: messages
    evidence: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"old": self.old, "new": self.new,
                "minimum": {"structures": MIN_STRUCTURES, "count": MIN_COUNT},
                "caveat": CAVEAT,
                "verdicts": [v.to_json() for v in self.verdicts],
                "changelog": self.changelog, "feedback": self.feedback,
                "evidence": self.evidence}


def _too_few(metric: Metric, name: str, structures: int, size: int | None) -> str:
    said = f"{name} : {count(structures, 'structure')}"
    return said + ("" if size is None else f", {count(size, metric.unit, metric.units)}")


def _gap(metric: Metric, old: Rate | Mean, new: Rate | Mean,
         interval: Difference) -> tuple[Decimal, Decimal, Decimal, str, str, str]:
    """The difference as the reader computes it from the two printed values, and the
    interval's bounds rounded outward (widened, if need be, to hold that difference)."""
    if metric.key == "minutes":
        a, b, scale, digits = new.mean, old.mean, 1, 1
    else:
        a, b, scale, digits = new.value * 100, old.value * 100, 100, 0
    gap = rounded(a, digits) - rounded(b, digits)
    low = min(outward(interval.low * scale, False, digits), gap)
    high = max(outward(interval.high * scale, True, digits), gap)
    return gap, low, high, signed(gap, 2), signed(low, 2), signed(high, 2)


def verdict(metric: Metric, old_name: str, new_name: str, old: Funnel, new: Funnel) -> Verdict:
    """The comparison of one metric, and its sentence."""
    if metric.key == "minutes":
        a, b = old.minutes, new.minutes
    else:
        a, b = old.rates.get(metric.key), new.rates.get(metric.key)
    na, nb = old.answered.get(metric.key, 0), new.answered.get(metric.key, 0)
    sa, sb = old.structures.get(metric.key, 0), new.structures.get(metric.key, 0)

    def said(status: str, text: str, **more) -> Verdict:
        return Verdict(metric, a, b, na, nb, more.pop("difference", None), status, text,
                       sa, sb, **more)

    missing = [name for name, value in ((old_name, a), (new_name, b)) if value is None]
    unshipped = [name for name, group in ((old_name, old), (new_name, new))
                 if group.answers and not group.shipped]
    if metric.key == "activation" and missing and unshipped:
        return said("no-answer", f"rien dans le registre de production pour "
                                 f"{' ni pour '.join(unshipped)} : pas de comparaison")
    silent = [name for name, value, group in ((old_name, a, old), (new_name, b, new))
              if value is None and not group.answers]
    if silent:
        return said("no-answer", f"aucune réponse pour {' ni pour '.join(silent)} : pas de "
                                 "comparaison")
    if missing and metric.key == "activation":
        return said("no-answer", f"taux de remise inconnu pour {' et pour '.join(missing)} "
                                 "(le registre ne dit pas ce que ces structures avaient reçu) "
                                 ": pas de comparaison")
    if missing:
        return said("no-answer", f"aucune réponse chiffrée pour {' ni pour '.join(missing)} "
                                 ": pas de comparaison")
    rate = metric.key != "minutes"
    few = [_too_few(metric, name, structures, value.n if rate else None)
           for name, structures, value in ((old_name, sa, a), (new_name, sb, b))
           if structures < MIN_STRUCTURES or (rate and value.n < MIN_COUNT)]
    if few:
        need = count(MIN_STRUCTURES, "structure") + (
            f" et {count(MIN_COUNT, metric.unit, metric.units)}" if rate else "")
        return said("too-few", f"trop peu de réponses pour comparer ({' ; '.join(few)} ; il "
                               f"en faut au moins {need} par version)")
    clustered = by_structure(new.sums[metric.key], old.sums[metric.key])
    if rate:
        independent = newcombe(b, a)
        head = (f"{new_name} : {percent(b.value)} {metric.phrase}, contre {percent(a.value)} "
                f"pour {old_name}")
        noun = ("point", "points")
    else:
        independent = welch(b, a)
        head = (f"{new_name} : {number(b.mean)} minutes gagnées par rendez-vous, contre "
                f"{number(a.mean)} pour {old_name}")
        noun = ("minute", "minutes")
    difference = hull(independent, clustered)
    gap, low, high, *shown = _gap(metric, a, b, difference)
    clear = low > 0 or high < 0
    text = (f"{count(gap, *noun, number=shown[0])}, de {shown[1]} à {shown[2]} ; "
            f"{count(sa, 'structure')} pour {old_name}, {sb} pour {new_name}")
    return said("clear" if clear else "unclear",
                f"{head} ; l'écart est net ({text})" if clear else
                f"{head} ; pas de différence visible avec ces effectifs (écart {text})",
                difference=difference, independent=independent, clustered=clustered,
                shown=tuple(shown))


def compare_funnels(old: Funnel, new: Funnel) -> Comparison:
    return Comparison(old.name, new.name,
                      [verdict(m, old.name, new.name, old, new) for m in METRICS])


def latest_pair(groups: list[Funnel]) -> Comparison | None:
    """The two latest versions that have survey answers, compared (for the report)."""
    answered = [g for g in groups if g.answers and g.name.startswith("v")]
    if len(answered) < 2:
        return None
    return compare_funnels(answered[-2], answered[-1])


def compare_versions(root: Path, old: str, new: str, since: str | None = None) -> Comparison:
    """`monrecap impact compare OLD NEW`: the two versions' funnels, their verdicts, the new
    version's changelog with its cited evidence, and the feedback messages per version."""
    from monrecap.content.inherit import check_known, read_version
    from monrecap.errors import ContentError
    from monrecap.evidence import cited
    from monrecap.impact.funnel import build_report

    for vid in (old, new):
        try:
            check_known(root, vid)
        except ContentError as exc:
            raise UsageError(exc.problems) from None
    if old == new:
        raise UsageError(f"compare two different versions, not {old} with itself")
    report = build_report(root, "version", since)
    groups = {g.name: g for g in report.groups}
    empty = Funnel("")
    empty.notes.append("aucune réponse à l'enquête")
    comparison = Comparison(old, new, [
        verdict(m, old, new, groups.get(old, empty), groups.get(new, empty)) for m in METRICS])
    data = read_version(root, new)
    for entry in data.get("changelog") or []:
        if isinstance(entry, dict):
            comparison.changelog.append({"change": " ".join(str(entry.get("change", "")).split()),
                                         "evidence": list(entry.get("evidence") or [])})
    comparison.evidence = cited(root, [i for e in comparison.changelog
                                                for i in e["evidence"]])
    comparison.feedback = _feedback_counts(root, (old, new))
    return comparison


def _feedback_counts(root: Path, versions: tuple[str, ...]) -> dict[str, int]:
    """Messages of the feedback store per version (what people said)."""
    from monrecap.feedback.records import read_store

    counts = {v: 0 for v in versions}
    for message in read_store(root):
        if message.version in counts:
            counts[message.version] += 1
    return counts
