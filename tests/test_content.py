"""Content loading: `extends:` merge rules, templating, and where values come from."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write_version
from monrecap.content import load_version
from monrecap.errors import ContentError

CHANGELOG = "changelog:\n  - change: Un changement.\n    finding: Un test.\n"


def child(vid: str, parent: str, body: str = "") -> str:
    return f"version: {vid}\nextends: {parent}\n{CHANGELOG}{body}"


def ids(carnet) -> list[str]:
    return [p.id for p in carnet.pages]


def test_child_overrides_fields_and_inherits_the_rest(repo: Path) -> None:
    write_version(repo, "v1", child("v1", "v0", "pages:\n  - id: rendez-vous\n    slots: 1\n"))
    carnet = load_version(repo, "v1")
    page = next(p for p in carnet.pages if p.id == "rendez-vous")
    assert page.slots == 1 and page.bring == ["Mon CV"] and page.title == "Mes rendez-vous"
    assert ids(carnet) == ids(load_version(repo, "v0"))
    assert carnet.changelog[0].change == "Un changement."  # never inherited
    assert carnet.released.isoformat() == "2026-01-05"   # inherited


def test_add_after_and_remove(repo: Path) -> None:
    write_version(repo, "v1", child("v1", "v0", """pages:
  - id: notes
    remove: true
  - id: agenda
    kind: notes
    title: Agenda
    after: couverture
  - id: encore
    kind: notes
    title: Encore
"""))
    got = ids(load_version(repo, "v1"))
    assert got == ["couverture", "agenda", "mode-emploi", "rendez-vous", "contacts", "actions",
                   "documents", "donnees", "avis", "dos", "encore"]


def test_existing_page_can_move(repo: Path) -> None:
    write_version(repo, "v1", child("v1", "v0", "pages:\n  - id: avis\n    after: mode-emploi\n"))
    assert ids(load_version(repo, "v1"))[:3] == ["couverture", "mode-emploi", "avis"]


def test_chain_of_three_and_variables(repo: Path) -> None:
    write_version(repo, "v1", child("v1", "v0", 'variables:\n  phone: "01 99 00 00 02"\n'))
    write_version(repo, "v2", child("v2", "v1", "pages:\n  - id: notes\n    pages: 2\n"))
    carnet = load_version(repo, "v2")
    avis = next(p for p in carnet.pages if p.id == "avis")
    assert avis.phone == "01 99 00 00 02"      # v1's variable, rendered in v0's template
    assert avis.whatsapp == "06 39 98 00 01"   # v0's variable
    assert avis.qr_message == "J'ai le carnet v2."  # built-in variable of the built version
    assert next(p for p in carnet.pages if p.id == "notes").pages == 2
    assert carnet.files == ("versions/v0/carnet.yaml", "versions/v1/carnet.yaml",
                            "versions/v2/carnet.yaml")


def test_locate_points_at_the_file_that_wrote_the_value(repo: Path) -> None:
    write_version(repo, "v1", child("v1", "v0", "pages:\n  - id: rendez-vous\n    slots: 1\n"))
    carnet = load_version(repo, "v1")
    slots = carnet.locate("rendez-vous", ("slots",))
    assert (slots.file, slots.line, slots.path_str) == ("versions/v1/carnet.yaml", 8,
                                                        "pages -> 0 -> slots")
    title = carnet.locate("rendez-vous", ("title",))
    assert title.file == "versions/v0/carnet.yaml" and title.path_str == "pages -> 2 -> title"
    # A default label has no line of its own: the nearest enclosing value is used.
    label = carnet.locate("rendez-vous", ("labels", "date"))
    assert label.path_str == "pages -> 2 -> labels -> date"


def test_remove_in_a_root_version_is_an_error(repo: Path) -> None:
    text = (repo / "versions/v0/carnet.yaml").read_text()
    write_version(repo, "v0", text + "  - id: rien\n    remove: true\n")
    with pytest.raises(ContentError) as err:
        load_version(repo, "v0")
    assert str(err.value).endswith("pages -> 10 -> id: cannot remove page 'rien': there is "
                                   "no such page")


def test_unknown_version_suggests_a_close_one(repo: Path) -> None:
    with pytest.raises(ContentError, match=r"unknown version 'v00' \(did you mean 'v0'\?\); "
                                           r"known versions: v0"):
        load_version(repo, "v00")


def test_variables_cannot_shadow_builtins(repo: Path) -> None:
    write_version(repo, "v1", child("v1", "v0", "variables:\n  version: v99\n"))
    with pytest.raises(ContentError, match=r"v1/carnet.yaml:\d+:3: variables -> version: "
                                           r"'version' is set by the toolkit"):
        load_version(repo, "v1")


def test_sandbox_refuses_attribute_tricks(repo: Path) -> None:
    write_version(repo, "v1", child("v1", "v0", """pages:
  - id: dos
    lines: ["{{ ''.__class__.__mro__ }}"]
"""))
    with pytest.raises(ContentError, match="template error"):
        load_version(repo, "v1")
