"""The preflight rules pinned exactly: page facts as inspect.py reads them → the exact findings
a print shop's operator reads (rule, severity, page, message, and where in our build). Each
case sits on a boundary a rule decides on — 3 mm of bleed and a hair less, the 5 mm safe
zone and its half-point allowance, 6 pt, the layout's body and phone sizes, 0.25 pt lines,
300 ppi, 12 pt of rich black, the PDF/X-4 identification — so that moving it by a hair
changes a line here. The facts are built directly: no PDF, no Ghostscript, milliseconds."""

from __future__ import annotations

import pytest

from monrecap.preflight.facts import DocFacts, ImagePlacement, PageFacts, TextRun
from monrecap.preflight.rules import Context, Report, check, points

MM = 72 / 25.4
SAFE = 5 * MM
#: A page of one of our builds: media, bleed and trim, each corner at its own offset (so that
#: reading one coordinate for another shows); bleed margins 9, 9.5, 10, 10.5 pt (3.2–3.7 mm).
MEDIA = (0.0, 0.0, 320.0, 440.0)
BLEED = (1.5, 2.5, 318.0, 437.5)
TRIM = (10.5, 12.0, 308.0, 427.0)
BLACK = ("DeviceCMYK", (0.0, 0.0, 0.0, 1.0))
XMP = "<x:xmpmeta><pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion></x:xmpmeta>"
FOGRA39 = {"S": "/GTS_PDFX", "profile_n": 4, "identifier": "FOGRA39"}
#: The fields of a page of our build (mm from the trim's lower left corner), as build.json has.
FIELDS = [{"path": "intro", "box_mm": [10, 10, 60, 10]},
          {"path": "phone", "box_mm": [10, 30, 60, 10]},
          {"path": "labels.phone", "box_mm": [10, 50, 60, 10]},
          {"path": "page_number", "box_mm": [10, 70, 20, 5]},
          {"path": "dos.lot_label", "box_mm": [40, 70, 20, 5]},
          {"path": "steps.0.text", "box_mm": [10, 90, 60, 10]},
          {"path": "whatsapp", "box_mm": [10, 110, 60, 10]},
          {"path": "cards.0.telephone", "box_mm": [10, 125, 60, 8]}]
IDS = ["couverture", "mode-emploi", "rendez-vous", "contacts", "actions", "documents", "notes",
       "avis", "dos"]


def at(mx: float, my: float) -> tuple[float, float]:
    """A point ``mx``, ``my`` mm from the trim's lower left corner, in points on the page."""
    return TRIM[0] + mx * MM, TRIM[1] + my * MM


def into(path: str) -> tuple[float, float]:
    """A point 1 mm inside the field ``path``'s lower left corner."""
    bx, by, _, _ = next(f["box_mm"] for f in FIELDS if f["path"] == path)
    return at(bx + 1, by + 1)


def run(size: float, xy: tuple[float, float] = at(40, 70),
        colour: tuple = BLACK) -> TextRun:
    return TextRun(size, xy[0], xy[1], colour)


def page(number: int = 1, trim=TRIM, bleed=BLEED, media=MEDIA, **facts) -> PageFacts:
    return PageFacts(number, media, bleed, trim, **facts)


def pages(*facts: dict, **common) -> list[PageFacts]:
    """One page per dict of facts, numbered from 1."""
    return [page(n, **{**common, **f}) for n, f in enumerate(facts, start=1)]


def doc(pages_: list[PageFacts], **changes) -> DocFacts:
    """A PDF/X-4 file: one output intent, the XMP, Trapped, a title, an ID, PDF 1.6."""
    facts = dict(version="1.6", encrypted=False, javascript=False, has_id=True,
                 info={"Trapped": "/False", "Title": "Mon Récap"}, xmp=XMP,
                 output_intents=[FOGRA39])
    return DocFacts(pages_, **{**facts, **changes})


def manifest(n: int, fields: list | None = None) -> dict:
    return {"pages": [{"id": IDS[k], "fields": FIELDS if fields is None else fields}
                      for k in range(n)]}


def found(source: list[PageFacts] | DocFacts, **ctx) -> list[tuple]:
    """(rule, severity, page, message, where) of each finding, in the order found."""
    ctx.setdefault("booklet", False)
    facts = source if isinstance(source, DocFacts) else doc(source)
    return [(f.rule, f.severity, f.page, f.message, f.where)
            for f in check(facts, Context(**ctx)).findings]


# --- what a foreign PDF is checked against ------------------------------------------------

def test_a_foreign_pdf_is_checked_for_3_mm_bleed_a_5_mm_safe_zone_as_a_booklet() -> None:
    assert Context() == Context(kind="pages", bleed=3 * 72 / 25.4, safe=5 * 72 / 25.4,
                                body_min=None, phone_min=None, manifest=None, booklet=True,
                                deep=True)


def test_a_report_s_errors_are_its_errors_only() -> None:
    report = Report()
    report.add("colour.rich-black-text", "warning", 1, "9.0 pt…", "100 % K")
    report.add("text.min-size", "error", 2, "text at 4.0 pt, under 6 pt", "6 pt", "avis")
    assert [(f.rule, f.page, f.where) for f in report.errors] == [("text.min-size", 2, "avis")]


