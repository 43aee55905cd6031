"""The HTML diff report, in French for the product team: one self-contained page (pictures
inline, no request leaves the file), pages in reading order, removed pages where they were."""

from __future__ import annotations

import base64
import io

from monrecap.diff.content import Change, word_diff
from monrecap.diff.diffreport import counts, show, texts
from monrecap.diff.explain import DiffResult, PageResult
from monrecap.units import ranges

STATUS = {"identical": "identique", "moved": "déplacée", "changed": "modifiée",
          "added": "ajoutée", "removed": "retirée"}
KIND = {"content": "contenu", "reflow": "décalée par le contenu", "structure": "structure",
        "page-number": "numéro de page", "unexplained": "inexpliquée", "fonts": "polices",
        "colour": "couleur", "geometry": "format"}
WHERE = {"layout": "mise en page", "fonts": "polices", "variables": "variables",
         "title": "titre"}


def _n(n: int, singular: str, many: str) -> str:
    """French agreement: 0 and 1 take the singular (the toolkit's one rule, `plural.py`)."""
    from monrecap.plural import count

    return count(n, singular, many)


def summary_fr(result: DiffResult) -> str:
    """The summary line, in French."""
    head = f"{result.old.label} → {result.new.label} : "
    if result.identical:
        return head + "identiques"
    c = counts(result)
    parts = [] if c.content is None else [_n(c.content, "changement", "changements") +
                                          " de contenu"]
    moved = f"{_n(c.moved, 'déplacée', 'déplacées')}, " if c.moved else ""
    parts.append(f"pages {c.old_pages} → {c.new_pages} : {_n(c.added, 'ajoutée', 'ajoutées')}"
                 f", {_n(c.removed, 'retirée', 'retirées')}, {moved}"
                 f"{_n(c.changed, 'modifiée', 'modifiées')} "
                 f"({_n(c.changed - c.unexplained, 'expliquée', 'expliquées')}, "
                 f"{_n(c.unexplained, 'inexpliquée', 'inexpliquées')}), "
                 f"{c.numbers} où seul le numéro de page change")
    if result.lint and result.lint[0] != result.lint[1]:
        (e0, w0), (e1, w1) = result.lint
        parts.append(f"relecture : erreurs {e0} → {e1}, avertissements {w0} → {w1}")
    if result.padding != (0, 0):
        parts.append(f"pages de notes ajoutées pour compléter la feuille : "
                     f"{result.padding[0]} en moins, {result.padding[1]} en plus")
    return head + " ; ".join(parts)


def position_fr(x: float, y: float, w: float, h: float) -> str:
    return f"à {x:.0f} mm du bord gauche, {y:.0f} mm du bas, {w:.0f} × {h:.0f} mm"


def _explanation(kind: str, text: str | None) -> str | None:
    if not text:
        return None
    if kind == "page-number":
        return "numéro de page"
    if kind == "reflow":
        return "déplacé par les changements de contenu de la page"
    if kind == "structure" and text.endswith(": drawn from its changed content"):
        return "redessiné d'après le contenu modifié de la page"
    return ("contenu modifié : " if kind == "content" else "structure modifiée : ") + text


def _hint(text: str) -> str:
    return text.replace("layout or fonts changed", "la mise en page ou les polices ont changé") \
        .replace("no content change explains it", "aucun changement de contenu ne l'explique")


def _geometry(text: str | None) -> str | None:
    if not text:
        return None
    return text.replace("trim ", "format rogné ").replace(
        "media box (bleed) changed", "fond perdu (media box) modifié")


def _label(p: PageResult) -> str:
    old, new = p.old_number, p.new_number
    pad = ", notes ajoutées pour compléter la feuille" if p.padding else ""
    if old is None:
        return f"page {new} (nouvelle{pad})"
    if new is None:
        return f"page {old} (retirée{pad})"
    moved = ", déplacée" if p.pair.moved else ""
    return f"page {new}" + (f" (page {old} avant{moved})" if old != new or moved else "")


