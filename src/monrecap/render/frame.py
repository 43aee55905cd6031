"""The content frame of an inner page, between its title band and its page number."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Frame:
    """Where content may go, in points from the trim's bottom-left."""

    x: float
    top: float
    width: float
    bottom: float

    @property
    def height(self) -> float:
        return self.top - self.bottom

    @property
    def right(self) -> float:
        return self.x + self.width
