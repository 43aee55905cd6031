"""`monrecap diff` end to end, without rasterising: diff_sides over a stubbed page stream
(padding pages counted, page numbers, images, lint counts, progress, sides without a map),
the terminal report's lines, and when a build is reused."""

from __future__ import annotations

import io
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from rich.console import Console

import monrecap.diff.explain as explain_module
import monrecap.lint
from monrecap.diff.align import Pair
from monrecap.diff.content import Change
from monrecap.diff.diffreport import print_diff
from monrecap.diff.explain import DiffResult, PageResult, Side, diff_sides, manifest_is_fresh
from monrecap.diff.visual import PageComparison
from monrecap.files import sha256, toolkit_fingerprint
from monrecap.progress import listening

from .explainmaps import (
    CARD1,
    NUMBER,
    TITLE,
    changed,
    over,
    page,
    regions_of,
    tel,
)

# --- diff_sides: the pages streamed, counted and explained ---------------------------------

class Stream:
    """Stands for the rasterising comparison: yields the comparisons given, records how it
    was asked."""

    def __init__(self, comparisons: list[PageComparison]) -> None:
        self.comparisons = comparisons
        self.calls: list[tuple] = []

    def __call__(self, old_pdf, new_pdf, pairs, dpi, images, digits):
        self.calls.append((old_pdf, new_pdf, pairs, dpi, images, digits))
        yield from self.comparisons


def _carnet(version: str, *changelog: str) -> SimpleNamespace:
    return SimpleNamespace(version=version, changelog=list(changelog), root=Path("."))


@pytest.fixture
def stream(monkeypatch):
    def install(comparisons, content=(), layout=(), pairs=None):
        fake = Stream(comparisons)
        monkeypatch.setattr(explain_module, "stream_comparisons", fake)
        monkeypatch.setattr(explain_module, "compare_carnets", lambda a, b: list(content))
        monkeypatch.setattr(explain_module, "compare_layouts", lambda a, b, root: list(layout))
        opened = []
        monkeypatch.setattr(explain_module, "open_pdf",
                            lambda path: opened.append(path) or SimpleNamespace(
                                close=lambda: opened.append(f"closed {path}")))
        monkeypatch.setattr(explain_module, "align_pdfs",
                            lambda a, b, old, new: pairs if pairs is not None else [
                                c.pair for c in comparisons])
        fake.opened = opened
        fake.linted = []
        monkeypatch.setattr(monrecap.lint, "lint_carnet", lambda carnet, layout: (
            fake.linted.append(carnet.version) or SimpleNamespace(errors=[], warnings=["w"])))
        return fake
    return install


LINT = [{"severity": "warning"}, {"severity": "error"}, {"severity": "warning"}]


def _built(label: str, keys: list[str], carnet=None, lint=LINT) -> Side:
    pages = [page(k.split("#")[0], ("title", TITLE), ("cards.1.telephone", CARD1),
                  ("page_number", NUMBER), part=int(k.split("#")[1])) for k in keys]
    return Side(label, Path(f"{label}.pdf"), carnet, None, {"pages": pages, "lint": lint})


