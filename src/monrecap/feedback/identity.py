"""What names a person in a message, for `redact.py`: display names (every sender of an
export and everyone its system lines name), names a message introduces (« je m'appelle X »,
« c'est X », « Mme X », « ma conseillère X »), postal addresses, licence plates, identity
documents and the numbers a message introduces by their name (« allocataire », « passeport »,
« carte vitale », « dossier »).

Patterns, not a parser: `tests/feedback/redaction.tsv` is the specification, and a line it
gets wrong goes into the table with the right redaction before a pattern changes. When in
doubt they take more text, never less.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zà-öø-ÿœ"
#: A capitalised name (« Benali », « Jean-Marc », « N'Diaye ») or one in capitals (« BENALI »).
NAME = (rf"(?:(?:[{_UP}]['’])?[{_UP}][{_LOW}]+(?:[-'’][{_UP}]?[{_LOW}]+)*"
        rf"|[{_UP}]{{2,}}(?:[-'’][{_UP}]{{2,}})*)")
#: A name written any way (after « je m'appelle », where only a name can follow).
ANY_NAME = rf"[{_UP}{_LOW}][{_LOW}{_UP}]*(?:[-'’][{_UP}{_LOW}][{_LOW}{_UP}]*)*"

#: Words that are never a name part (folded): what follows a cue when no name does.
STOP = frozenset("""
le la les l un une des de du d et ou mais donc car ni je j tu il elle on nous vous ils elles
me te se ce c ca cela qui que quoi mon ma mes ton ta tes son sa ses notre votre leur leurs pas
plus tres trop bien bon bonne super vrai grave nul top merci oui non bonjour salut au aux a en
dans sur pour par avec sans chez est suis ai es sont ont etait sera fait moi toi lui eux
france travail pole emploi mission locale caf ccas msa cpam recap carnet monrecap avis groupe
pratique facile utile dommage parfait genial normal important quand comme encore toujours
signe signee appelle nomme part mme mmes mlle mr dr docteur docteure
aussi vraiment madame monsieur mademoiselle conseiller conseillere referent referente
lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin
juillet aout septembre octobre novembre decembre page pages rendez vous rdv numero
""".split())

_SELF = (r"\b(?:je\s+m['’]\s?appelle|je\s+me\s+nomme|mon\s+(?:nom|pr[ée]nom)\s+(?:est|c['’]est)"
         r"|moi\s*,?\s*c['’]est|sign[ée]e?|de\s+la\s+part\s+de)\s*:?\s+")
_TITLE = (r"\b(?:M\.|Mr\.?|Mme\.?|Mmes|Mlle\.?|Madame|Monsieur|Mademoiselle|Dr\.?|Docteure?"
          r"|Maître)\s+")
_ROLE = (r"\b(?:mon|ma|notre)\s+(?:conseill[eè]re?|r[ée]f[ée]rente?|[ée]ducat(?:eur|rice)"
         r"|assistante?\s+sociale?|avocate?|m[ée]decin|infirmi[eè]re?|tut(?:eur|rice)"
         r"|curat(?:eur|rice)|fils|fille|mari|femme|copain|copine|m[èe]re|p[èe]re|s[œo]e?ur"
         r"|fr[èe]re|amie?|voisine?|coll[èe]gue|cousine?|tante|oncle)\s+")
#: Cue → the name words after it (up to three), each one checked against STOP; and words
#: one of which a text must hold for the cue to be looked for (most texts hold none).
CUES = ((re.compile(_SELF, re.I), ANY_NAME, {"appelle", "nomme", "nom", "prénom", "prenom",
                                             "signé", "signe", "signée", "signee", "part",
                                             "moi"}),
        (re.compile(r"\bc['’]est\s+", re.I), NAME, {"est"}),
        (re.compile(_TITLE, re.I), ANY_NAME, {"m", "mr", "mme", "mmes", "mlle", "madame",
                                               "monsieur", "mademoiselle", "dr", "docteur",
                                               "docteure", "maître"}),
        (re.compile(_ROLE, re.I), NAME, {
            "conseiller", "conseillère", "conseillere", "référent", "référente", "referent",
            "referente", "éducateur", "éducatrice", "educateur", "educatrice", "assistant",
            "assistante", "avocat", "avocate", "médecin", "medecin", "infirmier", "infirmière",
            "infirmiere", "tuteur", "tutrice", "curateur", "curatrice", "fils", "fille", "mari",
            "femme", "copain", "copine", "mère", "mere", "père", "pere", "sœur", "soeur",
            "frère", "frere", "ami", "amie", "voisin", "voisine", "collègue", "collegue",
            "cousin", "cousine", "tante", "oncle"}))

_STREET = (r"(?:rue|avenue|av\.|boulevard|bd|all[ée]e|chemin|impasse|imp\.|quai|square|"
           r"r[ée]sidence|lotissement|cit[ée]|hameau|lieu-dit|rond-point|esplanade|promenade|"
           r"faubourg|mont[ée]e|chauss[ée]e)")
#: Words a text must hold for the street patterns to be looked for (most texts hold none).
STREET_WORDS = frozenset("""
rue avenue av boulevard bd allée allee chemin impasse imp quai square résidence residence
lotissement cité cite hameau lieu rond esplanade promenade faubourg montée montee chaussée
chaussee place pl route rte cours passage villa clos domaine mail voie sentier parvis
bâtiment batiment bât bat appartement appart appt apt escalier esc étage etage boîte boite bal
""".split())
_WORD = re.compile(r"[a-zà-öø-ÿœ]+")


def words_of(text: str) -> frozenset[str]:
    """The lower-case words of ``text``, to decide cheaply which patterns to look for."""
    return frozenset(_WORD.findall(text.lower()))


#: Street types that are common words too (« 1 place pour moi »): a particle or a capitalised
#: name must follow.
_WEAK = r"(?:place|pl\.|route|rte|cours|passage|villa|clos|domaine|mail|voie|sentier|parvis)"
_PARTICLE = r"(?:de\s+la|de\s+l['’]|du|des|de|d['’]|la|le|les|l['’])"
_TOWN_WORDS = rf"(?:[ -](?:{NAME}|(?:sur|sous|en|de|la|le|les)\b|d['’]{NAME}))*"
_TOWN = rf"(?:\s*,?\s*\d{{5}}\s+{NAME}{_TOWN_WORDS})?"
_STOPS = (r"(?=\s+(?i:à|a|au|aux|et|pour|mais|depuis|chez|donc|car|je|j['’]|il|elle|on|c['’]est|"
          r"mon|ma|mes|qui|que|dans|avec|sur|en|vers|pendant|si|ou)\b|[\n,.;:!?()\[\]]|$)")
ADDRESSES = (
    # « 12 rue des Lilas », « 3 bis, allée de la Démo, 57100 Montfictif »
    re.compile(rf"(?<![\w/.,-])\d{{1,4}}(?:\s?(?:bis|ter|quater|[a-d])\b)?\s*,?\s+(?:(?i:{_STREET})"
               rf"|(?i:{_WEAK})(?=\s+(?:(?i:{_PARTICLE})\s*)?[{_UP}0-9]))"
               rf"\s+[^\n,.;:!?()\[\]]{{1,60}}?{_STOPS}{_TOWN}"),
    # « rue des Lilas », « Résidence Les Pins »: a street type, then capitalised words
    re.compile(rf"\b(?i:{_STREET}|{_WEAK})\s+(?:(?i:{_PARTICLE})\s*)?{NAME}"
               rf"(?:\s+(?:(?i:{_PARTICLE})\s*)?{NAME}){{0,3}}{_TOWN}"),
    # « bâtiment B », « appartement 12 », « escalier 3 »
    re.compile(r"\b(?:b[âa]timent|b[âa]t\.|appartement|appart\.?|appt\.?|apt\.?|escalier|esc\.|"
               r"[ée]tage|bo[iî]te\s+aux\s+lettres|bal)\s*(?:n°\s*)?[A-Z0-9]{1,4}\b", re.I),
    # « 57100 Montfictif » on its own
    re.compile(rf"(?<![\d/.,-])\d{{5}}\s+{NAME}{_TOWN_WORDS}"),  # « Paris75002 Lyon » too
)

PLATE = re.compile(r"(?<![\w-])(?:[A-HJ-NP-TV-Z]{2} ?\d{3} ?[A-HJ-NP-TV-Z]{2}"
                   r"|(?i:[A-HJ-NP-TV-Z]{2}-\d{3}-[A-HJ-NP-TV-Z]{2}))(?![\w-])")
PLATE_SPACED = re.compile(r"(?<![\w-])\d{3,4} ?[A-HJ-NP-Z]{2,3} ?(?:\d{2}|2[AB]|97[1-6])"
                          r"(?![\w-])")
#: The digits right before a match, joined as a run of digits joins its groups.
_HEAD = re.compile(r"\d+(?:[ .\-/\u00a0\u202f]\d+)*[ .\u00a0\u202f]$")


def old_plate(m: re.Match, run: int) -> str | None:
    """A match of PLATE_SPACED (« 1234 AB 56 ») as a plate, or None when its first digits end
    a number of ``run`` digits or more that the digits before start (« 019 900 0000 CAF 01 99
    00 00 00 » is two phone numbers and a word: taking « 0000 CAF 01 » would leave
    « 019 900 »). The number is left whole to the runs of digits."""
    head = _HEAD.search(m.string, max(0, m.start() - 60), m.start())
    before = sum(c.isdigit() for c in head.group()) if head else 0
    first = len(re.match(r"\d+", m.group()).group())
    return None if before < run <= before + first else "plate"


PASSPORT = re.compile(r"(?<![\w-])\d{2}[A-Z]{2}\d{5}(?![\w-])")

_GAP = r"[^.!?\n\[\]]{0,40}?"
#: The number a name introduces: one word with 5 characters or more and a digit, or digit
#: groups — all of the run, never a piece of it.
_TOKEN = (r"(?<![\w+-])(?<!\d[ .\-/\u00a0])(?P<id>(?:\d{1,6}(?:[ .\-/]\d{1,6})+"
          r"|(?=[A-Za-z0-9]*\d)[A-Za-z0-9]{5,})"
          r"(?:\s?[A-Z](?![\w-]))?)(?![\w-])(?![ .\-/]\d)")
_DATE = re.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}")


def _context(words: str, kind: str, token: str = _TOKEN) -> tuple[re.Pattern, object]:
    pattern = re.compile(r"\b(?:" + words + r")\b" + _GAP + token, re.I)

    def decide(m: re.Match) -> str | None:
        found = m.group("id")
        digits = re.sub(r"\D", "", found)
        if _DATE.fullmatch(found) or re.fullmatch(r"0[1-9]\d{8}|33[1-9]\d{8}", digits):
            return None  # a date stays; a phone number is the number pass's
        return kind

    return pattern, decide


#: (pattern with group « id », kind) for the numbers a message introduces by their name.
CONTEXT_IDS = (
    _context(r"allocataire|caf|msa", "caf"),
    _context(r"passeport", "passport"),
    _context(r"carte\s+d['’]\s?identit[ée]|cni|pi[èe]ce\s+d['’]\s?identit[ée]|titre\s+de\s+"
             r"s[ée]jour|carte\s+de\s+s[ée]jour|r[ée]c[ée]piss[ée]|permis(?:\s+de\s+conduire)?",
             "id_card", r"(?<![\w])(?P<id>(?=[A-Za-z0-9]*\d)[A-Za-z0-9]{5,}|\d{1,4}(?:[ .\-/]"
             r"\d{1,4}){1,5}|[A-Z0-9]{9})(?![\w])"),
    _context(r"s[ée]curit[ée]\s+sociale|s[ée]cu|carte\s+vitale|nir|num[ée]ro\s+ss|ameli", "nir"),
    _context(r"plaque|immatricul\w*", "plate",
             r"(?<![\w])(?P<id>[a-z]{2}[ -]?\d{3}[ -]?[a-z]{2}|\d{3,4}[ -]?[a-z]{2,3}[ -]?\d{2})"
             r"(?![\w])"),
    _context(r"matricule|num[ée]ro\s+(?:de\s+)?(?:dossier|client|fiscal|fiscal)"
             r"|dossier\s+n°|n°\s*(?:de\s+)?(?:dossier|client|fiscal)|france\s+travail"
             r"|p[ôo]le\s+emploi", "number"),
)


def fold(text: str) -> str:
    """No accents, lower case (offsets kept: one character for one)."""
    out = []
    for char in text:
        plain = "".join(c for c in unicodedata.normalize("NFKD", char)
                        if not unicodedata.combining(c)).casefold()
        out.append(plain[:1] or char)
    return "".join(out)


@dataclass(frozen=True)
class Names:
    """Display names to redact, as the folded words that make them up: looked up word by
    word, so an export of thousands of senders costs no more per message than one."""

    parts: frozenset[str]


def name_pattern(names: Iterable[str | None]) -> Names | None:
    """The parts (3 letters or more, common words aside) of display names, matched
    whole-word, case- and accent-insensitively; None when there is none. Names that are
    phone numbers are left to the number passes."""
    parts = set()
    for name in names:
        if not name or sum(ch.isdigit() for ch in name) >= 6:
            continue  # a phone number
        parts.update(w for w in re.split(r"[^\w]+|_", fold(name)) if len(w) >= 3
                     and w not in STOP)
    return Names(frozenset(parts)) if parts else None


_LETTERS = re.compile(r"[^\W\d_]+")
#: A particle elided against a name word: « N'Diaye », « d'Almeida ».
_ELIDED = re.compile(r"(?<![^\W\d_])[^\W\d_]['’]$")


def replace_names(text: str, names: Names | None, counts: Counter) -> str:
    """Every word of ``names`` replaced by [nom]; the words of one name written together
    (« Lucas Moreau », « Jean-Marc », « Samia N'Diaye ») make one [nom]."""
    if names is None:
        return text
    folded = fold(text)
    spans: list[list[int]] = []
    for m in _LETTERS.finditer(folded):
        if m.group() not in names.parts or folded[m.start() - 1:m.start()] == "[":
            continue
        particle = _ELIDED.search(folded[max(0, m.start() - 3):m.start()])
        start = m.start() - (len(particle.group()) if particle else 0)
        if spans and not folded[spans[-1][1]:start].strip(" -'’"):
            spans[-1][1] = m.end()  # the next word of the same name
        else:
            spans.append([start, m.end()])
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], "[nom]"]
        counts["name"] += 1
        last = end
    return "".join(out) + text[last:]


