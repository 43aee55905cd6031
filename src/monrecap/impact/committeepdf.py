"""`impact report --pdf`: the report told to the advisory committee on one A4 page, in
easy-to-read French (numbers « sur 100 », short sentences, pictograms), its sentences checked
like the ESAT's documents, the PDF marked PDF/X-4 and preflighted before it is written."""

from __future__ import annotations

import re
from pathlib import Path

from monrecap.errors import MonrecapError, Problem
from monrecap.impact.committeepage import CommitteeSheet, RateBlock, Series, grouped, render_sheet
from monrecap.impact.funnel import MIN_COUNT, MIN_STRUCTURES, Funnel, ImpactReport
from monrecap.impact.svgcharts import cmyk, colours
from monrecap.impact.verdicts import METRICS, Comparison, number, rounded
from monrecap.plural import count

MAX_SERIES = 4
TITLES = {"came_back": ("Les personnes reviennent avec leur carnet", "calendar-event"),
          "filled": ("Les carnets sont remplis", "pencil"),
          "activation": ("Les carnets sont remis aux personnes", "hand-finger"),
          "minutes": ("Le temps gagné à chaque rendez-vous", "clock")}
OFFERS = {"decouverte": "Offre découverte", "cofinance": "Offre cofinancée"}
MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
          "nov.", "déc.")
READING = (f"On compare avec au moins {MIN_STRUCTURES} structures et {MIN_COUNT} personnes "
           "par version. Les réponses d'une structure se ressemblent : la marge d'erreur peut "
           "être un peu trop petite.")


def label(by: str, name: str) -> str:
    """How the sheet names a group.

    >>> label("version", "v11"), label("offer", "cofinance"), label("territory", "57")
    ('Version 11', 'Offre cofinancée', 'Département 57')
    """
    if by == "version" and name[1:].isdigit():
        return f"Version {name[1:]}"
    if by == "offer":
        return OFFERS.get(name, "Offre inconnue")
    if by == "edition":
        return "Édition de base" if name == "base" else f"Édition {name}"
    return f"Département {name}"


def chosen(report: ImpactReport) -> list[Funnel]:
    """The groups the page has room for: the two versions compared; else the groups with the
    most answers, at most four."""
    c = report.compare
    if c is not None:
        named = {g.name: g for g in report.groups}
        return [named[c.old], named[c.new]]
    groups = sorted(report.groups, key=lambda g: (-g.answers, -g.shipped))[:MAX_SERIES]
    return [g for g in report.groups if g in groups]


#: What a rate is computed on, singular and plural; and its short form in « il faut ».
UNITS = {"came_back": ("personne revue", "personnes revues"),
         "filled": ("carnet remis", "carnets remis"),
         "activation": ("carnet envoyé aux structures qui ont répondu",
                        "carnets envoyés aux structures qui ont répondu"),
         "minutes": ("réponse", "réponses")}
NEED = {"came_back": ("personne revue", "personnes revues"),
        "filled": ("carnet remis", "carnets remis"),
        "activation": ("carnet envoyé", "carnets envoyés"), "minutes": None}


def _status(comparison: Comparison | None, key: str) -> str:
    if comparison is None:
        return ""
    v = next(v for v in comparison.verdicts if v.metric.key == key)
    new = label("version", comparison.new)
    if v.status == "clear":
        better = v.difference.value > 0
        return f"La {new.lower()} fait {'mieux' if better else 'moins bien'}. " \
               "La différence est nette."
    if v.status == "too-few":  # what is missing, and the minimum (the box says both)
        if min(v.old_structures, v.new_structures) < MIN_STRUCTURES:
            return f"Trop peu de structures : il en faut {MIN_STRUCTURES} par version."
        return f"Trop peu de {NEED[key][1]} : il en faut {MIN_COUNT} par version."
    return {"unclear": "Pas de différence visible avec ce nombre de réponses.",
            "no-answer": "Il manque des données pour comparer."}[v.status]


def _counts(key: str, sizes: list[int], structures: list[int]) -> str:
    """« Calculé sur 520 et 14 910 personnes revues, dans 30 et 36 structures. »"""
    shown = [(n, st) for n, st in zip(sizes, structures) if n]
    if not shown:
        return ""
    said = " et ".join(grouped(n) for n, _ in shown)
    where = " et ".join(str(st) for _, st in shown)
    many = max(n for n, _ in shown) >= 2
    some = "structures" if max(st for _, st in shown) >= 2 else "structure"
    if key == "activation":
        return (f"Calculé sur {said} {'carnets envoyés' if many else 'carnet envoyé'} aux "
                f"{where} {some} qui ont répondu.")
    return f"Calculé sur {said} {UNITS[key][1] if many else UNITS[key][0]}, dans {where} {some}."


