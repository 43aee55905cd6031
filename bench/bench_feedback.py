"""Feedback at scale (`make bench`): import a WhatsApp export of 50,000 messages into an empty
store, then build the report (terminal data, JSON and the HTML page), as the real commands do,
in a child process whose wall time and peak memory (max RSS) are printed.

Targets (issue 17): ≤ 5 s and ≤ 300 MB. This prints figures; it asserts nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MESSAGES = 50_000
PHRASES = ("les numéros sont bien lisibles", "dans mes rendez-vous il manque de la place",
           "je ne trouve pas la fiche de la mission locale dans mes contacts",
           "les mots à connaître m'ont aidé", "mes démarches : une ligne de plus serait utile",
           "le carnet tient dans ma poche", "j'ai perdu mon carnet", "merci pour le carnet")


def export(path: Path, count: int) -> None:
    """A fictitious Android export: 3,000 senders from the fiction range 06 39 98, some
    messages carrying a phone number or an e-mail, multi-line ones, media lines."""
    rng = random.Random(17)
    start = dt.datetime(2025, 9, 1, 8, 0)
    lines = []
    for i in range(count):
        when = start + dt.timedelta(minutes=13 * i)
        sender = f"+33 6 39 98 {rng.randrange(30):02d} {rng.randrange(100):02d}"
        version = "v11" if when.date() >= dt.date(2026, 9, 14) else "v10"
        text = rng.choice(PHRASES)
        if rng.random() < 0.6:
            text = f"Bonjour, j'ai le carnet Mon Récap {version} et je voudrais dire : {text}"
        if rng.random() < 0.1:
            text += f". Rappelez-moi au 06 39 98 {rng.randrange(100):02d} {rng.randrange(100):02d}"
        if rng.random() < 0.05:
            text += "\nmon mail : prenom.nom@exemple.fr"
        lines.append(f"{when:%d/%m/%Y %H:%M} - {sender}: {text}")
        if rng.random() < 0.02:
            lines.append(f"{when:%d/%m/%Y %H:%M} - {sender}: <Médias omis>")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


CHILD = """
import sys, time
from pathlib import Path
from monrecap.feedback.store import import_file
from monrecap.feedback.feedbackreport import feedback_report
from monrecap.feedback.feedbackhtml import report_html
root, export = Path(sys.argv[1]), Path(sys.argv[2])
t0 = time.perf_counter()
result = import_file(root, export)
t1 = time.perf_counter()
report = feedback_report(root)
page = report_html(report)
report.to_json()
t2 = time.perf_counter()
print(result.new, result.duplicates, dict(result.redactions), t1 - t0, t2 - t1, len(page))
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        for name in ("versions", "layouts", "fonts", "pictograms"):
            shutil.copytree(ROOT / name, repo / name)
        path = repo / "export.txt"
        export(path, MESSAGES)
        env = {**os.environ, "MONRECAP_FEEDBACK_KEY": "bench-secret-0123456789abcdef"}
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", CHILD, str(repo), str(path)], env=env,
                              capture_output=True, text=True)
        wall = time.perf_counter() - start
        assert done.returncode == 0, done.stderr
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        new, dups, redactions, t_import, t_report, html = done.stdout.split(" ", 3)[:3] + \
            done.stdout.rsplit(" ", 3)[1:]
        size = (repo / "feedback").stat().st_size and sum(
            p.stat().st_size for p in (repo / "feedback").iterdir())
        print(f"feedback import of {MESSAGES:,} messages ({path.stat().st_size / 1e6:.1f} MB "
              f"export, {new} stored, store {size / 1e6:.1f} MB): {float(t_import):.2f} s")
        print(f"feedback report (counts, JSON, HTML {int(html) / 1e3:.0f} kB): "
              f"{float(t_report):.2f} s")
        print(f"whole run (process start included): {wall:.2f} s   target ≤ 5 s")
        print(f"peak memory (max RSS): {peak:.0f} MB   target ≤ 300 MB")


if __name__ == "__main__":
    main()
