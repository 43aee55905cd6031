"""The pictures of docs/blocks.md and the README's block page: one page per block type and the
two page templates, built from YAML in a scratch copy of the repository, then rasterised.

    python docs/make_blocks.py docs/blocks
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent

#: One page per block type: (page id, title, pictogram, the YAML of its blocks).
PAGES = [
    ("texte", "Un texte", "notes", """
      - type: texte
        text: Je garde ce carnet avec moi. Je le montre à la personne qui m'aide."""),
    ("liste", "Une liste", "list-numbers", """
      - type: liste
        items:
          - text: Mon loyer
            picto: pictograms/tabler/home.svg
          - text: Mes courses
            picto: pictograms/tabler/shopping-cart.svg
          - Une ligne sans pictogramme"""),
    ("champs", "Des lignes à remplir", "pencil", """
      - type: champs
        fields:
          - Date
          - label: Ce que je dois apporter
            lines: 2"""),
    ("cases", "Des cases à cocher", "checklist", """
      - type: cases
        boxes: [Loyer payé, Factures payées, Courses faites]"""),
    ("fiche", "Une fiche", "address-book", """
      - type: fiche
        title: Mon trajet
        repeat: 2
        blocks:
          - type: champs
            fields: [Je pars de, J'arrive à]"""),
    ("lignes", "Des lignes", "pencil", """
      - type: lignes
        count: 5"""),
    ("numero", "Un numéro", "phone", """
      - type: numero
        label: Pour une question, j'appelle le
        number: "01 99 00 33 44\""""),
    ("qr", "Un code QR", "message-circle", """
      - type: qr
        label: Je scanne ce code avec mon téléphone.
        url: https://monrecap.example.fr/aide"""),
    ("pictogramme", "Un pictogramme", "map-pin", """
      - type: pictogramme
        picto: pictograms/tabler/map-pin.svg
        text: Je prépare mon trajet avant le jour du rendez-vous."""),
    ("espace", "De l'espace", "notes", """
      - type: texte
        text: Un texte.
      - type: espace
        size: grand
      - type: texte
        text: Un autre texte, plus bas."""),
]


def main(out: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="blocks-") as tmp:
        repo = Path(tmp)
        for name in ("versions", "layouts", "fonts", "pictograms", "decisions", "experiments"):
            if (ROOT / name).is_dir():
                shutil.copytree(ROOT / name, repo / name)
        pages = "".join(
            f"  - id: bloc-{kind}\n    kind: blocs\n    title: {title}\n"
            f"    picto: pictograms/tabler/{picto}.svg\n    after: documents\n    blocks:{blocks}\n"
            for kind, title, picto, blocks in reversed(PAGES))
        pages += ("  - id: budget\n    kind: blocs\n    template: budget\n    after: documents\n"
                  "  - id: trajets\n    kind: blocs\n    template: trajets\n    after: budget\n")
        (repo / "versions" / "v12").mkdir()
        (repo / "versions" / "v12" / "carnet.yaml").write_text(
            "version: v12\nextends: v11\nreleased: 2027-03-01\nchangelog:\n"
            "  - change: Des pages en blocs.\n    finding: Un exemple pour la documentation.\n"
            "pages:\n" + pages, encoding="utf-8")
        subprocess.run([sys.executable, "-m", "monrecap", "build", "v12", "--no-impose",
                        "--no-preflight", "-q", "--root", str(repo)], check=True)
        pdf = repo / "dist" / "v12" / "monrecap-v12.pdf"
        manifest = json.loads((repo / "dist" / "v12" / "build.json").read_text("utf-8"))
        doc = pdfium.PdfDocument(pdf)
        out.mkdir(parents=True, exist_ok=True)
        wanted = {f"bloc-{kind}": kind for kind, *_ in PAGES} | {"budget": "page-budget",
                                                                  "trajets": "page-trajets"}
        for page in manifest["pages"]:
            name = wanted.get(page["id"])
            if name and page["part"] == 1:
                image = doc[page["number"] - 1].render(scale=80 / 72).to_pil()
                if not name.startswith("page-"):  # a block: the top of its page is enough
                    image = image.crop((0, 0, image.width, round(image.height * 0.56)))
                image.save(out / f"{name}.png", optimize=True)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "blocks"))
