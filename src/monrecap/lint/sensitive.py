"""The sensitive-data rule: does a printed field invite someone to write a password, a
social-security number, bank details or health information in the carnet?

The rule judges what the text invites, clause by clause, not which words it contains:

* a **sensitive item** (``FAMILIES``) is named;
* an **invitation to write** it: a writing verb (noter, écrire, inscrire, recopier, mettre…,
  and keeping verbs: garder, conserver, retenir) that no negation governs, a question that asks
  for the item (« Quel est votre mot de passe ? »), a verbless label or title (« Mot de passe »,
  « Votre IBAN pour les virements. ») or a fill-in label, whose writing line is the invitation;
* the invitation is lifted only by a negation that governs **that** verb (« N'écrivez jamais »,
  « ne pas noter », « Il ne faut pas écrire », « Vous n'avez pas besoin de le noter », « Évitez
  de noter », « sans l'écrire ») or the item itself (« Pas de mot de passe ici », « …, jamais
  votre code PIN »). A negation elsewhere does not count: « pour ne pas les oublier, notez… »,
  « N'oubliez pas de noter… », « N'hésitez pas à écrire… », « Ne notez ici que… » invite.
* « Gardez-le en tête », « Retenez-le par cœur », « Gardez votre code pour vous » keep it in
  memory, not on paper: not an invitation.

Field kinds (``Field``): ``text`` (running text, titles, headings, pre-printed values),
``label`` (a fill-in label followed by a writing line), ``item`` (a list item under a heading
that may govern it), ``checklist`` (a box to tick: « Mon RIB » is a paper to bring, « Mon numéro
de sécurité sociale » is a value to write), ``definition`` (a glossary entry).

The table tests/lint/sensitive.tsv holds the expected verdict of each kind of sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from monrecap.lint.french import sentences

Field = Literal["text", "label", "item", "checklist", "definition"]

#: rule → (sensitive item, what the message says). The rules and messages are the ones the
#: build reports: changing a message changes the goldens of tests/cases/.
FAMILIES: dict[str, tuple[re.Pattern, str]] = {
    "sensitive.password": (re.compile(
        r"\bmots? de passe\b|\bidentifiants?\b|\bcodes? (?:d'accès|de connexion|secrets?)\b"
        r"|\blogins?\b", re.IGNORECASE), "a password or a login"),
    "sensitive.nir": (re.compile(
        r"\bsécurité sociale\b|\bNIR\b|\bnuméros? de sécu\b|\bnuméros? (?:de )?(?:carte )?vitale\b",
        re.IGNORECASE), "a social-security number"),
    "sensitive.bank": (re.compile(
        r"\bRIB\b|\bIBAN\b|\brelevés? d'identité bancaire\b|\bcoordonnées bancaires\b"
        r"|\bcodes? (?:de (?:la |ma |votre |ta )?carte|bancaires?|PIN|confidentiels?)\b|\bPIN\b"
        r"|\bcryptogrammes?\b|\bnuméros? de (?:la |ma |votre |ta )?carte (?:bancaire|bleue|de "
        r"crédit)\b|\bnuméros? de compte\b", re.IGNORECASE), "bank details or a card code"),
    "sensitive.health": (re.compile(
        r"\bmaladies?\b|\bdiagnostics?\b|\btraitements? médica|\bpathologies?\b", re.IGNORECASE),
        "health information"),
}
#: A value someone would write down (as opposed to a paper to bring, like « Mon RIB »).
VALUE = re.compile(r"\bnuméros?\b|\bcodes?\b|\bmots? de passe\b|\bidentifiants?\b|\bIBAN\b"
                   r"|\bcryptogrammes?\b|\bNIR\b|\blogins?\b", re.IGNORECASE)

_FIRST = r"(?:e|es|ez|ons|ent|er|é|ée|és|ées|ant|erai|eras|era|erez|erons|eront)"
#: Verbs that put something on paper.
WRITE = re.compile(
    rf"(?:re)?not{_FIRST}|(?:ré|ins|réins|dé|trans|r?é)cri(?:re|s|t|te|ts|tes|vez|vons|vent|ve|ves"
    rf"|vant|rai|ras|ra|rez|rons|ront)|(?:re)?copi{_FIRST}|report{_FIRST}|marqu{_FIRST}"
    rf"|indiqu{_FIRST}|rempli(?:r|s|t|e|es|ssez|ssons|ssent)|compl[éè]t{_FIRST}"
    rf"|renseign{_FIRST}|consign{_FIRST}|enregistr{_FIRST}|stock{_FIRST}"
    r"|mett(?:re|ez|ons|ent|e)|mets?|mise?s?")
#: Verbs that keep something: an invitation unless kept in memory (``MEMORY``).
KEEP = re.compile(rf"gard{_FIRST}|conserv{_FIRST}|reten(?:ir|ez|ons|u|ue|us|ues)"
                  r"|retien(?:s|t|nent|ne|nes)")
MEMORY = re.compile(r"\ben (?:tête|mémoire)\b|\bpar c(?:œ|oe)ur\b|\bde mémoire\b"
                    r"|\bdans (?:votre|ma|ta|sa) tête\b|\bpour (?:vous|toi|moi|soi)\b"
                    r"|\bsecr(?:et|ets|ète|ètes)\b")

CLITIC = {"le", "la", "les", "l'", "y", "en", "lui", "leur", "me", "m'", "te", "t'", "se", "s'",
          "nous", "vous"}
NE = {"ne", "n'"}
NEG = {"pas", "jamais", "plus", "rien", "point", "aucun", "aucune", "nulle", "ni", "guère"}
#: Words between a negated verb and the writing verb it governs (« n'avez pas besoin de »).
LINK = CLITIC | NEG | {"de", "d'", "à", "besoin", "peine", "surtout", "ici", "là", "même"}
#: Negated, these verbs invite: « N'oubliez pas de noter », « N'hésitez pas à écrire ».
INVITING = re.compile(r"oubli\w*|hésit\w*|manqu\w*|omet\w*|néglig\w*|tard\w*")
#: Words that forbid the writing verb after them: « Évitez de noter », « sans l'écrire ».
FORBID = re.compile(r"évit\w*|interdite?s?|défendue?s?|dangereu\w*|déconseillée?s?|refus\w*"
                    r"|sans")
#: Words between a bare negation and the item it negates (« pas de », « jamais votre »).
FILLER = {"le", "la", "les", "l'", "un", "une", "de", "d'", "du", "des", "votre", "vos", "ton",
          "ta", "tes", "mon", "ma", "mes", "son", "sa", "ses", "leur", "leurs", "ce", "cet",
          "cette", "ces", "surtout", "même", "ici", "numéro", "numéros", "code", "codes"}
BARE_NEG = NEG | {"sauf", "hormis", "excepté"}
QUESTION = {"quel", "quelle", "quels", "quelles", "lequel", "laquelle", "quoi", "combien"}
#: Forms that show a clause has a verb (a verbless clause naming an item reads as a label).
VERB = re.compile(
    r"est|sont|es|suis|êtes|sommes|sera|seront|serez|était|a|ai|as|avez|avons|ont|aura"
    r"|peut|peux|pouvez|peuvent|doit|dois|devez|doivent|faut|va|vais|allez|vont|fait|faites"
    r"|font|dit|dites|sait|savez|voici|voilà|\w{2,}ez|envoie|envoient|demandent|donnent"
    r"|reçoit|reçoivent|sert|servent|permet|permettent|contient|protège|protègent|montrent"
    r"|aident|explique|expliquent|trouvent|figurent")  # not « aide », « demande »: nouns too
NOT_VERB = {"chez", "assez", "nez", "rez"}
SUBJECT = {"je", "j'", "tu", "il", "ils", "elle", "elles", "on"}
#: Object pronouns stand before a verb (« vous envoie »), except after a preposition; « nous »
#: is one too: « nous envoyons » has its verb.
OBJECT = {"vous", "nous", "me", "m'", "te", "t'", "se", "s'", "lui", "leur"}
PREPOSITION = {"pour", "avec", "chez", "sans", "à", "de", "d'", "par", "sur", "entre", "vers"}
DETERMINER = {"le", "la", "les", "l'", "un", "une", "des", "du", "de", "d'", "votre", "vos",
              "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "ce", "cet", "cette",
              "ces"}
INFINITIVE_AFTER = {"de", "d'", "à", "pour", "sans", "pas", "jamais", "faut", "peut", "pouvez",
                    "devez", "doit", "dois", "allez", "va", "vais"}
#: Words shaped as an infinitive that are none (« le code de votre carte »).
NOT_INFINITIVE = {"votre", "notre", "autre", "entre", "contre"}
#: After « leur », a noun (« leur numéro de sécurité sociale »), not a verb (« leur envoyer »).
ITEM_NOUN = {"numéro", "numéros", "code", "codes", "mot", "mots", "identifiant", "identifiants",
             "iban", "rib", "nir", "carte", "cartes", "coordonnées", "relevé", "relevés",
             "cryptogramme", "login", "logins"}
_TOKEN = re.compile(r"\w+'|\w+(?:-\w+)*|[^\w\s'-]")
_SPLIT_AFTER_HYPHEN = CLITIC | {"moi", "toi", "il", "elle", "on", "ils", "elles", "t"}


@dataclass(frozen=True)
class Token:
    text: str     # lower case, ’ written '
    start: int    # offset in the clause
    hyphen: bool  # after a hyphen: « -le » of « notez-le »


@dataclass(frozen=True)
class Clause:
    """What one clause does with sensitive items."""

    items: tuple[str, ...]   # rules of the items it names and does not negate
    invites: bool            # a writing verb no negation governs, or a question for the item
    forbids: bool            # a writing verb a negation governs, and none it does not
    verbless: bool
    value: bool              # names a value to write (not just a paper)
    pronoun_invite: bool     # « notez-le »: an invitation whose object is a pronoun


def judge(text: str, field: Field = "text", heading: str | None = None) -> list[str]:
    """The sensitive-data rules a printed field breaks (empty: it invites nothing).

    >>> judge("Notez ici votre mot de passe pour ne pas l'oublier.")
    ['sensitive.password']
    >>> judge("N'écrivez jamais votre mot de passe dans ce carnet.")
    []
    """
    under = [clause for sentence in sentences(heading or "") for clause in _clauses(sentence)]
    heading_invites = any(c.invites for c in under)
    heading_forbids = any(c.forbids for c in under)  # read only where the heading invites not
    found: list[str] = []
    named: tuple[str, ...] = ()  # items of the previous clauses, for « Notez-le. »
    pending: tuple[str, ...] = ()  # « Votre mot de passe ? » unless « Ne l'écrivez jamais. »
    for sentence in sentences(text):
        for part in _clauses(sentence):
            if not part.forbids:
                found += pending
            pending = ()
            invites = part.invites or (field == "item" and heading_invites)
            if field == "label" and not part.forbids:
                invites = True  # the writing line after the label asks for it
            # (a clause that forbids has a writing verb: it is never verbless)
            label_like = part.verbless and not (
                field == "definition" or (field == "item" and heading_forbids)
                or (field == "checklist" and not part.value))
            if part.items and invites:
                found += part.items
            elif label_like:  # (a verbless clause has no « notez-le » either)
                pending = part.items
            elif not part.items and part.pronoun_invite:
                found += named
            named = part.items or named
    return sorted(set(found + list(pending)))


def _clauses(sentence: str) -> list[Clause]:
    return [_clause(part) for part in sentence.split(";") if part.strip()]


def _clause(text: str) -> Clause:
    plain = text.replace("’", "'").lower()
    tokens = _tokens(plain)
    spans, items = [], []
    for rule, (pattern, _) in FAMILIES.items():
        for match in pattern.finditer(plain):
            spans.append(match.span())
            first = next(i for i, t in enumerate(tokens) if t.start >= match.start())
            if not _negated_item(tokens, first):
                items.append(rule)
    # The item's own words (« code secret ») are not a keeping-in-memory complement.
    unmasked = "".join(" " if any(a <= i < b for a, b in spans) else ch
                       for i, ch in enumerate(plain))
    write = keep = forbids = forbids_write = pronoun_invite = False
    words = [t.text for t in tokens]
    for i, word in enumerate(words):
        keeping = bool(KEEP.fullmatch(word))
        if not keeping and not (WRITE.fullmatch(word) and not _registering(words, i)):
            continue
        if _governed(words, i):
            forbids, forbids_write = True, forbids_write or not keeping
        elif keeping and MEMORY.search(re.split(r"[,:.!?]", unmasked[tokens[i].start:])[0]):
            continue  # « Gardez-le en tête »: kept in memory, not on paper
        else:
            write, keep = write or not keeping, keep or keeping
            pronoun_invite = pronoun_invite or _pronoun_object(tokens, i)
    # « Gardez votre code, ne l'écrivez pas »: the forbidden writing says how to keep it.
    invites = write or (keep and not forbids_write)
    asks = plain.rstrip().endswith("?") and bool(QUESTION & set(words))
    return Clause(tuple(dict.fromkeys(items)), invites or (asks and bool(items)),
                  forbids and not invites,
                  not _has_verb(words), bool(VALUE.search(plain)), pronoun_invite)


def _tokens(plain: str) -> list[Token]:
    out = []
    for match in _TOKEN.finditer(plain):
        word, start = match.group(0), match.start()
        parts = word.split("-")
        if len(parts) > 1 and word != "rendez-vous" and parts[1] in _SPLIT_AFTER_HYPHEN:
            for k, part in enumerate(parts):  # « notez-le », « avez-vous »: verb and clitic
                out.append(Token(part, start, k > 0))
                start += len(part) + 1
        else:
            out.append(Token(word, start, False))
    return out


def _is_punct(word: str) -> bool:
    return not word[0].isalnum()


def _governed(words: list[str], i: int) -> bool:
    """Does a negation (or a forbidding word) govern the writing verb at ``i``?"""
    j = i - 1
    while j >= 0 and words[j] in CLITIC:
        j -= 1
    if j >= 0 and words[j] in NE:  # « N'écrivez jamais », « ne l'écrivez surtout pas »
        rest = words[i + 1:]
        rest = rest[:next((k for k, w in enumerate(rest) if _is_punct(w)), len(rest))]
        # the negation right after the verb, or « nulle part » after its object
        if NEG & set(rest[:3]) or any(rest[k:k + 2] == ["nulle", "part"]
                                      for k in range(len(rest))):
            return True
    j, negated = i - 1, False
    while j >= 0 and words[j] in LINK:  # back over « pas besoin de », « jamais l' »
        negated = negated or words[j] in NEG
        j -= 1
    if j < 0 or _is_punct(words[j]):  # « Pas besoin de le noter », « …, jamais l'écrire »
        return negated
    if FORBID.fullmatch(words[j]):  # « Évitez de noter », « sans l'écrire »
        return True
    if not negated:
        return False
    if words[j] in NE:  # « ne pas noter », « ne jamais l'écrire »
        return True
    # « Il ne faut pas écrire », « Vous n'avez pas besoin de noter » — but « N'oubliez pas de
    # noter » invites.
    before = words[max(0, j - 2):j]
    return bool(NE & set(before)) and not INVITING.fullmatch(words[j])


def _negated_item(words: list[Token], m: int) -> bool:
    """« Pas de mot de passe ici », « …, jamais votre code PIN »: a bare negation of the item
    (not the « pas » of « Ne perdez pas votre code », which negates the verb)."""
    j = m - 1
    while j >= 0 and words[j].text in FILLER:
        j -= 1
    if j < 0 or words[j].text not in BARE_NEG:
        return False
    for k in range(j - 1, max(-1, j - 4), -1):
        if _is_punct(words[k].text):
            break
        if words[k].text in NE:
            return False
    return True


def _registering(words: list[str], i: int) -> bool:
    """« s'inscrire à France Travail », « inscrivez-vous », « vous êtes inscrit »: signing up."""
    if not words[i].startswith(("inscri", "réinscri")):
        return False
    after = words[i + 1] if i + 1 < len(words) else ""
    before = words[i - 1] if i else ""
    reflexive = before in {"vous", "nous"} and words[i].endswith("inscrire")
    return reflexive or after in {"à", "au", "aux", "vous", "comme"} or before in {
        "s'", "m'", "t'", "se", "me", "te", "êtes", "est", "suis", "sont", "es", "être", "été"}


def _pronoun_object(tokens: list[Token], i: int) -> bool:
    """« Notez-le », « je l'écris »: the object is a pronoun (maybe an item named before)."""
    objects = {"le", "la", "les", "l'"}
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    return (i > 0 and tokens[i - 1].text in objects) or bool(
        after and after.hyphen and after.text in objects)


def _has_verb(words: list[str]) -> bool:
    if NE & set(words):
        return True  # « ne » stands before a verb
    for i, word in enumerate(words):
        before = words[i - 1] if i else ""  # the first word has none (not the last one)
        after = words[i + 1] if i + 1 < len(words) else "."
        if word in SUBJECT and not _is_punct(after):
            return True
        if word in OBJECT and not _is_punct(after) and after not in DETERMINER and \
                before not in PREPOSITION and not (word == "leur" and after in ITEM_NOUN):
            return True
        if (VERB.fullmatch(word) and word not in NOT_VERB) or WRITE.fullmatch(word) \
                or KEEP.fullmatch(word):
            return True
        if before in INFINITIVE_AFTER and re.fullmatch(r"\w+(?:er|ir|re|oir)", word) \
                and word not in NOT_INFINITIVE:
            return True
    return False
