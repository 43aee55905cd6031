"""What a page draws, without drawing it: a digest of its content streams, boxes and
resources (images and forms byte for byte), so that the diff rasterises only pages whose
drawing differs. pikepdf reads the objects (it is qpdf, as in impose/ and preflight/).

Fonts get a looser rule, because a subset font (``AAAAAA+Name``) holds the glyphs of its whole
document, so one new character anywhere changes it on every page: two subset fonts are the same
when they have the same name without the tag and agree, code by code, on the characters and
widths they both define. Other fonts compare byte for byte."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import pikepdf

_SKIP = {"/Parent", "/P", "/Length", "/StructParents", "/StructParent"}
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


@dataclass(frozen=True)
class SubsetFont:
    name: str                              # without the subset tag
    digest: str                            # everything but the glyph program and maps
    codes: tuple[tuple[int, str, float], ...]  # (code, characters, width)


@dataclass(frozen=True)
class PageDigest:
    drawing: str                               # operators, boxes, non-font resources
    fonts: tuple[tuple[str, SubsetFont], ...]  # subset fonts by resource name

    def same_as(self, other: PageDigest) -> bool:
        if self.drawing != other.drawing or len(self.fonts) != len(other.fonts):
            return False
        for (name, a), (other_name, b) in zip(self.fonts, other.fonts):
            if name != other_name or a.name != b.name or a.digest != b.digest:
                return False
            mine = {c: (u, w) for c, u, w in a.codes}
            if any(c in mine and mine[c] != (u, w) for c, u, w in b.codes):
                return False
        return True

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PageDigest) and self.same_as(other)

    __hash__ = None  # type: ignore[assignment]


def page_hashes(path: Path) -> list[PageDigest] | None:
    """One digest per page, or None when pikepdf cannot read the file (every page is then
    rasterised; opening it with pdfium says what is wrong)."""
    from monrecap.diff.openpdf import DiffError
    from monrecap.limits import check_streams

    try:
        pdf = pikepdf.open(path)
    except Exception:  # noqa: BLE001 — any trouble: fall back to drawing every page
        return None
    with pdf:
        try:
            pages = list(pdf.pages)
        except Exception:  # noqa: BLE001
            return None
        check_streams(pdf, str(path), DiffError)  # a bomb stops here, before pdfium draws
        try:
            memo: dict = {}
            return [_page(page.obj, memo) for page in pages]
        except Exception:  # noqa: BLE001 — any trouble: fall back to drawing every page
            return None


def _page(page: pikepdf.Dictionary, memo: dict) -> PageDigest:
    h = hashlib.sha256()
    for key in ("/MediaBox", "/CropBox", "/TrimBox", "/BleedBox", "/Rotate", "/UserUnit"):
        h.update(f"{key}={_digest(page.get(key), memo)};".encode())
    h.update(_digest(page.get("/Contents"), memo).encode())
    h.update(_digest(page.get("/Annots"), memo).encode())
    fonts = []
    resources = page.get("/Resources")
    if isinstance(resources, pikepdf.Dictionary):
        for key in sorted(resources.keys()):
            if key != "/Font":
                h.update(f"{key}={_digest(resources[key], memo)};".encode())
                continue
            for name in sorted(resources.Font.keys()):
                obj = resources.Font[name]
                cache = ("font", obj.objgen) if obj.is_indirect else None
                font = memo[cache] if cache in memo else _subset_font(obj, memo)
                if cache:
                    memo[cache] = font
                if font is None:
                    h.update(f"{name}={_digest(resources.Font[name], memo)};".encode())
                else:
                    fonts.append((name, font))
    return PageDigest(h.hexdigest(), tuple(fonts))


def _digest(obj, memo: dict, depth: int = 0) -> str:
    """A digest of an object and all it refers to (streams by their raw bytes)."""
    if obj is None:
        return "null"
    key = obj.objgen if isinstance(obj, pikepdf.Object) and obj.is_indirect else None
    if key and key in memo:
        return memo[key]
    if depth > 60:
        return "deep"
    if key:
        memo[key] = "cycle"
    h = hashlib.sha256()
    if isinstance(obj, pikepdf.Stream):
        h.update(_digest_dict(obj.stream_dict, memo, depth))
        h.update(obj.read_raw_bytes())
    elif isinstance(obj, pikepdf.Dictionary):
        h.update(_digest_dict(obj, memo, depth))
    elif isinstance(obj, pikepdf.Array):
        for item in obj:
            h.update(_digest(item, memo, depth + 1).encode())
    else:
        h.update(repr(obj).encode())
    result = h.hexdigest()
    if key:
        memo[key] = result
    return result


def _digest_dict(d, memo: dict, depth: int) -> bytes:
    return "".join(f"{k}={_digest(d[k], memo, depth + 1)};" for k in sorted(d.keys())
                   if k not in _SKIP).encode()


def _subset_font(font, memo: dict) -> SubsetFont | None:
    """A simple subset font with a ToUnicode map, seen as codes; anything else: None."""
    if not isinstance(font, pikepdf.Dictionary) or font.get("/Subtype") not in (
            "/TrueType", "/Type1") or "/ToUnicode" not in font or "/Widths" not in font:
        return None
    base = str(font.get("/BaseFont", ""))
    if not _SUBSET.match(base.lstrip("/")):
        return None
    try:
        first = int(font.FirstChar)
        widths = {first + i: float(w) for i, w in enumerate(font.Widths)}
        chars = _cmap(font.ToUnicode.read_bytes())
    except (ValueError, TypeError, AttributeError, pikepdf.PdfError):
        return None
    rest = {k: font[k] for k in font.keys() if k not in (
        "/BaseFont", "/FirstChar", "/LastChar", "/Widths", "/ToUnicode", "/FontDescriptor",
        "/Name")}
    descriptor = font.get("/FontDescriptor")
    extra = "" if descriptor is None else "".join(
        f"{k}={descriptor[k]!r};" for k in sorted(descriptor.keys())
        if k in ("/Flags", "/ItalicAngle", "/StemV"))
    digest = hashlib.sha256(("".join(f"{k}={_digest(v, memo)};" for k, v in sorted(
        rest.items())) + extra).encode()).hexdigest()
    codes = tuple((c, chars.get(c, ""), widths.get(c, 0.0)) for c in sorted(widths))
    return SubsetFont(_SUBSET.sub("", base.lstrip("/")), digest, codes)


def _cmap(data: bytes) -> dict[int, str]:
    """ToUnicode CMap: code → characters (bfchar and bfrange)."""
    out: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        hexes = _HEX.findall(block)
        for code, uni in zip(hexes[::2], hexes[1::2]):
            out[int(code, 16)] = bytes.fromhex(uni.decode()).decode("utf-16-be", "replace")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for line in block.splitlines():
            hexes = _HEX.findall(line)
            if len(hexes) == 3 and b"[" not in line:
                lo, hi = int(hexes[0], 16), int(hexes[1], 16)
                start = int(hexes[2], 16)
                for i, code in enumerate(range(lo, min(hi, lo + 256) + 1)):
                    out[code] = chr(start + i) if start + i < 0x110000 else ""
            else:
                raise ValueError("bfrange with an array")
    return out
