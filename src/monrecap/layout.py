"""layouts/*.yaml → Layout: trim, bleed, safe zone, type scale, CMYK palette, rule weights."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from monrecap.errors import ContentError, Problem
from monrecap.source import Mark, MDict, did_you_mean, load_yaml, locate, validate
from monrecap.units import _LENGTH, _SIZE, PAPER_MM, parse_length, parse_size

MM = 72.0 / 25.4


def _length(value: Any) -> float:
    return parse_length(value)


def _size(value: Any) -> tuple[float, float]:
    if isinstance(value, (list, tuple)):
        size = tuple(parse_length(v, "mm") for v in value)
    else:
        size = parse_size(value)
    if not all(math.isfinite(v) and 30 * MM <= v <= 1000 * MM for v in size):
        raise ValueError("each side of the trim must be between 30mm and 1000mm")
    return size  # type: ignore[return-value]


# What the editors' JSON Schemas say of these values (``monrecap schema``): the forms the
# parsers take, so that an editor accepts what the toolkit reads and underlines the rest.
LENGTH_TEXT = {"type": "string", "pattern": _LENGTH.pattern}
LENGTH_SCHEMA = {"anyOf": [{"type": "number"}, LENGTH_TEXT],
                 "description": "une longueur : 3mm, 0.5pt, 1in (un nombre seul : des points)"}
SIZE_SCHEMA = {"anyOf": [
    {"type": "string", "pattern": "^\\s*(?:" + "|".join(
        "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in name)
        for name in PAPER_MM) + "|" + _SIZE.pattern.strip("^$") + ")\\s*$"},
    {"type": "array", "items": {"anyOf": [{"type": "number"}, LENGTH_TEXT]},
     "minItems": 2, "maxItems": 2}],
    "description": "un format (A6, SRA3), largeur x hauteur (105x148mm), ou [105mm, 148mm]"}

Length = Annotated[float, BeforeValidator(_length), WithJsonSchema(LENGTH_SCHEMA)]


class _Floor(AfterValidator):
    """``at_least``'s check, which also tells the editor's schema its bounds (in points: a
    number alone is a length in points)."""

    def __get_pydantic_json_schema__(self, core, handler):
        schema = handler(core)
        floor, ceiling = self.bounds  # type: ignore[attr-defined]
        schema.update(minimum=round(floor, 6), maximum=round(ceiling, 6))
        return schema


def at_least(minimum: str, why: str, most: str = "1000mm") -> AfterValidator:
    """A length floor with a message in the unit the designer wrote, and a ceiling past which
    the value cannot be meant (a rule of 10^20 pt would reach the PDF as a number no reader
    can take)."""
    floor, ceiling = parse_length(minimum), parse_length(most)

    def check(value: float) -> float:
        if not math.isfinite(value):
            raise ValueError(f"must be a length such as {minimum}, not {value}")
        if value < floor - 1e-6:
            raise ValueError(f"must be at least {minimum} ({why})")
        if value > ceiling + 1e-6:
            raise ValueError(f"must be at most {most}")
        return value

    floor_check = _Floor(check)
    object.__setattr__(floor_check, "bounds", (floor, ceiling))
    return floor_check


def repo_path(value: Any, info: ValidationInfo) -> Path:
    """Resolve a path written in YAML inside the repository, refusing any escape."""
    root: Path = (info.context or {})["root"]
    text = str(value)
    if Path(text).is_absolute() or text.startswith("~"):
        raise ValueError(f"'{text}' is an absolute path; write a path inside the repository, "
                         "like pictograms/tabler/phone.svg")
    resolved = (root / text).resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise ValueError(f"'{text}' points outside the repository; assets must live inside it")
    if not resolved.is_file():
        raise ValueError(f"file not found: {text}")
    return resolved


class Strict(BaseModel):
    """Frozen, and unknown keys are errors."""

    # defer_build: a model's validator is built when first used, so the nested models are
    # built once inside the version's schema instead of once each at import.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class CMYK(Strict):
    """A process colour, each ink in percent."""

    c: float = Field(ge=0, le=100, description="cyan, en %")
    m: float = Field(ge=0, le=100, description="magenta, en %")
    y: float = Field(ge=0, le=100, description="jaune, en %")
    k: float = Field(ge=0, le=100, description="noir, en %")

    @model_validator(mode="before")
    @classmethod
    def _from_list(cls, value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            if len(value) != 4:
                raise ValueError("a CMYK colour is 4 percentages: [C, M, Y, K]")
            return dict(zip("cmyk", value))
        return value

    @property
    def fractions(self) -> tuple[float, float, float, float]:
        return (self.c / 100, self.m / 100, self.y / 100, self.k / 100)


class TypeScale(Strict):
    """Font sizes in points. The floors are the easy-to-read minimums."""

    cover: Annotated[float, at_least("18pt", "cover title", "200pt")] = Field(
        description="titre de la couverture, en points (18 au moins)")
    title: Annotated[float, at_least("16pt", "page titles", "200pt")] = Field(
        description="titres des pages, en points (16 au moins)")
    heading: Annotated[float, at_least("14pt", "easy-to-read minimum", "200pt")] = Field(
        description="intertitres, en points (14 au moins)")
    body: Annotated[float, at_least("14pt", "easy-to-read minimum for running text",
                                    "200pt")] = Field(
        description="texte courant, en points (14 au moins : facile à lire)")
    key: Annotated[float, at_least("18pt", "phone numbers and other key information",
                                   "200pt")] = Field(
        description="numéros de téléphone et informations clés, en points (18 au moins)")
    small: Annotated[float, at_least("10pt", "page numbers and legal lines", "200pt")] = Field(
        description="numéros de page, mentions légales, en points (10 au moins)")


class Minimums(Strict):
    """The edition's floors for text sizes, in points: the easy-to-read ones by default, more
    for a large-print edition. The lint holds the type scale to them, the preflight the
    printed text."""

    body: Annotated[Length, at_least("14pt", "easy-to-read minimum for running text")] = Field(
        14.0, description="taille minimale du texte courant (14pt ; plus en gros caractères)")
    key: Annotated[Length, at_least("18pt", "phone numbers and other key information")] = Field(
        18.0, description="taille minimale des numéros et informations clés (18pt)")


#: A colour as the designer writes it: ``[C, M, J, N]`` or ``{c:, m:, y:, k:}``.
Colour = Annotated[CMYK, WithJsonSchema({
    "anyOf": [{"type": "array", "items": {"type": "number", "minimum": 0, "maximum": 100},
               "minItems": 4, "maxItems": 4},
              {"type": "object", "additionalProperties": False, "required": list("cmyk"),
               "properties": {n: {"type": "number", "minimum": 0, "maximum": 100}
                              for n in "cmyk"}}],
    "description": "une couleur CMJN en pourcentages : [C, M, J, N]"})]


class Palette(Strict):
    """The named CMYK colours the templates use."""

    ink: Colour = Field(description="l'encre du texte")
    paper: Colour = Field(description="le papier")
    band: Colour = Field(description="les bandeaux de titre")
    accent: Colour = Field(description="les pictogrammes et les numéros")
    muted: Colour = Field(description="les textes discrets (aides, mentions)")
    line: Colour = Field(description="les lignes d'écriture")


class Rules(Strict):
    """Rule weights; print shops lose anything under 0.25 pt, we keep ≥ 0.5 pt."""

    line: Annotated[Length, at_least("0.5pt", "thinner lines break up in print", "10pt")] = \
        Field(description="épaisseur des lignes d'écriture (0.5pt au moins)")
    box: Annotated[Length, at_least("0.5pt", "thinner lines break up in print", "10pt")] = \
        Field(description="épaisseur des cadres et des cases (0.5pt au moins)")


def font_path(value: Any, info: ValidationInfo) -> Path:
    """A font in the repository, else the toolkit's packaged copy of it (``fonts/…``)."""
    from monrecap.resources import shipped_font

    root: Path = (info.context or {})["root"]
    shipped = shipped_font(str(value))
    if shipped is not None and not (root / str(value)).is_file():
        return shipped
    return repo_path(value, info)


