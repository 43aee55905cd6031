"""Writes the corpus files we make ourselves (own-*.pdf) with pikepdf; run it from the
repository root after changing it: `.venv/bin/python tests/corpus/make_own.py`."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pikepdf
from pikepdf import Array, Name

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from impose.test_annotations import filled_form  # noqa: E402
from preflight.test_places import FAULTS, _shading_pdf, place_pdf  # noqa: E402


def _page(size: tuple[float, float], content: bytes = b"0 0 0 1 k 0 0 10 10 re f") -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(100, 100))
    pdf.pages[0].MediaBox = Array([0, 0, *size])  # beyond what add_blank_page accepts
    pdf.pages[0].Contents = pdf.make_stream(content)
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def _bad_metadata() -> bytes:
    """A fuzzed-looking file: its XMP stream claims ASCII85 and holds bytes that are not."""
    pdf = pikepdf.open(io.BytesIO(_page((298, 420))))
    stream = pdf.make_stream(b"")
    stream.write(b"<~ \x00\xff\xfe not ascii85 at all {{{ ", filter=Name.ASCII85Decode)
    stream.Type, stream.Subtype = Name.Metadata, Name.XML
    pdf.Root.Metadata = stream
    buffer = io.BytesIO()
    pdf.save(buffer, fix_metadata_version=False)
    return buffer.getvalue()


def _bad_content() -> bytes:
    """Page 2's content stream says Flate and is not."""
    pdf = pikepdf.new()
    for _ in range(2):
        pdf.add_blank_page(page_size=(298, 420))
    pdf.pages[0].Contents = pdf.make_stream(b"0 0 0 1 k 0 0 10 10 re f")
    bad = pdf.make_stream(b"")
    bad.write(b"this is not deflated data", filter=Name.FlateDecode)
    pdf.pages[1].Contents = bad
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


FILES = {
    "own-filled-form.pdf": lambda: filled_form(),
    "own-form-need-appearances.pdf": lambda: filled_form(need_appearances=True),
    "own-rgb-in-tiling-pattern.pdf": lambda: place_pdf("tiling-pattern", FAULTS["rgb"][0]),
    "own-rgb-photo-in-stamp.pdf": lambda: place_pdf("stamp", FAULTS["low-res-rgb-image"][0]),
    "own-unembedded-font-in-widget.pdf":
        lambda: place_pdf("widget", FAULTS["unembedded-font"][0]),
    "own-calrgb-shading.pdf": lambda: _shading_pdf("CalRGB", as_pattern=True),
    "own-tiny-page.pdf": lambda: _page((56.7, 56.7)),  # 20 mm (the unit test has 10 pt)
    "own-giant-page.pdf": lambda: _page((595, 2147483647)),
    "own-bad-ascii85-metadata.pdf": _bad_metadata,
    "own-undecodable-content.pdf": _bad_content,
}


def main() -> None:
    for name, make in FILES.items():
        (HERE / name).write_bytes(make())
        print("wrote", HERE / name)


if __name__ == "__main__":
    main()