def _png(image) -> str:
    if image is None:
        return ""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def _overlay(page: PageResult, dpi: float):
    """The new page with each changed region outlined: green explained, red unexplained."""
    from PIL import ImageDraw

    base = page.images[1] if len(page.images) > 1 and page.images[1] is not None else None
    if base is None:
        return None
    image = base.convert("RGB").copy()
    draw = ImageDraw.Draw(image)
    s = dpi / 25.4
    for r in page.regions:
        g = r.region
        box = (g.x * s, image.height - (g.y + g.h) * s, (g.x + g.w) * s, image.height - g.y * s)
        draw.rectangle(box, outline="#2e7d32" if r.explanation else "#c62828", width=3)
    return image


def _change(c: Change) -> dict:
    words = word_diff(show(c.old), show(c.new)) if texts(c.old) and texts(c.new) else None
    record = c.new if c.what == "added" else c.old if c.what == "removed" else None
    fields = [(k, show(v)) for k, v in record.items() if v not in (None, [], {})] \
        if isinstance(record, dict) else None
    page = c.where.startswith("page ")
    what = {"added": "ajouté", "removed": "retiré", "moved": "déplacé",
            "changed": "modifié"}[c.what]
    return {"where": c.where if page else WHERE.get(c.where, c.where), "what": what,
            "path": c.path, "old": show(c.old), "new": show(c.new), "words": words,
            "fields": fields, "page": f"page {what}e" if page and not c.path else ""}


