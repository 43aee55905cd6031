"""Terminal reports with Rich: what a version changed."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from .history import VersionStory

SYMBOL = {"added": "[green]+[/green]", "removed": "[red]-[/red]", "moved": "[yellow]↕[/yellow]",
          "changed": "[yellow]~[/yellow]"}


def _short(value: object, limit: int = 70) -> str:
    text = repr(value) if not isinstance(value, str) else value
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return escape(text)


def print_story(console: Console, story: VersionStory) -> None:
    """The changelog of a version, then every change against its parent."""
    carnet = story.carnet
    against = f"against {story.parent}" if story.parent else "(first version)"
    console.print(f"[bold]{carnet.title} {carnet.version}[/bold], released "
                  f"{carnet.released.isoformat()}, layout {carnet.layout} — "
                  f"{len(story.changes)} change(s) {against}")
    console.print("\n[bold]Changelog[/bold]")
    for entry in carnet.changelog:
        console.print(f"• {escape(entry.change)}")
        console.print(f"  [dim]finding:[/dim] {escape(entry.finding)}")
    console.print("\n[bold]Changes[/bold]")
    for change in story.changes:
        head = f"{SYMBOL[change.what]} {change.where}"
        if change.what == "changed":
            where = f"{head} → {change.path}" if change.path else head
            console.print(f"{where}: {_short(change.old)} [dim]→[/dim] {_short(change.new)}")
        elif change.what == "added":
            console.print(f"{head} added ({change.new})")
        elif change.what == "removed":
            console.print(f"{head} removed")
        else:
            console.print(f"{head} moved")
