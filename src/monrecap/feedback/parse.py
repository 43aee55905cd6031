"""Feedback files → raw messages: WhatsApp chat exports (Android and iOS forms) and CSV notes.

Nothing here is stored: the raw messages still hold personal data and go straight to
`redact.py`. No maintained parser on PyPI reads both French export forms with their line
numbers, so this is a small one, tested on both.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import MonrecapError, Problem
from ..tabular import decode, read_table

CHANNELS = ("whatsapp", "phone", "pro", "committee")
_CHANNEL_ALIASES = {"telephone": "phone", "téléphone": "phone", "tel": "phone",
                    "professionnel": "pro", "professionnels": "pro", "comite": "committee",
                    "comité": "committee", "comité d'usagers": "committee"}


@dataclass(frozen=True)
class RawMessage:
    """One message as read, before redaction: never written anywhere."""

    line: int
    when: dt.datetime
    sender: str  # a phone number or a display name; "" when unknown (CSV notes)
    text: str
    channel: str
    structure: str = ""  # CSV: the type of structure that gave the feedback


@dataclass(frozen=True)
class Parsed:
    """What a file held: its messages, and how many lines were skipped as system or media."""

    messages: list[RawMessage]
    skipped: int
    form: str  # "android", "ios" or "csv"


_DATE = r"(\d{1,2})/(\d{1,2})/(\d{2,4})"
ANDROID = re.compile(_DATE + r",? (\d{1,2}):(\d{2})(?::(\d{2}))? - (.*)$")
IOS = re.compile(r"\[" + _DATE + r",? (\d{1,2}):(\d{2})(?::(\d{2}))?\] (.*)$")
_SENDER = re.compile(r"^([^:\n]{1,80}?): (.*)$", re.S)
_ATTACHMENT = re.compile(r"^\s*(?:\S+\.\w{2,4} \(fichier joint\)|<joint ?: [^>]*>"
                         r"|\S+\.\w{2,4} \(file attached\)|<attached: [^>]*>)\s*$")
_OMITTED = {"<médias omis>", "<media omitted>", "image absente", "vidéo absente", "audio omis",
            "ce message a été supprimé", "vous avez supprimé ce message", "null"}
_SYSTEM_WORDS = ("chiffrés de bout en bout", "a créé le groupe", "a ajouté", "a quitté",
                 "a changé", "vous avez créé", "end-to-end encrypted", "a rejoint")


def normalise_channel(value: str) -> str | None:
    """A channel name in English, from its English or French spelling; None if unknown.

    >>> normalise_channel("Téléphone"), normalise_channel("pro"), normalise_channel("fax")
    ('phone', 'pro', None)
    """
    key = value.strip().lower()
    key = _CHANNEL_ALIASES.get(key, key)
    return key if key in CHANNELS else None


def _when(m: re.Match, where: str) -> dt.datetime:
    day, month, year, hour, minute, second = m.group(1, 2, 3, 4, 5, 6)
    year = int(year) + (2000 if len(year) == 2 else 0)
    try:
        return dt.datetime(year, int(month), int(day), int(hour), int(minute), int(second or 0))
    except ValueError as exc:
        raise MonrecapError([Problem(where, "", f"not a date: {exc}")]) from None


def _header(line: str) -> tuple[str, re.Match] | None:
    line = line.lstrip("\u200e\ufeff")
    for form, pattern in (("ios", IOS), ("android", ANDROID)):
        m = pattern.match(line)
        if m:
            return form, m
    return None


def parse_whatsapp(path: Path, name: str, channel: str = "whatsapp") -> Parsed:
    """A WhatsApp chat export (the whole history), either form; multi-line messages joined,
    system lines, deleted messages and omitted media skipped, attachment lines dropped."""
    text, _ = decode(_read(path, name))
    lines = text.splitlines()
    form = None
    pending: list[list] = []  # [line, when, sender, [text lines]]
    skipped = 0
    for number, line in enumerate(lines, start=1):
        found = _header(line)
        if found is None:
            if not pending:
                if not line.strip():
                    continue
                raise MonrecapError([Problem(f"{name}:{number}", "", (
                    "not a WhatsApp export: a message starts like « 14/03/2026 10:42 - Nom : "
                    "texte » (Android) or « [14/03/2026 10:42:05] Nom : texte » (iOS)"))])
            pending[-1][3].append(line)
            continue
        line_form, m = found
        form = form or line_form
        when = _when(m, f"{name}:{number}")
        rest = m.group(7)
        sender = _SENDER.match(rest)
        if sender is None or _system(sender.group(1)) or (
                sender.group(2).startswith("\u200e") and _system(sender.group(2))):
            skipped += 1  # a system line: encryption notice, someone joined, a new subject…
            pending.append([number, when, None, []])
            continue
        pending.append([number, when, sender.group(1).strip(), [sender.group(2)]])
    messages = []
    for number, when, sender, parts in pending:
        if sender is None:
            continue
        kept = [p for p in parts if not _ATTACHMENT.match(p.replace("\u200e", ""))]
        body = "\n".join(kept).replace("\u200e", "").strip()
        if not body or body.lower() in _OMITTED:
            skipped += 1
            continue
        messages.append(RawMessage(number, when, sender, body, channel))
    if form is None:
        raise MonrecapError([Problem(f"{name}:1", "", "not a WhatsApp export: no message found")])
    return Parsed(messages, skipped, form)


def _system(text: str) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in _SYSTEM_WORDS)


def _read(path: Path, name: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise MonrecapError([Problem(name, "", f"cannot read the file: {exc.strerror}")]) from None


_COLUMNS = {"date": ("date", "jour"),
            "channel": ("channel", "canal"),
            "structure": ("structure", "type_de_structure", "structure_type", "type"),
            "text": ("text", "texte", "message", "retour", "avis"),
            "sender": ("sender", "contact", "personne", "nom")}


def _column(columns: tuple[str, ...], role: str) -> str | None:
    return next((c for c in _COLUMNS[role] if c in columns), None)


def _csv_date(value: str) -> dt.datetime | None:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M:%S"):
        try:
            return dt.datetime.strptime(value, fmt)
        except ValueError:
            continue
    return None


def parse_csv(path: Path, name: str, channel: str | None = None) -> Parsed:
    """Phone notes and professionals' feedback: columns date, channel, structure type, text
    (French or English names); ``channel`` fills rows that have none. Every bad row is reported."""
    table = read_table(path, name=name)
    columns = {role: _column(table.columns, role) for role in _COLUMNS}
    problems = [Problem(f"{name}:1", role, f"missing column (one of: {', '.join(names)})")
                for role, names in _COLUMNS.items()
                if role in ("date", "text") and columns[role] is None]
    if problems:
        raise MonrecapError(problems)
    problems = list(table.problems)  # rows with the wrong number of fields
    messages = []
    for row in table.rows:
        where = f"{name}:{row.line}"
        text = row.get(columns["text"])
        when = _csv_date(row.get(columns["date"]))
        raw_channel = row.get(columns["channel"]) if columns["channel"] else ""
        row_channel = normalise_channel(raw_channel) if raw_channel else channel
        if not text:
            problems.append(Problem(where, columns["text"], "missing text"))
        if when is None:
            problems.append(Problem(where, columns["date"], (
                f"'{row.get(columns['date'])}' is not a date (write 2026-03-14 or 14/03/2026)")))
        if row_channel is None:
            problems.append(Problem(where, columns["channel"] or "channel", (
                f"'{raw_channel}' is not a channel ({', '.join(CHANNELS)})" if raw_channel
                else "no channel: add the column or pass --channel")))
        if text and when and row_channel:
            messages.append(RawMessage(row.line, when, row.get(columns["sender"])
                                       if columns["sender"] else "", text, row_channel,
                                       row.get(columns["structure"]) if columns["structure"]
                                       else ""))
    if problems:
        raise MonrecapError(problems)
    return Parsed(messages, 0, "csv")


def parse_file(path: Path, name: str, channel: str | None = None) -> Parsed:
    """A CSV (by its extension) or a WhatsApp export (by its first message line)."""
    if channel is not None and normalise_channel(channel) is None:
        raise MonrecapError(f"--channel {channel}: not a channel ({', '.join(CHANNELS)})")
    channel = normalise_channel(channel) if channel else None
    if path.suffix.lower() == ".csv":
        return parse_csv(path, name, channel)
    return parse_whatsapp(path, name, channel or "whatsapp")
