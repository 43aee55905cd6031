"""The field types every content model shares: text, slugs, version ids, pictogram paths,
and items of lists that merge by key."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import (
    BeforeValidator,
    Field,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    model_serializer,
)

from monrecap.layout import Strict, repo_path

Text = Annotated[str, StringConstraints(min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
VersionId = Annotated[str, StringConstraints(pattern=r"^v[0-9]+$")]


def _picto(value: object, info: ValidationInfo) -> Path:
    path = repo_path(value, info)
    if path.suffix.lower() != ".svg":
        raise ValueError(f"'{value}' is not an SVG pictogram")
    return path


#: An SVG file of the repository; the editor's schema checks the suffix, the toolkit the file.
Picto = Annotated[Path, BeforeValidator(_picto), WithJsonSchema(
    {"type": "string", "pattern": "\\.[Ss][Vv][Gg]$",
     "description": "un pictogramme SVG du dépôt : pictograms/tabler/phone.svg"})]


def _without_empty(*names: str):
    """A serializer that leaves out the optional lists or mappings ``names`` when they are
    empty, so that the resolved content of versions that do not use them stays as it was."""

    def dump(self, handler):
        data = handler(self)
        for name in names:
            if not getattr(self, name) and isinstance(data, dict):
                data.pop(name, None)
        return data

    return model_serializer(mode="wrap")(dump)


class Keyed(Strict):
    """An item of a list that merges by key (``content/merge.py``): it may carry an ``id``
    that a child version or an edition names it by, whatever its text becomes."""

    id: Slug | None = Field(None, description="un nom stable pour cet élément, jamais "
                            "imprimé : une version suivante le désigne par ce nom")
    _dump = _without_empty("id")
