"""The week's one-page summary for the team: jobs and lots, copies, sheets, costs, the share of
free and co-financed copies, orders by territory, and a chart of how structures heard of the
carnet. No personal data."""

from __future__ import annotations

from dataclasses import dataclass

from monrecap.fonts import FontSet
from monrecap.kit.charts import channel_bars
from monrecap.kit.document import MM, DocPainter, doc_layout, finish, open_document, page
from monrecap.layout import Layout
from monrecap.plural import count

LABELS = 130.0  # pt left of the chart's bars, for the channel names
#: How a structure heard of the carnet (the export's `connu_par`), as the chart names it.
SOURCE_NAMES = {"bouche-a-oreille": "Bouche-à-oreille", "france-travail": "France Travail",
                "mission-locale": "Mission locale", "departement": "Département",
                "salon": "Salon", "site-web": "Site web", "reseau-social": "Réseaux sociaux",
                "autre": "Autre"}


@dataclass(frozen=True)
class Summary:
    week: str
    version: str
    jobs: tuple[tuple[str, str, int | str, int | str, int | str, str], ...]  # lot, edition,
    #                                             ordered, printed, sheets (numbers), cost
    facts: tuple[str, ...]                  # one sentence each
    territories: tuple[tuple[str, int], ...]
    sources: tuple[tuple[str, int], ...]


def render_summary(summary: Summary, layout: Layout, fonts: FontSet) -> bytes:
    buffer, canvas = open_document(f"Production {summary.week}", fonts)
    p = DocPainter(canvas, doc_layout(layout, margin=14 * MM), fonts, "summary")
    s, W, H = p.safe, p.W, p.H
    width = W - 2 * s
    page(p, 1, "summary")
    y = H - s
    y -= p.text(("title", ()), f"Semaine {summary.week} : la production en bref", s, y, width,
                role="title", bold=True) + 4
    y -= p.text(("version", ()), f"Carnet Mon Récap, version {summary.version}.", s, y,
                width) + 8
    y -= p.text(("jobs", ()), "Les tirages", s, y, width, role="heading", bold=True) + 4
    for lot, edition, ordered, printed, sheets, cost in summary.jobs:
        p.band(s - 3, y - p.line_height() - 1, s + 40 * MM, y + 1)
        p.line(("jobs", (lot,)), lot, s, y - p.size("body"), bold=True, max_width=40 * MM)
        y -= p.text(("jobs", (lot, "facts")), job_facts(edition, ordered, printed, sheets, cost),
                    s + 42 * MM, y, width - 42 * MM, bottom=s) + 3
    y -= 10
    for i, fact in enumerate(summary.facts):
        y -= p.text(("facts", (i,)), fact, s, y, width, bottom=s)
    y -= 10
    y -= p.text(("sources", ()), "Comment les structures ont connu le carnet",
                s, y, width, role="heading", bold=True) + 4
    chart_h = 16 * len(summary.sources) + 20
    sources = tuple((SOURCE_NAMES.get(key, key), n) for key, n in summary.sources)
    channel_bars(p, sources, s, y - chart_h, width, chart_h, fonts, LABELS)
    y -= chart_h + 12
    y -= p.text(("territories", ()), "Commandes par département", s, y, width,
                role="heading", bold=True) + 4
    text = ", ".join(f"{t} : {n}" for t, n in summary.territories)
    p.text(("territories", ("list",)), text + ".", s, y, width, bottom=s)
    p.end()
    return finish(p, buffer)


def job_facts(edition: str, ordered: int | str, printed: int | str, sheets: int | str,
              cost: str) -> str:
    """One job's line, its counts agreeing with their nouns (a count may come written
    already, « 1 250 »).

    >>> job_facts("de base", 1, 1, 21, "3,10 €")
    'édition de base : 1 commandé, 1 imprimé, 21 feuilles, 3,10 €.'
    >>> job_facts("val-fictif", "1 250", "1 288", "1", "9,00 €")
    'édition val-fictif : 1 250 commandés, 1 288 imprimés, 1 feuille, 9,00 €.'
    """
    def said(value: int | str, noun: str) -> str:
        n = int("".join(c for c in str(value) if c.isdigit()) or 0)
        return count(n, noun, number=str(value))

    return (f"édition {edition} : {said(ordered, 'commandé')}, {said(printed, 'imprimé')}, "
            f"{said(sheets, 'feuille')}, {cost}.")
