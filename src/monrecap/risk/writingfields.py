"""The fields of a resolved carnet that invite writing: labels with a writing line, boxes to
tick, free notes, the cover's name line, contact cards — found with the lint's own walk over
the printed fields (`lint._texts`, `FILL_IN`, `CHECKLIST`), each with where it was written."""

from __future__ import annotations

import re
from dataclasses import dataclass

from monrecap.content import Carnet
from monrecap.lint import CHECKLIST, FILL_IN, NOT_PRINTED, _texts

#: The roles of risk.yaml, by how the lint sees a printed field.
NAME_LINE = ("owner_label", "owner_hint")


@dataclass(frozen=True)
class WritingField:
    """One field where the holder (or an adviser) writes."""

    key: str          # page id and path: rendez-vous.labels.place
    page: str
    page_title: str
    kind: str         # the page kind
    path: str         # inside the page: labels.place
    role: str         # name-line, line, checkbox, status, notes, card
    text: str         # what is printed: the label, the item, the notes page's title
    repeats: int      # how many times it is printed (pages × slots)
    where: str        # file:line:col of its text


def page_texts(page) -> list[tuple[str, tuple, str]]:
    """Every printed text of a page: (dotted name, key path, text), as the lint walks them;
    the name says a block by its id (`named`)."""
    out = []
    for path, text in _texts(page):
        if not NOT_PRINTED.match(".".join(str(p) for p in path)):
            out.append((named(page, path), path, text))
    return out


def named(page, path: tuple) -> str:
    """A path inside a page as a dotted name, each block said by its id when it has one:
    ``blocks.mois.blocks.sommes.fields.1`` rather than ``blocks.1.blocks.0.fields.1``, so that
    a `risk:` key or a risk.yaml path still names its field when a block is added above it
    (or a template's blocks are merged with a page's). Other list items keep their index."""
    parts, node, blocks = [], page, None
    for key in path:
        if blocks is not None and isinstance(key, int) and 0 <= key < len(blocks):
            node = blocks[key]
            parts.append(getattr(node, "id", None) or str(key))
            blocks = None
            continue
        blocks = getattr(node, "blocks", None) if key == "blocks" and node is not None else None
        node = node if key == "blocks" else None
        parts.append(str(key))
    return ".".join(parts)


def _repeats(page) -> int:
    per_page = getattr(page, "slots", None) or getattr(page, "rows", None) or 1
    return getattr(page, "pages", 1) * per_page


def writing_fields(carnet: Carnet) -> list[WritingField]:
    """Every writing field of the carnet, in page order."""
    out: list[WritingField] = []
    for page in carnet.pages:
        texts = page_texts(page)

        def add(path: tuple, role: str, text: str, repeats: int = 1, where: str = "") -> None:
            name = named(page, path)
            out.append(WritingField(f"{page.id}.{name}", page.id, page.title, page.kind, name,
                                    role, " ".join(text.split()), repeats,
                                    where or carnet.locate(page.id, path).where))

        by_name = {name: text for name, _, text in texts}
        if any(n in by_name for n in NAME_LINE):  # the cover's name line: label and hint
            parts = [n for n in NAME_LINE if n in by_name]
            add((parts[0],), "name-line", " ".join(by_name[n] for n in parts),
                where=latest(carnet, page.id, [(n,) for n in parts]).where)
        statuses = [text for name, _, text in texts if name.startswith("statuses.")]
        for name, path, text in texts:
            if name in NAME_LINE:
                continue
            raw = ".".join(str(p) for p in path)  # as the lint's patterns know it
            if page.kind == "contacts":
                if re.fullmatch(r"cards\.\d+\.structure", name):
                    add(path[:2], "card", text)
            elif FILL_IN.match(raw):
                add(path, "line", text, _repeats(page))
            elif CHECKLIST.match(raw) and page.kind in ("documents", "rendez-vous"):
                add(path, "checkbox", text, _repeats(page) if page.kind == "rendez-vous" else 1)
            elif name == "title" and page.kind == "notes":
                add(path, "notes", text, _repeats(page))
        if statuses:  # the boxes to tick after each action row, one field
            add(("statuses",), "status", " / ".join(statuses), _repeats(page))
    return out


def latest(carnet: Carnet, page_id: str, paths: list[tuple]):
    """Where the last version (or edition) to write one of ``paths`` wrote it: a field
    printed from several values points at the one changed most recently."""
    rank = {name: i for i, name in enumerate(carnet.files)}
    marks = [carnet.locate(page_id, path) for path in paths]
    return max(marks, key=lambda m: rank.get(m.file, len(rank)))


def path_pattern(pattern: str) -> re.Pattern:
    """A risk.yaml field path as a regular expression (``*`` for any index or block id).

    >>> bool(path_pattern("sections.*.heading").fullmatch("sections.1.heading"))
    True
    >>> bool(path_pattern("blocks.*.text").fullmatch("blocks.intro.text"))
    True
    """
    return re.compile(r"\.".join(r"[^.]+" if part == "*" else re.escape(part)
                                 for part in pattern.split(".")))
