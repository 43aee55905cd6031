"""`monrecap release`: what the print shop receives — every job (version × edition × print
profile) built, imposed, preflighted, with a proof sheet, a job ticket and a zip, the same
bytes every time from the same sources, and reused when nothing it depends on changed."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Literal

from pydantic import Field

from monrecap import __version__
from monrecap.content import load_version, variant_names, version_ids
from monrecap.errors import ContentError, MonrecapError, Problem, UsageError
from monrecap.files import sha256, toolkit_fingerprint, write_atomic
from monrecap.layout import Strict
from monrecap.release.assemble import _accepted, _build_group
from monrecap.release.jobs import Job, JobResult
from monrecap.resources import recorded_file
from monrecap.source import MDict, did_you_mean, load_yaml, validate

TREE = ("versions", "layouts", "fonts", "pictograms")


class ReleaseFailed(MonrecapError):
    """Raised by `release` when a job fails (a preflight error, say): the jobs already
    finished stay whole, the failed ones leave nothing behind."""


class ReleaseSpec(Strict):
    """release.yaml: what a release holds."""

    versions: list[str] | Literal["latest", "all"] = "latest"
    variants: list[str] | Literal["all", "none"] = "all"
    layouts: list[str] = Field([], description="other layouts each released carnet is also "
                               "built on (editions such as the large-print a5), imposed "
                               "with the print profiles the layout names")
    shards: int = Field(1, ge=1, le=256, description="how many machines CI splits the "
                        "release across (`monrecap release --matrix`, the workflow's matrix)")
    note: str = Field("", description="free text, not used")


def load_spec(root: Path) -> ReleaseSpec:
    path = root / "release.yaml"
    if not path.is_file():
        return ReleaseSpec()
    data = load_yaml(path, "release.yaml")
    if not isinstance(data, MDict):
        raise MonrecapError([Problem("release.yaml", "", "must be a mapping of keys to values")])
    return validate(ReleaseSpec, data)


def plan_jobs(root: Path, all_versions: bool = False, carnets: dict | None = None,
              version: str | None = None, released: dict | None = None) -> list[Job]:
    """Every job of the release, in a stable order (``carnets`` collects what was loaded;
    ``released`` only each carnet's release day, so that a shard of a thousand editions
    does not keep them all).

    ``version`` releases that version (with the editions release.yaml names) instead of
    release.yaml's versions."""
    spec = load_spec(root)
    known = version_ids(root)
    if version is not None and all_versions:
        raise UsageError("name one version, or --all for every version")
    if version is not None:
        versions = [version]
    elif all_versions or spec.versions == "all":
        versions = known
    elif spec.versions == "latest":
        versions = known[-1:]
    else:
        versions = spec.versions
    jobs = []
    editions = {vid: variant_names(root, vid) for vid in versions}
    if isinstance(spec.variants, list) and not all_versions:
        # An edition no chosen version has (retired, or misspelt) is not silently skipped.
        every = sorted({name for names in editions.values() for name in names})
        missing = [name for name in spec.variants if name not in every]
        if missing:
            raise MonrecapError([Problem("release.yaml", "variants",
                                         f"no edition '{name}' in {', '.join(versions)}"
                                         f"{did_you_mean(name, every)}; editions: "
                                         f"{', '.join(every) or 'none'}") for name in missing])
    layouts = _release_layouts(root, spec)
    for vid in versions:
        names = editions[vid]
        chosen = names if (all_versions or spec.variants == "all") else \
            [] if spec.variants == "none" else [v for v in spec.variants if v in names]
        for variant in [None, *chosen]:
            carnet = load_version(root, vid, variant)
            if carnets is not None:
                carnets[(vid, variant)] = carnet
            if released is not None:
                released[(vid, variant)] = carnet.released
            for profile in carnet.spec.print:
                jobs.append(Job(vid, variant, profile))
            for name, profiles in layouts:
                if name != carnet.layout:
                    jobs += [Job(vid, variant, profile, name) for profile in profiles]
    return jobs


