"""What walker.py looks up in a PDF's resources (pikepdf): matrices, colour-space
names, font facts, and where the other printing content streams hide — shadings, patterns,
Type 3 glyph procedures, soft masks, printable annotations' appearances."""

from __future__ import annotations

import math

import pikepdf

Box = tuple[float, float, float, float]
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector convention: m × n)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _extent(points: list[tuple[float, float]], pad: float) -> Box:
    if not points:
        return (0.0, 0.0, 0.0, 0.0)
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad)


def _scale(m: Matrix) -> float:
    return math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))


def _box(obj) -> Box:
    x0, y0, x1, y1 = (float(v) for v in obj)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _matrix(obj, default: Matrix = IDENTITY) -> Matrix:
    """A /Matrix entry (or /FontMatrix) as a tuple; a malformed one counts as ``default``."""
    try:
        values = tuple(float(v) for v in obj)
    except (TypeError, ValueError):
        return default
    return values if len(values) == 6 else default


def _space_name(space, resources) -> str:
    """A colour space as DeviceCMYK, DeviceGray, DeviceRGB, ICC-RGB, ICC-CMYK, CalRGB, Lab,
    Separation… (an uncoloured pattern as its underlying space)."""
    if isinstance(space, pikepdf.Name):
        name = str(space)[1:]
        if name in ("DeviceRGB", "DeviceCMYK", "DeviceGray", "Pattern"):
            return name
        spaces = resources.get("/ColorSpace") if resources is not None else None
        if isinstance(spaces, pikepdf.Dictionary) and space in spaces:
            return _space_name(spaces[space], None)
        return name
    if isinstance(space, pikepdf.Array) and len(space):
        family = str(space[0])[1:]
        if family == "ICCBased":
            n = int(space[1].get("/N", 0)) if isinstance(space[1], pikepdf.Stream) else 0
            return {1: "ICC-Gray", 3: "ICC-RGB", 4: "ICC-CMYK"}.get(n, "ICC")
        if family == "Indexed" and len(space) > 1:
            return "Indexed-" + _space_name(space[1], resources)
        if family == "Pattern" and len(space) > 1:  # uncoloured tiling: colours come from here
            return _space_name(space[1], resources)
        return family
    return "unknown"


def _font_facts(font) -> tuple[str, bool]:
    subtype = str(font.get("/Subtype", "/Unknown"))[1:]
    if subtype == "Type3":
        return subtype, False
    descriptor = font.get("/FontDescriptor")
    if subtype == "Type0":
        descendants = font.get("/DescendantFonts")
        if descendants:
            descriptor = descendants[0].get("/FontDescriptor")
    embedded = descriptor is not None and any(k in descriptor for k in
                                               ("/FontFile", "/FontFile2", "/FontFile3"))
    return subtype, embedded


def lookup(resources, category: str, name) -> pikepdf.Object | None:
    """``resources[category][name]`` (e.g. /Shading /Sh1), or None when it is not there."""
    if not isinstance(resources, pikepdf.Dictionary) or not isinstance(name, pikepdf.Name):
        return None
    group = resources.get(category)
    if not isinstance(group, pikepdf.Dictionary) or name not in group:
        return None
    return group[name]


def shading_space(shading, resources) -> str | None:
    """The colour space a shading paints in."""
    if not isinstance(shading, (pikepdf.Dictionary, pikepdf.Stream)) or \
            "/ColorSpace" not in shading:  # types 4 to 7 are streams
        return None
    return _space_name(shading.ColorSpace, resources)


def soft_mask_group(gstate) -> pikepdf.Stream | None:
    """The transparency group of an ExtGState's soft mask (/SMask << /G … >>), if any."""
    if not isinstance(gstate, pikepdf.Dictionary):
        return None
    mask = gstate.get("/SMask")
    group = mask.get("/G") if isinstance(mask, pikepdf.Dictionary) else None
    return group if isinstance(group, pikepdf.Stream) else None


# Annotation flags (PDF 32000-1, 12.5.3).
INVISIBLE, HIDDEN, PRINT = 1, 2, 4


def printable_appearance(annot) -> tuple[pikepdf.Stream, Matrix] | None:
    """The normal appearance a printer draws for an annotation (print flag set, not hidden),
    and the matrix that maps it onto the page (PDF 32000-1, 12.5.5); None when nothing prints."""
    if not isinstance(annot, pikepdf.Dictionary):
        return None
    flags = int(annot.get("/F", 0))
    if not flags & PRINT or flags & (HIDDEN | INVISIBLE) or "/Rect" not in annot:
        return None
    appearance = annot.get("/AP")
    normal = appearance.get("/N") if isinstance(appearance, pikepdf.Dictionary) else None
    if isinstance(normal, pikepdf.Dictionary) and not isinstance(normal, pikepdf.Stream):
        state = annot.get("/AS")
        normal = normal.get(state) if isinstance(state, pikepdf.Name) else None
    if not isinstance(normal, pikepdf.Stream) or "/BBox" not in normal:
        return None
    matrix = _matrix(normal.get("/Matrix", IDENTITY))
    box = _box(normal.BBox)
    corners = [_apply(matrix, x, y) for x in (box[0], box[2]) for y in (box[1], box[3])]
    bx0, by0, bx1, by1 = _extent(corners, 0)
    rx0, ry0, rx1, ry1 = _box(annot.Rect)
    if bx1 - bx0 <= 0 or by1 - by0 <= 0:
        return None
    sx, sy = (rx1 - rx0) / (bx1 - bx0), (ry1 - ry0) / (by1 - by0)
    fit = (sx, 0, 0, sy, rx0 - bx0 * sx, ry0 - by0 * sy)
    return normal, _mul(matrix, fit)