def test_a_clean_page_has_no_finding() -> None:
    clean = {"texts": [run(14)], "strokes": [0.5], "paints": [(40.0, 50.0, 200.0, 300.0)],
             "fonts": {"/F1:/ABCDEF+Atkinson-Regular": ("TrueType", True)},
             "colour_spaces": {"DeviceCMYK", "ICC-CMYK"}}
    assert found(pages(clean, clean, clean, clean), booklet=True) == []
    assert found(pages(clean), booklet=True) == [
        ("pages.multiple-of-4", "error", None,
         "1 page: a saddle-stitched booklet needs a multiple of 4", "")]


# --- boxes: TrimBox ⊆ BleedBox ⊆ MediaBox, within 0.01 pt --------------------------------

NESTING = ("boxes.nesting", "error", 1, "TrimBox ⊆ BleedBox ⊆ MediaBox does not hold", "")


def moved(box: tuple, side: int, by: float) -> tuple:
    """``box`` with one side moved outwards (left, bottom, right, top: 0, 1, 2, 3) by ``by``."""
    out = list(box)
    out[side] = box[side] - by if side < 2 else box[side] + by
    return tuple(out)


@pytest.mark.parametrize("side", [0, 1, 2, 3])
def test_a_trim_box_may_pass_its_bleed_box_by_0_01_pt_not_more(side: int) -> None:
    exact = moved(BLEED, side, 0.01)  # the rule computes bleed ∓ 0.01 the same way
    assert found([page(trim=exact)], kind="sheets") == []
    assert found([page(trim=moved(BLEED, side, 0.005))], kind="sheets") == []
    assert found([page(trim=moved(BLEED, side, 0.05))], kind="sheets") == [NESTING]


@pytest.mark.parametrize("side", [0, 1, 2, 3])
def test_a_bleed_box_may_pass_its_media_box_by_0_01_pt_not_more(side: int) -> None:
    assert found([page(bleed=moved(MEDIA, side, 0.01))], kind="sheets") == []
    assert found([page(bleed=moved(MEDIA, side, 0.05))], kind="sheets") == [NESTING]


def test_boxes_that_coincide_nest() -> None:
    assert found([page(trim=MEDIA, bleed=MEDIA)], kind="sheets") == []


def test_a_nesting_fault_is_the_page_s_only_box_finding() -> None:
    """No bleed measured across boxes that do not nest (it would read as a negative bleed)."""
    assert found([page(trim=moved(BLEED, 0, 2.0))]) == [NESTING]


# --- bleed: 3 mm on every side of a page PDF ---------------------------------------------

def short(side: int, bleed_mm: float) -> tuple:
    """TRIM with the bleed on one side down to ``bleed_mm``."""
    out = list(TRIM)
    out[side] = BLEED[side] + bleed_mm * MM if side < 2 else BLEED[side] - bleed_mm * MM
    return tuple(out)


@pytest.mark.parametrize("side", [0, 1, 2, 3])
def test_2_9_mm_of_bleed_on_any_side_is_too_little(side: int) -> None:
    assert found([page(trim=short(side, 2.9))]) == [
        ("boxes.bleed", "error", 1, "bleed is 2.9 mm on at least one side, 3 mm needed", "")]
    assert found([page(trim=short(side, 3))]) == []


def test_bleed_is_measured_to_0_01_pt() -> None:
    limit = 3 * MM - 0.01
    exact = (BLEED[0] + limit,) + TRIM[1:]
    assert exact[0] - BLEED[0] == limit  # the rule's margin is exactly its limit
    assert found([page(trim=exact)]) == []
    assert found([page(trim=(BLEED[0] + 3 * MM - 0.005,) + TRIM[1:])]) == []
    assert found([page(trim=(BLEED[0] + 3 * MM - 0.05,) + TRIM[1:])]) == [
        ("boxes.bleed", "error", 1, "bleed is 2.98 mm on at least one side, 3 mm needed", "")]
    assert found([page(trim=(BLEED[0] + 3 * MM + 0.05,) + TRIM[1:])]) == []


def test_the_bleed_needed_is_the_layout_s() -> None:
    assert found([page(trim=short(2, 2.9))], bleed=2.5 * MM) == []
    assert found([page(trim=short(3, 3.2))], bleed=3.5 * MM) == [
        ("boxes.bleed", "error", 1, "bleed is 3.2 mm on at least one side, 3.5 mm needed", "")]


def test_imposed_sheets_need_no_bleed() -> None:
    assert found([page(trim=BLEED)], kind="sheets") == []
    assert found([page(trim=BLEED)]) == [
        ("boxes.bleed", "error", 1, "bleed is 0.0 mm on at least one side, 3 mm needed", "")]


# --- trim sizes, page count ---------------------------------------------------------------

TWO_SIZES = ("boxes.trim-size", "error", None, "2 different trim sizes in one file", "")


