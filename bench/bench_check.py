"""Preflight speed, in one run: `monrecap check v11` next to a plain Ghostscript ink-coverage
pass (`gs -sDEVICE=inkcov`) over the same file, as a ratio (`make bench`).

Target (issue 15): `check` of the page PDF costs at most twice that single Ghostscript pass
(issue 6 first hoped for 1×). This prints figures; it asserts nothing.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str], runs: int = 9) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, cwd=ROOT)
        assert done.returncode in (0, 1), done.stderr
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    subprocess.run([sys.executable, "-m", "monrecap", "build", "v11", "-q"], cwd=ROOT,
                   check=True)
    pdf = ROOT / "dist" / "v11" / "monrecap-v11.pdf"
    ours = timed([sys.executable, "-m", "monrecap", "check", "v11"])
    on_file = timed([sys.executable, "-m", "monrecap", "check", str(pdf)])
    gs = timed(["gs", "-q", "-o", "-", "-sDEVICE=inkcov", str(pdf)])
    print(f"monrecap check v11 (32 pages, every rule): {ours:.3f} s")
    print(f"monrecap check dist/v11/monrecap-v11.pdf: {on_file:.3f} s")
    print(f"gs -sDEVICE=inkcov on the same file:      {gs:.3f} s")
    print(f"ratio check v11 / inkcov: {ours / gs:.2f}, check file / inkcov: {on_file / gs:.2f}"
          "   target ≤ 2.0")
    with tempfile.TemporaryDirectory() as tmp:
        shapes = Path(tmp) / "shapes.pdf"
        shapes_pdf(shapes, 20_000)
        crowded = timed([sys.executable, "-m", "monrecap", "check", str(shapes)], runs=3)
        gs = timed(["gs", "-q", "-o", "-", "-sDEVICE=inkcov", str(shapes)], runs=3)
    print(f"monrecap check, one page of 20,000 small black shapes over colour bands (text "
          f"turned to outlines): {crowded:.3f} s; gs inkcov {gs:.3f} s")


def shapes_pdf(path: Path, count: int) -> None:
    """The hard case for the knockout rule: every shape asks what lies under it."""
    import random

    import pikepdf

    rng = random.Random(15)
    ops = ["0.8 0.1 0 0 k"] + [f"0 {y} 595 40 re f" for y in range(0, 842, 120)]
    ops += ["0 0 0 1 k"] + [f"{rng.uniform(20, 560):.2f} {rng.uniform(20, 800):.2f} 4 6 re f"
                            for _ in range(count)]
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(595, 842))
    page.obj.Contents = pdf.make_stream("\n".join(ops).encode())
    pdf.save(path)


if __name__ == "__main__":
    main()
