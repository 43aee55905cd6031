"""What `monrecap risk` shows: the terminal lines, the A4 PDF (fitted, PDF/X-4, fonts
embedded, preflighted), the self-contained HTML, and the diff's risk section."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import BASE, ROOT, make_repo, run_cli, write_version

from monrecap.errors import RenderError
from monrecap.fonts import load_fontset
from monrecap.layout import load_layout
from monrecap.preflight import Context, run_preflight
from monrecap.risk import risk_report
from monrecap.risk.analysis import Cell, Document, Section, Table, risk_document
from monrecap.risk.analysispdf import SAFE, render_risk_pdf


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> tuple[Path, Path, subprocess.CompletedProcess]:
    out = tmp_path_factory.mktemp("risk-docs")
    result = run_cli("risk", "v11", "--pdf", str(out / "risque-v11.pdf"), "--html",
                     str(out / "risque-v11.html"))
    return out / "risque-v11.pdf", out / "risque-v11.html", result


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_the_terminal_says_each_field_and_what_was_written(documents) -> None:
    pdf, html, result = documents
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == ("Risk register of Mon Récap v11 (risk.yaml): 27 writing fields; "
                        "residual maximale 0, importante 4, limitée 15, négligeable 8; highest "
                        "importante")
    assert ("  versions/v9/carnet.yaml:17:17: couverture.owner_label: « Ce carnet appartient à "
            ": Mon prénom » (name-line, ×1): identity, about the holder (the word « prénom »); "
            "importante/maximale → limitée/maximale by first-name-only: limitée") in lines
    assert ("  versions/v9/carnet.yaml:36:18: rendez-vous.labels.with_whom: « Avec qui » (line, "
            "×24): third-party, about a third party (the word « avec qui »); "
            "limitée/importante → limitée/limitée by if-lost: limitée") in lines
    # Two contact cards more: the highest level and the map's cells did not move.
    assert ("Since v10: residual risk as before: highest importante, the same cells of the map "
            "(limitée 13 → 15); 2 fields added") in lines
    assert result.stderr == f"wrote {html}\nwrote {pdf} (5 pages)\n"


def test_the_pdf_is_a4_fitted_and_print_ready(documents) -> None:
    pdf, _, _ = documents
    info = subprocess.run(["pdfinfo", "-box", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"Pages:\s+5\b", info)
    assert re.search(r"TrimBox:\s+8\.50\s+8\.50\s+603\.78\s+850\.39", info), info
    assert "Analyse des risques — Mon Récap v11" in info
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts)  # every font embedded
    assert subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True).returncode == 0
    text = _text(pdf)
    for heading in ("1. Contexte", "2. Les données", "3. Les événements redoutés",
                    "4. Les mesures", "5. Les risques résiduels",
                    "6. Ce qui a changé depuis v10", "7. Les décisions"):
        assert heading in text
    assert "Avant les mesures" in text and "Après les mesures" in text
    assert "Le prénom seulement sur la couverture" in text
    # The preflight of every toolkit document (a document, not a booklet): clean.
    report = run_preflight(pdf, Context(safe=SAFE, booklet=False))
    assert [(f.rule, f.severity) for f in report.findings] == []


def test_a_text_that_cannot_fit_is_an_error_naming_the_block() -> None:
    report = risk_report(ROOT, "v11")
    document = risk_document(report)
    long = Document(document.title, document.summary,
                    (Section("Un titre", ("x" * 400,)),), document.released)
    layout = load_layout(ROOT, "a6-poche")
    with pytest.raises(RenderError) as caught:
        render_risk_pdf(long, layout, load_fontset(layout.fonts.regular, layout.fonts.bold),
                        ROOT)
    assert [str(p) for p in caught.value.problems] == [
        "risk analysis: sections.0.0: a word is 1334 pt wider than its frame; words are never "
        "cut"]


def test_the_html_is_self_contained_and_french(documents) -> None:
    _, html, _ = documents
    text = html.read_text(encoding="utf-8")
    assert '<html lang="fr">' in text and "default-src 'none'" in text
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?!data:)""", text)
    assert "<h1>Analyse des risques — Mon Récap v11</h1>" in text
    assert text.count("<svg") == 2 and "Après les mesures" in text
    assert ('<p class="summary" id="summary">27 champs où l&#x27;on écrit : aucun à risque '
            'maximal, 4 à risque important, 15 à risque limité, 8 à risque négligeable. Le '
            'risque résiduel le plus haut est important.</p>') in text


