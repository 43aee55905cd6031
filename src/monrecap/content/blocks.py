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

    id: Slug | None = Field(None, description="a stable name for this block (never printed)")


class Texte(Block):
    """A paragraph of running text."""

    type: Literal["texte"]
    text: Text


class Item(Strict):
    """An item of a list, with its pictogram."""

    text: Text
    picto: Picto | None = None


class Liste(Block):
    """A list: bullets, or a pictogram before each item that has one."""

    type: Literal["liste"]
    items: list[Text | Item] = Field(min_length=1, max_length=40)


class Champ(Strict):
    """A label followed by writing lines (« Date : ____ »)."""

    label: Text
    lines: PositiveInt = Field(1, le=12)


class Champs(Block):
    """Labelled writing lines, one field after the other."""

    type: Literal["champs"]
    fields: list[Text | Champ] = Field(min_length=1, max_length=40)


class Cases(Block):
    """Boxes to tick, flowed in rows (« Loyer payé ☐ »)."""

    type: Literal["cases"]
    boxes: list[Text] = Field(min_length=1, max_length=40)


class Lignes(Block):
    """Ruled lines to write on: a number of them, or as many as fit."""

    type: Literal["lignes"]
    count: Annotated[int, Field(ge=1, le=60)] | Fill = "remplir"


class Numero(Block):
    """A key number: its label, then the number printed large (checked like every phone
    number)."""

    type: Literal["numero"]
    label: Text
    number: Text

    _number = field_validator("number")(classmethod(lambda cls, v: check_phone(v)))


class Qr(Block):
    """A QR code that opens ``url`` (https), with an optional label above it."""

    type: Literal["qr"]
    label: Text | None = None
    url: Annotated[str, Field(pattern=r"^https://\S+$")]


class Pictogramme(Block):
    """A pictogram with its text beside it."""

    type: Literal["pictogramme"]
    picto: Picto
    text: Text


class Espace(Block):
    """Vertical space, in the layout's measure (a line, half a line, two lines)."""

    type: Literal["espace"]
    size: Literal["petit", "moyen", "grand"] = "moyen"


Inner = Annotated[Union[Texte, Liste, Champs, Cases, Lignes, Numero, Qr, Pictogramme, Espace],
                  Field(discriminator="type")]


class Fiche(Block):
    """A card: a framed group of blocks under a band with its title, repeated ``repeat``
    times or as many as fit (``remplir``)."""

    type: Literal["fiche"]
    title: Text
    blocks: list[Inner] = Field(min_length=1, max_length=20)
    repeat: Annotated[int, Field(ge=1, le=20)] | Fill = 1


AnyBlock = Annotated[Union[Texte, Liste, Champs, Cases, Lignes, Numero, Qr, Pictogramme,
                           Espace, Fiche], Field(discriminator="type")]

BLOCK_TYPES = ["texte", "liste", "champs", "cases", "fiche", "lignes", "numero", "qr",
               "pictogramme", "espace"]
