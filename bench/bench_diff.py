"""Diff speed and memory, in one run: `monrecap diff v10 v11` end to end with both builds
cached in dist/ (cold processes, median of 7 runs) beside diff-pdf on the same pair when it is
installed, and the visual diff of two 48-page PDFs (`make bench`). monrecap compares at
100 dpi (what its 1 mm grid needs), diff-pdf at its 150 dpi.

Targets: issue 15, `diff v10 v11` ≤ 0.7 s (diff-pdf at 150 dpi ≈ 0.4 s); issue 5, peak
memory ≤ 200 MB. This prints figures; it asserts nothing.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


CPU: list[float] = []  # CPU seconds (user + system) of the last timed() runs


def timed(command: list[str], runs: int, cwd: Path = ROOT) -> tuple[float, float]:
    """Median wall time of cold processes, and peak memory (MB); CPU times go to CPU."""
    times, peaks = [], []
    CPU.clear()
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", *command],
                              capture_output=True, text=True, cwd=cwd)
        assert done.returncode in (0, 1), done.stderr  # diff-pdf too: 1 means differences
        times.append(time.perf_counter() - start)
        memory, user, system = done.stderr.strip().splitlines()[-1].split()
        peaks.append(int(memory) / 1024)
        CPU.append(float(user) + float(system))
    return statistics.median(times), max(peaks)


def main() -> None:
    monrecap = [sys.executable, "-m", "monrecap"]
    for vid in ("v10", "v11"):  # make sure dist/ holds fresh builds: the diff reuses them
        subprocess.run(monrecap + ["build", vid, "-q"], cwd=ROOT, check=True)
    seconds, peak = timed(monrecap + ["diff", "v10", "v11"], 7)
    print(f"monrecap diff v10 v11 (builds cached, 28 → 32 pages, 100 dpi): {seconds:.3f} s, "
          f"(CPU {statistics.median(CPU):.3f} s, load average {os.getloadavg()[0]:.1f}), "
          f"peak {peak:.0f} MB   target ≤ 0.7 s, ≤ 200 MB")
    old_pdf, new_pdf = "dist/v10/monrecap-v10.pdf", "dist/v11/monrecap-v11.pdf"
    if shutil.which("diff-pdf"):
        peer, peer_peak = timed(["diff-pdf", "--dpi=150", old_pdf, new_pdf], 7)
        print(f"diff-pdf on the same pair (150 dpi): {peer:.3f} s, peak {peer_peak:.0f} MB "
              f"→ monrecap takes {seconds / peer:.1f}× its time")
    else:
        print("diff-pdf: not installed, and not packaged by this Debian (`apt-cache policy "
              "diff-pdf` finds nothing; upstream builds it from source with wxWidgets): no "
              "peer figure; the issue quotes ≈ 0.4 s for it on a 32-page pair")
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        for name in ("versions", "layouts", "fonts", "pictograms"):
            shutil.copytree(ROOT / name, repo / name)
        for vid, intro in (("v98", "On me demande souvent ces papiers."),
                           ("v99", "On me demande parfois ces papiers.")):
            (repo / "versions" / vid).mkdir()
            (repo / "versions" / vid / "carnet.yaml").write_text(
                f"version: {vid}\nextends: v11\nchangelog:\n  - change: Banc d'essai.\n"
                f"    finding: Aucune.\npages:\n  - id: rendez-vous\n    pages: 28\n"
                f"  - id: documents\n    intro: {intro}\n", encoding="utf-8")
            subprocess.run(monrecap + ["build", vid, "-q", "--root", str(repo)], check=True)
        a = repo / "dist/v98/monrecap-v98.pdf"
        b = repo / "dist/v99/monrecap-v99.pdf"
        seconds, peak = timed(monrecap + ["diff", str(a), str(b)], 3)
        print(f"visual diff of two 48-page PDFs (100 dpi, aligned by text): {seconds:.3f} s, "
              f"peak {peak:.0f} MB")


if __name__ == "__main__":
    main()
