"""risk.yaml → Classification: the data behind the risk register (categories of data, the
words that reveal them, severities, likelihoods, feared events, measures, the risk map).

The repository's `risk.yaml` first, else the toolkit's default (`src/monrecap/data/risk.yaml`,
the same file as the repository's when it ships). Every cross-reference is checked at its line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from monrecap.content.schema import PAGE_KINDS, RiskLevel, Slug, Text
from monrecap.errors import ContentError, Problem
from monrecap.layout import Strict
from monrecap.resources import data_file
from monrecap.source import MDict, MList, load_yaml, validate

FILE = "risk.yaml"
#: The CNIL's four levels, for severity, likelihood and risk alike.
LEVELS: tuple[str, ...] = ("négligeable", "limitée", "importante", "maximale")
Role = Literal["name-line", "line", "checkbox", "status", "notes", "card"]
ROLES: tuple[str, ...] = ("name-line", "line", "checkbox", "status", "notes", "card")
PageKind = Literal[tuple(PAGE_KINDS)]  # type: ignore[valid-type]
ExpId = Annotated[str, StringConstraints(pattern=r"^exp-[0-9]{4}-[0-9]{2,}$")]
#: A field path inside a page, ``*`` for any index: ``sections.*.heading``.
FieldPath = Annotated[str, StringConstraints(pattern=r"^[a-z_*0-9]+(\.[a-z_*0-9]+)*$")]


class FearedEvent(Strict):
    """One of the CNIL's feared events; those with a severity and a likelihood are assessed
    for the whole carnet, the others field by field."""

    label: Text
    what: Text
    severity: RiskLevel | None = None
    likelihood: RiskLevel | None = None
    evidence: list[ExpId] = []


class Category(Strict):
    """A category of personal data a field collects."""

    label: Text
    concerns: Literal["holder", "third-party"]
    severity: RiskLevel
    finder_can: list[Slug] = Field(min_length=1)
    why: Text


class Words(Strict):
    """Words (or phrases; ``médica*`` for any ending) that put a field in a category."""

    category: Slug
    words: list[Text] = Field(min_length=1)
    severity: RiskLevel | None = Field(None, description="default: the category's")
    roles: list[Role] = Field([], description="only fields of these roles (default: all)")


class RoleSpec(Strict):
    """A kind of writing field: how likely a finder reads it, and what a field of it that no
    word classifies is: its category by nature (a contact card), or a category assumed by
    default and said as such (free notes)."""

    label: Text
    likelihood: RiskLevel
    why: Text
    category: Slug | None = Field(None, description="what every field of this role is when "
                                                    "no word classifies it")
    default_category: Slug | None = Field(None, description="assumed when no word classifies "
                                                            "a field: said, with a warning")
    severity: RiskLevel | None = None
    words: bool = Field(True, description="whether the words classify fields of this role")
    evidence: list[ExpId] = []


class Found(Strict):
    """A measure recognised from the content."""

    kinds: list[PageKind] = []
    fields: list[FieldPath] = []
    words: list[Text] = Field(min_length=1)
    without: list[Text] = []


class At(Strict):
    """A measure declared with the page and the field that carries it, and the words that
    field must hold: a field whose text says something else does not carry the measure."""

    page: Slug
    field: FieldPath
    words: list[Text] = Field(min_length=1, description="one of them must be in the field")


class Absent(Strict):
    """A measure that is the absence of a field: no line for the holder's address."""

    categories: list[Slug] = Field(min_length=1)


class Lowers(Strict):
    """What a measure lowers, and where: the fields of these categories, and only those of
    these roles, on pages of these kinds, at these paths, when given — a measure protects
    the fields it covers, not every field of a category."""

    severity: int = Field(0, ge=0, le=3)
    likelihood: int = Field(0, ge=0, le=3)
    categories: list[Slug] = []
    roles: list[Role] = []
    kinds: list[PageKind] = []
    fields: list[FieldPath] = []
    events: list[Slug] = []


class Measure(Strict):
    id: Slug
    label: Text
    why: Text
    found: Found | None = None
    at: At | None = None
    absent: Absent | None = None
    lowers: list[Lowers] = []
    evidence: list[ExpId] = []


class NotPersonal(Strict):
    """Writing fields that collect no personal data (the print-lot box)."""

    kinds: list[PageKind] = Field(min_length=1)
    fields: list[FieldPath] = Field(min_length=1)
    reason: Text


