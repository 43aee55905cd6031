"""« Analyse des risques — Mon Récap vN »: the register said in French, in the DPIA's order
(context, data, feared events, measures, residual risks, what changed, decisions), as plain
blocks that the HTML page and the A4 PDF both draw — one text, two documents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from monrecap.risk.classification import LEVELS
from monrecap.risk.compare import FieldChange, RiskDiff
from monrecap.risk.register import Register

CONCERNS = {"holder": "la personne", "third-party": "un tiers"}


@dataclass(frozen=True)
class Cell:
    text: str
    level: str | None = None   # coloured as a level of the map


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
    blocks: tuple[object, ...]         # str (a paragraph), tuple[str, ...] (a list), Table, Maps


@dataclass(frozen=True)
class Document:
    title: str
    summary: str
    sections: tuple[Section, ...]
    released: dt.date


def _n(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count < 2 else plural}"


def _field(e) -> str:
    if e.field.text == e.field.page_title:  # a notes page: its title heads the lines
        return f"« {e.field.text} »"
    return f"{e.field.page_title} : « {e.field.text} »"


def _measure_names(register: Register, ids) -> str:
    labels = {fm.measure.id: fm.measure.label for fm in register.measures}
    return " ; ".join(labels.get(i, i) for i in ids) or "aucune"


def _how(register: Register, e) -> str:
    if e.how == "words":
        return f"le mot « {e.because} »"
    if e.how == "annotation":
        return f"la version : {e.because}"
    if e.how == "role":
        return "la sorte de champ"
    return "aucun mot : à classer"


def summary_fr(register: Register) -> str:
    counts = register.counts()
    levels = ", ".join(f"{level} {counts[level]}" for level in reversed(LEVELS))
    return (f"{_n(len(register.entries), 'champ', 'champs')} où l'on écrit. "
            f"Risque résiduel par champ : {levels}. Le plus haut : {register.highest}.")


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
        category = spec.categories[e.category].label if e.category else "à classer"
        concerns = CONCERNS[spec.categories[e.category].concerns] if e.category else ""
        rows.append((Cell(e.field.page_title), Cell(e.field.text),
                     Cell(spec.roles[e.field.role].label), Cell(category), Cell(concerns),
                     Cell(str(e.field.repeats))))
    blocks: list[object] = [
        "Chaque champ où l'on écrit, avec la catégorie de données qu'il reçoit et la personne "
        "qu'elle concerne. La dernière colonne dit combien de fois il est imprimé.",
        Table(("Page", "Champ", "Sorte", "Catégorie", "Concerne", "Fois"),
              (0.16, 0.24, 0.17, 0.25, 0.11, 0.07), tuple(rows))]
    if r.not_personal:
        blocks.append(tuple(f"{f.page_title} : « {f.text} » ne reçoit pas de donnée "
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
                                   Cell(e.residual.level, e.residual.level))
                                  for e in r.events)))
    return Section("3. Les événements redoutés", tuple(blocks))


def _effect(effect, spec) -> str:
    what = []
    if effect.severity:
        what.append(f"la gravité de {effect.severity}")
    if effect.likelihood:
        what.append(f"la vraisemblance de {effect.likelihood}")
    where = [spec.roles[r].label.lower() for r in effect.roles]
    where += [spec.categories[c].label.lower() for c in effect.categories]
    where += [spec.feared_events[e].label.lower() for e in effect.events]
    return f"Abaisse {' et '.join(what)} : {', '.join(where)}."


def _measures(r: Register) -> Section:
    spec = r.spec
    found = []
    for fm in r.measures:
        if fm.where:
            where = f"Page {fm.page_title}, champ {fm.where.partition('.')[2]}."
        else:
            where = "Par son absence."
        effects = " ".join(_effect(x, spec) for x in fm.measure.lowers)
        found.append(f"{fm.measure.label}. {where} {effects} {fm.measure.why}".strip())
    blocks: list[object] = [tuple(found) if found else "Aucune mesure trouvée."]
    if r.missing:
        blocks.append("Mesures absentes de cette version :")
        blocks.append(tuple(f"{m.label}. {m.why}" for m in r.missing))
    return Section("4. Les mesures", tuple(blocks))


def _residual(r: Register) -> Section:
    rows = tuple((Cell(_field(e)), Cell(_how(r, e)),
                  Cell(f"{e.initial.severity} / {e.initial.likelihood}"),
                  Cell(_measure_names(r, e.measures)),
                  Cell(f"{e.residual.severity} / {e.residual.likelihood}"),
                  Cell(e.residual.level, e.residual.level)) for e in r.entries)
    grid = lambda g: tuple(tuple(row) for row in g)  # noqa: E731
    return Section("5. Les risques résiduels", (
        "Chaque case de la carte compte les champs qui y tombent : en bas la gravité la plus "
        "faible, à droite la vraisemblance la plus forte. Avant et après les mesures du carnet.",
        Maps(tuple(tuple(r.spec.map[s]) for s in LEVELS), grid(r.grid("initial")),
             grid(r.grid("residual"))),
        "Gravité / vraisemblance avant et après les mesures, et le risque qui en résulte.",
        Table(("Champ", "Classé par", "Avant", "Mesures", "Après", "Risque"),
              (0.27, 0.16, 0.15, 0.17, 0.15, 0.1), rows)))


def change_fr(c: FieldChange) -> str:
    e = c.entry
    name = _field(e)
    if c.what == "added":
        return f"Nouveau champ, {name} : risque résiduel {e.residual.level}."
    if c.what == "removed":
        return f"Champ retiré, {name} : son risque résiduel était {e.residual.level}."
    old, new = c.old, c.new
    category = "" if old.category == new.category else \
        f" La catégorie passe de {old.category} à {new.category}."
    return (f"{name} : {old.residual.severity} / {old.residual.likelihood} avant, "
            f"{new.residual.severity} / {new.residual.likelihood} maintenant ; risque "
            f"{old.residual.level} avant, {new.residual.level} maintenant.{category}")


def since_fr(d: RiskDiff) -> tuple[str, ...]:
    lines = [change_fr(c) for c in d.fields]
    lines += [f"Nouvelle mesure : {fm.measure.label}." for fm in d.added_measures]
    lines += [f"Mesure perdue : {fm.measure.label}." for fm in d.removed_measures]
    spec = d.new.spec
    lines += [f"{spec.feared_events[name].label}, pour tout le carnet : {old.level} avant, "
              f"{new.level} maintenant." for name, old, new in d.events]
    return tuple(lines)


def since_summary_fr(d: RiskDiff) -> str:
    """One sentence: whether the carnet's residual risk went down or up, with the counts."""
    direction = {"lower": "plus bas", "higher": "plus haut", "same": "le même"}[d.direction]
    a, b = d.old.counts(), d.new.counts()
    moved = ", ".join(f"{level} {a[level]} puis {b[level]}" for level in reversed(LEVELS)
                      if a[level] != b[level])
    return (f"Depuis {d.old.label}, le risque résiduel du carnet est {direction}"
            + (f" : champs par niveau, {moved}." if moved else "."))


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
        blocks.append(tuple(f"{key} : {d.reason}" + (f" Décidé le {d.decided.isoformat()}."
                                                      if d.decided else "")
                            for key, d in r.decisions.items()))
    if r.refused:
        blocks.append("Sans décision, la publication refuse ces champs au risque maximal : "
                      + " ; ".join(_field(e) for e in r.refused) + ".")
    if not blocks:
        blocks.append("Aucun risque résiduel maximal : aucune décision n'est nécessaire.")
    return Section("7. Les décisions", tuple(blocks))


def risk_document(report) -> Document:
    """The whole analysis of one version, in French."""
    r: Register = report.register
    title = f"Analyse des risques — {r.title} {r.label}"
    return Document(title, summary_fr(r), (
        _context(report), _data(r), _events(r), _measures(r), _residual(r), _since(report),
        _decisions(r)), dt.date.fromisoformat(r.released))
