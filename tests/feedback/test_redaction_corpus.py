"""Redaction at a privacy reviewer's level: the corpus of tests/feedback/redaction.tsv (message
lines from real exports' families, each with the text the store must keep), and properties over
every family the redactor claims — phone numbers in every spacing and separator, NIR with and
without key and spaces, IBANs of several countries, cards of 13 to 19 digits, dates of birth,
names, e-mails —, alone (each gets its own placeholder, the words around it kept) or side by
side among words: none survives, no fragment is left, and a rendez-vous date stays."""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import iban, luhn
from stdnum.fr import nir

from monrecap.feedback.redact import PLACEHOLDERS, name_pattern, redact

CORPUS = Path(__file__).parent / "redaction.tsv"
SENDERS = ("Samia Benali", "Lucas Moreau", "Inès Fournier", "Noa Témoin", "+33 6 39 98 12 34")
#: `make test` runs the same examples every time (CI never fails by chance); `make fuzz` draws
#: ten times as many, new ones each run.
FUZZING = os.environ.get("MONRECAP_FUZZ") == "1"
EXAMPLES = 1500 if FUZZING else 150


def corpus() -> list[tuple[int, str, str]]:
    rows = []
    for number, line in enumerate(CORPUS.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("#") or not line.strip():
            continue
        text, expected = line.split("\t")
        rows.append((number, text, expected))
    return rows


def test_the_corpus_is_large_and_varied():
    rows = corpus()
    assert len(rows) >= 80
    found = Counter(kind for _, text, _ in rows
                    for kind in redact(text, name_pattern(SENDERS)).counts)
    assert set(found) == set(PLACEHOLDERS)  # every kind of personal data is in it
    assert sum(1 for _, text, expected in rows if text == expected) >= 8  # and ordinary text


@pytest.mark.parametrize("number,text,expected", corpus(), ids=lambda v: str(v)[:40])
def test_corpus_line(number: int, text: str, expected: str):
    assert redact(text, name_pattern(SENDERS)).text == expected, f"redaction.tsv:{number}"


FICTION = ("01 99 00", "02 61 91", "03 53 01", "04 65 71", "05 36 49", "06 39 98", "07 00 00",
           "09 77 40")
WORDS = ("bonjour", "je", "voudrais", "dire", "que", "le", "carnet", "est", "bien", "mon",
         "numéro", "c'est", "appelez", "au", "ou", "merci", "page", "rendez-vous", "CAF", "à",
         "trop", "petit", ":", ",", ".", "?", "(", ")", "né", "3", "12", "2026", "14/03/2026")
#: Every separator a digit run reads: spaces (and the no-break ones), dot, dash, slash, none.
SEPARATORS = (" ", ".", "-", "/", "", "\u00a0", "\u202f")


def _write(digits: str, groups: list[int], sep: str) -> str:
    out, i = [], 0
    for size in groups:
        out.append(digits[i:i + size])
        i += size
    return sep.join(out)


def _digits(draw, count: int) -> str:
    return "".join(str(draw(st.integers(0, 9))) for _ in range(count))


@st.composite
def phone(draw) -> str:
    """A fiction-range number in pairs, in odd groups or international, in any separator."""
    digits = draw(st.sampled_from(FICTION)).replace(" ", "") + _digits(draw, 4)
    style = draw(st.sampled_from(("pairs", "intl", "intl0", "0033", "paren", "odd")))
    sep = draw(st.sampled_from(SEPARATORS))
    if style == "pairs":
        return _write(digits, [2] * 5, sep)
    if style == "odd":
        return _write(digits, draw(st.sampled_from(([3, 3, 4], [4, 3, 3], [2, 4, 4]))), sep)
    rest = _write(digits[1:], [1, 2, 2, 2, 2], sep)
    return {"intl": "+33 ", "intl0": "+33 (0)", "0033": "0033 ", "paren": "(+33) "}[style] + rest


@st.composite
def nir_number(draw) -> str:
    """Sex, year, month, department (2A and 2B too), commune, order; its key after it, after
    « clé », or none; grouped by any separator, or not at all."""
    department = draw(st.sampled_from(["2A", "2B"] + [f"{d:02d}" for d in range(1, 96)]))
    body = (str(draw(st.integers(1, 2))) + f"{draw(st.integers(0, 99)):02d}"
            + f"{draw(st.integers(1, 12)):02d}" + department
            + f"{draw(st.integers(1, 999)):03d}" + f"{draw(st.integers(1, 999)):03d}")
    key = nir.calc_check_digits(body)
    sep = draw(st.sampled_from(SEPARATORS))
    written = _write(body, [1, 2, 2, 2, 3, 3], sep)
    return written + draw(st.sampled_from((sep + key, " clé " + key, ", clé " + key, "")))


#: BBAN formats (stdnum's iban.dat) of the countries whose accounts French messages name:
#: n a digit, a a capital letter, c either.
BBANS = {"FR": "5n5n11c2n", "MC": "5n5n11c2n", "BE": "3n7n2n", "LU": "3n13c", "DE": "8n10n",
         "CH": "5n12c", "ES": "4n4n1n1n10n", "IT": "1a5n5n12c", "PT": "4n4n11n2n", "NL": "4a10n",
         "GB": "4a6n8n", "IE": "4a6n8n", "AT": "5n11n"}


@st.composite
def iban_number(draw) -> str:
    """An IBAN of one of those countries whose check digits hold, grouped by four or not."""
    country = draw(st.sampled_from(sorted(BBANS)))
    bban = ""
    for count, kind in re.findall(r"(\d+)([nac])", BBANS[country]):
        alphabet = {"n": "0123456789", "a": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                    "c": "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"}[kind]
        bban += "".join(draw(st.sampled_from(alphabet)) for _ in range(int(count)))
    full = country + iban.calc_check_digits(country + "00" + bban) + bban
    groups = [4] * (len(full) // 4) + ([len(full) % 4] if len(full) % 4 else [])
    return _write(full, groups, draw(st.sampled_from((" ", "-", ".", ""))))


@st.composite
def card_number(draw) -> str:
    """A Luhn-valid card of 13 to 19 digits, grouped by four in any separator."""
    length = draw(st.integers(13, 19))
    body = str(draw(st.sampled_from((4, 5, 6)))) + _digits(draw, length - 2)
    full = body + luhn.calc_check_digit(body)
    groups = [4] * (length // 4) + ([length % 4] if length % 4 else [])
    return _write(full, groups, draw(st.sampled_from(SEPARATORS)))


@st.composite
def long_number(draw) -> str:
    """A number the redaction cannot name (a CNI, a file number): 8 to 14 digits."""
    return _digits(draw, draw(st.integers(8, 14)))


@st.composite
def email(draw) -> str:
    user = draw(st.from_regex(r"[a-z][a-z0-9._+-]{0,10}[a-z0-9]", fullmatch=True))
    at = draw(st.sampled_from(("@", " (at) ", "[at]", " arobase ")))
    return f"{user}{at}{draw(st.sampled_from(('exemple.fr', 'exemple.org', 'mail.exemple.com')))}"


NUMBER = st.one_of(phone(), nir_number(), iban_number(), card_number(), long_number())

#: What introduces a secret: any value after these (a digit or a symbol in it) is one.
SECRET_CUES = ("mot de passe", "Mot de passe", "mots de passe", "mdp", "identifiant",
               "code de carte", "code de ma carte est", "code secret", "code PIN", "PIN",
               "cryptogramme", "digicode", "code d'accès")
#: After « : » or « est », a value of plain letters is a secret too.
LINKS = (" : ", ": ", " = ", " est ", " c'est ")
PLAIN = ("Soleil", "bonheur", "Chatnoir", "azerty", "Marseille")


@st.composite
def secret(draw) -> tuple[str, str]:
    """(the message's words, the secret's value): a cue, maybe « : » or « est », a value."""
    value = draw(st.from_regex(r"[A-Za-z]{2,6}[0-9]{1,6}[!@#$%*]?|[0-9]{3,6}", fullmatch=True))
    link = draw(st.sampled_from((" ",) + LINKS))
    if link != " " and draw(st.booleans()):
        value = draw(st.sampled_from(PLAIN))
    return draw(st.sampled_from(SECRET_CUES)) + link + value, value


#: Health details that must not survive: (as written, the words that say the condition).
HEALTH = (("je suis en dépression", "dépression"), ("diabétique", "diabétique"),
          ("la maladie de Crohn", "Crohn"), ("reconnue RQTH", "RQTH"),
          ("sous antidépresseurs", "antidépresseurs"), ("en arrêt maladie", "arrêt maladie"),
          ("je suis enceinte", "enceinte"), ("traitement contre l'épilepsie", "épilepsie"),
          ("malvoyant", "malvoyant"), ("un cancer", "cancer"))


@st.composite
def adjacent(draw) -> str:
    """Two numbers side by side: nothing, a space, a slash or a comma between them."""
    return draw(NUMBER) + draw(st.sampled_from(("", " ", "/", ", ", " - "))) + draw(NUMBER)


def digit_runs(text: str) -> Counter:
    return Counter(re.findall(r"\d+", text))


def still_there(text: str) -> list[str]:
    """What a reviewer's tools still find: phonenumbers' matcher, any valid NIR, IBAN or card
    number (its digits run together), an e-mail's « @ »."""
    found = [m.raw_string for m in phonenumbers.PhoneNumberMatcher(
        text, "FR", leniency=phonenumbers.Leniency.POSSIBLE)]
    compact = re.sub(r"[^0-9A-Za-z@.]", "", text)
    return found + [c for c in re.findall(r"[0-9A-Z]{13,}", compact.upper())
                    if nir.is_valid(c) or iban.is_valid(c) or luhn.is_valid(c)] + (
        ["@"] if "@" in text else [])


@pytest.mark.fuzz
@settings(max_examples=EXAMPLES, deadline=None, derandomize=not FUZZING)
@given(st.lists(st.one_of(st.sampled_from(WORDS).map(lambda w: ("word", w)),
                          NUMBER.map(lambda n: ("number", n)),
                          adjacent().map(lambda n: ("number", n)),
                          email().map(lambda e: ("email", e)),
                          secret().map(lambda s: ("secret", s)),
                          st.sampled_from(HEALTH).map(lambda h: ("health", h))),
                min_size=1, max_size=20))
def test_no_number_survives_in_any_spacing(parts) -> None:
    """Numbers in any spacing, secrets after their name and health details among words and
    each other: none survives, no digit of them is left."""
    text = " ".join(value if kind in ("word", "number", "email") else value[0]
                    for kind, value in parts)
    redacted = redact(text).text
    for kind, value in parts:
        if kind in ("number", "email"):
            assert value not in redacted, (value, redacted)
        elif kind == "secret":
            assert not re.search(rf"(?<![\w[]){re.escape(value[1])}(?![\w\]])", redacted), \
                (value, redacted)
        elif kind == "health":
            assert value[1].lower() not in redacted.lower(), (value, redacted)
    # Every digit left comes from the words: not one fragment of a number is left.
    allowed = digit_runs(" ".join(v for k, v in parts if k == "word"))
    left = digit_runs(redacted)
    assert not left - allowed, (text, redacted)
    assert still_there(redacted) == [], redacted


#: A secret alone among words: the placeholder its family gets, and the words around it kept.
ALONE = st.one_of(
    phone().map(lambda v: (v, "[téléphone]")),
    nir_number().map(lambda v: (v, "[NIR]")),
    iban_number().map(lambda v: (v, "[IBAN]")),
    card_number().filter(lambda v: not v.startswith("4")).map(lambda v: (v, "[carte]")),
    email().map(lambda v: (v, "[e-mail]")))


@pytest.mark.fuzz
@settings(max_examples=EXAMPLES, deadline=None, derandomize=not FUZZING)
@given(ALONE, st.sampled_from(("Voici", "Le numéro :", "Merci, c'est")),
       st.sampled_from(("pour le dossier.", "merci", "!")))
def test_each_family_gets_its_own_placeholder(secret, before, after) -> None:
    """A card that starts with 4 (and has 13 or 15 digits) may have a NIR's shape: it is
    redacted as a NIR, tested apart; any other card is a [carte], whatever its length."""
    value, placeholder = secret
    assert redact(f"{before} {value} {after}").text == f"{before} {placeholder} {after}"


@st.composite
def birth(draw) -> tuple[str, str]:
    """A date of birth after its cue, or any date before 2010 (an old date is a birth)."""
    day, month = draw(st.integers(1, 28)), draw(st.integers(1, 12))
    year = draw(st.integers(1930, 2009))
    sep = draw(st.sampled_from(("/", ".", "-")))
    date = f"{day:02d}{sep}{month:02d}{sep}{year}"
    cue = draw(st.sampled_from(("Je suis né le", "Née le", "Date de naissance :", "ddn", "Le")))
    return f"{cue} {date}", f"{cue} [date de naissance]"


@st.composite
def appointment(draw) -> tuple[str, str]:
    """A rendez-vous date (2010 to 2039), written any way: kept."""
    day, month = draw(st.integers(1, 28)), draw(st.integers(1, 12))
    year = draw(st.integers(2010, 2039))
    sep = draw(st.sampled_from(("/", ".", "-")))
    text = f"Rendez-vous le {day}{sep}{month:02d}{sep}{year} à 10h"
    return text, text


#: Fictitious names (first names and surnames no real sender is known by).
FIRST = ("Samia", "Lucas", "Inès", "Noa", "Camille", "Jean-Marc", "Léa", "Yanis")
LAST = ("Benali", "Moreau", "Fournier", "Témoin", "Essai", "Exemple", "N'Diaye")


@st.composite
def introduced(draw) -> tuple[str, str]:
    """A name a message introduces: the cue kept, the name gone."""
    name = draw(st.sampled_from(FIRST)) + draw(st.sampled_from(("", " "))).replace(
        " ", " " + draw(st.sampled_from(LAST)))
    cue = draw(st.sampled_from(("Je m'appelle", "Signé", "Mme", "Monsieur",
                                "Ma conseillère")))
    return f"{cue} {name.strip()}, merci.", f"{cue} [nom], merci."


@st.composite
def sender(draw) -> tuple[str, str]:
    """A sender's display name written in a message, in any case and without accents."""
    first, last = draw(st.sampled_from(FIRST)), draw(st.sampled_from(LAST))
    written = draw(st.sampled_from((f"{first} {last}", f"{last.upper()} {first}",
                                    first.lower(), last)))
    return f"J'ai vu {written} hier.", "J'ai vu [nom] hier."


@pytest.mark.fuzz
@settings(max_examples=EXAMPLES, deadline=None, derandomize=not FUZZING)
@given(st.one_of(birth(), appointment(), introduced(), sender()))
def test_dates_of_birth_and_names_go_a_rendez_vous_stays(case) -> None:
    text, expected = case
    names = name_pattern(f"{first} {last}" for first in FIRST for last in LAST)
    assert redact(text, names).text == expected
