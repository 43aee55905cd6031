"""Every `monrecap …` and `make …` line of the README's ```sh blocks, run as written, in the
order a reader meets them, on a copy of the shipped repository.

A line runs with the venv's `bin/` first on PATH (a reader who has run `make build` and
activated `.venv`), in the copy's root. It must exit 0, or the code its comment gives as
``(exits N: …)``, and never print a traceback. A line whose comment says ``(not run by the
tests: REASON)`` is skipped, with its reason. The README's placeholder files — ``carnet.pdf``,
``any.pdf``, ``old.pdf``, ``new.pdf``, a PDF someone sent — are v10's and v11's page PDFs.
Pictures the lines write land in the copy's docs/, never in the repository's. `monrecap new`
runs in a copy of its own: it leaves a version whose changelog the reader writes next, and
until then the commands that read every version stop at it (exit 2), as they should.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from conftest import ROOT

README = ROOT / "README.md"
SKIP = re.compile(r"\(not run by the tests: ([^)]+)\)")
EXITS = re.compile(r"\(exits (\d+)\b")
KEY = "readme-test-secret-0123456789abcdef"
PLACEHOLDERS = {"carnet.pdf": "v11", "any.pdf": "v11", "new.pdf": "v11", "old.pdf": "v10",
                "a.pdf": "v10", "b.pdf": "v11"}


@dataclass(frozen=True)
class Line:
    number: int      # in README.md
    command: str     # as written, continuation lines joined, comment removed
    comment: str

    @property
    def skip(self) -> str | None:
        found = SKIP.search(self.comment)
        return found.group(1) if found else None

    @property
    def exit_code(self) -> int:
        found = EXITS.search(self.comment)
        return int(found.group(1)) if found else 0


def readme_lines(text: str) -> list[Line]:
    """The command lines of the ```sh blocks, in order.

    >>> [l.command for l in readme_lines("x\\n```sh\\nmonrecap a \\\\\\n  b  # c\\n```\\n")]
    ['monrecap a b']
    """
    out, block, pending, start = [], False, "", 0
    for number, raw in enumerate(text.splitlines(), 1):
        if raw.startswith("```"):
            block = raw.strip() == "```sh"
            continue
        if not block:
            continue
        code, _, comment = raw.partition(" #")
        if raw.lstrip().startswith("#"):
            code, comment = "", raw.lstrip()[1:]
        if not pending:
            start = number
        if code.rstrip().endswith("\\"):
            pending += code.rstrip()[:-1].strip() + " "
            continue
        command = (pending + code.strip()).strip()
        pending = ""
        if command:
            out.append(Line(start, command, comment.strip()))
        elif comment and out and out[-1].number == number - 1:  # a comment continued
            last = out.pop()
            out.append(Line(last.number, last.command, f"{last.comment} {comment.strip()}"))
    return out


def test_every_command_line_of_the_readme_is_run_or_says_why_not() -> None:
    lines = readme_lines(README.read_text(encoding="utf-8"))
    commands = [line for line in lines if line.command.split()[0] in ("monrecap", "make")]
    assert len(commands) > 40
    others = [line for line in lines if line not in commands]
    assert [line.command.split()[0] for line in others] == ["export"], others
    assert all(line.skip.strip() for line in commands if line.skip)


def _copy(tmp: Path) -> Path:
    repo = tmp / "repo"
    shutil.copytree(ROOT, repo, ignore=shutil.ignore_patterns(
        ".git", ".venv", "dist", "runs", "__pycache__", ".pytest_cache", "*.egg-info",
        ".hypothesis", "feedback"))
    shutil.copytree(ROOT / "tests" / "feedback", repo / "tests" / "feedback",
                    dirs_exist_ok=True)
    # The venv the tests run in, as `make build` left it: its bin/ linked, and a stamp of the
    # copy's own, newer than the copied pyproject.toml, so that make installs nothing (an
    # install from the copy would repoint the running venv's editable package at it).
    (repo / ".venv").mkdir()
    (repo / ".venv" / "bin").symlink_to(Path(sys.prefix) / "bin")
    (repo / ".venv" / ".installed").touch()
    return repo


def test_the_readme_commands_run_as_written(tmp_path: Path) -> None:
    repo = _copy(tmp_path)
    env = {**os.environ, "PATH": f"{Path(sys.prefix) / 'bin'}{os.pathsep}{os.environ['PATH']}",
           "MONRECAP_NO_INSTALL": "1", "HOME": str(tmp_path / "home")}
    env.pop("MONRECAP_ROOT", None)
    env.pop("MAKEFLAGS", None)
    for vid in sorted(set(PLACEHOLDERS.values())):
        subprocess.run(["monrecap", "build", vid, "--no-impose", "--no-preflight", "-q",
                        "--out", str(tmp_path / "placeholders")], cwd=repo, env=env,
                       check=True, capture_output=True)
    for name, vid in PLACEHOLDERS.items():
        shutil.copy(tmp_path / "placeholders" / vid / f"monrecap-{vid}.pdf", repo / name)
    ran, skipped, failures = 0, [], []
    for line in readme_lines(README.read_text(encoding="utf-8")):
        if line.skip:
            skipped.append(line.number)
            continue
        if line.command.startswith("export "):
            name, _, value = line.command[len("export "):].partition("=")
            env[name] = KEY if value == "…" else value
            continue
        cwd = repo
        if line.command.startswith("monrecap new "):
            cwd = tmp_path / f"scaffold-{line.number}"
            shutil.copytree(repo, cwd, symlinks=True)
            (cwd / ".venv" / ".installed").touch()
        result = subprocess.run(["bash", "-c", line.command], cwd=cwd, env=env,
                                capture_output=True, text=True, timeout=120,
                                stdin=subprocess.DEVNULL)
        ran += 1
        output = result.stdout + result.stderr
        if result.returncode != line.exit_code or "Traceback" in output:
            failures.append(f"README.md:{line.number}: {line.command}: exit "
                            f"{result.returncode} (expected {line.exit_code})\n"
                            f"{output[-1500:]}")
    assert not failures, "\n\n".join(failures)
    where = subprocess.run([sys.executable, "-c", "import monrecap; print(monrecap.__file__)"],
                           capture_output=True, text=True, check=True).stdout.strip()
    assert Path(where).is_relative_to(ROOT / "src"), f"make reinstalled the venv: {where}"
    assert ran >= 40 and len(skipped) <= 3, (ran, skipped)
