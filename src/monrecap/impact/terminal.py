"""The impact report and the comparison in the terminal (Rich): counts first, then each rate
with its interval and the counts behind it, the verdicts in French as the HTML says them."""

from __future__ import annotations

from monrecap.impact.funnel import CAVEAT, MIN_COUNT, MIN_STRUCTURES, Funnel, ImpactReport
from monrecap.impact.stats import Mean, Rate
from monrecap.impact.verdicts import METRICS, Comparison, bounds, number, percent
from monrecap.plural import count

BY = {"version": "version", "territory": "territory", "edition": "edition", "offer": "offer"}


def rate_text(rate: Rate | None) -> str:
    """« 64 % [58–70] 288/450 »: the interval rounded outward."""
    if rate is None:
        return "—"
    low, high = bounds(rate.low, rate.high)
    return f"{percent(rate.value)} [{low}–{high}] {rate.k}/{rate.n}"


def mean_text(mean: Mean | None) -> str:
    if mean is None:
        return "—"
    if mean.n == 1:
        return f"{number(mean.mean)} min ({count(1, 'answer', lang='en')})"
    return (f"{number(mean.mean)} min [{number(mean.low)}–{number(mean.high)}] "
            f"({count(mean.n, 'answer', lang='en')})")


def _en(n: int, noun: str) -> str:
    return count(n, noun, lang="en")


def _group(console, g: Funnel) -> None:
    from rich.markup import escape

    console.print(f"\n[bold]{escape(g.name)}[/bold]  {_en(g.structures_ordered, 'structure')} "
                  f"ordered, {_en(g.orders, 'order')}, {_en(g.shipped, 'carnet')} shipped; "
                  f"{_en(g.answers, 'answer')} from {_en(g.structures_answered, 'structure')}")
    if g.answers:
        console.print(f"  handed out {g.remis} · seen again {g.revus} · came back with their "
                      f"carnet {g.avec_carnet} · filled in {g.remplis}", markup=False)
    for metric in METRICS:
        value = mean_text(g.minutes) if metric.key == "minutes" else \
            rate_text(g.rates.get(metric.key))
        console.print(f"  {metric.title:<30} {value}"
                      + (f"  ({_en(g.answered.get(metric.key, 0), 'answer')}, "
                         f"{_en(g.structures.get(metric.key, 0), 'structure')})"
                         if metric.key != "minutes" and g.rates.get(metric.key) else ""),
                      markup=False)
    if g.reorder is not None:
        console.print(f"  {'Reordered in a later week':<30} {rate_text(g.reorder)}",
                      markup=False)
    for note in g.notes:
        console.print(f"  [dim]note: {escape(note)}[/dim]")


def print_report(console, report: ImpactReport) -> None:
    """`monrecap impact report` in the terminal."""
    since = f" since {report.since}" if report.since else ""
    period = (f", {report.period[0]} to {report.period[1]}" if report.period else "")
    console.print(f"[bold]Impact by {BY[report.by]}[/bold]{since}: "
                  f"{count(report.answers, 'survey answer', 'survey answers', lang='en')}{period}; rates with their 95 % Wilson interval \\[low–high] and "
                  f"the counts behind them")
    if not report.groups:
        console.print(f"nothing yet: no survey answer{since} (`monrecap impact import FILE`) "
                      "and no production week in runs/", markup=False)
    for group in report.groups:
        _group(console, group)
    if report.compare is not None:
        print_verdicts(console, report.compare)
    if report.word_of_mouth:
        console.print("\n[bold]Word of mouth[/bold] (orders by month of production)")
        for month, rate, unknown in report.word_of_mouth:
            console.print(f"  {month}  {rate_text(rate)}"
                          + (f"  ({unknown} without a channel)" if unknown else ""),
                          markup=False)
    if report.repeat:
        console.print("\n[bold]Repeat orders[/bold] (ordered again in a later week)")
        for key, name, orders, weeks in report.repeat[:15]:
            console.print(f"  {orders} orders  {name}  ({', '.join(weeks)})", markup=False)
        if len(report.repeat) > 15:
            console.print(f"  … and {len(report.repeat) - 15} more (--json, --html)",
                          markup=False)
    if report.spellings:
        console.print("\n[bold]Structures written several ways[/bold] (merged by key)")
        for key, names in report.spellings.items():
            console.print(f"  {key}: " + " | ".join(names), markup=False)
    if report.decisions:
        console.print("\n[bold]Committee decisions[/bold]")
        for d in report.decisions:
            cited = report.citations.get(d.id)
            console.print(f"  {d.id} ({d.date}): {d.spec.decision}"
                          + (f" — cited by {', '.join(cited)}" if cited else ""), markup=False)


def print_verdicts(console, comparison: Comparison) -> None:
    """The verdicts, under the minimum they need and beside the caveat about structures."""
    console.print(f"\n[bold]{comparison.new} against {comparison.old}[/bold] (a difference "
                  "is called clear when its 95 % interval, by structure, leaves out 0; "
                  f"compared only with at least {MIN_STRUCTURES} structures and {MIN_COUNT} "
                  "people or carnets a version)")
    for v in comparison.verdicts:
        console.print(f"  {v.metric.title}: {v.text}", markup=False)
    console.print(f"  [dim]{CAVEAT}[/dim]")


def print_compare(console, comparison: Comparison) -> None:
    """`monrecap impact compare OLD NEW` in the terminal."""
    print_verdicts(console, comparison)
    for v in comparison.verdicts:
        if v.metric.key == "minutes":
            continue
        console.print(f"    {v.metric.title}: {comparison.old} {rate_text(v.old)}, "
                      f"{comparison.new} {rate_text(v.new)}", markup=False)
    console.print(f"\n[bold]What changed in {comparison.new}[/bold] (`monrecap diff "
                  f"{comparison.old} {comparison.new}` shows where)")
    for entry in comparison.changelog:
        console.print(f"  • {entry['change']}", markup=False)
        for ident in entry["evidence"]:
            if ident in comparison.evidence:
                console.print(f"      {ident}: « {comparison.evidence[ident]} »", markup=False)
    said = ", ".join(f"{v} {n}" for v, n in comparison.feedback.items())
    console.print(f"\n[bold]What people said[/bold]: feedback messages {said} "
                  "(`monrecap feedback report`)")
