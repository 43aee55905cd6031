"""The real history v1…v11 and its editions: every one builds, inheritance tells the story,
`show` and `new` work as a designer runs them."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, make_repo, run_cli
from monrecap.content import load_version, variant_names
from monrecap.errors import ContentError

MM = 72 / 25.4
VERSIONS = [f"v{n}" for n in range(1, 12)]
VARIANTS = ["horizon-insertion", "mission-locale-fictiville", "val-fictif"]
GOLDEN = os.environ.get("MONRECAP_GOLDEN") == "1"


@pytest.fixture(scope="module")
def everything(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("all")
    result = run_cli("build", "--all", "--all-variants", "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    return out


def test_every_version_and_edition_builds_clean(everything: Path) -> None:
    manifests = sorted(everything.rglob("build.json"))
    assert len(manifests) == 11 + 3
    imposed = 0
    for path in manifests:
        manifest = json.loads(path.read_text())
        assert manifest["page_count"] % 4 == 0 and manifest["pages"][-1]["kind"] == "dos"
        assert [f for f in manifest["preflight"] if f["severity"] == "error"] == []
        pdfs = [path.parent / manifest["pdf"]["file"]]
        pdfs += [path.parent / entry["file"] for entry in manifest["imposed"]]
        imposed += len(manifest["imposed"])
        for pdf in pdfs:
            fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                                   check=True).stdout.splitlines()[2:]
            assert fonts and all(row.split()[-5] == "yes" for row in fonts), pdf
            check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True,
                                   text=True)
            assert check.returncode == 0, (pdf, check.stdout)
    assert imposed == 4 * 1 + 7 * 2 + 3 * 2  # A5 versions: one profile; A6: shop and office


def test_formats_follow_the_story(everything: Path) -> None:
    def trim(vid: str) -> list[float]:
        return json.loads((everything / vid / "build.json").read_text())["layout"]["trim_mm"]

    assert all(trim(v) == pytest.approx([148, 210]) for v in VERSIONS[:4])   # A5 prototype
    assert all(trim(v) == pytest.approx([105, 148]) for v in VERSIONS[4:])   # A6 from v5


def test_inheritance_on_the_real_chain() -> None:
    v = {vid: load_version(ROOT, vid) for vid in VERSIONS}
    ids = {vid: [p.id for p in c.pages] for vid, c in v.items()}
    assert ids["v1"] == ["couverture", "rendez-vous", "contacts", "notes", "dos"]
    assert "actions" in ids["v2"] and "mode-emploi" not in ids["v2"]
    assert ids["v3"][1] == "mode-emploi"
    assert all(p.picto is None for p in v["v3"].pages if hasattr(p, "picto"))
    assert all(p.picto is not None for p in v["v4"].pages if p.kind not in ("dos",))
    assert (v["v4"].layout, v["v5"].layout) == ("a5-prototype", "a6-poche-2024")
    assert "avis" not in ids["v5"] and "avis" in ids["v6"]
    avis = {vid: next(p for p in v[vid].pages if p.id == "avis") for vid in ("v6", "v7")}
    assert avis["v6"].whatsapp is None and avis["v7"].qr_url.startswith("https://wa.me/")
    assert "donnees" not in ids["v7"] and "donnees" in ids["v8"]
    rdv = {vid: next(p for p in v[vid].pages if p.id == "rendez-vous") for vid in ("v8", "v9")}
    assert (rdv["v8"].labels.date, rdv["v9"].labels.date) == ("Date (JJ/MM/AAAA)", "Date")
    assert "documents" not in ids["v9"] and "documents" in ids["v10"]
    assert v["v9"].pages[0].band is None and v["v10"].pages[0].band
    assert v["v11"].layout == "a6-poche" and v["v11"].pages[-1].lot_label


def test_v11_resolved_content_is_deliberate() -> None:
    """v11 is what the carnet holds now: a change to it must be a reviewed golden change."""
    result = run_cli("show", "v11", "--resolved")
    assert result.returncode == 0, result.stderr
    golden = ROOT / "tests" / "data" / "v11-resolved.yaml"
    if GOLDEN:
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")
    assert yaml.safe_load(result.stdout)["pages"][-1]["lot_label"] == "Lot d'impression :"


def test_variants_overlay_the_version() -> None:
    assert variant_names(ROOT, "v11") == VARIANTS
    base = load_version(ROOT, "v11")
    local = load_version(ROOT, "v11", "val-fictif")
    assert local.edition.offer == "decouverte" and local.variant == "val-fictif"
    assert local.pages[0].band == "Offert par le Département du Val-Fictif"
    avis = next(p for p in local.pages if p.id == "avis")
    assert avis.phone == "01 99 00 20 00"
    card = next(p for p in local.pages if p.id == "contacts").cards[0]
    assert (card.nom, card.telephone) == ("Agence de Fictiville", "01 99 00 20 30")
    assert [p.id for p in local.pages] == [p.id for p in base.pages]
    assert local.files[-1] == "versions/v11/variants/val-fictif.yaml"
    for name in VARIANTS:
        offer = load_version(ROOT, "v11", name).edition.offer
        band = load_version(ROOT, "v11", name).pages[0].band
        assert band.startswith("Offert par" if offer == "decouverte" else "Cofinancé par")


def test_every_phone_number_is_from_the_fiction_ranges() -> None:
    texts = [p.read_text(encoding="utf-8") for p in (ROOT / "versions").rglob("*.yaml")]
    numbers = re.findall(r"\b0\d(?: \d\d){4}\b", "\n".join(texts))
    assert numbers and all(n.startswith(("01 99 00", "06 39 98")) for n in numbers), numbers


def _variant_repo(tmp_path: Path, text: str) -> Path:
    repo = make_repo(tmp_path)
    import shutil

    shutil.copytree(ROOT / "versions", repo / "versions")
    (repo / "versions/v11/variants/essai.yaml").write_text(text, encoding="utf-8")
    return repo


def test_variant_with_unknown_page_fails_at_its_line(tmp_path: Path) -> None:
    repo = _variant_repo(tmp_path, "variant: essai\ndescription: Essai\noffer: payante\n"
                                   "pages:\n  - id: contact\n    title: Contacts\n")
    result = run_cli("build", "v11", "--variant", "essai", "--root", str(repo), "-q")
    assert result.returncode == 2
    assert result.stderr == (
        "error: versions/v11/variants/essai.yaml:5:9: pages -> 0 -> id: v11 has no page "
        "'contact' (did you mean 'contacts'?); a variant adapts existing pages\n")
    assert not (repo / "dist").exists()


def test_variant_with_bad_key_fails_at_its_line(tmp_path: Path) -> None:
    repo = _variant_repo(tmp_path, "variant: essai\ndescription: Essai\noffre: payante\n")
    result = run_cli("build", "v11", "--variant", "essai", "--root", str(repo), "-q")
    assert result.returncode == 2
    assert result.stderr == (
        "error: versions/v11/variants/essai.yaml:3:1: offre: unknown key 'offre' "
        "(did you mean 'offer'?)\n")
    # The first file of an edition says its offer: without the misspelt key, that is said.
    (repo / "versions/v11/variants/essai.yaml").write_text(
        "variant: essai\ndescription: Essai\n", encoding="utf-8")
    result = run_cli("build", "v11", "--variant", "essai", "--root", str(repo), "-q")
    assert (result.returncode, result.stderr) == (2, (
        "error: versions/v11/variants/essai.yaml:1:1: the first file of edition 'essai' says "
        "its offer (« offer: … »)\n"))


def test_unknown_variant() -> None:
    with pytest.raises(ContentError, match=r"unknown variant 'val-fictf' of v11 \(did you mean "
                                           r"'val-fictif'\?\)"):
        load_version(ROOT, "v11", "val-fictf")


def test_show_prints_the_changelog_and_the_changes() -> None:
    result = run_cli("show", "v9", env={"COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Mon Récap v9, released 2025-02-03, layout a6-poche-2024")
    assert "against v8" in out and "Tous les textes sont réécrits" in out
    assert "~ page rendez-vous → labels -> date : Date (JJ/MM/AAAA) → Date" in out


def test_new_scaffolds_and_never_overwrites(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    import shutil

    shutil.copytree(ROOT / "versions", repo / "versions")
    made = run_cli("new", "v12", "--from", "v11", "--root", str(repo))
    assert made.returncode == 0, made.stderr
    text = (repo / "versions/v12/carnet.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../../docs/schemas/input/"
                           "version.json\nversion: v12\nextends: v11\nreleased: ")
    again = run_cli("new", "v12", "--root", str(repo))
    assert again.returncode == 2
    assert again.stderr == "error: versions/v12/carnet.yaml already exists; nothing was written\n"
    assert (repo / "versions/v12/carnet.yaml").read_text() == text
    # The scaffold builds only once its changelog says what changed and why.
    build = run_cli("build", "v12", "--root", str(repo), "-q")
    assert build.returncode == 2
    assert build.stderr.splitlines() == [
        "error: versions/v12/carnet.yaml:8:13: changelog -> 0 -> change: must not be empty",
        "error: versions/v12/carnet.yaml:9:14: changelog -> 0 -> finding: must not be empty"]