def sheet(box: tuple, rotate: int = 0) -> dict:
    return {"trim": box, "bleed": box, "media": box, "rotate": rotate}


def test_the_same_trim_size_anywhere_on_the_media_is_one_size() -> None:
    assert found(pages(sheet((10.5, 12.0, 308.0, 427.0)), sheet((0.0, 0.0, 297.5, 415.0))),
                 kind="sheets") == []


def test_trim_sizes_are_compared_to_a_tenth_of_a_point() -> None:
    assert found(pages(sheet((0, 0, 297.64, 415.0)), sheet((1.0, 0, 298.62, 415.0))),
                 kind="sheets") == []
    assert found(pages(sheet((0, 0, 297.5, 415.04)), sheet((0, 2.0, 297.5, 417.02))),
                 kind="sheets") == []
    assert found(pages(sheet((0, 0, 297.6, 415.0)), sheet((0, 0, 297.8, 415.0))),
                 kind="sheets") == [TWO_SIZES]
    assert found(pages(sheet((0, 0, 297.5, 415.6)), sheet((0, 0, 297.5, 415.8))),
                 kind="sheets") == [TWO_SIZES]


def test_three_trim_sizes_are_counted() -> None:
    assert found(pages(sheet((0, 0, 100, 200)), sheet((0, 0, 200, 100)),
                       sheet((0, 0, 100, 100)), sheet((0, 0, 100, 200))), kind="sheets") == [
        ("boxes.trim-size", "error", None, "3 different trim sizes in one file", "")]


@pytest.mark.parametrize("rotate", [90, 270])
def test_a_page_turned_a_quarter_is_compared_as_a_viewer_shows_it(rotate: int) -> None:
    assert found(pages(sheet((0, 0, 297.5, 415.0)), sheet((0, 0, 415.0, 297.5), rotate)),
                 kind="sheets") == []
    assert found(pages(sheet((0, 0, 297.5, 415.0)), sheet((0, 0, 297.5, 415.0), rotate)),
                 kind="sheets") == [TWO_SIZES]


def test_a_page_turned_a_half_keeps_its_size() -> None:
    assert found(pages(sheet((0, 0, 297.5, 415.0)), sheet((0, 0, 297.5, 415.0), 180)),
                 kind="sheets") == []


@pytest.mark.parametrize("n,finding", [
    (3, [("pages.multiple-of-4", "error", None,
          "3 pages: a saddle-stitched booklet needs a multiple of 4", "")]),
    (4, []), (5, [("pages.multiple-of-4", "error", None,
                   "5 pages: a saddle-stitched booklet needs a multiple of 4", "")]),
    (6, [("pages.multiple-of-4", "error", None,
          "6 pages: a saddle-stitched booklet needs a multiple of 4", "")]),
    (8, []), (12, [])])
def test_a_booklet_has_a_multiple_of_4_pages(n: int, finding: list) -> None:
    assert found(pages(*[{}] * n), booklet=True) == finding
    assert found(pages(*[{}] * n), booklet=False) == []
    assert found(pages(*[{}] * n), booklet=True, kind="sheets") == []


# --- fonts, colour -------------------------------------------------------------------------

def test_each_unembedded_font_by_name_type3_by_resource() -> None:
    fonts = {"/F1:/Helvetica-Bold": ("Type1", False), "/F2:/Times": ("Type1", False),
             "/F3:/ABCDEF+Atkinson-Regular": ("TrueType", False),
             "/F4:/Embedded": ("TrueType", True), "/T3:": ("Type3", False),
             "/F5:/Police:Grasse": ("TrueType", False)}  # a colon is a name's character
    assert found([page(fonts=fonts)]) == [
        ("fonts.embedded", "error", 1, "font Helvetica-Bold is not embedded (a standard-14 font)",
         ""),
        ("fonts.embedded", "error", 1, "font Times is not embedded (a standard-14 font)", ""),
        ("fonts.embedded", "error", 1, "font ABCDEF+Atkinson-Regular is not embedded", ""),
        ("fonts.type3", "error", 1, "Type 3 font T3", ""),
        ("fonts.embedded", "error", 1, "font Police:Grasse is not embedded", "")]


def test_rgb_spaces_are_named_sorted_once_a_page() -> None:
    spaces = {"DeviceCMYK", "Indexed-DeviceRGB", "CalRGB", "ICC-CMYK", "Lab", "ICC-RGB",
              "DeviceGray", "Indexed-ICC-CMYK", "Separation"}
    assert found(pages({"colour_spaces": spaces}, {"colour_spaces": {"DeviceRGB"}},
                       {"colour_spaces": {"Lab", "ICC-CMYK"}})) == [
        ("colour.rgb", "error", 1, "RGB colour used (CalRGB, ICC-RGB, Indexed-DeviceRGB)", ""),
        ("colour.rgb", "error", 2, "RGB colour used (DeviceRGB)", "")]


# --- text sizes ---------------------------------------------------------------------------

def small(n: int, size: float) -> tuple:
    return ("text.min-size", "error", n, f"text at {size} pt, under 6 pt", "")


