"""Total area coverage (C+M+Y+K) measured the print shop's way: Ghostscript renders the pages
to CMYK, and we take the highest sum of the four inks.

Ghostscript writes its pages (PAM, one after the other) into one temporary file, never
waiting for us (a pipe made it wait whenever Python was busy inspecting); we then measure them
page by page, with memory for one page at a time.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


class Coverage:
    """Ghostscript started in the background: the other checks run meanwhile."""

    def __init__(self, pdf: Path, dpi: int = 24):
        gs = shutil.which("gs")
        self.failure: str | None = None  # why Ghostscript could not render, if it could not
        self.tmp = tempfile.TemporaryDirectory()
        self.pages = Path(self.tmp.name) / "pages.pam"
        self._stderr = (Path(self.tmp.name) / "stderr").open("w+b")
        self.process = None if gs is None else subprocess.Popen(
            [gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pamcmyk32", f"-r{dpi}",
             "-o", str(self.pages), str(pdf)],
            stdout=self._stderr, stderr=self._stderr)

    def running(self) -> bool:
        """Whether Ghostscript is still rendering."""
        return self.process is not None and self.process.poll() is None

    def cancel(self) -> None:
        """Stop Ghostscript: the file could not be read anyway."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
        if self.process is not None:
            self.process.wait()
        self._close()

    def _close(self) -> None:
        self._stderr.close()
        self.tmp.cleanup()

    def result(self) -> list[float] | None:
        """The highest C+M+Y+K of each page, in percent; None without Ghostscript, or when it
        cannot render the file (then ``failure`` says why)."""
        try:
            if self.process is None:
                return None
            from monrecap.limits import current

            seconds = current().render_seconds
            try:
                self.process.wait(timeout=seconds)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                self.failure = (f"Ghostscript took more than {seconds} s to render the file, "
                                "the limit for a file from outside (--trusted raises it)")
                return None
            levels = []
            if self.pages.exists():
                with self.pages.open("rb") as stream:
                    try:
                        levels = [_tac(page) for page in _pages(stream)]
                    except ValueError as exc:  # a truncated file: Ghostscript stopped
                        self.failure = f"unreadable output: {exc}"
            if self.process.returncode or not levels:  # 0 pages: it gave up quietly
                self._stderr.seek(0)
                err = self._stderr.read().decode(errors="replace")
                lines = [line.strip() for line in err.splitlines() if line.strip()]
                said = [line.lstrip("* ") for line in lines if "rror" in line]
                self.failure = (said[0] if said else (lines[-1:] or ["no page rendered"])[0])[:200]
            return None if self.failure else levels
        finally:
            self._close()


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
