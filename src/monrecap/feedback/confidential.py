"""Secrets and health details out of a message, for `redact.py`: the value a password, a login
or a card code introduces, and named conditions, treatments, disabilities and pregnancies.

The families are the ones the carnet's lint refuses to invite (`lint/sensitive.py` FAMILIES:
passwords and logins, bank details and card codes, health; NIRs and IBANs are `redact.py`'s).

* **Secrets** (`[secret]`): after « mot de passe », « mdp », « identifiant », « login »,
  « code de (ma) carte », « code secret / confidentiel / d'accès / de connexion / PIN »,
  « PIN », « cryptogramme », « CVV », « digicode »: the first word within 30 characters (same
  sentence) that holds a digit or a symbol (« Soleil2026! », « 4821 », « 12 34 », whole), a
  quoted value, or any word after « : », « = », « est », « c'est » that is not a common word
  (« mon mot de passe est soleil » loses « soleil »; « … est perdu » keeps « perdu »), up to
  three words naming the service between (« mot de passe ameli c'est chatnoir »); else the
  word right after the cue unless it is a common word (« mdp soleil » loses « soleil »,
  « mot de passe oublié » keeps « oublié »). When unsure it takes more: « mot de passe
  ameli » loses « ameli ».
* **Health** (`[santé]`): a lexicon of conditions, treatments and disabilities (« je suis en
  dépression » → « je suis en [santé] », « ma maladie de Crohn », « arrêt maladie »,
  « RQTH », « enceinte »), the word and what names the condition after it. The condition is
  taken, the sentence kept: the product team still reads « je suis [santé], la police est
  trop petite ». A condition the lexicon does not hold survives; « l'Assurance maladie »
  (an institution) and « diagnostic » alone (an employment adviser's word) stay.
"""

from __future__ import annotations

import re
from collections import Counter

from monrecap.feedback.identity import STOP, fold

SECRET, HEALTH = "[secret]", "[santé]"

#: Words a text must hold for the secret patterns to be looked for (most texts hold none).
SECRET_WORDS = frozenset("""passe mdp password passwords identifiant identifiants login logins
code codes pin cryptogramme cryptogrammes cvv cvc digicode digicodes""".split())
_CARD = r"de\s+(?:la\s+|ma\s+|ta\s+|sa\s+|votre\s+|mon\s+)?carte(?:\s+(?:bancaire|bleue|cb))?"
_CUE = (r"\b(?:mots?[\s-]+de[\s-]+passe|mdp|passwords?|identifiants?|logins?"
        r"|codes?\s+(?:" + _CARD + r"|bancaires?|cb|secrets?|confidentiels?|d['’]\s?acc[èe]s"
        r"|de\s+connexion|de\s+s[ée]curit[ée]|d['’]\s?activation|pin|wifi|wi-fi"
        r"|de\s+l['’]\s?immeuble|du\s+portail|de\s+la\s+porte|d['’]\s?entr[ée]e)"
        r"|pin|cryptogrammes?|cvv|cvc|digicodes?)\b")
#: What may stand between the cue and its value: « : », « = », « est », « c'est »…
_LINK = (r"(?:\s*[:=→]|\s*-+>|\s+(?:est|c['’]\s?est|c\s+est|[ée]tait|sera|reste)"
         r"(?=[\s:=]))")
#: Words that describe a secret rather than are it (« mon mot de passe est perdu »).
_DESCRIBE = STOP | frozenset("""perdu perdue perdus oublie oubliee oublies bloque bloquee
bloques faux fausse incorrect incorrecte errone erronee expire expiree change changee modifie
modifiee note notee ecrit ecrite simple complique compliquee long longue court courte nouveau
nouvel nouvelle ancien ancienne meme demande obligatoire necessaire valide invalide refuse
refusee accepte different differente personnel personnelle secret confidentiel ok un une
tout toute tous dessus dedans ici la-dessus quelque chose ca celui celle unique habituel
habituelle provisoire temporaire actuel actuelle sur fort forte faible securise securisee
envoye envoyee recu recue demander changer modifier retrouver oublier noter ecrire retenir
creer saisir taper entrer mettre recevoir bancaire bancaires secrets confidentiels
personnels""".split())
_END = r"(?=[,;:.!?»\")]*(?:\s|$))"
#: One word (placeholders inside it count as letters), never a piece of a run of digits.
_WORD = r"(?:[^\s\[\]]|\[[^\[\]\n]{1,30}\])+"
_SYMBOL = r"[\d@#$%^&*_+=~|\\/<>{}€£§]"
_NOT_DATE = (r"(?!\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}" + _END + r")(?!\d{1,2}h\d{0,2}" + _END
             + r")")
