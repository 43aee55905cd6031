"""What `monrecap risk` shows: the terminal lines, the A4 PDF (fitted, PDF/X-4, fonts
embedded, preflighted), the self-contained HTML, and the diff's risk section."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from conftest import BASE, ROOT, make_repo, run_cli
from monrecap.errors import RenderError
from monrecap.fonts import load_fontset
from monrecap.layout import load_layout
from monrecap.risk import risk_report
from monrecap.risk.document import Document, Section, risk_document
from monrecap.preflight import Context, run_preflight
from monrecap.risk.pdf import SAFE, render_risk_pdf


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
    assert lines[0] == ("Risk register of Mon Récap v11 (risk.yaml): 27 writing field(s); "
                        "residual maximale 0, importante 4, limitée 16, négligeable 7; highest "
                        "importante")
    assert ("  versions/v8/carnet.yaml:19:18: couverture.owner_label: « Ce carnet appartient à "
            ": Mon prénom » (name-line, ×1): identity of the holder (the word « prénom »); "
            "importante/maximale → limitée/maximale by first-name-only: limitée") in lines
    assert "Since v10: residual risk higher (limitée 14 → 16); 2 field(s) added" in lines
    assert result.stderr == f"wrote {html}\nwrote {pdf} (5 page(s))\n"


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
    assert ('<p class="summary" id="summary">27 champs où l&#x27;on écrit. Risque résiduel par '
            'champ : maximale 0, importante 4, limitée 16, négligeable 7. Le plus haut : '
            'importante.</p>') in text


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
    assert risk["direction"] == "higher"
    assert risk["fields"] == [{"what": "added", "key": "adresse.title", "text": "Mon adresse",
                               "old": None, "new": {"category": "contact",
                                                    "severity": "importante",
                                                    "likelihood": "importante",
                                                    "level": "importante"}}]
    assert risk["removed_measures"] == ["no-holder-address"]
    html = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert "<h2>Risque d'un carnet perdu</h2>" in html
    assert "Nouveau champ, « Mon adresse » : risque résiduel importante." in html
    assert "Mesure perdue : Aucune ligne pour l&#39;adresse ou le téléphone de la personne." \
        in html
    terminal = run_cli("diff", "v0", "v1", "--root", str(repo)).stdout
    assert ("Risk of a lost carnet: residual risk higher (importante 4 → 5); 1 field(s) added; "
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
        "5 measure(s) — against v7: residual risk lower (importante 6 → 4, limitée 7 → 9); "
        "8 field(s) changed; new measures: first-name-only, never-write-here, if-lost, "
        "owner-decides")
    assert lines[v8 + 1:v8 + 3] == [
        "    « Une page sur les données personnelles dit ce qu'il ne faut jamais écrire. »",
        "    « La couverture ne demande plus que le prénom. »"]
