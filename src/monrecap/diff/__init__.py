"""Version diff: what changed in the content, what changed on the page, and what nobody
asked for."""

from __future__ import annotations

from pathlib import Path

from monrecap.errors import MonrecapError, UsageError

REPORT_DPI = 60  # pictures in the HTML report


def run_diff(root: Path, old: str, new: str, old_variant: str | None, variant: str | None,
             fail_on: str | None, dpi: float, report: Path | None, progress=lambda _: None,
             cited=lambda ids: {}):
    """`monrecap diff`: each side a version id or a PDF; writes the HTML report if asked.
    ``cited`` gives the excerpts of the feedback ids the changelog cites (feedback/ sits
    above the diff, so the CLI passes it in)."""
    from monrecap.diff.diffhtml import diff_html
    from monrecap.diff.explain import diff_sides
    from monrecap.diff.sides import is_version, pdf_side, version_side
    from monrecap.files import write_atomic

    if fail_on not in (None, "unexplained"):
        raise UsageError(f"--fail-on takes 'unexplained', not '{fail_on}'")
    sides = []
    for spec, edition in ((old, old_variant), (new, variant)):
        if is_version(spec):
            sides.append(version_side(root, spec, edition, progress))
        elif Path(spec).is_file():
            sides.append(pdf_side(Path(spec)))
        else:
            raise MonrecapError(f"'{spec}' is neither a version id nor a PDF file")
    result = diff_sides(sides[0], sides[1], dpi, REPORT_DPI if report else None)
    result.evidence = cited([i for e in result.changelog for i in e.evidence])
    if sides[0].carnet is not None and sides[1].carnet is not None:
        from monrecap.risk import risk_diff  # the register of each side, compared

        result.risk = risk_diff(sides[0].carnet, sides[1].carnet)
    if report:
        write_atomic(report, diff_html(result, REPORT_DPI).encode("utf-8"))
    return result
