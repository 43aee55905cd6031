"""`monrecap diff`: the fixture pair (one inserted page, three edits), a layout-only change,
a pure content change, any two PDFs, and the exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import BASE, make_repo, needs, run_cli, write_version

CHANGELOG = "changelog:\n  - change: Un changement.\n    finding: Un test.\n"

EDITS = CHANGELOG + """pages:
  - id: agenda
    kind: notes
    title: Mon agenda
    after: rendez-vous
  - id: mode-emploi
    steps:
      - text: J'apporte toujours mon carnet.
        was: J'apporte mon carnet.
  - id: documents
    items: [Mon CV, Ma carte Vitale]
  - id: avis
    intro: Dites-nous tout sur le carnet.
"""


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """v0 (the base), v1 = v0 + an inserted page and three edits, v2 = v0 with a thicker
    writing line in its layout and nothing else."""
    # The base carnet, without the version number in its text: what changes between the
    # versions below is only what each one says it changes.
    base = BASE.read_text(encoding="utf-8").replace("J'ai le carnet {{ version }}.",
                                                   "J'ai le carnet.")
    base = base.replace('lines: ["Version {{ number }}"]', 'lines: ["Édition de test"]')
    root = make_repo(tmp_path_factory.mktemp("diff"), {
        "v0": base,
        "v1": "version: v1\nextends: v0\n" + EDITS,
        "v2": "version: v2\nextends: v0\nlayout: epais\n" + CHANGELOG,
    })
    layout = (root / "layouts" / "a6-poche.yaml").read_text()
    (root / "layouts" / "epais.yaml").write_text(
        layout.replace("name: a6-poche", "name: epais").replace("line: 0.75pt", "line: 2pt"))
    return root


def diff(repo: Path, *args: str, code: int = 1) -> dict:
    """The JSON report of ``monrecap diff``, which must exit with ``code`` (1: differences)."""
    result = run_cli("diff", *args, "--json", "--root", str(repo))
    assert result.returncode == code, result.stderr
    return json.loads(result.stdout)


def test_a_fresh_build_is_reused_and_a_stale_one_rebuilt(tmp_path: Path) -> None:
    """The layout's fonts ship with the toolkit (build.json records them as ``fonts/…``):
    a build made from the files as they are is reused, not rebuilt on every diff."""
    root = make_repo(tmp_path, {"v0": BASE.read_text(encoding="utf-8"),
                                "v1": "version: v1\nextends: v0\n" + CHANGELOG})
    for vid in ("v0", "v1"):
        assert run_cli("build", vid, "--root", str(root), "-q").returncode == 0
    first = run_cli("diff", "v0", "v1", "--root", str(root))
    assert first.returncode == 1, first.stderr  # the version printed on its pages differs
    def steps(result) -> list[str]:
        return [line.replace(f"{root}/", "") for line in result.stderr.splitlines()
                if line.startswith(("reusing", "loading"))]

    assert steps(first) == ["reusing dist/v0/monrecap-v0.pdf", "reusing dist/v1/monrecap-v1.pdf"]
    write_version(root, "v1", "version: v1\nextends: v0\ntitle: Carnet neuf\n" + CHANGELOG)
    second = run_cli("diff", "v0", "v1", "--root", str(root))
    assert steps(second) == ["reusing dist/v0/monrecap-v0.pdf", "loading v1"]


def test_inserted_page_and_three_edits(repo: Path) -> None:
    report = diff(repo, "v0", "v1")
    pages = {p["key"]: p for p in report["pages"]}
    added = [k for k, p in pages.items() if p["status"] == "added"]
    edited = sorted(k for k, p in pages.items()
                    if p["status"] == "changed" and p["kind"] != "page-number")
    assert added == ["agenda#1"]
    assert edited == ["avis#1", "documents#1", "mode-emploi#1"]
    assert all(pages[k]["explained"] for k in edited)
    # Every page after the insertion moved by one: only its page number changed.
    numbers = [k for k, p in pages.items() if p["kind"] == "page-number"]
    assert numbers == ["contacts#1", "actions#1", "notes#1", "donnees#1", "notes-ajoutees#1"]
    assert report["unexplained"] == 0
    assert report["padding"] == {"removed": 1, "added": 0}  # 11 pages now: one pad, not two
    steps = [c for c in report["content"] if c["path"].startswith("steps")]
    assert [(c["path"], c["old"], c["new"]) for c in steps] == [
        ("steps -> 0 -> text", "J'apporte mon carnet.", "J'apporte toujours mon carnet.")]
    # A list of texts that gained a line: that line, alone (not the whole list as a change).
    items = [c for c in report["content"] if c["path"].startswith("items")]
    assert [(c["what"], c["path"], c["old"], c["new"]) for c in items] == [
        ("added", "items -> 1", None, "Ma carte Vitale")]


def test_layout_only_change_is_unexplained(repo: Path) -> None:
    report = diff(repo, "v0", "v2")
    changed = [p for p in report["pages"] if p["status"] == "changed"]
    assert sorted(p["key"] for p in changed) == [
        "actions#1", "contacts#1", "couverture#1", "notes#1", "notes-ajoutees#1",
        "notes-ajoutees#2", "rendez-vous#1"]  # every page with writing lines or rules
    assert all(not p["explained"] for p in changed)
    assert all("rules -> line: 0.75 → 2.0" in p["hint"] for p in changed)
    assert [c["where"] + " " + c["path"] for c in report["content"]] == [
        "layout ", "layout rules -> line"]
    strict = run_cli("diff", "v0", "v2", "--fail-on", "unexplained", "--root", str(repo))
    assert strict.returncode == 1 and "UNEXPLAINED" in strict.stdout


def test_content_change_is_fully_explained(repo: Path) -> None:
    strict = run_cli("diff", "v0", "v1", "--fail-on", "unexplained", "--root", str(repo))
    assert strict.returncode == 0, strict.stdout
    assert "0 unexplained" in strict.stdout


def test_identical_versions_exit_zero(repo: Path) -> None:
    result = run_cli("diff", "v0", "v0", "--root", str(repo))
    assert result.returncode == 0
    assert result.stdout.startswith("v0 → v0: identical")


def test_any_two_pdfs_align_by_text(repo: Path) -> None:
    diff(repo, "v0", "v1")  # builds both into dist/
    a, b = repo / "dist/v0/monrecap-v0.pdf", repo / "dist/v1/monrecap-v1.pdf"
    report = diff(repo, str(a), str(b))
    assert report["content"] is None
    statuses = [(p["status"], p["old_page"], p["new_page"]) for p in report["pages"]
                if p["status"] in ("added", "removed")]
    # The inserted page, not a shift of every page after it; the pad page v0 needed, gone.
    assert statuses == [("added", None, 4), ("removed", 9, None)]
    edited = sorted(p["new_page"] for p in report["pages"]
                    if p["status"] == "changed" and p["kind"] != "page-number")
    assert edited == [2, 7, 11]  # the three edits; the other pages moved: numbers only


def test_html_report_is_self_contained(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "diff.html"
    result = run_cli("diff", "v0", "v1", "--report", str(out), "--root", str(repo))
    assert result.returncode == 1
    html = out.read_text()
    assert html.startswith("<!doctype html>") and "data:image/png;base64," in html
    assert "http://" not in html and "https://" not in html.replace("https://wa.me", "")
    assert "J&#39;apporte<ins> toujours</ins> mon carnet." in html
    # In French, positions from their origin, padding pages as pictures like added pages.
    assert "<h2>Journal des changements de v1</h2>" in html and "Constat : Un test." in html
    for english in ("Finding", "before", "after", "Changelog", "On the page", "nothing explains"):
        assert english not in html
    assert "à 48 mm du bord gauche, 120 mm du bas, 29 × 5 mm : contenu modifié : " \
           "mode-emploi → steps -&gt; 0 -&gt; text" in html
    padding = html.split("(retirée, notes ajoutées pour compléter la feuille)")[1]
    assert padding.split("</div></div>")[0].count('<img alt="avant" src="data:image/png') == 1


def test_terminal_positions_say_their_origin(repo: Path) -> None:
    result = run_cli("diff", "v0", "v1", "--root", str(repo))
    assert "      at 48 mm from the left edge, 120 mm from the bottom, 29 × 5 mm: " \
           "mode-emploi → steps -> 0 -> text" in result.stdout.splitlines()


def test_removed_pages_are_listed_where_they_were() -> None:
    from monrecap.diff.align import Pair, align_by_keys

    assert align_by_keys(["a#1", "b#1", "c#1", "d#1"], ["a#1", "c#1", "e#1", "d#1"]) == [
        Pair(0, 0, "a#1"), Pair(1, None, "b#1"), Pair(2, 1, "c#1"), Pair(None, 2, "e#1"),
        Pair(3, 3, "d#1")]
    assert align_by_keys(["a#1", "b#1", "c#1"], ["b#1", "c#1", "a#1"]) == [
        Pair(1, 0, "b#1"), Pair(2, 1, "c#1"), Pair(0, 2, "a#1", moved=True)]


def test_trouble_exits_two(repo: Path) -> None:
    result = run_cli("diff", "v0", "v99", "--root", str(repo))
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == "error: unknown version 'v99'; known versions: " \
                                             "v0, v1, v2; `monrecap new v99` starts it"


@needs(Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").exists(),
       "fonts-dejavu-core is not installed (.ci/run installs it)")
def test_font_change_is_classed_fonts_and_unexplained(tmp_path: Path) -> None:
    import shutil

    repo = make_repo(tmp_path, {"v0": BASE.read_text(encoding="utf-8")})
    folder = repo / "fonts" / "dejavu"
    folder.mkdir(exist_ok=True)
    for face in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        shutil.copy(f"/usr/share/fonts/truetype/dejavu/{face}", folder / face)
    layout = (repo / "layouts" / "a6-poche.yaml").read_text()
    layout = layout.replace("name: a6-poche", "name: dejavu").replace(
        "atkinson-hyperlegible/AtkinsonHyperlegible-Regular.ttf", "dejavu/DejaVuSans.ttf"
    ).replace("atkinson-hyperlegible/AtkinsonHyperlegible-Bold.ttf", "dejavu/DejaVuSans-Bold.ttf")
    (repo / "layouts" / "dejavu.yaml").write_text(layout)
    write_version(repo, "v3", "version: v3\nextends: v0\nlayout: dejavu\n" + CHANGELOG)
    report = diff(repo, "v0", "v3")
    changed = [p for p in report["pages"] if p["status"] == "changed"]
    assert changed and all(p["kind"] == "fonts" and not p["explained"] for p in changed)
    assert all("fonts regular" in p["hint"] for p in changed)


def test_a_shorter_intro_explains_the_blocks_it_pulls_up(tmp_path: Path) -> None:
    """The feedback page's intro made shorter pulls its phone, WhatsApp and QR blocks up: the
    places they left and took are explained as reflow, nothing is UNEXPLAINED."""
    import shutil

    from conftest import ROOT

    repo = make_repo(tmp_path)
    shutil.copytree(ROOT / "versions", repo / "versions")
    write_version(repo, "v12", "version: v12\nextends: v11\nreleased: 2027-03-01\n"
                  + CHANGELOG + "pages:\n  - id: avis\n    intro: Votre avis compte.\n")
    strict = run_cli("diff", "v11", "v12", "--fail-on", "unexplained", "--json", "--root",
                     str(repo))
    assert strict.returncode == 0, strict.stdout[-2000:]
    report = json.loads(strict.stdout)
    avis = next(p for p in report["pages"] if p["key"] == "avis#1")
    assert avis["explained"] and avis["kind"] == "content"
    kinds = {r["kind"] for r in avis["regions"]}
    assert kinds == {"content", "reflow"}
    assert {r["explanation"] for r in avis["regions"]} == {
        "avis → intro", "avis → qr_message", "avis: moved by its content changes"}


def test_items_inserted_in_lists_and_the_glossary_are_explained(tmp_path: Path) -> None:
    """A card inserted after CAF shifts the cards of the next contacts pages, a step inserted
    shifts the steps below it, a term added and one removed reflow the glossary page: all said
    in the content, all explained on the page (review of issue 23)."""
    import shutil

    from conftest import ROOT

    repo = make_repo(tmp_path)
    for name in ("versions", "decisions", "experiments"):
        shutil.copytree(ROOT / name, repo / name, dirs_exist_ok=True)
    write_version(repo, "v12", "version: v12\nextends: v11\nreleased: 2027-03-01\n" + CHANGELOG
                  + "glossary:\n  RSA: Revenu de solidarité active\n  CV: ~\npages:\n"
                  "  - id: contacts\n    cards:\n      - structure: Conseiller numérique\n"
                  "        after: CAF\n  - id: mode-emploi\n    steps:\n"
                  "      - text: Je garde mon carnet dans mon sac.\n"
                  "        after: J'apporte mon carnet à chaque rendez-vous.\n")
    strict = run_cli("diff", "v11", "v12", "--fail-on", "unexplained", "--json", "--root",
                     str(repo))
    assert strict.returncode == 0, strict.stdout[-2000:]
    report = json.loads(strict.stdout)
    assert [(c["what"], c["where"], c["path"]) for c in report["content"]
            if c["where"] in ("page mots", "page contacts", "page mode-emploi")] == [
        ("removed", "page mots", "glossary -> CV"), ("added", "page mots", "glossary -> RSA"),
        ("added", "page mode-emploi", "steps -> 1"), ("added", "page contacts", "cards -> 3")]
    shifted = {r["explanation"] for p in report["pages"] if p["key"] in ("contacts#3",
                                                                         "contacts#4")
               for r in p["regions"]}
    assert shifted == {"contacts: cards shifted by an item added or removed before them",
                       "page number"}
    shown = run_cli("show", "v12", "--root", str(repo)).stdout
    assert "+ terme « RSA » ajouté (page mots)\n    sens : Revenu de solidarité active" in shown
