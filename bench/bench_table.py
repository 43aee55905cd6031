"""The table of issue 15, measured in one run, each row beside its peer (`make bench`).

Every command runs cold in a fresh process; each figure is the median of RUNS runs. The
imposition rows use 3,200 distinct pages (bench_impose.py). The diff peer is diff-pdf at
150 dpi when it is installed; otherwise pdftoppm rasterising both PDFs at 150 dpi, the part
of diff-pdf's work that costs (it says which). Prints a Markdown table; asserts nothing.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_build import cold_build, weasyprint_time  # noqa: E402
from bench_impose import PAGES, measure  # noqa: E402
from bench_watch import save_to_pdf  # noqa: E402

ROOT = HERE.parent
RUNS = 5
MONRECAP = [sys.executable, "-m", "monrecap"]


def timed(command: list[str], runs: int = RUNS, ok: tuple[int, ...] = (0,)) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, cwd=ROOT)
        assert done.returncode in ok, done.stderr.decode()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def diff_peer(a: Path, b: Path) -> tuple[str, float]:
    tool = shutil.which("diff-pdf")
    if tool:
        return "diff-pdf --dpi 150", timed([tool, "--dpi=150", str(a), str(b)], ok=(0, 1))
    # Both files rasterised at 150 dpi, one after the other, pixels thrown away: the part
    # of diff-pdf's work that costs, without its comparison.
    script = (f"gs -q -dNOPAUSE -dBATCH -sDEVICE=ppmraw -r150 -o /dev/null {a} && "
              f"gs -q -dNOPAUSE -dBATCH -sDEVICE=ppmraw -r150 -o /dev/null {b}")
    return "both PDFs rasterised at 150 dpi by Ghostscript (diff-pdf not installed)", \
        timed(["sh", "-c", script])


def main() -> None:
    for vid in ("v10", "v11"):
        subprocess.run(MONRECAP + ["build", vid, "-q"], cwd=ROOT, check=True)
    rows = []  # work, ours (s), peer name, peer (s), goal, met
    imposed = measure(RUNS)
    peer = imposed["peer"]
    for key, label, factor in (("marks", "default marks", 4), ("none", "`--marks none`", 5)):
        ours = imposed[key][0]
        rows.append((f"`impose` {PAGES:,} distinct pages, saddle on A4, {label} "
                     f"(peak {imposed[key][1]:.0f} MB)", ours,
                     "pdfimpose saddle" + (f" (peak {peer[1]:.0f} MB)" if peer else ""),
                     peer[0] if peer else None, f"≥ {factor}× faster",
                     peer is not None and peer[0] / ours >= factor))
    weasy = weasyprint_time(ROOT, "v11", RUNS)
    wp = None if isinstance(weasy, str) else weasy[0]
    full = cold_build(ROOT, "v11", RUNS)
    pages = cold_build(ROOT, "v11", RUNS, "--no-impose", "--no-preflight")
    rows.append(("complete `build v11` (render, two impositions, PDF/X-4, preflight, lint)",
                 full, "WeasyPrint, 32-page A6 carnet", wp, "≤ 0.8 s", full <= 0.8))
    rows.append(("`build v11 --no-impose --no-preflight` (page PDF only)", pages,
                 "WeasyPrint, 32-page A6 carnet", wp, "≥ 2.5× faster",
                 wp is not None and wp / pages >= 2.5))
    pdf = ROOT / "dist" / "v11" / "monrecap-v11.pdf"
    check = timed(MONRECAP + ["check", str(pdf)], ok=(0, 1))
    inkcov = timed(["gs", "-q", "-o", "-", "-sDEVICE=inkcov", str(pdf)])
    rows.append((f"`check {pdf.relative_to(ROOT)}`", check, "one Ghostscript inkcov pass",
                 inkcov, "≤ 2× that pass", check <= 2 * inkcov))
    diff = timed(MONRECAP + ["diff", "v10", "v11"], ok=(0, 1))
    name, peer_diff = diff_peer(ROOT / "dist" / "v10" / "monrecap-v10.pdf", pdf)
    rows.append(("`diff v10 v11` (both built)", diff, name, peer_diff, "≤ 0.7 s", diff <= 0.7))
    help_ = timed(MONRECAP + ["--help"])
    rows.append(("`monrecap --help`", help_, "", None, "≤ 0.25 s", help_ <= 0.25))
    versions = timed(MONRECAP + ["versions"])
    rows.append(("`monrecap versions`", versions, "", None, "≤ 0.25 s", versions <= 0.25))
    watch = statistics.median(save_to_pdf())
    rows.append(("`build v11 --watch`: page PDF rewritten after a save", watch, "", None,
                 "≤ 0.3 s", watch <= 0.3))

    print("| work | monrecap | peer, same run | goal | met |")
    print("|---|---|---|---|---|")
    for work, ours, peer_name, peer_s, goal, met in rows:
        versus = ""
        if peer_s is not None:
            ratio = peer_s / ours
            versus = f"{peer_name} {peer_s:.2f} s — monrecap " + (
                f"{ratio:.1f}× faster" if ratio >= 1 else f"{1 / ratio:.1f}× slower")
        print(f"| {work} | {ours:.2f} s | {versus} | {goal} | {'yes' if met else 'no'} |")
    print(f"\nCold processes, median of {RUNS} runs each, all in one run on this machine"
          + (f"; WeasyPrint {weasy}" if wp is None else "") + ".")


if __name__ == "__main__":
    main()