_STRONG = (r"(?<![^\s:=(«\"'’])(?<!\d[ .\-/\u00a0])" + _NOT_DATE
           + r"(?!\[[^\[\]\n]{1,30}\]" + _END + r")"
           + r"(?P<strong>\d{1,6}(?:[ .\-/\u00a0]\d{1,6})+(?![\w])"
           r"|(?=[^\s]*?(?:" + _SYMBOL + r"|\[))(?=[^\s]*?[^\W_])" + _WORD + r")")
_QUOTED = r"(?P<quoted>«\s?[^»\n]{1,60}?\s?»|\"[^\"\n]{1,60}\"|“[^”\n]{1,60}”)"
CUE = re.compile(_CUE, re.I)
#: Right after the cue and « : » or « est », the service maybe between (« mot de passe ameli
#: c'est … », « code de la porte du bas : … »): a quoted value or any word (judged by `_value`).
AFTER_LINK = re.compile(r"(?:\s+[\w'’-]{1,20}){0,3}?" + _LINK + r"+\s*(?:" + _QUOTED
                        + r"|(?P<weak>" + _WORD + r"))", re.I)
#: Right after the cue, nothing between: one word (« mdp soleil »), unless a common word.
DIRECT = re.compile(r"\s+(?P<weak>" + _WORD + r")", re.I)
#: Within 30 characters of the same sentence: a quoted value or a word with a digit or symbol.
NEARBY = re.compile(r"(?:[^.!?\n\[\]]|\[[^\[\]\n]{1,30}\]){0,30}?(?:" + _QUOTED + r"|"
                    + _STRONG + r")", re.I)


def _skips_a_value(m: re.Match, after_cue: int) -> bool:
    """The words between a cue and its « : » hold a digit or another cue: « mot de passe 000
    mdp : Soleil » is two secrets, not one named by « mot de passe 000 mdp »."""
    value = m.start("quoted") if m.group("quoted") is not None else m.start("weak")
    between = m.string[after_cue:value]
    return any(ch.isdigit() for ch in between) or CUE.search(between) is not None


def _value(m: re.Match) -> tuple[int, int] | None:
    """The span of the secret a match found (None: what follows the cue is no secret)."""
    groups = m.groupdict()
    if groups.get("quoted") is not None:
        return m.span("quoted")
    name = "weak" if groups.get("weak") is not None else "strong"
    start, end = m.span(name)
    text = m.string
    while end > start + 1 and text[end - 1] in ",;»\")":
        end -= 1
    word = fold(text[start:end]).rstrip(".!?")
    if re.fullmatch(r"\[[^\]]*\]", word):
        return None  # a placeholder already
    if name == "weak" and (len(word) < 3 or word in _DESCRIBE):
        return None
    if name == "strong" and word.isdigit() and len(word) < 3:
        return None  # « page 12 »: two digits are no code
    return start, end


def secrets(text: str, counts: Counter, words: frozenset[str]) -> str:
    """Every value a secret's name introduces, replaced by [secret]; the name is kept."""
    if SECRET_WORDS.isdisjoint(words):
        return text
    out, last = [], 0
    for cue in CUE.finditer(text):
        if cue.start() < last:
            continue
        span = None
        for pattern in (AFTER_LINK, NEARBY, DIRECT):
            m = pattern.match(text, cue.end())
            if m is not None and pattern is AFTER_LINK and _skips_a_value(m, cue.end()):
                continue
            if m is not None and (span := _value(m)) is not None:
                break
        if span is None:
            continue
        out += [text[last:span[0]], SECRET]
        counts["secret"] += 1
        last = span[1]
    return "".join(out) + text[last:]


_OF = r"(?:\s+(?:de|d['’]|du|des)\s*(?:la\s+|le\s+|les\s+|l['’]\s?)?[\w'’-]{2,})"
_QUALIFIER = (r"(?:\s+(?:graves?|chroniques?|rares?|mentale?s?|psychiques?|g[ée]n[ée]tiques?"
              r"|auto-?immunes?|orphelines?|invalidantes?|incurables?|cardiaques?|r[ée]nales?"
              r"|neurologiques?|d[ée]g[ée]n[ée]ratives?|psychiatriques?|longue\s+dur[ée]e))")
