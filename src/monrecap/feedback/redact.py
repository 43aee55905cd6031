"""Personal data out of a message's text, replaced by typed placeholders.

One pass per kind, in an order where the surer and longer come first: contact cards, e-mails,
links (a map link is a position), coordinates, IBANs, NIRs, dates of birth, identity
documents and numbers introduced by their name (« allocataire », « passeport »…), licence
plates, postal addresses, then every run of digits, then names (`identity.py`). Secrets
(« mot de passe Soleil2026! », « code de carte est 4821 ») and health details (« je suis en
dépression ») are `confidential.py`'s, before the numbers and after them.

Digits are read as runs (groups joined by one separator: space, dot, dash, slash): a run that
is wholly phone numbers becomes as many `[téléphone]`; else each part written with one
separator is read alone, and any part of 8 digits or more that is not a date is redacted
whole — a card, a NIR, or `[numéro]` when nothing says what it is. A number is never half
taken: no fragment of it is left beside its placeholder. When unsure, this redacts more,
never less (a quote number or a long amount in a message is lost; a phone number is not
kept). Checksums (`python-stdnum`) only choose the placeholder's name.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

import phonenumbers
from stdnum import luhn

from monrecap.feedback.accounts import (
    IBAN_CANDIDATE,
    card_not_nir,
    checked_end,
    checked_inside,
    iban_span,
)
from monrecap.feedback.confidential import health, secrets
from monrecap.feedback.identity import (
    ADDRESSES,
    CONTEXT_IDS,
    PASSPORT,
    PLATE,
    PLATE_SPACED,
    STREET_WORDS,
    Names,
    cued_names,
    name_pattern,
    old_plate,
    replace_names,
    words_of,
)

__all__ = ["redact", "name_pattern", "Redacted", "PLACEHOLDERS"]

PLACEHOLDERS = {"phone": "[téléphone]", "email": "[e-mail]", "nir": "[NIR]", "iban": "[IBAN]",
                "card": "[carte]", "birth": "[date de naissance]", "name": "[nom]",
                "address": "[adresse]", "plate": "[plaque]", "caf": "[n° allocataire]",
                "passport": "[passeport]", "id_card": "[pièce d'identité]",
                "position": "[position]", "contact": "[contact]", "link": "[lien]",
                "number": "[numéro]", "secret": "[secret]", "health": "[santé]"}

VCARD = re.compile(r"BEGIN:VCARD.*?(?:END:VCARD|\Z)", re.S | re.I)
VCF = re.compile(r"(?:[A-ZÀ-ÖØ-Þ][^\s\[\]<>:;,]* ){0,3}[^\s\[\]<>:;,]+\.(?i:vcf)\b")
EMAIL = re.compile(r"[\w.+-]+(?:@|\s?\(at\)\s?|\s?\[at\]\s?|\s(?:arobase|at)\s)[\w-]+"
                   r"(?:\.[\w-]+)*\.[a-zA-Z]{2,}")
URL = re.compile(r"(?:\b(?:https?|geo):\S+|\bwww\.\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|fr|org|net"
                 r"|eu|be|ch|io|me|ly|gl|app|info)/\S*)", re.I)
MAPS = re.compile(r"maps|goo\.gl|openstreetmap|osm\.org|waze|what3words|mappy|geo:|"
                  r"[?&](?:q|ll|query|daddr|saddr)=-?\d|@-?\d+\.\d+,", re.I)
COORDINATES = re.compile(r"(?<![\w.])-?\d{1,2}[.,]\d{3,}(?:\s*[,;/]\s*|\s+)-?\d{1,3}[.,]\d{3,}"
                         r"(?![\w])"
                         r"|\d{1,2}\s?°\s?\d{1,2}\s?['’]\s?(?:\d{1,2}(?:[.,]\d+)?\s?(?:\"|''|”)"
                         r")?\s?[NS]\s*,?\s*\d{1,3}\s?°\s?\d{1,2}\s?['’]\s?(?:\d{1,2}(?:[.,]\d+)?"
                         r"\s?(?:\"|''|”))?\s?[EOW]\b")
_SEP = r"[ .\-/\u00a0\u202f]?"
#: A NIR's shape (sex, year, month, department or 2A/2B, commune, order), its key after it
#: or after « clé »: redacted whether or not the key checks out (a NIR with a typo still
#: names its holder). Never a piece of a longer run of digits (the runs take those whole) —
#: but a Corsican one (2A, 2B), which no run of digits takes whole, wherever it is, even
#: written against the digits of another number (« 06 39 98 12 392 37 08 2A … ») or
#: of the next Corsican one.
_RUN_ENDS = r"(?![\w])(?![ .\-/\u00a0\u202f]\d)"
_NIR_HEAD = r"[1-478]" + _SEP + r"\d\d" + _SEP + r"(?:0[1-9]|1[0-2]|[2-9]\d)" + _SEP
_NIR_TAIL = _SEP + r"\d{3}" + _SEP + r"\d{3}"
_NIR_KEY = r"\s*,?\s*\(?\s*cl[ée]\s*:?\s*\d\d\)?"
NIR_CANDIDATE = re.compile(
    r"(?<![\w])(?<!\d[ .\-/\u00a0\u202f])" + _NIR_HEAD + r"\d\d" + _NIR_TAIL
    + r"(?:" + _NIR_KEY + r"|" + _SEP + r"\d\d" + _RUN_ENDS + r"|" + _RUN_ENDS + r")"
    + r"|(?<![^\W\d_])" + _NIR_HEAD + r"2[AB]" + _NIR_TAIL + r"(?:" + _NIR_KEY + r"|" + _SEP
    + r"\d\d(?![\w])|(?:" + _SEP + r"\d\d)?(?=" + _NIR_HEAD + r"2[AB])|(?![\w]))", re.I)
CARD_CANDIDATE = re.compile(r"(?<![\w])\d(?:[ \-.\u00a0]?\d){12,18}(?![\w])")
_MONTHS = ("janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre"
           "|novembre|décembre|decembre")
_DAY = r"(?:\d{1,2}(?:er)?[/.\- ]\d{1,2}[/.\- ](?:19|20)?\d\d|\d{1,2}(?:er)? (?:" + _MONTHS \
    + r") (?:19|20)\d\d|(?:19|20)\d\d)"
BIRTH = re.compile(r"(?:\bn[ée]e?s?(?:\s?\((?:e|es|ée|s)\))?(?:\s+à\s+[\w'’\- ]{1,30}?)?\s+"
                   r"(?:le|en)\s+|\bnaissance\s*:?\s*(?:le\s+)?|\bddn\s*:?\s*)"
                   r"(?P<date>" + _DAY + r")(?!\d)", re.I)
OLD_DATE = re.compile(r"(?<!\d)\d{1,2}[/.\-]\d{1,2}[/.\-](?:19\d\d|200\d)(?!\d)")
#: A date (valid day and month) or a range of years: never read as part of a number.
DATE = re.compile(r"(?<![\d/.\-])(?:(?P<d>[0-3]?\d)(?P<s>[/.\-])(?P<m>[01]?\d)(?P=s)"
                  r"(?:19|20)?\d\d|(?:19|20)\d\d-(?P<m2>[01]\d)-(?P<d2>[0-3]\d)"
                  r"|(?:19|20)\d\d ?[-/] ?(?:19|20)\d\d)(?![/.\-]?\d)")
INTL_PREFIX = re.compile(r"\(\s*(\+|00)\s?(\d{1,3})\s*\)\s?|(\+|\b00)\s?(\d{1,3})\s?\(0\)\s?")
RUN = re.compile(r"(?<!\d)(?:\+\s?)?\d+(?:[ .\-/\u00a0\u202f]\d+)*")
PHONE = re.compile(r"0[1-9]\d{8}|(?:33|0033)[1-9]\d{8}")
_ODD_PAIRS = re.compile(r"(?<![\d,_·])0[1-9](?:[,_·]\d\d){4}(?![\d]|[,_·]\d)")
MIN_DIGITS = 8  # a run this long that is not a date is redacted whatever it is
FRAGMENT = 5    # in a run that holds a phone number, a piece this long is redacted too
#: Fewer than three digits make no personal number: such texts skip every number pass.
THREE_DIGITS = re.compile(r"\d\D*\d\D*\d")
DIGIT = re.compile(r"\d")
#: A phone number has at least 7 digits: texts without them skip the (slow) matcher.
#: A NIR's key written after a number already redacted: it goes with it.
KEY_AFTER = re.compile(r"(\[[^\]\[]+\])\s*,?\s*\(?\s*cl[ée]\s*:?\s*\d\d\)?", re.I)
SEVEN_DIGITS = re.compile(r"\d(?:\D{0,4}\d){6}")


@dataclass(frozen=True)
class Redacted:
    """A text with personal data replaced, and how many of each kind were found."""

    text: str
    counts: Counter


class _Text:
    """The text being redacted and the counts, so that each pass is one line below."""

    def __init__(self, text: str):
        self.text = text
        self.counts: Counter = Counter()

    def sub(self, pattern: re.Pattern, kind, group: str | int = 0) -> None:
        """Replace every match (its ``group``) by the placeholder of ``kind``, or of
        ``kind(match)`` when kind is a function (None: leave the match)."""
        if pattern.search(self.text) is None:  # the common case, and the cheap one
            return
        out, last = [], 0
        for m in pattern.finditer(self.text):
            name = kind(m) if callable(kind) else kind
            if name is None:
                continue
            start, end = m.span(group)
            out += [self.text[last:start], PLACEHOLDERS[name]]
            self.counts[name] += 1
            last = end
        self.text = "".join(out) + self.text[last:]


def _link(m: re.Match) -> str:
    return "position" if MAPS.search(m.group()) else "link"


def _url_end(text: str) -> str:
    return text.rstrip(".,;:!?»)]'\"’")


def _dates(text: str) -> tuple[str, list[str]]:
    """Dates and year ranges swapped for markers that no digit run crosses."""
    kept: list[str] = []

    def hide(m: re.Match) -> str:
        day, month = m.group("d") or m.group("d2"), m.group("m") or m.group("m2")
        if day is not None and not (1 <= int(day) <= 31 and 1 <= int(month) <= 12):
            return m.group()
        kept.append(m.group())
        return f"\ue000{len(kept) - 1}\ue001"

    return DATE.sub(hide, text), kept


def _phones(digits: str) -> int:
    """How many phone numbers ``digits`` is, end to end (0: it is not only phones)."""
    found, pos = 0, 0
    while pos < len(digits):
        m = PHONE.match(digits, pos)
        if m is None:
            return 0
        found, pos = found + 1, m.end()
    return found


def _nir_kind(m: re.Match) -> str:
    return "card" if card_not_nir(re.sub(r"\D", "", m.group())) else "nir"


def _number_kind(digits: str, written: str) -> str:
    """What a long run that is not phone numbers is, for its placeholder's name."""
    if written.lstrip().startswith("+"):
        return "phone"
    if re.fullmatch(r"[1-478]\d{4}(?:\d\d|2[AB])\d{6}(?:\d\d)?", digits) \
            and not card_not_nir(digits):
        return "nir"  # 13 digits: a NIR without its key (no card of 13 is issued today)
    if 13 <= len(digits) <= 19 and luhn.is_valid(digits):
        return "card"
    return "number"