def test_text_under_6_pt_to_a_hundredth() -> None:
    """One page per size; the page's smallest run is named."""
    sizes = [[6 - 0.01], [6.0], [6.05], [5.95], [5.5], [6.5], [5.0, 4.0, 4.5], [10.0],
             [5.98], [4.0, 5.0]]
    assert found(pages(*[{"texts": [run(s) for s in row]} for row in sizes]),
                 kind="sheets") == [small(4, "5.95"), small(5, "5.5"), small(7, "4.0"),
                                    small(9, "5.98"), small(10, "4.0")]


def test_the_first_of_the_smallest_runs_is_located() -> None:
    texts = [run(5.0, into("intro")), run(4.0, into("phone")), run(4.0, into("intro")),
             run(4.5, into("steps.0.text"))]
    assert found([page(texts=texts)], kind="sheets", manifest=manifest(1)) == [
        ("text.min-size", "error", 1, "text at 4.0 pt, under 6 pt", "couverture → phone")]


LAYOUT = dict(kind="sheets", body_min=14.0, phone_min=18.0)


def test_body_text_under_the_layout_s_size_to_a_hundredth() -> None:
    sizes = [[14 - 0.01], [14.0], [14.05], [13.96], [13.0, 12.0, 12.5], [12.0, 13.0]]
    texts = [{"texts": [run(s, into("intro")) for s in row]} for row in sizes]
    assert found(pages(*texts), manifest=manifest(6), **LAYOUT) == [
        ("text.body-size", "error", 4, "body text at 13.96 pt, under the layout's 14 pt",
         "contacts → intro"),
        ("text.body-size", "error", 5, "body text at 12.0 pt, under the layout's 14 pt",
         "actions → intro"),
        ("text.body-size", "error", 6, "body text at 12.0 pt, under the layout's 14 pt",
         "documents → intro")]


def test_phone_numbers_under_the_layout_s_size_to_a_hundredth() -> None:
    sizes = [[18 - 0.01], [18.0], [18.05], [17.96], [16.0, 15.0, 15.5], [15.0, 16.0]]
    texts = [{"texts": [run(s, into("phone")) for s in row]} for row in sizes]
    assert found(pages(*texts), manifest=manifest(6), **LAYOUT) == [
        ("text.phone-size", "error", 4, "phone number at 17.96 pt, under 18 pt",
         "contacts → phone"),
        ("text.phone-size", "error", 5, "phone number at 15.0 pt, under 18 pt",
         "actions → phone"),
        ("text.phone-size", "error", 6, "phone number at 15.0 pt, under 18 pt",
         "documents → phone")]


def test_each_field_is_held_to_its_own_size() -> None:
    """16 pt: enough for running text, not for a phone number; a label « Téléphone » is
    running text; page numbers and the lot frame are small on purpose; text outside every
    field is held to 6 pt only."""
    texts = [run(16, into("phone")), run(16, into("whatsapp")), run(16, into("labels.phone")),
             run(16, into("intro")), run(8, into("page_number")), run(8, into("dos.lot_label")),
             run(10, at(80, 140))]
    assert found([page(texts=texts)], manifest=manifest(1), **LAYOUT) == [
        ("text.phone-size", "error", 1, "phone number at 16.0 pt, under 18 pt",
         "couverture → phone")]
    card = [run(16, into("cards.0.telephone")), run(16, into("steps.0.text"))]
    assert found([page(texts=card)], manifest=manifest(1), **LAYOUT) == [
        ("text.phone-size", "error", 1, "phone number at 16.0 pt, under 18 pt",
         "couverture → cards.0.telephone")]  # a number pre-printed on a contact card
    label = [run(13, into("labels.phone")), run(13.5, into("steps.0.text"))]
    assert found([page(texts=label)], manifest=manifest(1), **LAYOUT) == [
        ("text.body-size", "error", 1, "body text at 13.0 pt, under the layout's 14 pt",
         "couverture → labels.phone")]


def test_body_and_phone_are_told_apart_when_the_layout_gives_both_the_same_size() -> None:
    """A large-print layout may ask 18 pt for both: body text at 16 pt is body text."""
    texts = [run(16, into("intro")), run(17, into("phone")), run(15, into("steps.0.text"))]
    assert found([page(texts=texts)], manifest=manifest(1), kind="sheets", body_min=18.0,
                 phone_min=18.0) == [
        ("text.body-size", "error", 1, "body text at 15.0 pt, under the layout's 18 pt",
         "couverture → steps.0.text"),
        ("text.phone-size", "error", 1, "phone number at 17.0 pt, under 18 pt",
         "couverture → phone")]


def test_each_minimum_given_is_applied_alone() -> None:
    texts = [run(13, into("intro")), run(16, into("phone"))]
    assert found([page(texts=texts)], manifest=manifest(1), kind="sheets", body_min=14.0) == [
        ("text.body-size", "error", 1, "body text at 13.0 pt, under the layout's 14 pt",
         "couverture → intro")]
    assert found([page(texts=texts)], manifest=manifest(1), kind="sheets", phone_min=18.0) == [
        ("text.phone-size", "error", 1, "phone number at 16.0 pt, under 18 pt",
         "couverture → phone")]
    assert found([page(texts=texts)], **LAYOUT) == []  # no layout map: no field known


