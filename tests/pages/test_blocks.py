"""Page blocks: « Mon budget » and « Mes trajets » made in YAML only (the repository's page
templates), with every guarantee the eleven kinds have — built on A6 and A5, linted,
preflighted, imposed and folded in order, located errors, a one-word change explained by the
diff at its block, editions and versions that adapt a block by its id."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.pdfgen.canvas import Canvas

from conftest import ROOT, make_repo, run_cli, write_version
from monrecap.content import load_version
from monrecap.impose import custom_profile, impose_pdf, load_profile

from impose.folding import (cell_key, find_pages, marker_distance, pair_sides, read_booklet,
                            spreads)

MM = 72 / 25.4
HEAD = ("released: 2027-03-01\nchangelog:\n"
        "  - change: Une page « Mon budget » aide à suivre l'argent du mois.\n"
        "    finding: Des personnes notaient leurs dépenses sur des feuilles volantes.\n")
V12 = ("version: v12\nextends: v11\n" + HEAD + "pages:\n"
       "  - id: budget\n    kind: blocs\n    template: budget\n    after: documents\n"
       "    pages: 2\n"
       "  - id: trajets\n    kind: blocs\n    template: trajets\n    after: budget\n"
       "    blocks:\n      - id: aide\n        label: Une question sur mon trajet ?\n")


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    repo = make_repo(tmp_path_factory.mktemp("blocks"))
    shutil.copytree(ROOT / "versions", repo / "versions")
    write_version(repo, "v12", V12)
    return repo


@pytest.fixture(scope="module")
def built(repo: Path) -> Path:
    for args in (["build", "v12"], ["build", "v12", "--layout", "a5"]):
        done = run_cli(*args, "-q", "--root", str(repo))
        assert done.returncode == 0, done.stderr
    return repo / "dist" / "v12"


def _pages(build_json: Path, page_id: str) -> list[dict]:
    return [p for p in json.loads(build_json.read_text(encoding="utf-8"))["pages"]
            if p["id"] == page_id]


def test_block_pages_build_on_a6_and_a5(built: Path) -> None:
    for manifest in (built / "build.json", built / "build-a5.json"):
        budget, trajets = _pages(manifest, "budget"), _pages(manifest, "trajets")
        assert [p["part"] for p in budget] == [1, 2] and len(trajets) == 1
        documents = _pages(manifest, "documents")[0]["number"]
        assert [p["number"] for p in budget + trajets] == [documents + 1, documents + 2,
                                                            documents + 3]
        paths = {f["path"] for f in budget[0]["fields"]}
        # build.json maps every block's field: the diff explains a change by it.
        assert {"title", "blocks.0.text", "blocks.1.title", "blocks.1.blocks.0.fields.0",
                "blocks.1.blocks.0.fields.3", "blocks.2.items.0.text", "blocks.3.boxes.1"} \
            <= paths
    text = subprocess.run(["pdftotext", "-f", "24", "-l", "26", "-layout",
                           str(built / "monrecap-v12.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    for words in ("Mon budget", "Ce qui me reste :", "Mon loyer", "Loyer payé", "Mes trajets",
                  "Une question sur mon trajet ?", "01 99 00 33 44"):
        assert words in text


def test_a_card_fills_its_page_and_stretches_on_a5(built: Path) -> None:
    a6 = _pages(built / "build.json", "trajets")[0]["fields"]
    a5 = _pages(built / "build-a5.json", "trajets")[0]["fields"]
    count = lambda fields: sum(f["path"] == "blocks.1.title" for f in fields)  # noqa: E731
    assert count(a6) == 1 and count(a5) == 2  # as many trip cards as fit each page


def test_lint_and_preflight_are_clean(repo: Path, built: Path) -> None:
    linted = run_cli("lint", "v12", "--root", str(repo))
    assert linted.returncode == 0, linted.stdout
    for args in (["check", "v12"], ["check", "v12", "--layout", "a5"]):
        checked = run_cli(*args, cwd=repo)
        assert checked.returncode == 0, checked.stdout


def _stamped(pdf: Path) -> bytes:
    """The page PDF with the folding simulator's markers (« P01 » top left, « B01 » bottom
    right) drawn on every page."""
    reader = PdfReader(str(pdf))
    writer = PdfWriter()
    for number, page in enumerate(reader.pages, start=1):
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        overlay = io.BytesIO()
        c = Canvas(overlay, pagesize=(w, h), invariant=1)
        c.setFont("Helvetica", 14)
        c.drawString(3 * MM + 20, h - 3 * MM - 34, f"P{number:02d}")
        c.drawRightString(w - 3 * MM - 20, 3 * MM + 20, f"B{number:02d}")
        c.save()
        writer.add_page(page).merge_page(PdfReader(overlay).pages[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_the_block_carnet_folds_in_order(repo: Path, built: Path) -> None:
    source = _stamped(built / "monrecap-v12.pdf")
    profile = custom_profile(load_profile(repo, "atelier-sra3-a6"), marks="none")
    imposed = impose_pdf(source, "v12.pdf", profile, None)
    doc = pdfium.PdfDocument(imposed.pdf)
    sides = find_pages(imposed.pdf, 36, marker_distance(source))
    cells: dict = {}
    for recto, verso in zip(sides[0::2], sides[1::2]):
        for spread in spreads(pair_sides(recto, verso, doc[0].get_size(), profile.duplex),
                              105 * MM):
            cells.setdefault(cell_key(spread), []).append(spread)
    assert len(cells) == 4
    assert all(read_booklet(folios) == list(range(1, 37)) for folios in cells.values())


def test_a_one_word_change_is_explained_at_its_block(repo: Path, built: Path) -> None:
    write_version(repo, "v13", "version: v13\nextends: v12\n" + HEAD.replace("2027-03-01",
                  "2027-04-01") + "pages:\n  - id: budget\n    blocks:\n      - id: intro\n"
                  "        text: Chaque mois, je note ce que je gagne et ce que je paie.\n")
    try:
        diff = run_cli("diff", "v12", "v13", "--fail-on", "unexplained", "--json", "--root",
                       str(repo))
    finally:
        shutil.rmtree(repo / "versions" / "v13")
    assert diff.returncode == 0, diff.stdout[-1500:]
    report = json.loads(diff.stdout)
    budget = [c for c in report["content"] if c["where"] == "page budget"]
    assert budget == [{"what": "changed", "where": "page budget", "path": "blocks -> 0 -> text",
                       "old": "Chaque mois, je note ce que je reçois et ce que je paie.",
                       "new": "Chaque mois, je note ce que je gagne et ce que je paie."}]
    pages = {p["key"]: p for p in report["pages"]}
    for key in ("budget#1", "budget#2"):
        assert [r["explanation"] for r in pages[key]["regions"]] == [
            "budget → blocks -> 0 -> text"]


def test_an_edition_adapts_a_block_by_its_id(repo: Path) -> None:
    edition = repo / "versions" / "v12" / "variants" / "val-fictif.yaml"
    edition.parent.mkdir(exist_ok=True)
    edition.write_text((ROOT / "versions/v11/variants/val-fictif.yaml").read_text(
        encoding="utf-8") + "  - id: trajets\n    blocks:\n      - id: aide\n"
        "        number: \"01 99 00 20 44\"\n", encoding="utf-8")
    try:
        carnet = load_version(repo, "v12", "val-fictif")
    finally:
        shutil.rmtree(edition.parent)
    trajets = next(p for p in carnet.pages if p.id == "trajets")
    aide = next(b for b in trajets.blocks if b.id == "aide")
    assert (aide.label, aide.number) == ("Une question sur mon trajet ?", "01 99 00 20 44")
    assert [b.id for b in trajets.blocks] == ["pourquoi", "trajet", "aide"]


BAD = [
    ("  - id: budget\n    kind: blocs\n    title: Mon budget\n    blocks:\n"
     "      - type: tableau\n        text: Un tableau\n",
     "versions/v12/carnet.yaml:12:15: pages -> 0 -> blocks -> 0 -> type: unknown block type "
     "'tableau'; known block types: texte, liste, champs, cases, lignes, numero, qr, "
     "pictogramme, espace, fiche"),
    ("  - id: budget\n    kind: blocs\n    title: Mon budget\n    blocks:\n"
     "      - type: fiche\n        title: Un mois\n        repeat: 6\n        blocks:\n"
     "          - type: champs\n            fields: [Mois, Ce que je reçois]\n",
     "versions/v12/carnet.yaml:12:9: pages -> 0 -> blocks -> 0: block 1 (fiche) needs 541 "
     "pt, 318 pt are left below the blocks above it (v12, page 'budget')"),
    ("  - id: budget\n    kind: blocs\n    title: Mon budget\n    blocks:\n"
     "      - type: texte\n        text: Je coche ✓ ce que j'ai payé.\n",
     "versions/v12/carnet.yaml:13:15: pages -> 0 -> blocks -> 0 -> text: character U+2713 "
     "('✓') is not in the font AtkinsonHyperlegible-Regular; it would print as an empty box "
     "(v12, page 'budget')"),
    ("  - id: budget\n    kind: blocs\n    template: budjet\n",
     "versions/v12/carnet.yaml:10:15: pages -> 0 -> template: no page template 'budjet' (did "
     "you mean 'budget'?); templates: budget, notes, trajets (in layouts/pages/ or shipped "
     "with the toolkit)"),
]


@pytest.mark.parametrize("pages, message", BAD, ids=["unknown-block", "card-too-tall",
                                                     "missing-glyph", "unknown-template"])
def test_block_errors_point_at_their_line(repo: Path, pages: str, message: str,
                                          tmp_path: Path) -> None:
    scratch = make_repo(tmp_path / "r")
    shutil.copytree(ROOT / "versions", scratch / "versions")
    write_version(scratch, "v12", "version: v12\nextends: v11\n" + HEAD + "pages:\n" + pages)
    built = run_cli("build", "v12", "-q", "--no-impose", "--no-preflight", "--root",
                    str(scratch))
    assert built.returncode == 2
    assert built.stderr.splitlines() == [f"error: {message}"]


def test_a_writing_line_for_a_password_is_an_invitation(repo: Path, tmp_path: Path) -> None:
    scratch = make_repo(tmp_path / "r")
    shutil.copytree(ROOT / "versions", scratch / "versions")
    write_version(scratch, "v12", "version: v12\nextends: v11\n" + HEAD + "pages:\n"
                  "  - id: codes\n    kind: blocs\n    title: Mes codes\n"
                  "    picto: pictograms/tabler/lock-square-rounded.svg\n    blocks:\n"
                  "      - type: champs\n        fields: [Mot de passe]\n")
    built = run_cli("build", "v12", "-q", "--no-impose", "--root", str(scratch))
    assert built.returncode == 2
    assert built.stderr == (
        "error: versions/v12/carnet.yaml:14:18: pages -> 0 -> blocks -> 0 -> fields -> 0: "
        "invites someone to write a password or a login (sensitive.password: the carnet "
        "never asks for it; say it must never be written)\n")


def test_a_new_page_places_its_own_block_among_the_template_s(repo: Path) -> None:
    """A version's page over a template puts its own block before one of the template's
    (`before: intro`): the blocks are placed when the template is laid under the page."""
    write_version(repo, "v13", "version: v13\nextends: v11\n" + HEAD + "pages:\n"
                  "  - id: budget\n    kind: blocs\n    template: budget\n    after: documents\n"
                  "    blocks:\n      - id: avant\n        type: texte\n"
                  "        text: Un mot avant.\n        before: intro\n")
    page = next(p for p in load_version(repo, "v13").pages if p.id == "budget")
    assert [b.id for b in page.blocks][:2] == ["avant", "intro"]