def _release_layouts(root: Path, spec: ReleaseSpec) -> list[tuple[str, list[str]]]:
    """release.yaml's other layouts with their print profiles; an unknown layout, or one that
    names no print profile, is an error at release.yaml."""
    from monrecap.layout import load_layout

    out, problems = [], []
    for name in spec.layouts:
        try:
            layout = load_layout(root, name, Problem("release.yaml", "layouts", ""))
        except MonrecapError as exc:
            problems += exc.problems
            continue
        if not layout.print:
            problems.append(Problem("release.yaml", "layouts",
                                    f"layout '{name}' names no print profile: add "
                                    f"print: [...] to layouts/{name}.yaml"))
        out.append((name, list(layout.print)))
    if problems:
        raise MonrecapError(problems)
    return out


def job_key(root: Path, job: Job, carnet=None, fingerprint: str | None = None) -> str:
    """What a job depends on: the toolkit, and every file that feeds it."""
    carnet = carnet or load_version(root, job.version, job.variant)
    files = set(carnet.files) | set(carnet.templates)
    files.add(f"layouts/{job.layout or carnet.layout}.yaml")
    files.add(f"layouts/print/{job.profile}.yaml")
    files.update(str(p.relative_to(root.resolve())) for p in _assets(carnet))
    # The repository's fonts; the toolkit's shipped files count in its fingerprint.
    files.update(p.relative_to(root).as_posix() for p in (root / "fonts").rglob("*")
                 if p.is_file())
    digest = hashlib.sha256((fingerprint or toolkit_fingerprint()).encode())
    for name in sorted(files):
        digest.update(name.encode())
        digest.update(sha256(recorded_file(root, name).read_bytes()).encode())
    return digest.hexdigest()


def _assets(carnet) -> set[Path]:
    found = set()
    for page in carnet.pages:
        stack = [page]
        while stack:
            item = stack.pop()
            for value in getattr(item, "__dict__", {}).values():
                if isinstance(value, Path):
                    found.add(value.resolve())
                elif isinstance(value, list):
                    stack += [v for v in value if hasattr(v, "__dict__")]
    return found



