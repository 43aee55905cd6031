"""`monrecap release`: reproducible to the byte, incremental, and whole or nothing per job."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import pytest
from PIL import Image

from conftest import BASE, make_repo, run_cli

CHANGELOG = "changelog:\n  - change: Un changement.\n    finding: Un test.\n"


def _variant(name: str, sponsor: str, extra: str = "") -> str:
    return (f"variant: {name}\ndescription: Édition {name}\noffer: payante\n"
            f"variables:\n  sponsor: \"{sponsor}\"\n{extra}")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = make_repo(tmp_path / "repo", {
        "v0": BASE.read_text(encoding="utf-8"),
        "v1": "version: v1\nextends: v0\nprint: [bureau-a4]\n" + CHANGELOG
              + "variables:\n  sponsor: Avec le soutien de l'exemple\n"
              + "pages:\n  - id: couverture\n    band: \"{{ sponsor }}\"\n"})
    variants = root / "versions" / "v1" / "variants"
    variants.mkdir()
    (variants / "nord.yaml").write_text(_variant("nord", "Cofinancé par le Nord"))
    (variants / "sud.yaml").write_text(_variant("sud", "Cofinancé par le Sud"))
    (root / "release.yaml").write_text("versions: [v1]\nvariants: all\n")
    return root


def release(repo: Path, out: Path, *args: str):
    return run_cli("release", "--out", str(out), "--root", str(repo), *args)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_releases_are_byte_identical(repo: Path, tmp_path: Path) -> None:
    first = release(repo, tmp_path / "a")
    second = release(repo, tmp_path / "b", "--workers", "1")
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    a, b = snapshot(tmp_path / "a"), snapshot(tmp_path / "b")
    assert sorted(a) == sorted(b)
    assert a == b
    assert sorted(k for k in a if k.endswith(".zip")) == [
        "v1-bureau-a4.zip", "v1-nord-bureau-a4.zip", "v1-sud-bureau-a4.zip"]
    job = {k.split("/", 1)[1] for k in a if k.startswith("v1-nord-bureau-a4/")}
    assert job == {"monrecap-v1-nord.pdf", "monrecap-v1-nord-bureau-a4.pdf", "proof.png",
                   "ticket.json", "ticket.pdf"}
    manifest = json.loads(a["manifest.json"])
    assert all(f["sha256"] and f["bytes"] for j in manifest["jobs"] for f in j["files"])
    text = a["manifest.json"].decode() + a["v1-bureau-a4/ticket.json"].decode()
    assert str(tmp_path) not in text and "/tmp" not in text


def test_only_changed_jobs_are_rebuilt(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert release(repo, out).returncode == 0
    (repo / "versions/v1/variants/sud.yaml").write_text(
        _variant("sud", "Cofinancé par le Grand Sud"))
    again = release(repo, out)
    assert again.returncode == 0, again.stderr
    lines = sorted(l for l in again.stderr.splitlines() if l.startswith(("built", "reused")))
    assert lines == ["built v1-sud-bureau-a4", "reused v1-bureau-a4",
                     "reused v1-nord-bureau-a4"]


def test_preflight_error_stops_the_release(repo: Path, tmp_path: Path) -> None:
    """An edition whose pictogram carries an RGB photo: the release names the rule and the
    page, and leaves no half-written job."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (220, 40, 40)).save(buffer, "PNG")
    uri = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    (repo / "pictograms" / "photo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="24" height="24" viewBox="0 0 24 24"><path d="M2 2h20v20H2z" fill="none" '
        f'stroke="#000" stroke-width="2"/><image x="4" y="4" width="16" height="16" '
        f'xlink:href="{uri}"/></svg>')
    (repo / "versions/v1/variants/sud.yaml").write_text(_variant(
        "sud", "Cofinancé par le Sud",
        "pages:\n  - id: couverture\n    picto: pictograms/photo.svg\n"))
    out = tmp_path / "out"
    result = release(repo, out, "--workers", "1")
    assert result.returncode == 2
    errors = [l for l in result.stderr.splitlines() if l.startswith("error:")]
    assert errors[0] == ("error: monrecap-v1-sud.pdf:page 1: colour.rgb: RGB colour used "
                         "(DeviceRGB) (print output is CMYK (or gray, or a spot colour) only; "
                         "convert images too) [v1 (sud)]")
    assert all(":page 1: " in l and l.endswith("[v1 (sud)]") for l in errors)
    assert not (out / "v1-sud-bureau-a4").exists() and not (out / "v1-sud-bureau-a4.zip").exists()
    assert not [p for p in out.iterdir() if p.name.startswith(".staging")]