def test_the_diff_has_a_risk_section(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {
        "v0": BASE.read_text(encoding="utf-8"),
        "v1": "version: v1\nextends: v0\nchangelog:\n  - change: Une page pour mon adresse.\n"
              "    finding: Un test.\npages:\n  - id: adresse\n    kind: notes\n"
              "    title: Mon adresse\n    after: notes\n"})
    result = run_cli("diff", "v0", "v1", "--json", "--html", str(tmp_path / "d.html"),
                     "--root", str(repo))
    assert result.returncode == 1, result.stderr
    risk = json.loads(result.stdout)["risk"]
    # A new line where others already stood: the carnet collects more, at the same levels.
    assert risk["direction"] == "more"
    assert risk["fields"] == [{"what": "added", "key": "adresse.title", "text": "Mon adresse",
                               "old": None, "new": {"category": "contact",
                                                    "severity": "importante",
                                                    "likelihood": "importante",
                                                    "level": "importante"}}]
    assert risk["removed_measures"] == ["no-holder-address"]
    html = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert "<h2>Risque d'un carnet perdu</h2>" in html
    assert ("Depuis v0, le risque résiduel le plus haut reste important et la carte des risques "
            "ne change pas : 1 page de notes de plus, au risque important ; des données d&#39;une "
            "catégorie nouvelle : « Coordonnées de la personne ».") in html
    assert "Nouveau champ, la page de notes « Mon adresse » : risque résiduel important." in html
    assert "Mesure perdue : Aucune ligne pour l&#39;adresse ou le téléphone de la personne." \
        in html
    terminal = run_cli("diff", "v0", "v1", "--root", str(repo)).stdout
    assert ("Risk of a lost carnet: residual risk as before: highest importante, the same cells "
            "of the map (importante 4 → 5); 1 field added; new categories of data: contact; "
            "removed measures: no-holder-address") in terminal
    assert "  + adresse.title « Mon adresse »: contact, importante/importante: importante" \
        in terminal


def test_the_trend_reads_the_v8_drop() -> None:
    result = run_cli("risk", "--all")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    v8 = lines.index(next(l for l in lines if l.startswith("v8: ")))
    assert lines[v8] == (
        "v8: 17 fields; maximale 0, importante 4, limitée 9, négligeable 4; highest importante; "
        "5 measures — against v7: residual risk lower (importante 6 → 4, limitée 7 → 9); "
        "8 fields changed; new measures: first-name-only, never-write-here, if-lost, "
        "owner-decides")
    assert lines[v8 + 1:v8 + 3] == [
        "    « Une page sur les données personnelles dit ce qu'il ne faut jamais écrire. »",
        "    « La couverture ne demande plus que le prénom. »"]


