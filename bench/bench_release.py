"""Release speed, in one run: `monrecap release --all` (11 versions, every edition, every
print profile) with 1 and 2 workers, the speed-up, and a no-change rerun (`make bench`).

Targets (issue 7): ≥ 1.7× with 2 workers; a no-change rerun ≤ 1 s. Prints figures only.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(out: Path, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "monrecap", "release", "--all", "--out", str(out),
                    *args], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        one = run(Path(tmp) / "one", "--workers", "1")
        two = run(Path(tmp) / "two", "--workers", "2")
        rerun = run(Path(tmp) / "two", "--workers", "2")
        jobs = len(list((Path(tmp) / "two").glob("*.zip")))
    print(f"monrecap release --all ({jobs} jobs): 1 worker {one:.1f} s, 2 workers {two:.1f} s, "
          f"speed-up {one / two:.2f}×   target ≥ 1.7×")
    print(f"no-change rerun: {rerun:.2f} s   target ≤ 1 s")


if __name__ == "__main__":
    main()