def test_keep_going_collects_every_failure(repo: Path, tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (220, 40, 40)).save(buffer, "PNG")
    uri = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    (repo / "pictograms" / "photo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="24" height="24" viewBox="0 0 24 24"><image x="0" y="0" width="24" '
        f'height="24" xlink:href="{uri}"/></svg>')
    broken = "pages:\n  - id: couverture\n    picto: pictograms/photo.svg\n"
    for name in ("nord", "sud"):
        (repo / f"versions/v1/variants/{name}.yaml").write_text(
            _variant(name, f"Cofinancé par le {name}", broken))
    out = tmp_path / "out"
    result = release(repo, out, "--keep-going", "--workers", "1")
    assert result.returncode == 2
    failed = {l.rsplit("[", 1)[1] for l in result.stderr.splitlines() if l.startswith("error:")}
    assert failed == {"v1 (nord)]", "v1 (sud)]"}
    assert (out / "v1-bureau-a4.zip").is_file()  # the healthy job was still built
    assert not (out / "manifest.json").exists()  # no manifest for a failed release


def test_evidence_missing_from_the_store_stops_the_release(repo: Path, tmp_path: Path) -> None:
    """As `build` does: a changelog citing feedback the store does not hold is an error at
    the id's line, before anything is built."""
    v1 = repo / "versions" / "v1" / "carnet.yaml"
    v1.write_text(v1.read_text(encoding="utf-8").replace(
        CHANGELOG, CHANGELOG.rstrip("\n") + "\n    evidence: [fb-2026-0042]\n"), encoding="utf-8")
    out = tmp_path / "out"
    result = release(repo, out)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines()[-1] == (
        "error: versions/v1/carnet.yaml:7:16: changelog -> 0 -> evidence -> 0: fb-2026-0042 "
        "is not in the feedback store (feedback/*.jsonl)")
    assert not out.exists()


def test_release_yaml_layouts_add_the_large_print_edition(repo: Path, tmp_path: Path) -> None:
    (repo / "release.yaml").write_text("versions: [v1]\nvariants: [nord]\nlayouts: [a5]\n")
    out = tmp_path / "out"
    result = release(repo, out, "--json", "--workers", "1")
    assert result.returncode == 0, result.stderr
    jobs = json.loads(result.stdout)["jobs"]
    assert [(j["name"], j["layout"]) for j in jobs] == [
        ("v1-bureau-a4", None), ("v1-a5-atelier-sra4-a5", "a5"),
        ("v1-nord-bureau-a4", None), ("v1-nord-a5-atelier-sra4-a5", "a5")]
    ticket = json.loads((out / "v1-nord-a5-atelier-sra4-a5" / "ticket.json").read_text())
    assert (ticket["layout"], ticket["trim_mm"], ticket["edition"]) == ("a5", [148, 210], "nord")
    assert sorted(p.name for p in (out / "v1-a5-atelier-sra4-a5").iterdir()) == [
        "monrecap-v1-a5-atelier-sra4-a5.pdf", "monrecap-v1-a5.pdf", "proof.png",
        "ticket.json", "ticket.pdf"]


def test_release_yaml_layouts_must_exist_and_name_print_profiles(repo: Path,
                                                                 tmp_path: Path) -> None:
    (repo / "release.yaml").write_text("versions: [v1]\nlayouts: [a7, a6-poche-2024]\n")
    result = release(repo, tmp_path / "out")
    assert result.returncode == 2
    assert not (tmp_path / "out").exists()
    assert result.stderr.splitlines() == [
        "error: release.yaml: layouts: unknown layout 'a7'; known layouts: a5, a5-prototype, "
        "a6-poche, a6-poche-2024",
        "error: release.yaml: layouts: layout 'a6-poche-2024' names no print profile: add "
        "print: [...] to layouts/a6-poche-2024.yaml"]


def test_progress_is_said_as_each_job_ends(repo: Path, tmp_path: Path) -> None:
    """Each job is reported when it ends, then the next one is announced, as a worker takes
    it; not every report at the end of the release (which also announced out of order)."""
    from monrecap.release import make_release

    out = tmp_path / "out"
    events: list[tuple[str, str]] = []
    last_done_at_first_report: list[bool] = []

    def progress(job, status: str) -> None:
        if status == "built" and not last_done_at_first_report:
            # One worker: the last job cannot be done unless two whole builds ran unreported.
            last_done_at_first_report.append((out / "v1-sud-bureau-a4.zip").exists())
        events.append((status, job.name))

    make_release(repo, out, workers=1, progress=progress)
    assert last_done_at_first_report == [False]
    assert events == [(status, name) for name in ("v1-bureau-a4", "v1-nord-bureau-a4",
                                                  "v1-sud-bureau-a4")
                      for status in ("building", "built")]
