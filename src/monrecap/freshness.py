"""Answers that need no work: what a command found, recorded under ``dist/.cache/<kind>/``
with the checksum of every file it read and the toolkit's fingerprint, and given again while
every one of them still matches (`make`'s rule, by checksums rather than dates).

A recorded file is found again as the toolkit finds it (``resources.recorded_file``: the
repository's copy first, then the shipped one), so a file added to the repository where the
toolkit's copy was used counts as a change. Imports nothing heavy: a fresh answer is given
without loading the content model, the renderer or the PDF libraries.
``MONRECAP_CACHE=off`` turns every record off (nothing read, nothing written)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from monrecap.files import sha256, toolkit_fingerprint, write_atomic

FOLDER = Path("dist") / ".cache"
#: Records kept per kind (one per version, edition, layout, flags and output folder): the
#: oldest go first, so that builds into many scratch folders do not pile up.
KEEP = 64


def enabled() -> bool:
    return os.environ.get("MONRECAP_CACHE", "on").lower() not in ("off", "0", "no", "false")


def _path(root: Path, kind: str, options: dict) -> Path:
    key = hashlib.sha256(json.dumps(options, sort_keys=True).encode()).hexdigest()[:32]
    return root / FOLDER / kind / f"{key}.json"


def checksums(root: Path, names) -> dict[str, str]:
    """Each recorded name (``versions/v11/carnet.yaml``, ``fonts/…``) → the sha256 of the
    file the toolkit reads for it."""
    from monrecap.resources import recorded_file

    return {name: sha256(recorded_file(root, name).read_bytes()) for name in sorted(names)}


def unchanged(root: Path, inputs: dict[str, str]) -> bool:
    try:
        return checksums(root, inputs) == inputs
    except OSError:
        return False


def save(root: Path, kind: str, options: dict, inputs: dict[str, str], answer) -> None:
    """Record ``answer`` (JSON data) for ``options``; a record that cannot be written is
    skipped: the command's own output stands."""
    if not enabled():
        return
    record = {"toolkit": toolkit_fingerprint(), "options": options, "inputs": inputs,
              "answer": answer}
    try:
        write_atomic(_path(root, kind, options),
                     json.dumps(record, ensure_ascii=False, indent=1).encode())
        _prune(root / FOLDER / kind)
    except OSError:
        pass


def _prune(folder: Path) -> None:
    records = [(p.stat().st_mtime_ns, p) for p in folder.glob("*.json")]
    for _, path in sorted(records)[:-KEEP]:
        path.unlink(missing_ok=True)


def load(root: Path, kind: str, options: dict, still=lambda answer: True):
    """The recorded answer for ``options`` when the toolkit and every input are unchanged and
    ``still(answer)`` holds (the outputs it names are still there, say); None otherwise."""
    if not enabled():
        return None
    try:
        record = json.loads(_path(root, kind, options).read_text(encoding="utf-8"))
        if (record["toolkit"] == toolkit_fingerprint() and record["options"] == options
                and still(record["answer"]) and unchanged(root, record["inputs"])):
            return record["answer"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def evidence_digest(root: Path, folders=("feedback", "experiments", "decisions")) -> str:
    """The stores a changelog's ``evidence:`` ids are checked against, their names and bytes."""
    digest = hashlib.sha256()
    for name in folders:
        folder = root / name
        if folder.is_dir():
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(sha256(path.read_bytes()).encode())
    return digest.hexdigest()
