"""Exact print units: lengths like ``3mm`` and page sizes like ``A6`` or ``105x148mm``, in points."""

from __future__ import annotations

import re

#: Points per unit. 1 pt = 1/72 in exactly (PostScript points, not TeX's 72.27).
UNITS = {"pt": 1.0, "in": 72.0, "mm": 72.0 / 25.4, "cm": 720.0 / 25.4, "um": 72.0 / 25400.0}

#: ISO 216 and SRA sizes in millimetres (portrait).
PAPER_MM = {
    "A3": (297, 420), "A4": (210, 297), "A5": (148, 210), "A6": (105, 148),
    "SRA3": (320, 450), "SRA4": (225, 320),
}

_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(pt|mm|cm|in|um|µm)?\s*$")
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)\s*(pt|mm|cm|in)\s*$")


def parse_length(text: str | int | float, default_unit: str = "pt") -> float:
    """A length in points.

    >>> round(parse_length("3mm"), 4)
    8.5039
    >>> parse_length("1in"), parse_length(12), parse_length("0.5pt")
    (72.0, 12.0, 0.5)
    >>> round(parse_length("100um"), 5)
    0.28346
    >>> parse_length("3 furlongs")
    Traceback (most recent call last):
    ValueError: '3 furlongs' is not a length; write it like 3mm, 0.5pt or 1in
    """
    if isinstance(text, bool):
        raise ValueError(f"{text!r} is not a length; write it like 3mm, 0.5pt or 1in")
    if isinstance(text, (int, float)):
        return float(text) * UNITS[default_unit]
    match = _LENGTH.match(str(text))
    if not match:
        raise ValueError(f"'{text}' is not a length; write it like 3mm, 0.5pt or 1in")
    unit = (match.group(2) or default_unit).replace("µm", "um")
    return float(match.group(1)) * UNITS[unit]


def parse_size(text: str) -> tuple[float, float]:
    """A page size (width, height) in points, from a paper name or ``WxH<unit>``.

    >>> [round(v, 3) for v in parse_size("A4")]
    [595.276, 841.89]
    >>> [round(v, 3) for v in parse_size("105x148mm")]
    [297.638, 419.528]
    >>> parse_size("B7")
    Traceback (most recent call last):
    ValueError: 'B7' is not a page size; write it like A6 or 105x148mm
    """
    name = str(text).strip().upper()
    if name in PAPER_MM:
        w, h = PAPER_MM[name]
        return w * UNITS["mm"], h * UNITS["mm"]
    match = _SIZE.match(str(text))
    if not match:
        raise ValueError(f"'{text}' is not a page size; write it like A6 or 105x148mm")
    unit = UNITS[match.group(3)]
    return float(match.group(1)) * unit, float(match.group(2)) * unit


def to_mm(points: float) -> float:
    """Points to millimetres.

    >>> to_mm(72)
    25.4
    """
    return round(points / UNITS["mm"], 6)


def paper_name(size: tuple[float, float]) -> str:
    """The ISO name of a page size, or '' when it has none.

    >>> paper_name(parse_size("105x148mm")), paper_name(parse_size("100x100mm"))
    ('A6', '')
    """
    w, h = sorted(to_mm(v) for v in size)
    for name, (pw, ph) in PAPER_MM.items():
        if abs(w - pw) < 0.5 and abs(h - ph) < 0.5:
            return name
    return ""


def ranges(numbers: list[int]) -> str:
    """Page numbers as ranges.

    >>> ranges([1, 2, 3, 7, 9, 10])
    '1–3, 7, 9–10'
    """
    numbers = sorted(numbers)
    out, start = [], numbers[0]
    for prev, cur in zip(numbers, numbers[1:] + [None]):
        if cur != prev + 1:
            out.append(f"{start}–{prev}" if prev != start else str(start))
            start = cur
    return ", ".join(out)
