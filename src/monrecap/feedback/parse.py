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

from monrecap.errors import MonrecapError, Problem
from monrecap.tabular import decode, read_table

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
    names: tuple[str, ...] = ()  # every sender's display name and every name a system line
    #                              gives: redacted in every message of the file


_DATE = r"(\d{1,2})/(\d{1,2})/(\d{2,4})"
ANDROID = re.compile(_DATE + r",? (\d{1,2}):(\d{2})(?::(\d{2}))? - (.*)$")
IOS = re.compile(r"\[" + _DATE + r",? (\d{1,2}):(\d{2})(?::(\d{2}))?\] (.*)$")
_SENDER = re.compile(r"^([^:\n]{1,80}?): (.*)$", re.S)
#: An attachment line: « IMG-….jpg (fichier joint) », « Prénom Nom.vcf (fichier joint) »,
#: iOS's « <joint : …> », and their English forms.
_ATTACHMENT = re.compile(r"^\s*(?:.{1,120}\.\w{2,5} \((?:fichier joint|file attached)\)"
                         r"|<(?:joint|attached) ?: [^>]*>)\s*$", re.I)
_EDITED = re.compile(r"\s*<(?:ce message a été modifié|this message was edited)\.?>\s*$", re.I)
#: Whole bodies that are a notice, not a message (deleted, media omitted, calls, waiting…).
_NOTICES = re.compile(r"^(?:<?(?:médias?|media) (?:omis|omitted)>?|image (?:absente|omise|omitted)"
                      r"|vidéo (?:absente|omise)|video omitted|audio (?:omis|omitted)"
                      r"|(?:sticker|autocollant) (?:omis|omitted)|gif (?:omis|omitted)"
                      r"|document (?:omis|omitted)|carte de contact omise|contact card omitted"
                      r"|ce message a été supprimé(?: par (?:un |l['’])?admin\w*)?"
                      r"|vous avez supprimé ce message|this message was deleted"
                      r"|you deleted this message|message supprimé"
                      r"|en attente de ce message(?:\. cela peut prendre du temps)?"
                      r"|waiting for this message|appel (?:vocal|vidéo) manqué"
                      r"|missed (?:voice|video) call|message à vue unique|view once message"
                      r"|position en direct(?: partagée)?|live location shared"
                      r"|(?:position|localisation|location) ?: ?https?://\S+|null)\.?$", re.I)
#: What a system line says (the line without « Name: », the part before a colon, or an
#: iOS notice): who joined, was added, left or was removed, a new subject, icon or
#: description, a security code or number that changed, disappearing messages, encryption.
_SYSTEM = re.compile(
    r"chiffrés de bout en bout|end-to-end encrypted|a créé (?:le )?groupe|avez créé"
    r"|created group|a rejoint|\bjoined\b|a ajouté|avez ajouté|vous a ajouté|a été ajouté"
    r"|a retiré|avez retiré|vous a retiré|a été retiré|a quitté|avez quitté|est parti"
    r"|êtes parti|\bleft\b|\badded\b|\bremoved\b"
    r"|a changé (?:le sujet|l['’]objet|l['’]icône|la photo|la description|les paramètres"
    r"|son numéro|de numéro|le nom)|avez changé|a supprimé (?:l['’]icône|la photo)"
    r"|changed (?:the subject|this group|the group|their phone number|to)"
    r"|code de sécurité|security code|messages éphémères|disappearing messages"
    r"|avez (?:bloqué|débloqué)|you (?:blocked|unblocked)|est (?:maintenant )?admin"
    r"|n['’]est plus admin|(?:now|no longer) an admin|a épinglé|pinned a message",
    re.I)
#: The people a system line names: redacted wherever the export's messages name them.
_NAMED = (re.compile(r"code de sécurité (?:avec|de) (?P<n>[^:\n]{1,80}?) a changé", re.I),
          re.compile(r"(?:a|avez) (?:ajouté|retiré) (?P<n>[^:\n]{1,80}?)\.?$", re.I),
          re.compile(r"\b(?:added|removed) (?P<n>[^:\n]{1,80}?)\.?$", re.I),
          re.compile(r"^(?P<n>[^:\n]{1,80}?) (?:vous )?(?:a rejoint|a quitté|est parti|a été "
                     r"(?:ajouté|retiré)|a créé|a changé|a supprimé|a ajouté|a retiré|a épinglé"
                     r"|joined|left|added|removed|changed|created|was)\b", re.I))


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
    system lines (joined, added, left, new subject, security code…), deleted messages,
    omitted media and calls skipped, attachment lines and « modifié » marks dropped. The
    names of every sender and of everyone a system line names are kept for redaction."""
    text, _ = decode(_read(path, name), name)
    named: set[str] = set()
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
        rest = m.group(7).replace("\u200e", "").strip()
        sender = _SENDER.match(m.group(7).lstrip("\u200e"))
        notice = None
        if sender is None or _SYSTEM.search(sender.group(1)):
            notice = rest  # Android: a line without « Name: », or one like a name change
        elif sender.group(2).startswith("\u200e") and \
                not _ATTACHMENT.match(sender.group(2).replace("\u200e", "")):
            notice = sender.group(2).replace("\u200e", "")  # iOS: its notices start so
        if notice is not None:
            skipped += 1  # a system line: encryption notice, someone joined, a new subject…
            named.update(_named(notice))
            pending.append([number, when, None, []])
            continue
        pending.append([number, when, sender.group(1).strip(), [sender.group(2)]])
    messages = []
    for number, when, sender, parts in pending:
        if sender is None:
            continue
        named.add(sender)
        kept = [p for p in parts if not _ATTACHMENT.match(p.replace("\u200e", ""))]
        body = _EDITED.sub("", "\n".join(kept).replace("\u200e", "")).strip()
        if not body or _NOTICES.match(body):
            skipped += 1
            continue
        messages.append(RawMessage(number, when, sender, body, channel))
    if form is None:
        raise MonrecapError([Problem(f"{name}:1", "", "not a WhatsApp export: no message found")])
    return Parsed(messages, skipped, form, tuple(sorted(named)))


def _named(notice: str) -> list[str]:
    """The people a system line names (« Samia Benali a rejoint… », « Vous avez ajouté
    Lucas Moreau »), without « vous »."""
    found = []
    for pattern in _NAMED:
        m = pattern.search(notice)
        if m and m.group("n").strip().lower() not in ("vous", "you"):
            found.append(m.group("n").strip(" .«»\"'"))
        if m and pattern is _NAMED[0]:
            break  # « Votre code de sécurité avec X a changé »: X only
    return [n for n in found if not re.match(r"(?i)(?:votre|your|les|the|ce|this) ", n)]


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
    return Parsed(messages, 0, "csv", tuple(sorted({m.sender for m in messages if m.sender})))


def parse_file(path: Path, name: str, channel: str | None = None) -> Parsed:
    """A CSV (by its extension) or a WhatsApp export (by its first message line)."""
    if channel is not None and normalise_channel(channel) is None:
        raise MonrecapError(f"--channel {channel}: not a channel ({', '.join(CHANNELS)})")
    channel = normalise_channel(channel) if channel else None
    if path.suffix.lower() == ".csv":
        return parse_csv(path, name, channel)
    return parse_whatsapp(path, name, channel or "whatsapp")
