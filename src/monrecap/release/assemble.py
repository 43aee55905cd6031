"""One build group in a worker: a carnet built on one layout, then each of its print
profiles' job folder (page PDF, imposed PDF, proof, ticket) and deterministic zip."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
import zipfile
from pathlib import Path

from monrecap.content import load_version
from monrecap.files import sha256, write_atomic
from monrecap.release.jobs import Job
from monrecap.units import to_mm


def _build_group(root: str, version: str, variant: str | None, layout: str | None,
                 jobs: list[tuple[str, str]], out: str) -> dict[str, list[dict]]:
    """In a worker: build one version or edition (on ``layout``, or its own) with its
    profiles, then write each job's folder and zip. Returns each job's file listing."""
    from monrecap.build import build_version

    tmp = Path(tempfile.mkdtemp(prefix="monrecap-release-"))
    try:
        result = build_version(Path(root), version, tmp, layout_name=layout, variant=variant)
        group = {"pdf": str(result.pdf), "manifest": str(result.manifest),
                 "imposed": [str(p) for p in result.imposed]}
        return {Job(version, variant, profile, layout).name:
                _assemble(Path(root), Job(version, variant, profile, layout), group,
                          Path(out), key)
                for profile, key in jobs}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _zip_time(released: str) -> tuple[int, ...]:
    """The version's release day, midnight: a date from the sources, never from the clock,
    the time zone or the environment (zip cannot date before 1980)."""
    day = max(dt.date.fromisoformat(released), dt.date(1980, 1, 1))
    return (day.year, day.month, day.day, 0, 0, 0)


def _zip(folder: Path, target: Path, released: str) -> None:
    """A deterministic zip: sorted entries, the version's release date, fixed permissions
    (0644, whatever the umask gave the files on disk)."""
    when = _zip_time(released)
    buffer = tempfile.SpooledTemporaryFile()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir(), key=lambda p: p.name.encode()):
            info = zipfile.ZipInfo(f"{folder.name}/{path.name}", date_time=when)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            archive.writestr(info, path.read_bytes())
    buffer.seek(0)
    write_atomic(target, buffer.read())


def _assemble(root: Path, job: Job, group: dict, out: Path, key: str) -> list[dict]:
    """Write one job folder (staged, then renamed into place) and its zip."""
    from monrecap.fonts import load_fontset
    from monrecap.impose import load_profile
    from monrecap.layout import load_layout
    from monrecap.lint import LintFinding
    from monrecap.lint.gate import lowered_rules
    from monrecap.release.proof import proof_png
    from monrecap.release.ticket import render_ticket

    manifest = json.loads(Path(group["manifest"]).read_text(encoding="utf-8"))
    page_pdf = Path(group["pdf"]).read_bytes()
    imposed_path = next(Path(p) for p in group["imposed"] if p.endswith(f"-{job.profile}.pdf"))
    imposed_entry = next(e for e in manifest["imposed"] if e["profile"] == job.profile)
    profile = load_profile(root, job.profile)
    layout = load_layout(root, manifest["layout"]["name"])
    lowered = lowered_rules([LintFinding(**f) for f in manifest["lint"]])
    trim = manifest["layout"]["trim_mm"]
    pages = manifest["page_count"]
    copies = profile.copies or 1
    lot = f"{job.version.upper()}-{manifest['released'][:7].replace('-', '')}-" \
          f"{manifest['pdf']['sha256'][:6].upper()}"
    ticket = {
        "job": job.name, "job_key": key, "product": manifest["title"],
        "version": job.version, "edition": (manifest.get("variant") or {}).get("name"),
        "edition_description": (manifest.get("variant") or {}).get("description"),
        "layout": layout.name,
        "trim_mm": trim, "pages": pages, "profile": job.profile,
        "sheet_mm": [round(to_mm(v)) for v in profile.sheet],
        "sheets_per_copy": imposed_entry["sheets"] if profile.scheme != "nup" else 1,
        "copies_per_sheet_side": copies, "paper": profile.paper,
        "finishing": profile.finishing, "lot": lot,
        "page_pdf_sha256": manifest["pdf"]["sha256"],
        "preflight": {"errors": sum(f["severity"] == "error" for f in manifest["preflight"]),
                      "warnings": sum(f["severity"] == "warning" for f in manifest["preflight"])},
        "lint_lowered": [r.as_dict() for r in lowered],
        **_accepted(_decisions(root, job)),
    }
    rows = [("Produit", manifest["title"]), ("Version", job.version),
            ("Édition", ticket["edition"] or "de base"),
            ("Mise en page", layout.description or layout.name),
            ("Format fini", f"{trim[0]:.0f} × {trim[1]:.0f} mm"),
            ("Pages", str(pages)), ("Profil", job.profile),
            ("Feuille", f"{ticket['sheet_mm'][0]} × {ticket['sheet_mm'][1]} mm"),
            ("Feuilles par carnet", str(ticket["sheets_per_copy"])),
            ("Poses par face", str(copies)), ("Papier", profile.paper or "—"),
            ("Façonnage", profile.finishing or "—"), ("Code de lot", lot),
            ("Empreinte du PDF", manifest["pdf"]["sha256"][:16])]
    rows += [(f"Règle abaissée : {r.rule}", r.reason) for r in lowered]
    rows += [("Risque accepté", reason) for reason in ticket.get("risk_accepted", {}).values()]
    fonts = load_fontset(layout.fonts.regular, layout.fonts.bold)
    stage = out / f".staging-{job.name}"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    try:
        (stage / Path(group["pdf"]).name).write_bytes(page_pdf)
        (stage / imposed_path.name).write_bytes(imposed_path.read_bytes())
        (stage / "proof.png").write_bytes(proof_png(page_pdf))
        (stage / "ticket.json").write_text(json.dumps(ticket, ensure_ascii=False, indent=1)
                                           + "\n", encoding="utf-8")
        (stage / "ticket.pdf").write_bytes(render_ticket(
            rows, f"Fiche de fabrication — {job.name}", fonts,
            dt.date.fromisoformat(manifest["released"])))
        final = out / job.name
        shutil.rmtree(final, ignore_errors=True)
        stage.rename(final)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    _zip(final, out / f"{job.name}.zip", manifest["released"])
    return _listing(out, final)


def _decisions(root: Path, job: Job) -> dict[str, str]:
    """The residual risks the job's version accepts (risk/gate.py), for its ticket."""
    from monrecap.risk.gate import decisions

    return decisions(load_version(root, job.version, job.variant))


def _accepted(found: dict[str, str]) -> dict:
    """``risk_accepted`` for a ticket or a manifest entry, only when the version has some (the
    files of every other release stay as they were)."""
    return {"risk_accepted": found} if found else {}


def _listing(out: Path, folder: Path) -> list[dict]:
    entries = [p for p in sorted(folder.iterdir())] + [out / f"{folder.name}.zip"]
    return [{"path": p.relative_to(out).as_posix(), "bytes": p.stat().st_size,
             "sha256": sha256(p.read_bytes())} for p in entries]