def test_the_document_speaks_as_a_reader_to_a_dpo(documents) -> None:
    """No internal key; the text that carries a measure quoted as printed; a risk agrees
    with « risque »; papers to bring are papers; two more cards are not a higher risk."""
    _, html, _ = documents
    text = html.read_text(encoding="utf-8")
    for key in ("sections.0.heading", "sections.1.heading", "owner_hint", "owner_label",
                "donnees.intro", "champ intro", "risque résiduel importante"):
        assert key not in text
    assert ("<li>Le prénom seulement sur la couverture. Trouvée sur la ligne du nom de la "
            "couverture : « Mon prénom ». Abaisse d&#x27;un niveau la gravité : identité de la "
            "personne (ligne du nom sur la couverture). Un prénom seul relie difficilement un "
            "carnet perdu à une personne.</li>") in text
    assert ("<li>Un cadre dit ce qu&#x27;il ne faut jamais écrire. Trouvée sur le titre de la "
            "rubrique « Je n&#x27;écris jamais ici : » (page « Mes informations »). Abaisse "
            "d&#x27;un niveau la vraisemblance : situation sociale, aides, logement, dettes, "
            "justice (notes libres).") in text
    assert ("<li>Le carnet dit que la personne choisit à qui elle le montre. Trouvée sur "
            "l&#x27;introduction de la page « Mes informations » : « Ce carnet est à moi. Je "
            "choisis à qui je le montre. » Abaisse d&#x27;un niveau la vraisemblance : "
            "modification non désirée.") in text
    assert ("<tr><td>Mes rendez-vous</td><td>Ma pièce d&#x27;identité</td><td>Case d&#x27;un "
            "papier à apporter</td><td>Papiers que la personne a ou apporte</td>"
            "<td>la personne</td><td>24</td></tr>") in text
    assert ("<tr><td>Couverture</td><td>Ce carnet appartient à : Mon prénom</td>") in text
    assert ("<p>Depuis v10, le risque résiduel le plus haut reste important et la carte des "
            "risques ne change pas : 2 fiches contact de plus, au risque limité.</p>") in text
    assert ("<li>Nouveau champ, la fiche contact « Mairie ou CCAS » (page « Mes contacts ») : "
            "risque résiduel limité.</li>") in text
    assert "<li>Dos du carnet : « Lot d&#x27;impression : » ne reçoit pas de donnée" in text


UNCLASSIFIED = ("version: v1\nextends: v0\nreleased: 2026-02-02\nchangelog:\n"
                "  - change: Un projet.\n    finding: Un test.\n"
                "pages:\n  - id: actions\n    labels: {what: Mon projet}\n"
                "  - {id: carnet-codes, kind: notes, title: Mon numéro de badge, after: notes}\n")


def test_an_unclassified_or_defaulted_field_is_said_as_such(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"v0": BASE.read_text(encoding="utf-8"),
                                         "v1": UNCLASSIFIED})
    html = tmp_path / "r.html"
    result = run_cli("risk", "v1", "--root", str(repo), "--html", str(html))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert ("  versions/v1/carnet.yaml:9:20: actions.labels.what: « Mon projet » (line, ×1): "
            "unclassified (no word); importante/importante → importante/importante: "
            "importante") in lines
    assert ("  ~ actions.labels.what « Mon projet »: situation → unclassified, "
            "importante/importante → importante/importante: importante → importante") in lines
    text = html.read_text(encoding="utf-8")
    assert ("<tr><td>Mon numéro de badge</td><td>Mon numéro de badge</td><td>Notes libres</td>"
            "<td>Situation sociale, aides, logement, dettes, justice (catégorie par défaut)"
            "</td>") in text
    assert ("<td>« Mon numéro de badge »</td><td>aucun mot : catégorie par défaut (notes "
            "libres)</td>") in text
    assert ("<li>La ligne « Mon projet » (page « Mes démarches ») : gravité / vraisemblance "
            "importante / importante avant, importante / importante maintenant ; risque "
            "important avant, important maintenant. La catégorie passe de « Situation sociale, "
            "aides, logement, dettes, justice » à « à classer ».</li>") in text


def _render(document: Document) -> tuple[Path, int]:
    layout = load_layout(ROOT, "a6-poche")
    pdf, pages = render_risk_pdf(document, layout,
                                 load_fontset(layout.fonts.regular, layout.fonts.bold), ROOT)
    return pdf, pages


