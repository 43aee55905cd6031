"""Property: random French text mixed with random personal data of every family the redactor
claims — none survives redaction, and each, alone in a sentence, gets its own placeholder."""

from __future__ import annotations

import os
import re

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import iban, luhn
from stdnum.fr import nir

from monrecap.feedback.redact import PLACEHOLDERS, redact

#: `make test` runs the same examples every time; `make fuzz` ten times as many, new each run.
FUZZING = os.environ.get("MONRECAP_FUZZ") == "1"
SCALE = 10 if FUZZING else 1
pytestmark = pytest.mark.fuzz

WORDS = ("bonjour", "je", "voudrais", "dire", "que", "le", "carnet", "est", "bien", "mon",
         "numéro", "c'est", "appelez", "au", "ou", "merci", "page", "rendez-vous", "CAF",
         "à", "été", "trop", "petit", ":", ",", ".", "?", "(", ")", "né", "le", "3", "12")
#: Words without a digit, around a lone secret.
PLAIN = ("bonjour", "merci", "voici", "le carnet", "c'est noté", "à bientôt", ":", ".", "?")
#: The fiction ranges (ARCEP) of mobile and landline numbers.
FICTION = ("0199 00", "0261 91", "0353 01", "0465 71", "0536 49", "0639 98", "0700 00",
           "0977 40")
SEPARATORS = (" ", ".", "-", "/", "\u00a0", "\u202f", "")
#: Country → how its BBAN is written: a letter (A) or a digit (9) per character. Belgium's and
#: Spain's carry national keys and bank codes python-stdnum checks: left out.
BBAN = {"FR": "9" * 23, "MC": "9" * 23, "LU": "9" * 16, "DE": "9" * 18,
        "CH": "9" * 17, "IT": "A" + "9" * 22, "PT": "9" * 21,
        "NL": "AAAA" + "9" * 10, "GB": "AAAA" + "9" * 14, "IE": "AAAA" + "9" * 14,
        "AT": "9" * 16}
FIRST = ("Léa", "Noé", "Inès", "Yanis", "Maëlle", "Jordan", "Awa", "Théo")
LAST = ("Dubreuil", "Kerbrat", "Lemoine-Aubry", "Fontaine", "Ndiaye", "Rocheteau")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")


def digits(n: int):
    return st.text("0123456789", min_size=n, max_size=n)


@st.composite
def phone(draw) -> tuple[str, str, str]:
    number = draw(st.sampled_from(FICTION)).replace(" ", "") + draw(digits(4))
    sep = draw(st.sampled_from(SEPARATORS))
    pairs = [number[i:i + 2] for i in range(0, 10, 2)]
    rest = sep.join(pairs[1:])
    written = draw(st.sampled_from((
        sep.join(pairs),                                 # 06 39 98 12 34, 06.39…, 0639981234
        f"+33 {number[1]}{sep}{rest}",                   # +33 6 39 98 12 34
        f"+33{number[1]}{sep}{rest}" if sep else f"+33{number[1:]}",
        f"+33 (0){number[1]}{sep}{rest}",                # +33 (0)6 39 98 12 34
        f"0033 {number[1]}{sep}{rest}",
        f"(+33) {number[1]}{sep}{rest}",
    )))
    return "phone", written, written


@st.composite
def nir_number(draw) -> tuple[str, str, str]:
    body = (str(draw(st.integers(1, 2))) + f"{draw(st.integers(0, 99)):02d}"
            + f"{draw(st.integers(1, 12)):02d}" + f"{draw(st.integers(1, 95)):02d}"
            + f"{draw(st.integers(1, 999)):03d}" + f"{draw(st.integers(1, 999)):03d}")
    key = nir.calc_check_digits(body)
    spaced = " ".join((body[0], body[1:3], body[3:5], body[5:7], body[7:10], body[10:13]))
    written = draw(st.sampled_from((
        body + key, nir.format(body + key),              # with its key, compact or spaced
        body, spaced,                                    # without it
        f"{spaced} clé {key}", f"{body} (clé {key})",
    )))
    return "nir", written, body[5:13]


