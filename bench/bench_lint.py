"""Lint speed: `monrecap lint --all` over the eleven versions, wall time (`make bench`).

Target (issue 8): ≤ 0.5 s for all 11 versions. Prints figures only.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    times = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "monrecap", "lint", "--all"], cwd=ROOT,
                       check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    print(f"monrecap lint --all (11 versions, cold, median of 5): "
          f"{statistics.median(times):.3f} s   target ≤ 0.5 s")


if __name__ == "__main__":
    main()
