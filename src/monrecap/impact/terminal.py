"""The impact report and the comparison in the terminal (Rich): counts first, then each rate
with its interval and the counts behind it, the verdicts in French as the HTML says them."""

from __future__ import annotations

from monrecap.impact.compare import METRICS, Comparison, number, percent
from monrecap.impact.report import MIN_ANSWERS, MIN_COUNT, Funnel, ImpactReport
from monrecap.impact.stats import Mean, Rate

BY = {"version": "version", "territory": "territory", "edition": "edition", "offer": "offer"}


def rate_text(rate: Rate | None) -> str:
    """« 64 % [58–70] 288/450 »."""
    if rate is None:
        return "—"
    return (f"{percent(rate.value)} [{round(rate.low * 100)}–{round(rate.high * 100)}] "
            f"{rate.k}/{rate.n}")


def mean_text(mean: Mean | None) -> str:
    if mean is None:
        return "—"
    if mean.n == 1:
        return f"{number(mean.mean)} min (1 answer)"
    return f"{number(mean.mean)} min [{number(mean.low)}–{number(mean.high)}] ({mean.n} answers)"


def _group(console, g: Funnel) -> None:
    from rich.markup import escape

    console.print(f"\n[bold]{escape(g.name)}[/bold]  {g.structures_ordered} structure(s) ordered, "
                  f"{g.orders} order(s), {g.shipped} carnets shipped; {g.answers} answer(s) "
                  f"from {g.structures_answered} structure(s)")
    if g.answers:
        console.print(f"  handed out {g.remis} · seen again {g.revus} · came back with their "
                      f"carnet {g.avec_carnet} · filled in {g.remplis}", markup=False)
    for metric in METRICS:
        value = mean_text(g.minutes) if metric.key == "minutes" else \
            rate_text(g.rates.get(metric.key))
        console.print(f"  {metric.title:<30} {value}"
                      + (f"  ({g.answered.get(metric.key, 0)} answers)"
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
    console.print(f"[bold]Impact by {BY[report.by]}[/bold]{since}: {report.answers} survey "
                  f"answer(s){period}; rates with their 95 % Wilson interval \\[low–high] and "
                  f"the counts behind them")
    if not report.groups:
        console.print("nothing yet: no survey answer (`monrecap impact import FILE`) and no "
                      "production week in runs/", markup=False)
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
    console.print(f"\n[bold]{comparison.new} against {comparison.old}[/bold] (a difference "
                  f"is called clear when its 95 % interval leaves out 0; compared only with "
                  f"{MIN_ANSWERS} answers and {MIN_COUNT} people or carnets a version)")
    for v in comparison.verdicts:
        console.print(f"  {v.metric.title}: {v.text}", markup=False)


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
