"""Preflight sees everything that prints: each fault (RGB, calibrated RGB, an unembedded font,
text under 6 pt, a low-resolution image) in each place a content stream can hide — the page, a
form XObject, a tiling pattern, a Type 3 glyph, a soft mask, a printable annotation's
appearance — plus shadings; one small PDF per place per rule, made with pikepdf. Poppler
(pdffonts, pdfimages -list) agrees where it can tell."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String

from monrecap.preflight import Context
from monrecap.preflight.inspect import inspect_pdf
from monrecap.preflight.rules import check

WATCHED = {"colour.rgb", "fonts.embedded", "fonts.type3", "text.min-size", "images.resolution"}

#: Each fault: the drawing that commits it, and the rules it breaks.
FAULTS = {
    "rgb": ("1 0 0 rg 0 0 10 10 re f", {"colour.rgb"}),
    "calrgb": ("/CalRGB0 cs 1 0 0 sc 0 0 10 10 re f", {"colour.rgb"}),
    "unembedded-font": ("BT /Bold 12 Tf 1 1 Td (Bonjour) Tj ET", {"fonts.embedded"}),
    "small-text": ("BT /Embedded 5.98 Tf 1 1 Td (Bonjour) Tj ET", {"text.min-size"}),
    "low-res-rgb-image": ("q 72 0 0 72 0 0 cm /Photo Do Q", {"colour.rgb", "images.resolution"}),
}
#: Places a content stream prints from (Type 3 glyphs are drawn at 1/1000 of the text size:
#: sizes and resolutions there are not the fault's own).
PLACES = ("page", "form", "tiling-pattern", "type3-glyph", "soft-mask", "stamp", "widget")
CASES = [(place, fault) for place in PLACES for fault in FAULTS
         if place != "type3-glyph" or fault in ("rgb", "calrgb", "unembedded-font")]


def _resources(pdf: pikepdf.Pdf) -> Dictionary:
    """What the faults' drawings refer to: fonts, a calibrated RGB space, a 10 px RGB photo."""
    embedded = Dictionary(Type=Name.Font, Subtype=Name.TrueType, BaseFont=Name.Embedded,
                          FontDescriptor=Dictionary(Type=Name.FontDescriptor,
                                                    FontName=Name.Embedded, Flags=32,
                                                    FontFile2=pdf.make_stream(b"\0" * 12)))
    bold = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name("/Helvetica-Bold"))
    photo = pdf.make_stream(bytes([200, 30, 30] * 100), Type=Name.XObject, Subtype=Name.Image,
                            Width=10, Height=10, ColorSpace=Name.DeviceRGB, BitsPerComponent=8)
    calrgb = Array([Name.CalRGB, Dictionary(WhitePoint=Array([0.9505, 1, 1.089]))])
    return Dictionary(Font=Dictionary(Bold=bold, Embedded=embedded),
                      ColorSpace=Dictionary(CalRGB0=calrgb), XObject=Dictionary(Photo=photo))


def _form(pdf: pikepdf.Pdf, content: str, resources: Dictionary, **extra) -> pikepdf.Stream:
    return pdf.make_stream(content.encode(), Type=Name.XObject, Subtype=Name.Form,
                           BBox=Array([0, 0, 100, 100]), Resources=resources, **extra)


def _annotation(pdf: pikepdf.Pdf, subtype: Name, appearance: pikepdf.Stream,
                flags: int = 4) -> Dictionary:
    return pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=subtype, F=flags,
                                        Rect=Array([100, 100, 200, 200]), T=String("champ"),
                                        AP=Dictionary(N=appearance)))


