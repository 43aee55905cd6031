"""The preflight rules: pure checks of what inspect.py read, each finding with a rule id, a
severity, the page (and, for our builds, the page id and field) and a hint."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from monrecap.plural import count

if TYPE_CHECKING:  # pikepdf loads with inspect.py, after Ghostscript has started
    from monrecap.preflight.facts import DocFacts, PageFacts

MM = 72 / 25.4
STANDARD_14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")
#: Fields printed small on purpose (page numbers, legal lines), and the phone numbers.
SMALL_FIELDS = ("page_number", "owner_hint", "lines", "lot_label", "disposal")
PHONE_FIELDS = ("phone", "whatsapp", "telephone")
#: Colour spaces a print file must not use: RGB, device or calibrated, also as an index base.
#: (Lab is left alone: PDF/X-4 allows it, the RIP converts it with the output intent.)
RGB_SPACES = ("DeviceRGB", "ICC-RGB", "CalRGB")
#: Process colour spaces, where text of a rich black is drawn on four plates.
CMYK_SPACES = ("DeviceCMYK", "ICC-CMYK")


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str        # "error" or "warning"
    page: int | None     # 1-based, None for the document
    message: str
    hint: str
    where: str = ""      # "page id → field", for our builds


@dataclass(frozen=True)
class Context:
    """What the rules need to know beyond the file."""

    kind: str = "pages"             # "pages" (a page PDF) or "sheets" (imposed)
    bleed: float = 3 * MM
    safe: float = 5 * MM
    body_min: float | None = None   # our builds: the layout's body size
    phone_min: float | None = None  # our builds: 18 pt
    manifest: dict | None = None    # our builds: build.json
    booklet: bool = True            # page count must be a multiple of 4
    deep: bool = True               # look inside placed forms and measure ink (not needed
                                    # for sheets that place an already-checked page PDF)


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)

    def add(self, rule, severity, page, message, hint, where=""):
        self.findings.append(Finding(rule, severity, page, message, hint, where))

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


def _inside(inner, outer, tol=0.01) -> bool:
    return inner[0] >= outer[0] - tol and inner[1] >= outer[1] - tol and \
        inner[2] <= outer[2] + tol and inner[3] <= outer[3] + tol


def _locate(ctx: Context, page: PageFacts, x: float, y: float) -> tuple[str, str]:
    """The page id of our build and the field drawn where a text run starts (``""`` when none),
    from the layout map."""
    if ctx.manifest is None or page.number > len(ctx.manifest["pages"]):
        return "", ""
    entry = ctx.manifest["pages"][page.number - 1]
    px, py = (x - page.trim[0]) / MM, (y - page.trim[1]) / MM
    for f in entry["fields"]:
        bx, by, bw, bh = f["box_mm"]
        if bx - 0.5 <= px <= bx + bw + 0.5 and by - 0.5 <= py <= by + bh + 0.5:
            return entry["id"], f["path"]
    return entry["id"], ""


def _field_at(ctx: Context, page: PageFacts, x: float, y: float) -> str:
    """Where a finding is, as the terminal shows it: « page id → field », or the page id."""
    page_id, path = _locate(ctx, page, x, y)
    return f"{page_id} → {path}" if path else page_id


def check(doc: DocFacts, ctx: Context) -> Report:
    """Every rule on every page."""
    report = Report()
    sizes = set()
    for page in doc.pages:
        _boxes(report, page, ctx)
        size = (round(page.trim[2] - page.trim[0], 1), round(page.trim[3] - page.trim[1], 1))
        sizes.add(size[::-1] if page.rotate % 180 == 90 else size)  # as a viewer shows it
        _fonts(report, page)
        _colour(report, page)
        _text(report, page, ctx)
        _lines(report, page)
        _knockout(report, page, ctx)
        _images(report, page)
        _safe(report, page, ctx)
        for rect in page.annotations:
            if _inside(rect, page.bleed):
                report.add("pdfx.annotation", "error", page.number,
                           "an annotation lies inside the bleed box",
                           "remove links and comments from print files")
    if len(sizes) > 1:
        report.add("boxes.trim-size", "error", None,
                   f"{len(sizes)} different trim sizes in one file",
                   "every page of a job has the same trim size")
    if ctx.kind == "pages" and ctx.booklet and len(doc.pages) % 4:
        report.add("pages.multiple-of-4", "error", None,
                   f"{count(len(doc.pages), 'page', lang='en')}: a saddle-stitched booklet needs a "
                   "multiple of 4",
                   "add notes pages (monrecap build pads with them)")
    _pdfx(report, doc)
    return report


def _boxes(report: Report, page: PageFacts, ctx: Context) -> None:
    if not (_inside(page.trim, page.bleed) and _inside(page.bleed, page.media)):
        report.add("boxes.nesting", "error", page.number,
                   "TrimBox ⊆ BleedBox ⊆ MediaBox does not hold",
                   "set the boxes so that each lies inside the next")
        return
    if ctx.kind != "pages":
        return
    t, b = page.trim, page.bleed
    margins = (t[0] - b[0], t[1] - b[1], b[2] - t[2], b[3] - t[3])
    if min(margins) < ctx.bleed - 0.01:
        report.add("boxes.bleed", "error", page.number,
                   f"bleed is {points(min(margins) / MM, ctx.bleed / MM)} mm on at least one "
                   f"side, {ctx.bleed / MM:g} mm needed",
                   "draw on trim + bleed and set the BleedBox, backgrounds into the bleed")


def _fonts(report: Report, page: PageFacts) -> None:
    for name, (subtype, embedded) in page.fonts.items():
        resource, base = (part.lstrip("/") for part in name.split(":", 1))
        if subtype == "Type3":  # a Type 3 font has no BaseFont: its resource name says which
            report.add("fonts.type3", "error", page.number, f"Type 3 font {resource}",
                       "use a TrueType or OpenType font")
        elif not embedded:
            standard = " (a standard-14 font)" if base.split("-")[0] in STANDARD_14 else ""
            report.add("fonts.embedded", "error", page.number,
                       f"font {base} is not embedded{standard}",
                       "embed every font (ReportLab: register a TTF, never a standard font)")


def is_rgb(space: str) -> bool:
    """An RGB colour space name as inspect.py gives it, alone or as an Indexed base.

    >>> [is_rgb(s) for s in ("DeviceRGB", "Indexed-CalRGB", "ICC-CMYK", "Lab")]
    [True, True, False, False]
    """
    return space.removeprefix("Indexed-") in RGB_SPACES


def _colour(report: Report, page: PageFacts) -> None:
    bad = sorted(s for s in page.colour_spaces if is_rgb(s))
    if bad:
        report.add("colour.rgb", "error", page.number, f"RGB colour used ({', '.join(bad)})",
                   "print output is CMYK (or gray, or a spot colour) only; convert images too")


def _text(report: Report, page: PageFacts, ctx: Context) -> None:
    worst_small, rich = None, None
    worst: dict[str, tuple | None] = {"body": None, "phone": None}  # (run, where) each
    for run in page.texts:
        if run.size < 6 - 0.01 and (worst_small is None or run.size < worst_small.size):
            worst_small = run
        page_id, field = _locate(ctx, page, run.x, run.y)
        if field and not any(field.startswith(s) or f".{s}" in field for s in SMALL_FIELDS):
            kind = "phone" if field.split(".")[-1] in PHONE_FIELDS and \
                not field.startswith("labels") else "body"
            limit = ctx.phone_min if kind == "phone" else ctx.body_min
            if limit and run.size < limit - 0.01 and (worst[kind] is None or
                                                      run.size < worst[kind][0].size):
                worst[kind] = (run, f"{page_id} → {field}")
        space, values = run.colour
        if space in CMYK_SPACES and len(values) == 4 and run.size < 12 and values[3] > 0.9 \
                and sum(values[:3]) > 0.01:
            rich = run
    if worst_small:
        report.add("text.min-size", "error", page.number,
                   f"text at {points(worst_small.size, 6)} pt, under 6 pt",
                   "nothing prints legibly under 6 pt", _field_at(ctx, page, worst_small.x,
                                                                 worst_small.y))
    if worst["body"]:
        run, where = worst["body"]
        report.add("text.body-size", "error", page.number,
                   f"body text at {points(run.size, ctx.body_min)} pt, under the layout's "
                   f"{ctx.body_min:g} pt",
                   "the easy-to-read rules ask for 14 pt at least", where)
    if worst["phone"]:
        run, where = worst["phone"]
        report.add("text.phone-size", "error", page.number,
                   f"phone number at {points(run.size, ctx.phone_min)} pt, "
                   f"under {ctx.phone_min:g} pt",
                   f"phone numbers are printed at {ctx.phone_min:g} pt at least", where)
    if rich:
        report.add("colour.rich-black-text", "warning", page.number,
                   f"{rich.size:.1f} pt black text in rich black "
                   f"({', '.join(f'{v * 100:.0f}' for v in rich.colour[1])})",
                   "small black text in 100 % K only: four plates never register perfectly")


def points(size: float, limit: float) -> str:
    """A size under ``limit`` with as many decimals as it takes not to read as the limit.

    >>> points(5.98, 6), points(5.5, 6), points(5.9996, 6)
    ('5.98', '5.5', '5.9996')
    """
    for decimals in range(1, 5):
        text = f"{size:.{decimals}f}"
        if float(text) < limit:
            return text  # never a trailing 0: one decimal fewer would have read under
    return f"{size:.4f}"


def _lines(report: Report, page: PageFacts) -> None:
    thin = [w for w in page.strokes if w < 0.25 - 1e-6]
    if thin:
        report.add("lines.min-weight", "error", page.number,
                   f"{count(len(thin), 'line', lang='en')} under 0.25 pt (thinnest "
                   f"{min(thin):.2f} pt)",
                   "hairlines disappear in print: 0.25 pt at least")


def _knockout(report: Report, page: PageFacts, ctx: Context) -> None:
    """Black drawn over a coloured background must overprint: 100 % K text, K-only hairlines
    and pictogram-sized 100 % K shapes. In knockout, the slightest misregistration leaves a
    white halo around them."""
    if not page.knockouts:
        return
    counts = {kind: sum(k == kind for k, _, _ in page.knockouts)
              for kind in ("text", "line", "shape")}
    names = {"text": ("black text run", ""), "line": ("black hairline", ""),
             "shape": ("black shape", " (pictograms, strokes over 1 pt)")}
    what = " and ".join(count(counts[kind], noun, lang="en") + more
                        for kind, (noun, more) in names.items() if counts[kind])
    verb = "knocks" if sum(counts.values()) == 1 else "knock"
    # Located at the first of the most telling kind: text, then hairlines, then shapes.
    _, x, y = min(page.knockouts, key=lambda k: ("text", "line", "shape").index(k[0]))
    report.add("colour.black-knockout", "warning", page.number,
               f"{what} {verb} out a coloured background",
               "set overprint for 100 % K text, K-only lines up to 1 pt and black pictograms "
               "(/OP true /op true /OPM 1)", _field_at(ctx, page, x, y))


def _images(report: Report, page: PageFacts) -> None:
    for image in page.images:
        if image.ppi < 300 - 0.5:
            report.add("images.resolution", "error", page.number,
                       f"image {image.name} at {image.ppi:.0f} ppi at its placed size",
                       "300 ppi at the placed size: supply a larger image or place it smaller")


def _safe(report: Report, page: PageFacts, ctx: Context) -> None:
    if ctx.kind != "pages":
        return
    t = page.trim
    inner = (t[0] + ctx.safe - 1, t[1] + ctx.safe - 1, t[2] - ctx.safe + 1, t[3] - ctx.safe + 1)
    for box in page.paints:
        if box == (0.0, 0.0, 0.0, 0.0) or _inside(box, inner):
            continue
        # Backgrounds run to the trim (and into the bleed); anything else stays inside.
        reaches_edge = box[0] <= t[0] + 0.5 or box[1] <= t[1] + 0.5 or \
            box[2] >= t[2] - 0.5 or box[3] >= t[3] - 0.5
        if not reaches_edge:
            report.add("layout.safe-margin-art", "warning", page.number,
                       "a drawing or image lies in the safe margin without reaching the trim",
                       "keep art inside the safe zone, or run it into the bleed as a background",
                       _field_at(ctx, page, box[0], box[1]))
            break
    for run in page.texts:
        if not (t[0] + ctx.safe - 0.5 <= run.x <= t[2] - ctx.safe + 0.5 and
                t[1] + ctx.safe - 0.5 - run.size * 0.3 <= run.y <= t[3] - ctx.safe + 0.5):
            gap = min(run.x - t[0], run.y - t[1], t[2] - run.x, t[3] - run.y)
            report.add("layout.safe-margin", "error", page.number,
                       f"text starts {gap / MM:.1f} mm from the trim, inside the "
                       f"{ctx.safe / MM:g} mm safe margin",
                       "keep text inside the safe zone; only backgrounds go to the edge",
                       _field_at(ctx, page, run.x, run.y))
            return


def _pdfx(report: Report, doc: DocFacts) -> None:
    def err(rule, message, hint):
        report.add(rule, "error", None, message, hint)

    gts = [i for i in doc.output_intents if i["S"] == "/GTS_PDFX"]
    if len(gts) != 1:
        err("pdfx.output-intent", f"{len(gts)} GTS_PDFX output intents (exactly one needed)",
            "monrecap build adds the FOGRA39 output intent as its last step")
    elif gts[0]["profile_n"] != 4 or not gts[0]["identifier"]:
        err("pdfx.output-intent", "the output intent lacks a CMYK profile or its identifier",
            "embed a 4-channel output profile and an OutputConditionIdentifier")
    if "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" not in doc.xmp:
        err("pdfx.version", "XMP does not identify the file as PDF/X-4",
            "pdfxid:GTS_PDFXVersion = PDF/X-4 in the XMP metadata")
    if doc.info.get("Trapped") not in ("/True", "/False"):
        err("pdfx.trapped", "Trapped is not True or False", "set /Trapped in the Info dictionary")
    if not doc.info.get("Title"):
        err("pdfx.title", "no Title", "set the document title")
    if not doc.has_id:
        err("pdfx.id", "no trailer ID", "write the file with an /ID")
    if doc.version < "1.6":
        err("pdfx.pdf-version", f"PDF {doc.version}, PDF/X-4 is PDF 1.6",
            "save as PDF 1.6")
    if doc.encrypted:
        err("pdfx.encryption", "the file is encrypted", "export without a password")
    if doc.javascript:
        err("pdfx.javascript", "the file carries JavaScript", "remove it")
