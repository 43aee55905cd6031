"""The press condition our files are made for: the FOGRA39 output intent and its profile
(shipped in the package: src/monrecap/data/color/, with its README and licence)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from monrecap.resources import data_file


@dataclass(frozen=True)
class OutputIntent:
    """The press condition a file is made for, and its ICC profile."""

    identifier: str      # OutputConditionIdentifier, e.g. FOGRA39
    condition: str       # a human description
    profile: Path        # a CMYK output profile (.icc)


FOGRA39 = OutputIntent(
    "FOGRA39",
    "Offset commercial printing, coated paper (ISO 12647-2:2004/Amd 1), FOGRA39",
    data_file("color/FOGRA39-monrecap.icc"))
