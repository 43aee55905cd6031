"""The facts inspect.py reads from a PDF, page by page and whole, that the rules check."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from monrecap.preflight.lookups import Box


@dataclass(frozen=True)
class TextRun:
    size: float                 # effective size in points, on the page
    x: float                    # origin on the page
    y: float
    colour: tuple[str, tuple[float, ...]]


@dataclass(frozen=True)
class ImagePlacement:
    name: str
    width_px: int
    height_px: int
    width_pt: float
    height_pt: float
    colour_space: str

    @property
    def ppi(self) -> float:
        return min(self.width_px / (self.width_pt / 72), self.height_px / (self.height_pt / 72))


@dataclass
class PageFacts:
    number: int
    media: Box
    bleed: Box
    trim: Box
    fonts: dict[str, tuple[str, bool]] = field(default_factory=dict)  # name → (subtype, embedded)
    colour_spaces: set[str] = field(default_factory=set)
    texts: list[TextRun] = field(default_factory=list)
    strokes: list[float] = field(default_factory=list)
    images: list[ImagePlacement] = field(default_factory=list)
    annotations: list[Box] = field(default_factory=list)
    paints: list[Box] = field(default_factory=list)  # painted path and image extents
    rotate: int = 0  # /Rotate (own or inherited) in 0, 90, 180, 270: how a viewer turns it
    # Black drawn in knockout over colour (see knockout.py), as (kind, x, y): "text" (100 % K),
    # "line" (K-only strokes up to 1 pt, any tint) or "shape" (pictogram-sized 100 % K strokes
    # and fills: a black pictogram on a coloured band).
    knockouts: list[tuple[str, float, float]] = field(default_factory=list)


@dataclass
class DocFacts:
    pages: list[PageFacts]
    version: str
    encrypted: bool
    javascript: bool
    has_id: bool
    info: dict[str, str]
    xmp: str
    output_intents: list[dict]