class Fonts(Strict):
    """TrueType files, inside the repository or shipped with the toolkit."""

    regular: Path = Field(description="le fichier TrueType du texte (fonts/…)")
    bold: Path = Field(description="le fichier TrueType du gras (fonts/…)")

    _check = field_validator("regular", "bold", mode="before")(font_path)


class Layout(Strict):
    """A page format and its typography, all lengths in points."""

    name: str = Field(description="le nom du format : celui de son fichier")
    description: str = Field("", description="une ligne pour le reconnaître")
    edition: str = Field("", description="l'édition qu'il imprime, s'il en est une "
                         "(« gros caractères »)")
    trim: Annotated[tuple[float, float], BeforeValidator(_size), WithJsonSchema(SIZE_SCHEMA)] \
        = Field(description="le format coupé : A6, A5, 105x148mm")
    bleed: Annotated[Length, at_least("3mm", "print shops trim within 3 mm", "20mm")] = Field(
        description="les fonds perdus autour de la page (3mm au moins)")
    safe: Annotated[Length, at_least("5mm", "text closer to the trim may be cut", "100mm")] = \
        Field(description="la marge de sécurité : le texte reste à cette distance du bord "
                          "coupé (5mm au moins)")
    fonts: Fonts = Field(description="les polices, texte et gras")
    minimums: Minimums = Field(Minimums(), description="les tailles minimales de l'édition")
    type: TypeScale = Field(description="les tailles de texte, en points")
    line_spacing: float = Field(ge=1.2, le=2.0, description="l'interligne, de 1.2 à 2")
    palette: Palette = Field(description="les couleurs, en CMJN")
    rules: Rules = Field(description="l'épaisseur des traits")
    pictogram: Annotated[Length, at_least("1mm", "a pictogram must be seen", "100mm")] = Field(
        description="la taille des pictogrammes")
    #: True: the layout chooses how many appointment slots, contact cards and action rows a
    #: page holds, as many as fit, and stretches them to fill it; the version's ``slots`` and
    #: ``rows`` count only on layouts without it.
    fill_pages: bool = Field(False, description="true : autant de rendez-vous, de fiches et de "
                             "démarches qu'une page en contient, étirés pour la remplir")
    #: Print profiles (layouts/print) a version built on this layout with ``--layout`` is
    #: imposed with; on its own layout, a version's ``print:`` counts.
    print: list[str] = Field([], description="les profils d'impression (layouts/print) d'une "
                             "version construite sur ce format avec --layout")
    _marks: dict[tuple[str, ...], Mark] = PrivateAttr(default_factory=dict)

    def mark(self, *path: str) -> Mark:
        """Where ``path`` (e.g. ``type``, ``body``) is written in the layout file."""
        return self._marks.get(path) or Mark(f"layouts/{self.name}.yaml", 1, 1, path)

    @property
    def width(self) -> float:
        return self.trim[0]

    @property
    def height(self) -> float:
        return self.trim[1]

    @property
    def trim_mm(self) -> str:
        return f"{self.width / MM:.0f} × {self.height / MM:.0f} mm"


def available_layouts(root: Path) -> list[str]:
    """Names of the layouts in ``root/layouts``."""
    return sorted(p.stem for p in (root / "layouts").glob("*.yaml"))


def load_layout(root: Path, name: str, mark: Problem | None = None) -> Layout:
    """Read and validate ``layouts/<name>.yaml``.

    ``mark`` says where the name was asked for (the version's ``layout:`` key), so that an
    unknown layout points there.
    """
    path = root / "layouts" / f"{name}.yaml"
    if "/" in name or "\\" in name or not path.is_file():
        known = available_layouts(root)
        where = mark or Problem("", "", "")
        raise ContentError([Problem(where.where, where.path,
                                    f"unknown layout '{name}'{did_you_mean(name, known)}; "
                                    f"known layouts: {', '.join(known) or 'none'}")])
    data = load_yaml(path, f"layouts/{name}.yaml")
    if not isinstance(data, MDict):
        raise ContentError([Problem(f"layouts/{name}.yaml", "", "must be a mapping of keys to values")])
    layout = validate(Layout, data, {"root": root})
    for path in (("type", "body"), ("type", "key"), ("minimums", "body"), ("minimums", "key"),
                 ("print",)):
        layout._marks[path] = locate(data, path)
    return layout