def plan_sheet(report: ImpactReport) -> CommitteeSheet:
    """The page's sentences and figures, from the report."""
    from monrecap.content.text import date_fr

    groups = chosen(report)
    palette = colours(report.groups)  # each version has its colour of the HTML report
    series = tuple(Series(label(report.by, g.name), g.name, f"series-{j}",
                          cmyk(palette[g.name])) for j, g in enumerate(groups))
    blocks = []
    for metric in METRICS:
        title, pictogram = TITLES[metric.key]
        lines, points, sizes = [], [], []
        structures = [g.structures.get(metric.key, 0) for g in groups]
        for g, serie in zip(groups, series):
            if metric.key == "minutes":
                m = g.minutes
                lines.append(f"{serie.label} : {number(m.mean)} minutes" if m else
                             f"{serie.label} : aucune réponse")
                sizes.append(m.n if m else 0)
                continue
            r = g.rates.get(metric.key)
            lines.append(f"{serie.label} : {rounded(r.value * 100)} sur 100" if r else
                         f"{serie.label} : aucune donnée")
            points.append((r.value, r.low, r.high) if r else None)
            sizes.append(r.n if r else 0)
        for nothing in (" : aucune donnée", " : aucune réponse"):
            if len(lines) > 1 and all(line.endswith(nothing) for line in lines):
                lines = [" et ".join(serie.label for serie in series).capitalize()
                         + nothing]  # one line, not the same line twice
                points = []
        blocks.append(RateBlock(title, pictogram, tuple(lines), tuple(points),
                                _status(report.compare, metric.key),
                                _counts(metric.key, sizes, structures)))
    months = report.word_of_mouth[-12:]
    k = sum(r.k for _, r, _ in report.word_of_mouth)
    n = sum(r.n for _, r, _ in report.word_of_mouth)
    mouth = (f"Sur 100 commandes, {round(100 * k / n)} viennent du bouche-à-oreille."
             if n else "Le registre des commandes ne le dit pas encore.")
    decisions = tuple((f"Le {date_fr(d.date, weekday=False)}", " ".join(d.spec.decision.split()))
                      for d in sorted(report.decisions, key=lambda d: d.date, reverse=True))
    intro = ("Un point montre le résultat. Le trait autour montre la marge d'erreur.")
    if report.period:
        intro = (f"{count(report.answers, 'réponse')} de conseillers, du "
                 f"{date_fr(report.period[0], weekday=False)} au "
                 f"{date_fr(report.period[1], weekday=False)}. " + intro)
    if not groups:
        intro, blocks = "Il n'y a pas encore de réponse à l'enquête des conseillers.", []
    c = report.compare
    title = (f"La {label('version', c.new).lower()} marche-t-elle mieux ?" if c else
             "Ce que montre l'enquête des conseillers")
    caption = "Envoyés : aux structures qui ont répondu."
    notes = tuple(f"{serie.label} : " + ("aucun envoi dans le registre." if not g.shipped else
                                         "aucun envoi avant les réponses." if g.shipped_later
                                         else "aucun envoi à ces structures dans le registre.")
                  for g, serie in zip(groups, series) if g.answers and not g.shipped_answered)
    return CommitteeSheet(
        title, intro, "Comment comparer", READING, series, tuple(blocks),
        "Du carnet envoyé au carnet rempli", caption, "même échelle",
        ("envoyés", "remis", "revus", "avec le carnet", "remplis"),
        tuple((g.shipped_answered, g.remis, g.revus, g.avec_carnet, g.remplis)
              for g in groups), notes,
        "Le bouche-à-oreille", mouth,
        tuple((MONTHS[int(m[5:]) - 1] + ("" if i and m[5:] != "01" else f" {m[2:4]}"),
               r.value, r.low, r.high) for i, (m, r, _) in enumerate(months)),
        decisions, "Les autres décisions sont dans le rapport complet.",
        "Mon Récap, rapport d'impact. Marge d'erreur à 95 sur 100.")


def sheet_sentences(sheet: CommitteeSheet) -> list[str]:
    """What the page says in its own words (the decisions are the committee's); a number
    grouped by thousands (« 29 590 ») is one word."""
    return [re.sub(r"(?<=\d)\u00a0(?=\d)", "", text) for text in [sheet.title, sheet.intro, sheet.reading_title, sheet.reading, sheet.funnel_title,
            sheet.funnel_caption, sheet.scale, *sheet.funnel_notes, sheet.mouth_sentence,
            sheet.mouth_title, sheet.more_decisions,
            *(t for b in sheet.blocks for t in (b.title, *b.lines, b.status, b.counts) if t)]]


def write_pdf(root: Path, path: Path, report: ImpactReport) -> None:
    """Plan, check the sentences, draw, mark PDF/X-4, preflight, write atomically."""
    import datetime as dt

    from monrecap.build import load_for_build
    from monrecap.content import version_ids
    from monrecap.files import write_atomic
    from monrecap.fonts import load_fontset
    from monrecap.kit.document import MM
    from monrecap.preflight import Context, run_preflight
    from monrecap.preflight.pdfx import mark_pdfx4
    from monrecap.production.documents import easy_read_problems

    sheet = plan_sheet(report)
    problems = easy_read_problems(sheet_sentences(sheet), "impact sheet")
    if problems:
        raise MonrecapError(problems)
    _, layout = load_for_build(root, version_ids(root)[-1])
    fonts = load_fontset(layout.fonts.regular, layout.fonts.bold)
    pdf = render_sheet(sheet, layout, fonts, root)
    day = report.period[1] if report.period else dt.date(2000, 1, 1)
    pdf = mark_pdfx4(pdf, sheet.title, day)
    found = run_preflight(pdf, Context(bleed=0.0, safe=15 * MM, body_min=layout.type.body,
                                       booklet=False))
    if found.errors:
        raise MonrecapError([Problem(f"{path.name}:page {f.page}" if f.page else path.name,
                                     f.rule, f"{f.message} ({f.hint})") for f in found.errors])
    write_atomic(path, pdf)