def _reusable(out: Path, job: Job, key: str, manifest: dict) -> list[dict] | None:
    """The job's files from the previous release, when its key matches and every file is
    still what the manifest says."""
    folder = out / job.name
    try:
        ticket = json.loads((folder / "ticket.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if ticket.get("job_key") != key:
        return None
    previous = next((j for j in manifest.get("jobs", []) if j["name"] == job.name), None)
    if previous is None:
        return None
    for entry in previous["files"]:
        path = out / entry["path"]
        if not path.is_file() or sha256(path.read_bytes()) != entry["sha256"]:
            return None
    return previous["files"]


def _ticket_record(path: Path) -> dict:
    """What the manifest repeats of a job's ticket: its preflight, the lint rules its version
    lowered and the residual risks it accepted."""
    ticket = json.loads(path.read_text(encoding="utf-8"))
    return {"preflight": ticket["preflight"], "lint_lowered": ticket.get("lint_lowered", []),
            **_accepted(ticket.get("risk_accepted", {}))}


def _refuse_lint_errors(root: Path, jobs: list[Job], carnets: dict) -> None:
    """Every carnet on every layout of the release, linted: any error stops the release
    before anything is built, each at its line with its fix (a version may lower a rule
    with a reason, never a sensitive-data one)."""
    from monrecap.layout import load_layout
    from monrecap.lint.gate import REFUSED, lint_for_build, release_problems

    findings = {}
    for version, variant, layout in dict.fromkeys(job.group for job in jobs):
        carnet = carnets[(version, variant)]
        label = version + (f" ({variant})" if variant else "") + (f" on {layout}" if layout
                                                                 else "")
        findings[label] = lint_for_build(root, carnet,
                                         load_layout(root, layout or carnet.layout)).findings
    problems = release_problems(findings)
    if problems:
        raise ContentError(problems + [Problem("", "", REFUSED)])


def source_tree_hash(root: Path) -> str:
    digest = hashlib.sha256()
    for folder in TREE:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    for name in ("release.yaml",):
        if (root / name).is_file():
            digest.update((root / name).read_bytes())
    return digest.hexdigest()


def make_release(root: Path, out: Path | None = None, all_versions: bool = False,
                 workers: int | None = None, keep_going: bool = False,
                 progress=lambda job, status: None,
                 on_plan=lambda jobs: None, version: str | None = None,
                 known_evidence=None, notes=lambda line: None,
                 shard: tuple[int, int] | None = None) -> list[JobResult]:
    """Build every job into ``out`` (dist/release), reusing unchanged ones, then write
    manifest.json. The first failure stops the release unless ``keep_going``. ``version``
    releases that version (with the editions release.yaml names) instead of release.yaml's.
    ``on_plan`` hears the jobs to make first; ``progress`` hears each job's status as it
    changes (building, built, reused).
    ``known_evidence`` (the ids of each kind of evidence, as for ``build``): every
    ``evidence:`` a released carnet's changelog cites must exist, checked before anything is
    built. A carnet with lint errors is refused before anything is built (``lint/gate.py``),
    and one whose residual risk on a field is « maximale » without a decision
    (``risk/gate.py``); ``notes`` hears what the versions' and editions' files removed from
    their parents' lists.

    ``shard`` = (K, N) makes only the K-th of N shares of the plan (``shard.assign``: whole
    build groups), checked and gated like a whole release but only for its own carnets,
    into ``out`` (default dist/release-shard-K-of-N) with shard.json instead of
    manifest.json; ``release merge`` combines the N folders (``release/shardmerge.py``)."""
    from monrecap.release.shard import SHARD_FILE, assign

    if shard is not None and out is None:
        out = root / "dist" / f"release-shard-{shard[0]}-of-{shard[1]}"
    out = out or root / "dist" / "release"
    _refuse_other_kind(out, shard)
    carnets: dict = {}
    released: dict = {}
    plan = plan_jobs(root, all_versions, None if shard else carnets, version, released)
    share = assign(plan, shard[1]) if shard else {}
    jobs = [job for job in plan if not shard or share[job.group] == shard[0]]
    for key in dict.fromkeys(job.carnet for job in jobs):  # a shard keeps its own carnets
        if key not in carnets:
            carnets[key] = load_version(root, *key)
    if known_evidence is not None:
        from monrecap.build import check_evidence

        problems = []
        for carnet in dict.fromkeys(job.carnet for job in jobs):
            try:
                check_evidence(root, carnets[carnet], known_evidence)
            except MonrecapError as exc:
                problems += [p for p in exc.problems if p not in problems]
        if problems:
            raise ContentError(problems)
    _refuse_lint_errors(root, jobs, carnets)
    from monrecap.risk.gate import release_gate

    release_gate(root, {c: carnets[c] for c in dict.fromkeys(job.carnet for job in jobs)})
    said = []  # an edition inherits its version's warnings and notes: each said once
    for carnet in dict.fromkeys(job.carnet for job in jobs):
        said += [f"warning: {problem}" for problem in carnets[carnet].merge_warnings]
        said += [f"note: {problem}" for problem in carnets[carnet].removals]
    for line in dict.fromkeys(said):
        notes(line)
    out.mkdir(parents=True, exist_ok=True)  # only once the release is known to be sound
    from monrecap.locking import exclusive

    # One release at a time into one folder; the lock beside it, so that the folder holds
    # only what the print shop receives.
    with exclusive(out.with_name(f".{out.name}.lock"), "release"):
        _refuse_other_kind(out, shard)  # again, under the lock
        name = SHARD_FILE if shard else "manifest.json"
        try:
            previous = json.loads((out / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            previous = {}
        results = _release_jobs(root, out, jobs, carnets, workers, keep_going, progress,
                                on_plan, previous)
        head = manifest_head(root, plan, released)
        entries = [manifest_entry(out, r, carnets) for r in results]
        if shard:
            from monrecap.release.shard import shard_record

            write_atomic(out / SHARD_FILE, shard_record(*shard, head, plan, share, entries))
        else:
            write_atomic(out / "manifest.json", manifest_bytes(head, entries))
        return results


def _refuse_other_kind(out: Path, shard: tuple[int, int] | None) -> None:
    """A folder holds a whole release (manifest.json) or one shard (shard.json), never both:
    a file of the other kind left there would describe other jobs than the folder holds."""
    from monrecap.release.shard import SHARD_FILE

    if shard and (out / "manifest.json").exists():
        raise UsageError(f"{out} holds a whole release (manifest.json): give the shard a "
                         f"folder of its own (--out), or leave --out out "
                         f"(dist/release-shard-{shard[0]}-of-{shard[1]})")
    if not shard and (out / SHARD_FILE).exists():
        raise UsageError(f"{out} holds one shard of a release ({SHARD_FILE}): release into "
                         f"another folder, or combine the shards with `monrecap release "
                         f"merge`")


def manifest_head(root: Path, plan: list[Job], released: dict) -> dict:
    """What manifest.json says of the whole release: the toolkit, the sources, the date
    (``released``: each carnet's release day)."""
    return {"tool": {"name": "monrecap", "version": __version__,
                     "toolkit": toolkit_fingerprint()},
            "source_tree": source_tree_hash(root),
            # The newest release day among the jobs: from the sources, not the clock.
            "date": max((released[job.carnet] for job in plan),
                        default=dt.date(1980, 1, 1)).isoformat()}


def manifest_entry(out: Path, result: JobResult, carnets: dict) -> dict:
    """One job's entry of manifest.json (and of a shard's shard.json)."""
    job = result.job
    return {"name": job.name, "version": job.version, "variant": job.variant,
            "layout": job.layout, "profile": job.profile, "files": result.files,
            **_ticket_record(out / job.name / "ticket.json"),
            "removed": [str(p) for p in carnets[job.carnet].removals]}


def manifest_bytes(head: dict, entries: list[dict]) -> bytes:
    """manifest.json, the same bytes whether one machine or N shards made the jobs."""
    return (json.dumps({**head, "jobs": entries}, ensure_ascii=False, indent=1)
            + "\n").encode()


def _workers_context():
    """Workers forked from a fresh server process rather than from this one: a release
    plans every carnet of the repository first, and workers forked from here would start
    with all of it in their memory (a 300-edition repository: 37 MB more a worker)."""
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return None
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["monrecap.release.assemble"])
    return context


def _release_jobs(root: Path, out: Path, jobs: list[Job], carnets: dict,
                  workers: int | None, keep_going: bool, progress, on_plan,
                  previous: dict) -> list[JobResult]:
    """Build what is not reusable (``previous``: the folder's last manifest or shard
    record); the caller holds the lock on ``out``."""
    on_plan(jobs)
    fingerprint = toolkit_fingerprint()
    keys = {job: job_key(root, job, carnets[job.carnet], fingerprint) for job in jobs}
    results: dict[Job, JobResult] = {}
    todo: dict[tuple, list[Job]] = {}
    for job in jobs:
        files = _reusable(out, job, keys[job], previous)
        if files is not None:
            results[job] = JobResult(job, "reused", files)
            progress(job, "reused")
        else:
            todo.setdefault(job.group, []).append(job)
    failures: list[Problem] = []
    if todo:
        with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1,
                                 mp_context=_workers_context()) as pool:
            # The biggest groups first: two workers finish together.
            groups = sorted(todo, key=lambda g: -len(todo[g]))
            futures = {pool.submit(_build_group, str(root), v, var, lay,
                                   [(j.profile, keys[j]) for j in todo[(v, var, lay)]],
                                   str(out)):
                       (v, var, lay) for v, var, lay in groups}
            # The pool takes groups in order, one per free worker: say when each starts.
            waiting = list(groups)
            slots = min(workers or os.cpu_count() or 1, len(waiting))
            for group in waiting[:slots]:
                for job in todo[group]:
                    progress(job, "building")
            waiting = waiting[slots:]
            pending = set(futures)
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                # In the order the pool took them: two that ended together are said in order.
                for future in sorted(done, key=lambda f: groups.index(futures[f])):
                    group = futures[future]
                    try:
                        built = future.result()
                    except MonrecapError as exc:
                        label = group[0] + (f" ({group[1]})" if group[1] else "") + \
                            (f" on {group[2]}" if group[2] else "")
                        failures += [Problem(p.where, p.path, f"{p.message} [{label}]")
                                     for p in exc.problems]
                        if not keep_going:
                            for other in pending:
                                other.cancel()
                            pending, waiting = set(), []
                    else:
                        for job in todo[group]:
                            results[job] = JobResult(job, "built", built[job.name])
                            progress(job, "built")
                    # The worker it freed has taken the next group.
                    if waiting:
                        for job in todo[waiting.pop(0)]:
                            progress(job, "building")
    if failures:
        raise ReleaseFailed(failures)
    return [results[job] for job in jobs]
