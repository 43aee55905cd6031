"""`release --shard K/N` on separate processes, then `release merge`: the same bytes as one
release on one machine; every way shards can fail to make one release is refused, naming the
shard, with nothing written."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BASE, ROOT, make_repo, run_cli
from tests.release.test_release import CHANGELOG, _variant, snapshot


def _repo(tmp: Path) -> Path:
    root = make_repo(tmp, {
        "v0": BASE.read_text(encoding="utf-8"),
        "v1": "version: v1\nextends: v0\nprint: [bureau-a4]\n" + CHANGELOG
              + "variables:\n  sponsor: Avec le soutien de l'exemple\n"
              + "pages:\n  - id: couverture\n    band: \"{{ sponsor }}\"\n"})
    variants = root / "versions" / "v1" / "variants"
    variants.mkdir()
    for name in ("nord", "sud", "est"):
        (variants / f"{name}.yaml").write_text(_variant(name, f"Cofinancé par le {name}"))
    (root / "release.yaml").write_text("versions: [v1]\nvariants: all\nshards: 3\n")
    return root


def _shard(repo: Path, part: str, out: Path) -> subprocess.Popen:
    """One shard in its own process, as one machine of a CI matrix runs it."""
    return subprocess.Popen([sys.executable, "-m", "monrecap", "release", "--shard", part,
                             "--workers", "1", "--out", str(out), "--root", str(repo)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "MONRECAP_LOCK_TIMEOUT": "0"})


@pytest.fixture(scope="session")
def released(tmp_path_factory) -> dict[str, Path]:
    """The release made once whole and once as two shards (two processes at once), once
    for the test run: the parallel test workers share it (the first one makes it, under a
    lock, the others wait for it)."""
    from monrecap.locking import exclusive

    run_id = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    tmp = (tmp_path_factory.getbasetemp().parent / f"shards-{run_id}" if run_id
           else tmp_path_factory.mktemp("shards"))
    paths = {"repo": tmp / "repo", "whole": tmp / "whole", "s1": tmp / "s1", "s2": tmp / "s2",
             "tmp": tmp}
    with exclusive(tmp.with_name(tmp.name + ".lock"), "tests"):
        if (tmp / "done").exists():
            return paths
        repo = _repo(tmp / "repo")
        whole = run_cli("release", "--out", str(tmp / "whole"), "--workers", "1",
                        "--root", str(repo))
        assert whole.returncode == 0, whole.stderr
        runs = [_shard(repo, f"{k}/2", tmp / f"s{k}") for k in (1, 2)]
        for run in runs:
            _, err = run.communicate(timeout=300)
            assert run.returncode == 0, err
        (tmp / "done").touch()
    return paths


def merge(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return run_cli("release", "merge", *args, cwd=cwd)


def test_merged_shards_are_the_release_byte_for_byte(released, tmp_path: Path) -> None:
    shards = [json.loads((released[s] / "shard.json").read_text()) for s in ("s1", "s2")]
    # Whole carnets, balanced: 4 one-job groups make 2 + 2, each job in one shard only.
    mine = [[j["name"] for j in s["jobs"]] for s in shards]
    assert sorted(len(m) for m in mine) == [2, 2] and not set(mine[0]) & set(mine[1])
    assert shards[0]["plan"] == shards[1]["plan"]
    # Given in any order, from an unrelated folder.
    result = merge(str(released["s2"]), str(released["s1"]), "--out", str(tmp_path / "m"),
                   cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"merged 2 shards: 4 jobs into {tmp_path / 'm'}\n"
    whole, merged = snapshot(released["whole"]), snapshot(tmp_path / "m")
    assert (merged["manifest.json"] == whole["manifest.json"]
            and json.loads(whole["manifest.json"])["jobs"])
    assert merged == whole


def test_a_shard_is_a_folder_of_its_own(released, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(released["whole"], out)
    result = run_cli("release", "--shard", "1/2", "--out", str(out), "--root",
                     str(released["repo"]))
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {out} holds a whole release (manifest.json): "
                                    "give the shard a folder of its own")
    into_shard = run_cli("release", "--out", str(released["s1"]), "--root",
                         str(released["repo"]))
    assert into_shard.returncode == 2 and "holds one shard of a release" in into_shard.stderr


def test_the_matrix_comes_from_release_yaml(released) -> None:
    result = run_cli("release", "--matrix", "--root", str(released["repo"]))
    assert (result.returncode, result.stdout) == (0, '["1/3", "2/3", "3/3"]\n')


@pytest.mark.parametrize("part, message", [
    ("3/2", "--shard 3/2: K must be between 1 and N (2), e.g. 1/2"),
    ("2", "--shard 2: write K/N, the K-th of N shards, e.g. 1/4"),
    ("0/0", "--shard 0/0: N must be between 1 and 256")])
def test_a_bad_shard_is_a_usage_error(released, part: str, message: str) -> None:
    result = run_cli("release", "--shard", part, "--root", str(released["repo"]))
    assert (result.returncode, result.stderr) == (2, f"error: {message}\n")


def _copy(released, tmp: Path, *names: str) -> list[Path]:
    out = []
    for name in names:
        shutil.copytree(released[name.rstrip("'")], tmp / name)
        out.append(tmp / name)
    return out


def _refused(result, out: Path) -> list[str]:
    assert result.returncode == 2, result.stderr
    assert not out.exists()  # nothing written
    return result.stderr.splitlines()


def test_a_missing_shard_is_named(released, tmp_path: Path) -> None:
    out = tmp_path / "m"
    s1 = json.loads((released["s1"] / "shard.json").read_text())
    absent = sorted(e["job"] for e in s1["plan"] if e["shard"] == 2)
    lines = _refused(merge(str(released["s1"]), "--out", str(out)), out)
    assert lines == [f"error: shard 2/2: missing: none of the folders given holds it "
                     f"(2 jobs: {', '.join(absent)})"]


def test_a_shard_given_twice_is_named(released, tmp_path: Path) -> None:
    s1, again = _copy(released, tmp_path, "s1", "s1'")
    out = tmp_path / "m"
    lines = _refused(merge(str(s1), str(released["s2"]), str(again), "--out", str(out)), out)
    assert lines == [f"error: {again} (shard 1/2): given twice: {s1} is shard 1/2 too"]


def test_a_duplicated_or_missing_job_is_named(released, tmp_path: Path) -> None:
    s1, s2 = _copy(released, tmp_path, "s1", "s2")
    one, two = (json.loads((s / "shard.json").read_text()) for s in (s1, s2))
    moved = two["jobs"].pop()
    one["jobs"].append(moved)  # a job of shard 2 also in shard 1, and gone from shard 2
    for name in [f["path"] for f in moved["files"]]:
        target = s1 / name
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(released["s2"] / name, target)
    for folder, record in ((s1, one), (s2, two)):
        (folder / "shard.json").write_text(json.dumps(record))
    out = tmp_path / "m"
    lines = _refused(merge(str(s1), str(s2), "--out", str(out)), out)
    assert lines == [
        f"error: {s1} (shard 1/2): {moved['name']}: duplicated: the plan gives it to shard 2/2",
        f"error: {s2} (shard 2/2): incomplete: 1 job: {moved['name']} of this shard "
        "missing (a failed or interrupted shard: run it again)"]


def test_a_damaged_file_is_named(released, tmp_path: Path) -> None:
    s1, = _copy(released, tmp_path, "s1")
    record = json.loads((s1 / "shard.json").read_text())
    proof = f"{record['jobs'][0]['name']}/proof.png"
    (s1 / proof).write_bytes(b"not a picture")
    zipped = f"{record['jobs'][1]['name']}.zip"
    (s1 / zipped).unlink()
    out = tmp_path / "m"
    lines = _refused(merge(str(s1), str(released["s2"]), "--out", str(out)), out)
    assert lines == [f"error: {s1} (shard 1/2): {proof}: not the file shard.json records "
                     "(changed or damaged since)",
                     f"error: {s1} (shard 1/2): {zipped}: missing"]


def test_shards_of_two_toolkits_are_refused(released, tmp_path: Path) -> None:
    s1, = _copy(released, tmp_path, "s1")
    record = json.loads((s1 / "shard.json").read_text())
    mine = record["manifest"]["tool"]["toolkit"]
    record["manifest"]["tool"]["toolkit"] = "0123456789abcdef"
    (s1 / "shard.json").write_text(json.dumps(record))
    out = tmp_path / "m"
    lines = _refused(merge(str(released["s2"]), str(s1), "--out", str(out)), out)
    version = record["manifest"]["tool"]["version"]
    assert lines == [f"error: {s1} (shard 1/2): made by another toolkit (monrecap {version}, "
                     f"toolkit 0123456789abcdef) than {released['s2']} (shard 2/2) "
                     f"(monrecap {version}, toolkit {mine}): shards of one release only"]


def test_shards_of_two_source_trees_or_of_another_n_are_refused(released,
                                                                tmp_path: Path) -> None:
    """Real shards: one made after an edition changed, one of a release cut in three."""
    repo = released["repo"]
    other = tmp_path / "repo"
    shutil.copytree(repo, other, ignore=shutil.ignore_patterns("dist"))
    (other / "versions/v1/variants/sud.yaml").write_text(
        _variant("sud", "Cofinancé par le Grand Sud"))
    runs = [_shard(other, "2/2", tmp_path / "edited"), _shard(repo, "3/3", tmp_path / "third")]
    for run in runs:
        assert run.wait(timeout=300) == 0, run.stderr.read()
    out = tmp_path / "m"
    lines = _refused(merge(str(released["s1"]), str(tmp_path / "edited"), str(tmp_path / "third"),
                           "--out", str(out)), out)
    assert len(lines) == 2
    assert lines[0].startswith(f"error: {tmp_path / 'edited'} (shard 2/2): released from other "
                               f"sources (source tree ")
    assert lines[1] == (f"error: {tmp_path / 'third'} (shard 3/3): one of another number of "
                        f"shards (3) than {released['s1']} (shard 1/2) (2): shards of one "
                        "release only")


def test_not_a_shard(released, tmp_path: Path) -> None:
    out = tmp_path / "m"
    lines = _refused(merge(str(released["whole"]), "--out", str(out)), out)
    assert lines == [f"error: {released['whole']}: not a release shard: no shard.json (it "
                     "holds a whole release: manifest.json); `monrecap release --shard K/N` "
                     "makes one"]


def test_merge_is_one_of_the_release_commands(released) -> None:
    """`release merge` parses as its own command beside `release [VERSION]`, and says so."""
    helped = run_cli("release", "--help", env={"COLUMNS": "200"})
    assert "monrecap release merge DIR…" in helped.stdout
    merge_help = run_cli("release", "merge", "--help", env={"COLUMNS": "200"})
    assert "monrecap release merge [OPTIONS] {DIR}..." in merge_help.stdout
    bare = run_cli("release", "merge")
    assert bare.returncode == 2 and "Missing argument" in bare.stderr


def test_the_workflow_runs_the_release_as_a_matrix_of_shards() -> None:
    """GitHub Actions cannot run here: its structure is checked instead. N lives in
    release.yaml only; a plan job turns it into the matrix; a merge job uploads the result."""
    import yaml

    flow = yaml.safe_load((ROOT / ".github/workflows/print-artifacts.yml").read_text())
    jobs = flow["jobs"]
    steps = {name: [s.get("run", "") for s in job["steps"]] for name, job in jobs.items()}
    assert any("make test" in run for run in steps["test"])
    plan = jobs["plan"]
    assert plan["outputs"]["shards"] == "${{ steps.matrix.outputs.shards }}"
    assert any("monrecap release --matrix" in run and "$GITHUB_OUTPUT" in run
               for run in steps["plan"])
    release = jobs["release"]
    assert set(release["needs"]) == {"test", "plan"}
    assert release["strategy"]["matrix"] == {
        "shard": "${{ fromJSON(needs.plan.outputs.shards) }}"}
    assert any('release --shard "${{ matrix.shard }}" --out dist/shard' in run
               for run in steps["release"])
    uploads = [s for s in release["steps"] if s.get("uses", "").startswith(
        "actions/upload-artifact")]
    assert [u["with"]["path"] for u in uploads] == ["dist/shard/"]
    merge_job = jobs["merge"]
    assert merge_job["needs"] == "release"
    download = next(s for s in merge_job["steps"]
                    if s.get("uses", "").startswith("actions/download-artifact"))
    assert download["with"] == {"pattern": "release-shard-*", "path": "shards"}
    assert any("monrecap release merge shards/* --out dist/release" in run
               for run in steps["merge"])
    final = [s for s in merge_job["steps"] if s.get("uses", "").startswith(
        "actions/upload-artifact")]
    assert [u["with"] for u in final] == [{"name": "print-artifacts", "path": "dist/release/"}]
    # N in one place: release.yaml's shards, which the matrix command prints.
    spec = run_cli("release", "--matrix")
    n = yaml.safe_load((ROOT / "release.yaml").read_text())["shards"]
    assert json.loads(spec.stdout) == [f"{k}/{n}" for k in range(1, n + 1)]


def test_json_of_a_shard_and_of_the_merge_follow_the_release_schema(released,
                                                                    tmp_path: Path) -> None:
    import jsonschema

    schema = json.loads((ROOT / "docs/schemas/release.json").read_text())
    merged = merge(str(released["s1"]), str(released["s2"]), "--out", str(tmp_path / "m"),
                   "--json")
    data = json.loads(merged.stdout)
    jsonschema.validate(data, schema)
    assert {j["status"] for j in data["jobs"]} == {"merged"} and len(data["jobs"]) == 4
    again = run_cli("release", "--shard", "1/2", "--out", str(released["s1"]), "--json",
                    "--root", str(released["repo"]))  # nothing changed: every job reused
    shard = json.loads(again.stdout)
    jsonschema.validate(shard, schema)
    assert shard["shard"] == "1/2" and {j["status"] for j in shard["jobs"]} == {"reused"}
