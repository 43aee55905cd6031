"""Counts with their noun in the right number, in French (documents) and English (CLI messages).

French takes the singular below 2 — « 0 carnet », « 1 colis », « 1,5 kilo » — and the plural
from 2 on; English takes the singular for exactly 1 — « 0 orders », « 1 order ». The plural is
the singular with an « s » (nothing added after s, x or z) unless the caller gives it: give it
for every irregular word (« journal » / « journaux », « copy » / « copies ») and for groups
whose words all agree (« carnet commandé » / « carnets commandés »).
"""

from __future__ import annotations

from decimal import Decimal

Number = int | float | Decimal


def plural_of(singular: str) -> str:
    """The regular plural of every word of ``singular``: an « s », nothing after s, x or z.

    >>> plural_of("carnet"), plural_of("colis"), plural_of("carnet commandé")
    ('carnets', 'colis', 'carnets commandés')
    """
    return " ".join(w if w[-1:] in ("s", "x", "z") else w + "s" for w in singular.split(" "))


def plural(n: Number, singular: str, many: str | None = None, *, lang: str = "fr") -> str:
    """The noun for a count of ``n``: ``singular`` or ``many`` (default: regular plural).

    >>> plural(0, "carnet"), plural(1, "carnet"), plural(2, "carnet")
    ('carnet', 'carnet', 'carnets')
    >>> plural(0, "order", lang="en"), plural(1, "order", lang="en")
    ('orders', 'order')
    >>> plural(2, "blank page", lang="en"), plural(2, "carnet commandé")
    ('blank pages', 'carnets commandés')
    """
    if lang == "fr":
        one = abs(n) < 2
    elif lang == "en":
        one = n == 1
    else:
        raise ValueError(f"plural: unknown language {lang!r} (fr or en)")
    if one:
        return singular
    if many:
        return many
    if lang == "en":  # « blank page » / « blank pages »: the noun only, last
        head, _, last = singular.rpartition(" ")
        return f"{head} {plural_of(last)}" if head else plural_of(last)
    return plural_of(singular)


def count(n: Number, singular: str, many: str | None = None, *, lang: str = "fr",
          number: str | None = None) -> str:
    """« 3 carnets »: the number (``number`` when given, written as the caller wants it,
    else ``n`` as is) and its noun.

    >>> count(1, "carnet"), count(100_000, "carnet"), count(1, "colis"), count(2, "colis")
    ('1 carnet', '100000 carnets', '1 colis', '2 colis')
    >>> count(1, "copy", "copies", lang="en"), count(3, "copy", "copies", lang="en")
    ('1 copy', '3 copies')
    """
    return f"{n if number is None else number} {plural(n, singular, many, lang=lang)}"
