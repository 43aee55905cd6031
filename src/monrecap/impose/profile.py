"""Print profiles (layouts/print/*.yaml): sheet, scheme, copies, gutters, marks, duplex, creep."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    Field,
    PrivateAttr,
    ValidationError,
    WithJsonSchema,
    field_validator,
)

from monrecap.errors import ContentError, Problem, SheetFitError
from monrecap.layout import SIZE_SCHEMA, Length, Strict, _size
from monrecap.source import MDict, did_you_mean, load_yaml, validate
from monrecap.units import parse_length

MARKS = ("crop", "fold", "registration", "colorbar", "slug")
Mark = Literal["crop", "fold", "registration", "colorbar", "slug"]


def _marks(value: Any) -> Any:
    """``crop,fold`` or a list; ``none`` or ``all``."""
    if isinstance(value, str):
        if value.strip() in ("", "none"):
            return []
        if value.strip() == "all":
            return list(MARKS)
        return [v.strip() for v in value.split(",")]
    return value


_MARK = "(?:" + "|".join(MARKS) + ")"
#: The editor's view of ``marks:``: a list, or the text forms ``_marks`` reads.
MARKS_SCHEMA = {"anyOf": [
    {"type": "array", "items": {"enum": list(MARKS)}},
    {"type": "string", "pattern": f"^\\s*(?:none|all|{_MARK}\\s*(?:,\\s*{_MARK}\\s*)*)?\\s*$"}]}


class PrintProfile(Strict):
    """How to put a page PDF on press sheets. Lengths in points."""

    name: str = Field("custom", description="le nom du profil : celui de son fichier")
    description: str = Field("", description="une ligne pour le reconnaître")
    sheet: Annotated[tuple[float, float], BeforeValidator(_size),
                     WithJsonSchema(SIZE_SCHEMA)] = Field(
        description="la feuille d'impression : SRA3, A4, 320x450mm")
    orientation: Literal["portrait", "landscape", "auto"] = Field(
        "auto", description="portrait, paysage (landscape), ou auto : le sens qui en met le plus")
    scheme: Literal["saddle", "cutstack", "nup"] = Field(
        "saddle", description="saddle : piqûre à cheval ; cutstack : couper et empiler ; "
        "nup : la même page plusieurs fois")
    copies: int | None = Field(None, ge=1, description="exemplaires par face de feuille ; "
                               "sans valeur, autant qu'il en tient")
    gutter: Length | None = Field(None, description="l'espace entre les exemplaires ; "
                                  "par défaut deux fois les fonds perdus")
    duplex: Literal["long-edge", "short-edge"] = Field(
        "short-edge", description="recto verso : retourner sur le bord long ou court")
    creep: Length = Field(0.0, ge=0, description="l'épaisseur du papier (100um), pour la "
                          "chasse ; 0 la désactive", json_schema_extra={"minimum": 0})
    marks: Annotated[list[Mark], BeforeValidator(_marks), WithJsonSchema(MARKS_SCHEMA)] = \
        Field(list(MARKS), description="les repères : crop (coupe), fold (pli), "
              "registration, colorbar, slug ; ou none, ou all")
    guides: bool = Field(False, description="des repères de coupe et de pli dans la feuille "
                         "(imprimante de bureau)")
    printer_margin: Length = Field(0.0, ge=0, description="la marge que l'imprimante "
                                   "n'imprime pas", json_schema_extra={"minimum": 0})
    safe: Length = Field(parse_length("6mm"), description="la marge de sécurité de la page, "
                         "pour la chasse")
    paper: str = Field("", description="le papier, pour la fiche de travail")
    finishing: str = Field("", description="le façonnage, pour la fiche de travail")
    max_sheets: int | None = Field(None, ge=1, description="piqûre à cheval : le plus de "
                                   "feuilles qu'un carnet peut avoir (plus épais, il ne se "
                                   "ferme plus à plat ou ne s'agrafe plus)")
    _source: MDict | None = PrivateAttr(None)  # the profile file's values and marks
    _shipped: Path | None = PrivateAttr(None)  # the toolkit's copy, not the repository's
    _flags: frozenset[str] = PrivateAttr(frozenset())  # settings given on the command line

    def located(self, exc: SheetFitError) -> Exception:
        """``exc`` pointing at the profile file's line for its setting, unless a command-line
        flag gave that setting (then the flag is the cause, as said)."""
        if self._source is None or exc.key in self._flags:
            return exc
        message = exc.problems[0].message
        if self._shipped is not None:
            message += (f" (a profile shipped with monrecap, {self._shipped}: copy it into "
                        f"the repository's {FOLDER}/ to change it)")
        return ContentError([self._source.mark_of(exc.key).problem(message)])

    @field_validator("creep", mode="before")
    @classmethod
    def _caliper(cls, value: Any) -> Any:
        return parse_length(value, "um") if isinstance(value, (int, float)) else value

    @property
    def landscape(self) -> bool:
        return self.sheet[0] > self.sheet[1]


FOLDER = "layouts/print"


def profile_names(root: Path) -> list[str]:
    """The repository's profiles (``layouts/print/``) and the ones the toolkit ships."""
    from monrecap.resources import DATA

    return sorted({p.stem for base in (root, DATA) for p in (base / FOLDER).glob("*.yaml")})


def profile_path(root: Path, name: str) -> Path | None:
    """``layouts/print/<name>.yaml`` in the repository, else the toolkit's shipped copy."""
    from monrecap.resources import shipped_file

    if not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    here = root / FOLDER / f"{name}.yaml"
    return here if here.is_file() else shipped_file(f"{FOLDER}/{name}.yaml", FOLDER)


def load_profile(root: Path, name: str, where: Problem | None = None) -> PrintProfile:
    """``layouts/print/<name>.yaml`` (the repository's, else the shipped one), validated; an
    unknown name suggests a close one."""
    path = profile_path(root, name)
    if path is None:
        known = profile_names(root)
        at = where or Problem("", "", "")
        raise ContentError([Problem(at.where, at.path,
                                    f"unknown print profile '{name}'{did_you_mean(name, known)}; "
                                    f"known profiles: {', '.join(known) or 'none'}")])
    display = f"{FOLDER}/{name}.yaml"  # as the repository names it, whichever copy it is
    data = load_yaml(path, display)
    if not isinstance(data, MDict):
        raise ContentError([Problem(display, "", "must be a mapping of keys to values")])
    profile = validate(PrintProfile, data)
    if profile.name != name:
        raise ContentError([data.mark_of("name").problem(f"must be '{name}', its file name")])
    profile._source = data
    profile._shipped = None if (root / FOLDER / f"{name}.yaml").is_file() else path
    return profile


def custom_profile(base: PrintProfile | None, **flags: Any) -> PrintProfile:
    """A profile from command-line flags, over ``base`` when given. Flags set to None are
    left to the base (or to the defaults). Flag values are parsed like YAML values
    (``SRA3``, ``100um``, ``crop,fold``); the base's values are already parsed."""
    given = {k: v for k, v in flags.items() if v is not None}
    try:
        if base is None:
            return PrintProfile.model_validate(given)
        parsed = PrintProfile.model_validate({"sheet": "A4", **given})
        profile = base.model_copy(update={k: getattr(parsed, k) for k in given})
        profile._flags = base._flags | set(given)
        return profile
    except ValidationError as exc:
        problems = [Problem("", "--" + str(e["loc"][0]).replace("_", "-"),
                            str(e["ctx"]["error"]) if e["type"] == "value_error" else
                            e["msg"][:1].lower() + e["msg"][1:]) for e in exc.errors()]
        raise ContentError(problems) from None
