"""Build speed, side by side in one run: monrecap's cold build of v11, its marginal cost per
page, and WeasyPrint rendering an equivalent HTML/CSS carnet (`make bench`).

Targets (issue 2): cold build ≤ 1.0 s on 2 cores, ≥ 3× faster than WeasyPrint on the same
carnet, ≤ 2 ms per extra page. This prints figures; it asserts nothing.
"""

from __future__ import annotations

import html
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from monrecap.content import load_version  # noqa: E402
from monrecap.content.schema import (Actions, Avis, Contacts, Couverture, Documents,  # noqa: E402
                                     Donnees, Dos, ModeEmploi, Notes, RendezVous)


def cold_build(root: Path, vid: str, runs: int, *flags: str) -> float:
    """Median wall time of `monrecap build` in a fresh process."""
    times = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "monrecap", "build", vid, "--quiet",
                            "--root", str(root), "--out", out, *flags], check=True)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def big_repo(tmp: Path, rdv_pages: int) -> Path:
    """A copy of the repository with a v99 that extends v11 to ~320 pages."""
    for name in ("versions", "layouts", "fonts", "pictograms"):
        shutil.copytree(ROOT / name, tmp / name)
    (tmp / "versions" / "v99").mkdir()
    (tmp / "versions" / "v99" / "carnet.yaml").write_text(
        "version: v99\nextends: v11\nchangelog:\n  - change: Banc d'essai.\n"
        "    finding: Aucune.\npages:\n  - id: rendez-vous\n"
        f"    pages: {rdv_pages}\n", encoding="utf-8")
    return tmp


# --- the same carnet in HTML/CSS for WeasyPrint -------------------------------------------

CSS = """
@font-face { font-family: AH; src: url(%(regular)s); }
@font-face { font-family: AH; font-weight: bold; src: url(%(bold)s); }
@page { size: 105mm 148mm; bleed: 3mm; margin: 6mm 6mm 12mm 6mm;
        @bottom-left { content: "page " counter(page) " sur " counter(pages);
                       font: 10pt AH; color: #4d4d4d; } }
@page cover { @bottom-left { content: none; } }
body { font: 14pt/1.3 AH; margin: 0; color: #000; }
section { page-break-after: always; }
section.cover { page: cover; }
h1 { font-size: 20pt; margin: -6mm -9mm 4mm -9mm; padding: 6mm 6mm 3mm 15mm;
     background: #c7ebf0; }
h1 img { width: 8mm; vertical-align: middle; margin-right: 2mm; }
.box { border: 1pt solid #8c8c8c; border-radius: 4pt; padding: 4pt 6pt; margin-bottom: 8pt; }
.row { display: flex; font-weight: bold; margin: 2pt 0; }
.row span.line { flex: 1; border-bottom: 0.75pt solid #8c8c8c; margin-left: 4pt; }
.tick::before { content: ""; display: inline-block; width: 11pt; height: 11pt;
                border: 1pt solid #000; margin-right: 4pt; vertical-align: -1pt; }
.ruled { height: 110mm; background: repeating-linear-gradient(#fff 0 25pt, #8c8c8c 25pt 26pt); }
.key { font-size: 19pt; font-weight: bold; color: #0b6fb8; }
"""


def _row(label: str) -> str:
    return f'<div class="row">{html.escape(label)} :<span class="line"></span></div>'


