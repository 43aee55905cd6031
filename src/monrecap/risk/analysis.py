"""« Analyse des risques — Mon Récap vN »: the register said in French, in the DPIA's order
(context, data, feared events, measures, residual risks, what changed, decisions), as plain
blocks that the HTML page and the A4 PDF both draw — one text, two documents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from monrecap.errors import Problem
from monrecap.risk.classification import LEVELS
from monrecap.risk.register import Register
from monrecap.risk.trend import FieldChange, RiskDiff
from monrecap.risk.wording import (
    capital,
    carrier_fr,
    counts_fr,
    day_fr,
    field_fr,
    fields_fr,
    page_fr,
    risk_fr,
    sentence,
)

CONCERNS = {"holder": "la personne", "third-party": "un tiers"}


@dataclass(frozen=True)
class Cell:
    text: str
    level: str | None = None   # coloured as a level of the map
    source: Problem | None = None  # where its text was written, for an error


@dataclass(frozen=True)
class Item:
    """A paragraph or a list item whose text was written in a YAML file (a reason)."""

    text: str
    source: Problem | None = None

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    widths: tuple[float, ...]          # fractions of the width
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Maps:
    """The 4 × 4 maps, before and after the measures: fields per cell."""

    map: tuple[tuple[str, ...], ...]   # the level of each cell, rows by severity
    initial: tuple[tuple[int, ...], ...]
    residual: tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[object, ...]         # str (a paragraph), tuple of str or Item (a list),
    #                                    Table, Maps


@dataclass(frozen=True)
class Document:
    title: str
    summary: str
    sections: tuple[Section, ...]
    released: dt.date


def _n(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count < 2 else plural}"


def _measure_names(register: Register, ids) -> str:
    labels = {fm.measure.id: fm.measure.label for fm in register.measures}
    return " ; ".join(labels.get(i, i) for i in ids) or "aucune"


def _how(register: Register, e) -> str:
    if e.how == "words":
        return f"le mot « {e.because} »"
    if e.how == "annotation":
        return f"la version : {e.because}"
    role = register.spec.roles[e.field.role].label.lower()
    if e.how == "role":
        return f"sa sorte : {role}"
    if e.how == "default":
        return f"aucun mot : catégorie par défaut ({role})"
    return "aucun mot : à classer"


def _category(register: Register, e) -> str:
    if not e.category:
        return "à classer"
    label = register.spec.categories[e.category].label
    return f"{label} (catégorie par défaut)" if e.how == "default" else label


def summary_fr(register: Register) -> str:
    return (f"{_n(len(register.entries), 'champ', 'champs')} où l'on écrit : "
            f"{counts_fr(register.counts(), LEVELS)}. Le risque résiduel le plus haut est "
            f"{risk_fr(register.highest)}.")


def _context(report) -> Section:
    r: Register = report.register
    from monrecap.content.text import date_fr

    blocks: list[object] = [
        "Mon Récap est un carnet papier. La personne y écrit ses rendez-vous, ses contacts et "
        "ses démarches. Le service ne collecte rien : le risque étudié est celui d'un carnet "
        "perdu, ou lu par quelqu'un d'autre, et de l'usage malveillant de ce qui y est écrit.",
        f"Version {r.version}" + (f", édition {r.variant}" if r.variant else "")
        + f", publiée le {date_fr(dt.date.fromisoformat(r.released), weekday=False)}. "
        f"Classification : {r.source}. Méthode : l'analyse d'impact de la CNIL, avec les "
        "données, les événements redoutés, la gravité et la vraisemblance sur quatre niveaux, "
        "les mesures et le risque résiduel.",
    ]
    if report.experiments:
        blocks.append("Expériences de terrain citées :")
        blocks.append(tuple(f"{i}, {x.title} : {x.summary()}."
                            for i, x in report.experiments.items()))
    return Section("1. Contexte", tuple(blocks))


def _data(r: Register) -> Section:
    spec = r.spec
    rows = []
    for e in r.entries:
        category = _category(r, e)
        concerns = CONCERNS[spec.categories[e.category].concerns] if e.category else ""
        rows.append((Cell(page_fr(e.field)), Cell(e.field.text, source=_at(e.field)),
                     Cell(spec.roles[e.field.role].label), Cell(category), Cell(concerns),
                     Cell(str(e.field.repeats))))
    blocks: list[object] = [
        "Chaque champ où l'on écrit, avec la catégorie de données qu'il reçoit et la personne "
        "qu'elle concerne. La dernière colonne dit combien de fois il est imprimé.",
        Table(("Page", "Champ", "Sorte", "Catégorie", "Concerne", "Fois"),
              (0.16, 0.24, 0.17, 0.25, 0.11, 0.07), tuple(rows))]
    if r.not_personal:
        blocks.append(tuple(f"{page_fr(f)} : « {f.text} » ne reçoit pas de donnée "
                            f"personnelle. {reason}" for f, reason in r.not_personal))
    return Section("2. Les données", tuple(blocks))


def _events(r: Register) -> Section:
    spec = r.spec
    blocks: list[object] = [tuple(f"{event.label} : {event.what}"
                                  for event in spec.feared_events.values())]
    used = list(dict.fromkeys(e.category for e in r.entries if e.category))
    blocks.append("Ce qu'une personne qui trouve le carnet peut faire, par catégorie :")
    blocks.append(Table(("Catégorie", "Ce qu'elle peut faire", "Gravité", "Pourquoi"),
                        (0.25, 0.3, 0.13, 0.32),
                        tuple((Cell(spec.categories[c].label),
                               Cell(" ".join(spec.finder_can[u]
                                             for u in spec.categories[c].finder_can)),
                               Cell(spec.categories[c].severity, spec.categories[c].severity),
                               Cell(spec.categories[c].why)) for c in used)))
    if r.events:
        blocks.append("Pour tout le carnet :")
        blocks.append(Table(("Événement", "Avant", "Mesures", "Après", "Risque"),
                            (0.22, 0.2, 0.24, 0.2, 0.14),
                            tuple((Cell(spec.feared_events[e.id].label),
                                   Cell(f"{e.initial.severity} / {e.initial.likelihood}"),
                                   Cell(_measure_names(r, e.measures)),
                                   Cell(f"{e.residual.severity} / {e.residual.likelihood}"),
                                   Cell(risk_fr(e.residual.level), e.residual.level))
                                  for e in r.events)))
    return Section("3. Les événements redoutés", tuple(blocks))


def _steps(n: int) -> str:
    return "d'un niveau" if n == 1 else f"de {n} niveaux"


def _effect(effect, spec) -> str:
    """« Abaisse d'un niveau la gravité : identité de la personne (ligne du nom sur la
    couverture). »"""
    what = []
    if effect.severity:
        what.append(f"{_steps(effect.severity)} la gravité")
    if effect.likelihood:
        what.append(f"{_steps(effect.likelihood)} la vraisemblance")
    where = [spec.categories[c].label.lower() for c in effect.categories]
    where += [spec.feared_events[e].label.lower() for e in effect.events]
    only = [spec.roles[r].label.lower() for r in effect.roles]
    only += [f"pages {kind}" for kind in effect.kinds]
    scope = f" ({', '.join(only)})" if only else ""
    return f"Abaisse {' et '.join(what)} : {', '.join(where) or 'tous les champs'}{scope}."


def _measures(r: Register) -> Section:
    spec = r.spec
    found = []
    for fm in r.measures:
        if fm.where:
            where = sentence("Trouvée sur " + carrier_fr(fm.kind, fm.where.partition(".")[2],
                                                         fm.page_title, fm.text))
        else:
            absent = ", ".join(f"« {spec.categories[c].label} »"
                               for c in fm.measure.absent.categories)
            where = f"Par son absence : aucun champ ne reçoit {absent}."
        effects = " ".join(_effect(x, spec) for x in fm.measure.lowers)
        found.append(f"{fm.measure.label}. {where} {effects} {fm.measure.why}".strip())
    blocks: list[object] = [tuple(found) if found else "Aucune mesure trouvée."]
    if r.missing:
        blocks.append("Mesures absentes de cette version :")
        blocks.append(tuple(f"{m.label}. {m.why}" for m in r.missing))
    return Section("4. Les mesures", tuple(blocks))


#: A version's reason longer than this (or with a word longer than ``LONG_WORD``, a web
#: address say) is read below the table, not in its narrow column.
LONG_REASON, LONG_WORD = 120, 18


def _long(e) -> bool:
    return e.how == "annotation" and (len(e.because) > LONG_REASON or max(
        map(len, e.because.split()), default=0) > LONG_WORD)


def _residual(r: Register) -> Section:
    long = [e for e in r.entries if _long(e)]
    rows = tuple((Cell(_field(e), source=_at(e.field)),
                  Cell("la version (sa raison sous le tableau)" if e in long else _how(r, e),
                       source=e.because_at),
                  Cell(f"{e.initial.severity} / {e.initial.likelihood}"),
                  Cell(_measure_names(r, e.measures)),
                  Cell(f"{e.residual.severity} / {e.residual.likelihood}"),
                  Cell(risk_fr(e.residual.level), e.residual.level)) for e in r.entries)
    grid = lambda g: tuple(tuple(row) for row in g)  # noqa: E731
    return Section("5. Les risques résiduels", (
        "Chaque case de la carte compte les champs qui y tombent : en bas la gravité la plus "
        "faible, à droite la vraisemblance la plus forte. Avant et après les mesures du carnet.",
        Maps(tuple(tuple(r.spec.map[s]) for s in LEVELS), grid(r.grid("initial")),
             grid(r.grid("residual"))),
        "Gravité / vraisemblance avant et après les mesures, et le risque qui en résulte.",
        Table(("Champ", "Classé par", "Avant", "Mesures", "Après", "Risque"),
              (0.27, 0.16, 0.15, 0.17, 0.15, 0.1), rows),
        *((("Les raisons de la version :",
            tuple(Item(f"{capital(field_fr(e.field))} : {e.because}", e.because_at)
                  for e in long)) if long else ()))))


def _field(e) -> str:
    """A field in a table: a notes page by its title, else the text printed on the page."""
    if e.field.role == "notes":  # a notes page: its title heads the lines
        return f"« {e.field.text} »"
    return f"{page_fr(e.field)} : « {e.field.text} »"


def _at(f) -> Problem:
    return Problem(f.where, f.key, "")


def _category_name(register: Register, category: str | None) -> str:
    return f"« {register.spec.categories[category].label} »" if category else "« à classer »"


def change_fr(c: FieldChange, register: Register | None = None) -> str:
    e = c.entry
    name = capital(field_fr(e.field))
    if c.what == "added":
        return f"Nouveau champ, {field_fr(e.field)} : risque résiduel {risk_fr(e.residual.level)}."
    if c.what == "removed":
        return (f"Champ retiré, {field_fr(e.field)} : son risque résiduel était "
                f"{risk_fr(e.residual.level)}.")
    old, new = c.old, c.new
    category = ""
    if old.category != new.category and register is not None:
        category = (f" La catégorie passe de {_category_name(register, old.category)} à "
                    f"{_category_name(register, new.category)}.")
    return (f"{name} : gravité / vraisemblance {old.residual.severity} / "
            f"{old.residual.likelihood} avant, {new.residual.severity} / "
            f"{new.residual.likelihood} maintenant ; risque {risk_fr(old.residual.level)} "
            f"avant, {risk_fr(new.residual.level)} maintenant.{category}")


def since_fr(d: RiskDiff) -> tuple[str, ...]:
    lines = [change_fr(c, d.new) for c in d.fields]
    lines += [f"Nouvelle mesure : {fm.measure.label}." for fm in d.added_measures]
    lines += [f"Mesure perdue : {fm.measure.label}." for fm in d.removed_measures]
    spec = d.new.spec
    lines += [f"{spec.feared_events[name].label}, pour tout le carnet : risque "
              f"{risk_fr(old.level)} avant, {risk_fr(new.level)} maintenant."
              for name, old, new in d.events]
    return tuple(lines)


def _levels_of(entries) -> str:
    levels = list(dict.fromkeys(risk_fr(e.residual.level) for e in entries))
    return f"au risque {levels[0]}" if len(levels) == 1 else \
        "aux risques " + ", ".join(levels[:-1]) + " et " + levels[-1]


def since_summary_fr(d: RiskDiff) -> str:
    """One sentence: whether the carnet's residual risk went down or up — said only when its
    highest level or the map moved —, else what was added or removed."""
    since = f"Depuis {d.old.label}"
    a, b = d.old.counts(), d.new.counts()
    if d.direction in ("higher", "lower"):
        direction = {"lower": "plus bas", "higher": "plus haut"}[d.direction]
        if d.old.highest != d.new.highest:
            old = risk_fr(d.old.highest)
            of = "d'" if old[0] in "aeiou" else "de "
            why = f"son niveau le plus haut passe {of}{old} à {risk_fr(d.new.highest)}"
        else:
            why = "champs par niveau, " + ", ".join(
                f"{risk_fr(level)} {a[level]} puis {b[level]}" for level in reversed(LEVELS)
                if a[level] != b[level])
        return f"{since}, le risque résiduel du carnet est {direction} : {why}."
    same = (f"{since}, le risque résiduel le plus haut reste {risk_fr(d.new.highest)} et la "
            "carte des risques ne change pas")
    added, removed = d.added(), d.removed()
    parts = []
    if added:
        parts.append(f"{fields_fr([e.field for e in added])} de plus, {_levels_of(added)}")
        new = d.new_categories()
        if new:
            parts.append(("des données d'une catégorie nouvelle : " if len(new) == 1 else
                          "des données de catégories nouvelles : ")
                         + ", ".join(_category_name(d.new, c) for c in new))
    if removed:
        parts.append(f"{fields_fr([e.field for e in removed])} en moins, "
                     f"{_levels_of(removed)}")
    return same + (" : " + " ; ".join(parts) if parts else "") + "."


def _since(report) -> Section:
    d: RiskDiff | None = report.since
    if d is None:
        return Section("6. Ce qui a changé", ("C'est la première version : rien à comparer.",))
    blocks: list[object] = [since_summary_fr(d)]
    lines = since_fr(d)
    blocks.append(lines if lines else "Aucun champ, aucune mesure n'a changé.")
    if report.because:
        blocks.append("Les entrées du journal des changements qui l'expliquent :")
        blocks.append(tuple(f"« {t} »" for t in report.because))
    return Section(f"6. Ce qui a changé depuis {d.old.label}", tuple(blocks))


def _decisions(r: Register) -> Section:
    blocks: list[object] = []
    if r.decisions:
        blocks.append(tuple(Item(f"{capital(decided_fr(r, key))} : {d.reason}"
                                 + (f" Décidé le {day_fr(d.decided)}." if d.decided else ""),
                                 r.decided_at.get(key))
                            for key, d in r.decisions.items()))
    if r.refused:
        blocks.append("Sans décision, la publication refuse ces champs au risque maximal : "
                      + " ; ".join(field_fr(e.field) for e in r.refused) + ".")
    if not blocks:
        blocks.append("Aucun risque résiduel maximal : aucune décision n'est nécessaire.")
    return Section("7. Les décisions", tuple(blocks))


def decided_fr(r: Register, key: str) -> str:
    """What a ``risk_accepted:`` key names, as a reader would: a field, or a whole page."""
    entry = next((e for e in r.entries if e.field.key == key), None)
    if entry is not None:
        return field_fr(entry.field)
    return f"la page « {r.pages.get(key, key)} »"


def risk_document(report) -> Document:
    """The whole analysis of one version, in French."""
    r: Register = report.register
    title = f"Analyse des risques — {r.title} {r.label}"
    return Document(title, summary_fr(r), (
        _context(report), _data(r), _events(r), _measures(r), _residual(r), _since(report),
        _decisions(r)), dt.date.fromisoformat(r.released))
