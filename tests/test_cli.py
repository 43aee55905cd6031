"""The real command: exit codes, messages, progress on stderr."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, run_cli


def test_versions_lists_v11() -> None:
    result = run_cli("versions", env={"COLUMNS": "250"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()  # piped: one row a line, no box drawing
    assert lines[0].split() == ["version", "released", "layout", "format", "pages", "editions",
                                "changelog"]
    assert not any(c in result.stdout for c in "│┃━")
    # Columns are as wide as their values, the changelog last: no line padded to the width.
    assert max(map(len, lines)) == max(len(l.rstrip()) for l in lines)
    line = next(l for l in lines if l.startswith("v11 "))
    assert "2026-09-14" in line and "A6 105 × 148 mm" in line and " 32 " in line
    assert "Les numéros de téléphone" in line and "horizon-insertion" in line


def test_build_reports_progress_unless_quiet(repo: Path) -> None:
    loud = run_cli("build", "v0", "--root", str(repo))
    assert loud.returncode == 0 and loud.stdout == ""
    assert "rendering v0 on a6-poche" in loud.stderr and "built " in loud.stderr
    # The lint findings a build records are printed, one a line, even when quiet.
    assert ("versions/v0/carnet.yaml:33:13: pages -> 2 -> bring -> 0: warning: words.acronym: "
            "acronym « CV » not explained (fix: explain it in the version's glossary)"
            ) in loud.stderr.splitlines()
    quiet = run_cli("build", "v0", "--root", str(repo), "--quiet")
    assert quiet.returncode == 0 and quiet.stdout == ""
    assert [l for l in quiet.stderr.splitlines() if ": warning: words." not in l] == []


def test_unknown_version(repo: Path) -> None:
    result = run_cli("build", "v12", "--root", str(repo))
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == \
        "error: unknown version 'v12'; known versions: v0; `monrecap new v12` starts it"


def test_unknown_layout_option(repo: Path) -> None:
    result = run_cli("build", "v0", "--layout", "a7", "--root", str(repo), "-q")
    assert result.returncode == 2
    assert result.stderr == ("error: unknown layout 'a7'; known layouts: a5, a5-prototype, "
                             "a6-poche, a6-poche-2024\n")
    assert not (repo / "dist").exists()


def test_a_reader_that_stops_reading_is_exit_141() -> None:
    """`monrecap show v9 | head -1`: the command ends quietly, not with the « findings » code."""
    import fcntl
    import os
    import subprocess
    import sys

    read, write = os.pipe()
    fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, 4096)  # smaller than the output: it must wait
    proc = subprocess.Popen([sys.executable, "-m", "monrecap", "show", "v9"],
                            cwd=ROOT, stdout=write, stderr=subprocess.PIPE)
    os.close(write)
    with os.fdopen(read, "rb") as reader:
        assert reader.read(100).startswith(b"Mon R")
    # Closed, as head closes it after its first lines.
    assert proc.wait(timeout=120) == 141
    assert b"Traceback" not in proc.stderr.read()


def test_the_dist_folder_is_made_for_an_output_on_a_fresh_clone(repo: Path) -> None:
    assert not (repo / "dist").exists()
    done = run_cli("lint", "--all", "--chart", "dist/trend.svg", cwd=repo)
    assert done.returncode == 0, done.stderr
    assert (repo / "dist/trend.svg").is_file()
    typo = run_cli("lint", "--all", "--chart", "dsit/trend.svg", cwd=repo)
    assert (typo.returncode, typo.stderr) == (2, "error: --chart dsit/trend.svg: the folder "
                                                 "dsit does not exist\n")
