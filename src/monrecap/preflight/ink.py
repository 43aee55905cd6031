"""Total area coverage (C+M+Y+K) measured the print shop's way: Ghostscript renders the pages
to CMYK, and we take the highest sum of the four inks.

Ghostscript streams its pages (PAM, one after the other) into a pipe that a thread reads and
measures page by page as they come: no temporary files, memory for one page at a time, and the
measuring overlaps the rendering and the other checks.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
from pathlib import Path


class Coverage:
    """Ghostscript started in the background: the other checks run meanwhile."""

    def __init__(self, pdf: Path, dpi: int = 24):
        gs = shutil.which("gs")
        self.failure: str | None = None  # why Ghostscript could not render, if it could not
        self.levels: list[float] = []
        self._stderr = tempfile.TemporaryFile()
        self.process = None if gs is None else subprocess.Popen(
            [gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sstdout=%stderr",
             "-sDEVICE=pamcmyk32", f"-r{dpi}",
             "-o", "-", str(pdf)],
            stdout=subprocess.PIPE, stderr=self._stderr)
        self._reader = None
        if self.process is not None:
            self._reader = threading.Thread(target=self._measure, daemon=True)
            self._reader.start()

    def _measure(self) -> None:
        try:
            for pixels in _pages(self.process.stdout):
                self.levels.append(_tac(pixels))
        except (ValueError, OSError) as exc:  # a truncated stream: Ghostscript failed
            self.failure = self.failure or f"unreadable output: {exc}"

    def cancel(self) -> None:
        """Stop Ghostscript: the file could not be read anyway."""
        if self.process is not None:
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait()
            self._reader.join()
            self.process.stdout.close()
        self._stderr.close()

    def result(self) -> list[float] | None:
        """The highest C+M+Y+K of each page, in percent; None without Ghostscript, or when it
        cannot render the file (then ``failure`` says why)."""
        if self.process is None:
            self._stderr.close()
            return None
        self._reader.join()
        self.process.wait()
        self.process.stdout.close()
        self._stderr.seek(0)
        err = self._stderr.read().decode(errors="replace")
        self._stderr.close()
        if self.process.returncode or not self.levels:  # 0 pages: it gave up quietly
            lines = [line.strip() for line in err.splitlines() if line.strip()]
            said = [line.lstrip("* ") for line in lines if "rror" in line]
            self.failure = (said[0] if said else (lines[-1:] or ["no page rendered"])[0])[:200]
        return None if self.failure else self.levels


def max_coverage(pdf: Path, dpi: int = 24) -> list[float] | None:
    """The highest C+M+Y+K of each page, in percent; None without Ghostscript."""
    return Coverage(pdf, dpi).result()


def _pages(stream):
    """Each page of a PAM stream (``pamcmyk32``) as a CMYK image."""
    from PIL import Image

    while True:
        magic = stream.readline()
        if not magic:
            return
        if magic.strip() != b"P7":
            raise ValueError("not a PAM page")
        header = {}
        for line in iter(stream.readline, b""):
            if line.strip() == b"ENDHDR":
                break
            key, _, value = line.decode("ascii", "replace").partition(" ")
            header[key] = value.strip()
        width, height, depth = (int(header[k]) for k in ("WIDTH", "HEIGHT", "DEPTH"))
        data = stream.read(width * height * depth)
        if depth != 4 or len(data) != width * height * depth:
            raise ValueError("truncated page")
        yield Image.frombytes("CMYK", (width, height), data)


def _tac(page) -> float:
    """The highest C+M+Y+K of one page, in percent (Pillow's ImageMath: no numpy to load)."""
    from PIL import ImageMath

    c, m, y, k = (band.convert("I") for band in page.split())
    # Registration colour (all four inks, for marks) is not printed work.
    total = ImageMath.lambda_eval(
        lambda e: (e["c"] + e["m"] + e["y"] + e["k"])
        * (e["min"](e["min"](e["c"], e["m"]), e["min"](e["y"], e["k"])) < 250),
        c=c, m=m, y=y, k=k)
    return total.getextrema()[1] / 255 * 100
