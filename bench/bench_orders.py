"""A production week at scale (`make bench`): 5,000 synthetic orders planned (no PDF), then
their labels and packing lists drawn, wall time and peak memory of each phase.

Targets (issue 16): plan ≤ 1 s, labels + packing lists ≤ 10 s, peak memory ≤ 300 MB.
Each phase runs in a fresh process so its peak resident memory is its own. Prints figures only.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNT = 5000


def phase(name: str, orders: Path) -> None:
    """In the child: run one phase, print its time and peak memory as JSON."""
    from monrecap.production import plan_orders

    start = time.perf_counter()
    run = plan_orders(ROOT, orders, week="2026-W50")
    planned = time.perf_counter() - start
    drawn = 0.0
    if name == "documents":
        from monrecap.build import load_for_build
        from monrecap.fonts import load_fontset
        from monrecap.production.labelsheet import load_label_sheet
        from monrecap.production.documents import labels, packing_list
        from monrecap.production.labels import render_labels
        from monrecap.production.packing import render_packing_list

        _, layout = load_for_build(ROOT, run.version)
        fonts = load_fontset(layout.fonts.regular, layout.fonts.bold)
        sheet = load_label_sheet(ROOT, "a4-2x7-99x38")
        start = time.perf_counter()
        for job in run.jobs:
            render_packing_list(packing_list(job, run), layout, fonts, ROOT)
            render_labels(labels(job), sheet, layout, fonts, job.lot)
        drawn = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"plan": planned, "draw": drawn, "peak_mb": peak,
                      "parcels": sum(len(p.parcels) for j in run.jobs for p in j.orders)}))


def main() -> None:
    from monrecap.production.synth import synth_orders

    with tempfile.TemporaryDirectory() as tmp:
        orders = Path(tmp) / "orders.csv"
        orders.write_text(synth_orders(COUNT, seed=1), encoding="utf-8")
        results = {}
        for name in ("plan", "documents"):
            out = subprocess.run([sys.executable, __file__, name, str(orders)], check=True,
                                 capture_output=True, text=True, cwd=ROOT).stdout
            results[name] = json.loads(out)
    plan, docs = results["plan"], results["documents"]
    print(f"orders plan, {COUNT} orders, no PDF: {plan['plan']:.2f} s   target ≤ 1 s "
          f"(peak {plan['peak_mb']:.0f} MB)")
    print(f"labels + packing lists, {COUNT} orders ({docs['parcels']} parcels): "
          f"{docs['draw']:.2f} s   target ≤ 10 s")
    print(f"peak memory of the two phases: {max(plan['peak_mb'], docs['peak_mb']):.0f} MB   "
          f"target ≤ 300 MB")


if __name__ == "__main__":
    if len(sys.argv) == 3:
        phase(sys.argv[1], Path(sys.argv[2]))
    else:
        main()
