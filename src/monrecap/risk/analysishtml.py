"""The analysis as one self-contained HTML page in French: the document's blocks, the 4 × 4
maps drawn as inline SVG by hand (no script, no request leaves the file)."""

from __future__ import annotations

from html import escape

from monrecap.plural import count
from monrecap.risk.analysis import Document, Maps, Table
from monrecap.risk.classification import LEVELS
from monrecap.risk.wording import risk_fr

#: The levels' colours: CMYK for print (analysispdf.py), and their screen look.
LEVEL_CMYK = {"négligeable": (0.30, 0.0, 0.40, 0.0), "limitée": (0.0, 0.08, 0.55, 0.0),
              "importante": (0.0, 0.45, 0.80, 0.0), "maximale": (0.0, 0.85, 0.75, 0.05)}


def rgb(cmyk: tuple[float, float, float, float]) -> str:
    """A CMYK colour's naive screen equivalent, as #rrggbb.

    >>> rgb((0, 0, 0, 1)), rgb((0, 0, 0, 0))
    ('#000000', '#ffffff')
    """
    c, m, y, k = cmyk
    return "#" + "".join(f"{round(255 * (1 - v) * (1 - k)):02x}" for v in (c, m, y))


def svg_map(levels: tuple[tuple[str, ...], ...], grid: tuple[tuple[int, ...], ...],
            title: str) -> str:
    """A 4 × 4 map: severity up, likelihood right; each cell coloured by its level, with the
    number of fields in it."""
    cell, left, top = 64, 96, 30
    width, height = left + 4 * cell + 8, top + 4 * cell + 52
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
             f'<text x="{left}" y="18" font-size="14" font-weight="bold">{escape(title)}</text>']
    for s, severity in enumerate(LEVELS):
        y = top + (3 - s) * cell
        parts.append(f'<text x="{left - 6}" y="{y + cell / 2 + 4}" text-anchor="end" '
                     f'font-size="12">{escape(severity)}</text>')
        for lik in range(4):
            x = left + lik * cell
            level, n = levels[s][lik], grid[s][lik]
            parts.append(f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" '
                         f'fill="{rgb(LEVEL_CMYK[level])}" stroke="#fff" stroke-width="2">'
                         f'<title>gravité {escape(severity)}, vraisemblance '
                         f'{escape(LEVELS[lik])} : risque {escape(risk_fr(level))}, '
                         f'{count(n, "champ")}</title>'
                         f'</rect>')
            if n:
                parts.append(f'<text x="{x + cell / 2}" y="{y + cell / 2 + 7}" '
                             f'text-anchor="middle" font-size="20" font-weight="bold">{n}'
                             f'</text>')
    for lik, likelihood in enumerate(LEVELS):
        x = left + lik * cell + cell / 2
        parts.append(f'<text x="{x}" y="{top + 4 * cell + 16}" text-anchor="middle" '
                     f'font-size="11">{escape(likelihood)}</text>')
    parts.append(f'<text x="{left + 2 * cell}" y="{top + 4 * cell + 40}" text-anchor="middle" '
                 f'font-size="12">vraisemblance</text>')
    parts.append(f'<text x="8" y="{top - 8}" font-size="12">gravité</text></svg>')
    return "".join(parts)


def _block(block: object) -> str:
    if isinstance(block, str):
        return f"<p>{escape(block)}</p>"
    if isinstance(block, tuple):
        return "<ul>" + "".join(f"<li>{escape(str(item))}</li>" for item in block) + "</ul>"
    if isinstance(block, Maps):
        return ('<div class="maps">' + svg_map(block.map, block.initial, "Avant les mesures")
                + svg_map(block.map, block.residual, "Après les mesures") + "</div>")
    if isinstance(block, Table):
        head = "".join(f"<th>{escape(c)}</th>" for c in block.columns)
        rows = []
        for row in block.rows:
            cells = []
            for cell in row:
                style = f' style="background:{rgb(LEVEL_CMYK[cell.level])}"' \
                    if cell.level else ""
                cells.append(f"<td{style}>{escape(cell.text)}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        return f"<table><tr>{head}</tr>{''.join(rows)}</table>"
    raise TypeError(block)


def risk_html(document: Document) -> str:
    """A self-contained page (inline SVG, no network), in French."""
    sections = "".join(f"<h2>{escape(s.title)}</h2>" + "".join(_block(b) for b in s.blocks)
                       for s in document.sections)
    return f"""<!doctype html>
<html lang="fr"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>{escape(document.title)}</title>
<style>
 body {{ font-family: system-ui, sans-serif; margin: 2rem; color: #111; max-width: 1100px; }}
 h1 {{ font-size: 1.4rem; }} h2 {{ margin-top: 2rem; font-size: 1.15rem; }}
 .summary {{ background: #eef6f8; padding: .8rem 1rem; border-radius: 6px; }}
 table {{ border-collapse: collapse; margin: .5rem 0; }}
 td, th {{ padding: .25rem .6rem; text-align: left; border-bottom: 1px solid #ddd;
   vertical-align: top; }}
 th {{ background: #e3f3f1; }}
 .maps {{ display: flex; gap: 2rem; flex-wrap: wrap; }}
</style></head><body>
<h1>{escape(document.title)}</h1>
<p class="summary" id="summary">{escape(document.summary)}</p>
{sections}
</body></html>
"""