def test_the_first_of_equally_small_runs_is_located() -> None:
    texts = [run(12, into("intro")), run(12, into("steps.0.text")), run(16, into("phone")),
             run(16, into("whatsapp"))]
    assert found([page(texts=texts)], manifest=manifest(1), **LAYOUT) == [
        ("text.body-size", "error", 1, "body text at 12.0 pt, under the layout's 14 pt",
         "couverture → intro"),
        ("text.phone-size", "error", 1, "phone number at 16.0 pt, under 18 pt",
         "couverture → phone")]


def test_sizes_read_under_their_limit() -> None:
    assert points(4.0, 6) == "4.0"
    assert points(13.96, 14) == "13.96"
    assert points(13.989, 14) == "13.99"
    assert points(5.9996, 6) == "5.9996"
    assert points(5.99997, 6) == "6.0000"  # four decimals at most


# --- where a finding is, in our build ------------------------------------------------------

def test_a_finding_is_located_on_the_page_of_the_layout_map_it_is_on() -> None:
    """Pages 1–3 in the layout map, a page 4 added after it (no place to give)."""
    tiny = [{"texts": [run(4, into("intro"))]}] * 4
    assert found(pages(*tiny), kind="sheets", manifest=manifest(3)) == [
        ("text.min-size", "error", n, "text at 4.0 pt, under 6 pt", where)
        for n, where in [(1, "couverture → intro"), (2, "mode-emploi → intro"),
                         (3, "rendez-vous → intro"), (4, "")]]


def test_a_run_outside_every_field_is_located_by_its_page() -> None:
    assert found([page(texts=[run(4, at(80, 140))])], kind="sheets", manifest=manifest(1)) == [
        ("text.min-size", "error", 1, "text at 4.0 pt, under 6 pt", "couverture")]


def edge_fields(px: float, py: float) -> dict[str, list]:
    """Fields whose edge, pushed out by the 0.5 mm allowance, passes through (px, py)."""
    fields = {"gauche": [px + 0.5, py - 5, 10, 10], "bas": [px - 5, py + 0.5, 10, 10],
              "droite": [px - 10.5, py - 5, 10, 10], "haut": [px - 5, py - 10.5, 10, 10]}
    left, bottom, right, top = fields.values()
    assert (left[0] - 0.5, bottom[1] - 0.5) == (px, py)  # exactly on the allowance
    assert (right[0] + right[2] + 0.5, top[1] + top[3] + 0.5) == (px, py)
    return fields


@pytest.mark.parametrize("edge", ["gauche", "bas", "droite", "haut"])
def test_a_run_within_half_a_millimetre_of_a_field_is_in_it(edge: str) -> None:
    x, y = at(30, 60)
    px, py = (x - TRIM[0]) / MM, (y - TRIM[1]) / MM
    box = edge_fields(px, py)[edge]
    # The field moved 0.05 mm towards the run, then 0.05 mm away from it.
    towards = {"gauche": (-0.05, 0), "bas": (0, -0.05), "droite": (0.05, 0), "haut": (0, 0.05)}
    shift = (*towards[edge], 0, 0)
    boxes = {"": box, "within": [v + d for v, d in zip(box, shift)],
             "beyond": [v - d for v, d in zip(box, shift)]}
    where = {}
    for name, b in boxes.items():
        fields = manifest(1, [{"path": f"{edge}.cadre", "box_mm": b}])
        [finding] = found([page(texts=[run(4, (x, y))])], kind="sheets", manifest=fields)
        where[name] = finding[-1]
    assert where == {"": f"couverture → {edge}.cadre", "within": f"couverture → {edge}.cadre",
                     "beyond": "couverture"}


# --- rich black ----------------------------------------------------------------------------

RICH = (0.6, 0.4, 0.4, 1.0)


