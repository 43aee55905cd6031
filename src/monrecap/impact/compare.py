"""`monrecap impact compare v10 v11`: each rate of two versions with its interval, the
difference with its interval, and a verdict in French that never claims more than the counts
hold — beside `diff` (what changed) and the feedback (what people said)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from monrecap.errors import UsageError
from monrecap.impact.report import MIN_ANSWERS, MIN_COUNT, Funnel
from monrecap.impact.stats import Difference, Mean, Rate, newcombe, welch


@dataclass(frozen=True)
class Metric:
    """A rate of the funnel and how it is said."""

    key: str
    title: str        # « Reviennent avec leur carnet »
    phrase: str       # « des carnets reviennent »
    unit: str         # what the denominator counts, for « trop peu de réponses »


METRICS = (
    Metric("came_back", "Reviennent avec leur carnet", "des carnets reviennent",
           "personnes revues"),
    Metric("filled", "Carnets remplis", "des carnets remis sont remplis", "carnets remis"),
    Metric("activation", "Carnets remis", "des carnets expédiés sont remis",
           "carnets expédiés"),
    Metric("minutes", "Temps gagné par rendez-vous", "minutes gagnées par rendez-vous",
           "réponses"),
)
NBSP = "\u00a0"


def percent(value: float) -> str:
    """« 64 % » (a no-break space, so the sign never starts a line).

    >>> percent(0.6449)
    '64\\xa0%'
    """
    return f"{round(value * 100)}{NBSP}%"


def number(value: float, digits: int = 1) -> str:
    """A French decimal, without a useless ,0.

    >>> number(4.0), number(4.26), number(-0.5), number(10, 0), number(-0.2, 0)
    ('4', '4,3', '−0,5', '10', '0')
    """
    text = f"{abs(value):.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    text = text.replace(".", ",")
    return ("−" if value < 0 and text != "0" else "") + text


def signed(value: float, digits: int = 0) -> str:
    """« +12 », « −3 », « 0 ».

    >>> signed(0.12 * 100), signed(-3.2), signed(0.1)
    ('+12', '−3', '0')
    """
    text = number(value, digits)
    return text if text.startswith("−") or text == "0" else "+" + text


@dataclass
class Verdict:
    """One metric of the comparison."""

    metric: Metric
    old: Rate | Mean | None
    new: Rate | Mean | None
    old_answers: int
    new_answers: int
    difference: Difference | None
    status: str        # clear | unclear | too-few | no-answer
    text: str

    def to_json(self) -> dict:
        return {"metric": self.metric.key, "status": self.status, "text": self.text,
                "old": self.old.to_json() if self.old else None,
                "new": self.new.to_json() if self.new else None,
                "old_answers": self.old_answers, "new_answers": self.new_answers,
                "difference": self.difference.to_json() if self.difference else None}


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
                "minimum": {"answers": MIN_ANSWERS, "count": MIN_COUNT},
                "verdicts": [v.to_json() for v in self.verdicts],
                "changelog": self.changelog, "feedback": self.feedback,
                "evidence": self.evidence}


def _value(metric: Metric, value: Rate | Mean) -> str:
    return percent(value.value) if isinstance(value, Rate) else number(value.mean)


def _size(value: Rate | Mean) -> int:
    return value.n


def verdict(metric: Metric, old_name: str, new_name: str, old: Funnel, new: Funnel) -> Verdict:
    """The comparison of one metric, and its sentence."""
    if metric.key == "minutes":
        a, b = old.minutes, new.minutes
    else:
        a, b = old.rates.get(metric.key), new.rates.get(metric.key)
    na, nb = old.answered.get(metric.key, 0), new.answered.get(metric.key, 0)
    missing = [name for name, value in ((old_name, a), (new_name, b)) if value is None]
    unshipped = [name for name, group in ((old_name, old), (new_name, new))
                 if group.answers and not group.shipped]
    if metric.key == "activation" and missing and unshipped:
        return Verdict(metric, a, b, na, nb, None, "no-answer",
                       f"rien dans le registre de production pour {' ni pour '.join(unshipped)}"
                       " : pas de comparaison")
    if missing:
        return Verdict(metric, a, b, na, nb, None, "no-answer",
                       f"aucune réponse pour {' ni pour '.join(missing)} : pas de comparaison")
    few = [(name, answers, _size(value)) for name, answers, value in
           ((old_name, na, a), (new_name, nb, b))
           if answers < MIN_ANSWERS or (metric.key != "minutes" and _size(value) < MIN_COUNT)]
    if few:
        said = " ; ".join(f"{name} : {answers} réponse{'s' if answers > 1 else ''}"
                          + ("" if metric.key == "minutes" else f", {size} {metric.unit}")
                          for name, answers, size in few)
        need = f"au moins {MIN_ANSWERS} réponses" + (
            "" if metric.key == "minutes" else f" et {MIN_COUNT} {metric.unit}")
        return Verdict(metric, a, b, na, nb, None, "too-few",
                       f"trop peu de réponses pour comparer ({said} ; il en faut {need} "
                       "par version)")
    if metric.key == "minutes":
        difference = welch(b, a)
        head = (f"{new_name} : {number(b.mean)} minutes gagnées par rendez-vous, contre "
                f"{number(a.mean)} pour {old_name}")
        gap = (f"{signed(difference.value, 1)} minute"
               f"{'s' if abs(difference.value) >= 2 else ''}, de {signed(difference.low, 1)} "
               f"à {signed(difference.high, 1)}") if difference else ""
    else:
        difference = newcombe(b, a)
        head = (f"{new_name} : {percent(b.value)} {metric.phrase}, contre {percent(a.value)} "
                f"pour {old_name}")
        gap = (f"{signed(difference.value * 100)} points, de {signed(difference.low * 100)} "
               f"à {signed(difference.high * 100)}")
    if difference is not None and difference.clear:
        return Verdict(metric, a, b, na, nb, difference, "clear",
                       f"{head} ; l'écart est net ({gap})")
    return Verdict(metric, a, b, na, nb, difference, "unclear",
                   f"{head} ; pas de différence visible avec ces effectifs"
                   + (f" (écart {gap})" if gap else ""))


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
    from monrecap.impact.report import build_report

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