def test_diff_sides_explains_counts_and_numbers_every_page(stream) -> None:
    old = _built("v1", ["couverture#1", "contacts#1", "notes-ajoutees#1", "dos#1"],
                 _carnet("v1", "ancien"))
    new = _built("v2", ["couverture#1", "contacts#1", "agenda#1", "dos#1"],
                 _carnet("v2", "Une fiche CAF.", "Un agenda."), lint=[])
    pairs = [Pair(0, 0, "couverture#1"), Pair(1, 1, "contacts#1"), Pair(None, 2, "agenda#1"),
             Pair(2, None, "notes-ajoutees#1"), Pair(3, 3, "dos#1")]
    fake = stream([PageComparison(pairs[0], [], None, False),
                   PageComparison(pairs[1], [over(CARD1), over(NUMBER)], None, True),
                   PageComparison(pairs[2], [], None, False, new_image="new"),
                   PageComparison(pairs[3], [], None, False, old_image="old"),
                   PageComparison(pairs[4], [over(TITLE)], None, False, note="compared at 50 dpi")],
                  content=[tel()])
    ticks = []
    with listening(lambda what, done, total: ticks.append((what, done, total))):
        result = diff_sides(old, new)
    assert fake.calls == [(Path("v1.pdf"), Path("v2.pdf"), pairs, 100, None, False)]
    assert ticks == [("comparing pages", k, 5) for k in range(1, 6)]
    assert fake.opened == []
    assert result.content == [tel()]
    assert result.changelog == ["Une fiche CAF.", "Un agenda."]
    assert result.padding == (1, 0)
    assert result.lint == ((1, 2), (0, 0))
    assert [(p.pair.key, p.status, p.kind, p.old_number, p.new_number, p.padding, p.images,
             p.note) for p in result.pages] == [
        ("couverture#1", "identical", "", 1, 1, False, (), ""),
        ("contacts#1", "changed", "content", 2, 2, False, (), ""),
        ("agenda#1", "added", "", None, 3, False, (None, "new"), ""),
        ("notes-ajoutees#1", "removed", "", 3, None, True, ("old", None), ""),
        ("dos#1", "changed", "unexplained", 4, 4, False, (), "compared at 50 dpi")]
    assert regions_of(result.pages[1]) == [("content", "contacts → cards -> 1 -> telephone"),
                                           ("page-number", "page number")]
    assert result.pages[4].hint == "no content change explains it"
    assert [p.pair.key for p in result.content_pages] == [
        "couverture#1", "contacts#1", "agenda#1", "dos#1"]
    assert result.unexplained == [result.pages[4]]
    assert result.identical is False


def test_padding_pages_are_counted_removed_and_added(stream) -> None:
    old = _built("v1", ["dos#1", "notes-ajoutees#1", "notes-ajoutees#2"])
    new = _built("v2", ["dos#1", "notes-ajoutees#1", "notes-ajoutees#3"])
    pairs = [Pair(0, 0, "dos#1"), Pair(1, 1, "notes-ajoutees#1"),
             Pair(2, None, "notes-ajoutees#2"), Pair(None, 2, "notes-ajoutees#3"),
             Pair(None, 3, "agenda#1")]
    stream([PageComparison(p, [over(TITLE)] if k == 1 else [], None, False)
            for k, p in enumerate(pairs)])
    result = diff_sides(old, new, dpi=150, images=60)
    assert result.padding == (1, 1)
    assert [(p.status, p.padding) for p in result.pages] == [
        ("identical", False), ("changed", False), ("removed", True), ("added", True),
        ("added", False)]
    assert result.content is None and result.lint is None and result.changelog == []
    # No carnet: nothing explains the padding page that changed.
    assert (result.pages[1].kind, regions_of(result.pages[1])) == (
        "unexplained", [("unexplained", None)])
    two = [Pair(1, None, "notes-ajoutees#1"), Pair(2, None, "notes-ajoutees#2")]
    stream([PageComparison(p, [], None, False) for p in two])
    assert diff_sides(old, new).padding == (2, 0)


def test_diff_sides_of_the_same_version_has_no_changelog_and_a_layout_hint(stream) -> None:
    old = _built("v1", ["contacts#1"], _carnet("v1", "Une fiche CAF."))
    new = _built("v1 (gros-caracteres)", ["contacts#1"], _carnet("v1", "Une fiche CAF."))
    line = Change("changed", "layout", "line", "0.75pt", "2pt")
    regular = Change("changed", "fonts", "regular", "fonts/A.ttf", "fonts/B.ttf")
    stream([PageComparison(Pair(0, 0, "contacts#1"), [over(TITLE)], None, False,
                           old_image="old", new_image="new")],
           content=[Change("changed", "title", "", "Mon Récap", "Mon Récap +")],
           layout=[line, regular])
    result = diff_sides(old, new)
    assert result.changelog == []
    assert result.content == [Change("changed", "title", "", "Mon Récap", "Mon Récap +"),
                              line, regular]
    page_result = result.pages[0]
    assert (page_result.kind, page_result.hint, page_result.images) == (
        "fonts", "layout or fonts changed (layout line: 0.75pt → 2pt; fonts regular: "
                 "fonts/A.ttf → fonts/B.ttf)", ("old", "new"))


