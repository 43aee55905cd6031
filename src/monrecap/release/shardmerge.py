"""`monrecap release merge DIR…`: the N folders of `release --shard K/N` checked against
each other and against the plan they share, then combined into one release whose
manifest.json is the one an unsharded release of the same sources writes."""

from __future__ import annotations

import shutil
from pathlib import Path

from monrecap.errors import MonrecapError, Problem
from monrecap.files import sha256, write_atomic
from monrecap.plural import count
from monrecap.release.shard import SHARD_FILE, SHARD_KIND, read_record


class MergeError(MonrecapError):
    """Shards that do not make one release: nothing is written."""


def _label(folder: Path, record: dict) -> str:
    return f"{folder} (shard {record['shard']}/{record['of']})"


def _read(folder: Path) -> dict:
    if not folder.is_dir():
        raise MergeError([Problem(str(folder), "", "no such folder")])
    try:
        record = read_record(folder)
    except (OSError, ValueError) as exc:
        raise MergeError([Problem(f"{folder}/{SHARD_FILE}", "",
                                  f"cannot be read: {exc}")]) from None
    if record is None:
        hint = (" (it holds a whole release: manifest.json)"
                if (folder / "manifest.json").exists() else "")
        raise MergeError([Problem(str(folder), "", f"not a release shard: no {SHARD_FILE}"
                                  f"{hint}; `monrecap release --shard K/N` makes one")])
    keys = ("kind", "shard", "of", "manifest", "plan", "jobs")
    if not isinstance(record, dict) or any(k not in record for k in keys) \
            or record["kind"] != SHARD_KIND:
        raise MergeError([Problem(f"{folder}/{SHARD_FILE}", "",
                                  "not a shard record of `monrecap release --shard`")])
    return record


def check_shards(folders: list[Path]) -> list[tuple[Path, dict]]:
    """Every shard read and checked; MergeError with every problem, each naming its shard:
    another toolkit, other sources, another plan or another N than the first shard given; a
    shard given twice or missing; a job missing, duplicated or not in the plan; a file
    missing or not the bytes its shard recorded."""
    shards = [(folder, _read(folder)) for folder in folders]
    first_folder, first = shards[0]
    problems: list[Problem] = []

    def differs(folder: Path, record: dict, what: str, mine, theirs) -> None:
        problems.append(Problem(_label(folder, record), "",
                                f"{what} ({mine}) than {_label(first_folder, first)} "
                                f"({theirs}): shards of one release only"))

    for folder, record in shards[1:]:
        head, ref = record["manifest"], first["manifest"]
        if head["tool"] != ref["tool"]:
            differs(folder, record, "made by another toolkit",
                    f"monrecap {head['tool']['version']}, toolkit {head['tool']['toolkit']}",
                    f"monrecap {ref['tool']['version']}, toolkit {ref['tool']['toolkit']}")
        elif head["source_tree"] != ref["source_tree"]:
            differs(folder, record, "released from other sources",
                    f"source tree {head['source_tree'][:12]}",
                    f"source tree {ref['source_tree'][:12]}")
        elif record["of"] != first["of"]:
            differs(folder, record, "one of another number of shards",
                    f"{record['of']}", f"{first['of']}")
        elif record["plan"] != first["plan"] or head != ref:
            differs(folder, record, "planned another release from the same sources "
                    "(other versions or options)", f"{len(record['plan'])} jobs",
                    f"{len(first['plan'])} jobs")
    if problems:
        raise MergeError(problems)
    n = first["of"]
    seen: dict[int, Path] = {}
    for folder, record in shards:
        k = record["shard"]
        if k in seen:
            problems.append(Problem(_label(folder, record), "",
                                    f"given twice: {seen[k]} is shard {k}/{n} too"))
        seen.setdefault(k, folder)
    owner = {entry["job"]: entry["shard"] for entry in first["plan"]}
    for k in range(1, n + 1):
        if k not in seen:
            names = [job for job, s in owner.items() if s == k]
            problems.append(Problem(f"shard {k}/{n}", "", f"missing: none of the folders "
                                    f"given holds it ({_jobs(names)})"))
    for folder, record in shards:
        problems += _check_jobs(folder, record, owner)
    if problems:
        raise MergeError(problems)
    return sorted(shards, key=lambda s: s[1]["shard"])


