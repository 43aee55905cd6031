"""Read what a PDF puts on its pages (pikepdf): boxes, fonts, colour spaces, text sizes and
colours, line weights, placed images — walking content streams and form XObjects with the
graphics state, as a print shop's preflight does."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from ..errors import MonrecapError

Box = tuple[float, float, float, float]
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)


class PreflightError(MonrecapError):
    """Raised by preflight/ when a file cannot be read at all."""


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


@dataclass(frozen=True)
class TextRun:
    size: float                 # effective size in points, on the page
    x: float                    # origin on the page
    y: float
    colour: tuple[str, tuple[float, ...]]


@dataclass(frozen=True)
class ImagePlacement:
    name: str
    width_px: int
    height_px: int
    width_pt: float
    height_pt: float
    colour_space: str

    @property
    def ppi(self) -> float:
        return min(self.width_px / (self.width_pt / 72), self.height_px / (self.height_pt / 72))


@dataclass
class PageFacts:
    number: int
    media: Box
    bleed: Box
    trim: Box
    fonts: dict[str, tuple[str, bool]] = field(default_factory=dict)  # name → (subtype, embedded)
    colour_spaces: set[str] = field(default_factory=set)
    texts: list[TextRun] = field(default_factory=list)
    strokes: list[float] = field(default_factory=list)
    images: list[ImagePlacement] = field(default_factory=list)
    annotations: list[Box] = field(default_factory=list)
    paints: list[Box] = field(default_factory=list)  # painted path and image extents
    # Black overprint: non-white filled areas, and 100 % K text / K-only strokes ≤ 1 pt drawn
    # in knockout on top of one of them, as ("text" | "line", x, y).
    backgrounds: list[Box] = field(default_factory=list)
    knockouts: list[tuple[str, float, float]] = field(default_factory=list)


@dataclass
class DocFacts:
    pages: list[PageFacts]
    version: str
    encrypted: bool
    javascript: bool
    has_id: bool
    info: dict[str, str]
    xmp: str
    output_intents: list[dict]


def _box(obj) -> Box:
    x0, y0, x1, y1 = (float(v) for v in obj)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _space_name(space, resources) -> str:
    """A colour space as DeviceCMYK, DeviceGray, DeviceRGB, ICC-RGB, ICC-CMYK, Separation…"""
    if isinstance(space, pikepdf.Name):
        name = str(space)[1:]
        if name in ("DeviceRGB", "DeviceCMYK", "DeviceGray", "Pattern"):
            return name
        spaces = resources.get("/ColorSpace") if resources is not None else None
        if spaces is not None and space in spaces:
            return _space_name(spaces[space], None)
        return name
    if isinstance(space, pikepdf.Array) and len(space):
        family = str(space[0])[1:]
        if family == "ICCBased":
            n = int(space[1].get("/N", 0))
            return {1: "ICC-Gray", 3: "ICC-RGB", 4: "ICC-CMYK"}.get(n, "ICC")
        if family == "Indexed":
            return "Indexed-" + _space_name(space[1], resources)
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


def _k_only(colour: tuple[str, tuple[float, ...]], full: bool) -> bool:
    space, v = colour
    if space != "DeviceCMYK" or len(v) != 4 or sum(v[:3]) > 0.001:
        return False
    return v[3] >= 0.999 if full else v[3] > 0.001


def _white(colour: tuple[str, tuple[float, ...]]) -> bool:
    space, v = colour
    return (space == "DeviceCMYK" and len(v) == 4 and sum(v) < 0.001) or \
        (space == "DeviceGray" and len(v) == 1 and v[0] > 0.999)


def _over(boxes: list[Box], x: float, y: float) -> bool:
    return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)


def _overprint(state: dict, operands, resources) -> None:
    """``gs``: follow /OP and /op (op defaults to OP, PDF 32000 8.6.7)."""
    states = resources.get("/ExtGState") if resources is not None else None
    if states is None or operands[0] not in states:
        return
    gs = states[operands[0]]
    if "/OP" in gs:
        state["OP"] = state["op"] = bool(gs.OP)
    if "/op" in gs:
        state["op"] = bool(gs.op)


class _Walker:
    def __init__(self, facts: PageFacts, deep: bool = True):
        self.facts = facts
        self.deep = deep

    def walk(self, stream, resources, ctm: Matrix, depth: int = 0) -> None:
        if depth > 8:
            return
        facts = self.facts
        fonts = resources.get("/Font") if resources is not None else None
        state = {"ctm": ctm, "w": 1.0, "fill": ("DeviceGray", (0.0,)),
                 "stroke": ("DeviceGray", (0.0,)), "OP": False, "op": False}
        stack = []
        path: list[tuple[float, float]] = []
        tm, tlm = IDENTITY, IDENTITY
        size, leading = 0.0, 0.0
        for operands, op in pikepdf.parse_content_stream(stream):
            op = str(op)
            if op == "q":
                stack.append(dict(state))
            elif op == "Q" and stack:
                state = stack.pop()
            elif op == "cm":
                state["ctm"] = _mul(tuple(float(v) for v in operands), state["ctm"])
            elif op == "w":
                state["w"] = float(operands[0])
            elif op in ("m", "l"):
                path.append(_apply(state["ctm"], float(operands[0]), float(operands[1])))
            elif op in ("c", "v", "y"):
                values = [float(v) for v in operands]
                path += [_apply(state["ctm"], values[i], values[i + 1])
                         for i in range(0, len(values), 2)]
            elif op == "re":
                x, y, w, h = (float(v) for v in operands)
                path += [_apply(state["ctm"], x, y), _apply(state["ctm"], x + w, y + h),
                         _apply(state["ctm"], x + w, y), _apply(state["ctm"], x, y + h)]
            elif op == "n":
                path = []
            elif op in ("S", "s", "B", "B*", "b", "b*"):
                width = state["w"] * _scale(state["ctm"])
                facts.strokes.append(width)
                facts.colour_spaces.add(state["stroke"][0])
                facts.paints.append(_extent(path, width / 2))
                box = _extent(path, 0)
                if width <= 1.0 + 1e-6 and not state["OP"] and _k_only(state["stroke"], False) \
                        and _over(facts.backgrounds, (box[0] + box[2]) / 2, (box[1] + box[3]) / 2):
                    facts.knockouts.append(("line", box[0], box[1]))
                if op != "S" and op != "s" and not _white(state["fill"]):
                    facts.backgrounds.append(box)
                path = []
            elif op in ("f", "F", "f*"):
                facts.colour_spaces.add(state["fill"][0])
                facts.paints.append(_extent(path, 0))
                if not _white(state["fill"]):
                    facts.backgrounds.append(facts.paints[-1])
                path = []
            elif op == "gs":
                _overprint(state, operands, resources)
            elif op in ("g", "G"):
                state["fill" if op == "g" else "stroke"] = ("DeviceGray",
                                                            tuple(float(v) for v in operands))
            elif op in ("rg", "RG"):
                state["fill" if op == "rg" else "stroke"] = ("DeviceRGB",
                                                             tuple(float(v) for v in operands))
                facts.colour_spaces.add("DeviceRGB")
            elif op in ("k", "K"):
                state["fill" if op == "k" else "stroke"] = ("DeviceCMYK",
                                                            tuple(float(v) for v in operands))
            elif op in ("cs", "CS"):
                space = _space_name(operands[0], resources)
                state["fill" if op == "cs" else "stroke"] = (space, ())
                facts.colour_spaces.add(space)
            elif op in ("sc", "scn", "SC", "SCN"):
                key = "fill" if op in ("sc", "scn") else "stroke"
                values = tuple(float(v) for v in operands if isinstance(v, (int, float,
                                                                              pikepdf.Object))
                               and not isinstance(v, pikepdf.Name))
                state[key] = (state[key][0], values)
            elif op == "BT":
                tm = tlm = IDENTITY
            elif op == "Tf":
                size = float(operands[1])
                # Fonts the page uses (resource dictionaries often list more).
                if fonts is not None and operands[0] in fonts:
                    font = fonts[operands[0]]
                    facts.fonts[f"{operands[0]}:{font.get('/BaseFont', '')}"] = _font_facts(font)
            elif op == "TL":
                leading = float(operands[0])
            elif op == "Tm":
                tm = tlm = tuple(float(v) for v in operands)
            elif op in ("Td", "TD"):
                tx, ty = float(operands[0]), float(operands[1])
                tlm = _mul((1, 0, 0, 1, tx, ty), tlm)
                tm = tlm
                if op == "TD":
                    leading = -ty
            elif op == "T*":
                tlm = _mul((1, 0, 0, 1, 0, -leading), tlm)
                tm = tlm
            elif op in ("Tj", "TJ", "'", '"'):
                if op in ("'", '"'):
                    tlm = _mul((1, 0, 0, 1, 0, -leading), tlm)
                    tm = tlm
                m = _mul(tm, state["ctm"])
                effective = size * math.sqrt(m[2] ** 2 + m[3] ** 2)
                facts.texts.append(TextRun(effective, m[4], m[5], state["fill"]))
                if not state["op"] and _k_only(state["fill"], True) and \
                        _over(facts.backgrounds, m[4] + 0.5, m[5] + effective * 0.3):
                    facts.knockouts.append(("text", m[4], m[5]))
                facts.colour_spaces.add(state["fill"][0])
            elif op == "Do":
                xobjects = resources.get("/XObject") if resources is not None else None
                if xobjects is None or operands[0] not in xobjects:
                    continue
                xobj = xobjects[operands[0]]
                subtype = str(xobj.get("/Subtype"))
                if subtype == "/Image":
                    ctm_now = state["ctm"]
                    space = _space_name(xobj.get("/ColorSpace", pikepdf.Name.DeviceGray), resources) \
                        if "/ColorSpace" in xobj else ("mask" if xobj.get("/ImageMask") else "none")
                    facts.colour_spaces.add(space)
                    corners = [_apply(ctm_now, u, v) for u in (0, 1) for v in (0, 1)]
                    facts.paints.append(_extent(corners, 0))
                    facts.images.append(ImagePlacement(
                        str(operands[0]), int(xobj.Width), int(xobj.Height),
                        math.hypot(ctm_now[0], ctm_now[1]), math.hypot(ctm_now[2], ctm_now[3]),
                        space))
                elif subtype == "/Form" and self.deep:
                    matrix = tuple(float(v) for v in xobj.get("/Matrix", IDENTITY))
                    self.walk(xobj, xobj.get("/Resources", resources),
                              _mul(matrix, state["ctm"]), depth + 1)
            elif op == "INLINE IMAGE":
                image = operands[0]
                ctm_now = state["ctm"]
                abbreviations = {"/RGB": "DeviceRGB", "/G": "DeviceGray", "/CMYK": "DeviceCMYK"}
                raw = image.obj.get("/CS", image.obj.get("/ColorSpace"))
                space = abbreviations.get(str(raw), None) if raw is not None else "mask"
                if space is None:
                    space = _space_name(raw, resources)
                facts.colour_spaces.add(space)
                corners = [_apply(ctm_now, u, v) for u in (0, 1) for v in (0, 1)]
                facts.paints.append(_extent(corners, 0))
                facts.images.append(ImagePlacement(
                    "inline", int(image.obj.get("/W", image.obj.get("/Width", 1))),
                    int(image.obj.get("/H", image.obj.get("/Height", 1))),
                    math.hypot(ctm_now[0], ctm_now[1]), math.hypot(ctm_now[2], ctm_now[3]),
                    space))
            elif op == "sh":
                facts.colour_spaces.add("Shading")


def inspect_pdf(source: Path | bytes, deep: bool = True) -> DocFacts:
    """Everything the rules look at, page by page (``deep``: inside placed forms too)."""
    try:
        pdf = pikepdf.open(io.BytesIO(source) if isinstance(source, bytes) else source)
    except pikepdf.PasswordError:
        raise PreflightError("the PDF is encrypted: a print shop cannot open it") from None
    except (pikepdf.PdfError, OSError) as exc:
        reason = str(exc).split(": ", 1)[-1]  # qpdf prefixes the path: keep the reason
        raise PreflightError(f"not a readable PDF ({reason})") from None
    pages = []
    for number, page in enumerate(pdf.pages, start=1):
        obj = page.obj
        media = _box(obj.MediaBox)
        facts = PageFacts(number, media,
                          _box(obj.BleedBox) if "/BleedBox" in obj else media,
                          _box(obj.TrimBox) if "/TrimBox" in obj else media)
        _Walker(facts, deep).walk(page, obj.get("/Resources"), IDENTITY)
        for annot in obj.get("/Annots", []) or []:
            if "/Rect" in annot:
                facts.annotations.append(_box(annot.Rect))
        pages.append(facts)
    root = pdf.Root
    names = root.get("/Names")
    javascript = "/OpenAction" in root and "/JS" in str(root.OpenAction) or \
        (names is not None and "/JavaScript" in names)
    info = {str(k)[1:]: str(v) for k, v in pdf.docinfo.items()} if pdf.docinfo else {}
    xmp = root.Metadata.read_bytes().decode("utf-8", "replace") if "/Metadata" in root else ""
    intents = []
    for intent in root.get("/OutputIntents", []) or []:
        profile = intent.get("/DestOutputProfile")
        intents.append({"S": str(intent.get("/S", "")),
                        "identifier": str(intent.get("/OutputConditionIdentifier", "")),
                        "profile_n": int(profile.get("/N", 0)) if profile is not None else 0})
    return DocFacts(pages, str(pdf.pdf_version), pdf.is_encrypted, bool(javascript),
                    "/ID" in pdf.trailer, info, xmp, intents)
