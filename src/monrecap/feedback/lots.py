"""The print-lot ledger as feedback needs it: lot code → version.

The ledger (`runs/<week>.yaml`, written by `monrecap lot` where it exists) holds lots with
their version. This reader is deliberately small and tolerant: no `runs/` folder means no lots,
and an entry it cannot read is skipped — attribution then falls back to dates.
"""

from __future__ import annotations

from pathlib import Path

import yaml


def read_lots(root: Path) -> dict[str, str]:
    """Every lot code in ``runs/*.yaml`` (upper case) → its version id; {} without a ledger.

    Accepts ``lots:`` as a list of mappings (``lot``/``id``/``code`` and ``version``) or as a
    mapping code → version or code → {version: …}.
    """
    lots: dict[str, str] = {}
    folder = root / "runs"
    if not folder.is_dir():
        return lots
    for path in sorted(folder.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        entries = data.get("lots") if isinstance(data, dict) else None
        if isinstance(entries, dict):
            entries = [{"lot": k, **(v if isinstance(v, dict) else {"version": v})}
                       for k, v in entries.items()]
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, dict):
                continue
            code = next((entry[k] for k in ("lot", "id", "code") if k in entry), None)
            version = entry.get("version")
            if isinstance(code, str) and isinstance(version, str) and len(code) >= 4:
                lots[code.strip().upper()] = version
    return lots
