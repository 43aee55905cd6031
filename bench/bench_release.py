"""Release scaling, in one run (`make bench`): a generated repository of 10, 100 and 300
editions of v11, and the share one machine of a CI matrix builds (`release --shard 1/N`,
N chosen so that a shard holds about SHARD_GROUPS carnets), with 1, 2 and 4 workers; then the
merge of a whole sharded release.

For each: the jobs the shard built, the wall time, the time per job with and without the
planning (every carnet of the repository loaded to know the plan, timed in a process of its
own), and the peak resident memory of the largest worker process and of the main process
(VmHWM, read from /proc while it runs).
Time per job and memory per worker should stay flat as the repository grows: a shard's
work is its share, plus planning. Prints figures only; asserts nothing.

    python bench/bench_release.py [EDITIONS…] [--workers 1,2,4]
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("versions", "layouts", "fonts", "pictograms", "decisions", "experiments", "feedback")
SHARD_GROUPS = 8  # carnets (build groups of two jobs) per shard in the runs below
TOWNS = ("Fictiville", "Val-Fictif", "Exempleville", "Testbourg", "Modèle-sur-Mer")


def generate(target: Path, editions: int) -> Path:
    """v11 and its history, with ``editions`` more editions of v11 (each its sponsor and a
    local agency card with a fiction-range number)."""
    for name in COPIED:
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, target / name)
    for name in ("risk.yaml",):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, target / name)
    variants = target / "versions" / "v11" / "variants"
    for i in range(editions):
        town = f"{TOWNS[i % len(TOWNS)]} {i // len(TOWNS) + 1}"
        (variants / f"ed-{i:04d}.yaml").write_text(
            f"variant: ed-{i:04d}\ndescription: Édition de {town}\noffer: payante\n"
            f"variables:\n  sponsor: \"Cofinancé par la communauté de {town}\"\n"
            f"pages:\n  - id: contacts\n    cards:\n      - structure: France Travail\n"
            f"        nom: Agence de {town}\n"
            f"        telephone: \"01 99 00 {30 + i // 100 % 70:02d} {i % 100:02d}\"\n",
            encoding="utf-8")
    (target / "release.yaml").write_text("versions: [v11]\nvariants: all\n", encoding="utf-8")
    return target


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def _peak_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(repo: Path, *args: str) -> tuple[float, float, float, str]:
    """(seconds, peak MB of the largest worker, peak MB of the main process, stderr)."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "monrecap", *args, "--root", str(repo)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peaks: dict[int, int] = {}
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            for pid in [process.pid, *_descendants(process.pid)]:
                peaks[pid] = max(peaks.get(pid, 0), _peak_kb(pid))
            time.sleep(0.05)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    _, err = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    watcher.join()
    if process.returncode:
        raise SystemExit(f"monrecap {' '.join(args)} failed:\n{err}")
    workers = [kb for pid, kb in peaks.items() if pid != process.pid]
    return seconds, max(workers, default=0) / 1024, peaks.get(process.pid, 0) / 1024, err


def planning(repo: Path) -> float:
    """Seconds to plan the whole release in one process (every carnet loaded)."""
    code = ("import sys, time; from pathlib import Path; from monrecap.release import "
            "plan_jobs; t = time.perf_counter(); jobs = plan_jobs(Path(sys.argv[1])); "
            "print(len(jobs), time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", code, str(repo)], capture_output=True,
                         text=True, check=True).stdout.split()
    return float(out[1])


def main() -> None:
    args = sys.argv[1:]
    workers = [1, 2, 4]
    if "--workers" in args:
        at = args.index("--workers")
        workers = [int(w) for w in args[at + 1].split(",")]
        del args[at:at + 2]
    sizes = [int(a) for a in args] or [10, 100, 300]
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    print("| editions | jobs in the release | shard | jobs in the shard | workers | wall | "
          "per job | per job, planning aside | planning | peak per worker | peak main |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for editions in sizes:
            repo = generate(Path(tmp) / f"repo-{editions}", editions)
            groups = editions + 4  # v11 and its three shipped editions
            shards = max(1, math.ceil(groups / SHARD_GROUPS))
            plan = planning(repo)
            for count in workers:
                out = Path(tmp) / f"out-{editions}-{count}"
                seconds, worker, main_mb, err = run(
                    repo, "release", "--shard", f"1/{shards}", "--workers", str(count),
                    "--out", str(out), "-q")
                jobs = len(list(out.glob("*.zip")))
                print(f"| {editions} | {2 * groups} | 1/{shards} | {jobs} | {count} | "
                      f"{seconds:.1f} s | {seconds / jobs:.2f} s | "
                      f"{(seconds - plan) / jobs:.2f} s | "
                      f"{plan:.1f} s | {worker:.0f} MB | {main_mb:.0f} MB |", flush=True)
                shutil.rmtree(out)
            shutil.rmtree(repo)
        # A whole sharded release merged: the merge job's share of the work.
        repo = generate(Path(tmp) / "repo-merge", 4)
        parts = []
        for k in (1, 2):
            parts.append(Path(tmp) / f"shard-{k}")
            run(repo, "release", "--shard", f"{k}/2", "--out", str(parts[-1]), "-q")
        seconds, _, main_mb, _ = run(repo, "release", "merge", *map(str, parts),
                                     "--out", str(Path(tmp) / "merged"), "-q")
        jobs = len(list((Path(tmp) / "merged").glob("*.zip")))
        print(f"\nrelease merge of 2 shards, {jobs} jobs: {seconds:.2f} s "
              f"({seconds / jobs * 1000:.0f} ms a job, peak {main_mb:.0f} MB)")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
