"""Imposition: a page PDF onto press sheets (saddle, cut-and-stack, n-up), with marks.

pikepdf is confined to sheetpdf.py and annotations.py (and slugfont.py, the slug line's font);
the plan and the marks are pure geometry and content-stream operators; nothing here imports
`pages/` or `kit/`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from monrecap.errors import ImposeError, SheetFitError
from monrecap.fonts import FontSet
from monrecap.impose.cutstack import CutStackImpositor
from monrecap.impose.marks import side_marks
from monrecap.impose.nup import NupImpositor
from monrecap.impose.profile import PrintProfile, custom_profile, load_profile, profile_names
from monrecap.impose.saddle import SaddleImpositor
from monrecap.impose.sheetpdf import Finish, open_source, write_sheets
from monrecap.impose.sheetplan import MM, SheetPlan, describe, fit_grid
from monrecap.impose.slugfont import read_truetype
from monrecap.plural import count
from monrecap.units import to_mm

__all__ = ["impose_pdf", "plan_imposition", "Imposed", "JobInfo", "PrintProfile",
           "load_profile", "custom_profile", "profile_names", "describe"]

#: More pages than this on one sheet side is a mistake, not a job.
MAX_COPIES = 500

SCHEMES = {"saddle": SaddleImpositor(), "cutstack": CutStackImpositor(), "nup": NupImpositor()}


@dataclass(frozen=True)
class JobInfo:
    """What the slug line says about the job."""

    product: str = ""
    version: str = ""
    variant: str = ""
    date: str = ""
    checksum: str = ""


@dataclass(frozen=True)
class Imposed:
    pdf: bytes
    plan: SheetPlan


def plan_imposition(pages: int, page_size: tuple[float, float], bleed: float,
                    profile: PrintProfile) -> SheetPlan:
    """The sheet plan for ``pages`` pages of ``page_size`` (points) with ``bleed``."""
    scheme = SCHEMES[profile.scheme]
    warnings = []
    n = pages
    if scheme.cell_pages == 2 and pages % 4:
        n = pages + (-pages % 4)
        warnings.append(f"{pages} pages is not a multiple of 4: "
                        f"{count(n - pages, 'blank page', lang='en')} added at the end")
    if scheme.cell_pages == 2 and profile.max_sheets and n // 4 > profile.max_sheets:
        warnings.append(f"{pages} pages make {n // 4} sheets per booklet, over the "
                        f"{profile.max_sheets} that profile {profile.name} staples (max_sheets):"
                        f" the carnet would not close flat; lower its page count")
    cell = (page_size[0] * scheme.cell_pages, page_size[1])
    try:
        grid = fit_grid(profile, cell, bleed)
    except SheetFitError as exc:
        raise profile.located(exc) from None
    copies = grid.count * scheme.cell_pages
    if copies > MAX_COPIES:
        warnings.append(f"{copies:,} pages per sheet side (over {MAX_COPIES}): check the page "
                        "size, this is not a product a print shop makes")
    sheets = scheme.sheets(grid, n, pages, profile, page_size, bleed)
    if profile.creep > 0 and scheme.cell_pages == 2:
        deepest = max(p.creep for s in sheets for side in s.sides for p in side.placements)
        left = profile.safe - deepest
        if left < 5 * MM - 1e-6:
            warnings.append(f"creep moves the innermost pages {to_mm(deepest):.2f} mm towards "
                            f"the spine: {to_mm(left):.2f} mm remain of the "
                            f"{to_mm(profile.safe):.0f} mm safe margin there (under 5 mm)")
    return SheetPlan(profile.scheme, grid.sheet, profile.duplex, page_size, bleed, n,
                     n - pages, sheets, warnings)


def impose_pdf(data: bytes | Path, name: str, profile: PrintProfile, fonts: FontSet | None,
               job: JobInfo | None = None, finish: Finish | None = None) -> Imposed:
    """Impose a page PDF (bytes, or a file) for a profile; marks need ``fonts`` for the slug
    line. ``finish``: a last step on the sheets before they are saved (see ``Finish``)."""
    source = open_source(data, name)
    plan = plan_imposition(len(source.pages), source.page_size, source.bleed, profile)
    plan.warnings[:0] = source.warnings
    marks, font = None, None
    if profile.marks or profile.guides:
        job = job or JobInfo(product=source.title or name)
        head = " · ".join(v for v in (job.product, job.version, job.variant,
                                      f"{profile.scheme} {profile.duplex}",
                                      job.date, job.checksum) if v)
        if "slug" in profile.marks:
            if fonts is None:
                raise ImposeError("the slug line needs the toolkit's fonts: run from the "
                                  "repository, or leave the slug out of --marks")
            font = read_truetype(fonts.regular)
        marks = side_marks(plan, profile, head)
    return Imposed(write_sheets(source, plan, marks, font, finish), plan)
