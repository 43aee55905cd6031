"""Printed phone numbers: checked with `phonenumbers` (plus the ranges Arcep reserves for
fiction, which examples use), and written the way French readers read them, by pairs.

A number a person will dial from the carnet must be right: a letter typed for a digit, a
missing pair or a number nobody owns is an error with the fix, not a line printed as typed.
"""

from __future__ import annotations

import functools
import re

#: The ranges Arcep reserves for fiction (films, examples): valid here though no line has them.
FICTION = ("0199 00", "0261 91", "0353 01", "0465 71", "0536 49", "0639 98")
#: What reads as a phone number inside a text: 0 or +33, then 9 digits however they are grouped
#: (spaces, dots) — or groups of two holding a digit (« 06 12 34 », « 01 99 00 4A 42 »), so
#: that a badly typed or grouped one is found too.
IN_TEXT = re.compile(r"(?<![\d+\w])(?:(?:\+33[ .\u00a0]?|0)[1-9](?:[ .\u00a0]?\d){8}(?![\d])"
                     r"|0[1-9](?:[ .\u00a0](?=\w?\d)\w\w){2,4}(?!\w))")


@functools.cache
def _phonenumbers():
    import phonenumbers
    from phonenumbers import shortnumberinfo

    return phonenumbers, shortnumberinfo


def phone_problem(value: str) -> str | None:
    """Why ``value`` is not a phone number to print, or None when it is one.

    >>> phone_problem("01 99 00 12 34") is None
    True
    >>> phone_problem("3949") is None
    True
    >>> phone_problem("01 99 00 4A 42")
    "'01 99 00 4A 42' has a character that is not a digit ('A'): write the number in digits, like 01 99 00 12 34"
    >>> phone_problem("06 12 34")
    "'06 12 34' has 6 digits: a French number has 10, like 01 99 00 12 34"
    >>> phone_problem("0199001234")
    "'0199001234' is written in one block: write it by pairs, 01 99 00 12 34"
    """
    text = value.strip()
    stray = re.search(r"[^\d \u00a0.+]", text)
    if stray:
        return (f"'{value}' has a character that is not a digit ('{stray.group(0)}'): write "
                "the number in digits, like 01 99 00 12 34")
    digits = re.sub(r"\D", "", text)
    phonenumbers, short = _phonenumbers()
    try:
        number = phonenumbers.parse(text, "FR")
    except phonenumbers.NumberParseException:
        return f"'{value}' is not a phone number: write it like 01 99 00 12 34"
    if len(digits) <= 6 and not text.startswith("+"):
        if short.is_valid_short_number_for_region(number, "FR"):
            return None
        return (f"'{value}' has {len(digits)} digits: a French number has 10, like "
                "01 99 00 12 34")
    if number.country_code == 33 and len(str(number.national_number)) != 9:
        return (f"'{value}' has {len(digits)} digits: a French number has 10, like "
                "01 99 00 12 34")
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    fiction = national.replace(" ", "")[:6]
    if not (phonenumbers.is_valid_number(number) or
            any(fiction == f.replace(" ", "") for f in FICTION)):
        if not phonenumbers.is_possible_number(number):
            return (f"'{value}' has {len(digits)} digits: a French number has 10, like "
                    "01 99 00 12 34")
        return f"'{value}' is not a number in service in France: check it with its owner"
    if number.country_code != 33:
        return None  # a foreign number is printed as its owner wrote it
    ten = f"0{number.national_number}"
    pairs = " ".join(ten[i:i + 2] for i in range(0, 10, 2))
    if text.replace("\u00a0", " ") not in (national, pairs):  # « 0 800 … » or by pairs
        how = "in one block" if text.isdigit() else "otherwise"
        return f"'{value}' is written {how}: write it by pairs, {national}"
    return None


def check_phone(value: str | None) -> str | None:
    """A pydantic validator: ValueError with the fix unless ``value`` is a phone number."""
    if value is not None:
        problem = phone_problem(value)
        if problem:
            raise ValueError(problem)
    return value
