"""System lines of both WhatsApp apps in French — deleted, edited, media omitted, joined, added,
left, new subject, security code changed… — are never stored as feedback, and the names they
give are redacted from the messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import BASE, make_repo
from monrecap.feedback.parse import parse_whatsapp
from monrecap.feedback.records import read_store
from monrecap.feedback.store import import_file

#: What a group says, with no sender (Android) or from the group's name (iOS).
EVENTS = (
    "Les messages et les appels sont chiffrés de bout en bout. Aucun tiers, pas même WhatsApp, "
    "ne peut les lire ou les écouter.",
    "Samia Benali a créé le groupe « Avis Mon Récap »",
    "Vous avez créé le groupe « Avis Mon Récap »",
    "Samia Benali a ajouté Lucas Moreau",
    "Vous avez ajouté Lucas Moreau",
    "Samia Benali vous a ajouté",
    "Noa Témoin a été ajouté(e)",
    "Camille Essai a rejoint le groupe via le lien d'invitation",
    "Camille Essai a rejoint via le lien d’invitation de ce groupe",
    "Lucas Moreau est parti",
    "Lucas Moreau a quitté",
    "Vous êtes parti",
    "Samia Benali a retiré Lucas Moreau",
    "Samia Benali a changé le sujet de « Avis » en « Avis : Mon Récap »",
    "Samia Benali a changé le sujet en « Avis Mon Récap »",
    "Samia Benali a changé l’objet du groupe en « Avis »",
    "Samia Benali a changé l'icône de ce groupe",
    "Samia Benali a changé la description du groupe",
    "Votre code de sécurité avec Dominique Exemple a changé. Appuyez pour en savoir plus.",
    "Votre code de sécurité avec Dominique Exemple a changé. Touchez pour en savoir plus.",
    "Lucas Moreau a changé son numéro de téléphone pour un nouveau numéro. Appuyez pour lui "
    "envoyer un message ou ajouter le nouveau numéro.",
    "Samia Benali a activé les messages éphémères. Les nouveaux messages disparaîtront de "
    "cette discussion 7 jours après leur envoi.",
    "Samia Benali est maintenant admin",
)
#: What stands in a sender's message: deleted, media and calls.
NOTICES = (
    "Ce message a été supprimé", "Ce message a été supprimé.", "Vous avez supprimé ce message",
    "Vous avez supprimé ce message.", "Ce message a été supprimé par un admin", "<Médias omis>",
    "image absente", "vidéo absente", "audio omis", "sticker omis", "autocollant omis",
    "GIF omis", "document omis", "Carte de contact omise", "Appel vocal manqué",
    "Appel vidéo manqué", "En attente de ce message. Cela peut prendre du temps.",
    "Position en direct partagée", "Message à vue unique", "null",
    "position : https://maps.google.com/?q=48.8566,2.3522",
    "Camille Essai.vcf (fichier joint)", "IMG-20261104-WA0003.jpg (fichier joint)",
)
REAL = "Camille et Dominique ont trouvé le carnet utile."


def android(lines: list[str]) -> str:
    return "\n".join(f"04/11/2026 16:{i:02d} - {line}" for i, line in enumerate(lines)) + "\n"


def ios(lines: list[str]) -> str:
    return "\n".join(f"[04/11/2026 16:{i:02d}:00] {line}" for i, line in enumerate(lines)) + "\n"


@pytest.mark.parametrize("form", ["android", "ios"])
def test_every_wording_is_a_system_line(tmp_path: Path, form: str):
    if form == "android":
        lines = list(EVENTS) + [f"Lucas Moreau: {n}" for n in NOTICES]
    else:
        lines = [f"Avis Mon Récap: \u200e{e}" for e in EVENTS] + \
                [f"Lucas Moreau: \u200e{n}" for n in NOTICES]
    lines += [f"Samia Benali: {REAL}", "Samia Benali: Bien reçu <Ce message a été modifié>",
              "Samia Benali: Merci \u200e<Ce message a été modifié.>"]
    path = tmp_path / "chat.txt"
    path.write_text((android if form == "android" else ios)(lines), encoding="utf-8")
    parsed = parse_whatsapp(path, "chat.txt")
    assert (parsed.form, parsed.skipped) == (form, len(EVENTS) + len(NOTICES))
    assert [m.text for m in parsed.messages] == [REAL, "Bien reçu", "Merci"]
    for name in ("Samia Benali", "Lucas Moreau", "Camille Essai", "Dominique Exemple",
                 "Noa Témoin"):
        assert name in parsed.names, name


def test_names_only_a_system_line_gives_are_redacted(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("MONRECAP_FEEDBACK_KEY", "test-secret-0123456789abcdef")
    repo = make_repo(tmp_path / "repo", {"v0": BASE.read_text(encoding="utf-8")})
    path = tmp_path / "chat.txt"
    path.write_text(android(list(EVENTS) + [f"Samia Benali: {REAL}",
                                            "Lucas Moreau: Carte de contact omise"]),
                    encoding="utf-8")
    result = import_file(repo, path)
    assert (result.new, result.skipped) == (1, len(EVENTS) + 1)
    assert [m.text for m in read_store(repo)] == [
        "[nom] et [nom] ont trouvé le carnet utile."]
    assert read_store(repo)[0].pages == ()  # « Carte de contact omise » ties nothing to contacts
