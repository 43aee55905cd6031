"""Total area coverage (C+M+Y+K) measured the print shop's way: Ghostscript renders the pages
to CMYK, and we take the highest sum of the four inks."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image


def max_coverage(pdf: Path, dpi: int = 36) -> list[float] | None:
    """The highest C+M+Y+K of each page, in percent; None without Ghostscript."""
    gs = shutil.which("gs")
    if gs is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiff32nc",
                        f"-r{dpi}", "-o", str(Path(tmp) / "p%04d.tif"), str(pdf)],
                       check=True, capture_output=True)
        out = []
        for tif in sorted(Path(tmp).glob("p*.tif")):
            with Image.open(tif) as image:
                pixels = np.asarray(image, dtype=np.uint16)
            total = pixels.sum(axis=2)
            # Registration colour (all four inks, for marks) is not printed work.
            total[(pixels >= 250).all(axis=2)] = 0
            out.append(float(total.max()) / 255 * 100)
        return out
