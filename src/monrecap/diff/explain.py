"""Orchestration of `monrecap diff`: build (or reuse) both sides, compare the content, compare
the pages, and trace every changed region to a content change — or flag it unexplained."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from monrecap.content import Carnet
from monrecap.content.schema import ChangeEntry
from monrecap.diff.align import Pair, align_by_keys
from monrecap.diff.content import Change, compare_carnets, compare_layouts
from monrecap.diff.visual import PageComparison, Region, align_pdfs, open_pdf, stream_comparisons
from monrecap.files import sha256, toolkit_fingerprint
from monrecap.progress import tick

PADDING = "notes-ajoutees"


@dataclass(frozen=True)
class Side:
    """One side of the diff: a PDF and, for our builds, its carnet and build.json."""

    label: str
    pdf: Path
    carnet: Carnet | None = None
    layout: Any = None
    manifest: dict | None = None


@dataclass
class RegionResult:
    region: Region
    explanation: str | None   # None: unexplained
    kind: str                 # content, reflow, structure, page-number, unexplained


@dataclass
class PageResult:
    pair: Pair
    status: str               # identical, moved, changed, added, removed
    kind: str = ""            # for changed pages: the class of change
    regions: list[RegionResult] = field(default_factory=list)
    geometry: str | None = None
    old_number: int | None = None   # printed page number (our builds) or PDF page
    new_number: int | None = None
    hint: str = ""
    images: tuple = ()              # (old, new) PIL images, for the HTML report
    padding: bool = False           # a notes page added only to fill the last sheet
    note: str = ""                  # compared otherwise than asked (a very large page)

    @property
    def explained(self) -> bool:
        """Every region traced to a change, and the page's boxes unchanged: no content change
        explains a new trim or bleed."""
        return all(r.explanation for r in self.regions) and not self.geometry

    @property
    def number_only(self) -> bool:
        """Only its page number changed: listed on one line with the others."""
        return self.kind == "page-number" and not self.pair.moved

    @property
    def moved_only(self) -> bool:
        """It changed place, and nothing else but its page number."""
        return self.pair.moved and (self.status == "moved" or self.kind == "page-number")

    @property
    def area(self) -> float:
        return round(sum(r.region.area for r in self.regions), 1)


@dataclass
class DiffResult:
    old: Side
    new: Side
    content: list[Change] | None
    changelog: list[ChangeEntry]
    pages: list[PageResult]
    padding: tuple[int, int] = (0, 0)   # padding pages (removed, added)
    lint: tuple | None = None            # ((errors, warnings) before, (errors, warnings) after)
    evidence: dict[str, str] = field(default_factory=dict)  # cited feedback id → excerpt
    risk: Any = None                     # risk.RiskDiff when both sides are versions

    @property
    def identical(self) -> bool:
        return not self.content and all(p.status == "identical" for p in self.pages) and \
            self.padding == (0, 0)

    @property
    def unexplained(self) -> list[PageResult]:
        return [p for p in self.pages if p.status == "changed" and not p.explained]

    @property
    def content_pages(self) -> list[PageResult]:
        """Pages without the padding pages (which `padding` counts)."""
        return [p for p in self.pages if not p.padding]



def _keys(manifest: dict) -> list[str]:
    return [f"{p['id']}#{p['part']}" for p in manifest["pages"]]


def _path(text: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in text.replace(" -> ", ".").split(".") if t.strip())


def _related(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    n = min(len(a), len(b))
    return n > 0 and a[:n] == b[:n]


def _fields(manifest: dict | None, index: int | None) -> list[tuple[tuple[str, ...], tuple]]:
    if manifest is None or index is None:
        return []
    page = manifest["pages"][index]
    return [(_path(f["path"]), tuple(f["box_mm"])) for f in page["fields"]]


def explain(result: PageResult, page_id: str | None, changes: list[Change],
            old: Side, new: Side, layout_hint: str, colour_only: bool = False) -> None:
    """Give each region of a changed page its explanation, and the page its class.

    A region is explained by a content change of a field it overlaps; by reflow when the
    fields it overlaps only moved on a page whose content changed; by structure when it
    overlaps no field (lines, boxes) on a page whose content changed. Anything else — a field
    with the same content in the same place that looks different — is unexplained.
    """
    changed_paths = [_path(c.path) for c in changes if c.page == page_id and c.path]
    page_changed = any(c.page == page_id for c in changes)
    # An item added to or removed from a list shifts the items after it: their fields now
    # show their neighbours' content, on this page and on the pages the list flows onto.
    shifts = [(p[:-1], int(p[-1])) for c in changes if c.page == page_id
              and c.what in ("added", "removed") and (p := _path(c.path))
              and len(p) > 1 and p[-1].isdigit()]
    old_fields = _fields(old.manifest, result.pair.old)
    new_fields = _fields(new.manifest, result.pair.new)
    old_boxes: dict = {}
    for name, box in old_fields:
        old_boxes.setdefault(name, []).append(box)
    new_boxes: dict = {}
    for name, box in new_fields:
        new_boxes.setdefault(name, []).append(box)
    all_names = [_path(f["path"]) for m in (old.manifest, new.manifest) if m
                 for page in m["pages"] if page["id"] == page_id for f in page["fields"]]
    # Changes no field shows (card_style, slots, pages…) change how the page is drawn.
    structural = [c for c in changed_paths if not any(_related(c, n) for n in all_names)]
    for rr in result.regions:
        hits = [(name, box) for name, box in old_fields + new_fields
                if rr.region.overlaps(box)]
        names = [name for name, _ in hits]
        if names and all(n == ("page_number",) for n in names):
            rr.kind, rr.explanation = "page-number", "page number"
            continue
        hit = next((c for c in changed_paths for n in names if _related(c, n)), None)
        # A field pushed down by the text above it: where it is now, and where it was (the
        # place it left shows a change too).
        moved = any(_moved(box, old_boxes.get(name, [])) for name, box in new_fields
                    if rr.region.overlaps(box)) or \
            any(_moved(box, new_boxes.get(name, [])) for name, box in old_fields
                if rr.region.overlaps(box))
        shifted = next((prefix for prefix, at in shifts for n in names
                        if len(n) > len(prefix) and n[:len(prefix)] == prefix
                        and n[len(prefix)].isdigit() and int(n[len(prefix)]) >= at), None)
        if hit:
            rr.kind = "content"
            rr.explanation = f"{page_id} → {' -> '.join(hit)}"
        elif shifted:
            rr.kind = "reflow"
            rr.explanation = (f"{page_id}: {' -> '.join(shifted)} shifted by an item added "
                              "or removed before them")
        elif page_changed and moved:   # moved: a field is under it
            rr.kind = "reflow"
            rr.explanation = f"{page_id}: moved by its content changes"
        elif structural:
            rr.kind = "structure"
            rr.explanation = f"{page_id} → {', '.join(' -> '.join(c) for c in structural)}"
        elif page_changed and not [n for n in names if n != ("page_number",)
                                   and n[0] != "labels"]:
            # Only labels (or nothing) under it: writing lines and boxes redrawn because the
            # page's content changed (a pre-printed value replaces a line, say).
            rr.kind = "structure"
            rr.explanation = f"{page_id}: drawn from its changed content"
        else:
            rr.kind, rr.explanation = "unexplained", None
    kinds = {r.kind for r in result.regions}
    if result.geometry:
        result.kind = "geometry"
    elif kinds == {"page-number"}:
        result.kind = "page-number"
    elif "unexplained" in kinds:
        # Still unexplained; the class says what kind of change nobody asked for.
        fonts = any(c.where == "fonts" for c in changes)
        result.kind = "fonts" if fonts else "colour" if colour_only else "unexplained"
        result.hint = layout_hint or "no content change explains it"
    elif "content" in kinds:
        result.kind = "content"
    elif "structure" in kinds:
        result.kind = "structure"
    else:
        result.kind = "reflow"


def _moved(box: tuple, old_boxes: list[tuple]) -> bool:
    """Same size, other place: the field was pushed, not restyled."""
    if not old_boxes:
        return False
    same_size = [b for b in old_boxes if abs(b[2] - box[2]) < 0.3 and abs(b[3] - box[3]) < 0.3]
    return bool(same_size) and all(abs(b[0] - box[0]) > 0.2 or abs(b[1] - box[1]) > 0.2
                                   for b in same_size)


def explain_without_map(result: PageResult, comparison: PageComparison) -> None:
    """Any two PDFs: no layout map, so no change is traced to content; a region over digits
    only on a page whose text is otherwise the same is a page-number change."""
    same_text = comparison.pair.same_text
    for rr in result.regions:
        on_digits = any(rr.region.overlaps(box, 0.3) for box in comparison.digits or [])
        rr.kind = "page-number" if on_digits else "unexplained"
        rr.explanation = "page number" if on_digits else None
    kinds = {r.kind for r in result.regions}
    if result.geometry:
        result.kind = "geometry"
    elif kinds == {"page-number"} and same_text:
        result.kind = "page-number"
    else:
        result.kind = "colour" if comparison.colour_only else "unexplained"


def diff_sides(old: Side, new: Side, dpi: float = 100, images: float | None = None
               ) -> DiffResult:
    """Compare two sides; page pairs are streamed, so memory holds one pair at a time."""
    ours = old.manifest is not None and new.manifest is not None
    content = None
    changelog: list[ChangeEntry] = []
    layout_changes: list[Change] = []
    if old.carnet is not None and new.carnet is not None:
        content = compare_carnets(old.carnet, new.carnet)
        layout_changes = compare_layouts(old.layout, new.layout, new.carnet.root)
        content += layout_changes
        changelog = list(new.carnet.changelog) if old.carnet.version != new.carnet.version \
            else []
    if ours:
        pairs = align_by_keys(_keys(old.manifest), _keys(new.manifest))
    else:
        a, b = open_pdf(old.pdf), open_pdf(new.pdf)
        try:
            pairs = align_pdfs(a, b, old.pdf, new.pdf)
        finally:
            a.close()
            b.close()
    hint = "; ".join(f"{c.where} {c.path}: {c.old} → {c.new}" for c in layout_changes)
    hint = f"layout or fonts changed ({hint})" if hint else ""
    pages = []
    padding = [0, 0]
    for done, comparison in enumerate(stream_comparisons(old.pdf, new.pdf, pairs, dpi, images,
                                                         not ours), start=1):
        tick("comparing pages", done, len(pairs))
        pair = comparison.pair
        page_id = pair.key.split("#")[0] if ours else None
        result = _page_result(comparison, old, new)
        if page_id == PADDING and (pair.old is None or pair.new is None):
            padding[0 if pair.new is None else 1] += 1
            result.padding = True
        if result.status == "changed":
            if ours:
                explain(result, page_id, content or [], old, new, hint, comparison.colour_only)
            else:
                explain_without_map(result, comparison)
        pages.append(result)
    lint = None
    if old.carnet is not None and new.carnet is not None:
        lint = tuple(_lint_counts(side) for side in (old, new))
    return DiffResult(old, new, content, changelog, pages, tuple(padding), lint)


def _lint_counts(side: Side) -> tuple[int, int]:
    """(errors, warnings): what the build recorded in build.json (fresh: the diff checked
    it), else a lint run now."""
    if side.manifest and isinstance(side.manifest.get("lint"), list):
        severities = [f.get("severity") for f in side.manifest["lint"]]
        return severities.count("error"), severities.count("warning")
    from monrecap.lint import lint_carnet

    report = lint_carnet(side.carnet, side.layout)
    return len(report.errors), len(report.warnings)


def _number(side: Side, index: int | None) -> int | None:
    if index is None:
        return None
    return index + 1  # our pages are numbered in reading order: printed = PDF page number


def _page_result(c: PageComparison, old: Side, new: Side) -> PageResult:
    pair = c.pair
    if pair.old is None:
        status = "added"
    elif pair.new is None:
        status = "removed"
    else:
        status = "changed" if (c.regions or c.geometry) else \
            "moved" if pair.moved else "identical"
    return PageResult(pair, status, regions=[RegionResult(r, None, "") for r in c.regions],
                      geometry=c.geometry, old_number=_number(old, pair.old),
                      new_number=_number(new, pair.new),
                      images=(c.old_image, c.new_image) if c.old_image or c.new_image else (),
                      note=c.note)


def manifest_is_fresh(root: Path, manifest_path: Path, pdf_path: Path) -> bool:
    """True when build.json says the PDF was built from the files as they are now."""
    from monrecap.resources import recorded_file

    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("toolkit") != toolkit_fingerprint():
            return False
        if sha256(pdf_path.read_bytes()) != manifest["pdf"]["sha256"]:
            return False
        for entry in manifest["sources"] + manifest["fonts"]:
            if sha256(recorded_file(root, entry["path"]).read_bytes()) != entry["sha256"]:
                return False
    except (OSError, ValueError, KeyError):
        return False
    return True
