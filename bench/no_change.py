"""The no-change diff: every version and edition (and v11's large-print edition) built by the
code and content of a git revision and by the working tree, compared page PDF by page PDF —
byte-identical, or `monrecap diff` says what differs. The measure of a refactoring that must
not change what prints (issue 26: the page kinds as templates, the house laid out anew).

    python bench/no_change.py --against 5f12aec     # the revision before the change
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(source: Path, out: Path) -> None:
    """Every version and edition, page PDFs only, and v11 on the A5 layout, with the code
    and content of ``source`` (a checkout)."""
    env = {**os.environ, "PYTHONPATH": str(source / "src")}
    for args in (["build", "--all", "--all-variants"], ["build", "v11", "--layout", "a5"]):
        subprocess.run([sys.executable, "-m", "monrecap", *args, "--no-impose", "--no-preflight",
                        "-q", "--out", str(out), "--root", str(source)], env=env, check=True,
                       cwd=source, stdout=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default="HEAD", help="the revision built before the change")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="no-change-") as tmp:
        before_tree = Path(tmp) / "tree"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(before_tree),
                        args.against], cwd=ROOT, check=True)
        try:
            build(before_tree, Path(tmp) / "before")
            build(ROOT, Path(tmp) / "after")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(before_tree)], cwd=ROOT,
                           check=True)
        before, after = Path(tmp) / "before", Path(tmp) / "after"
        names = sorted({p.relative_to(before) for p in before.rglob("monrecap-*.pdf")}
                       | {p.relative_to(after) for p in after.rglob("monrecap-*.pdf")})
        changed = 0
        print(f"{'page PDF':<58} result")
        for name in names:
            a, b = before / name, after / name
            if not a.is_file() or not b.is_file():
                result = "only before" if a.is_file() else "only after"
                changed += 1
            elif a.read_bytes() == b.read_bytes():
                result = "byte-identical"
            else:
                diff = subprocess.run([sys.executable, "-m", "monrecap", "diff", str(a), str(b),
                                       "--json", "-q"], capture_output=True, text=True,
                                      env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
                report = json.loads(diff.stdout) if diff.stdout else {}
                result = "same pages (bytes differ)" if report.get("identical") else \
                    f"DIFFERS: {report.get('summary', diff.stderr.strip())}"
                changed += not report.get("identical")
            print(f"{str(name):<58} {result}")
        print(f"{len(names)} page PDFs against {args.against}: "
              f"{len(names) - changed} unchanged, {changed} changed")
        return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
