"""Senders → pseudonymous keys: HMAC-SHA256 of the normalised number or name, with a secret
that lives outside the repository, so the same person gets the same key across imports and
nobody holding the store alone can recover the number."""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import unicodedata
from pathlib import Path

import phonenumbers

from monrecap.errors import MonrecapError

ENV = "MONRECAP_FEEDBACK_KEY"


def key_file() -> Path:
    """Where the secret is kept when the environment does not give it:
    ``$XDG_CONFIG_HOME/monrecap/feedback.key`` (platformdirs' user config dir)."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("monrecap", appauthor=False)) / "feedback.key"


def load_secret() -> bytes:
    """The secret from ``MONRECAP_FEEDBACK_KEY`` or the key file; a MonrecapError saying how to
    create one when there is none (exit 2)."""
    value = os.environ.get(ENV, "").strip()
    path = key_file()
    if not value and path.is_file():
        value = path.read_text(encoding="utf-8").strip()
    if len(value) < 16:
        raise MonrecapError([
            f"no feedback secret: set {ENV} or write one to {path}",
            "the secret turns senders into keys; keep it outside the repository and never "
            "share it. Create one with:",
            f"  mkdir -p '{path.parent}' && python3 -c 'import secrets; "
            f"print(secrets.token_hex(32))' > '{path}' && chmod 600 '{path}'",
            "(at least 16 characters; the same secret must be used for every import)"])
    return value.encode("utf-8")


def normalise_sender(sender: str) -> str:
    """A phone number in E.164, else the name folded (no accents, lower case, single spaces).

    >>> normalise_sender("+33 6 39 98 12 34"), normalise_sender("06.39.98.12.34")
    ('+33639981234', '+33639981234')
    >>> normalise_sender("  Élodie   MARTIN ")
    'elodie martin'
    """
    cleaned = sender.replace("\u200e", "").replace("\u202a", "").replace("\u202c", "").strip()
    if sum(c.isdigit() for c in cleaned) >= 6 and not re.search(r"[A-Za-z]", cleaned):
        try:
            number = phonenumbers.parse(cleaned, "FR")
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        except phonenumbers.NumberParseException:
            pass
    folded = unicodedata.normalize("NFKD", cleaned)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    return " ".join(folded.split())


def sender_key(secret: bytes, sender: str) -> str | None:
    """``k-`` and 16 hex digits of HMAC-SHA256(secret, normalised sender); None without a
    sender (a note with no contact)."""
    normal = normalise_sender(sender)
    if not normal:
        return None
    return "k-" + hmac.new(secret, normal.encode("utf-8"), hashlib.sha256).hexdigest()[:16]