class Classification(Strict):
    """risk.yaml."""

    map: dict[RiskLevel, list[RiskLevel]]
    unclassified: RiskLevel = Field(description="the severity of a field no word classifies")
    feared_events: dict[Slug, FearedEvent]
    finder_can: dict[Slug, Text]
    categories: dict[Slug, Category]
    roles: dict[Role, RoleSpec]
    words: list[Words]
    not_personal: list[NotPersonal] = []
    measures: list[Measure] = []

    def level(self, severity: str, likelihood: str) -> str:
        """The risk of a (severity, likelihood) cell of the map."""
        return self.map[severity][LEVELS.index(likelihood)]

    def cited(self) -> list[tuple[tuple, str]]:
        """Every experiment id risk.yaml cites, with the key path that cites it."""
        out = []
        for name, event in self.feared_events.items():
            out += [(("feared_events", name, "evidence", i), e)
                    for i, e in enumerate(event.evidence)]
        for name, role in self.roles.items():
            out += [(("roles", name, "evidence", i), e) for i, e in enumerate(role.evidence)]
        for k, measure in enumerate(self.measures):
            out += [(("measures", k, "evidence", i), e) for i, e in enumerate(measure.evidence)]
        return out


@dataclass(frozen=True)
class Loaded:
    spec: Classification
    file: str          # "risk.yaml", or "risk.yaml (the toolkit's default)"
    data: MDict

    @property
    def default(self) -> bool:
        """The toolkit's copy: the repository has no risk.yaml."""
        return self.file != FILE


def load_classification(root: Path) -> Loaded:
    """The repository's risk.yaml, else the toolkit's; ContentError with every problem."""
    path, display = root / FILE, FILE
    if not path.is_file():
        path, display = data_file(FILE), f"{FILE} (the toolkit's default)"
    data = load_yaml(path, display)
    if not isinstance(data, MDict):
        raise ContentError([Problem(display, "", "must be a mapping of keys to values")])
    spec = validate(Classification, data)
    problems = _cross_check(spec, data)
    if problems:
        raise ContentError(problems)
    return Loaded(spec, display, data)


def mark_at(data: MDict, path: tuple) -> Problem:
    """A Problem at the value ``path`` leads to in the marked YAML (or the nearest above)."""
    node, mark = data, data.mark
    for key in path:
        if isinstance(node, (MDict, MList)) and (key in node if isinstance(node, MDict)
                                                  else 0 <= key < len(node)):
            mark, node = node.mark_of(key), node[key]
        else:
            break
    return Problem(mark.where, " -> ".join(str(k) for k in path), "")


def _at(data: MDict, path: tuple, message: str) -> Problem:
    p = mark_at(data, path)
    return Problem(p.where, p.path, message)


#: How an error names several of a kind of name.
PLURALS = {"category": "categories", "finder use": "finder uses",
           "feared event": "feared events"}