def _page_text(pdf: bytes, page: int, tmp_path: Path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def test_a_table_never_leaves_its_last_row_alone(tmp_path: Path) -> None:
    """Whatever the number of rows, the last page of a table holds at least two."""
    for n in range(30, 45):
        rows = tuple((Cell(f"Ligne {i}"), Cell("limité")) for i in range(1, n + 1))
        document = Document("Analyse", "Résumé.", (Section("1. Un titre", (
            "Une phrase.", Table(("Champ", "Risque"), (0.7, 0.3), rows))),),
            dt.date(2026, 1, 1))
        pdf, pages = _render(document)
        last = [line for line in _page_text(pdf, pages, tmp_path).splitlines()
                if line.startswith("Ligne")]
        assert pages == 1 or len(last) >= 2, (n, last)


def test_a_cell_taller_than_a_page_flows_onto_the_next(tmp_path: Path) -> None:
    words = " ".join(f"mot{i}" for i in range(1, 701))
    document = Document("Analyse", "Résumé.", (Section("1. Un titre", (
        Table(("Champ", "Raison"), (0.8, 0.2), ((Cell("Mes notes"), Cell(words)),)),
        "La suite.")),), dt.date(2026, 1, 1))
    pdf, pages = _render(document)
    assert pages == 4
    texts = [_page_text(pdf, page, tmp_path) for page in range(1, pages + 1)]
    found = re.findall(r"mot(\d+)", " ".join(texts))
    assert found == [str(i) for i in range(1, 701)]  # every word, once, in order
    assert all("Raison" in text for text in texts)  # the header on every page
    assert "La suite." in texts[-1]


LONG = " ".join(["Le comité d'usagers a demandé que les notes restent libres, et la relecture "
                 "a montré qu'on y écrit surtout des démarches."] * 20)


@pytest.fixture(scope="module")
def annotated(tmp_path_factory) -> Path:
    """The shipped versions and a v12 whose reason for the notes page is long."""
    repo = make_repo(tmp_path_factory.mktemp("annotated"))
    shutil.copytree(ROOT / "versions", repo / "versions")
    shutil.copytree(ROOT / "experiments", repo / "experiments")
    shutil.copy(ROOT / "risk.yaml", repo / "risk.yaml")
    return repo


def _v12(repo: Path, reason: str) -> None:
    write_version(repo, "v12", "version: v12\nextends: v11\nreleased: 2027-03-01\n"
                               "changelog:\n  - change: Rien.\n    finding: Un test.\n"
                               f"risk:\n  notes: {{category: situation, reason: \"{reason}\"}}\n")


def test_a_long_reason_is_read_in_full_below_the_table(annotated: Path, tmp_path: Path
                                                       ) -> None:
    assert len(LONG) > 2400
    _v12(annotated, LONG)
    pdf = tmp_path / "risque-v12.pdf"
    result = run_cli("risk", "v12", "--pdf", str(pdf), "--root", str(annotated))
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"wrote {pdf} (6 pages)\n"
    text = " ".join(_text(pdf).split())
    assert "la version (sa raison" in text and "sous le tableau)" in text
    assert ("Les raisons de la version : • La page de notes « Mes notes » : Le comité "
            "d'usagers a demandé") in text
    assert text.count("surtout des démarches.") == 20


def test_a_word_too_wide_for_the_page_is_an_error_at_its_yaml_line(annotated: Path,
                                                                   tmp_path: Path) -> None:
    _v12(annotated, "x" * 400)
    pdf = tmp_path / "risque-v12.pdf"
    result = run_cli("risk", "v12", "--pdf", str(pdf), "--root", str(annotated))
    assert (result.returncode, result.stderr) == (2, (
        "error: versions/v12/carnet.yaml:8:40: risk -> notes -> reason: a word is 1346 pt "
        "wider than its frame; words are never cut (in the risk analysis)\n"))
    assert not pdf.exists()


def test_the_documents_go_into_a_dist_folder_not_made_yet(tmp_path: Path) -> None:
    """A fresh clone has no dist/: `risk --pdf dist/… --html dist/…` makes it."""
    result = run_cli("risk", "v11", "--root", str(ROOT), "--pdf", "dist/risque-v11.pdf",
                     "--html", "dist/risque-v11.html", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "dist" / "risque-v11.pdf").is_file()
    assert (tmp_path / "dist" / "risque-v11.html").is_file()
