"""« Quoi de neuf »: what a version changed, told to field testers and the advisory committee on
one or two A4 pages, from its changelog and its diff against its parent.

Each changelog entry becomes one short sentence with the pictogram and the page number of the
page it talks about (found by the same page words as feedback attribution), and, where the
visual diff shows the change, a small before/after picture of that page region. The texts go
through the carnet's lint and the PDF through the preflight; nothing is written otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from monrecap.errors import MonrecapError, Problem, UsageError
from monrecap.feedback.attribute import match_pages, page_words
from monrecap.feedback.whatsnew import Sheet, SheetItem

PICTURE_DPI = 300     # crops are placed at their real size or smaller: ≥ 300 ppi
MARGIN_MM = 3.0       # around the changed region
MIN_CROP_MM = (60.0, 24.0)
MAX_CROP_H_MM = 60.0
DEFAULT_PICTO = Path("pictograms/tabler/notebook.svg")  # a change tied to no page


def _crop_box(regions, page_w: float, page_h: float,
              fields: list[list[float]] = ()) -> tuple[float, float, float, float]:
    """The union of the regions (mm, from the trim's bottom-left), grown to the whole text
    fields it cuts (so no line is cut in half), with a margin, at least MIN_CROP_MM, inside
    the page."""
    x0 = min(r.x for r in regions)
    y0 = min(r.y for r in regions)
    x1 = max(r.x + r.w for r in regions)
    y1 = max(r.y + r.h for r in regions)
    for fx, fy, fw, fh in fields:
        if fx < x1 and x0 < fx + fw and fy < y1 and y0 < fy + fh and fh < MAX_CROP_H_MM:
            x0, y0, x1, y1 = min(x0, fx), min(y0, fy), max(x1, fx + fw), max(y1, fy + fh)
    x0, y0, x1, y1 = x0 - MARGIN_MM, y0 - MARGIN_MM, x1 + MARGIN_MM, y1 + MARGIN_MM
    for axis, minimum in enumerate(MIN_CROP_MM):
        lo, hi = (x0, x1) if axis == 0 else (y0, y1)
        if hi - lo < minimum:
            grow = (minimum - (hi - lo)) / 2
            lo, hi = lo - grow, hi + grow
        limit = page_w if axis == 0 else page_h
        lo, hi = max(0.0, lo - max(0.0, hi - limit)), min(limit, hi + max(0.0, -lo))
        x0, x1 = (lo, hi) if axis == 0 else (x0, x1)
        y0, y1 = (lo, hi) if axis == 1 else (y0, y1)
    return x0, y0, x1, y1


def _cmyk(image):
    """RGB → CMYK with full grey replacement: the grey of each pixel goes to black ink, so a
    picture stays under 200 % total ink (Pillow's naive conversion puts dark greys at 300 %,
    and black text overprinting them would pass the print shop's limit)."""
    from PIL import Image, ImageChops

    c, m, y, _ = image.convert("CMYK").split()
    k = ImageChops.darker(ImageChops.darker(c, m), y)
    return Image.merge("CMYK", (*(ImageChops.subtract(band, k) for band in (c, m, y)), k))


def _pictures(old_pdf: Path, new_pdf: Path, result, page_size_mm, fields) -> tuple:
    """Before and after crops of the changed regions of one page pair, CMYK, 300 dpi."""
    from monrecap.diff.visual import _image, open_pdf  # the diff's own rasteriser (pdfium)

    regions = [r.region for r in result.regions if r.kind == "content"] or \
        [r.region for r in result.regions if r.kind != "page-number"]
    if not regions:
        return None, None, None
    x0, y0, x1, y1 = _crop_box(regions, *page_size_mm, fields)
    crops = []
    for path, index in ((old_pdf, result.pair.old), (new_pdf, result.pair.new)):
        doc = open_pdf(path)
        try:
            image = _image(doc, path, index, PICTURE_DPI)
        finally:
            doc.close()
        s = PICTURE_DPI / 25.4
        box = (round(x0 * s), round(image.height - y1 * s), round(x1 * s),
               round(image.height - y0 * s))
        crops.append(_cmyk(image.convert("RGB").crop(box)))
    return crops[0], crops[1], (x1 - x0, y1 - y0)


def plan_sheet(root: Path, vid: str, progress=lambda _: None) -> tuple[Sheet, object]:
    """The sheet's content for ``vid`` against the version it extends, and its carnet."""
    from monrecap.content.text import month_fr
    from monrecap.diff.explain import diff_sides
    from monrecap.diff.sides import version_side

    new = version_side(root, vid, None, progress)
    parent = new.carnet.spec.extends
    if parent is None:
        raise UsageError(f"{vid} extends no version: « Quoi de neuf » tells what changed "
                         "since the previous one")
    old = version_side(root, parent, None, progress)
    progress(f"comparing {parent} and {vid}")
    diff = diff_sides(old, new, dpi=100)
    carnet = new.carnet
    changed = {c.page for c in diff.content or [] if c.page}
    candidates = [page_words(p) for p in carnet.pages if p.id in changed]
    pictos = {p.id: getattr(p, "picto", None) for p in carnet.pages}
    numbers: dict[str, list[int]] = {}
    for page in new.manifest["pages"]:
        numbers.setdefault(page["id"], []).append(page["number"])
    visual = {}
    for result in diff.pages:
        page_id = result.pair.key.split("#")[0]
        if result.status == "changed" and result.kind != "page-number":
            visual.setdefault(page_id, result)
    trim = tuple(new.manifest["layout"]["trim_mm"])
    items = []
    decided = _decisions(root, [i for e in carnet.changelog for i in e.evidence])
    for i, entry in enumerate(carnet.changelog):
        pages = list(match_pages(entry.change, candidates))
        before = after = size = None
        if pages and pages[0] in visual:
            result = visual[pages[0]]
            fields = [f["box_mm"] for f in new.manifest["pages"][result.pair.new]["fields"]
                      if f["path"] != "page_number"]
            before, after, size = _pictures(old.pdf, new.pdf, result, trim, fields)
        shown = tuple(sorted({n for p in pages for n in numbers.get(p, [])[:1]}))
        items.append(SheetItem(f"changelog -> {i} -> change", " ".join(entry.change.split()),
                               next((pictos[p] for p in pages if pictos.get(p)),
                                    root / DEFAULT_PICTO), shown,
                               page_label(shown) if shown else "", before, after, size,
                               " ".join(decided[i] for i in entry.evidence if i in decided)))
    avis = next((p for p in carnet.pages if p.kind == "avis"), None)
    closing = ["Merci pour vos avis.", "Ils nous aident à améliorer le carnet."]
    if avis is not None:
        closing.append(f"{avis.phone_label} {avis.phone}")
        if avis.whatsapp:
            closing.append(f"{avis.whatsapp_label} {avis.whatsapp}")
    number = vid[1:]
    sheet = Sheet(vid, f"Les nouveautés de la version {number}",
                  f"Voici ce qui change dans le carnet {carnet.title}.", tuple(items),
                  tuple(closing), f"{carnet.title}, version {number}, "
                                  f"{month_fr(carnet.released)}.")
    return sheet, carnet


def _decisions(root: Path, ids: list[str]) -> dict[str, str]:
    """The committee decisions a changelog cites, as the sheet says them."""
    from monrecap.content.text import date_fr
    from monrecap.evidence import cited_dates  # impact/ sits above feedback/: by name only

    return {i: f"Décidé avec le comité des usagers le {date_fr(day, weekday=False)}."
            for i, day in cited_dates(root, "dec", ids).items()}


def page_label(numbers: tuple[int, ...]) -> str:
    """« À voir page 19. », « À voir pages 19 et 29. »

    >>> page_label((19,)), page_label((19, 29)), page_label((3, 5, 8))
    ('À voir page 19.', 'À voir pages 19 et 29.', 'À voir pages 3, 5 et 8.')
    """
    if len(numbers) == 1:
        return f"À voir page {numbers[0]}."
    return "À voir pages " + ", ".join(map(str, numbers[:-1])) + f" et {numbers[-1]}."


def sheet_texts(sheet: Sheet) -> dict[str, str]:
    """Every text printed on the sheet, by where it comes from (for the lint)."""
    texts = {"title": sheet.title, "intro": sheet.intro, "colophon": sheet.colophon}
    for item in sheet.items:
        texts[item.key] = item.text
        if item.page_label:
            texts[item.key + " (page)"] = item.page_label
        if item.decision:
            texts[item.key + " (decision)"] = item.decision
    texts.update({f"closing -> {i}": line for i, line in enumerate(sheet.closing)
                  if not line.rstrip().endswith(tuple("0123456789"))})
    return texts


@dataclass(frozen=True)
class SheetResult:
    path: Path
    pages: int
    items: int
    pictures: int
    warnings: tuple[str, ...]


def write_sheet(root: Path, vid: str, output: Path | None = None,
                progress=lambda _: None) -> SheetResult:
    """`monrecap feedback sheet vN`: plan, lint, draw, mark PDF/X-4, preflight, write."""
    from monrecap.content.inherit import version_file
    from monrecap.feedback.whatsnew import SHEET_SAFE, render_whatsnew
    from monrecap.files import write_atomic
    from monrecap.fonts import load_fontset
    from monrecap.layout import load_layout
    from monrecap.lint import lint_texts
    from monrecap.preflight import Context, run_preflight
    from monrecap.preflight.pdfx import mark_pdfx4

    sheet, carnet = plan_sheet(root, vid, progress)
    where = version_file(vid)
    # The changelog's findings point at its lines, as `monrecap lint` reports them.
    marks = {item.key: carnet.locate_top("changelog", i, "change")
             for i, item in enumerate(sheet.items)}
    lint = lint_texts(where, sheet_texts(sheet), {k.upper() for k in carnet.spec.glossary},
                      marks)
    if lint.errors:
        raise MonrecapError([Problem(f.where, f.path, f"{f.message} ({f.hint})")
                             for f in lint.errors])
    layout = load_layout(root, carnet.layout)
    fonts = load_fontset(layout.fonts.regular, layout.fonts.bold)
    progress("drawing the sheet")
    pdf, pages = render_whatsnew(sheet, layout, fonts, carnet)
    pdf = mark_pdfx4(pdf, sheet.title, carnet.released)
    report = run_preflight(pdf, Context(bleed=layout.bleed, safe=SHEET_SAFE,
                                        body_min=layout.type.body, booklet=False))
    if report.errors:
        raise MonrecapError([Problem(f"quoi-de-neuf-{vid}.pdf" + (
            f":page {f.page}" if f.page else ""), f.rule, f"{f.message} ({f.hint})")
            for f in report.errors])
    path = output or root / "dist" / vid / f"quoi-de-neuf-{vid}.pdf"
    write_atomic(path, pdf)
    warnings = tuple(f"{f.where}: {f.path}: {f.message}" for f in lint.warnings) + tuple(
        f"preflight page {f.page}: {f.message}" for f in report.findings
        if f.severity == "warning")
    return SheetResult(path, pages, len(sheet.items),
                       sum(1 for i in sheet.items if i.after is not None), warnings)