def test_two_builds_without_their_carnets_explain_nothing_by_content(stream) -> None:
    old, new = _built("a", ["contacts#1"]), _built("b", ["contacts#1"])
    stream([PageComparison(Pair(0, 0, "contacts#1"), [over(NUMBER), over(CARD1)], None,
                           False)])
    result = diff_sides(old, new)
    assert (result.content, result.lint) == (None, None)
    assert regions_of(result.pages[0]) == [("page-number", "page number"),
                                           ("unexplained", None)]


@pytest.mark.parametrize("with_old,with_new", [(True, False), (False, True), (False, False)])
def test_a_side_without_a_map_is_compared_as_any_pdf(stream, with_old, with_new) -> None:
    """One side not ours (or a carnet alone): pages paired by their text, regions over
    digits are page numbers, no content is compared."""
    built = _built("v1", ["contacts#1"], _carnet("v1", "Une fiche CAF."))
    plain = Side("scan.pdf", Path("scan.pdf"), _carnet("v2", "Un agenda."))
    old, new = (built if with_old else plain), (built if with_new else plain)
    pair = Pair(0, 0, "Mes contacts", same_text=True)
    digits = [(6.0, 6.2, 3.0, 4.2)]
    fake = stream([PageComparison(pair, [over(NUMBER)], None, False, digits)],
                  content=[tel()], pairs=[pair])
    result = diff_sides(old, new, dpi=72)
    assert fake.calls == [(old.pdf, new.pdf, [pair], 72, None, True)]
    assert fake.opened == [old.pdf, new.pdf, f"closed {old.pdf}", f"closed {new.pdf}"]
    assert (result.pages[0].status, result.pages[0].kind) == ("changed", "page-number")
    assert regions_of(result.pages[0]) == [("page-number", "page number")]
    assert result.content == [tel()]   # both carnets given: their content is compared
    assert result.lint == tuple((1, 2) if side is built else (0, 1) for side in (old, new))
    assert fake.linted == ["v2"] * ((old is plain) + (new is plain))


def test_one_carnet_alone_compares_no_content(stream) -> None:
    for old_carnet, new_carnet in ((_carnet("v1"), None), (None, _carnet("v2"))):
        old = _built("v1", ["contacts#1"], old_carnet)
        new = _built("v2", ["contacts#1"], new_carnet)
        stream([PageComparison(Pair(0, 0, "contacts#1"), [], None, False)], content=[tel()])
        result = diff_sides(old, new)
        assert (result.content, result.changelog, result.lint) == (None, [], None)
        assert result.identical is True


def test_lint_counts_come_from_build_json_else_from_a_lint_run(monkeypatch, stream) -> None:
    stream([PageComparison(Pair(0, 0, "contacts#1"), [], None, False)])
    report = SimpleNamespace(errors=["e"], warnings=["w", "w", "w"])
    asked = []
    monkeypatch.setattr(monrecap.lint, "lint_carnet",
                        lambda carnet, layout: asked.append(carnet.version) or report)
    old = _built("v1", ["contacts#1"], _carnet("v1"), lint=None)
    new = Side("v2", Path("v2.pdf"), _carnet("v2"), None,
               {"pages": old.manifest["pages"], "lint": LINT})
    assert diff_sides(old, new).lint == ((1, 3), (1, 2))
    assert asked == ["v1"]


def test_a_page_whose_boxes_only_changed_is_changed(stream) -> None:
    old, new = _built("v1", ["contacts#1"]), _built("v2", ["contacts#1"])
    stream([PageComparison(Pair(0, 0, "contacts#1", moved=True), [], "media box (bleed) changed",
                           False),
            PageComparison(Pair(1, 1, "dos#1", moved=True), [], None, False)])
    result = diff_sides(old, new)
    assert [(p.status, p.kind, p.explained) for p in result.pages] == [
        ("changed", "geometry", False), ("moved", "", True)]


# --- what the user reads ------------------------------------------------------------------