def test_small_text_in_rich_black() -> None:
    """One page each: 12 pt is no longer small, K over 90 %, C+M+Y over 1 %."""
    cases = [(9, ("DeviceCMYK", RICH)), (12, ("DeviceCMYK", RICH)), (12.5, ("DeviceCMYK", RICH)),
             (11.5, ("DeviceCMYK", RICH)), (14, ("DeviceCMYK", RICH)),
             (9, ("DeviceCMYK", (0.5, 0.0, 0.0, 0.9))), (9, ("DeviceCMYK", (0.5, 0.0, 0.0, 0.85))),
             (9, ("DeviceCMYK", (0.5, 0.0, 0.0, 0.95))), (9, BLACK),
             (9, ("DeviceCMYK", (0.01, 0.0, 0.0, 1.0))), (9, ("DeviceCMYK", (0.05, 0.0, 0.0, 1.0))),
             (9, ("DeviceCMYK", (0.0, 0.0, 0.5, 1.0))), (9, ("DeviceCMYK", (0.6, 0.4, 0.4, 0.6))),
             (9, ("DeviceCMYK", ())),  # `cs` set the space, no `sc` yet: no values
             (9, ("ICC-CMYK", RICH)), (9, ("DeviceN", RICH)), (9, ("DeviceRGB", (0.1, 0, 0)))]
    found_ = found(pages(*[{"texts": [run(s, colour=c)]} for s, c in cases]), kind="sheets")
    assert found_ == [
        ("colour.rich-black-text", "warning", n, message, "") for n, message in [
            (1, "9.0 pt black text in rich black (60, 40, 40, 100)"),
            (4, "11.5 pt black text in rich black (60, 40, 40, 100)"),
            (8, "9.0 pt black text in rich black (50, 0, 0, 95)"),
            (11, "9.0 pt black text in rich black (5, 0, 0, 100)"),
            (12, "9.0 pt black text in rich black (0, 0, 50, 100)"),
            (15, "9.0 pt black text in rich black (60, 40, 40, 100)")]]


def test_rich_black_names_the_page_s_last_run_once() -> None:
    texts = [run(9, colour=("DeviceCMYK", RICH)), run(10, colour=BLACK),
             run(8, colour=("DeviceCMYK", (0.4, 0.3, 0.3, 1.0))), run(9, colour=BLACK)]
    assert found([page(texts=texts)], kind="sheets") == [
        ("colour.rich-black-text", "warning", 1, "8.0 pt black text in rich black "
         "(40, 30, 30, 100)", "")]


# --- lines, images --------------------------------------------------------------------------

def test_lines_under_a_quarter_point() -> None:
    strokes = [[0.25 - 1e-6], [0.25], [0.3], [0.2], [0.2, 0.1, 0.5, 0.24], [0.26, 1.0]]
    assert found(pages(*[{"strokes": s} for s in strokes])) == [
        ("lines.min-weight", "error", 4, "1 line under 0.25 pt (thinnest 0.20 pt)", ""),
        ("lines.min-weight", "error", 5, "3 lines under 0.25 pt (thinnest 0.10 pt)", "")]


def image(name: str, ppi: float, px: int = 600) -> ImagePlacement:
    """An image of ``px`` × ``px`` pixels placed at ``ppi``."""
    return ImagePlacement(name, px, px, px / ppi * 72, px / ppi * 72, "DeviceCMYK")


def test_images_under_300_ppi_to_half_a_pixel_an_inch() -> None:
    images = [ImagePlacement("/Im0", 599, 599, 144.0, 144.0, "DeviceCMYK"),  # 299.5 ppi
              image("/Im1", 300), image("/Im2", 299.55), image("/Im3", 299.45),
              ImagePlacement("/Im4", 598, 598, 144.0, 144.0, "DeviceCMYK"),  # 299 ppi
              ImagePlacement("/Im5", 600, 300, 144.0, 144.0, "DeviceCMYK"),  # 150 ppi high
              image("/Photo", 1200)]
    assert images[0].ppi == 299.5 and images[4].ppi == 299
    assert found([page(images=images)]) == [
        ("images.resolution", "error", 1, f"image /Im{k} at {ppi} ppi at its placed size", "")
        for k, ppi in [(3, 299), (4, 299), (5, 150)]]


# --- knockout -------------------------------------------------------------------------------

def test_black_knocking_out_colour_counted_by_kind_located_at_the_first_text() -> None:
    ko = [("shape", *at(80, 140)), ("line", *into("steps.0.text")), ("text", *into("intro")),
          ("shape", *at(80, 130)), ("text", *into("phone"))]
    assert found([page(knockouts=ko)], kind="sheets", manifest=manifest(1)) == [
        ("colour.black-knockout", "warning", 1,
         "2 black text runs and 1 black hairline and 2 black shapes (pictograms, strokes over "
         "1 pt) knock out a coloured background", "couverture → intro")]


def test_one_knockout_knocks_two_knock() -> None:
    cases = [[("line", *into("intro"))], [("shape", *into("phone"))],
             [("shape", *into("phone")), ("line", *into("steps.0.text"))],
             [("shape", *into("phone")), ("shape", *into("intro"))],
             [("text", *into("intro"))] * 3, []]
    assert found(pages(*[{"knockouts": k} for k in cases]), kind="sheets",
                 manifest=manifest(6)) == [
        ("colour.black-knockout", "warning", n, message, where) for n, message, where in [
            (1, "1 black hairline knocks out a coloured background", "couverture → intro"),
            (2, "1 black shape (pictograms, strokes over 1 pt) knocks out a coloured "
                "background", "mode-emploi → phone"),
            (3, "1 black hairline and 1 black shape (pictograms, strokes over 1 pt) knock out "
                "a coloured background", "rendez-vous → steps.0.text"),
            (4, "2 black shapes (pictograms, strokes over 1 pt) knock out a coloured "
                "background", "contacts → phone"),
            (5, "3 black text runs knock out a coloured background", "actions → intro")]]


# --- annotations -----------------------------------------------------------------------------

