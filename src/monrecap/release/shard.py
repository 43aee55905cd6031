"""A release split across machines: the share of `release --shard K/N` (whole build groups,
balanced, the same on every machine), and the partial manifest each shard writes."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from monrecap.errors import UsageError
from monrecap.release.jobs import Job

#: What a shard writes beside its job folders instead of manifest.json.
SHARD_FILE = "shard.json"
SHARD_KIND = "monrecap release shard"


def parse_shard(text: str) -> tuple[int, int]:
    """``K/N`` → (K, N), 1 ≤ K ≤ N.

    >>> parse_shard("2/4")
    (2, 4)
    >>> parse_shard("5/4")
    Traceback (most recent call last):
    ...
    monrecap.errors.UsageError: --shard 5/4: K must be between 1 and N (4), e.g. 1/4
    """
    found = re.fullmatch(r"\s*([0-9]+)\s*/\s*([0-9]+)\s*", text)
    if not found:
        raise UsageError(f"--shard {text}: write K/N, the K-th of N shards, e.g. 1/4")
    k, n = int(found[1]), int(found[2])
    if not 1 <= n <= 256:
        raise UsageError(f"--shard {text}: N must be between 1 and 256")
    if not 1 <= k <= n:
        raise UsageError(f"--shard {text}: K must be between 1 and N ({n}), e.g. 1/{n}")
    return k, n


def group_name(group: tuple[str, str | None, str | None]) -> str:
    """``v11-val-fictif-a5``: a carnet on a layout, as its jobs' names begin."""
    return "-".join(part for part in group if part)


def assign(jobs: list[Job], shards: int) -> dict[tuple, int]:
    """Each build group (a carnet on one layout: one build makes all its profiles' jobs) →
    its shard, 1 to ``shards``.

    Largest groups first, each to the shard with the fewest jobs so far (the lowest number
    on a tie); groups of one size are taken in the order of the sha256 of their name. The
    share depends on the plan only — not on the order jobs were listed, the machine, the
    folder or Python's hash seed — so every machine of a CI matrix computes the same one,
    and no shard holds more than one group's jobs more than another.

    >>> jobs = [Job("v1", e, p) for e in (None, "nord", "sud") for p in ("a", "b")]
    >>> sorted(assign(jobs, 2).values())
    [1, 1, 2]
    """
    sizes: dict[tuple, int] = {}
    for job in jobs:
        sizes[job.group] = sizes.get(job.group, 0) + 1
    order = sorted(sizes, key=lambda g: (-sizes[g],
                                         hashlib.sha256(group_name(g).encode()).hexdigest()))
    load = [0] * shards
    out: dict[tuple, int] = {}
    for group in order:
        index = min(range(shards), key=lambda i: (load[i], i))
        out[group] = index + 1
        load[index] += sizes[group]
    return out


def shard_record(k: int, n: int, head: dict, jobs: list[Job], share: dict[tuple, int],
                 entries: list[dict]) -> bytes:
    """shard.json: which shard this is, the manifest's head (toolkit, source tree, date: the
    same for every shard of one release), the whole plan with each job's shard (so that
    `release merge` can tell a missing or duplicated job), and this shard's manifest
    entries."""
    data = {"kind": SHARD_KIND, "shard": k, "of": n, "manifest": head,
            "plan": [{"job": job.name, "shard": share[job.group]} for job in jobs],
            "jobs": entries}
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode()


def read_record(folder: Path) -> dict | None:
    """A folder's shard.json, or None when it has none."""
    try:
        return json.loads((folder / SHARD_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def matrix(shards: int) -> list[str]:
    """CI's matrix: ``["1/4", "2/4", "3/4", "4/4"]``.

    >>> matrix(2)
    ['1/2', '2/2']
    """
    return [f"{k}/{shards}" for k in range(1, shards + 1)]