def carnet_html(root: Path, vid: str) -> str:
    """The v11 carnet as HTML: the same pages, texts, boxes, lines and pictograms."""
    carnet = load_version(root, vid)
    from monrecap.resources import DATA

    fonts = DATA / "fonts" / "atkinson-hyperlegible"
    out = ["<html><head><meta charset='utf-8'><style>",
           CSS % {"regular": (fonts / "AtkinsonHyperlegible-Regular.ttf").as_uri(),
                  "bold": (fonts / "AtkinsonHyperlegible-Bold.ttf").as_uri()},
           "</style></head><body>"]

    def head(page) -> str:
        picto = getattr(page, "picto", None)
        img = f'<img src="{picto.as_uri()}">' if picto else ""
        return f"<h1>{img}{html.escape(page.title)}</h1>"

    for page in carnet.pages:
        if isinstance(page, (Couverture, Dos)):
            body = f"<h1>{html.escape(page.title)}</h1>"
            if isinstance(page, Couverture):
                body += f"<p>{html.escape(page.subtitle or '')}</p>" + _row(page.owner_label)
            else:
                body += "".join(f"<p>{html.escape(l)}</p>" for l in page.lines)
            out.append(f'<section class="cover">{body}</section>')
        elif isinstance(page, ModeEmploi):
            steps = "".join(f'<p><img src="{s.picto.as_uri()}" width="22"> {i + 1}. '
                            f"{html.escape(s.text)}</p>" for i, s in enumerate(page.steps))
            out.append(f"<section>{head(page)}{steps}</section>")
        elif isinstance(page, RendezVous):
            L = page.labels
            slot = ('<div class="box">' + _row(L.date) + _row(L.time) + _row(L.place)
                    + '<div class="row"><span class="line"></span></div>' + _row(L.with_whom)
                    + f"<b>{L.bring} :</b> "
                    + " ".join(f'<span class="tick">{html.escape(b)}</span>'
                               for b in page.bring) + "</div>")
            out += [f"<section>{head(page)}{slot * page.slots}</section>"] * page.pages
        elif isinstance(page, Contacts):
            L = page.labels
            cards = [f'<div class="box"><b>{html.escape(c.structure)}</b>' + _row(L.name)
                     + _row(L.phone) + _row(L.email) + _row(L.hours) + "</div>"
                     for c in page.cards]
            for i in range(0, len(cards), 2):
                out.append(f"<section>{head(page)}{''.join(cards[i:i + 2])}</section>")
        elif isinstance(page, Actions):
            L = page.labels
            row = ('<div class="box">' + _row(L.what) + _row(L.helper) + _row(L.due)
                   + " ".join(f'<span class="tick">{s}</span>' for s in page.statuses)
                   + "</div>")
            out += [f"<section>{head(page)}{row * page.rows}</section>"] * page.pages
        elif isinstance(page, Documents):
            items = "".join(f'<p class="tick">{html.escape(i)}</p>' for i in page.items)
            out.append(f"<section>{head(page)}<p>{page.intro or ''}</p>{items}</section>")
        elif isinstance(page, Notes):
            out += [f'<section>{head(page)}<div class="ruled"></div></section>'] * page.pages
        elif isinstance(page, Donnees):
            body = "".join(f"<h2>{html.escape(s.heading)}</h2><ul>"
                           + "".join(f"<li>{html.escape(i)}</li>" for i in s.items) + "</ul>"
                           for s in page.sections)
            out.append(f"<section>{head(page)}<p>{page.intro or ''}</p>{body}</section>")
        elif isinstance(page, Avis):
            out.append(f"<section>{head(page)}<p>{html.escape(page.intro)}</p>"
                       f"<p><b>{page.phone_label}</b></p><p class='key'>{page.phone}</p>"
                       f"<p><b>{page.whatsapp_label}</b></p><p class='key'>{page.whatsapp}</p>"
                       "</section>")
    out.append("</body></html>")
    return "\n".join(out)


def weasyprint_time(root: Path, vid: str, runs: int) -> tuple[float, int] | str:
    """Median wall time of a fresh process rendering the HTML carnet, and its page count."""
    try:
        import weasyprint  # noqa: F401
    except Exception as exc:  # not installed, or its system libraries are missing
        return f"not available ({exc.__class__.__name__}: {exc})"
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "carnet.html"
        page.write_text(carnet_html(root, vid), encoding="utf-8")
        pdf = Path(tmp) / "carnet.pdf"
        script = ("import sys, weasyprint; d = weasyprint.HTML(sys.argv[1]).render(); "
                  "d.write_pdf(sys.argv[2]); print(len(d.pages))")
        times, pages = [], 0
        for _ in range(runs):
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", script, str(page), str(pdf)],
                                  check=True, capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            pages = int(done.stdout.strip())
    return statistics.median(times), pages


def main() -> None:
    runs = 5
    full = cold_build(ROOT, "v11", runs)
    ours = cold_build(ROOT, "v11", runs, "--no-impose", "--no-preflight")
    print(f"monrecap build v11 (32 pages, cold, median of {runs}), complete: render, two "
          f"print profiles imposed, PDF/X-4, preflight: {full:.3f} s   target ≤ 1.0 s")
    print(f"monrecap build v11 --no-impose --no-preflight (the page PDF only): {ours:.3f} s")
    with tempfile.TemporaryDirectory() as tmp:
        repo = big_repo(Path(tmp), 12 + 144)  # 144 more pages of appointments
        for label, flags in (("complete", ()), ("page PDF only", ("--no-impose",
                                                                 "--no-preflight"))):
            small = cold_build(repo, "v11", 3, *flags)
            big = cold_build(repo, "v99", 3, *flags)
            per_page = (big - small) / 288 * 1000
            print(f"marginal cost per page (320 vs 32 pages), {label}: {per_page:.2f} ms"
                  f"   target ≤ 2 ms")
    peer = weasyprint_time(ROOT, "v11", 3)
    if isinstance(peer, str):
        print(f"WeasyPrint: {peer}")
    else:
        seconds, pages = peer
        print(f"WeasyPrint, same carnet in HTML/CSS ({pages} pages, cold, median of 3): "
              f"{seconds:.3f} s")
        print(f"ratio WeasyPrint / monrecap, page PDF only (what WeasyPrint does): "
              f"{seconds / ours:.1f}×; complete build: {seconds / full:.1f}×   target ≥ 3×")


if __name__ == "__main__":
    main()
