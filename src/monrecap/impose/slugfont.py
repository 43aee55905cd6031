"""The slug line's font for pikepdf: a TrueType file read just enough (cmap, advance widths,
metrics) to embed it once per output as a Type 0 font with Identity-H glyph codes.

The whole file is embedded (Atkinson Hyperlegible Regular is 54 KB): no subsetting code to
get wrong, one font object whatever the number of sheets. Text is written as glyph ids, so
any character the face has can be printed; ToUnicode keeps the slug searchable and copyable.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

from monrecap.errors import FontError, Problem


@dataclass(frozen=True)
class TrueType:
    """What the PDF font dictionaries need from a TrueType file."""

    name: str                    # PostScript name
    data: bytes
    cmap: dict[int, int]         # code point → glyph id
    widths: list[int]            # advance width per glyph id, in 1/1000 em
    bbox: tuple[int, int, int, int]
    ascent: int
    descent: int
    cap_height: int
    _codes: dict[str, bytes] = field(default_factory=dict, compare=False, repr=False)

    def glyphs(self, text: str) -> bytes:
        """``text`` as Identity-H codes (2-byte glyph ids); unknown characters → glyph 0."""
        codes = self._codes
        for c in set(text) - codes.keys():
            codes[c] = struct.pack(">H", self.cmap.get(ord(c), 0))
        return b"".join([codes[c] for c in text])


def _tables(data: bytes) -> dict[bytes, bytes]:
    count = struct.unpack_from(">H", data, 4)[0]
    out = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        out[tag] = data[offset:offset + length]
    return out


def _cmap(table: bytes) -> dict[int, int]:
    """The Unicode subtable: format 12 (full repertoire) if present, else format 4."""
    count = struct.unpack_from(">H", table, 2)[0]
    subtables = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", table, 4 + 8 * i)
        fmt = struct.unpack_from(">H", table, offset)[0]
        if (platform, encoding) in ((3, 10), (0, 4), (0, 6)) and fmt == 12:
            subtables[12] = offset
        elif (platform, encoding) in ((3, 1), (0, 3), (0, 4)) and fmt == 4:
            subtables.setdefault(4, offset)
    mapping: dict[int, int] = {}
    if 12 in subtables:
        offset = subtables[12]
        groups = struct.unpack_from(">I", table, offset + 12)[0]
        for g in range(groups):
            start, end, glyph = struct.unpack_from(">III", table, offset + 16 + 12 * g)
            for code in range(start, end + 1):
                mapping[code] = glyph + code - start
        return mapping
    if 4 not in subtables:
        raise ValueError("no Unicode cmap")
    offset = subtables[4]
    segments = struct.unpack_from(">H", table, offset + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", table, offset + 14)
    starts = struct.unpack_from(f">{segments}H", table, offset + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", table, offset + 16 + 4 * segments)
    ranges_at = offset + 16 + 6 * segments
    range_offsets = struct.unpack_from(f">{segments}H", table, ranges_at)
    for i in range(segments):
        for code in range(starts[i], ends[i] + 1):
            if code == 0xFFFF:
                continue
            if range_offsets[i] == 0:
                glyph = (code + deltas[i]) & 0xFFFF
            else:
                at = ranges_at + 2 * i + range_offsets[i] + 2 * (code - starts[i])
                glyph = struct.unpack_from(">H", table, at)[0]
                glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
            if glyph:
                mapping[code] = glyph
    return mapping


def _postscript_name(table: bytes, fallback: str) -> str:
    count, strings = struct.unpack_from(">HH", table, 2)
    for i in range(count):
        platform, _, _, name_id, length, offset = struct.unpack_from(">6H", table, 6 + 12 * i)
        if name_id == 6:
            raw = table[strings + offset:strings + offset + length]
            return raw.decode("utf-16-be" if platform in (0, 3) else "latin-1")
    return fallback


def read_truetype(path: Path) -> TrueType:
    """Parse the tables the PDF needs; FontError when the file is not a usable TrueType."""
    try:
        data = path.read_bytes()
        t = _tables(data)
        units = struct.unpack_from(">H", t[b"head"], 18)[0]
        x0, y0, x1, y1 = struct.unpack_from(">4h", t[b"head"], 36)
        ascent, descent = struct.unpack_from(">hh", t[b"hhea"], 4)
        metrics = struct.unpack_from(">H", t[b"hhea"], 34)[0]
        glyphs = struct.unpack_from(">H", t[b"maxp"], 4)[0]
        advances = [struct.unpack_from(">H", t[b"hmtx"], 4 * i)[0] for i in range(metrics)]
        advances += [advances[-1]] * (glyphs - metrics)
        os2 = t.get(b"OS/2", b"")
        cap = struct.unpack_from(">h", os2, 88)[0] if len(os2) >= 90 else ascent
        cmap = _cmap(t[b"cmap"])
        name = _postscript_name(t[b"name"], path.stem) if b"name" in t else path.stem
    except (OSError, KeyError, struct.error, ValueError, UnicodeDecodeError) as exc:
        raise FontError([Problem(str(path), "", f"unusable font for the slug line: {exc}")]) \
            from None

    def scale(v: int) -> int:
        return round(v * 1000 / units)

    return TrueType("".join(c for c in name if c.isalnum() or c in "-_") or "Font", data,
                    cmap, [scale(a) for a in advances],
                    (scale(x0), scale(y0), scale(x1), scale(y1)),
                    scale(ascent), scale(descent), scale(cap))


def _to_unicode(font: TrueType, chars: set[str]) -> bytes:
    """A ToUnicode CMap for the glyphs of ``chars``."""
    pairs = sorted({(font.cmap[ord(c)], ord(c)) for c in chars if ord(c) in font.cmap})
    lines = [b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
             b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
             b"1 begincodespacerange <0000> <FFFF> endcodespacerange"]
    for start in range(0, len(pairs), 100):
        chunk = pairs[start:start + 100]
        lines.append(f"{len(chunk)} beginbfchar".encode())
        for glyph, code in chunk:
            utf16 = chr(code).encode("utf-16-be").hex().upper()
            lines.append(f"<{glyph:04X}> <{utf16}>".encode())
        lines.append(b"endbfchar")
    lines.append(b"endcmap CMapName currentdict /CMap defineresource pop end end")
    return b"\n".join(lines)


def font_dictionary(pdf: pikepdf.Pdf, font: TrueType, chars: set[str]) -> pikepdf.Object:
    """An indirect Type 0 font in ``pdf`` embedding ``font`` whole; widths and ToUnicode
    cover ``chars`` (the characters of every slug of the output)."""
    used = sorted({font.cmap.get(ord(c), 0) for c in chars})
    widths = Array()
    for glyph in used:
        widths.extend([glyph, Array([font.widths[glyph]])])
    descriptor = pdf.make_indirect(Dictionary(
        Type=Name.FontDescriptor, FontName=Name("/" + font.name), Flags=32,
        FontBBox=Array(list(font.bbox)), ItalicAngle=0, Ascent=font.ascent,
        Descent=font.descent, CapHeight=font.cap_height, StemV=80,
        FontFile2=pdf.make_stream(font.data, Length1=len(font.data))))
    cid = pdf.make_indirect(Dictionary(
        Type=Name.Font, Subtype=Name.CIDFontType2, BaseFont=Name("/" + font.name),
        CIDSystemInfo=Dictionary(Registry="Adobe", Ordering="Identity", Supplement=0),
        FontDescriptor=descriptor, DW=font.widths[0], W=widths, CIDToGIDMap=Name.Identity))
    return pdf.make_indirect(Dictionary(
        Type=Name.Font, Subtype=Name.Type0, BaseFont=Name("/" + font.name),
        Encoding=Name("/Identity-H"), DescendantFonts=Array([cid]),
        ToUnicode=pdf.make_stream(_to_unicode(font, chars))))
