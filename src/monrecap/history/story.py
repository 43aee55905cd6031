"""`monrecap show` in the terminal: a version's changelog, then its changes said as a reader says them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

from monrecap.plural import count

if TYPE_CHECKING:  # a hint only
    from monrecap.history.chronicle import VersionStory


def print_story(console: Console, story: VersionStory,
                evidence: dict[str, str] | None = None) -> None:
    """The changelog of a version, then every change against its parent. ``evidence`` maps
    the cited feedback ids to their redacted text, printed under the finding."""
    carnet = story.carnet
    against = f"against {story.parent}" if story.parent else "(first version)"
    console.print(f"[bold]{carnet.title} {carnet.version}[/bold], released "
                  f"{carnet.released.isoformat()}, layout {carnet.layout} — "
                  f"{count(len(story.changes), 'change', lang='en')} {against}")
    console.print("\n[bold]Changelog[/bold]")
    for entry in carnet.changelog:
        console.print(f"• {escape(entry.change)}")
        console.print(f"  [dim]finding:[/dim] {escape(entry.finding)}")
        for fid in entry.evidence:
            text = (evidence or {}).get(fid)
            quote = (f"« {escape(' '.join(text.split()))} »" if text is not None
                     else "[red]not in the store[/red]")
            console.print(f"    [dim]{fid}:[/dim] {quote}")
    console.print("\n[bold]Changes[/bold]")
    from monrecap.diff.describe import details, headline

    limit = 80 if console.is_terminal else None  # piped: every value whole
    for change in story.changes:
        console.print(escape(headline(change, limit)))
        for line in details(change, limit):
            console.print(f"    {escape(line)}")
