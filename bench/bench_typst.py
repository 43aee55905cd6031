"""monrecap beside Typst, the peer a designer would pick today (issue 29), in one run: each
command a cold process, median of RUNS (`make bench`; `typst` is in the bench extra).

The Typst document is written from v11's page structure (its build.json: page count and
titles; its layout: trim, bleed, margins, type sizes, band colour): A6 pages with 3 mm bleed,
a title band into the bleed, 16 labelled writing lines and a footer per page, in the
toolkit's two TrueType faces (Atkinson Hyperlegible, embedded). Typst is timed as a
designer's script would run it: a fresh Python process that imports the binding and
compiles the file to PDF.

Targets: the page-only build ≤ 2× Typst, the complete build ≤ 3×, `--help`, `versions` and
`lint v11` each ≤ 1×. Prints a Markdown table; asserts nothing.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "src" / "monrecap" / "data" / "fonts" / "atkinson-hyperlegible"
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
MONRECAP = [sys.executable, "-m", "monrecap"]


def typst_source(build: dict) -> str:
    """The Typst document of v11's page structure."""
    trim_w, trim_h = build["layout"]["trim_mm"]
    bleed, safe = build["layout"]["bleed_mm"], build["layout"]["safe_mm"]
    total = build["page_count"]
    lines = [
        f"#set page(width: {trim_w + 2 * bleed}mm, height: {trim_h + 2 * bleed}mm, "
        "margin: 0mm)",
        '#set text(font: "Atkinson Hyperlegible", size: 14pt, lang: "fr")',
        "#let band = cmyk(22%, 0%, 6%, 0%)",
        "#let muted = cmyk(0%, 0%, 0%, 70%)",
        "#let rule = cmyk(0%, 0%, 0%, 45%)",
        "#let carnet-page(title, n) = {",
        # The band runs into the bleed at the top and both sides.
        f"  place(top + left, rect(width: 100%, height: {bleed + 22}mm, fill: band))",
        f"  place(top + left, dx: {bleed + safe}mm, dy: {bleed + 7}mm,",
        "        text(size: 20pt, weight: \"bold\", title))",
        "  for i in range(16) {",
        f"    place(top + left, dx: {bleed + safe}mm, dy: {bleed + 30}mm + i * 6.6mm,",
        f"          box(width: {trim_w - 2 * safe}mm, stack(dir: ltr, spacing: 1mm,",
        "            box(width: 18mm, text(size: 10pt)[Ligne #(i + 1) :]),",
        f"            line(start: (0mm, 4mm), length: {trim_w - 2 * safe - 20}mm,",
        "                 stroke: 0.75pt + rule))))",
        "  }",
        f"  place(top + left, dx: {bleed + safe}mm, dy: {bleed + trim_h - safe - 4}mm,",
        f"        text(size: 10pt, fill: muted)[page #n sur {total}])",
        "}",
    ]
    for page in build["pages"]:
        title = (page.get("title") or page["id"]).replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'#carnet-page("{title}", {page["number"]})')
        if page["number"] < total:
            lines.append("#pagebreak()")
    return "\n".join(lines) + "\n"


TYPST = """
import sys, typst
typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]],
              ignore_system_fonts=True)
"""


def timed(command: list[str], ok: tuple[int, ...] = (0,), env: dict | None = None) -> float:
    """Median wall time of RUNS cold processes (one unmeasured run first)."""
    times = []
    for i in range(RUNS + 1):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, cwd=ROOT,
                              env={**os.environ, **(env or {})})
        elapsed = time.perf_counter() - start
        assert done.returncode in ok, done.stderr.decode()
        if i:
            times.append(elapsed)
    return statistics.median(times)


def main() -> None:
    subprocess.run(MONRECAP + ["build", "v11", "-q"], cwd=ROOT, check=True)
    build = json.loads((ROOT / "dist" / "v11" / "build.json").read_text(encoding="utf-8"))
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "carnet.typ"
        source.write_text(typst_source(build), encoding="utf-8")
        pdf = Path(tmp) / "carnet.pdf"
        typst = timed([sys.executable, "-c", TYPST, str(source), str(pdf), str(FONTS)])
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
        pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                               text=True).stdout
        out = str(Path(tmp) / "dist")
        page = ["build", "v11", "--no-impose", "--no-preflight", "-q", "--out", out]
        full = ["build", "v11", "-q", "--out", out]
        rows = [
            ("`build v11 --no-impose --no-preflight`, inputs unchanged (record reused)",
             MONRECAP + page, 2.0, (0,), {}),
            ("`build v11 --no-impose --no-preflight --no-cache` (page PDF drawn)",
             MONRECAP + page + ["--no-cache"], 2.0, (0,), {}),
            ("`build v11`, inputs unchanged (record reused)", MONRECAP + full, 3.0, (0,), {}),
            ("`build v11 --no-cache` (render, two impositions, PDF/X-4, preflight, lint)",
             MONRECAP + full + ["--no-cache"], 3.0, (0,), {}),
            ("`monrecap --help`", MONRECAP + ["--help"], 1.0, (0,), {}),
            ("`monrecap versions` (rows of unchanged versions reused)", MONRECAP + ["versions"],
             1.0, (0,), {}),
            ("`monrecap lint v11`, inputs unchanged (record reused)",
             MONRECAP + ["lint", "v11"], 1.0, (0, 1), {}),
            ("`monrecap lint v11` with MONRECAP_CACHE=off", MONRECAP + ["lint", "v11"], 1.0,
             (0, 1), {"MONRECAP_CACHE": "off"}),
        ]
        measured = [(work, timed(command, ok, env), target)
                    for work, command, target, ok, env in rows]
    page_count = next((line.split()[-1] for line in pages.splitlines()
                       if line.startswith("Pages:")), "?")
    embedded = sum(1 for line in fonts.splitlines()[2:] if " yes " in line)
    print("| work | time | × Typst | target | met |")
    print("|---|---|---|---|---|")
    print(f"| Typst {page_count} pages A6 + bleed, band, 16 labelled lines and a footer a page, "
          f"{embedded} embedded TrueType faces | {typst * 1000:.0f} ms | 1.0 | | |")
    for work, seconds, target in measured:
        ratio = seconds / typst
        print(f"| {work} | {seconds * 1000:.0f} ms | {ratio:.1f} | ≤ {target:g}× | "
              f"{'yes' if ratio <= target else 'no'} |")
    print(f"\nCold processes, median of {RUNS} (after one unmeasured run), in one run; "
          f"load average {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end, "
          f"{os.cpu_count()} cores.")


if __name__ == "__main__":
    main()