@st.composite
def iban_number(draw) -> tuple[str, str, str]:
    country = draw(st.sampled_from(sorted(BBAN)))
    bban = "".join(draw(st.sampled_from("ABCDEFGHJKLMNPQRSTUVWXYZ" if c == "A" else "0123456789"))
                   for c in BBAN[country])
    full = country + iban.calc_check_digits(country + "00" + bban) + bban
    assert iban.is_valid(full), full
    written = iban.format(full) if draw(st.booleans()) else full
    return "iban", written, full[4:]


@st.composite
def card_number(draw) -> tuple[str, str, str]:
    length = draw(st.integers(13, 19))
    body = str(draw(st.sampled_from((3, 4, 5, 6)))) + draw(digits(length - 2))
    full = body + luhn.calc_check_digit(body)
    sep = draw(st.sampled_from(("", " ", "-")))
    # Digits that open like a NIR (sex 1-4, 7, 8) may be one: 13 digits, a NIR without its
    # key; 15, one whose key checks out. Either name is right for them.
    nir_too = full[0] in "123478" and (
        length == 13 or (length == 15 and 97 - int(full[:13]) % 97 == int(full[13:])))
    kind = "card or nir" if nir_too else "card"
    return kind, sep.join(full[i:i + 4] for i in range(0, length, 4)), full


@st.composite
def birth_date(draw) -> tuple[str, str, str]:
    day, month = draw(st.integers(1, 28)), draw(st.integers(1, 12))
    year = str(draw(st.integers(1950, 2009)))
    sep = draw(st.sampled_from("/.-"))
    date = draw(st.sampled_from((f"{day:02d}{sep}{month:02d}{sep}{year}",
                                 f"{day} {MONTHS[month - 1]} {year}")))
    cue = draw(st.sampled_from(("né le", "née le", "née à Brest le", "naissance :",
                                "date de naissance :", "ddn")))
    return "birth", f"{cue} {date}", date


@st.composite
def name(draw) -> tuple[str, str, str]:
    first, last = draw(st.sampled_from(FIRST)), draw(st.sampled_from(LAST))
    cue = draw(st.sampled_from(("je m'appelle", "mon nom est", "signé", "Mme", "Monsieur",
                                "de la part de")))
    return "name", f"{cue} {first} {last}", last


@st.composite
def email(draw) -> tuple[str, str, str]:
    user = draw(st.from_regex(r"[a-z][a-z0-9._]{0,10}[a-z0-9]", fullmatch=True))
    at = draw(st.sampled_from(("@", " (at) ", " arobase ")))
    domain = draw(st.sampled_from(("exemple.fr", "exemple.org", "example.com")))
    return "email", f"{user}{at}{domain}", f"{user}{at}{domain}".strip()


SECRETS = st.one_of(phone(), nir_number(), iban_number(), card_number(), birth_date(),
                    name(), email())


def still_there(text: str) -> list[str]:
    found = [m.raw_string for m in phonenumbers.PhoneNumberMatcher(
        text, "FR", leniency=phonenumbers.Leniency.POSSIBLE)]
    compact = re.sub(r"[^0-9A-Za-z@.]", "", text)
    return found + [c for c in re.findall(r"[0-9A-Z]{13,}", compact.upper())
                    if nir.is_valid(c) or iban.is_valid(c) or luhn.is_valid(c)] + (
        ["@"] if "@" in text else [])


@settings(max_examples=150 * SCALE, deadline=None, derandomize=not FUZZING)
@given(st.lists(st.one_of(st.sampled_from(WORDS).map(lambda w: ("word", w, w)), SECRETS),
                min_size=1, max_size=25))
def test_no_personal_data_survives(parts) -> None:
    text = " ".join(written for _, written, _ in parts)
    redacted = redact(text).text
    for kind, _, secret in parts:
        if kind != "word":
            assert secret not in redacted, (kind, secret, redacted)
    assert still_there(redacted) == [], redacted


@settings(max_examples=300 * SCALE, deadline=None, derandomize=not FUZZING)
@given(st.sampled_from(PLAIN), SECRETS, st.sampled_from(PLAIN))
def test_each_family_gets_its_placeholder(before, part, after) -> None:
    """A secret alone among words: gone, and named by its own placeholder (a card is not
    called a phone, a NIR without its key is still a NIR)."""
    kind, written, secret = part
    redacted = redact(f"{before} {written} {after}").text
    assert secret not in redacted, redacted
    names = {PLACEHOLDERS[k] for k in kind.split(" or ")}
    assert [name for name in names if name in redacted], (written, redacted)
