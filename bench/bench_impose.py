"""Imposition speed and memory, side by side in one run: `monrecap impose` (saddle on A4,
default marks and `--marks none`) against pdfimpose's saddle, on 3,200 DISTINCT pages
(`make bench`).

The 3,200 pages are v11's 32 pages, each page given its own content stream (its drawing plus
a small mark of its own), so that no tool can share a page between copies: what a real
3,200-page job is. Fonts and pictograms stay shared, as in any long document.

Targets (issue 15): ≥ 4× faster than pdfimpose with default marks, ≥ 5× with `--marks none`,
peak memory under 150 MB. Every command runs cold in a fresh process; medians of ≥ 5 runs.
This prints figures; it asserts nothing.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = 3200
RUNS = 5


def distinct_pages(count: int, folder: Path) -> Path:
    """``count`` pages, each with a content stream of its own, from the built v11."""
    import pikepdf

    source = ROOT / "dist" / "v11" / "monrecap-v11.pdf"
    if not source.exists():
        subprocess.run([sys.executable, "-m", "monrecap", "build", "v11", "-q", "--root",
                        str(ROOT)], check=True)
    src = pikepdf.open(source)
    out = pikepdf.new()
    templates = []
    for page in src.pages:
        copied = out.copy_foreign(page.obj)
        templates.append((copied, page.obj.Contents.read_bytes() if isinstance(
            page.obj.Contents, pikepdf.Stream) else b"\n".join(
                s.read_bytes() for s in page.obj.Contents)))
    for n in range(count):
        template, content = templates[n % len(templates)]
        own = f"\nq 0 0 0 0.3 k {20 + n % 250} {20 + n // 250} 1 1 re f Q\n".encode()
        page = pikepdf.Dictionary({k: template[k] for k in template.keys()
                                   if k not in ("/Contents", "/Parent")})
        page.Contents = out.make_stream(content + own)
        out.pages.append(pikepdf.Page(page))
    path = folder / f"distinct-{count}.pdf"
    out.save(path)
    return path


def timed(command: list[str], runs: int = RUNS) -> tuple[float, float]:
    """Median wall time and peak resident memory (MB) of a command, in fresh processes."""
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-f", "%M", *command], capture_output=True,
                              text=True, check=True)
        times.append(time.perf_counter() - start)
        peaks.append(int(done.stderr.strip().splitlines()[-1]) / 1024)
    return statistics.median(times), max(peaks)


def measure(runs: int = RUNS) -> dict[str, tuple[float, float] | None]:
    """Times and peaks: ours with default marks, ours without marks, pdfimpose (None when
    it is not installed)."""
    folder = Path(tempfile.mkdtemp())
    try:
        pdf = distinct_pages(PAGES, folder)
        ours = [sys.executable, "-m", "monrecap", "impose", str(pdf), "--root", str(ROOT),
                "--scheme", "saddle", "--sheet", "A4", "--orientation", "landscape",
                "--copies", "1", "-o", str(folder / "ours.pdf")]
        peer = shutil.which("pdfimpose") or str(Path(sys.executable).parent / "pdfimpose")
        results: dict[str, tuple[float, float] | None] = {
            "marks": timed(ours, runs),
            "none": timed(ours + ["--marks", "none"], runs),
            "peer": None,
        }
        if Path(peer).exists():
            results["peer"] = timed([peer, "saddle", str(pdf), "--output",
                                     str(folder / "pdfimpose.pdf")], runs)
        return results
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    r = measure()
    peer = r["peer"]
    for key, label, goal in (("marks", "default marks", 4), ("none", "--marks none", 5)):
        t, mb = r[key]
        line = f"impose {PAGES} distinct pages, saddle on A4, {label}: {t:.3f} s, peak {mb:.0f} MB"
        if peer:
            line += (f"   pdfimpose saddle {peer[0]:.3f} s, peak {peer[1]:.0f} MB   "
                     f"ratio {peer[0] / t:.1f}× (goal ≥ {goal}×)")
        print(line)
    if not peer:
        print("pdfimpose: not installed (pip install pdfimpose)")
    print("memory goal: peak < 150 MB")


if __name__ == "__main__":
    main()
