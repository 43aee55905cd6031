"""The impact report as one self-contained French HTML page: verdicts first, then the charts
(inline SVG), the tables with every count behind every rate, word of mouth, repeat orders,
the committee's decisions and how the numbers were computed. No script, no network."""

from __future__ import annotations

from html import escape
from pathlib import Path

from monrecap.files import write_atomic
from monrecap.impact.funnel import CAVEAT, MIN_COUNT, MIN_STRUCTURES, MINIMUM, ImpactReport
from monrecap.impact.stats import Mean, Rate
from monrecap.impact.svgcharts import funnel_chart, rates_chart, word_of_mouth_chart
from monrecap.impact.verdicts import METRICS, bounds, number, percent
from monrecap.plural import count

BY = {"version": "par version", "territory": "par département", "edition": "par édition",
      "offer": "par offre"}
STATUS = {"clear": "net", "unclear": "pas visible", "too-few": "trop peu",
          "no-answer": "sans réponse"}


def _rate(rate: Rate | None) -> str:
    if rate is None:
        return "<td class=n>—</td>"
    low, high = bounds(rate.low, rate.high)
    return (f"<td class=n><b>{percent(rate.value)}</b><br><small>{low}\u00a0% à "
            f"{high}\u00a0% · {rate.k} sur {rate.n}</small></td>")


def _mean(mean: Mean | None) -> str:
    if mean is None:
        return "<td class=n>—</td>"
    spread = (f"{number(mean.low)} à {number(mean.high)} · " if mean.n > 1 else "")
    return (f"<td class=n><b>{number(mean.mean)} min</b><br><small>{spread}"
            f"{count(mean.n, 'réponse')}</small></td>")


def _verdicts(report: ImpactReport) -> str:
    c = report.compare
    if c is None:
        return ("<p id=verdicts>Pas de comparaison : il faut des réponses pour deux versions "
                "au moins (<code>monrecap impact compare v10 v11</code>).</p>")
    items = "".join(f"<li class={v.status}><span class=tag>{STATUS[v.status]}</span> "
                    f"<b>{escape(v.metric.title)}</b> — {escape(v.text)}</li>"
                    for v in c.verdicts)
    return (f"<section id=verdicts><h2>{escape(c.new)} contre {escape(c.old)}</h2>"
            f"<ul class=verdicts>{items}</ul><p class=caveat>Un écart est « net » quand son "
            f"intervalle à 95 % exclut zéro ; {escape(MINIMUM)}. {escape(CAVEAT)}</p>"
            "</section>")


def _table(report: ImpactReport) -> str:
    """One column per group, one row per stage and rate: the counts behind every rate."""
    groups = report.groups
    if not groups:
        return "<p>Aucune donnée : ni réponse à l'enquête, ni semaine de production.</p>"

    def row(title: str, cells: list[str]) -> str:
        return f"<tr><th>{title}</th>{''.join(cells)}</tr>"

    def count(attr: str) -> list[str]:
        return [f"<td class=n>{getattr(g, attr)}</td>" for g in groups]

    rows = [
        row("", [f"<th class=n>{escape(g.name)}</th>" for g in groups]),
        row("structures ayant commandé", count("structures_ordered")),
        row("carnets expédiés", count("shipped")),
        row("dont aux structures qui ont répondu, avant leurs réponses",
            count("shipped_answered")),
        row("réponses (structures)", [f"<td class=n>{g.answers} ({g.structures_answered})</td>"
                                      for g in groups]),
        row("carnets remis", count("remis")),
        row("personnes revues", count("revus")),
        row("revenues avec leur carnet", count("avec_carnet")),
        row("carnets remplis", count("remplis")),
        *(row(escape(m.title), [_mean(g.minutes) if m.key == "minutes"
                                else _rate(g.rates.get(m.key)) for g in groups])
          for m in METRICS),
        row("structures qui ont commandé de nouveau une semaine suivante",
            [_rate(g.reorder) for g in groups]),
    ]
    notes = "".join(f"<li><b>{escape(g.name)}</b> : {escape(n)}</li>" for g in groups
                    for n in g.notes)
    return (f"<div class=wide><table id=funnel>{''.join(rows)}</table></div>"
            + (f"<ul class=note>{notes}</ul>" if notes else ""))


def _decisions(report: ImpactReport) -> str:
    if not report.decisions:
        return "<p>Aucune décision dans <code>decisions/</code>.</p>"
    from monrecap.content.text import date_fr

    out = []
    for d in report.decisions:
        s = d.spec
        cited = report.citations.get(d.id)
        out.append(
            f"<article class=decision id={escape(d.id)}><h3>{escape(d.id)} — "
            f"{date_fr(d.date, weekday=False)}</h3><p><b>Question :</b> {escape(s.question)}"
            f"</p><p><b>Options :</b></p><ul>{''.join(f'<li>{escape(o)}</li>' for o in s.options)}"
            f"</ul><p><b>Consultés :</b> {escape(d.consulted())}</p><p><b>Décision :</b> "
            f"{escape(s.decision)}</p><p><b>Raisons :</b></p><ul>"
            f"{''.join(f'<li>{escape(r)}</li>' for r in s.reasons)}</ul>"
            + (f"<p class=meta>{escape(s.note)}</p>" if s.note else "")
            + (f"<p class=meta>Citée par le journal de {', '.join(map(escape, cited))}.</p>"
               if cited else "") + "</article>")
    return "".join(out)


