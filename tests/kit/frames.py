"""Words read back from a PDF by poppler (pdftotext -bbox), and the check every document's
test makes: each word inside the frame it belongs to. Not the code that drew them."""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4
SLACK = 0.5  # pt: glyph side bearings


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x0: float  # points, from the page's top-left corner, as poppler gives them
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Frame:
    x0: float
    y0: float
    x1: float
    y1: float

    def holds(self, word: Word, slack: float = SLACK) -> bool:
        return (word.x0 >= self.x0 - slack and word.x1 <= self.x1 + slack
                and word.y0 >= self.y0 - slack and word.y1 <= self.y1 + slack)


def words(pdf: bytes | Path) -> list[Word]:
    """Every word of every page with its box."""
    with tempfile.TemporaryDirectory() as tmp:
        path = pdf if isinstance(pdf, Path) else Path(tmp) / "doc.pdf"
        if not isinstance(pdf, Path):
            path.write_bytes(pdf)
        html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True,
                              capture_output=True, text=True).stdout
    out = []
    for number, page in enumerate(html.split("<page ")[1:], start=1):
        for x0, y0, x1, y1, text in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                r'([^<]*)</word>', page):
            out.append(Word(number, text.replace("&amp;", "&").replace("&apos;", "'"),
                            float(x0), float(y0), float(x1), float(y1)))
    return out


def text_lines(pdf: bytes) -> list[str]:
    """The document's text, line by line, as poppler reads it (layout kept)."""
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, check=True,
                          capture_output=True).stdout.decode()
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def margins(width: float, height: float, margin: float) -> Frame:
    """The frame inside a page's margins."""
    return Frame(margin, margin, width - margin, height - margin)


def outside(found: list[Word], frame_of) -> list[Word]:
    """The words not inside their frame; ``frame_of(word)`` gives a word's frame(s)."""
    bad = []
    for word in found:
        frames = frame_of(word)
        frames = frames if isinstance(frames, (list, tuple)) else [frames]
        if not any(f.holds(word) for f in frames):
            bad.append(word)
    return bad
