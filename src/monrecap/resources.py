"""What ships inside the package (``src/monrecap/data/``): the toolkit's font, for marks,
tickets and charts, and the FOGRA39 output profile — so that `impose`, `check` and `diff`
work from any folder once monrecap is installed."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from .fonts import FontSet, load_fontset

#: The package's data folder (a real folder: the package is never imported from a zip).
DATA = Path(str(files("monrecap") / "data"))
#: The toolkit's own font, named as layouts name it.
TOOLKIT_FONT = ("fonts/atkinson-hyperlegible/AtkinsonHyperlegible-Regular.ttf",
                "fonts/atkinson-hyperlegible/AtkinsonHyperlegible-Bold.ttf")


def data_file(name: str) -> Path:
    """A file shipped with the toolkit, by its path under ``data/`` (``color/…``)."""
    return DATA / name


def shipped_font(name: str) -> Path | None:
    """The packaged copy of a font a layout names as ``fonts/…``, or None.

    A layout's fonts are looked up in the repository first, then among the fonts the toolkit
    ships (one copy in the package, not a second one in the repository).
    """
    if not name.startswith("fonts/"):
        return None
    path = (DATA / name).resolve()
    return path if path.is_relative_to(DATA / "fonts") and path.is_file() else None


def display_path(path: Path, root: Path) -> str:
    """A file's path as build.json records it: a shipped file as a layout names it
    (``fonts/…``), else its path in the repository — never an absolute path."""
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
    return shipped_font(name) or here


def toolkit_fonts() -> FontSet:
    """The font of the toolkit's own marks (the slug line), job tickets and charts."""
    regular, bold = (data_file(name) for name in TOOLKIT_FONT)
    return load_fontset(regular, bold)
