"""Diff speed and memory, in one run: `monrecap diff v10 v11` end to end with both builds
cached in dist/, and the visual diff of two 48-page PDFs at 150 dpi (`make bench`).

Target (issue 5): ≤ 1 s for the 32-page carnet on 2 cores, peak memory ≤ 200 MB.
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


def timed(command: list[str], runs: int, cwd: Path = ROOT) -> tuple[float, float]:
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-f", "%M", *command], capture_output=True,
                              text=True, cwd=cwd)
        assert done.returncode in (0, 1), done.stderr
        times.append(time.perf_counter() - start)
        peaks.append(int(done.stderr.strip().splitlines()[-1]) / 1024)
    return statistics.median(times), max(peaks)


def main() -> None:
    monrecap = [sys.executable, "-m", "monrecap"]
    for vid in ("v10", "v11"):  # make sure dist/ holds fresh builds: the diff reuses them
        subprocess.run(monrecap + ["build", vid, "-q"], cwd=ROOT, check=True)
    seconds, peak = timed(monrecap + ["diff", "v10", "v11"], 5)
    print(f"monrecap diff v10 v11 (builds cached, 32 pages, 150 dpi): {seconds:.3f} s, "
          f"peak {peak:.0f} MB   target ≤ 1 s, ≤ 200 MB")
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
        print(f"visual diff of two 48-page PDFs (150 dpi, aligned by text): {seconds:.3f} s, "
              f"peak {peak:.0f} MB")


if __name__ == "__main__":
    main()
