"""Imposition speed and size, side by side in one run: `monrecap impose` (saddle) against
pdfimpose's saddle, on the 32-page carnet and on 3,200 pages (100 copies of it), with the
ratio, growth and peak memory (`make bench`).

Targets (issue 4): ≥ 3× faster than pdfimpose at 3,200 pages, linear growth, peak memory
under 150 MB. Both tools run cold, in a fresh process, with no marks, one copy per side on
A4 — the closest common ground. This prints figures; it asserts nothing.
"""

from __future__ import annotations

import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def carnet(copies: int) -> Path:
    """The built v11 page PDF, repeated ``copies`` times, in a temporary file."""
    from pypdf import PdfWriter

    source = ROOT / "dist" / "v11" / "monrecap-v11.pdf"
    if not source.exists():
        subprocess.run([sys.executable, "-m", "monrecap", "build", "v11", "-q", "--root",
                        str(ROOT)], check=True)
    writer = PdfWriter()
    for _ in range(copies):
        writer.append(str(source))
    out = Path(tempfile.mkdtemp()) / f"carnet-{copies}.pdf"
    with out.open("wb") as handle:
        writer.write(handle)
    return out


def timed(command: list[str], runs: int) -> tuple[float, float]:
    """Median wall time and peak resident memory (MB) of a command, in fresh processes."""
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-f", "%M", *command], capture_output=True,
                              text=True, check=True)
        times.append(time.perf_counter() - start)
        peaks.append(int(done.stderr.strip().splitlines()[-1]) / 1024)
    return statistics.median(times), max(peaks)


def main() -> None:
    ours_cmd = [sys.executable, "-m", "monrecap", "impose", "--root", str(ROOT),
                "--scheme", "saddle", "--sheet", "A4", "--orientation", "landscape",
                "--copies", "1", "--marks", "none"]
    peer = shutil.which("pdfimpose") or str(Path(sys.executable).parent / "pdfimpose")
    have_peer = Path(peer).exists()
    results = {}
    for copies, runs in ((1, 5), (100, 3)):
        pdf = carnet(copies)
        pages = 32 * copies
        ours = timed(ours_cmd + [str(pdf), "-o", str(pdf.with_suffix(".ours.pdf"))], runs)
        size = pdf.with_suffix(".ours.pdf").stat().st_size / 1e6
        line = (f"{pages:>5} pages  monrecap impose: {ours[0]:.3f} s, peak {ours[1]:.0f} MB, "
                f"{size:.2f} MB out")
        if have_peer:
            theirs = timed([peer, "saddle", str(pdf), "--output",
                            str(pdf.with_suffix(".pdfimpose.pdf"))], runs)
            psize = pdf.with_suffix(".pdfimpose.pdf").stat().st_size / 1e6
            line += (f"   pdfimpose saddle: {theirs[0]:.3f} s, peak {theirs[1]:.0f} MB, "
                     f"{psize:.2f} MB out   ratio {theirs[0] / ours[0]:.1f}×")
        results[pages] = ours[0]
        print(line)
    if not have_peer:
        print("pdfimpose: not installed (pip install pdfimpose)")
    growth = results[3200] / results[32]
    print(f"growth 32 → 3,200 pages: {growth:.1f}× the time for 100× the pages "
          f"(cold-start cost included)   targets: ≥ 3× faster than pdfimpose at 3,200 pages, "
          f"peak < 150 MB")


if __name__ == "__main__":
    main()