def test_the_report_lists_each_page_with_its_explanation() -> None:
    explained = changed(over(CARD1, 12.34), over(NUMBER, 1.0), old=4, new=5)
    explained.regions[0].kind, explained.regions[0].explanation = (
        "content", "contacts → cards -> 1 -> telephone")
    explained.regions[1].kind, explained.regions[1].explanation = "page-number", "page number"
    explained.kind, explained.old_number, explained.new_number = "content", 5, 6
    unexplained = changed(over(TITLE, 0.5), key="dos#1", old=9, new=9)
    unexplained.regions[0].kind = "unexplained"
    unexplained.kind, unexplained.hint = "fonts", "no content change explains it"
    unexplained.old_number = unexplained.new_number = 10
    moved = PageResult(Pair(2, 7, "actions#1", moved=True), "changed", "page-number",
                       old_number=3, new_number=8)
    number = PageResult(Pair(3, 3, "agenda#1"), "changed", "page-number", old_number=4,
                        new_number=4)
    result = DiffResult(Side("v1", Path("v1.pdf")), Side("v2", Path("v2.pdf")), [tel()], [],
                        [explained, unexplained, moved, number])
    out = io.StringIO()
    print_diff(Console(file=out, width=200, soft_wrap=True), result)
    lines = out.getvalue().splitlines()
    assert lines[0] == ("v1 → v2: 1 content change; pages 4 → 4: 0 added, 0 removed, 1 moved, "
                        "2 changed (1 explained, 1 unexplained), 1 with only the page number "
                        "changed")
    at = lines.index("On the page")
    assert lines[at + 1:] == [
        "  ~ page 6 (was 5) contacts#1: content, 13.3 mm² in 2 regions — explained",
        "      at 8 mm from the left edge, 80 mm from the bottom, 35 × 6 mm: contacts → "
        "cards -> 1 -> telephone",
        "      at 6 mm from the left edge, 6 mm from the bottom, 21 × 4 mm: page number",
        "  ~ page 10 dos#1: fonts, 0.5 mm² in 1 region — UNEXPLAINED",
        "      at 17 mm from the left edge, 133 mm from the bottom, 82 × 9 mm: nothing "
        "explains it",
        "      hint: no content change explains it",
        "  ↕ page 8 (was 3, moved) actions#1",
        "  1 page with only the page number changed: 4"]


# --- reusing a build ----------------------------------------------------------------------

def _fresh_build(root: Path) -> tuple[Path, Path]:
    (root / "versions" / "v1").mkdir(parents=True)
    (root / "versions" / "v1" / "carnet.yaml").write_text("version: v1\n", encoding="utf-8")
    (root / "fonts").mkdir()
    (root / "fonts" / "A.ttf").write_bytes(b"police")
    pdf = root / "monrecap-v1.pdf"
    pdf.write_bytes(b"%PDF-1.7 carnet")
    manifest = root / "build.json"
    manifest.write_text(json.dumps({
        "toolkit": toolkit_fingerprint(), "pdf": {"sha256": sha256(pdf.read_bytes())},
        "sources": [{"path": "versions/v1/carnet.yaml",
                     "sha256": sha256(b"version: v1\n")}],
        "fonts": [{"path": "fonts/A.ttf", "sha256": sha256(b"police")}]}), encoding="utf-8")
    return pdf, manifest


@pytest.mark.parametrize("edit,fresh", [
    (None, True),
    ("pdf", False),
    ("source", False),
    ("font", False),
    ("toolkit", False),
    ("missing source", False),
    ("not json", False),
    ("no pdf entry", False),
])
def test_a_build_is_reused_only_when_made_from_the_files_as_they_are(tmp_path, edit,
                                                                     fresh) -> None:
    pdf, manifest = _fresh_build(tmp_path)
    data = json.loads(manifest.read_text(encoding="utf-8"))
    if edit == "pdf":
        pdf.write_bytes(b"%PDF-1.7 autre carnet")
    elif edit == "source":
        (tmp_path / "versions" / "v1" / "carnet.yaml").write_text("version: v2\n")
    elif edit == "font":
        (tmp_path / "fonts" / "A.ttf").write_bytes(b"autre police")
    elif edit == "toolkit":
        data["toolkit"] = "0" * 16
    elif edit == "missing source":
        (tmp_path / "versions" / "v1" / "carnet.yaml").unlink()
    elif edit == "no pdf entry":
        del data["pdf"]
    if edit in ("toolkit", "no pdf entry"):
        manifest.write_text(json.dumps(data), encoding="utf-8")
    if edit == "not json":
        manifest.write_text("{", encoding="utf-8")
    assert manifest_is_fresh(tmp_path, manifest, pdf) is fresh