def _phone_spans(digits: list[str], seps: list[str], taken: set[int],
                 consistent: bool) -> list[tuple[int, int]]:
    """(first, last) group of each phone number found left to right among groups not
    ``taken``; ``consistent``: only groups joined by one and the same separator."""
    spans, i = [], 0
    while i < len(digits):
        found, acc = None, ""
        for j in range(i, len(digits)):
            if j in taken or (j > i and consistent and seps[j - 1] != seps[i]):
                break
            if not consistent and j > i and len(digits[j]) > 2:
                break  # mixed separators: only a number written in pairs (« 06 39.98-12 34 »)
            acc += digits[j]
            if len(acc) > 13:
                break
            if _phones(acc) == 1:
                found = j
                break
        if found is None:
            i += 1
        else:
            spans.append((i, found))
            i = found + 1
    return spans


def _run(run: str, t: _Text) -> str:
    """One run of digit groups (one separator between groups) redacted: phone numbers first
    — written with one separator, they take the groups that the same separator joins to
    them (« 06 39 98 12 34 5 » is a number mistyped, not a number and a 5) —, then phone
    numbers written with mixed separators; what is left, when 8 digits or more (5 beside a
    phone number: a piece of a number written against it), whole."""
    pieces = re.split(r"([ .\-/\u00a0\u202f])", run)
    groups, seps = pieces[0::2], pieces[1::2]
    digits = [re.sub(r"\D", "", g) for g in groups]
    if len("".join(digits)) < MIN_DIGITS and not run.startswith("+"):
        return run
    joined = "".join(digits)
    if len(groups) > 2 and all(len(d) == 4 for d in digits[:-1]) and 13 <= len(joined) <= 19 \
            and luhn.is_valid(joined):  # a card grouped by four, whatever digits it holds
        t.counts["card"] += 1
        return PLACEHOLDERS["card"]
    whole = _phones(joined)
    if whole:
        t.counts["phone"] += whole
        return " ".join([PLACEHOLDERS["phone"]] * whole)
    spans: list[tuple[int, int]] = []
    for consistent in (True, False):
        taken = {k for i, j in spans for k in range(i, j + 1)}
        found = _phone_spans(digits, seps, taken, consistent)
        if consistent:  # take the groups the phone number's own separator joins to it
            grown = []
            for i, j in found:
                sep = seps[i] if j > i else None
                others = {k for a, b in found if (a, b) != (i, j) for k in range(a, b + 1)}
                while sep is not None and i > 0 and seps[i - 1] == sep and i - 1 not in others:
                    i -= 1
                while sep is not None and j + 1 < len(groups) and seps[j] == sep \
                        and j + 1 not in others:
                    j += 1
                grown.append((i, j))
            found = grown
        spans = sorted(spans + found)
    out, k = [], 0
    for i, j in spans + [(len(groups), len(groups))]:
        if k < i:  # groups k..i-1 hold no phone number
            rest = "".join(groups[m] + (seps[m] if m < i - 1 else "") for m in range(k, i))
            rest_digits = "".join(digits[k:i])
            if re.fullmatch(r"\+\d{1,4}|00\d{1,3}", rest) and i < len(groups):
                k = i  # a country code: the phone number after it takes it
            elif len(rest_digits) >= (FRAGMENT if spans else MIN_DIGITS) or \
                    rest.startswith("+") and len(rest_digits) > 4:
                kind = _number_kind(rest_digits, rest)
                t.counts[kind] += 1
                rest = PLACEHOLDERS[kind]
            if k < i:
                out.append(rest)
                if i < len(groups):
                    out.append(seps[i - 1])
        if i < len(groups):
            t.counts["phone"] += 1
            out.append(PLACEHOLDERS["phone"])
            if j + 1 < len(groups):
                out.append(seps[j])
        k = j + 1
    return "".join(out)