def test_annotations_inside_the_bleed_box_only() -> None:
    assert found(pages({"annotations": [(40.0, 50.0, 100.0, 60.0), (0.5, 0.5, 1.0, 1.0)]},
                       {"annotations": [(0.5, 0.5, 1.0, 1.0), BLEED]})) == [
        ("pdfx.annotation", "error", 1, "an annotation lies inside the bleed box", ""),
        ("pdfx.annotation", "error", 2, "an annotation lies inside the bleed box", "")]


# --- the safe zone: art ----------------------------------------------------------------------

ART = ("layout.safe-margin-art", "warning")
ART_MESSAGE = "a drawing or image lies in the safe margin without reaching the trim"


def art(side: int, edge: float) -> tuple:
    """A 20 pt box mid-side whose outer edge on ``side`` lies at ``edge`` pt from the trim."""
    x, y = (TRIM[0] + TRIM[2]) / 2, (TRIM[1] + TRIM[3]) / 2
    box = [x - 10, y - 10, x + 10, y + 10]
    box[side] = TRIM[side] + edge if side < 2 else TRIM[side] - edge
    return tuple(box)


@pytest.mark.parametrize("side", [0, 1, 2, 3])
def test_art_may_come_1_pt_into_the_safe_margin_or_reach_the_trim(side: int) -> None:
    """Inside the safe zone less 1 pt, or within 0.5 pt of the trim (a background), or in
    the margin between: one page each."""
    exact = list(TRIM)  # the rule's own computation of the inner edge
    exact[side] = TRIM[side] + SAFE - 1 if side < 2 else TRIM[side] - SAFE + 1
    edges = [None, SAFE - 0.5, SAFE - 1.5, 0.55, 0.5, 0.45, 0.0, -8.0, 5.0]
    boxes = [art(side, 0)[:side] + (exact[side],) + art(side, 0)[side + 1:]] + \
        [art(side, e) for e in edges[1:]]
    assert found(pages(*[{"paints": [b]} for b in boxes])) == [
        (*ART, n, ART_MESSAGE, "") for n in (3, 4, 9)]


def test_the_first_art_in_the_margin_is_located_once() -> None:
    fields = [{"path": "pictos.0", "box_mm": [1, 60, 2, 2]}, {"path": "pictos.1",
                                                           "box_mm": [1, 80, 3, 3]}]
    first, second = (*at(1.5, 60.5), *at(8, 70)), (*at(1.5, 80.5), *at(8, 90))
    inside = (*at(20, 30), *at(40, 50))
    assert found([page(paints=[inside, first, second])], manifest=manifest(1, fields)) == [
        (*ART, 1, ART_MESSAGE, "couverture → pictos.0")]


def test_an_empty_path_is_no_art() -> None:
    """A path with no points has the extent (0, 0, 0, 0): here, the origin lies in the margin
    (the trim starts 10 pt below and left of it)."""
    trim = (-10.0, -10.0, 287.5, 405.0)
    bleed = (-18.6, -18.6, 296.1, 413.6)
    assert found([page(trim=trim, bleed=bleed, media=bleed, paints=[(0.0, 0.0, 0.0, 0.0)])]) \
        == []
    assert found([page(trim=trim, bleed=bleed, media=bleed, paints=[(0.0, 0.0, 0.1, 0.1)])]) \
        == [(*ART, 1, ART_MESSAGE, "")]


# --- the safe zone: text ---------------------------------------------------------------------

def text_at(side: int, beyond: float, size: float = 10) -> TextRun:
    """A run mid-page whose origin lies ``beyond`` pt past the text limit on ``side`` (the
    safe zone less 0.5 pt, and 0.3 × the size more below: descenders)."""
    x, y = (TRIM[0] + TRIM[2]) / 2, (TRIM[1] + TRIM[3]) / 2
    limit = [TRIM[0] + SAFE - 0.5, TRIM[1] + SAFE - 0.5 - size * 0.3,
             TRIM[2] - SAFE + 0.5, TRIM[3] - SAFE + 0.5][side]
    edge = limit - beyond if side < 2 else limit + beyond
    return TextRun(size, edge, y, BLACK) if side in (0, 2) else TextRun(size, x, edge, BLACK)


@pytest.mark.parametrize("side,message", [
    (0, "text starts 4.8 mm from the trim, inside the 5 mm safe margin"),
    (1, "text starts 3.7 mm from the trim, inside the 5 mm safe margin"),
    (2, "text starts 4.8 mm from the trim, inside the 5 mm safe margin"),
    (3, "text starts 4.8 mm from the trim, inside the 5 mm safe margin")])
def test_text_starts_in_the_safe_zone_less_half_a_point(side: int, message: str) -> None:
    """On the limit, 0.05 pt inside it, 0.05 and 0.15 pt past it, 0.15 pt inside: a page each."""
    rows = [text_at(side, b) for b in (0.0, -0.05, 0.05, 0.15, -0.15)]
    assert found(pages(*[{"texts": [r]} for r in rows])) == [
        ("layout.safe-margin", "error", n, message, "") for n in (3, 4)]
    assert found(pages(*[{"texts": [r]} for r in rows]), kind="sheets") == []