def _cross_check(spec: Classification, data: MDict) -> list[Problem]:
    """Names that must refer to something: categories, finder uses, events, the map."""
    problems = []
    cats, uses, events = set(spec.categories), set(spec.finder_can), set(spec.feared_events)
    if set(spec.map) != set(LEVELS):
        problems.append(_at(data, ("map",), "needs one row per severity: "
                                            + ", ".join(LEVELS)))
    for severity, row in spec.map.items():
        if len(row) != 4:
            problems.append(_at(data, ("map", severity),
                                f"needs 4 levels, one per likelihood ({len(row)} given)"))
    if "access" not in events:
        problems.append(_at(data, ("feared_events",), "needs 'access': the illegitimate "
                                                      "access a finder makes, field by field"))
    missing = [r for r in ROLES if r not in spec.roles]
    if missing:
        problems.append(_at(data, ("roles",), f"needs every role: {', '.join(missing)} missing"))

    def known(path: tuple, value: str, names: set[str], what: str) -> None:
        if value not in names:
            from monrecap.source import did_you_mean

            problems.append(_at(data, path, f"unknown {what} '{value}'"
                                            f"{did_you_mean(value, sorted(names))}; "
                                            f"{PLURALS[what]}: {', '.join(sorted(names))}"))

    for name, category in spec.categories.items():
        for i, use in enumerate(category.finder_can):
            known(("categories", name, "finder_can", i), use, uses, "finder use")
    for i, rule in enumerate(spec.words):
        known(("words", i, "category"), rule.category, cats, "category")
        for j, word in enumerate(rule.words):
            if not phrase(word):
                problems.append(_at(data, ("words", i, "words", j), "has no letter or digit"))
    for name, role in spec.roles.items():
        for key in ("category", "default_category"):
            if getattr(role, key) is not None:
                known(("roles", name, key), getattr(role, key), cats, "category")
        if role.category is not None and role.default_category is not None:
            problems.append(_at(data, ("roles", name, "default_category"),
                                "give category (what every field of the role is) or "
                                "default_category (a guess, said with a warning), not both"))
    seen = set()
    for k, measure in enumerate(spec.measures):
        if measure.id in seen:
            problems.append(_at(data, ("measures", k, "id"), f"duplicate measure '{measure.id}'"))
        seen.add(measure.id)
        ways = [w for w in ("found", "at", "absent") if getattr(measure, w) is not None]
        if len(ways) != 1:
            problems.append(_at(data, ("measures", k), "says how it is recognised with exactly "
                                                       "one of found, at, absent"))
        for way, parts in (("found", ("words", "without")), ("at", ("words",))):
            for part in parts if getattr(measure, way) is not None else ():
                for i, word in enumerate(getattr(getattr(measure, way), part)):
                    if not phrase(word):
                        problems.append(_at(data, ("measures", k, way, part, i),
                                            "has no letter or digit"))
        if measure.absent is not None:
            for i, cat in enumerate(measure.absent.categories):
                known(("measures", k, "absent", "categories", i), cat, cats, "category")
        for i, effect in enumerate(measure.lowers):
            for j, cat in enumerate(effect.categories):
                known(("measures", k, "lowers", i, "categories", j), cat, cats, "category")
            for j, event in enumerate(effect.events):
                known(("measures", k, "lowers", i, "events", j), event, events, "feared event")
            if not (effect.severity or effect.likelihood):
                problems.append(_at(data, ("measures", k, "lowers", i),
                                    "lowers nothing: give severity or likelihood (1 to 3)"))
            if not (effect.categories or effect.roles or effect.events):
                problems.append(_at(data, ("measures", k, "lowers", i),
                                    "names no categories, roles or events to lower"))
    for name, event in spec.feared_events.items():
        if (event.severity is None) != (event.likelihood is None):
            problems.append(_at(data, ("feared_events", name),
                                "a carnet-wide event needs both severity and likelihood"))
    return problems


# --- words ------------------------------------------------------------------------------
#: « N° », « Nº », « n° » : the abbreviation of numéro, read as the word.
_NUMERO = re.compile(r"\b[nN] ?[°º]")


def fold(text: str) -> str:
    """Lower case, no accents, typographic apostrophes made plain, « N° » as « numéro ».

    >>> fold("Numéro d’ALLOCATAIRE"), fold("N° allocataire")
    ("numero d'allocataire", 'numero  allocataire')
    """
    text = _NUMERO.sub("numéro ", text)
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word[-1] in "sx" and not word.endswith("us") else word


def tokens(text: str) -> tuple[str, ...]:
    """Folded, singular-ish words.

    >>> tokens("Mes dettes, Lieu et adresse")
    ('mes', 'dette', 'lieu', 'et', 'adresse')
    """
    return tuple(_singular(w) for w in re.findall(r"[a-z0-9]+", fold(text)))


def phrase(words: str) -> tuple[str, ...]:
    """A phrase of risk.yaml as tokens; a final ``*`` keeps the word's start (a prefix).

    >>> phrase("Médica*"), phrase("qui m'aide")
    (('medica*',), ('qui', 'm', 'aide'))
    """
    return tuple(w if w.endswith("*") else _singular(w)
                 for w in re.findall(r"[a-z0-9]+\*?", fold(words)))


def find_phrase(words: tuple[str, ...], text: tuple[str, ...]) -> bool:
    """Whether the phrase ``words`` stands in ``text`` as whole words.

    >>> find_phrase(phrase("numéro d'allocataire"), tokens("Mon numéro d'allocataire CAF"))
    True
    >>> find_phrase(phrase("nom"), tokens("Mon prénom"))
    False
    """
    n = len(words)
    for i in range(len(text) - n + 1):
        if all(text[i + k].startswith(w[:-1]) if w.endswith("*") else text[i + k] == w
               for k, w in enumerate(words)):
            return True
    return False


def first_word(candidates: list[str], text: str) -> str | None:
    """The first of ``candidates`` found in ``text``, as written in risk.yaml (a prefix shown
    with an ellipsis).

    >>> first_word(["santé", "médica*"], "Mes médicaments")
    'médica…'
    """
    toks = tokens(text)
    found = next((w for w in candidates if find_phrase(phrase(w), toks)), None)
    return None if found is None else found.replace("*", "…")


def lower(level: str, steps: int) -> str:
    """A level ``steps`` lower, never under négligeable.

    >>> lower("importante", 1), lower("limitée", 3)
    ('limitée', 'négligeable')
    """
    return LEVELS[max(0, LEVELS.index(level) - steps)]
