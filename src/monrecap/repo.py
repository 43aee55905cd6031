"""Finding the repository a command works on, the way git finds its work tree."""

from __future__ import annotations

import os
from pathlib import Path

from monrecap.errors import UsageError

ENV = "MONRECAP_ROOT"


def is_repository(folder: Path) -> bool:
    """A monrecap repository is a folder holding ``versions/`` and ``layouts/``."""
    return (folder / "versions").is_dir() and (folder / "layouts").is_dir()


def find_root(explicit: Path | None = None, start: Path | None = None) -> Path:
    """The repository: ``--root`` (or ``$MONRECAP_ROOT``) when given, else the current folder
    or the nearest parent that is one. Raises UsageError when there is none."""
    if explicit is None and os.environ.get(ENV):
        explicit = Path(os.environ[ENV])
    if explicit is not None:
        if not is_repository(explicit):
            raise UsageError(f"{explicit}: not a monrecap repository (it has no versions/ "
                             "and layouts/ folders)")
        return explicit
    found = search_root(start)
    if found is None:
        raise UsageError("not inside a monrecap repository (no versions/ here or above); "
                         "use --root")
    return found


def search_root(start: Path | None = None) -> Path | None:
    """The current folder or its nearest parent that is a repository, or None."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_repository(folder):
            return _shortest(folder)
    return None


def optional_root(explicit: Path | None = None) -> Path:
    """For commands that also work on plain PDFs: the repository when there is one (its
    profiles and builds), else the current folder, where the packaged defaults apply."""
    if explicit is not None or os.environ.get(ENV):
        return find_root(explicit)
    return search_root() or Path(".")


def _shortest(folder: Path) -> Path:
    """``.`` when the repository is the current folder, so that messages keep short paths."""
    return Path(".") if folder == Path.cwd().resolve() else folder


def version_here(root: Path, start: Path | None = None) -> str | None:
    """The version whose folder the command runs in (``versions/v12/`` or below it), as
    git knows its work tree from any folder inside it; None elsewhere."""
    here = (start or Path.cwd()).resolve()
    versions = (root / "versions").resolve()
    if not here.is_relative_to(versions) or here == versions:
        return None
    name = here.relative_to(versions).parts[0]
    return name if (versions / name / "carnet.yaml").is_file() else None
