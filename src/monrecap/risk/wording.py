"""The register said in French for a data-protection officer: fields and the texts that carry
a measure named as a reader sees them (never a key such as ``sections.0.heading``), risk
levels agreeing with « risque », dates in full, counts with their noun."""

from __future__ import annotations

import datetime as dt
import re

from monrecap.content.text import date_fr
from monrecap.plural import count
from monrecap.risk.writingfields import NAME_LINE, WritingField

#: The levels of the map qualify « gravité » and « vraisemblance » (feminine, as risk.yaml
#: writes them); a « risque » is masculine.
RISK = {"négligeable": "négligeable", "limitée": "limité", "importante": "important",
        "maximale": "maximal"}
#: Each kind of writing field as a reader names it: (singular, plural).
ROLE_NOUNS = {"name-line": ("ligne du nom", "lignes du nom"), "line": ("ligne", "lignes"),
              "checkbox": ("case", "cases"), "status": ("case d'avancement",
                                                        "cases d'avancement"),
              "notes": ("page de notes", "pages de notes"),
              "card": ("fiche contact", "fiches contact")}


def risk_fr(level: str) -> str:
    """A level of the map said of a risk.

    >>> risk_fr("importante"), risk_fr("limitée")
    ('important', 'limité')
    """
    return RISK[level]


def day_fr(value: dt.date) -> str:
    """A day in full, without the weekday.

    >>> day_fr(dt.date(2027, 2, 2))
    '2 février 2027'
    """
    return date_fr(value, weekday=False)


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def field_fr(f: WritingField) -> str:
    """A writing field as a reader names it.

    >>> field_fr(WritingField("rendez-vous.labels.date", "rendez-vous", "Mes rendez-vous",
    ...      "rendez-vous", "labels.date", "line", "Date", 24, ""))
    'la ligne « Date » (page « Mes rendez-vous »)'
    """
    if f.role == "name-line":
        return f"la ligne du nom de la couverture (« {f.text} »)"
    if f.role == "notes":
        return f"la page de notes « {f.text} »"
    noun = {"card": "la fiche contact", "checkbox": "la case", "status": "les cases",
            "line": "la ligne"}[f.role]
    return f"{noun} « {f.text} » (page « {page_fr(f)} »)"


def page_fr(f: WritingField) -> str:
    """The page of a field as a reader names it: its title, or the cover, or the back.

    >>> page_fr(WritingField("dos.lot_label", "dos", "Mon Récap", "dos", "lot_label", "line",
    ...                      "Lot", 1, ""))
    'Dos du carnet'
    """
    return {"couverture": "Couverture", "dos": "Dos du carnet"}.get(f.kind, f.page_title)


def sentence(text: str) -> str:
    """``text`` ended by a full stop, unless a quotation already ends with one.

    >>> sentence("« Je choisis. »"), sentence("la page « Mes notes »")
    ('« Je choisis. »', 'la page « Mes notes ».')
    """
    return text if re.search(r"[.!?…] ?»$", text) else text + "."


def carrier_fr(kind: str, path: str, page_title: str, text: str) -> str:
    """The printed text that carries a measure, as a reader finds it on the page.

    >>> carrier_fr("donnees", "sections.0.heading", "Mes informations",
    ...            "Je n'écris jamais ici :")
    "le titre de la rubrique « Je n'écris jamais ici : » (page « Mes informations »)"
    >>> carrier_fr("couverture", "owner_hint", "Mon Récap", "Mon prénom")
    'la ligne du nom de la couverture : « Mon prénom »'
    """
    if kind == "couverture" and path in NAME_LINE:
        return f"la ligne du nom de la couverture : « {text} »"
    page = f"(page « {page_title} »)"
    if re.fullmatch(r"sections\.\d+\.heading", path):
        return f"le titre de la rubrique « {text} » {page}"
    if re.fullmatch(r"sections\.\d+\.items\.\d+", path):
        return f"une ligne de rubrique, « {text} » {page}"
    if path == "intro":
        return f"l'introduction de la page « {page_title} » : « {text} »"
    if path == "title":
        return f"le titre de la page « {text} »"
    return f"la page « {page_title} » : « {text} »"


def fields_fr(fields: list[WritingField]) -> str:
    """Fields counted by kind: « 2 fiches contact », « 1 ligne et 1 page de notes ».

    >>> fields_fr([])
    'aucun champ'
    """
    kinds: dict[str, int] = {}
    for f in fields:
        kinds[f.role] = kinds.get(f.role, 0) + 1
    parts = [count(n, *ROLE_NOUNS[role]) for role, n in kinds.items()]
    if not parts:
        return "aucun champ"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]


def counts_fr(counts: dict[str, int], levels: tuple[str, ...]) -> str:
    """Fields per residual risk, the highest first: « 4 à risque important, aucun à risque
    maximal ».

    >>> counts_fr({"limitée": 1, "maximale": 0}, ("limitée", "maximale"))
    'aucun à risque maximal, 1 à risque limité'
    """
    return ", ".join(f"{counts[level] or 'aucun'} à risque {risk_fr(level)}"
                     for level in reversed(levels))
