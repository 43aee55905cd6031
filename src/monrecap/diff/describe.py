"""Content changes said as a reader says them — « + fiche « Conseiller numérique » ajoutée »,
a record's fields one per line, never a Python repr or ``None`` — for `monrecap show` and the
diff's terminal report alike (plain text: the caller escapes it for Rich)."""

from __future__ import annotations

from typing import Any

from monrecap.diff.content import MASCULINE, Change

SIGN = {"added": "+", "removed": "-", "moved": "↕", "changed": "~"}
#: Verbs for a page or a record (pages and records are all feminine nouns in French).
VERB = {"added": "ajoutée", "removed": "retirée", "moved": "déplacée"}
#: Page kinds as a reader names them.
KIND_NAMES = {"couverture": "couverture", "mode-emploi": "mode d'emploi",
              "rendez-vous": "rendez-vous", "contacts": "contacts", "actions": "démarches",
              "documents": "papiers", "notes": "notes", "donnees": "données personnelles",
              "glossaire": "glossaire", "avis": "avis", "blocs": "page en blocs", "dos": "dos"}


def show(value: Any) -> str:
    """A value as a reader writes it: text as is, lists one item after the other, records as
    their filled fields (never a Python repr).

    >>> show({"structure": "CAF", "nom": None})
    'structure: CAF'
    >>> show(None)
    '—'
    """
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return "; ".join(f"{k}: {show(v)}" for k, v in value.items() if v not in (None, [], {}))
    if isinstance(value, (list, tuple)):
        return " | ".join(show(v) for v in value)
    return str(value)


def cut(text: str, limit: int | None) -> str:
    """``text`` within ``limit`` characters, at a word where it can be (a terminal); whole
    when ``limit`` is None (piped, CI).

    >>> cut("Mes rendez-vous et mes contacts", 20)
    'Mes rendez-vous et…'
    >>> cut("court", None)
    'court'
    """
    if limit is None or len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    return (head[:space] if space > limit // 2 else head).rstrip(" ,;") + "…"


def fields(record: Any, skip: str = "") -> list[tuple[str, str]]:
    """A record's filled fields, one per line (its key field ``skip`` aside: it names it)."""
    if not isinstance(record, dict):
        return []
    return [(str(k), show(v)) for k, v in record.items()
            if v not in (None, [], {}) and k != skip and k != "id"]


def headline(change: Change, limit: int | None = None, in_page: bool = False) -> str:
    """One line for a change: what, to what, where (``in_page``: the page is said above)."""
    sign = SIGN[change.what]
    page = change.page
    at = "" if in_page or not page else f" (page {page})"
    if change.record and change.what in ("added", "removed"):
        verb = VERB[change.what]
        if change.record.split(" ")[0] in MASCULINE:
            verb = verb[:-1]  # « bloc ajouté »
        return f"{sign} {change.record} {verb}{at}"
    if change.record:
        return (f"{sign} {change.record}{at}, {change.field} : "
                f"{cut(show(change.old), limit)} → {cut(show(change.new), limit)}")
    if page and not change.path:
        kind = change.new if change.what == "added" else change.old
        what = f" ({KIND_NAMES.get(str(kind), kind)})" if isinstance(kind, str) else ""
        return f"{sign} page {page} {VERB[change.what]}{what}"
    label = change.where if not in_page else ""
    path = f"{label} → {change.path}" if label and change.path else (label or change.path)
    return f"{sign} {path} : {cut(show(change.old), limit)} → {cut(show(change.new), limit)}"


def details(change: Change, limit: int | None = None) -> list[str]:
    """The lines under a headline: an added or removed record's fields."""
    if change.record and change.what in ("added", "removed"):
        record = change.new if change.what == "added" else change.old
        from monrecap.content.merge import LIST_KEYS

        key = LIST_KEYS.get(change.path.split(" -> ")[-2] if " -> " in change.path else "", "")
        return [f"{k} : {cut(v, limit)}" for k, v in fields(record, key)]
    return []
