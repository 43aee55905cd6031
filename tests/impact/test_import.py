"""`monrecap impact import`: the same CSV tolerance as orders and feedback, every bad row at
file:line and nothing written, lots through the ledger, no adviser kept, imports that repeat."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from monrecap.cli import app
from monrecap.impact.survey import structure_key
from monrecap.impact.surveystore import STORE, lock_file, read_store

HEADER = "date;structure;territoire;version;remis;revus;avec_carnet;remplis;minutes;commentaire\n"


def invoke(repo: Path, *args: str):
    return CliRunner().invoke(app, [*args, "--root", str(repo)], env={"COLUMNS": "200"})


def test_bad_rows_are_all_said_at_their_line_and_nothing_is_written(repo: Path,
                                                                    tmp_path: Path) -> None:
    survey = tmp_path / "enquete.csv"
    today = dt.date.today()
    future = today.replace(year=today.year + 4, day=min(today.day, 28))
    survey.write_text(HEADER
                      + "2026-11-01;Mission locale de Fictiville;57;v11;20;12;8;9;5;\n"
                      + "2026-11-31;CCAS de Val-Fictif;57;v11;douze;12;13;9;5;\n"
                      + "2026-11-02;;99;v13;20;12;8;30;;\n"
                      + "2026-11-03;CCAS de Val-Fictif;57;;20;12;8;9;500;\n"
                      + "2026-11-04;CCAS de Val-Fictif;57;v11;;;;;;\n"
                      + "2026-11-05;CCAS;57;v11;1;2\n"
                      + "2026-11-06;---;57;v11;10;8;4;3;;\n"
                      + f"{future};CCAS de Val-Fictif;57;v11;10;8;4;3;;\n"
                      + "2019-04-22;CCAS de Val-Fictif;57;v11;10;8;4;3;;\n"
                      + "22/04/2026;CCAS de Val-Fictif;57;v10;10;8;4;3;;\n", encoding="utf-8")
    result = invoke(repo, "impact", "import", str(survey))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.splitlines() == [
        f"error: {survey}:3: date: « 2026-11-31 » is not a date (2026-03-14 or 14/03/2026)",
        f"error: {survey}:3: remis: « douze » is not a whole number",
        f"error: {survey}:3: avec_carnet: 13 is more than revus (12)",
        f"error: {survey}:4: structure: missing",
        f"error: {survey}:4: territoire: « 99 » is not a French department number",
        f"error: {survey}:4: version: « v13 » is not a version of this repository; known "
        "versions: v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11",
        f"error: {survey}:4: remplis: 30 is more than remis (20)",
        f"error: {survey}:5: version: missing: give the version (v11) or the lot number "
        "(L2026-W50-03)",
        f"error: {survey}:5: minutes: 500 minutes saved per appointment: at most 240",
        f"error: {survey}:6: no figure answered (remis, revus, avec_carnet, remplis, minutes) "
        "and no comment",
        f"error: {survey}:7: 6 fields, the header has 10 (separator ';')",
        f"error: {survey}:8: structure: « --- » names no structure (no letter or digit)",
        f"error: {survey}:9: date: « {future} » is after today ({today})",
        f"error: {survey}:10: date: « 2019-04-22 » is before v11 was released (2026-09-14)",
    ]
    assert not (repo / "surveys").exists()


def test_a_lot_resolves_to_its_version_whatever_its_case(repo: Path, tmp_path: Path) -> None:
    survey = tmp_path / "lots.csv"
    survey.write_text("date;structure;lot;remis;revus;avec_carnet\n"
                      "2026-11-01;Association de Fictiville;l2026-w40-03;10;8;5\n"
                      "2026-11-02;Association de Fictiville;L2026-W41-09;10;8;5\n"
                      "2026-11-03;Association de Fictiville;L2026-W10-01;10;8;5\n",
                      encoding="utf-8")
    result = invoke(repo, "impact", "import", str(survey))
    assert result.exit_code == 2
    assert result.stderr == (f"error: {survey}:3: lot: « L2026-W41-09 » is not in the ledger "
                             "(runs/*.yaml) (did you mean 'L2026-W40-04'?); known lots: "
                             "L2026-W10-01, L2026-W10-02, L2026-W40-03, L2026-W40-04\n")
    survey.write_text(survey.read_text().replace("L2026-W41-09", "L2026-W40-04")
                      .replace(";l2026", ";v11;l2026").replace("lot;", "version;lot;")
                      .replace(";L2026-W40-04", ";;L2026-W40-04")
                      .replace(";L2026-W10-01", ";v11;L2026-W10-01"), encoding="utf-8")
    result = invoke(repo, "impact", "import", str(survey))
    assert result.stderr == f"error: {survey}:4: version: v11, but lot L2026-W10-01 printed v10\n"
    survey.write_text(survey.read_text().replace(";v11;L2026-W10-01", ";;L2026-W10-01"),
                      encoding="utf-8")
    result = invoke(repo, "impact", "import", str(survey), "--json")
    assert result.exit_code == 0, result.output
    assert [(s.answer.version, s.answer.lot) for s in read_store(repo)] == [
        ("v11", "L2026-W40-03"), ("v11", "L2026-W40-04"), ("v10", "L2026-W10-01")]


def test_a_form_export_keeps_no_adviser_and_a_second_import_adds_nothing(
        repo: Path, tmp_path: Path) -> None:
    survey = tmp_path / "form.csv"
    text = ('Horodateur,Adresse e-mail,Nom,Nom de la structure,Département,Version du carnet,'
            'Carnets remis,Personnes revues,Revenues avec leur carnet,Carnets remplis,'
            'Minutes gagnées,Commentaire\n'
            '14/11/2026 10:42:05,camille.exemple@exemple.fr,Camille Exemple,ML Fictiville,57,'
            'V11,20,15,9,8,"4,5","Camille trouve le carnet utile, rappel au 06 39 98 12 34"\n'
            '15/11/2026 09:00:00,dominique@exemple.fr,Dominique Fictif,'
            'MISSION LOCALE DE FICTIVILLE,57,11,10,8,4,3,5,\n')
    survey.write_bytes(text.encode("cp1252"))
    result = invoke(repo, "impact", "import", str(survey), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["kind"], data["new"], data["duplicates"]) == ("impact-import", 2, 0)
    assert data["ignored_columns"] == ["adresse_e_mail", "nom"]
    assert data["redactions"] == {"name": 1, "phone": 1}
    stored = (repo / STORE).read_text(encoding="utf-8")
    for personal in ("Camille", "Dominique", "exemple.fr", "06 39 98"):
        assert personal not in stored
    assert stored.splitlines()[1].split(";")[:12] == [
        "sv-2026-0001", "2026-11-14", "ML Fictiville", "mission-locale-fictiville", "57",
        "v11", "", "20", "15", "9", "8", "4.5"]
    assert "[nom] trouve le carnet utile, rappel au [téléphone]" in stored
    before = (repo / STORE).read_bytes()
    again = invoke(repo, "impact", "import", str(survey))
    assert again.exit_code == 0
    assert again.stderr == (f"{survey} (Windows-1252, ',' separated): read 2, new 0, duplicates "
                            "2; redacted: name 1, phone 1; columns not kept: adresse_e_mail, "
                            "nom; nothing new\n")
    assert (repo / STORE).read_bytes() == before


def test_new_answers_are_appended_and_hand_edits_are_kept(repo: Path, tmp_path: Path) -> None:
    first = tmp_path / "a.csv"
    first.write_text("\ufeff" + HEADER + "2026-10-05;CCAS de Montfictif;57;v11;10;8;4;3;;\n",
                     encoding="utf-8")
    assert invoke(repo, "impact", "import", str(first)).exit_code == 0
    store = repo / STORE
    store.write_text(store.read_text(encoding="utf-8").replace(
        "ccas-montfictif", "centre-communal-montfictif"), encoding="utf-8")  # merged by hand
    second = tmp_path / "b.csv"
    second.write_text(HEADER + "2026-10-05;CCAS de Montfictif;57;v11;10;8;4;3;;\n"
                      "2026-11-05;CCAS de Montfictif;57;v11;12;9;5;3;;\n", encoding="utf-8")
    result = invoke(repo, "impact", "import", str(second))
    assert "read 2, new 1, duplicates 1" in result.stderr
    lines = store.read_text(encoding="utf-8").splitlines()
    assert [line.split(";")[0] for line in lines] == ["id", "sv-2026-0001", "sv-2026-0002"]
    assert "centre-communal-montfictif" in lines[1]
    store.write_text(store.read_text(encoding="utf-8").replace(";12;9;5;", ";12;9;15;"),
                     encoding="utf-8")
    broken = invoke(repo, "impact", "report")
    assert broken.exit_code == 2
    assert broken.stderr == "error: surveys/answers.csv:3: avec_carnet: 15 is more than revus (9)\n"


def test_a_second_import_waits_for_the_first_then_says_who_holds_the_store(
        repo: Path, tmp_path: Path) -> None:
    from monrecap.errors import MonrecapError
    from monrecap.impact.surveystore import import_survey
    from monrecap.locking import exclusive

    survey = tmp_path / "s.csv"
    survey.write_text(HEADER + "2026-10-05;CCAS de Montfictif;57;v11;10;8;4;3;;\n",
                      encoding="utf-8")
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with exclusive(lock_file(repo), "monrecap impact import"):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(10)
    try:
        with pytest.raises(MonrecapError) as caught:
            import_survey(repo, survey, timeout=0.2)
    finally:
        release.set()
        thread.join()
    assert f"another `monrecap impact import` is running (pid {os.getpid()}, since " \
        in str(caught.value)
    assert not (repo / STORE).exists()
    assert import_survey(repo, survey).new == 1  # once the other has finished


def test_a_name_in_a_comment_never_reaches_the_store(repo: Path, tmp_path: Path) -> None:
    """Names a comment introduces (« Mme Dupont », « je m'appelle … ») go through the
    feedback redaction like a name column's."""
    survey = tmp_path / "noms.csv"
    survey.write_text(HEADER
                      + "2026-11-02;CCAS de Val-Fictif;57;v11;10;8;5;4;3;Ce mois-ci Mme Dupont "
                        "a perdu son carnet.\n"
                      + "2026-11-03;CCAS de Val-Fictif;57;v11;10;8;5;4;3;Je m'appelle Lucas "
                        "Exemple, rappel au 07 00 00 12 34.\n", encoding="utf-8")
    result = invoke(repo, "impact", "import", str(survey), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["redactions"] == {"name": 2, "phone": 1}
    comments = [s.answer.comment for s in read_store(repo)]
    assert comments == ["Ce mois-ci Mme [nom] a perdu son carnet.",
                        "Je m'appelle [nom], rappel au [téléphone]."]
    stored = (repo / STORE).read_text(encoding="utf-8")
    assert "Dupont" not in stored and "Lucas" not in stored


def test_a_corrected_answer_is_said_with_the_line_to_delete(repo: Path, tmp_path: Path) -> None:
    first = tmp_path / "mars.csv"
    first.write_text(HEADER + "2026-11-05;CCAS de Montfictif;57;v11;20;12;8;9;5;\n"
                     "2026-11-06;CCAS de Val-Fictif;57;v11;20;12;8;9;5;\n", encoding="utf-8")
    assert invoke(repo, "impact", "import", str(first)).exit_code == 0
    again = tmp_path / "mars-corrige.csv"
    again.write_text(HEADER + "2026-11-05;CCAS de Montfictif;57;v11;20;12;8;9;5;\n"
                     "2026-11-06;CCAS de Val-Fictif;57;v11;21;12;8;9;5;\n", encoding="utf-8")
    result = invoke(repo, "impact", "import", str(again))
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"warning: {again}:3: surveys/answers.csv:3 (sv-2026-0002) holds the same "
        "structure, date and version with other figures (remis 20 → 21); both are kept and "
        "both count: if this answer corrects it, delete line 3 of surveys/answers.csv",
        f"{again} (UTF-8, ';' separated): read 2, new 1, duplicates 1; redacted: "
        "nothing; wrote surveys/answers.csv"]
    # As the warning says: the old line deleted, the corrected export imported again.
    store = repo / STORE
    lines = store.read_text(encoding="utf-8").splitlines(keepends=True)
    store.write_text("".join(lines[:2] + lines[3:]), encoding="utf-8")
    result = invoke(repo, "impact", "import", str(again))
    assert "read 2, new 0, duplicates 2" in result.stderr and "warning" not in result.stderr
    assert [(s.answer.key, s.answer.remis) for s in read_store(repo)] == [
        ("ccas-montfictif", 20), ("ccas-val-fictif", 21)]


def test_a_missing_survey_says_the_path_it_looked_for(repo: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    old = Path.cwd()
    os.chdir(elsewhere)
    try:
        result = invoke(repo, "impact", "import", "examples/survey.csv")
    finally:
        os.chdir(old)
    assert (result.exit_code, result.stderr) == (
        2, f"error: examples/survey.csv: no such file (looked for "
           f"{elsewhere / 'examples' / 'survey.csv'})\n")


def test_the_lock_is_under_locks_and_france_travail_is_one_structure(repo: Path,
                                                                     tmp_path: Path) -> None:
    survey = tmp_path / "ft.csv"
    survey.write_text(HEADER + "2026-11-02;Agence France Travail de Fictiville;57;v11;10;8;5;4;;\n"
                      "2026-11-03;FT Fictiville;57;v11;10;8;5;4;;\n"
                      "2026-11-04;France Travail Fictiville;57;v11;10;8;5;4;;\n"
                      "2026-11-05;Pôle emploi de Fictiville;57;v11;10;8;5;4;;\n",
                      encoding="utf-8")
    assert invoke(repo, "impact", "import", str(survey)).exit_code == 0
    assert {s.answer.key for s in read_store(repo)} == {"france-travail-fictiville"}
    assert sorted(p.name for p in (repo / "surveys").iterdir()) == ["answers.csv"]
    assert lock_file(repo) == repo / ".locks" / "impact.lock" and lock_file(repo).exists()
    # A store written before « Agence France Travail » merged keeps working, merged now.
    store = repo / STORE
    store.write_text(store.read_text(encoding="utf-8").replace(
        ";france-travail-fictiville;57;v11;;10;8;5;4;;;", ";agence-france-travail-fictiville;"
        "57;v11;;10;8;5;4;;;", 1), encoding="utf-8")
    assert "agence-france-travail" in store.read_text(encoding="utf-8")
    assert {s.answer.key for s in read_store(repo)} == {"france-travail-fictiville"}


@settings(max_examples=400 if os.environ.get("MONRECAP_FUZZ") == "1" else 60, deadline=None,
          derandomize=True)
@given(st.lists(st.sampled_from(["ML", "FT", "de", "Agence", "France", "Travail", "Pôle",
                                  "emploi", "St", "CD", "asso", "---", "l'", "Ville-Témoin"])
                | st.text(alphabet="aéAÉ -'’_.09", max_size=8), max_size=8).map(" ".join))
def test_a_structure_key_is_its_own_key(name: str) -> None:
    """The store keeps keys and reads them through structure_key again (so that older keys
    merge as new ones do): a key must be its own key."""
    key = structure_key(name)
    assert structure_key(key) == key
    assert key == "" or re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", key)