def test_text_near_each_edge_says_how_far_from_it() -> None:
    """The distance to the nearest edge of the trim, a run at 3, 2, 1 and 4 mm from each."""
    x, y = at(50, 70)
    runs = [TextRun(10, *at(3, 70), BLACK), TextRun(10, *at(50, 2), BLACK),
            TextRun(10, TRIM[2] - 1 * MM, y, BLACK), TextRun(10, x, TRIM[3] - 4 * MM, BLACK)]
    assert found(pages(*[{"texts": [r]} for r in runs])) == [
        ("layout.safe-margin", "error", n, f"text starts {mm} mm from the trim, inside the 5 mm "
         "safe margin", "") for n, mm in [(1, "3.0"), (2, "2.0"), (3, "1.0"), (4, "4.0")]]


def test_a_page_s_first_run_in_the_margin_is_named_once_with_the_layout_s_margin() -> None:
    runs = [TextRun(14, *into("intro"), BLACK), TextRun(14, *at(2, 12), BLACK),
            TextRun(14, *at(1, 100), BLACK)]
    fields = [{"path": "intro", "box_mm": [1, 11, 40, 5]}]
    assert found([page(texts=runs)], manifest=manifest(1, fields), safe=8 * MM) == [
        ("layout.safe-margin", "error", 1, "text starts 2.0 mm from the trim, inside the 8 mm "
         "safe margin", "couverture → intro")]


# --- PDF/X-4 identification -------------------------------------------------------------------

def pdfx(**changes) -> list[tuple]:
    return [(rule, message) for rule, _, _, message, _ in found(doc(pages({}), **changes))]


def test_pdfx_identification() -> None:
    assert pdfx() == []
    assert pdfx(output_intents=[]) == [
        ("pdfx.output-intent", "0 GTS_PDFX output intents (exactly one needed)")]
    assert pdfx(output_intents=[FOGRA39, FOGRA39]) == [
        ("pdfx.output-intent", "2 GTS_PDFX output intents (exactly one needed)")]
    other = {"S": "/GTS_PDFA1", "profile_n": 3, "identifier": ""}
    assert pdfx(output_intents=[other, FOGRA39]) == []
    lacking = "the output intent lacks a CMYK profile or its identifier"
    assert pdfx(output_intents=[{**FOGRA39, "profile_n": 3}]) == [("pdfx.output-intent",
                                                                   lacking)]
    assert pdfx(output_intents=[{**FOGRA39, "identifier": ""}]) == [("pdfx.output-intent",
                                                                    lacking)]
    assert pdfx(xmp="<pdfxid:GTS_PDFXVersion>PDF/X-1a</pdfxid:GTS_PDFXVersion>") == [
        ("pdfx.version", "XMP does not identify the file as PDF/X-4")]
    assert pdfx(info={"Trapped": "/True", "Title": "Mon Récap"}) == []
    assert pdfx(info={"Trapped": "/Unknown", "Title": "Mon Récap"}) == [
        ("pdfx.trapped", "Trapped is not True or False")]
    assert pdfx(info={"Trapped": "/False", "Title": ""}) == [("pdfx.title", "no Title")]
    assert pdfx(has_id=False) == [("pdfx.id", "no trailer ID")]
    assert pdfx(version="1.7") == []
    assert pdfx(version="1.5") == [("pdfx.pdf-version", "PDF 1.5, PDF/X-4 is PDF 1.6")]
    assert pdfx(encrypted=True) == [("pdfx.encryption", "the file is encrypted")]
    assert pdfx(javascript=True) == [("pdfx.javascript", "the file carries JavaScript")]


def test_a_plain_pdf_breaks_every_identification_rule_once_in_order() -> None:
    plain = doc([page()], version="1.4", has_id=False, info={}, xmp="", output_intents=[],
                encrypted=True, javascript=True)
    assert [(f.rule, f.severity, f.page, f.message, f.hint)
            for f in check(plain, Context(booklet=False)).findings] == [
        ("pdfx.output-intent", "error", None, "0 GTS_PDFX output intents (exactly one needed)",
         "monrecap build adds the FOGRA39 output intent as its last step"),
        ("pdfx.version", "error", None, "XMP does not identify the file as PDF/X-4",
         "pdfxid:GTS_PDFXVersion = PDF/X-4 in the XMP metadata"),
        ("pdfx.trapped", "error", None, "Trapped is not True or False",
         "set /Trapped in the Info dictionary"),
        ("pdfx.title", "error", None, "no Title", "set the document title"),
        ("pdfx.id", "error", None, "no trailer ID", "write the file with an /ID"),
        ("pdfx.pdf-version", "error", None, "PDF 1.4, PDF/X-4 is PDF 1.6", "save as PDF 1.6"),
        ("pdfx.encryption", "error", None, "the file is encrypted", "export without a password"),
        ("pdfx.javascript", "error", None, "the file carries JavaScript", "remove it")]
