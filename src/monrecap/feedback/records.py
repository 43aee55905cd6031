"""The stored messages: `feedback/<year>.jsonl` read into `Message`s (and their ids).

Kept apart from the import so that the build's evidence check and `monrecap show` read the
store without loading the redaction and attribution machinery.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from monrecap.errors import MonrecapError, Problem

STORE = "feedback"
ID = re.compile(r"^fb-(\d{4})-(\d{4,})$")


@dataclass(frozen=True)
class Message:
    """One stored message: nothing in it identifies a person."""

    id: str
    date: str  # ISO date and time, local to the export
    channel: str
    sender: str | None  # the pseudonymous key, or None
    version: str | None
    version_source: str | None  # "qr", "lot", "inferred"
    pages: tuple[str, ...]
    words: dict[str, tuple[str, ...]]
    text: str
    hash: str
    structure: str = ""

    @property
    def when(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.date)

    def to_line(self) -> str:
        data = {"id": self.id, "date": self.date, "channel": self.channel,
                "sender": self.sender, "version": self.version,
                "version_source": self.version_source, "pages": list(self.pages),
                "words": {k: list(v) for k, v in self.words.items()}, "text": self.text,
                "hash": self.hash, "structure": self.structure}
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_line(cls, line: str) -> "Message":
        data = json.loads(line)
        data["pages"] = tuple(data.get("pages", ()))
        data["words"] = {k: tuple(v) for k, v in data.get("words", {}).items()}
        return cls(**data)


def store_files(root: Path) -> list[Path]:
    folder = root / STORE
    return sorted(folder.glob("[0-9][0-9][0-9][0-9].jsonl")) if folder.is_dir() else []


def read_store(root: Path) -> list[Message]:
    """Every stored message, oldest id first. A line that does not read is an error at its
    file:line (the store is edited by hand sometimes)."""
    messages, problems = [], []
    for path in store_files(root):
        name = f"{STORE}/{path.name}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                messages.append(Message.from_line(line))
            except (ValueError, TypeError) as exc:
                problems.append(Problem(f"{name}:{number}", "", f"not a stored message: {exc}"))
    if problems:
        raise MonrecapError(problems)
    return messages


def known_ids(root: Path) -> frozenset[str]:
    """The ids in the store, for the build's evidence check."""
    return frozenset(m.id for m in read_store(root))


def cited_excerpts(root: Path, ids: list[str]) -> dict[str, str]:
    """id → redacted text of the cited messages found in the store (for `monrecap show`)."""
    wanted = set(ids)
    if not wanted:
        return {}
    return {m.id: m.text for m in read_store(root) if m.id in wanted}
