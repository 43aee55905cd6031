"""Page blocks: a page of kind `blocs` is a title band with its pictogram, then blocks drawn
top to bottom — text, a list, labelled writing lines, boxes to tick, a card of blocks,
ruled lines, a key number, a QR code, a pictogram with its text, some space.

A block says what to print, never how: type sizes, colours, rule weights and spacing come
from the layout, so that the same page is right on A6 and on the A5 large-print edition.
Blocks merge by their `id` across versions and editions (``merge.LIST_KEYS``).
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field, PositiveInt, field_validator

from monrecap.content.fields import Picto, Slug, Text
from monrecap.content.phones import check_phone
from monrecap.layout import Strict

#: `remplir`: as many as fit in the room the other blocks leave (the layout decides).
Fill = Literal["remplir"]


class Block(Strict):
    """What every block has: an optional ``id`` that a later version or an edition names
    it by (blocks merge by id; a block without one can only be added to)."""

    id: Slug | None = Field(None, description="un nom stable pour ce bloc, jamais imprimé : "
                            "une version ou une édition le change par ce nom")


class Texte(Block):
    """A paragraph of running text."""

    type: Literal["texte"] = Field(description="un paragraphe de texte")
    text: Text = Field(description="le texte")


class Item(Strict):
    """An item of a list, with its pictogram."""

    text: Text = Field(description="le texte de l'élément")
    picto: Picto | None = Field(None, description="son pictogramme, à la place de la puce")


class Liste(Block):
    """A list: bullets, or a pictogram before each item that has one."""

    type: Literal["liste"] = Field(description="une liste à puces, ou avec un pictogramme "
                                   "devant chaque élément")
    items: list[Text | Item] = Field(min_length=1, max_length=40, description="les éléments : un texte, ou "
                                     "{text, picto}")


class Champ(Strict):
    """A label followed by writing lines (« Date : ____ »)."""

    label: Text = Field(description="l'étiquette avant la ligne (« Date »)")
    lines: PositiveInt = Field(1, le=12, description="le nombre de lignes pour écrire (1 à 12)")


class Champs(Block):
    """Labelled writing lines, one field after the other."""

    type: Literal["champs"] = Field(description="des lignes à remplir avec leur étiquette "
                                    "(« Date : ____ »)")
    fields: list[Text | Champ] = Field(min_length=1, max_length=40, description="les champs : une étiquette, "
                                       "ou {label, lines}")


class Cases(Block):
    """Boxes to tick, flowed in rows (« Loyer payé ☐ »)."""

    type: Literal["cases"] = Field(description="des cases à cocher, en lignes")
    boxes: list[Text] = Field(min_length=1, max_length=40, description="le texte de chaque case")


class Lignes(Block):
    """Ruled lines to write on: a number of them, or as many as fit."""

    type: Literal["lignes"] = Field(description="des lignes pour écrire")
    count: Annotated[int, Field(ge=1, le=60)] | Fill = Field("remplir", description="combien de lignes (60 au plus), ou remplir : "
                                      "autant qu'il en tient")


class Numero(Block):
    """A key number: its label, then the number printed large (checked like every phone
    number)."""

    type: Literal["numero"] = Field(description="un numéro important, imprimé en grand")
    label: Text = Field(description="ce que c'est, au-dessus du numéro")
    number: Text = Field(description="le numéro de téléphone (vérifié)")

    _number = field_validator("number")(classmethod(lambda cls, v: check_phone(v)))


class Qr(Block):
    """A QR code that opens ``url`` (https), with an optional label above it."""

    type: Literal["qr"] = Field(description="un QR code qui ouvre une adresse https")
    label: Text | None = Field(None, description="le texte au-dessus du QR code")
    url: Annotated[str, Field(pattern=r"^https://\S+$")] = Field(
        description="l'adresse que le QR code ouvre (https://…)")

    @field_validator("url", mode="before")
    @classmethod
    def _https(cls, value: object) -> object:
        import re

        if isinstance(value, str) and not re.fullmatch(r"https://\S+", value):
            raise ValueError(f"'{value}' is not a web address a phone opens safely: write it "
                             "whole, starting with https://")
        return value


class Pictogramme(Block):
    """A pictogram with its text beside it."""

    type: Literal["pictogramme"] = Field(description="un pictogramme avec son texte à côté")
    picto: Picto = Field(description="le pictogramme")
    text: Text = Field(description="le texte à côté")


class Espace(Block):
    """Vertical space, in the layout's measure (a line, half a line, two lines)."""

    type: Literal["espace"] = Field(description="de l'espace vertical")
    size: Literal["petit", "moyen", "grand"] = Field(
        "moyen", description="petit (une demi-ligne), moyen (une ligne), grand (deux lignes)")


Inner = Annotated[Union[Texte, Liste, Champs, Cases, Lignes, Numero, Qr, Pictogramme, Espace],
                  Field(discriminator="type")]


class Fiche(Block):
    """A card: a framed group of blocks under a band with its title, repeated ``repeat``
    times or as many as fit (``remplir``)."""

    type: Literal["fiche"] = Field(description="une fiche : des blocs dans un cadre sous un "
                                   "bandeau, répétée")
    title: Text = Field(description="le titre dans le bandeau de la fiche")
    blocks: list[Inner] = Field(min_length=1, max_length=20, description="les blocs de la fiche")
    repeat: Annotated[int, Field(ge=1, le=20)] | Fill = Field(1, description="combien de fiches (20 au plus), ou remplir : autant "
                                       "qu'il en tient")


AnyBlock = Annotated[Union[Texte, Liste, Champs, Cases, Lignes, Numero, Qr, Pictogramme,
                           Espace, Fiche], Field(discriminator="type")]

BLOCK_TYPES = ["texte", "liste", "champs", "cases", "fiche", "lignes", "numero", "qr",
               "pictogramme", "espace"]
