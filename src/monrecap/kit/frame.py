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


@dataclass(frozen=True)
class Stack:
    """Boxes stacked down a frame: how many, each one's height, and the room each gained
    beyond its natural height (to share between its rows)."""

    count: int
    height: float
    extra: float
    room: int  # how many boxes of the natural height fit


def stack(frame: Frame, natural: float, gap: float, wanted: int | None) -> Stack:
    """``wanted`` boxes of their natural height down ``frame``; with ``wanted`` None (a layout
    that fills its pages), as many as fit, stretched so that the last one ends at the frame's
    bottom. ``count`` is 0 when not one box fits."""
    room = int((frame.height + gap) // (natural + gap)) if natural > 0 else 0
    if wanted is not None:
        return Stack(wanted, natural, 0.0, room)
    if room == 0:
        return Stack(0, natural, 0.0, 0)
    height = (frame.height + gap) / room - gap
    return Stack(room, height, height - natural, room)