def report_html(report: ImpactReport) -> str:
    """The whole page."""
    period = (f"réponses du {report.period[0]:%d/%m/%Y} au {report.period[1]:%d/%m/%Y}"
              if report.period else "aucune réponse")
    since = f" · depuis le {report.since:%d/%m/%Y}" if report.since else ""
    wom = "".join(f"<tr><td>{m}</td>{_rate(r)}<td class=n>{u}</td></tr>"
                  for m, r, u in report.word_of_mouth)
    repeat = "".join(f"<tr><td>{escape(name)}</td><td class=n>{n}</td><td>"
                     f"{escape(', '.join(weeks))}</td></tr>"
                     for _, name, n, weeks in report.repeat)
    spell = "".join(f"<li><code>{escape(k)}</code> : " + " · ".join(
        f"« {escape(n)} »" for n in names) + "</li>" for k, names in report.spellings.items())
    return f"""<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Mon Récap — impact {BY[report.by]}</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 2em auto; max-width: 64em; color: #222;
       padding: 0 1em; }}
h1 {{ font-size: 1.7em; margin-bottom: .2em; }} h2 {{ margin-top: 1.6em; }}
.meta, small {{ color: #555; }} .note {{ color: #8a4b00; font-weight: normal; }}
table {{ border-collapse: collapse; }} td, th {{ padding: .3em .6em; border-bottom: 1px solid #e4e4e4;
       text-align: left; vertical-align: top; }} td.n {{ text-align: right; }}
.wide {{ overflow-x: auto; }} #funnel th {{ font-size: .85em; }}
ul.verdicts {{ list-style: none; padding: 0; }} ul.verdicts li {{ margin: .5em 0; padding: .5em .8em;
       border-left: 5px solid #999; background: #f6f6f6; }}
li.clear {{ border-color: #2e8b57 !important; }} li.unclear {{ border-color: #1b5e8c !important; }}
li.too-few, li.no-answer {{ border-color: #b0b0b0 !important; color: #444; }}
.caveat {{ color: #444; font-size: .95em; }}
.tag {{ font-size: .8em; text-transform: uppercase; letter-spacing: .05em; color: #555; }}
article.decision {{ border: 1px solid #ddd; border-radius: 6px; padding: .2em 1em; margin: 1em 0; }}
svg {{ max-width: 100%; height: auto; }}
</style></head><body>
<h1>Le carnet a-t-il marché ? Impact {BY[report.by]}</h1>
<p class=meta>{report.answers} {period}{since} · enquête : <code>surveys/answers.csv</code> ·
commandes : registre de production <code>runs/</code> · décisions : <code>decisions/</code></p>
{_verdicts(report)}
<h2>Les taux et leur marge d'incertitude</h2>
<p class=meta>Le point est le taux mesuré ; la barre, l'intervalle de confiance à 95 % (Wilson).
Deux barres qui se chevauchent beaucoup ne permettent pas de conclure.</p>
{rates_chart(report.groups)}
<h2>L'entonnoir</h2>
<p class=meta>Carnets expédiés aux structures qui ont répondu, avant leurs réponses (registre),
puis ce que disent les conseillers : remis, personnes revues, revenues avec leur carnet, carnets
remplis. Une seule échelle pour tous les groupes.</p>
{funnel_chart(report.groups)}
{_table(report)}
<h2>Le bouche-à-oreille</h2>
<p class=meta>Part des commandes venues par le bouche-à-oreille, par mois de production
(d'après la colonne <code>connu_par</code> des commandes). La ligne pointillée marque la moitié.</p>
{word_of_mouth_chart(report.word_of_mouth)}
{f"<table><tr><th>mois</th><th>bouche-à-oreille</th><th>canal inconnu</th></tr>{wom}</table>" if wom else ""}
<h2>Les structures qui commandent de nouveau</h2>
{f"<table><tr><th>structure</th><th>commandes</th><th>semaines</th></tr>{repeat}</table>" if repeat else "<p>Aucune structure n'a encore commandé deux fois.</p>"}
{f"<h3>Structures écrites de plusieurs façons</h3><p class=meta>Réunies par une clé normalisée (sans majuscules, accents ni petits mots) : vérifiez qu'elles sont bien les mêmes.</p><ul>{spell}</ul>" if spell else ""}
<h2>Les décisions du comité des usagers</h2>
{_decisions(report)}
<h2>Comment lire ces chiffres</h2>
<ul class=meta>
<li>Chaque taux est donné avec les effectifs qui le fondent et son intervalle de confiance à
95 % (score de Wilson). L'écart entre deux versions est donné avec le plus large de deux
intervalles : celui de Newcombe (Welch pour les minutes), qui compte chaque personne à part, et
celui calculé par structure, qui compte ensemble les personnes d'une même structure. Il est dit
« net » seulement quand cet intervalle exclut zéro ; ses bornes sont arrondies vers
l'extérieur.</li>
<li>Une version n'est comparée qu'avec au moins {MIN_STRUCTURES} structures et {MIN_COUNT}
personnes ou carnets ; en dessous : « trop peu de réponses ».</li>
<li>{escape(CAVEAT)} Les intervalles des taux d'une version (Wilson) supposent des réponses
indépendantes : ils sont optimistes eux aussi.</li>
<li>Le taux de remise rapporte les carnets remis aux carnets expédiés aux seules structures qui
ont répondu et que le registre connaît.</li>
</ul>
</body></html>
"""


def write_html(path: Path, report: ImpactReport) -> None:
    write_atomic(path, report_html(report).encode("utf-8"))
