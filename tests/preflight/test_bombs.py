"""Decompression bombs: `check`, `impose` and `diff` bound the decoded size of every stream of
a file from outside and stop with one line naming the file, the page and the limit (exit 2,
nothing written); `--trusted` raises the limits for a file one knows. The bombs are made here,
a few kB each: nothing large is committed."""

from __future__ import annotations

import zlib
from pathlib import Path

import pikepdf
import pytest

from conftest import run_cli

MB = 1024 * 1024
HINT = "--trusted raises it ×16 for a file you know"


def _page_pdf(path: Path, content: bytes, filters: int = 1, image: tuple | None = None) -> Path:
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(300, 400))
    data = content
    for _ in range(filters):
        data = zlib.compress(data, 9)
    stream = pikepdf.Stream(pdf, data)
    stream.Filter = pikepdf.Array([pikepdf.Name.FlateDecode] * filters) if filters > 1 \
        else pikepdf.Name.FlateDecode
    page.obj.Contents = pdf.make_indirect(stream)
    if image:
        img = pikepdf.Stream(pdf, zlib.compress(b"\0" * 64))
        img.Filter = pikepdf.Name.FlateDecode
        img.Type, img.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        img.Width, img.Height = image
        img.ColorSpace, img.BitsPerComponent = pikepdf.Name.DeviceGray, 8
        page.obj.Resources = pikepdf.Dictionary(
            XObject=pikepdf.Dictionary(Im0=pdf.make_indirect(img)))
    pdf.save(path, compress_streams=False)
    return path


@pytest.fixture(scope="module")
def bombs(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("bombs")
    return {
        "content": _page_pdf(tmp / "content.pdf", b" " * (40 * MB)),          # 40 kB file
        "layers": _page_pdf(tmp / "layers.pdf", b"0 0 m " * (8 * MB), filters=2),  # 5 kB
        "image": _page_pdf(tmp / "image.pdf", b"q Q", image=(40_000, 40_000)),
        "fine": _page_pdf(tmp / "fine.pdf", b"0 0 m 10 10 l S " * 1000),
    }


CONTENT = ("page 1: its drawing instructions decode to more than 32 MB, the limit for a file "
           f"from outside (a decompression bomb?); {HINT}")
IMAGE = ("page 1: an image of 40,000 × 40,000 pixels decodes to more than 256 MB, the limit "
         f"for one image ({HINT})")


@pytest.mark.parametrize("which,message", [("content", CONTENT), ("layers", CONTENT),
                                           ("image", IMAGE)])
def test_check_impose_and_diff_stop_at_a_bomb(bombs, tmp_path: Path, which, message) -> None:
    bomb = bombs[which]
    out = tmp_path / "sheets.pdf"
    for args in (["check", bomb.name, "-q"],
                 ["impose", bomb.name, "--sheet", "A4", "-o", str(out), "-q"],
                 ["impose", bomb.name, "--scheme", "nup", "--sheet", "SRA3", "-o", str(out),
                  "-q"],
                 ["diff", "fine.pdf", bomb.name, "-q"]):
        result = run_cli(*args, cwd=bomb.parent)
        assert (result.returncode, result.stderr) == (2, f"error: {bomb.name}: {message}\n"), \
            args
        assert not out.exists()


def test_trusted_raises_the_limits(bombs, tmp_path: Path) -> None:
    out = tmp_path / "sheets.pdf"
    result = run_cli("impose", str(bombs["content"]), "--sheet", "A4", "-o", str(out), "-q",
                     "--trusted")
    assert result.returncode == 0, result.stderr
    assert out.exists()


def test_an_ordinary_file_is_not_refused(bombs) -> None:
    result = run_cli("check", str(bombs["fine"]), "-q")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "decode" not in result.stdout + result.stderr


def test_ghostscript_is_stopped_past_its_time(bombs) -> None:
    """The ink pass has a wall-time bound: past it, Ghostscript is killed and the reason is
    the `ink.render` finding's (here with a bound of 0 s, so that any file passes it)."""
    from monrecap import limits
    from monrecap.preflight.ink import Coverage

    token = limits._current.set(limits.Limits(render_seconds=0))
    try:
        coverage = Coverage(bombs["fine"])
        assert coverage.result() is None
    finally:
        limits._current.reset(token)
    assert coverage.failure == ("Ghostscript took more than 0 s to render the file, the limit "
                                "for a file from outside (--trusted raises it)")
    assert not coverage.running()
