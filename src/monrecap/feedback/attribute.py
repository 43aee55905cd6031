"""Which version and which pages a message talks about, by rules a reader can follow.

Version: the QR code's prefilled message of a version (read from each resolved version), else a
lot code from the ledger mentioned in the text, else the latest version released on or before
the message's date — marked ``inferred``. Pages: words of the page titles and each page's
optional ``feedback_words``, matched on folded words; the matched words are kept.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from monrecap.content import load_version, version_ids
from monrecap.errors import MonrecapError
from monrecap.production.ledger import lot_codes, lot_versions

_STOP = {"mes", "mon", "les", "des", "une", "pour", "avec", "dans", "vous", "votre", "nous",
         "carnet", "recap", "page", "pages", "tout", "quoi", "faire", "sont", "cette", "quand",
         "comment", "savoir", "connaitre"}


def fold(text: str) -> str:
    """Lower case, no accents, typographic apostrophes made plain.

    >>> fold("Les mots à CONNAÎTRE’")
    "les mots a connaitre'"
    """
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word[-1] in "sx" and not word.endswith("us") else word


def tokens(text: str) -> list[str]:
    """Folded, singular-ish words.

    >>> tokens("Mes Rendez-vous, les CONTACTS")
    ['mes', 'rendez', 'vous', 'les', 'contact']
    """
    return [_stem(w) for w in re.findall(r"[a-z0-9]+", fold(text))]


@dataclass(frozen=True)
class PageWords:
    """A page and the words that tie a message to it (single words and phrases)."""

    id: str
    title: str
    terms: tuple[tuple[str, tuple[str, ...]], ...]  # (word as shown, its folded tokens)

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(word for word, _ in self.terms)


@dataclass(frozen=True)
class VersionCue:
    """What identifies one version in a message, and its pages."""

    id: str
    released: dt.date
    qr: re.Pattern | None
    pages: tuple[PageWords, ...]


@dataclass(frozen=True)
class Attribution:
    """A message tied to a version (how) and to pages (by which words)."""

    version: str | None
    version_source: str | None  # "qr", "lot", "inferred" or None
    pages: tuple[str, ...]
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    text: str = ""  # the text without the QR code's prefilled message


def _qr_pattern(message: str) -> re.Pattern:
    words = message.strip().rstrip(":").split()
    parts = [re.escape(w.replace("’", "'")).replace("'", "['’]") for w in words]
    return re.compile(r"\s*" + r"\s+".join(parts) + r"(?![\w])\s*:?\s*", re.I)


def page_words(page) -> PageWords:
    """The words of a page: its title's (4 letters or more, common words aside) and its
    ``feedback_words``."""
    extra = tuple(getattr(page, "feedback_words", ()) or ())
    title_words = [w for w in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", fold(page.title))
                   if len(w) >= 4 and w not in _STOP]
    terms: dict[str, tuple[str, ...]] = {}
    for word in title_words + [fold(w) for w in extra]:
        toks = tuple(tokens(word))
        if toks and word not in terms:
            terms[word] = toks
    return PageWords(page.id, page.title, tuple(terms.items()))


def load_cues(root: Path) -> list[VersionCue]:
    """Every version that loads, oldest first, with its QR message and page words."""
    cues = []
    for vid in version_ids(root):
        try:
            carnet = load_version(root, vid)
        except MonrecapError:
            continue  # a version that does not build cannot have been printed
        qr = next((p.qr_message for p in carnet.pages if getattr(p, "qr_message", None)), None)
        cues.append(VersionCue(vid, carnet.released, _qr_pattern(qr) if qr else None,
                               tuple(page_words(p) for p in carnet.pages)))
    return sorted(cues, key=lambda c: c.released)


#: Fixed expressions whose words are not the word alone: « mot de passe » is no « mot » of
#: the glossary page, « à mon avis » no « avis ». A page term that is the expression itself
#: (a `feedback_words` phrase) still matches it.
EXPRESSIONS = tuple(tuple(tokens(e)) for e in (
    "mot de passe", "mots-de-passe", "à mon avis", "a ton avis", "à votre avis",
    "avis d'imposition", "avis de passage", "compte bancaire", "rendre compte", "rends compte",
    "rend compte", "rendu compte", "tenir compte", "tient compte", "fin de compte"))


def _outside_expressions(toks: list[str]) -> set[str]:
    """The words of ``toks`` that stand somewhere outside every fixed expression."""
    inside = set()
    for expression in EXPRESSIONS:
        n = len(expression)
        for i in range(len(toks) - n + 1):
            if tuple(toks[i:i + n]) == expression:
                inside.update(range(i, i + n))
    return {t for i, t in enumerate(toks) if i not in inside}


def match_pages(text: str, pages) -> dict[str, tuple[str, ...]]:
    """Page id → the words of it (see `page_words`) found in ``text``: a single word where
    it stands alone (not inside « mot de passe »), a phrase wherever it is.

    >>> from types import SimpleNamespace as P
    >>> mots = page_words(P(id="mots", title="Les mots à connaître"))
    >>> match_pages("J'ai noté mon mot de passe [secret].", [mots])
    {}
    >>> match_pages("Les mots de la page 8 sont clairs.", [mots])
    {'mots': ('mots',)}
    """
    toks = tokens(text)
    present = _outside_expressions(toks)
    joined = " " + " ".join(toks) + " "
    found = {}
    for page in pages:
        hits = [word for word, t in page.terms
                if (len(t) == 1 and t[0] in present)
                or (len(t) > 1 and " " + " ".join(t) + " " in joined)]
        if hits:
            found[page.id] = tuple(hits)
    return found


class Attributor:
    """Attribution rules bound to a repository's versions and lot ledger."""

    def __init__(self, cues: list[VersionCue], lots: dict[str, str]):
        self.cues = cues
        self.by_id = {c.id: c for c in cues}
        # One search for every version's QR message, the newest first.
        with_qr = [c for c in reversed(cues) if c.qr is not None]
        self._qr_ids = {f"q{i}": c.id for i, c in enumerate(with_qr)}
        self._qr = re.compile("|".join(f"(?P<q{i}>{c.qr.pattern})" for i, c in
                                       enumerate(with_qr)), re.I) if with_qr else None
        self.lots = {code.upper(): version for code, version in lots.items()}

    @classmethod
    def for_repo(cls, root: Path) -> "Attributor":
        """The repository's versions, and its lots read by the ledger's one reader."""
        return cls(load_cues(root), lot_versions(root))

    def version(self, text: str, when: dt.date) -> tuple[str | None, str | None, str]:
        """(version, how, text without the QR message)."""
        m = self._qr.search(text) if self._qr is not None else None
        if m:
            return (self._qr_ids[m.lastgroup], "qr",
                    (text[:m.start()] + " " + text[m.end():]).strip())
        for code in lot_codes(text) if self.lots else ():
            if self.lots.get(code) in self.by_id:
                return self.lots[code], "lot", text
        released = [c for c in self.cues if c.released <= when]
        if released:
            return released[-1].id, "inferred", text
        return None, None, text

    def pages(self, text: str, version: str | None) -> dict[str, tuple[str, ...]]:
        """Page id → the words of it found in ``text``."""
        cue = self.by_id.get(version) if version else (self.cues[-1] if self.cues else None)
        if cue is None:
            return {}
        return match_pages(text, cue.pages)

    def attribute(self, text: str, when: dt.date) -> Attribution:
        version, how, rest = self.version(text, when)
        words = self.pages(rest, version)
        return Attribution(version, how, tuple(words), words, rest)
