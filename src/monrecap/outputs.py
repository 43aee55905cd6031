"""Output paths a user typed, checked before any work so that a bad one writes nothing."""

from __future__ import annotations

import os
from pathlib import Path

from monrecap.errors import OutputError, Problem

FOLDER: tuple[str, ...] = ()


def check_outputs(checks: list[tuple[str, Path | None, tuple[str, ...]]]) -> None:
    """Each check is (option, path, suffixes): a file with one of ``suffixes``, or a folder
    when ``suffixes`` is empty. Every bad path is reported at once; none is created.

    >>> check_outputs([("--html", None, (".html",))])
    """
    problems = []
    for option, path, suffixes in checks:
        if path is None:
            continue
        message = (_folder_problem(path) if suffixes == FOLDER
                   else _file_problem(path, suffixes))
        if message:
            problems.append(Problem(f"{option} {path}", "", message))
    if problems:
        raise OutputError(problems)


def _file_problem(path: Path, suffixes: tuple[str, ...]) -> str | None:
    if path.is_dir():
        example = path / f"out{suffixes[0]}"
        return f"is a folder; give a file name, e.g. {example}"
    if path.suffix.lower() not in suffixes:
        wanted = " or ".join(f"'{s}'" for s in suffixes)
        got = f"a '{path.suffix}' file" if path.suffix else "a file without extension"
        return f"cannot write {got} here; name it with {wanted}"
    if path.exists() and not os.access(path, os.W_OK):
        return "exists and is read-only"
    return _parent_problem(path.parent)


def _folder_problem(path: Path) -> str | None:
    if path.exists():
        if not path.is_dir():
            return "is a file, not a folder"
        return None if _writable(path) else "is a read-only folder"
    # A missing output folder is made, like `mkdir -p`, if its nearest parent is writable.
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        return f"cannot be made: {parent} is a file"
    return None if _writable(parent) else f"cannot be made: {parent} is read-only"


def _parent_problem(parent: Path) -> str | None:
    if not parent.exists():
        if "dist" in parent.parts:
            # The toolkit's own output folder, made on a fresh clone as the build makes it;
            # elsewhere a missing folder is a typo to say, not to make.
            return _folder_problem(parent)
        return f"the folder {parent} does not exist"
    if not parent.is_dir():
        return f"{parent} is a file, not a folder"
    return None if _writable(parent) else f"the folder {parent} is read-only"


def _writable(folder: Path) -> bool:
    """Whether a file can be made in ``folder``: tried for real, since root passes access()
    checks on folders that still refuse files (read-only mounts, /proc)."""
    if not os.access(folder, os.W_OK):
        return False
    probe = folder / f".monrecap-probe-{os.getpid()}"
    try:
        probe.touch()
    except OSError:
        return False
    probe.unlink(missing_ok=True)
    return True