def _numbers(t: _Text) -> None:
    text, dates = _dates(t.text)
    text = RUN.sub(lambda m: _run(m.group(), t), text)
    t.text = re.sub("\ue000(\\d+)\ue001", lambda m: dates[int(m.group(1))], text)


def _matcher(t: _Text) -> None:
    """phonenumbers' matcher over what is left, for the forms the runs did not take."""
    if not SEVEN_DIGITS.search(t.text):
        return
    out, last = [], 0
    for m in phonenumbers.PhoneNumberMatcher(t.text, "FR",
                                             leniency=phonenumbers.Leniency.POSSIBLE):
        out += [t.text[last:m.start], PLACEHOLDERS["phone"]]
        t.counts["phone"] += 1
        last = m.end
    t.text = "".join(out) + t.text[last:]


def _links(t: _Text) -> None:
    """Links: a map link is a position, any other a link (its path may name someone)."""
    out, last = [], 0
    for m in URL.finditer(t.text):
        url = _url_end(m.group())
        kind = _link(m)
        out += [t.text[last:m.start()], PLACEHOLDERS[kind]]
        t.counts[kind] += 1
        last = m.start() + len(url)
    t.text = "".join(out) + t.text[last:]


def _identifiers(t: _Text) -> None:
    """Coordinates, IBANs, NIRs, dates of birth, numbers introduced by their name, passports
    and plates: the kinds that are surer than a bare run of digits."""
    t.sub(COORDINATES, "position")
    pos = 0
    while (m := IBAN_CANDIDATE.search(t.text, pos)) is not None:
        end = iban_span(m.group())
        inner = None if checked_end(m.group()) else checked_inside(t.text, m)
        if not end or (inner is not None and inner < m.start() + end):
            pos = m.start() + 1  # not one, or words before a true one: look again further
            continue  # (a mistyped IBAN that ends before the true one is one, though)
        t.text = t.text[:m.start()] + PLACEHOLDERS["iban"] + t.text[m.start() + end:]
        t.counts["iban"] += 1
        pos = m.start() + len(PLACEHOLDERS["iban"])
    t.sub(NIR_CANDIDATE, _nir_kind)
    t.sub(BIRTH, "birth", "date")
    t.sub(OLD_DATE, "birth")
    for pattern, kind in CONTEXT_IDS:
        t.sub(pattern, kind, "id")
    t.sub(PASSPORT, "passport")
    t.sub(PLATE, "plate")
    t.sub(PLATE_SPACED, lambda m: old_plate(m, MIN_DIGITS))