_NAMES = {word: re.compile(rf"(?:{word})(?:[ -](?:{word})){{0,2}}") for word in (NAME, ANY_NAME)}


def cued_names(text: str, counts: Counter, words: frozenset[str] | None = None,
               learned: set[str] | None = None) -> str:
    """The names a message introduces, replaced by [nom]; the cue is kept (« Mme [nom] »).
    ``words``: the text's words (words_of), when the caller has them already; ``learned``
    collects the folded name words (as name_pattern keeps them), for their other mentions.

    >>> learned = set()
    >>> cued_names("Je m'appelle Léa Dubreuil, signé Léa", Counter(), learned=learned)
    "Je m'appelle [nom], signé [nom]"
    >>> sorted(learned)
    ['dubreuil', 'lea']
    """
    words = words_of(text) if words is None else words
    for cue, word, gate in CUES:
        if gate.isdisjoint(words):
            continue
        names = _NAMES[word]
        out, last = [], 0
        for m in cue.finditer(text):
            if m.start() < last:
                continue
            found = names.match(text, m.end())
            if found is None:
                continue
            taken = []
            for w in re.finditer(word, found.group()):
                plain = fold(w.group()).strip("'’-")
                if plain in STOP or re.match(rf"(?:[{_UP}{_LOW}]{{1,2}}|[Qq]u)['’](?![{_UP}])",
                                             w.group().strip("'’-")):
                    break  # a common word, or « m'a », « l'ai », « qu'il » (not « N'Diaye »)
                taken.append(w)
            if not taken:
                continue
            end = m.end() + taken[-1].end()
            if learned is not None:
                learned.update(w for w in (fold(t.group()).strip("'’-") for t in taken)
                             if len(w) >= 3)
            out += [text[last:m.end()], "[nom]"]
            counts["name"] += 1
            last = end
        text = "".join(out) + text[last:]
    return text
