"""Property: random French text mixed with random valid numbers — none survives redaction."""

from __future__ import annotations

import re

import phonenumbers
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import iban, luhn
from stdnum.fr import nir

from monrecap.feedback.redact import redact

WORDS = ("bonjour", "je", "voudrais", "dire", "que", "le", "carnet", "est", "bien", "mon",
         "numéro", "c'est", "appelez", "au", "ou", "merci", "page", "rendez-vous", "CAF",
         "à", "été", "trop", "petit", ":", ",", ".", "?", "(", ")", "né", "le", "3", "12")
FICTION = ("0199 00", "0261 91", "0353 01", "0465 71", "0536 49", "0639 98")


@st.composite
def phone(draw) -> tuple[str, str]:
    prefix = draw(st.sampled_from(FICTION)).replace(" ", "")
    digits = prefix + "".join(str(draw(st.integers(0, 9))) for _ in range(4))
    style = draw(st.sampled_from(("spaced", "dotted", "compact", "intl", "intl0", "0033")))
    pairs = [digits[i:i + 2] for i in range(0, 10, 2)]
    written = {"spaced": " ".join(pairs), "dotted": ".".join(pairs), "compact": digits,
               "intl": "+33 " + digits[1] + " " + " ".join(pairs[1:]),
               "intl0": "+33 (0)" + digits[1] + " " + " ".join(pairs[1:]),
               "0033": "0033" + digits[1:]}[style]
    return "phone", written


@st.composite
def nir_number(draw) -> tuple[str, str]:
    body = (str(draw(st.integers(1, 2))) + f"{draw(st.integers(0, 99)):02d}"
            + f"{draw(st.integers(1, 12)):02d}" + f"{draw(st.integers(1, 95)):02d}"
            + f"{draw(st.integers(1, 999)):03d}" + f"{draw(st.integers(1, 999)):03d}")
    full = body + nir.calc_check_digits(body)
    spaced = draw(st.booleans())
    return "nir", nir.format(full) if spaced else full


@st.composite
def iban_number(draw) -> tuple[str, str]:
    bban = "".join(str(draw(st.integers(0, 9))) for _ in range(23))
    check = iban.calc_check_digits("FR00" + bban)
    full = "FR" + check + bban
    return "iban", iban.format(full) if draw(st.booleans()) else full


@st.composite
def card_number(draw) -> tuple[str, str]:
    body = str(draw(st.sampled_from((4, 5)))) + "".join(
        str(draw(st.integers(0, 9))) for _ in range(14))
    full = body + luhn.calc_check_digit(body)
    sep = draw(st.sampled_from(("", " ", "-")))
    return "card", sep.join(full[i:i + 4] for i in range(0, 16, 4))


@st.composite
def email(draw) -> tuple[str, str]:
    user = draw(st.from_regex(r"[a-z][a-z0-9._]{0,10}[a-z0-9]", fullmatch=True))
    return "email", f"{user}@{draw(st.sampled_from(('exemple.fr', 'exemple.org')))}"


SECRETS = st.one_of(phone(), nir_number(), iban_number(), card_number(), email())


def still_there(text: str) -> list[str]:
    found = [m.raw_string for m in phonenumbers.PhoneNumberMatcher(
        text, "FR", leniency=phonenumbers.Leniency.POSSIBLE)]
    compact = re.sub(r"[^0-9A-Za-z@.]", "", text)
    return found + [c for c in re.findall(r"[0-9A-Z]{13,}", compact.upper())
                    if nir.is_valid(c) or iban.is_valid(c) or luhn.is_valid(c)] + (
        ["@"] if "@" in text else [])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(WORDS).map(lambda w: ("word", w)), SECRETS),
                min_size=1, max_size=25))
def test_no_valid_number_survives(parts) -> None:
    text = " ".join(value for _, value in parts)
    redacted = redact(text).text
    for kind, value in parts:
        if kind != "word":
            assert value not in redacted, (kind, value, redacted)
    assert still_there(redacted) == [], redacted
