"""Every printed phone number is one, written by pairs, and a bad one is blamed on the line
where it was typed — through variables, templates, inheritance and editions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, make_repo, run_cli, write_version
from monrecap.content.phones import IN_TEXT, phone_problem

HEAD = ("version: v12\nextends: v11\nreleased: 2027-03-01\nchangelog:\n"
        "  - change: Un nouveau numéro.\n    finding: Un constat.\n")


@pytest.mark.parametrize("number, problem", [
    ("01 99 00 12 34", None),          # fiction range, fixed line
    ("06 39 98 00 11", None),          # fiction range, mobile: no line has it, valid here
    ("09 77 40 12 34", None),
    ("3949", None),                    # a short service number
    ("+44 20 7946 0958", None),        # a foreign number, printed as its owner writes it
    ("01 99 00 4A 42", "'01 99 00 4A 42' has a character that is not a digit ('A'): write "
                       "the number in digits, like 01 99 00 12 34"),
    ("06 12 34", "'06 12 34' has 6 digits: a French number has 10, like 01 99 00 12 34"),
    ("01 99 00 12", "'01 99 00 12' has 8 digits: a French number has 10, like 01 99 00 12 34"),
    ("0199001234", "'0199001234' is written in one block: write it by pairs, 01 99 00 12 34"),
    ("01.99.00.12.34", "'01.99.00.12.34' is written otherwise: write it by pairs, "
                       "01 99 00 12 34"),
    ("08 00 12 34 56", None),          # a free number by pairs, or 0 800 12 34 56
    ("0 800 12 34 56", None),
    ("04 00 00 00 00", "'04 00 00 00 00' is not a number in service in France: check it "
                       "with its owner"),
    ("12", "'12' has 2 digits: a French number has 10, like 01 99 00 12 34"),
])
def test_phone_problem(number: str, problem: str | None) -> None:
    assert phone_problem(number) == problem


def test_numbers_are_found_in_text_however_grouped() -> None:
    text = "Appelez le 01 99 00 123 4 ou le 06.39.98.00.11, ou le 3949, le 12 mars 2026."
    assert [m.group(0) for m in IN_TEXT.finditer(text)] == ["01 99 00 123 4",
                                                           "06.39.98.00.11"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = make_repo(tmp_path)
    shutil.copytree(ROOT / "versions", repo / "versions")
    return repo


def test_a_bad_number_in_an_editions_variable_is_blamed_on_the_edition(repo: Path) -> None:
    write_version(repo, "v12", HEAD)
    edition = repo / "versions/v12/variants/val-fictif.yaml"
    edition.parent.mkdir()
    edition.write_text((repo / "versions/v11/variants/val-fictif.yaml").read_text(
        encoding="utf-8").replace('phone: "01 99 00 20 00"', 'phone: "01 99 00 20"'),
        encoding="utf-8")
    built = run_cli("build", "v12", "--variant", "val-fictif", "--root", str(repo), "-q")
    assert built.returncode == 2
    assert built.stderr == (
        "error: versions/v12/variants/val-fictif.yaml:11:10: variables -> phone: '01 99 00 20' "
        "has 8 digits: a French number has 10, like 01 99 00 12 34 (printed through "
        "{{ phone }} at versions/v6/carnet.yaml:24:12: pages -> 0 -> phone)\n")


def test_a_number_in_running_text_is_linted_where_it_was_typed(repo: Path) -> None:
    write_version(repo, "v12", HEAD + "variables:\n  ligne: \"01 99 00 1234\"\npages:\n"
                  "  - id: avis\n    intro: Appelez le 01 99 00 123 4 pour nous parler.\n"
                  "  - id: dos\n    lines:\n      - \"{{ ligne }}\"\n")
    linted = run_cli("lint", "v12", "--root", str(repo))
    assert linted.returncode == 1
    assert linted.stdout.splitlines()[:2] == [
        "versions/v12/carnet.yaml:11:12: pages -> 0 -> intro: error: phone.number: "
        "'01 99 00 123 4' is written otherwise: write it by pairs, 01 99 00 12 34 (fix: a "
        "reader dials it: write a number in service, by pairs)",
        "versions/v12/carnet.yaml:8:10: variables -> ligne: error: phone.number: "
        "'01 99 00 1234' is written otherwise: write it by pairs, 01 99 00 12 34 (fix: a "
        "reader dials it: write a number in service, by pairs)"]


def test_a_number_in_a_sentence_is_blamed_on_the_variable_that_holds_it(repo: Path) -> None:
    write_version(repo, "v12", HEAD + "variables:\n  aide: \"0199004243\"\npages:\n  - id: avis\n"
                  "    intro: J'appelle le {{ aide }} pour une question.\n  - id: dos\n"
                  "    lines:\n      - Ou le 01 99 00 4A 42, ou le 06 12 34.\n")
    linted = run_cli("lint", "v12", "--root", str(repo))
    numbers = [line for line in linted.stdout.splitlines() if "phone.number" in line]
    assert numbers == [
        "versions/v12/carnet.yaml:8:9: variables -> aide: error: phone.number: '0199004243' is "
        "written in one block: write it by pairs, 01 99 00 42 43 (fix: a reader dials it: "
        "write a number in service, by pairs)",
        "versions/v12/carnet.yaml:14:9: pages -> 1 -> lines -> 0: error: phone.number: "
        "'01 99 00 4A 42' has a character that is not a digit ('A'): write the number in "
        "digits, like 01 99 00 12 34 (fix: a reader dials it: write a number in service, by "
        "pairs)",
        "versions/v12/carnet.yaml:14:9: pages -> 1 -> lines -> 0: error: phone.number: "
        "'06 12 34' has 6 digits: a French number has 10, like 01 99 00 12 34 (fix: a reader "
        "dials it: write a number in service, by pairs)"]


def test_the_phone_rule_cannot_be_lowered(repo: Path) -> None:
    write_version(repo, "v12", HEAD + "lint:\n  phone.number:\n    severity: warning\n"
                  "    reason: Pour voir.\n  words.symbl:\n    severity: warning\n"
                  "    reason: Pour voir.\n")
    linted = run_cli("lint", "v12", "--root", str(repo))
    assert linted.returncode == 1
    assert [line for line in linted.stdout.splitlines() if "lint.override" in line] == [
        "versions/v12/carnet.yaml:8:3: lint -> phone.number: error: lint.override: the rule "
        "phone.number cannot be lowered (fix: remove the override: the carnet never invites "
        "sensitive data, and a reader dials the numbers it prints)",
        "versions/v12/carnet.yaml:11:3: lint -> words.symbl: error: lint.override: no lint rule "
        "'words.symbl' (did you mean 'words.symbol'?) (fix: name a rule as the lint prints it "
        "(monrecap lint vN))"]
