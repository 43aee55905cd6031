"""French text measures for the easy-to-read rules: sentences, words, written syllables,
Kandel–Moles and LIX.

Syllables are counted as written syllables (« syllabes écrites », as taught in French
schools): every vowel group is one syllable, the final mute e included (« heu-res »,
« con-seil-lè-re », « é-té »), with the French exceptions below.
"""

from __future__ import annotations

import re
import unicodedata

VOWELS = "aeiouyàâäéèêëîïôöùûüœæ"
WORD = re.compile(rf"[a-zA-Z{VOWELS}{VOWELS.upper()}ÿçÇ]+(?:['’-][a-zA-Z{VOWELS}ÿçÇ]+)*|\d+")
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZÀÂÉÈÊÎÔÛÇ«\"0-9])")


def sentences(text: str) -> list[str]:
    """Sentences of a text: split after . ! ? … before a capital (and at line breaks).

    >>> sentences("J'apporte mon carnet. Je coche ce que j'ai fait !")
    ["J'apporte mon carnet.", "Je coche ce que j'ai fait !"]
    """
    out = []
    for line in text.splitlines():
        out += [s.strip() for s in SENTENCE_END.split(line.strip()) if s.strip()]
    return out


def words(text: str) -> list[str]:
    """Words, elisions kept whole (« j'apporte » is one word, as it is read).

    >>> words("J'écris la date du 13 mars.")
    ["J'écris", 'la', 'date', 'du', '13', 'mars']
    """
    return WORD.findall(text)


_GROUP = re.compile(f"[{VOWELS}]+")


def syllables(word: str) -> int:
    """Written syllables of one French word.

    >>> [syllables(w) for w in ("conseillère", "été", "heures", "rendez-vous", "carnet")]
    [4, 2, 2, 3, 2]
    """
    if word.isdigit():
        return max(1, len(word) - 1)  # a rough count for numbers: they are read as words
    w = word.lower().replace("’", "'")
    if "'" in w:
        head, tail = w.split("'", 1)
        if len(head) <= 2:  # l'adresse, j'apporte, qu'il: the elided word is no syllable
            return syllables(tail)
        # aujourd'hui, jusqu'à: both parts are read; a final qu' joins what follows
        return syllables(re.sub(r"qu$", "q", head)) + syllables(tail)
    parts = [p for p in w.split("-") if p]
    if len(parts) > 1:
        return sum(syllables(p) for p in parts)
    w = re.sub(r"(?<=[gq])u(?=[aeiouéèêy])", "", w)   # que, guerre: the u is silent
    w = re.sub(r"(?<=[aeiou])y(?=[aeiou])", "iji", w)  # voyage: vo-ya-ge, loyer: lo-yer
    count = 0
    for group in _GROUP.findall(w):
        count += 1 + _hiatus(group)
    return max(1, count)


def _hiatus(group: str) -> int:
    """Extra syllables inside one vowel group: é or è before a vowel, diaereses, i/u before
    a vowel after another vowel (« ré-u-nion », « na-ïf », « No-ël »)."""
    extra = 0
    plain = unicodedata.normalize("NFC", group)
    extra += len(re.findall(r"[éè](?=[aeiouâêîôûy])", plain))
    extra += len(re.findall(r"(?<=[aeiouéè])[ïëü]", plain))
    extra += len(re.findall(r"(?<=[aeo])i(?=[aeoé])", plain))  # pa-ï-en rarely: kept simple
    if re.search(r"ao(?!û)|oé|oa", plain):  # ca-ho-té, co-opé-rer (but août)
        extra += 1
    return extra


def _counts(text: str) -> tuple[list[str], list[str]] | None:
    sents, ws = sentences(text), words(text)
    return (sents, ws) if sents and ws else None


def kandel_moles(text: str) -> float | None:
    """Kandel–Moles (the French Flesch): 207 − 1.015 × words/sentence − 73.6 × syllables/word.

    >>> round(kandel_moles("Je coche ce que j'ai fait."), 1)
    115.0
    """
    counts = _counts(text)
    if counts is None:
        return None
    sents, ws = counts
    syl = sum(syllables(w) for w in ws)
    return 207 - 1.015 * len(ws) / len(sents) - 73.6 * syl / len(ws)


def lix(text: str) -> float | None:
    """LIX: words/sentence + 100 × long words (over 6 letters)/words.

    >>> round(lix("Je coche ce que j'ai fait."), 1)
    6.0
    """
    counts = _counts(text)
    if counts is None:
        return None
    sents, ws = counts
    long_words = sum(1 for w in ws if len(w.replace("'", "")) > 6)
    return len(ws) / len(sents) + 100 * long_words / len(ws)