#: Conditions, treatments, disabilities and pregnancy, whole words (case-insensitive).
_TERMS = (
    r"d[ée]pressions?|d[ée]pressi(?:f|fs|ve|ves)|d[ée]prim[ée]e?s?|d[ée]prime|burn[- ]?outs?"
    r"|anxi[ée]t[ée]|anxieu(?:x|se|ses)|angoiss[ée]e?s?|angoisses?|crises?\s+d['’]\s?"
    r"(?:angoisse|panique|[ée]pilepsie|asthme)|phobies?|bipolaires?|bipolarit[ée]"
    r"|schizophr[èée]n\w*|psychoses?|psychotiques?|autis(?:me|tes?)|asperger|stress\s+post-?"
    r"traumatique|psychiatr\w*|psychologues?|psys?|suicid\w*|alcooli\w+|addictions?|addicts?"
    r"|toxicomanes?|toxicomanie|sevrage|m[ée]thadone|subutex|d[ée]sintox\w*|drogues?"
    r"|cancers?|chimio\w*|radioth[ée]rapie|tumeurs?|leuc[ée]mies?|diab[èé]t\w*"
    r"|s[ée]ropositi(?:f|ve)s?|sida|h[ée]patites?(?:\s+[abc]\b)?|scl[ée]rose\s+en\s+plaques"
    r"|[ée]pilep\w+|asthm\w+|crohn|lupus|fibromyalgie|parkinson|alzheimer|infarctus"
    r"|insuffisan(?:ce|t|te)\s+(?:r[ée]nale?|cardiaque|respiratoire)|dialyses?|dialys[ée]e?s?"
    r"|ob[ée]sit[ée]|ob[èe]ses?|anorexi\w*|boulimi\w*|handicap\w*|invalidit[ée]|rqth|mdph"
    r"|affection\s+de\s+longue\s+dur[ée]e|longue\s+maladie|arr[êe]ts?\s+(?:de\s+)?(?:maladie"
    r"|travail)|mal(?:voyant|entendant)e?s?|non[- ]?voyante?s?|aveugles?|sourde?s?"
    r"|dys(?:lexi|praxi|phasi|calculi|orthographi)\w*|enceinte|grossesses?|fausses?\s+couches?"
    r"|m[ée]dicaments?|antid[ée]presseurs?|anxiolytiques?|neuroleptiques?|somnif[èe]res?"
    r"|insuline|xanax|lexomil|malades?"
    r"|(?<!assurance\s)(?<!assurance\s\s)maladies?(?:" + _OF + r"|" + _QUALIFIER + r"|\s+de\s+"
    r"longue\s+dur[ée]e)?"
    r"|pathologies?(?:" + _OF + r"|" + _QUALIFIER + r")?"
    r"|syndromes?(?:" + _OF + r"|" + _QUALIFIER + r")?"
    r"|diagnostic\s+m[ée]dical|diagnostiqu[ée]e?s?(?:\s+(?:un|une|d['’]\s?une?))?\s+[\w'’-]+"
    r"|troubles?\s+(?:psy\w*|mentaux|bipolaires?|anxieux|obsessionnels?|du\s+comportement"
    r"|de\s+l['’]\s?attention|de\s+la\s+personnalit[ée]|alimentaires?|dys\w*|cognitifs?"
    r"|musculo-?squelettiques?|du\s+spectre\s+\w+(?:\s+\w+)?|de\s+l['’]\s?humeur)"
    r"|traitements?\s+(?:m[ée]dica\w+|contre\s+(?:la\s+|le\s+|les\s+|l['’]\s?)?[\w'’-]+"
    r"|pour\s+(?:la\s+|le\s+|les\s+|l['’]\s?|mon\s+|ma\s+|mes\s+)?[\w'’-]+)"
    r"|hospitalis[ée]e?s?(?:\s+en\s+psychiatrie)?")
#: The upper-case abbreviations (« TOC », « AAH », « ALD », « VIH »…), upper case only:
#: lower case they are words.
_ACRONYMS = r"TOC|TDAH|AAH|ALD|AVC|VIH|IVG|PTSD|SEP|TCA|TSA"
HEALTH_PATTERN = re.compile(r"(?<![\w-])(?:(?i:" + _TERMS + r")|" + _ACRONYMS + r")(?![\w-])")


def health(text: str, counts: Counter) -> str:
    """Conditions, treatments and disabilities replaced by [santé] (one for a run of them:
    « dépression et anxiété » is « [santé] et [santé] »)."""
    out, last = [], 0
    for m in HEALTH_PATTERN.finditer(text):
        out += [text[last:m.start()], HEALTH]
        counts["health"] += 1
        last = m.end()
    return "".join(out) + text[last:] if out else text
