"""The content diff: a moved page alone is moved, an inserted card is an added item with its
fields (the cards after it unchanged), and the terminal report prints values whole when piped."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from conftest import BASE, make_repo
from rich.console import Console

from monrecap.content import load_version
from monrecap.diff.content import Change, compare_carnets
from monrecap.diff.diffreport import print_diff
from monrecap.diff.explain import DiffResult, Side

CHANGELOG = "changelog:\n  - change: Un changement.\n    finding: Un test.\n"
CARDS = """  - id: contacts
    cards:
      - structure: France Travail
      - structure: Mission locale
{inserted}      - structure: CAF
        horaires: De 9 h à 12 h
"""
MAIRIE = """      - structure: Mairie ou CCAS
        telephone: 01 99 00 12 34
"""
HOURS = ("Du lundi au vendredi, de 8 h 30 à 12 h 30 et de 13 h 30 à 16 h 30, sauf le jeudi "
         "après-midi")


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """v0 the base (without the version in its text), v1 with three cards, v2 = v1 with a
    card inserted in the middle, v3 = v1 with one page moved."""
    base = BASE.read_text(encoding="utf-8").replace("J'ai le carnet {{ version }}.",
                                                   "J'ai le carnet.")
    base = base.replace('lines: ["Version {{ number }}"]', 'lines: ["Édition de test"]')
    return make_repo(tmp_path_factory.mktemp("content"), {
        "v0": base,
        "v1": "version: v1\nextends: v0\n" + CHANGELOG + "pages:\n" +
              CARDS.format(inserted=""),
        "v2": "version: v2\nextends: v0\n" + CHANGELOG + "pages:\n" +
              CARDS.format(inserted=MAIRIE),
        "v3": "version: v3\nextends: v1\n" + CHANGELOG +
              "pages:\n  - id: actions\n    after: notes\n",
        "v4": "version: v4\nextends: v1\n" + CHANGELOG + "pages:\n  - id: contacts\n"
              "    cards:\n      - structure: Caisse d'allocations familiales\n"
              "        was: CAF\n",
        "v5": "version: v5\nextends: v1\n" + CHANGELOG + "pages:\n  - id: contacts\n"
              "    cards:\n      - structure: Mairie ou CCAS\n        was: CAF\n"
              "        horaires: ~\n        telephone: 01 99 00 12 34\n",
    })


def test_a_moved_page_does_not_move_its_neighbours(repo: Path) -> None:
    changes = compare_carnets(load_version(repo, "v1"), load_version(repo, "v3"))
    assert changes == [Change("moved", "page actions")]


def test_an_inserted_card_is_added_with_its_fields(repo: Path) -> None:
    changes = compare_carnets(load_version(repo, "v1"), load_version(repo, "v2"))
    assert changes == [Change("added", "page contacts", "cards -> 2", None, {
        "structure": "Mairie ou CCAS", "nom": None, "telephone": "01 99 00 12 34",
        "email": None, "horaires": None}, "fiche « Mairie ou CCAS »")]
    out = io.StringIO()
    old, new = Side("v1", Path("v1.pdf")), Side("v2", Path("v2.pdf"))
    print_diff(Console(file=out, width=60, soft_wrap=True), DiffResult(old, new, changes, [], []))
    lines = out.getvalue().splitlines()
    start = lines.index("page contacts")
    assert lines[start:start + 3] == ["page contacts", "  + fiche « Mairie ou CCAS » ajoutée",
                                      "      telephone : 01 99 00 12 34"]
    assert "{'" not in out.getvalue() and "None" not in out.getvalue()


def test_a_card_renamed_in_place_is_changed_not_removed_and_added(repo: Path) -> None:
    """`was:` keeps a card in its place with what it says: its key changed; a card that
    says something else in its place is another card."""
    renamed = compare_carnets(load_version(repo, "v1"), load_version(repo, "v4"))
    assert renamed == [Change("changed", "page contacts", "cards -> 2 -> structure", "CAF",
                              "Caisse d'allocations familiales",
                              "fiche « Caisse d'allocations familiales »", "structure")]
    other = compare_carnets(load_version(repo, "v1"), load_version(repo, "v5"))
    assert [(c.what, c.path, c.record) for c in other] == [
        ("removed", "cards -> 2", "fiche « CAF »"),
        ("added", "cards -> 2", "fiche « Mairie ou CCAS »")]


def test_piped_report_prints_values_whole() -> None:
    change = Change("changed", "page dos", "lines", None, [HOURS, "Mon Récap"])
    sides = Side("v0", Path("v0.pdf")), Side("v1", Path("v1.pdf"))
    for terminal, expected in ((False, f"  ~ lines: — → {HOURS} | Mon Récap"),
                               (True, "  ~ lines: — → Du lundi au vendredi, de 8 h 30 à 12 h 30 et de 13 h 30 à "
                                     "16 h 30, sauf le…")):
        out = io.StringIO()
        console = Console(file=out, width=60, soft_wrap=True, force_terminal=terminal)
        print_diff(console, DiffResult(*sides, [change], [], []))
        assert expected in re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue()).splitlines()


def test_a_moved_page_is_shown_moved_on_the_page(repo: Path) -> None:
    """Built: the moved page is « moved » (its number changed too), the pages it jumped over
    only changed their page number."""
    from monrecap.diff import run_diff

    result = run_diff(repo, "v1", "v3", None, None, None, 100, None)
    out = io.StringIO()
    print_diff(Console(file=out, width=60, soft_wrap=True), result)
    lines = out.getvalue().splitlines()
    assert lines[0].endswith("pages 12 → 12: 0 added, 0 removed, 1 moved, 0 changed (0 "
                             "explained, 0 unexplained), 2 with only the page number changed")
    page = lines.index("On the page")
    assert lines[page + 1:] == ["  ↕ page 8 (was 6, moved) actions#1",
                                "  2 pages with only the page number changed: 6–7"]