def redact(text: str, names: Names | None = None) -> Redacted:
    """``text`` without contact cards, e-mails, links and positions, secrets, IBAN, NIR,
    dates of birth, identity and benefit numbers, licence plates, addresses, phone and card
    numbers and any long number, health details, nor names: the display names ``names``
    matches (every sender of an export) and the names a message introduces (« je m'appelle
    X », « Mme X »), wherever the message mentions them again.

    >>> redact("Appelez-moi au 06 39 98 12 34 ou moi@exemple.fr").text
    'Appelez-moi au [téléphone] ou [e-mail]'
    """
    # « é » typed as « e » + a combining accent (some phones, macOS) reads as « é »; a phone
    # number in pairs joined by commas, underscores or middle dots, as one with spaces
    text = _ODD_PAIRS.sub(lambda m: re.sub(r"[,_·]", " ", m.group()),
                          unicodedata.normalize("NFC", text))
    t = _Text(text)
    lower = text.lower()
    digit = DIGIT.search(text) is not None
    digits = digit and THREE_DIGITS.search(text) is not None  # else no personal number
    if digit:  # « +33 (0)6 … », « (+33) 6 … »: the country code as the digit runs read it
        t.text = INTL_PREFIX.sub(lambda m: (m.group(1) or m.group(3))
                                 + (m.group(2) or m.group(4)) + " ", t.text)
    if "vcard" in lower:
        t.sub(VCARD, "contact")
    if ".vcf" in lower:
        t.sub(VCF, "contact")
    if "@" in text or "(at)" in lower or "[at]" in lower or " at " in lower \
            or "arobase" in lower:
        t.sub(EMAIL, "email")
    if "/" in text or "www." in lower or "geo:" in lower:
        _links(t)
    words = words_of(t.text)
    t.text = secrets(t.text, t.counts, words)
    if digits:
        _identifiers(t)
    elif digit:  # a few digits among letters: an identity card's number, introduced
        for pattern, kind in CONTEXT_IDS:
            t.sub(pattern, kind, "id")
    if not STREET_WORDS.isdisjoint(words):
        for pattern in ADDRESSES[:3] if digit else ADDRESSES[1:3]:
            t.sub(pattern, "address")
    if digits:
        t.sub(ADDRESSES[3], "address")
        _numbers(t)
        t.text = KEY_AFTER.sub(r"\1", t.text)
        _matcher(t)
    t.text = health(t.text, t.counts)
    found: set[str] = set()
    t.text = cued_names(t.text, t.counts, words, found)
    if found:  # « je m'appelle Léa Dubreuil … Léa »: the name, wherever it comes again
        names = Names(frozenset(found | (names.parts if names else set())))
    t.text = replace_names(t.text, names, t.counts)
    return Redacted(t.text, t.counts)
