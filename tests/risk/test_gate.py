"""The release gate: a field at « maximale » residual risk stops the release unless the version
records the decision; the decision is then in the job ticket and the manifest."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import BASE, make_repo, run_cli, write_version
from monrecap.risk import load_register

V1 = """version: v1
extends: v0
print: [bureau-a4]
changelog:
  - change: Une page pour noter ses médicaments.
    finding: Le comité d'usagers l'a demandée.
pages:
  - id: sante
    kind: notes
    title: Mes médicaments
    after: notes
"""
DECISION = """risk_accepted:
  sante.title:
    reason: Le comité d'usagers l'a demandée ; la page dit de ne rien noter de secret.
    decided: 2026-02-02
"""


def test_release_refuses_a_maximal_residual_risk_without_a_decision(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"v0": BASE.read_text(encoding="utf-8"), "v1": V1})
    (repo / "release.yaml").write_text("versions: [v1]\n")
    out = tmp_path / "out"
    result = run_cli("release", "--root", str(repo), "--out", str(out))
    assert result.returncode == 2
    assert result.stderr == (
        "error: versions/v1/carnet.yaml:10:12: sante.title: residual risk « maximale » (Santé: "
        "« Mes médicaments », severity maximale, likelihood importante): the release needs a "
        "decision in versions/v1/carnet.yaml: risk_accepted: {sante.title: {reason: …}}, or a "
        "measure that lowers it\n")
    assert not out.exists()
    risk = run_cli("risk", "v1", "--root", str(repo))
    assert risk.returncode == 1 and "without a decision: `release` refuses it" in risk.stdout


def test_a_recorded_decision_lets_it_through_and_is_in_the_ticket(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"v0": BASE.read_text(encoding="utf-8"),
                                         "v1": V1 + DECISION})
    (repo / "release.yaml").write_text("versions: [v1]\n")
    out = tmp_path / "out"
    result = run_cli("release", "--root", str(repo), "--out", str(out), "-q")
    assert result.returncode == 0, result.stderr
    # The field as a reader names it, and the day in full (never sante.title, 2026-02-02).
    reason = ("La page de notes « Mes médicaments » : Le comité d'usagers l'a demandée ; la "
              "page dit de ne rien noter de secret. (décidé le 2 février 2026)")
    ticket = json.loads((out / "v1-bureau-a4" / "ticket.json").read_text(encoding="utf-8"))
    assert ticket["risk_accepted"] == {"sante.title": reason}
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["jobs"][0]["risk_accepted"] == {"sante.title": reason}
    text = subprocess.run(["pdftotext", "-layout", str(out / "v1-bureau-a4" / "ticket.pdf"),
                           "-"], capture_output=True, text=True, check=True).stdout
    assert "Risque accepté" in text and "sante.title" not in text
    assert "« Mes médicaments »" in text and "2 février 2026" in text
    html = tmp_path / "risque.html"
    assert run_cli("risk", "v1", "--root", str(repo), "--html", str(html)).returncode == 0
    assert ("<h2>7. Les décisions</h2><ul><li>La page de notes « Mes médicaments » : Le comité "
            "d&#x27;usagers l&#x27;a demandée ; la page dit de ne rien noter de secret. Décidé "
            "le 2 février 2026.</li></ul>") in html.read_text(encoding="utf-8")
    # A decision is the version's own: the next version decides again.
    write_version(repo, "v2", "version: v2\nextends: v1\nreleased: 2026-05-04\nchangelog:\n"
                              "  - change: Rien.\n    finding: Un test.\n")
    assert [e.field.key for e in load_register(repo, "v2").refused] == ["sante.title"]
