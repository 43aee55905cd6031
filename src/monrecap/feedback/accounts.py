"""Bank accounts and cards in a message: how much of an IBAN-shaped text is the IBAN, and
when 15 digits shaped as a NIR are a card. `redact.py` names what these find."""

from __future__ import annotations

import re

from stdnum import iban, luhn

#: An IBAN's shape: a country, two check digits, 10 to 30 letters or digits, grouped or not
#: (never right after a letter: « XR12 » inside a word is not one).
IBAN_CANDIDATE = re.compile(r"(?<![^\W\d_])[A-Z]{2}\d\d(?:[ .\-\u00a0]?[A-Z0-9]){10,30}", re.I)


#: IBAN lengths of the countries whose accounts French messages name.
IBAN_LENGTHS = {"FR": 27, "MC": 27, "BE": 16, "LU": 20, "DE": 22, "CH": 21, "ES": 24,
                "IT": 27, "PT": 25, "NL": 18, "GB": 22, "IE": 22, "AT": 20}


def _trim_iban(text: str) -> str:
    """The IBAN candidate without a word that ran into it (« … 189 ET »)."""
    return re.sub(r"(?:[ .\-\u00a0][A-Za-z]+)+$", "", text)


def checked_end(text: str) -> int:
    """The end of the longest prefix of an IBAN candidate whose checksum holds (0: none; a
    last group of one letter, « CH57 … 0000 A », is the IBAN's)."""
    ends = [i + 1 for i, c in enumerate(text) if c.isalnum()]
    for end in reversed(ends):
        compact = re.sub(r"[^0-9A-Za-z]", "", text[:end]).upper()
        if len(compact) >= 15 and iban.is_valid(compact):
            return end
    return 0


def iban_span(text: str) -> int:
    """How much of an IBAN candidate is the IBAN (0: none): the longest prefix whose
    checksum holds; else, when the checksum fails (a typo), without a word that ran into it,
    the length its country gives, or the whole candidate with 12 digits or more."""
    end = checked_end(text)
    if end:
        return end
    text = _trim_iban(text)
    ends = [i + 1 for i, c in enumerate(text) if c.isalnum()]
    length = IBAN_LENGTHS.get(text[:2].upper())
    if length and len(ends) >= length:
        return ends[length - 1]
    compact = re.sub(r"[^0-9A-Za-z]", "", text)
    return len(text) if len(compact) >= 15 and sum(c.isdigit() for c in compact) >= 12 else 0


def checked_inside(text: str, m: re.Match) -> int | None:
    """Where a candidate whose checksum holds starts inside ``m``, None when none does
    (« XR12 et IBAN FR76 … »: the IBAN is the second, and is taken whole)."""
    k = m.start() + 1
    while (inner := IBAN_CANDIDATE.search(text, k)) is not None and inner.start() < m.end():
        if checked_end(inner.group()):
            return inner.start()
        k = inner.start() + 1
    return None


def card_not_nir(digits: str) -> bool:
    """15 digits shaped as a NIR whose key fails but whose Luhn checks: a card (an American
    Express, 37…). Both hold for 1 number in 97: a NIR, then."""
    return (len(digits) == 15 and luhn.is_valid(digits)  # Luhn fails on any non-digit
            and 97 - int(digits[:13]) % 97 != int(digits[13:]))
