"""One page's content streams walked with the graphics state, into its PageFacts (pikepdf)."""

from __future__ import annotations

import math

import pikepdf

from monrecap.preflight.facts import ImagePlacement, PageFacts, TextRun
from monrecap.preflight.knockout import (
    Areas,
    along,
    centre,
    coloured,
    curve,
    k_only,
    shape_sized,
    white,
)
from monrecap.preflight.lookups import (
    IDENTITY,
    Box,
    Matrix,
    _apply,
    _extent,
    _font_facts,
    _matrix,
    _mul,
    _scale,
    _space_name,
    lookup,
    shading_space,
    soft_mask_group,
)


def _gstate(resources, operands) -> tuple[bool | None, bool | None, object]:
    """What the ExtGState a ``gs`` names sets: /OP, /op (None where it says nothing; op
    defaults to OP, PDF 32000 8.6.7) and its soft mask's transparency group, if any."""
    gstate = lookup(resources, "/ExtGState", operands[0]) if operands else None
    if not isinstance(gstate, pikepdf.Dictionary):
        return None, None, None
    return (bool(gstate.OP) if "/OP" in gstate else None,
            bool(gstate.op) if "/op" in gstate else None, soft_mask_group(gstate))


class Walker:
    """One page's walk; ``parsed`` (shared by the pages of a file) keeps each indirect
    stream's instructions, so that a form placed on every page is parsed once."""

    def __init__(self, facts: PageFacts, deep: bool = True, parsed: dict | None = None):
        self.facts = facts
        self.deep = deep
        self.parsed = {} if parsed is None else parsed
        self.seen: set[tuple[int, int]] = set()  # patterns, Type 3 fonts, masks: walk once
        self.areas = Areas()  # what lies under black drawn later (knockout.py)
        # Inside a stream walked elsewhere than where it paints — a Type 3 glyph procedure
        # (walked where the font is set, not where each glyph shows), a soft mask's group (it
        # masks, it does not paint), a tiling pattern's cell (painted wherever the pattern
        # fills) — its shapes tell nothing about what lies where: no knockout bookkeeping.
        self.elsewhere = 0

    def instructions(self, stream) -> list:
        key = getattr(stream, "objgen", (0, 0))
        if key == (0, 0):
            return pikepdf.parse_content_stream(stream)
        if key not in self.parsed:
            self.parsed[key] = pikepdf.parse_content_stream(stream)
        return self.parsed[key]

    def once(self, obj) -> bool:
        """True the first time an indirect object is met on this page (direct ones: always)."""
        key = getattr(obj, "objgen", (0, 0))
        if key == (0, 0):
            return True
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def fill(self, state: dict, box: Box) -> None:
        """A filled area: a black shape knocking out colour below it, and what lies under
        what comes above (white too: it knocks out what is below; it never overprints)."""
        if self.elsewhere:
            return
        areas = self.areas
        if not state["op"] and k_only(state["fill"], True) and shape_sized(box) and \
                areas.coloured_at(*centre(box)):
            self.facts.knockouts.append(("shape", box[0], box[1]))
        areas.add(box, coloured(state["fill"]) or (
            state["op"] and not white(state["fill"]) and areas.coloured_at(*centre(box))))

    def walk(self, stream, resources, ctm: Matrix, depth: int = 0,
             inherited: dict | None = None) -> None:
        """One content stream. ``inherited``: the graphics state a form XObject or a Type 3
        glyph starts with, its caller's (PDF 32000 8.10.1): colours, line width, overprint."""
        if depth > 8:
            return
        facts = self.facts
        if not isinstance(resources, pikepdf.Dictionary):
            resources = None
        fonts = resources.get("/Font") if resources is not None else None
        base = ctm  # pattern space: the stream's own default space
        state = {"ctm": ctm, "w": 1.0, "fill": ("DeviceGray", (0.0,)),
                 "stroke": ("DeviceGray", (0.0,)), "OP": False, "op": False} \
            if inherited is None else {**inherited, "ctm": ctm}
        stack = []
        gstates: dict[str, tuple] = {}  # ReportLab sets the same few states thousands of times
        path: list[tuple[float, float]] = []  # every point, control points too (extents)
        segments: list[tuple[tuple[float, float], tuple[float, float]]] = []  # on the path
        current = start = None  # the current point, and where the subpath began
        tm, tlm = IDENTITY, IDENTITY
        size, leading = 0.0, 0.0
        for operands, op in self.instructions(stream):
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
                if len(operands) < 2:
                    continue  # malformed
                point = _apply(state["ctm"], float(operands[0]), float(operands[1]))
                path.append(point)
                if op == "l" and current is not None:
                    segments.append((current, point))
                else:
                    start = point
                current = point
            elif op in ("c", "v", "y"):
                values = [float(v) for v in operands]
                points = [_apply(state["ctm"], values[i], values[i + 1])
                          for i in range(0, len(values) - 1, 2)]
                if len(points) != (3 if op == "c" else 2):
                    continue  # malformed: a RIP would stop here; the other rules go on
                path += points
                if current is not None:  # the curve itself, not its control points
                    on = curve(current, *(points if op == "c" else
                                          [current, *points] if op == "v" else
                                          [points[0], points[1], points[1]]))
                    segments += list(zip([current, *on], on))
                current = points[-1]
            elif op == "re":
                x, y, w, h = (float(v) for v in operands)
                corners = [_apply(state["ctm"], x, y), _apply(state["ctm"], x + w, y),
                           _apply(state["ctm"], x + w, y + h), _apply(state["ctm"], x, y + h)]
                path += corners
                segments += list(zip(corners, corners[1:] + corners[:1]))
                current = start = corners[0]
            elif op == "h":
                if current is not None and start is not None:
                    segments.append((current, start))
                current = start
            elif op == "n":
                path, segments, current, start = [], [], None, None
            elif op in ("S", "s", "B", "B*", "b", "b*"):
                width = state["w"] * _scale(state["ctm"])
                facts.strokes.append(width)
                facts.colour_spaces.add(state["stroke"][0])
                facts.paints.append(_extent(path, width / 2))
                box = _extent(path, 0)
                filled = op != "S" and op != "s"
                if op in ("s", "b", "b*") and current is not None and start is not None:
                    segments.append((current, start))  # these close the path first
                # Over colour where some point along the stroke is: a rule across a band, a
                # border around a white box (half of it lies outside the box). Its own fill,
                # painted first, does not count.
                if not self.elsewhere and not state["OP"] and (
                        k_only(state["stroke"], True) and shape_sized(box)
                        or width <= 1.0 + 1e-6 and k_only(state["stroke"], False)) and \
                        any(self.areas.coloured_at(x, y, 0.01) for x, y in along(segments)):
                    facts.knockouts.append(("line" if width <= 1.0 + 1e-6 else "shape",
                                            box[0], box[1]))
                if filled:
                    self.fill(state, box)
                path, segments, current, start = [], [], None, None
            elif op in ("f", "F", "f*"):
                facts.colour_spaces.add(state["fill"][0])
                facts.paints.append(_extent(path, 0))
                self.fill(state, facts.paints[-1])
                path, segments, current, start = [], [], None, None
            elif op == "gs":
                name = str(operands[0]) if operands else ""
                if name not in gstates:
                    gstates[name] = _gstate(resources, operands)
                overprint, overprint_fill, group = gstates[name]
                if overprint is not None:
                    state["OP"] = state["op"] = overprint
                if overprint_fill is not None:
                    state["op"] = overprint_fill
                if group is not None and self.once(group):
                    self.walk_elsewhere(group, group.get("/Resources", resources),
                                        _mul(_matrix(group.get("/Matrix", IDENTITY)),
                                             state["ctm"]), depth + 1)
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
                if operands and isinstance(operands[-1], pikepdf.Name):
                    self.pattern(lookup(resources, "/Pattern", operands[-1]), resources, base,
                                 depth)
            elif op == "BT":
                tm = tlm = IDENTITY
            elif op == "Tf":
                size = float(operands[1])
                # Fonts the page uses (resource dictionaries often list more).
                if fonts is not None and operands[0] in fonts:
                    font = fonts[operands[0]]
                    facts.fonts[f"{operands[0]}:{font.get('/BaseFont', '')}"] = _font_facts(font)
                    if font.get("/Subtype") == "/Type3" and self.once(font):
                        self.type3(font, resources, _mul((size, 0, 0, size, 0, 0),
                                                         state["ctm"]), depth, state)
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
                if not self.elsewhere and not state["op"] and k_only(state["fill"], True) and \
                        self.areas.coloured_at(m[4] + 0.5, m[5] + effective * 0.3):
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
                              _mul(matrix, state["ctm"]), depth + 1, state)
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
                space = shading_space(lookup(resources, "/Shading", operands[0]), resources)
                facts.colour_spaces.add(space or "Shading")

    def pattern(self, pattern, resources, base: Matrix, depth: int) -> None:
        """A tiling pattern's cell is walked (once a page); a shading pattern gives its space."""
        if not isinstance(pattern, (pikepdf.Dictionary, pikepdf.Stream)) or \
                not self.once(pattern):
            return
        matrix = _mul(_matrix(pattern.get("/Matrix", IDENTITY)), base)
        if pattern.get("/PatternType") == 2:
            space = shading_space(pattern.get("/Shading"), resources)
            self.facts.colour_spaces.add(space or "Shading")
        elif isinstance(pattern, pikepdf.Stream):
            self.walk_elsewhere(pattern, pattern.get("/Resources", resources), matrix,
                                depth + 1)

    def walk_elsewhere(self, stream, resources, ctm: Matrix, depth: int,
                       inherited: dict | None = None) -> None:
        """Walk a stream for its fonts, colours and lines, not for what lies where."""
        self.elsewhere += 1
        try:
            self.walk(stream, resources, ctm, depth, inherited)
        finally:
            self.elsewhere -= 1

    def type3(self, font, resources, ctm: Matrix, depth: int, state: dict) -> None:
        """Every glyph procedure of a Type 3 font, in glyph space scaled to the text size."""
        procs = font.get("/CharProcs")
        if not isinstance(procs, pikepdf.Dictionary):
            return
        matrix = _mul(_matrix(font.get("/FontMatrix"), (0.001, 0, 0, 0.001, 0, 0)), ctm)
        for name in list(procs.keys()):
            glyph = procs[name]
            if isinstance(glyph, pikepdf.Stream):
                self.walk_elsewhere(glyph, font.get("/Resources", resources), matrix,
                                    depth + 1, state)
