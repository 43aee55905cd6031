"""What ships inside the package (``src/monrecap/data/``): the toolkit's font, for marks,
tickets and charts, the print profiles and the FOGRA39 output profile — so that `impose`,
`check` and `diff` work from any folder once monrecap is installed.

Imports nothing heavy: imposition looks its profiles up here without loading ReportLab."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from monrecap.fonts import FontSet

#: The package's data folder (a real folder: the package is never imported from a zip).
DATA = Path(str(files("monrecap") / "data"))
#: The toolkit's own font, named as layouts name it.
TOOLKIT_FONT = ("fonts/atkinson-hyperlegible/AtkinsonHyperlegible-Regular.ttf",
                "fonts/atkinson-hyperlegible/AtkinsonHyperlegible-Bold.ttf")


def data_file(name: str) -> Path:
    """A file shipped with the toolkit, by its path under ``data/`` (``color/…``)."""
    return DATA / name


#: The repository's folders whose files the toolkit also ships: a repository's own file is
#: looked up first, the package's copy after it (one copy, in the package).
SHIPPED = ("fonts", "layouts/print", "layouts/pages")


def shipped_file(name: str, folder: str | None = None) -> Path | None:
    """The packaged copy of a file the repository would have as ``name`` (``fonts/…``,
    ``layouts/print/…``; only under ``folder`` when given), or None."""
    for base in (folder,) if folder else SHIPPED:
        if name.startswith(f"{base}/"):
            path = (DATA / name).resolve()
            if path.is_relative_to((DATA / base).resolve()) and path.is_file():
                return path
    return None


def shipped_font(name: str) -> Path | None:
    """The packaged copy of a font a layout names as ``fonts/…``, or None.

    A layout's fonts are looked up in the repository first, then among the fonts the toolkit
    ships (one copy in the package, not a second one in the repository).
    """
    return shipped_file(name, "fonts")


def display_path(path: Path, root: Path) -> str:
    """A file's path as build.json records it: a shipped file as the repository would name
    it (``fonts/…``, ``layouts/print/…``), else its path in the repository — never an
    absolute path."""
    path = path.resolve()
    for base in (DATA.resolve(), root.resolve()):  # DATA lies inside an editable checkout
        if path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    raise ValueError(f"{path} is neither in the repository nor shipped with the toolkit")


def recorded_file(root: Path, name: str) -> Path:
    """The file behind a path build.json records (see ``display_path``): in the repository,
    else the toolkit's shipped copy."""
    here = root / name
    if here.is_file():
        return here
    return shipped_file(name) or here


def toolkit_fonts() -> FontSet:
    """The font of the toolkit's own marks (the slug line), job tickets and charts."""
    from monrecap.fonts import load_fontset

    regular, bold = (data_file(name) for name in TOOLKIT_FONT)
    return load_fontset(regular, bold)
