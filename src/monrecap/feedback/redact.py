"""Personal data out of a message's text, replaced by typed placeholders.

Each kind is found by a loose pattern and confirmed by the validator of a maintained library
(`phonenumbers`, `python-stdnum`) so that ordinary numbers in a sentence stay readable. The
order matters: long checksummed numbers first (IBAN, NIR, card), phone numbers after them, so a
card number is never half taken for a phone number.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import phonenumbers
from stdnum import iban, luhn
from stdnum.fr import nir

PLACEHOLDERS = {"phone": "[téléphone]", "email": "[e-mail]", "nir": "[NIR]", "iban": "[IBAN]",
                "card": "[carte]", "birth": "[date de naissance]", "name": "[nom]"}

EMAIL = re.compile(r"[\w.+-]+(?:@|\s?\(at\)\s?|\s?\[at\]\s?)[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}")
_SEP = r"[ .\-\u00a0]?"
NIR_CANDIDATE = re.compile(r"(?<![\w])[12]" + _SEP + r"\d\d" + _SEP + r"\d\d" + _SEP
                           + r"(?:\d\d|2[AB])" + _SEP + r"\d{3}" + _SEP + r"\d{3}"
                           + r"(?:" + _SEP + r"\d\d)?(?![\w])", re.I)
IBAN_CANDIDATE = re.compile(r"(?<![\w])[A-Z]{2}\d\d(?:[ \u00a0]?[A-Z0-9]){10,30}", re.I)
CARD_CANDIDATE = re.compile(r"(?<![\w])\d(?:[ \-.\u00a0]?\d){12,18}(?![\w])")
_MONTHS = ("janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre"
           "|novembre|décembre|decembre")
_DAY = r"(?:\d{1,2}(?:er)?[/.\- ]\d{1,2}[/.\- ](?:19|20)?\d\d|\d{1,2}(?:er)? (?:" + _MONTHS \
    + r") (?:19|20)\d\d)"
BIRTH = re.compile(r"(?:(?:né|née|nee|ne)e?s?\s+le|naissance\s*:?|ddn\s*:?)\s*(?:le\s+)?"
                   r"(?P<date>" + _DAY + ")", re.I)
OLD_DATE = re.compile(r"(?<!\d)\d{1,2}[/.\-]\d{1,2}[/.\-](?:19\d\d|200\d)(?!\d)")


@dataclass(frozen=True)
class Redacted:
    """A text with personal data replaced, and how many of each kind were found."""

    text: str
    counts: Counter


def _digits(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", text)


def _replace(text: str, pattern: re.Pattern, valid, kind: str, counts: Counter,
             group: str | int = 0) -> str:
    out, last, pos = [], 0, 0
    while (m := pattern.search(text, pos)) is not None:
        span = _valid_span(m, valid, group)
        if span is None:  # not valid as a whole nor as a prefix: try from the next character
            pos = m.start() + 1
            continue
        start, end = span
        out.append(text[last:start])
        out.append(PLACEHOLDERS[kind])
        counts[kind] += 1
        last = pos = end  # the rest of a long candidate may hold the next number
    out.append(text[last:])
    return "".join(out)


def _valid_span(m: re.Match, valid, group) -> tuple[int, int] | None:
    """The match, or its longest prefix ending on a character that the validator accepts
    (a candidate may run into the next word: « FR76…189 ET »)."""
    start, end = m.span(group)
    if valid is None:
        return start, end
    text = m.string
    for stop in range(end, start, -1):
        if not text[stop - 1].isalnum():
            continue
        if valid(_digits(text[start:stop])):
            return start, stop
    return None


def _nir(value: str) -> bool:
    return len(value) == 15 and nir.is_valid(value)


def _iban(value: str) -> bool:
    return len(value) >= 14 and iban.is_valid(value)


def _card(value: str) -> bool:
    return 13 <= len(value) <= 19 and value.isdigit() and luhn.is_valid(value)


#: French numbers in their usual forms, found before phonenumbers' matcher: the matcher gives up
#: on a candidate like « 01 99 00 00 00 ) 01 99 00 00 00 » (found by the property test).
FRENCH_PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)\s?33\s?(?:\(0\)\s?)?|0)[1-9]"
                          r"(?:[ .\-\u00a0]?\d\d){4}(?!\d)")


#: A phone number has at least 7 digits: texts without them skip the (slow) matcher.
SEVEN_DIGITS = re.compile(r"\d(?:\D{0,4}\d){6}")


def _phones(text: str, counts: Counter) -> str:
    text = _replace(text, FRENCH_PHONE, None, "phone", counts)
    if not SEVEN_DIGITS.search(text):
        return text
    out, last = [], 0
    for m in phonenumbers.PhoneNumberMatcher(text, "FR", leniency=phonenumbers.Leniency.POSSIBLE):
        out.append(text[last:m.start])
        out.append(PLACEHOLDERS["phone"])
        counts["phone"] += 1
        last = m.end
    out.append(text[last:])
    return "".join(out)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def name_pattern(names: Iterable[str]) -> re.Pattern | None:
    """A pattern for a sender's display names and their parts (3 letters or more), matched
    whole-word, case- and accent-insensitively (on the folded text)."""
    parts = set()
    for name in names:
        if not name or any(ch.isdigit() for ch in name):
            continue
        folded = _fold(name).strip()
        parts.add(folded)
        parts.update(w for w in re.split(r"[\s\-'’]+", folded) if len(w) >= 3)
    if not parts:
        return None
    alternatives = "|".join(re.escape(p) for p in sorted(parts, key=len, reverse=True))
    return re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)")


def _names(text: str, pattern: re.Pattern | None, counts: Counter) -> str:
    if pattern is None:
        return text
    folded = _fold(text)
    if len(folded) != len(text):  # a ligature or similar: fold char by char to keep offsets
        folded = "".join(_fold(c)[:1] or c for c in text)
    out, last = [], 0
    for m in pattern.finditer(folded):
        out.append(text[last:m.start()])
        out.append(PLACEHOLDERS["name"])
        counts["name"] += 1
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def redact(text: str, names: re.Pattern | None = None) -> Redacted:
    """``text`` without phone numbers, e-mails, NIR, IBAN, card numbers, dates of birth, nor
    the display names that ``names`` matches.

    >>> redact("Appelez-moi au 06 39 98 12 34 ou moi@exemple.fr").text
    'Appelez-moi au [téléphone] ou [e-mail]'
    """
    counts: Counter = Counter()
    text = _replace(text, EMAIL, None, "email", counts)
    text = _replace(text, BIRTH, None, "birth", counts, "date")
    text = _replace(text, OLD_DATE, None, "birth", counts)
    text = _replace(text, IBAN_CANDIDATE, _iban, "iban", counts)
    text = _replace(text, NIR_CANDIDATE, _nir, "nir", counts)
    text = _replace(text, CARD_CANDIDATE, _card, "card", counts)
    text = _phones(text, counts)
    text = _names(text, names, counts)
    return Redacted(text, counts)
