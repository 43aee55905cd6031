"""layouts/labels/*.yaml → LabelSheet: a standard A4 label sheet as data (label size, grid,
margins, printer margin, type sizes), so that a new sheet is a new file, not new code."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import BeforeValidator, Field, PositiveInt, WithJsonSchema, model_validator

from monrecap.errors import ContentError, Problem
from monrecap.layout import SIZE_SCHEMA, Length, Strict, _size
from monrecap.source import MDict, did_you_mean, load_yaml, validate

Size = Annotated[tuple[float, float], BeforeValidator(_size), WithJsonSchema(SIZE_SCHEMA)]


class LabelSheet(Strict):
    """Lengths in points; the sheet's origin at its top-left, as label makers measure."""

    name: str = Field(description="le nom de la planche : celui de son fichier")
    description: str = Field("", description="une ligne pour la reconnaître")
    sheet: Size = Field(description="la feuille : A4")
    label: Size = Field(description="une étiquette, largeur et hauteur : [70mm, 37mm]")
    columns: PositiveInt = Field(description="étiquettes par ligne")
    rows: PositiveInt = Field(description="lignes d'étiquettes")
    left: Length = Field(description="du bord gauche de la feuille à la première étiquette")
    top: Length = Field(description="du haut de la feuille à la première étiquette")
    pitch: Size = Field(description="d'une étiquette à la suivante, en largeur et en hauteur")
    padding: Length = Field(ge=0, description="la marge intérieure d'une étiquette",
                            json_schema_extra={"minimum": 0})
    printer_margin: Length = Field(ge=0, description="la marge que l'imprimante n'imprime pas",
                                   json_schema_extra={"minimum": 0})
    order_size: float = Field(ge=14, description="la taille du texte que l'ESAT lit, en points "
                              "(14 au moins : facile à lire)")
    address_size: float = Field(ge=8, description="la taille de l'adresse, que le "
                                "transporteur lit, en points")
    line_spacing: float = Field(1.15, ge=1.0, le=2.0, description="l'interligne, de 1 à 2")

    @model_validator(mode="after")
    def _fits(self) -> "LabelSheet":
        right = self.left + (self.columns - 1) * self.pitch[0] + self.label[0]
        bottom = self.top + (self.rows - 1) * self.pitch[1] + self.label[1]
        if right > self.sheet[0] + 0.01 or bottom > self.sheet[1] + 0.01:
            raise ValueError("the labels run off the sheet (left/top + pitch × grid + label)")
        return self

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    def rect(self, index: int) -> tuple[float, float, float, float]:
        """Label ``index`` (0-based, row by row) as (x, y, w, h), PDF origin bottom-left."""
        row, col = divmod(index % self.per_sheet, self.columns)
        x = self.left + col * self.pitch[0]
        top = self.top + row * self.pitch[1]
        return (x, self.sheet[1] - top - self.label[1], self.label[0], self.label[1])

    def text_box(self, index: int) -> tuple[float, float, float, float]:
        """Where text may go on label ``index``: inside its padding and inside the printer's
        printable area."""
        x, y, w, h = self.rect(index)
        m = self.printer_margin
        x0, y0 = max(x + self.padding, m), max(y + self.padding, m)
        x1 = min(x + w - self.padding, self.sheet[0] - m)
        y1 = min(y + h - self.padding, self.sheet[1] - m)
        return (x0, y0, x1 - x0, y1 - y0)


def label_sheet_names(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "layouts" / "labels").glob("*.yaml"))


def load_label_sheet(root: Path, name: str) -> LabelSheet:
    """Read and validate ``layouts/labels/<name>.yaml``."""
    path = root / "layouts" / "labels" / f"{name}.yaml"
    display = f"layouts/labels/{name}.yaml"
    if "/" in name or not path.is_file():
        known = label_sheet_names(root)
        raise ContentError([Problem("", "", f"unknown label sheet '{name}'"
                                    f"{did_you_mean(name, known)}; known: {', '.join(known)}")])
    data = load_yaml(path, display)
    if not isinstance(data, MDict):
        raise ContentError([Problem(display, "", "must be a mapping of keys to values")])
    return validate(LabelSheet, data)
