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
        """The highest C+M+Y+K of each page, in percent; None without Ghostscript."""
        try:
            if self.process is None:
                return None
            _, err = self.process.communicate()
            if self.process.returncode:
                from .inspect import PreflightError

                last = err.decode(errors="replace").strip().splitlines()[-1:] or ["failed"]
                raise PreflightError(f"Ghostscript could not render the pages ({last[0]})")
            return _read(Path(self.tmp.name))
        finally:
            self.tmp.cleanup()


def max_coverage(pdf: Path, dpi: int = 24) -> list[float] | None:
    """The highest C+M+Y+K of each page, in percent; None without Ghostscript."""
    return Coverage(pdf, dpi).result()


def _read(folder: Path) -> list[float]:
    # Here, not at the top: marking a file PDF/X-4 imports this package without checking it.
    import numpy as np
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
