"""Total area coverage (C+M+Y+K) measured the print shop's way: Ghostscript renders the pages
to CMYK, and we take the highest sum of the four inks."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


class Coverage:
    """Ghostscript started in the background: the other checks run meanwhile."""

    def __init__(self, pdf: Path, dpi: int = 24):
        gs = shutil.which("gs")
        self.failure: str | None = None  # Ghostscript's last words when it cannot render
        self.tmp = tempfile.TemporaryDirectory()
        self.process = None if gs is None else subprocess.Popen(
            [gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiff32nc", f"-r{dpi}",
             "-o", str(Path(self.tmp.name) / "p%04d.tif"), str(pdf)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def cancel(self) -> None:
        """Stop Ghostscript: the file could not be read anyway."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
        if self.process is not None:
            self.process.communicate()
        self.tmp.cleanup()

    def result(self) -> list[float] | None:
        """The highest C+M+Y+K of each page, in percent; None without Ghostscript, or when it
        cannot render the file (then ``failure`` says why)."""
        try:
            if self.process is None:
                return None
            _, err = self.process.communicate()
            if self.process.returncode:
                lines = [line.strip() for line in err.decode(errors="replace").splitlines()]
                said = [line for line in lines if "Error" in line or "error" in line]
                self.failure = (said[0] if said else (lines[-1:] or ["failed"])[0])[:200]
                return None
            return _read(Path(self.tmp.name))
        finally:
            self.tmp.cleanup()


def max_coverage(pdf: Path, dpi: int = 24) -> list[float] | None:
    """The highest C+M+Y+K of each page, in percent; None without Ghostscript."""
    return Coverage(pdf, dpi).result()


def _read(folder: Path) -> list[float]:
    import numpy as np  # here, not at the top: Ghostscript starts before they load
    from PIL import Image

    out = []
    for tif in sorted(folder.glob("p*.tif")):
        with Image.open(tif) as image:
            pixels = np.asarray(image, dtype=np.uint16)
        total = pixels.sum(axis=2)
        # Registration colour (all four inks, for marks) is not printed work.
        total[(pixels >= 250).all(axis=2)] = 0
        out.append(float(total.max()) / 255 * 100)
    return out
