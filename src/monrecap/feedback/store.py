"""The feedback import: parse, redact, pseudonymise, attribute, then append the new messages to
`feedback/<year>.jsonl`, meant for git.

Lines are sorted by id and written with sorted keys, so an import shows in `git diff` as added
lines only. Every file an import touches is prepared first, then each is written to a temporary
file and renamed: bad input or a missing secret writes nothing.

Two imports at once: the slow part (parse, redact, attribute) runs unlocked; deduplicating,
numbering and writing run under the store's lock (`.locks/feedback.lock`, `locking.exclusive`), on
the store as re-read under it — no message is lost and no id is given twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from monrecap.feedback.attribute import Attributor
from monrecap.feedback.keys import load_secret, sender_key
from monrecap.feedback.parse import parse_file
from monrecap.feedback.records import ID, STORE, Message, read_store
from monrecap.feedback.redact import name_pattern, redact
from monrecap.files import write_atomic
from monrecap.locking import exclusive, lock_path


@dataclass
class ImportResult:
    """What an import did: read, new, duplicates, redactions by type, the files written."""

    read: int = 0
    new: int = 0
    duplicates: int = 0
    skipped: int = 0
    form: str = ""
    redactions: Counter = field(default_factory=Counter)
    written: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)


def content_hash(when: dt.datetime, key: str | None, text: str) -> str:
    """The dedup key: date, sender key and redacted text (an export holds the whole history)."""
    data = f"{when.isoformat(timespec='minutes')}\x1f{key or ''}\x1f{text}".encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:20]


def lock_file(root: Path) -> Path:
    """The lock every writer of the feedback store holds."""
    return lock_path(root, "feedback")


@dataclass(frozen=True)
class _Prepared:
    """A message redacted, keyed and attributed, waiting for its id."""

    when: dt.datetime
    channel: str
    key: str | None
    attribution: object
    digest: str
    counts: Counter
    structure: str


def import_file(root: Path, path: Path, channel: str | None = None,
                name: str | None = None, on_wait=None) -> ImportResult:
    """Parse, redact, pseudonymise, attribute and append the new messages of ``path`` to the
    store. Raises MonrecapError (nothing written) on a missing secret or bad input. The
    names of every sender of the file (and of everyone its system lines name) are redacted
    from every message."""
    secret = load_secret()
    parsed = parse_file(path, name or str(path), channel)
    attributor = Attributor.for_repo(root)
    names = name_pattern(parsed.names)
    keys: dict[str, str | None] = {}
    prepared = []
    for raw in parsed.messages:
        if raw.sender not in keys:  # an export has few senders and many messages
            keys[raw.sender] = sender_key(secret, raw.sender) if raw.sender else None
        key = keys[raw.sender]
        cleaned = redact(raw.text, names)
        attribution = attributor.attribute(cleaned.text, raw.when.date())
        prepared.append(_Prepared(raw.when, raw.channel, key, attribution,
                                  content_hash(raw.when, key, cleaned.text), cleaned.counts,
                                  redact(raw.structure, names).text if raw.structure else ""))
    result = ImportResult(read=len(parsed.messages), skipped=parsed.skipped, form=parsed.form)
    with exclusive(lock_file(root), "feedback import", on_wait=on_wait):
        _append(root, prepared, result)
    return result


def _append(root: Path, prepared: list[_Prepared], result: ImportResult) -> None:
    """Number the messages the store does not hold yet after the store's last ids, and write
    the years they go to. The caller holds the lock."""
    existing = read_store(root)
    seen = {m.hash for m in existing}
    by_year: dict[int, list[Message]] = {}
    next_number: dict[int, int] = {}
    for m in existing:
        year, number = (int(g) for g in ID.match(m.id).groups())
        by_year.setdefault(year, []).append(m)
        next_number[year] = max(next_number.get(year, 0), number)
    for item in prepared:
        if item.digest in seen:
            result.duplicates += 1
            continue
        seen.add(item.digest)
        result.redactions.update(item.counts)
        year = item.when.year
        next_number[year] = next_number.get(year, 0) + 1
        a = item.attribution
        message = Message(f"fb-{year}-{next_number[year]:04d}",
                          item.when.isoformat(timespec="seconds"), item.channel, item.key,
                          a.version, a.version_source, a.pages, a.words, a.text, item.digest,
                          item.structure)
        by_year.setdefault(year, []).append(message)
        result.new += 1
        result.ids.append(message.id)
    touched = sorted({int(ID.match(i).group(1)) for i in result.ids})
    payloads = {year: ("\n".join(m.to_line() for m in sorted(
        by_year[year], key=lambda m: int(ID.match(m.id).group(2)))) + "\n").encode("utf-8")
        for year in touched}
    for year, data in payloads.items():
        target = root / STORE / f"{year}.jsonl"
        write_atomic(target, data)
        result.written.append(f"{STORE}/{year}.jsonl")