def _jobs(names: list[str]) -> str:
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return f"{count(len(names), 'job', lang='en')}: {shown}" if names else "no jobs"


def _check_jobs(folder: Path, record: dict, owner: dict[str, int]) -> list[Problem]:
    label, k, problems = _label(folder, record), record["shard"], []
    have = [entry["name"] for entry in record["jobs"]]
    for name in sorted({n for n in have if have.count(n) > 1}):
        problems.append(Problem(label, name, "listed twice"))
    for name in dict.fromkeys(have):
        if name not in owner:
            problems.append(Problem(label, name, "not in the release's plan"))
        elif owner[name] != k:
            problems.append(Problem(label, name, f"duplicated: the plan gives it to shard "
                                    f"{owner[name]}/{record['of']}"))
    missing = [name for name, s in owner.items() if s == k and name not in have]
    if missing:
        problems.append(Problem(label, "", f"incomplete: {_jobs(missing)} of this shard "
                                "missing (a failed or interrupted shard: run it again)"))
    for entry in record["jobs"]:
        for item in entry["files"]:
            if not _inside(entry["name"], item["path"]):
                problems.append(Problem(label, item["path"], f"not a file of job "
                                        f"{entry['name']}"))
                continue
            path = folder / item["path"]
            if not path.is_file():
                problems.append(Problem(label, item["path"], "missing"))
            elif path.stat().st_size != item["bytes"] or \
                    sha256(path.read_bytes()) != item["sha256"]:
                problems.append(Problem(label, item["path"], f"not the file {SHARD_FILE} "
                                        "records (changed or damaged since)"))
    return problems


def _inside(name: str, path: str) -> bool:
    """A job's files are its folder's files and its zip, nothing elsewhere.

    >>> _inside("v11-bureau-a4", "v11-bureau-a4/proof.png"), _inside("v1", "v1/../x")
    (True, False)
    """
    if "/" in name or name in ("", ".", ".."):
        return False
    head, _, tail = path.partition("/")
    return path == f"{name}.zip" or (head == name and tail not in ("", ".", "..")
                                     and "/" not in tail)


def merge_shards(folders: list[Path], out: Path) -> list[dict]:
    """Check the shards, then write their jobs into ``out`` (each job folder staged and
    renamed, each zip atomically) and manifest.json last, in the plan's order. Returns the
    manifest's job entries. Nothing is written when any check fails."""
    from monrecap.locking import exclusive
    from monrecap.release import manifest_bytes

    resolved = {f.resolve() for f in folders}
    if out.resolve() in resolved:
        raise MergeError([Problem(f"--out {out}", "", "is one of the shards: merge into "
                                  "another folder")])
    shards = check_shards(folders)
    if (out / SHARD_FILE).exists():
        raise MergeError([Problem(f"--out {out}", "", f"holds one shard ({SHARD_FILE}): "
                                  "merge into another folder")])
    where = {entry["name"]: (folder, entry) for folder, record in shards
             for entry in record["jobs"]}
    plan = [entry["job"] for entry in shards[0][1]["plan"]]
    out.mkdir(parents=True, exist_ok=True)
    with exclusive(out.with_name(f".{out.name}.lock"), "release merge"):
        for name in plan:
            folder, entry = where[name]
            _copy_job(folder, out, name, entry["files"])
        entries = [where[name][1] for name in plan]
        write_atomic(out / "manifest.json", manifest_bytes(shards[0][1]["manifest"], entries))
    return entries


def _copy_job(source: Path, out: Path, name: str, files: list[dict]) -> None:
    """One job's folder (staged, then renamed into place) and its zip."""
    stage = out / f".staging-{name}"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    try:
        for item in files:
            if item["path"].startswith(f"{name}/"):
                shutil.copyfile(source / item["path"], stage / item["path"].split("/", 1)[1])
        final = out / name
        shutil.rmtree(final, ignore_errors=True)
        stage.rename(final)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    for item in files:
        if "/" not in item["path"]:
            write_atomic(out / item["path"], (source / item["path"]).read_bytes())