def place_pdf(place: str, drawing: str, flags: int = 4) -> bytes:
    """A one-page PDF (CMYK, nothing wrong) that draws ``drawing`` from ``place``."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(300, 300))
    page = pdf.pages[0].obj
    res = _resources(pdf)
    page_res = Dictionary()
    content = "0 0 0 1 k 10 10 50 50 re f\n"
    if place == "page":
        page_res, content = res, content + drawing
    elif place == "form":
        page_res.XObject = Dictionary(Fm0=_form(pdf, drawing, res))
        content += "q 1 0 0 1 100 100 cm /Fm0 Do Q"
    elif place == "tiling-pattern":
        cell = _form(pdf, drawing, res, PatternType=1, PaintType=1, TilingType=1, XStep=100,
                     YStep=100)
        del cell.Type, cell.Subtype
        page_res.Pattern = Dictionary(P0=cell)
        content += "/Pattern cs /P0 scn 0 0 300 300 re f"
    elif place == "type3-glyph":  # glyph space is 1/1000 of text space: text there too
        glyph = pdf.make_stream(f"1000 0 d0 {drawing.replace(' 12 Tf', ' 1000 Tf')}".encode())
        page_res.Font = Dictionary(T3=Dictionary(
            Type=Name.Font, Subtype=Name.Type3, FontBBox=Array([0, 0, 1000, 1000]),
            FontMatrix=Array([0.001, 0, 0, 0.001, 0, 0]), CharProcs=Dictionary(a=glyph),
            Encoding=Dictionary(Type=Name.Encoding, Differences=Array([97, Name.a])),
            FirstChar=97, LastChar=97, Widths=Array([1000]), Resources=res))
        content += "BT /T3 12 Tf 100 100 Td (a) Tj ET"
    elif place == "soft-mask":
        group = _form(pdf, drawing, res, Group=Dictionary(S=Name.Transparency))
        page_res.ExtGState = Dictionary(GS0=Dictionary(
            Type=Name.ExtGState, SMask=Dictionary(S=Name.Luminosity, G=group)))
        content += "q /GS0 gs 0 0 0 1 k 0 0 300 300 re f Q"
    else:  # a printable annotation: what a filled field or a stamp puts on the page
        subtype = Name.Stamp if place == "stamp" else Name.Widget
        annot = _annotation(pdf, subtype, _form(pdf, drawing, res), flags)
        page.Annots = Array([annot])
        if place == "widget":
            annot.FT = Name.Tx
            pdf.Root.AcroForm = Dictionary(Fields=Array([annot]))
    page.Resources = page_res
    page.Contents = pdf.make_stream(content.encode())
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def findings(data: bytes) -> list:
    return [f for f in check(inspect_pdf(data), Context(kind="sheets")).findings
            if f.rule in WATCHED]


@pytest.mark.parametrize("place,fault", CASES)
def test_each_fault_is_seen_in_each_place(place: str, fault: str) -> None:
    drawing, rules = FAULTS[fault]
    if place == "type3-glyph":
        rules = rules | {"fonts.type3"}
    assert {(f.rule, f.page) for f in findings(place_pdf(place, drawing))} == \
        {(rule, 1) for rule in rules}


@pytest.mark.parametrize("place", ["stamp", "widget"])
def test_hidden_annotations_do_not_print(place: str) -> None:
    drawing = " ".join(d for d, _ in FAULTS.values())
    assert findings(place_pdf(place, drawing, flags=4 | 2)) == []  # print + hidden
    assert findings(place_pdf(place, drawing, flags=0)) == []      # no print flag


def _shading_pdf(space: str, as_pattern: bool) -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(300, 300))
    colour = Array([Name.CalRGB, Dictionary(WhitePoint=Array([0.9505, 1, 1.089]))]) \
        if space == "CalRGB" else Name(f"/{space}")
    ones = [1] * (4 if space == "DeviceCMYK" else 3)
    shading = Dictionary(ShadingType=2, ColorSpace=colour, Coords=Array([0, 0, 300, 0]),
                         Function=Dictionary(FunctionType=2, Domain=Array([0, 1]),
                                             C0=Array([0] * len(ones)), C1=Array(ones), N=1))
    page = pdf.pages[0].obj
    if as_pattern:
        page.Resources = Dictionary(Pattern=Dictionary(S0=Dictionary(PatternType=2,
                                                                     Shading=shading)))
        page.Contents = pdf.make_stream(b"/Pattern cs /S0 scn 0 0 300 300 re f")
    else:
        page.Resources = Dictionary(Shading=Dictionary(Sh0=shading))
        page.Contents = pdf.make_stream(b"/Sh0 sh")
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("as_pattern", [False, True], ids=["sh", "shading-pattern"])
@pytest.mark.parametrize("space,rgb", [("DeviceRGB", True), ("CalRGB", True),
                                       ("DeviceCMYK", False)])
def test_shadings_give_their_colour_space(space: str, rgb: bool, as_pattern: bool) -> None:
    found = findings(_shading_pdf(space, as_pattern))
    assert [f.message for f in found] == ([f"RGB colour used ({space})"] if rgb else [])


def test_messages_print_the_exact_size_and_the_type3_resource_name() -> None:
    small = findings(place_pdf("widget", FAULTS["small-text"][0]))
    assert [f.message for f in small] == ["text at 5.98 pt, under 6 pt"]
    type3 = findings(place_pdf("type3-glyph", FAULTS["rgb"][0]))
    assert sorted(f.message for f in type3) == ["RGB colour used (DeviceRGB)",
                                                "Type 3 font T3"]


def _poppler(tool: list[str], path: Path) -> list[str]:
    out = subprocess.run([*tool, str(path)], capture_output=True, text=True, check=True).stdout
    return out.splitlines()[2:]  # under the two header lines


@pytest.mark.parametrize("place", ["page", "form", "stamp", "widget"])
def test_poppler_agrees(tmp_path: Path, place: str) -> None:
    """pdffonts lists the unembedded font, pdfimages the 10 ppi RGB photo, where we do."""
    fonts = tmp_path / "fonts.pdf"
    fonts.write_bytes(place_pdf(place, FAULTS["unembedded-font"][0]))
    listed = [line.split() for line in _poppler(["pdffonts"], fonts)]
    assert {row[0] for row in listed if row[-4] == "no"} == {"Helvetica-Bold"}
    assert [f.message for f in findings(fonts.read_bytes())] == [
        "font Helvetica-Bold is not embedded (a standard-14 font)"]
    photo = tmp_path / "photo.pdf"
    photo.write_bytes(place_pdf(place, FAULTS["low-res-rgb-image"][0]))
    images = [line.split() for line in _poppler(["pdfimages", "-list"], photo)]
    assert [(row[3], row[4], row[5], row[12]) for row in images] == [("10", "10", "rgb", "10")]
    assert {f.message for f in findings(photo.read_bytes())} == {
        "RGB colour used (DeviceRGB)", "image /Photo at 10 ppi at its placed size"}


def test_fields_left_to_the_viewer_are_checked_as_drawn() -> None:
    """NeedAppearances: the viewer (and `impose`) draws the field with its /DA font."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(300, 300))
    bold = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name("/Helvetica-Bold"))
    field = pdf.make_indirect(Dictionary(
        Type=Name.Annot, Subtype=Name.Widget, FT=Name.Tx, F=4, T=String("nom"),
        V=String("Jeanne Testeuse"), DA=String("/Bold 10 Tf 0 g"),
        Rect=Array([100, 100, 250, 120])))
    pdf.pages[0].obj.Annots = Array([field])
    pdf.Root.AcroForm = Dictionary(Fields=Array([field]), NeedAppearances=True,
                                   DR=Dictionary(Font=Dictionary(Bold=bold)))
    buffer = io.BytesIO()
    pdf.save(buffer)
    assert [f.message for f in findings(buffer.getvalue())] == [
        "font Helvetica-Bold is not embedded (a standard-14 font)"]
