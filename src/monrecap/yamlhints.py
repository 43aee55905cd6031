"""The fix for the YAML traps French text falls into — a « : » or a `#` inside a sentence, a
text that starts with `*` or `&`, `no` or a date read as something else than text — said
with the line rewritten as it should be."""

from __future__ import annotations

import re

#: What YAML 1.1 reads as true or false when it is not quoted.
BOOLEANS = {"yes", "no", "on", "off", "true", "false", "y", "n"}
_ITEM = re.compile(r"^(\s*-\s+)(.*)$")
_KEY = re.compile(r"^(\s*(?:-\s+)?[^\s:#'\"][^:#]*?:\s+)(.*)$")


def quote(text: str) -> str:
    """A YAML double-quoted scalar of ``text``.

    >>> quote('Attention : « oui »')
    '"Attention : « oui »"'
    >>> quote('Il a dit "non"')
    '"Il a dit \\\\"non\\\\""'
    """
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _flow_items(value: str) -> list[str] | None:
    """The items of a one-line flow list (``[a, b : c, d]``), or None when it is not one.

    >>> _flow_items("[Mon RIB : pour la CAF, Mon CV]")
    ['Mon RIB : pour la CAF', 'Mon CV']
    """
    value = value.strip()
    if not (value.startswith("[") and value.endswith("]")) or value.count("[") != 1:
        return None
    return [item.strip() for item in value[1:-1].split(",")]


def _quoted_flow(key: str, items: list[str]) -> str:
    """A flow list with every item that holds « : » or starts with a YAML indicator quoted."""
    fixed = [quote(item) if (": " in item or item[:1] in "*&#@`%!|>?") and item[:1] not in "\"'"
             else item for item in items]
    return f"{key}[{', '.join(fixed)}]"


def rewritten(line: str, item: bool = False) -> str | None:
    """``line`` with its value in quotes (a ``key: value`` or ``- value`` line), or None.

    >>> rewritten("  intro: Attention : votre avis compte.")
    '  intro: "Attention : votre avis compte."'
    >>> rewritten("      - Attention : ceci", item=True)
    '      - "Attention : ceci"'
    """
    body = line.rstrip("\r\n")
    flow = _KEY.match(body)
    if flow and _flow_items(flow.group(2)) is not None:  # quote the items, not the list
        return _quoted_flow(flow.group(1), _flow_items(flow.group(2)))
    for pattern in ((_ITEM, _KEY) if item else (_KEY, _ITEM)):
        found = pattern.match(body)
        if found and found.group(2).strip() and found.group(2).strip()[0] not in "\"'":
            return found.group(1) + quote(found.group(2).strip())
    return None


def syntax_hint(line: str, column: int, problem: str) -> str | None:
    """The fix for a YAML syntax error at ``column`` (0-based) of ``line``, or None when the
    error is not one of the text traps (then the indentation is the likely cause)."""
    fix = rewritten(line)
    if fix is None:
        return None
    first_colon = line.find(": ")
    if "mapping values are not allowed" in problem and 0 <= first_colon < column:
        return f"a text with « : » must be in quotes: {fix.strip()}"
    if "alias" in problem or "anchor" in problem:
        return f"a text that starts with * or & must be in quotes: {fix.strip()}"
    if "cannot start any token" in problem:
        return f"a text that starts with @ or ` must be in quotes: {fix.strip()}"
    return None


def comment_in_text(line: str) -> tuple[int, str] | None:
    """A `#` that starts a comment right after unquoted text, glued to a word as in a
    hashtag (« Suivez #monrecap »): YAML drops it and everything after it, silently.
    Returns its column (0-based) and the line rewritten; None for a real comment (`# …`).

    >>> comment_in_text("  intro: Suivez-nous sur #monrecap chaque jour")
    (25, '  intro: "Suivez-nous sur #monrecap chaque jour"')
    >>> comment_in_text("    before: France Travail     # en tête") is None
    True
    >>> comment_in_text('  intro: "Le #1"') is None
    True
    """
    found = re.search(r"\s#(?=\S)", line)
    if found is None:
        return None
    head = line[:found.start()]
    value = _KEY.match(head) or _ITEM.match(head)
    if value is None or not value.group(2).strip() or value.group(2).strip()[0] in "\"'|>[{":
        return None
    fix = rewritten(line)
    return (found.start() + 1, fix) if fix else None


def type_hint(value: object, line: str) -> str:
    """Why YAML did not read ``value`` as text, and the line with it in quotes."""
    fix = rewritten(line)
    how = f"; put it in quotes: {fix.strip()}" if fix else "; put it in quotes"
    if isinstance(value, bool):
        written = _written(line) or str(value).lower()
        return f"YAML reads « {written} » as {str(value).lower()}{how}"
    if hasattr(value, "isoformat"):
        return f"YAML reads {value.isoformat()} as a date{how}"
    if isinstance(value, (int, float)):
        return f"YAML reads {_written(line) or value} as a number{how}"
    if isinstance(value, dict) and len(value) == 1:
        fix = rewritten(line, item=True)
        key, inner = next(iter(value.items()))
        written = _ITEM.match(line.rstrip())
        text = written.group(2).strip() if written else f"{key}: {inner}"
        flow = _KEY.match(line.rstrip())
        items = _flow_items(flow.group(2)) if flow else None
        if items:  # an item of a flow list: as written there
            text = next((i for i in items if i.startswith(str(key))), text)
        return (f"YAML reads « {text} » as a key and its value; a text with « : » "
                f"must be in quotes{': ' + fix.strip() if fix else ''}")
    return ""


def _written(line: str) -> str:
    found = _KEY.match(line.rstrip()) or _ITEM.match(line.rstrip())
    return found.group(2).split(" #")[0].strip() if found else ""
