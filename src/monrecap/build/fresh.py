"""A build whose inputs did not change is not made again (``freshness.py``, kind "builds").

After a single `monrecap build`, a record holds, for its version, edition, layout, flags and
output folder: every file the build read (build.json's sources and fonts: the version chain
and edition, page templates, the layout, print profiles, pictograms), for an edition the
list of every edition file (one added nearer the version is a change), a digest of the
evidence stores the changelog is checked against, the risk register (risk.yaml), the Ghostscript that measured the ink,
the checksum of every file it wrote and what the command prints of it. The same command
again, with every checksum still matching, is answered from the record: the files on disk
already are those bytes. An input edited, added where the repository's copy comes first or
removed, an output changed or deleted, another toolkit or Ghostscript: the build runs.
``build --no-cache`` builds all the same (and records the result)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from types import SimpleNamespace

from monrecap.files import sha256
from monrecap.freshness import enabled, evidence_digest, load, save

KIND = "builds"
__all__ = ["enabled", "options_of", "remember", "reuse"]


def options_of(vid: str, variant: str | None, layout: str | None, impose: bool,
               preflight: bool, lot: str | None, out: Path) -> dict:
    """What the command asked, and where it writes: another set is another record."""
    return {"version": vid, "variant": variant, "layout": layout, "impose": impose,
            "preflight": preflight, "lot": lot, "out": str(out.resolve())}


def _ghostscript(preflight: bool) -> list | None:
    """The Ghostscript that measures the ink (a new one may measure differently)."""
    if not preflight:
        return None
    found = shutil.which("gs")
    if not found:
        return ["none"]
    stat = os.stat(found)
    return [os.path.realpath(found), stat.st_size, stat.st_mtime_ns]


def _editions(root: Path, options: dict) -> list[str] | None:
    """Every edition file of the repository, for an edition's build: an edition is the
    nearest file of its name up the ``extends:`` chain, so one added closer is a change."""
    if options["variant"] is None:
        return None
    return sorted(p.relative_to(root).as_posix()
                  for p in (root / "versions").glob("v*/variants/*.yaml"))


def _risk(root: Path) -> str:
    """The risk register the build checks the version's annotations against (the
    repository's, else the toolkit's; the experiments it cites are among the evidence)."""
    from monrecap.resources import data_file

    path = root / "risk.yaml"
    return sha256((path if path.is_file() else data_file("risk.yaml")).read_bytes())


def remember(root: Path, options: dict, result, lint_lines: list[str]) -> None:
    """Record a build that just succeeded (``result``: its BuildResult; ``lint_lines``: its
    lint findings as the command prints them)."""
    out = Path(options["out"])
    manifest = json.loads(result.manifest.read_text(encoding="utf-8"))
    inputs = {e["path"]: e["sha256"] for e in [*manifest["sources"], *manifest["fonts"]]}

    def rel(path: Path) -> str:
        return path.resolve().relative_to(out).as_posix()

    written = [result.pdf, *result.imposed, result.manifest]
    save(root, KIND, options, inputs, {
        "evidence": evidence_digest(root),
        "risk": _risk(root),
        "editions": _editions(root, options),
        "ghostscript": _ghostscript(options["preflight"]),
        "outputs": {rel(p): sha256(p.read_bytes()) for p in written},
        "result": {"pdf": rel(result.pdf), "manifest": rel(result.manifest),
                   "imposed": [rel(p) for p in result.imposed], "pages": result.pages,
                   "layout": result.layout, "warnings": list(result.warnings),
                   "lint": list(result.lint), "removals": list(result.removals),
                   "notes": list(result.notes)},
        "lint_lines": lint_lines})


def reuse(root: Path, options: dict, shown_out: Path):
    """The recorded build for these options when nothing it read or wrote changed, with a
    BuildResult's fields (paths under ``shown_out``, as the command names the output folder)
    and ``lint_lines``; None otherwise."""
    out = Path(options["out"])

    def still(answer: dict) -> bool:
        return (answer["ghostscript"] == _ghostscript(options["preflight"])
                and answer["editions"] == _editions(root, options)
                and all((out / name).is_file() and sha256((out / name).read_bytes()) == digest
                        for name, digest in answer["outputs"].items())
                and answer["evidence"] == evidence_digest(root)
                and answer.get("risk") == _risk(root))

    answer = load(root, KIND, options, still)
    if answer is None:
        return None
    result = dict(answer["result"])
    result["pdf"] = shown_out / result["pdf"]
    result["manifest"] = shown_out / result["manifest"]
    result["imposed"] = tuple(shown_out / p for p in result["imposed"])
    for key in ("warnings", "lint", "removals", "notes"):
        result[key] = tuple(result[key])
    return SimpleNamespace(**result, lint_lines=answer["lint_lines"])