TEMPLATE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>Différences {{ old }} → {{ new }}</title>
<style>
 body { font-family: system-ui, sans-serif; margin: 2rem; color: #111; max-width: 1200px; }
 h1 { font-size: 1.4rem; } h2 { margin-top: 2rem; font-size: 1.15rem; }
 .summary { background: #eef6f8; padding: .8rem 1rem; border-radius: 6px; }
 .unexplained { color: #b71c1c; font-weight: bold; } .explained { color: #2e7d32; }
 del { background: #ffebee; color: #b71c1c; } ins { background: #e8f5e9; color: #1b5e20;
   text-decoration: none; }
 .page { border: 1px solid #ccc; border-radius: 6px; padding: 1rem; margin: 1rem 0; }
 .page.removed { border-color: #c62828; } .page.added { border-color: #2e7d32; }
 .pics { display: flex; gap: 1rem; flex-wrap: wrap; } .pics figure { margin: 0; }
 .pics img { border: 1px solid #999; max-height: 420px; }
 figcaption { font-size: .85rem; color: #555; text-align: center; }
 table { border-collapse: collapse; } td, th { padding: .2rem .6rem; text-align: left;
   border-bottom: 1px solid #eee; vertical-align: top; }
 dl { margin: .2rem 0; } dt { float: left; clear: left; color: #555; margin-right: .4rem; }
</style></head><body>
<h1>Différences entre {{ old }} et {{ new }}</h1>
<p class="summary" id="summary">{{ summary }}</p>
{% if changelog %}<h2>Journal des changements de {{ new }}</h2><ul>
{% for e in changelog %}<li>{{ e.change }}<br><small>Constat : {{ e.finding }}</small>{% for i in e.evidence %}{% if i in evidence %}<br><small class="evidence">{{ i }} : « {{ evidence[i] }} »</small>{% endif %}{% endfor %}</li>{% endfor %}
</ul>{% endif %}
{% if content %}<h2>Contenu</h2><table><tr><th>où</th><th>quoi</th></tr>
{% for c in content %}<tr><td>{{ c.where }}</td><td>{% if c.words %}{% if c.path %}{{ c.path }} : {% endif %}{% for op, t in c.words
%}{% if op == '=' %}{{ t }}{% elif op == '-' %}<del>{{ t }}</del>{% else %}<ins>{{ t }}</ins>{% endif
%}{% endfor %}{% elif c.fields %}{{ c.path }} {{ c.what }} :<dl>{% for k, v in c.fields %}<dt>{{ k }}</dt><dd>{{ v }}</dd>{% endfor
%}</dl>{% elif c.page %}{{ c.page }}{% elif c.what != 'modifié' %}{{ c.path }} {{ c.what }} : {{ c.new if c.what == 'ajouté' else c.old }}{% else
%}{{ c.path }}{% if c.path %} : {% endif %}{{ c.old }} → {{ c.new }}{% endif %}</td></tr>{% endfor %}
</table>{% endif %}
{% if risk is not none %}<h2>Risque d'un carnet perdu</h2><p id="risk">{{ risk.summary }}</p>
{% if risk.lines %}<ul>{% for line in risk.lines %}<li>{{ line }}</li>{% endfor %}</ul>{% endif %}{% endif %}
<h2>Sur la page</h2>
{% if numbers %}<p>{{ numbers|length }} page{{ 's' if numbers|length > 1 }} où seul le numéro de page change :
{{ number_ranges }}.</p>{% endif %}
{% for p in pages %}<div class="page {{ p.status }}">
<h3>{{ p.label }} — <code>{{ p.key }}</code> — {{ p.status_fr }}{% if p.kind %}, {{ p.kind }}{% endif %}
{% if p.status == 'changed' %}— <span class="{{ 'explained' if p.explained else 'unexplained' }}">
{{ 'expliquée' if p.explained else 'INEXPLIQUÉE' }}</span>{% endif %}</h3>
<p>Page du PDF {{ p.old_pdf or '—' }} → {{ p.new_pdf or '—' }} ;
page imprimée {{ p.old_number or '—' }} → {{ p.new_number or '—' }}{% if p.status == 'changed' %} ;
surface modifiée {{ p.area }} mm²{% endif %}.{% if p.geometry %} Format : {{ p.geometry }}.{% endif %}
{% if p.hint and not p.explained %} Piste : {{ p.hint }}.{% endif %}</p>
{% if p.regions %}<ul>{% for r in p.regions %}<li>{{ r.where }} : {% if r.why %}{{ r.why }}{% else %}<span class="unexplained">rien ne l'explique</span>{% endif
%}</li>{% endfor %}</ul>{% endif %}
<div class="pics">
{% if p.old_img %}<figure><img alt="avant" src="{{ p.old_img }}"><figcaption>avant</figcaption></figure>{% endif %}
{% if p.new_img %}<figure><img alt="après" src="{{ p.new_img }}"><figcaption>après</figcaption></figure>{% endif %}
{% if p.overlay %}<figure><img alt="changements entourés" src="{{ p.overlay }}"><figcaption>changements
entourés (vert : expliqué, rouge : inexpliqué)</figcaption></figure>{% endif %}
</div></div>{% endfor %}
</body></html>
"""


def diff_html(result: DiffResult, dpi: float) -> str:
    """A self-contained HTML page (images inline, no network), in French."""
    from jinja2 import Environment, select_autoescape

    env = Environment(autoescape=select_autoescape(default=True))
    pages = []
    for p in result.pages:
        if p.status == "identical" or p.number_only:
            continue
        old_img = p.images[0] if p.images else None
        new_img = p.images[1] if len(p.images) > 1 else None
        pages.append({
            "label": _label(p), "key": p.pair.key, "status": p.status,
            "status_fr": STATUS["moved" if p.moved_only else p.status], "kind": KIND.get(p.kind, p.kind),
            "explained": p.explained, "area": p.area, "geometry": _geometry(p.geometry),
            "hint": _hint(p.hint),
            "regions": [{"where": position_fr(r.region.x, r.region.y, r.region.w, r.region.h),
                         "why": _explanation(r.kind, r.explanation)} for r in p.regions],
            "old_number": p.old_number, "new_number": p.new_number,
            "old_pdf": None if p.pair.old is None else p.pair.old + 1,
            "new_pdf": None if p.pair.new is None else p.pair.new + 1,
            "old_img": _png(old_img), "new_img": _png(new_img),
            "overlay": _png(_overlay(p, dpi)) if p.regions else ""})
    numbers = [p.new_number for p in result.content_pages if p.number_only]
    return env.from_string(TEMPLATE).render(
        old=result.old.label, new=result.new.label, summary=summary_fr(result),
        changelog=result.changelog, evidence=result.evidence,
        content=[_change(c) for c in result.content or []],
        pages=pages, numbers=numbers, number_ranges=ranges(numbers) if numbers else "",
        risk=_risk(result.risk))


def _risk(risk) -> dict | None:
    """The risk section in French (risk/analysis.py says it)."""
    if risk is None:
        return None
    from monrecap.risk.analysis import since_fr, since_summary_fr

    return {"summary": since_summary_fr(risk), "lines": since_fr(risk)}
