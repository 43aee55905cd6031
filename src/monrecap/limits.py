"""Bounds on the work one PDF from outside may cause (`impose`, `check`, `diff`).

A 100 kB file can hold a stream that decodes to gigabytes (a decompression bomb): every
stream's decoded size is bounded before anything decodes it, by its raw length and filters
(Flate expands at most 1032×) and, where that bound says it could be too large, by decoding
it in 1 MiB steps that stop at the limit — never decoding it whole. Images are bounded by
their dimensions; Ghostscript's ink pass is stopped after a minute (`check` then reports
what its own inspection found, and one `ink.render` finding). `--trusted` multiplies every
limit by 16 for a file one knows.
"""

from __future__ import annotations

import contextlib
import contextvars
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

MIB = 1024 * 1024
FLATE_RATIO = 1032  # deflate's largest expansion
TRUSTED_FACTOR = 16


@dataclass(frozen=True)
class Limits:
    stream: int = 256 * MIB   # decoded bytes of one stream (an image, a font)
    content: int = 32 * MIB   # decoded bytes of one page's drawing instructions
    file: int = 1024 * MIB    # decoded bytes of all streams of one file
    render_seconds: int = 60  # Ghostscript's ink pass on one file (check, build)

    def scaled(self, factor: int) -> Limits:
        return Limits(self.stream * factor, self.content * factor, self.file * factor,
                      self.render_seconds * factor)


_current: contextvars.ContextVar[Limits] = contextvars.ContextVar("limits", default=Limits())


def current() -> Limits:
    return _current.get()


@contextlib.contextmanager
def trusted(enabled: bool = True) -> Iterator[None]:
    """Within the block, files are trusted: every limit × 16 (`--trusted`)."""
    token = _current.set(Limits().scaled(TRUSTED_FACTOR) if enabled else Limits())
    try:
        yield
    finally:
        _current.reset(token)


def size(n: int) -> str:
    """
    >>> size(256 * MIB), size(32 * MIB), size(16 * 1024 * MIB)
    ('256 MB', '32 MB', '16 GB')
    """
    return f"{n // (1024 * MIB)} GB" if n >= 1024 * MIB else f"{n // MIB} MB"


def _filters(stream) -> list[str]:
    value = stream.get("/Filter")
    if value is None:
        return []
    items = value if isinstance(value, list) or hasattr(value, "as_list") else [value]
    try:
        return [str(f) for f in items]
    except TypeError:
        return [str(value)]


def _bound(raw: int, filters: list[str]) -> int | None:
    """The largest decoded size the filters allow, None when no bound is known (LZW)."""
    out = raw
    for name in filters:
        if name in ("/FlateDecode", "/Fl"):
            out *= FLATE_RATIO
        elif name in ("/RunLengthDecode", "/RL"):
            out *= 128
        elif name in ("/LZWDecode", "/LZW"):
            return None
        elif name in ("/ASCIIHexDecode", "/AHx", "/ASCII85Decode", "/A85"):
            out = out
        else:  # image codecs: bounded by the image's dimensions
            return out
    return out


def _flate_size(data: bytes, layers: int, cap: int) -> int:
    """Decoded size of ``layers`` nested Flate layers, counting at most ``cap`` + 1 bytes."""
    decoders = [zlib.decompressobj() for _ in range(layers)]
    total = 0

    def feed(level: int, chunk: bytes) -> bool:
        nonlocal total
        if level == layers:
            total += len(chunk)
            return total > cap
        d = decoders[level]
        while chunk:
            out = d.decompress(chunk, MIB)
            chunk = d.unconsumed_tail
            if feed(level + 1, out):
                return True
            if not out and not chunk:
                break
        return False

    try:
        feed(0, data)
    except zlib.error:
        pass  # damaged data: the reader that decodes it says so
    return total


def check_streams(pdf, name: str, error) -> None:
    """Raise ``error`` with one sentence when a stream of ``pdf`` (pikepdf) decodes to more
    than the limits allow (file, page and limit named)."""
    import pikepdf

    limits = current()
    owner: dict[tuple[int, int], int] = {}
    contents: set[tuple[int, int]] = set()
    for number, page in enumerate(pdf.pages, 1):
        raw = page.obj.get("/Contents")
        for item in (raw if isinstance(raw, pikepdf.Array) else [raw] if raw is not None
                     else []):
            if isinstance(item, pikepdf.Stream) and item.objgen != (0, 0):
                owner.setdefault(item.objgen, number)
                contents.add(item.objgen)
        xobjects = page.obj.get("/Resources", {}).get("/XObject", {}) \
            if isinstance(page.obj.get("/Resources"), pikepdf.Dictionary) else {}
        if isinstance(xobjects, pikepdf.Dictionary):
            for key in xobjects.keys():
                item = xobjects.get(key)
                if isinstance(item, pikepdf.Stream) and item.objgen != (0, 0):
                    owner.setdefault(item.objgen, number)
    total = 0
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream):
            continue
        where = f"page {owner[obj.objgen]}" if obj.objgen in owner else \
            f"object {obj.objgen[0]}"
        limit = limits.content if obj.objgen in contents else limits.stream
        if obj.get("/Subtype") == "/Image":
            try:
                pixels = int(obj.get("/Width", 0)) * int(obj.get("/Height", 0))
            except (TypeError, ValueError):
                pixels = 0
            if pixels * 4 > limits.stream:
                raise error(f"{name}: {where}: an image of {int(obj.Width):,} × "
                            f"{int(obj.Height):,} pixels decodes to more than "
                            f"{size(limits.stream)}, the limit for one image (--trusted "
                            f"raises it ×{TRUSTED_FACTOR} for a file you know)")
        try:
            raw = obj.read_raw_bytes()
        except pikepdf.PdfError:
            continue  # damaged: the reader that decodes it says so
        filters = _filters(obj)
        bound = _bound(len(raw), filters)
        # What the filters allow is counted while it fits; past that, what it really is.
        if bound is not None and bound <= limit and total + bound <= limits.file:
            total += bound
            continue
        room = min(limit, limits.file - total)
        flate = [f for f in filters if f in ("/FlateDecode", "/Fl")]
        if flate and len(flate) == len(filters):
            decoded = _flate_size(raw, len(flate), room)
        else:
            continue  # no streaming decoder: left to the reader's own bounds
        total += decoded
        if decoded > limit:
            what = "its drawing instructions decode" if obj.objgen in contents else \
                "a stream decodes"
            raise error(f"{name}: {where}: {what} to more than {size(limit)}, the limit for "
                        f"a file from outside (a decompression bomb?); --trusted raises it "
                        f"×{TRUSTED_FACTOR} for a file you know")
        if total > limits.file:
            raise error(f"{name}: {where}: the file's streams decode to more than "
                        f"{size(limits.file)}, the limit for a file from outside; --trusted "
                        f"raises it ×{TRUSTED_FACTOR} for a file you know")
