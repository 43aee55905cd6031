"""Redaction at a privacy reviewer's level: the corpus of tests/feedback/redaction.tsv (message
lines from real exports' families, each with the text the store must keep), and numbers in
every spacing and separator, alone or side by side: none survives, no fragment is left."""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import iban, luhn
from stdnum.fr import nir

from monrecap.feedback.redact import PLACEHOLDERS, name_pattern, redact

CORPUS = Path(__file__).parent / "redaction.tsv"
SENDERS = ("Samia Benali", "Lucas Moreau", "Inès Fournier", "Noa Témoin", "+33 6 39 98 12 34")
EXAMPLES = 1500 if os.environ.get("MONRECAP_FUZZ") == "1" else 150


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
SEPARATORS = (" ", ".", "-", "/", "", "\u00a0")


def _write(digits: str, groups: list[int], sep: str) -> str:
    out, i = [], 0
    for size in groups:
        out.append(digits[i:i + size])
        i += size
    return sep.join(out)


@st.composite
def phone(draw) -> str:
    digits = draw(st.sampled_from(FICTION)).replace(" ", "") + "".join(
        str(draw(st.integers(0, 9))) for _ in range(4))
    style = draw(st.sampled_from(("pairs", "intl", "intl0", "0033", "odd")))
    sep = draw(st.sampled_from(SEPARATORS))
    if style == "pairs":
        return _write(digits, [2] * 5, sep)
    if style == "odd":
        return _write(digits, draw(st.sampled_from(([3, 3, 4], [4, 3, 3], [2, 4, 4]))), sep)
    rest = _write(digits[1:], [1, 2, 2, 2, 2], sep)
    return {"intl": "+33 ", "intl0": "+33 (0)", "0033": "0033 "}[style] + rest


@st.composite
def nir_number(draw) -> str:
    body = (str(draw(st.integers(1, 2))) + f"{draw(st.integers(0, 99)):02d}"
            + f"{draw(st.integers(1, 12)):02d}" + f"{draw(st.integers(1, 95)):02d}"
            + f"{draw(st.integers(1, 999)):03d}" + f"{draw(st.integers(1, 999)):03d}")
    key = nir.calc_check_digits(body)
    sep = draw(st.sampled_from(SEPARATORS))
    written = _write(body, [1, 2, 2, 2, 3, 3], sep)
    return written + draw(st.sampled_from((sep + key, " clé " + key, ", clé " + key)))


@st.composite
def iban_number(draw) -> str:
    bban = "".join(str(draw(st.integers(0, 9))) for _ in range(23))
    full = "FR" + iban.calc_check_digits("FR00" + bban) + bban
    return _write(full, [4] * 6 + [3], draw(st.sampled_from((" ", "-", ".", ""))))


@st.composite
def card_number(draw) -> str:
    body = str(draw(st.sampled_from((4, 5)))) + "".join(
        str(draw(st.integers(0, 9))) for _ in range(14))
    full = body + luhn.calc_check_digit(body)
    return _write(full, [4] * 4, draw(st.sampled_from(SEPARATORS)))


@st.composite
def long_number(draw) -> str:
    """A number the redaction cannot name (a CNI, a file number): 8 to 14 digits."""
    digits = "".join(str(draw(st.integers(0, 9))) for _ in range(draw(st.integers(8, 14))))
    return _write(digits, [len(digits)], "")


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


@pytest.mark.fuzz
@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(WORDS).map(lambda w: ("word", w)),
                          NUMBER.map(lambda n: ("number", n)),
                          adjacent().map(lambda n: ("number", n)),
                          secret().map(lambda s: ("secret", s)),
                          st.sampled_from(HEALTH).map(lambda h: ("health", h))),
                min_size=1, max_size=20))
def test_no_number_survives_in_any_spacing(parts) -> None:
    """Numbers in any spacing, secrets after their name and health details among words and
    each other: none survives, no digit of them is left."""
    text = " ".join(value if kind in ("word", "number") else value[0] for kind, value in parts)
    redacted = redact(text).text
    for kind, value in parts:
        if kind == "number":
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
