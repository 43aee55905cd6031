"""A glossary longer than a page goes on as many pages as it needs, in order, each term with
its meaning; read back from the PDF with poppler."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.conftest import BASE, make_repo, run_cli

TERMS = {f"SIGLE{n:02d}": f"Le sens du sigle, numéro {n}" for n in range(1, 12)}


def test_a_long_glossary_takes_two_pages_in_order(tmp_path: Path) -> None:
    text = BASE.read_text(encoding="utf-8")
    glossary = "glossary:\n" + "".join(f"  {k}: {v}\n" for k, v in TERMS.items())
    page = ("  - id: mots\n    kind: glossaire\n    title: Les mots à connaître\n"
            "    picto: pictograms/tabler/search.svg\n    intro: Les sigles du carnet.\n")
    text = text.replace("pages:\n", glossary + "pages:\n", 1).replace(
        "  - id: avis\n", page + "  - id: avis\n", 1)
    repo = make_repo(tmp_path, {"v0": text})
    result = run_cli("build", "v0", "--root", str(repo), "-q", "--no-impose")
    assert result.returncode == 0, result.stderr
    out = repo / "dist" / "v0"
    pages = [p["number"] for p in json.loads((out / "build.json").read_text())["pages"]
             if p["id"] == "mots"]
    assert len(pages) == 2
    pdf = out / "monrecap-v0.pdf"
    texts = [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
                            check=True, capture_output=True, text=True).stdout for n in pages]
    found = [[w for w in t.split() if w.startswith("SIGLE")] for t in texts]
    assert found[0] + found[1] == list(TERMS)  # every term once, in order
    assert found[0] and found[1]
    assert "Les sigles du carnet." in texts[0] and "Les sigles du carnet." not in texts[1]
    assert all(f"numéro {int(t[5:])}" in texts[0 if t in found[0] else 1] for t in TERMS)
