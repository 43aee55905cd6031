"""What the field said, counted: by week, channel, version and page; repeat contributors by
key; the share without a version or page; the latest excerpts per page."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from monrecap.errors import UsageError
from monrecap.feedback.records import Message, read_store
from monrecap.plural import count

EXCERPTS = 3


@dataclass(frozen=True)
class Excerpt:
    id: str
    date: str
    version: str | None
    text: str
    words: tuple[str, ...]


@dataclass
class FeedbackReport:
    """The counts and excerpts of `monrecap feedback report`."""

    total: int
    filters: dict[str, str | None]
    by_week: dict[str, int]
    by_channel: dict[str, int]
    by_version: dict[str, int]
    by_page: dict[str, int]
    version_sources: dict[str, int]
    week_version: dict[str, dict[str, int]]  # week → version → messages (the chart)
    repeat_contributors: list[tuple[str, int]]
    no_version: int
    no_page: int
    excerpts: dict[str, list[Excerpt]] = field(default_factory=dict)

    def share(self, count: int) -> float:
        return round(count / self.total, 3) if self.total else 0.0

    def to_json(self) -> dict:
        return {"schema_version": 1, "total": self.total, "filters": self.filters,
                "by_week": self.by_week, "by_channel": self.by_channel,
                "by_version": self.by_version, "by_page": self.by_page,
                "version_sources": self.version_sources, "week_version": self.week_version,
                "repeat_contributors": [{"sender": k, "messages": n}
                                        for k, n in self.repeat_contributors],
                "no_version": {"messages": self.no_version, "share": self.share(self.no_version)},
                "no_page": {"messages": self.no_page, "share": self.share(self.no_page)},
                "excerpts": {page: [{"id": e.id, "date": e.date, "version": e.version,
                                     "text": e.text, "words": list(e.words)} for e in items]
                             for page, items in self.excerpts.items()}}


def week_of(date: dt.date) -> str:
    """ISO week, as the lot ledger names weeks.

    >>> week_of(dt.date(2026, 3, 14))
    '2026-W11'
    """
    year, week, _ = date.isocalendar()
    return f"{year}-W{week:02d}"


def _parse_since(since: str | None) -> dt.date | None:
    if since is None:
        return None
    try:
        return dt.date.fromisoformat(since)
    except ValueError:
        raise UsageError(f"--since {since}: not a date; write it like 2026-03-01") from None


def summarize(messages: list[Message], version: str | None = None,
              since: str | None = None) -> FeedbackReport:
    """The report over ``messages``, restricted to one version and/or a start date."""
    start = _parse_since(since)
    chosen = [m for m in messages
              if (version is None or m.version == version)
              and (start is None or m.date[:10] >= start.isoformat())]
    by_week, by_channel, by_version, by_page = Counter(), Counter(), Counter(), Counter()
    sources, senders = Counter(), Counter()
    week_version: dict[str, Counter] = defaultdict(Counter)
    latest: dict[str, list[Message]] = defaultdict(list)
    no_version = no_page = 0
    for m in chosen:
        week = week_of(dt.date.fromisoformat(m.date[:10]))
        by_week[week] += 1
        by_channel[m.channel] += 1
        by_version[m.version or "none"] += 1
        week_version[week][m.version or "none"] += 1
        sources[m.version_source or "none"] += 1
        if m.sender:
            senders[m.sender] += 1
        no_version += m.version is None
        no_page += not m.pages
        for page in m.pages:
            by_page[page] += 1
            latest[page].append(m)
    excerpts = {}
    for page in sorted(latest, key=lambda p: (-by_page[p], p)):
        newest = sorted(latest[page], key=lambda m: (m.date, m.id), reverse=True)[:EXCERPTS]
        excerpts[page] = [Excerpt(m.id, m.date, m.version, m.text, m.words.get(page, ()))
                          for m in newest]
    repeat = sorted(((k, n) for k, n in senders.items() if n > 1), key=lambda kn: (-kn[1], kn[0]))
    return FeedbackReport(
        total=len(chosen), filters={"version": version, "since": since},
        by_week=dict(sorted(by_week.items())), by_channel=dict(by_channel.most_common()),
        by_version=dict(sorted(by_version.items(), key=lambda kv: _vkey(kv[0]))),
        by_page=dict(sorted(by_page.items(), key=lambda kv: (-kv[1], kv[0]))),
        version_sources=dict(sources.most_common()),
        week_version={w: dict(sorted(c.items(), key=lambda kv: _vkey(kv[0])))
                      for w, c in sorted(week_version.items())},
        repeat_contributors=repeat[:20], no_version=no_version, no_page=no_page,
        excerpts=excerpts)


def _vkey(version: str) -> tuple[int, str]:
    return (int(version[1:]), version) if version[1:].isdigit() else (10**6, version)


def feedback_report(root: Path, version: str | None = None,
                    since: str | None = None) -> FeedbackReport:
    """`monrecap feedback report`: the store of ``root`` summarised. An unknown ``version``
    (neither in versions/ nor in the store) is a UsageError, as in every command."""
    messages = read_store(root)
    if version is not None and version not in {m.version for m in messages}:
        from monrecap.content import version_ids
        from monrecap.content.inherit import unknown_version

        if version not in version_ids(root):
            raise UsageError(f"--version: {unknown_version(root, version)}")
    return summarize(messages, version, since)


def print_report(console, report: FeedbackReport) -> None:
    """The report in the terminal (Rich)."""
    from rich.markup import escape
    from rich.table import Table

    head = ", ".join(f"{k} {v}" for k, v in report.filters.items() if v)
    if not report.total:
        console.print("no message" + (f" ({head})" if head else " in feedback/: import an "
                                       "export with `monrecap feedback import FILE`"),
                      markup=False)
        return
    console.print(f"[bold]{count(report.total, 'message', lang='en')}[/bold]"
                  + (f" ({head})" if head else "")
                  + f"; without a version: {report.no_version} "
                  f"({report.share(report.no_version):.0%}), without a page: {report.no_page} "
                  f"({report.share(report.no_page):.0%})")
    sources = ", ".join(f"{k} {n}" for k, n in report.version_sources.items())
    console.print(f"version from: {sources}", markup=False)
    for title, counts in (("version", report.by_version), ("channel", report.by_channel),
                          ("page", report.by_page)):
        table = Table(title, "messages", title=f"By {title}", title_justify="left")
        for key, n in counts.items():
            table.add_row(escape(key), str(n))
        console.print(table)
    weeks = Table("week", *report.by_version, title="By week and version", title_justify="left")
    for week, counts in report.week_version.items():
        weeks.add_row(week, *(str(counts.get(v, "")) for v in report.by_version))
    console.print(weeks)
    if report.repeat_contributors:
        console.print("Repeat contributors (by key): " + ", ".join(
            f"{k} ×{n}" for k, n in report.repeat_contributors), markup=False)
    for page, items in report.excerpts.items():
        console.print(f"\n[bold]{escape(page)}[/bold]")
        for e in items:
            console.print(f"  {e.id} {e.date[:10]} {e.version or '?'} "
                          f"[dim](words: {escape(', '.join(e.words))})[/dim]")
            console.print(f"    « {escape(e.text)} »")
