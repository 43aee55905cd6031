"""`monrecap feedback`: both WhatsApp forms and CSV notes imported, personal data never
stored, versions and pages attributed, re-imports deduplicated, evidence cited by versions."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import phonenumbers
import pytest
from stdnum import iban, luhn
from stdnum.fr import nir

from conftest import ROOT, make_repo, run_cli
from monrecap.build import check_evidence
from monrecap.content import load_version
from monrecap.errors import ContentError, MonrecapError
from monrecap.feedback.records import read_store
from monrecap.feedback.redact import (CARD_CANDIDATE, EMAIL, IBAN_CANDIDATE, NIR_CANDIDATE,
                                      redact)
from monrecap.feedback.feedbackreport import feedback_report
from monrecap.feedback.store import import_file

DATA = Path(__file__).parent / "data"
SECRET = "test-secret-0123456789abcdef"
NAMES = ("Samia", "Benali", "Lucas", "Moreau", "Inès", "Ines", "Fournier")


@pytest.fixture(autouse=True)
def secret(monkeypatch) -> None:
    monkeypatch.setenv("MONRECAP_FEEDBACK_KEY", SECRET)


def feedback_repo(tmp: Path) -> Path:
    """The real versions v1…v11 plus the fictional v12 of tests/feedback/data."""
    repo = make_repo(tmp, {"v12": (DATA / "v12.yaml").read_text(encoding="utf-8")})
    for folder in (ROOT / "versions").iterdir():
        shutil.copytree(folder, repo / "versions" / folder.name)
    return repo


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return feedback_repo(tmp_path)


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    """A repository with the October exports and notes imported once."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MONRECAP_FEEDBACK_KEY", SECRET)
        repo = feedback_repo(tmp_path_factory.mktemp("fb"))
        for name in ("android-2026-10.txt", "ios-2026-10.txt", "notes-2026-10.csv"):
            import_file(repo, DATA / name)
    return repo


def leaks(text: str) -> list[str]:
    """Every personal datum the validators still find in ``text``."""
    found = [m.raw_string for m in phonenumbers.PhoneNumberMatcher(
        text, "FR", leniency=phonenumbers.Leniency.POSSIBLE)]
    found += EMAIL.findall(text)
    for pattern, valid in ((NIR_CANDIDATE, nir.is_valid), (IBAN_CANDIDATE, iban.is_valid),
                           (CARD_CANDIDATE, luhn.is_valid)):
        for m in pattern.finditer(text):
            compact = re.sub(r"[^0-9A-Za-z]", "", m.group())
            found += [m.group()] if valid(compact) else []
    found += re.findall(r"\b(?:12/03/1985)\b", text)
    found += [n for n in NAMES if re.search(rf"\b{n}\b", text, re.I)]
    return found


def test_october_imports_report_what_they_did(repo: Path) -> None:
    android = import_file(repo, DATA / "android-2026-10.txt")
    assert (android.form, android.read, android.new, android.duplicates, android.skipped) == (
        "android", 4, 4, 0, 3)
    assert dict(android.redactions) == {"phone": 1, "email": 1, "nir": 1, "iban": 1, "name": 1}
    ios = import_file(repo, DATA / "ios-2026-10.txt")
    assert (ios.form, ios.read, ios.new, ios.skipped) == ("ios", 4, 4, 2)
    assert dict(ios.redactions) == {"phone": 2, "nir": 1, "name": 2}
    assert ios.ids == ["fb-2026-0005", "fb-2026-0006", "fb-2026-0007", "fb-2026-0008"]


def test_the_store_holds_no_personal_data(imported: Path) -> None:
    # Every value of every stored line; the hash and the sender key are hex digests.
    text = "\n".join(p.read_text(encoding="utf-8") for p in (imported / "feedback").iterdir())
    assert sorted(p.name for p in (imported / "feedback").iterdir()) == ["2026.jsonl"]
    for line in text.splitlines():
        record = json.loads(line)
        assert re.fullmatch(r"[0-9a-f]{20}", record.pop("hash"))
        assert record["sender"] is None or re.fullmatch(r"k-[0-9a-f]{16}", record.pop("sender"))
        assert leaks(json.dumps(record, ensure_ascii=False)) == []
    assert "639981234" not in text.replace(" ", "") and "@" not in text
    messages = {m.id: m for m in read_store(imported)}
    assert messages["fb-2026-0002"].text == (
        "dans Mes contacts je ne trouve pas la case pour la mission locale.\n"
        "Je m'appelle [nom] et mon mail est [e-mail]")
    assert messages["fb-2026-0004"].text == (
        "Encore moi : pour mes rendez-vous il faudrait plus de place. Mon IBAN [IBAN] au cas où.")
    assert messages["fb-2026-0007"].text == "[nom] encore : ma carte vitale porte le [NIR] ?"


def test_multiline_messages_and_attachments(imported: Path) -> None:
    messages = {m.id: m for m in read_store(imported)}
    assert messages["fb-2026-0006"].text == ("Mes démarches : une ligne de plus serait utile.\n"
                                             "Appelez [nom] au [téléphone] ou au [téléphone].")
    assert not any("joint" in m.text or "Médias" in m.text for m in messages.values())


def test_a_longer_export_adds_only_the_new_messages(repo: Path) -> None:
    import_file(repo, DATA / "android-2026-10.txt")
    before = (repo / "feedback" / "2026.jsonl").read_text(encoding="utf-8")
    again = import_file(repo, DATA / "android-2026-11.txt")
    assert (again.read, again.new, again.duplicates) == (6, 2, 4)
    assert dict(again.redactions) == {"card": 1, "birth": 1}
    after = (repo / "feedback" / "2026.jsonl").read_text(encoding="utf-8")
    assert after.startswith(before) and len(after.splitlines()) == 6
    stored = read_store(repo)
    assert stored[4].text == ("Ma conseillère a payé avec la carte [carte] par erreur, je l'ai "
                              "notée dans les notes. Je suis née le [date de naissance].")
    assert [leaks(m.text) for m in stored] == [[]] * 6
    # The same person has the same key across imports, and another secret gives another key.
    assert stored[0].sender == stored[3].sender == stored[5].sender
    assert stored[0].sender != stored[2].sender and re.fullmatch(r"k-[0-9a-f]{16}",
                                                                 stored[0].sender)


def test_the_key_depends_on_the_secret(repo: Path, tmp_path: Path, monkeypatch) -> None:
    import_file(repo, DATA / "android-2026-10.txt")
    other = feedback_repo(tmp_path / "other")
    monkeypatch.setenv("MONRECAP_FEEDBACK_KEY", "another-secret-0123456789")
    import_file(other, DATA / "android-2026-10.txt")
    assert read_store(repo)[0].text == read_store(other)[0].text
    assert read_store(repo)[0].sender != read_store(other)[0].sender


def test_windows_1252_csv_with_commas_reads_like_utf8_with_semicolons(repo: Path) -> None:
    first = import_file(repo, DATA / "notes-2026-10.csv")
    second = import_file(repo, DATA / "notes-cp1252.csv")
    assert (first.new, second.new, second.duplicates) == (3, 0, 3)
    stored = read_store(repo)
    assert [(m.channel, m.structure) for m in stored] == [("phone", ""), ("pro", "Mission locale"),
                                                          ("pro", "CCAS")]
    assert stored[2].text == ("Des personnes écrivent leur numéro de sécurité sociale page "
                              "Mes informations : [NIR].")


def test_versions_and_pages_are_attributed_by_rules_that_show(imported: Path) -> None:
    messages = {m.id: m for m in read_store(imported)}
    # From the QR code's message, which is dropped from the text.
    assert (messages["fb-2026-0003"].version, messages["fb-2026-0003"].version_source) == (
        "v10", "qr")
    assert messages["fb-2026-0003"].text.startswith("mon NIR")
    # From the date: 6 October 2026, after v11's release (14 September), before v12's.
    assert (messages["fb-2026-0004"].version, messages["fb-2026-0004"].version_source) == (
        "v11", "inferred")
    assert messages["fb-2026-0002"].words == {"contacts": ("contacts",)}
    assert messages["fb-2026-0006"].words == {"actions": ("demarches",)}
    assert messages["fb-2026-0011"].words == {"donnees": ("informations",)}


def test_a_lot_code_names_the_version(repo: Path) -> None:
    """The ledger as `orders plan --commit` writes it (`jobs: - lot:`), read by the ledger's
    one reader (tests/production/test_ledger.py writes it with the command itself)."""
    (repo / "runs").mkdir()
    (repo / "runs" / "2026-W40.yaml").write_text(
        "week: 2026-W40\nversion: v10\njobs:\n  - lot: L2026-W40-02\n    edition: null\n"
        "    copies_ordered: 10\n    copies_to_print: 31\n    orders:\n"
        "      - {id: C-1, structure: CCAS de Fictiville, territory: '57', quantity: 10}\n",
        encoding="utf-8")
    import_file(repo, DATA / "ios-2026-10.txt")
    lost = read_store(repo)[-1]
    assert (lost.version, lost.version_source) == ("v10", "lot")


def test_feedback_words_of_a_version_tie_messages_to_pages(repo: Path) -> None:
    path = repo / "notes.csv"
    path.write_text("date;canal;texte\n2026-11-25;pro;La colonne est trop étroite.\n",
                    encoding="utf-8")
    import_file(repo, path)
    message = read_store(repo)[0]
    assert (message.version, message.version_source, message.words) == (
        "v12", "inferred", {"actions": ("colonne",)})


def test_bad_csv_rows_are_all_reported_and_nothing_is_written(repo: Path) -> None:
    with pytest.raises(MonrecapError) as caught:
        import_file(repo, DATA / "notes-bad.csv", name="notes-bad.csv")
    assert [str(p) for p in caught.value.problems] == [
        "notes-bad.csv:2: text: missing text",
        "notes-bad.csv:3: date: '2026-13-01' is not a date (write 2026-03-14 or 14/03/2026)",
        "notes-bad.csv:3: channel: 'fax' is not a channel (whatsapp, phone, pro, committee)"]
    assert not (repo / "feedback").exists()


def test_an_unknown_format_and_an_unreadable_file_exit_2(repo: Path) -> None:
    odd = repo / "odd.txt"
    odd.write_text("\nBonjour, voici mon avis.\n", encoding="utf-8")
    result = run_cli("feedback", "import", "odd.txt", cwd=repo,
                     env={"MONRECAP_FEEDBACK_KEY": SECRET})
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        "error: odd.txt:2: not a WhatsApp export: a message starts like « 14/03/2026 10:42 - "
        "Nom : texte » (Android) or « [14/03/2026 10:42:05] Nom : texte » (iOS)")
    result = run_cli("feedback", "import", "missing.txt", cwd=repo,
                     env={"MONRECAP_FEEDBACK_KEY": SECRET})
    assert (result.returncode, result.stderr) == (
        2, "error: missing.txt: cannot read the file: No such file or directory\n")
    assert not (repo / "feedback").exists()


def test_without_a_secret_the_import_stops_and_says_how_to_make_one(repo: Path,
                                                                     tmp_path: Path) -> None:
    result = run_cli("feedback", "import", str(DATA / "android-2026-10.txt"), cwd=repo,
                     env={"MONRECAP_FEEDBACK_KEY": "", "XDG_CONFIG_HOME": str(tmp_path)})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    key = tmp_path / "monrecap" / "feedback.key"
    assert result.stderr.splitlines()[0] == (
        f"error: no feedback secret: set MONRECAP_FEEDBACK_KEY or write one to {key}")
    assert "secrets.token_hex(32)" in result.stderr
    assert not (repo / "feedback").exists()
    key.parent.mkdir(parents=True)
    key.write_text("a-secret-in-a-file-0123456789\n", encoding="utf-8")
    result = run_cli("feedback", "import", str(DATA / "android-2026-10.txt"), cwd=repo,
                     env={"MONRECAP_FEEDBACK_KEY": "", "XDG_CONFIG_HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert result.stderr == ("android-2026-10.txt (android): read 4, new 4, duplicates 0, "
                             "skipped 3 (system or media); redacted: email 1, iban 1, name 1, "
                             "nir 1, phone 1; wrote feedback/2026.jsonl\n")


def test_the_report_counts_and_quotes(imported: Path) -> None:
    report = feedback_report(imported)
    assert report.total == 11
    assert report.by_channel == {"whatsapp": 8, "pro": 2, "phone": 1}
    assert report.by_version == {"v10": 1, "v11": 10}
    assert report.version_sources == {"inferred": 6, "qr": 5}
    assert report.by_week == {"2026-W40": 3, "2026-W41": 4, "2026-W42": 4}
    assert report.no_page == 5 and report.no_version == 0
    assert [e.id for e in report.excerpts["rendez-vous"]] == ["fb-2026-0004", "fb-2026-0003"]
    assert len(report.repeat_contributors) == 2
    only = feedback_report(imported, version="v10", since="2026-10-02")
    assert only.total == 1 and only.by_page == {"rendez-vous": 1}
    result = run_cli("feedback", "report", "--json", "--since", "2026-10-14", cwd=imported)
    data = json.loads(result.stdout)
    assert (result.returncode, data["schema_version"], data["total"]) == (0, 1, 4)
    assert data["excerpts"]["actions"][0] == {
        "id": "fb-2026-0006", "date": "2026-10-15T09:01:44", "version": "v11",
        "text": "Mes démarches : une ligne de plus serait utile.\n"
                "Appelez [nom] au [téléphone] ou au [téléphone].", "words": ["demarches"]}
    bad = run_cli("feedback", "report", "--since", "hier", cwd=imported)
    assert (bad.returncode, bad.stderr) == (
        2, "error: --since hier: not a date; write it like 2026-03-01\n")


def test_evidence_is_checked_against_the_store_and_shown(imported: Path) -> None:
    carnet = load_version(imported, "v12")
    check_evidence(imported, carnet, lambda kind: frozenset({"fb-2026-0008", "fb-2026-0003",
                                                             "fb-2026-0013"}))
    with pytest.raises(ContentError) as caught:
        check_evidence(imported, carnet, lambda kind: frozenset({"fb-2026-0003"}))
    assert [str(p) for p in caught.value.problems] == [
        "versions/v12/carnet.yaml:10:16: changelog -> 0 -> evidence -> 0: fb-2026-0008 is "
        "not in the feedback store (feedback/*.jsonl)",
        "versions/v12/carnet.yaml:13:30: changelog -> 1 -> evidence -> 1: fb-2026-0013 is "
        "not in the feedback store (feedback/*.jsonl)"]
    shown = run_cli("show", "v12", cwd=imported)
    assert shown.returncode == 0, shown.stderr
    assert ("  finding: Des personnes écrivent leur numéro de sécurité sociale dans le carnet.\n"
            "    fb-2026-0003: « mon NIR [NIR] est écrit page rendez-vous, c'est grave ? »\n"
            ) in shown.stdout


def test_redaction_keeps_ordinary_numbers() -> None:
    text = "Le 14/03/2026 à 10h, page 3, lot L2026-W50-03, 12 rendez-vous et 2 fois 45 minutes."
    assert redact(text).text == text


def test_the_html_report_is_self_contained(imported: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = run_cli("feedback", "report", "--html", str(out), cwd=imported)
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert re.findall(r"(?:src|href)=", page) == []
    assert re.findall(r"https?://[^\"]*", page) == ["http://www.w3.org/2000/svg"]
    # One bar segment per (week, version) with messages; the quiet weeks are on the axis.
    assert len(re.findall(r"<rect [^>]*><title>", page)) == 4
    assert "<title>2026-W41 v10: 1</title>" in page
    assert "mon NIR [NIR] est écrit page rendez-vous, c&#x27;est grave ?" in page


def test_import_json_and_a_csv_without_its_text_column(repo: Path) -> None:
    result = run_cli("feedback", "import", str(DATA / "ios-2026-10.txt"), "--json", cwd=repo,
                     env={"MONRECAP_FEEDBACK_KEY": SECRET})
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {k: data[k] for k in ("schema_version", "read", "new", "duplicates", "form",
                                 "redactions", "written")} == {
        "schema_version": 1, "read": 4, "new": 4, "duplicates": 0, "form": "ios",
        "redactions": {"name": 2, "phone": 2, "nir": 1}, "written": ["feedback/2026.jsonl"]}
    (repo / "no-text.csv").write_text("date;canal\n2026-10-01;pro\n", encoding="utf-8")
    result = run_cli("feedback", "import", "no-text.csv", cwd=repo,
                     env={"MONRECAP_FEEDBACK_KEY": SECRET})
    assert (result.returncode, result.stderr) == (
        2, "error: no-text.csv:1: text: missing column (one of: text, texte, message, retour, "
           "avis)\n")


def test_system_lines_of_both_forms_are_not_messages(tmp_path: Path) -> None:
    from monrecap.feedback.parse import parse_whatsapp

    path = tmp_path / "chat.txt"
    path.write_text(
        "04/11/2026 16:05 - Samia Benali a changé le sujet : « Avis carnet »\n"
        "04/11/2026 16:06 - Samia Benali: Le sujet : les contacts.\n"
        "suite du message\n"
        "04/11/26 16:07 - Vous avez ajouté Lucas Moreau\n", encoding="utf-8")
    parsed = parse_whatsapp(path, "chat.txt")
    assert [(m.line, m.sender, m.text) for m in parsed.messages] == [
        (2, "Samia Benali", "Le sujet : les contacts.\nsuite du message")]
    assert parsed.skipped == 2


def test_the_diff_prints_the_cited_excerpts_under_the_finding(imported: Path,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "diff.html"
    result = run_cli("diff", "v11", "v12", "--html", str(out), cwd=imported)
    assert result.returncode == 1, result.stderr
    assert "  fb-2026-0003: « mon NIR [NIR] est écrit page rendez-vous, c'est grave ? »" \
        in result.stdout.splitlines()
    page = out.read_text(encoding="utf-8")
    assert ("fb-2026-0003 : « mon NIR [NIR] est écrit page rendez-vous, c&#39;est grave ? »"
            in page) or ("fb-2026-0003 : « mon NIR [NIR] est écrit page rendez-vous, "
                         "c&#x27;est grave ? »" in page)


def test_a_report_on_an_unknown_version_is_an_error(imported: Path) -> None:
    result = run_cli("feedback", "report", "--version", "v99", cwd=imported)
    assert (result.returncode, result.stderr) == (
        2, "error: --version: unknown version 'v99'; known versions: v1, v2, v3, v4, v5, v6, "
           "v7, v8, v9, v10, v11, v12\n")
    known = run_cli("feedback", "report", "--version", "v10", cwd=imported)
    assert known.returncode == 0 and known.stdout.startswith("1 message (version v10)"), \
        known.stdout


def test_an_export_that_mixes_encodings_is_refused_at_the_byte(repo: Path) -> None:
    """A BOM then Windows-1252, or UTF-8 with one Windows-1252 line: never U+FFFD or « Ã© »
    in the store, an error at the byte and nothing written."""
    chat = repo / "chat.txt"
    lines = ["04/11/2026 16:05 - Samia Benali: Le carnet est très bien.",
             "04/11/2026 16:06 - Samia Benali: Les pages sont très claires."]
    chat.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode("cp1252") + b"\n")
    with pytest.raises(MonrecapError) as caught:
        import_file(repo, chat, name="chat.txt")
    assert [str(p) for p in caught.value.problems] == [
        f"chat.txt:{where}: byte 0xE8 is not UTF-8, and the file starts with a UTF-8 byte-order "
        f"mark: save it again as UTF-8 (« {text} »)" for where, text in (
            ("1:50", "Le carnet est tr<0xE8>s bien."),
            ("2:51", "Les pages sont tr<0xE8>s claires."))]
    chat.write_bytes(lines[0].encode() + b"\n" + lines[1].encode("cp1252") + b"\n")
    with pytest.raises(MonrecapError) as caught:
        import_file(repo, chat, name="chat.txt")
    assert [str(p) for p in caught.value.problems] == [
        "chat.txt:2:51: byte 0xE8 is not UTF-8, unlike the rest of the file (« très » on line "
        "1): the file mixes two encodings; save it again as UTF-8 (« Les pages sont "
        "tr<0xE8>s claires. »)"]
    assert not (repo / "feedback").exists()


def test_secrets_and_health_never_reach_the_store(repo: Path) -> None:
    """A password, a card code and a health detail are redacted in the store, and « mot de
    passe » does not tie a message to the glossary page « Les mots à connaître »."""
    qr = "Bonjour, j'ai le carnet Mon Récap v11 et je voudrais dire : "
    chat = repo / "chat.txt"
    chat.write_text(
        f"03/11/2026 10:42 - Samia Benali: {qr}j'ai écrit mon mot de passe Soleil2026! dans "
        "le carnet\n"
        f"03/11/2026 10:43 - Samia Benali: {qr}Mon code de carte est 4821, c'est pratique\n"
        f"03/11/2026 10:44 - Samia Benali: {qr}je suis en dépression et les mots de la page "
        "8 m'aident\n", encoding="utf-8")
    result = run_cli("feedback", "import", "chat.txt", cwd=repo)
    assert (result.returncode, result.stderr) == (0, (
        "chat.txt (android): read 3, new 3, duplicates 0, skipped 0 (system or media); "
        "redacted: health 1, secret 2; wrote feedback/2026.jsonl\n"))
    stored = [(m.text, m.words) for m in read_store(repo)]
    assert stored == [
        ("j'ai écrit mon mot de passe [secret] dans le carnet", {}),
        ("Mon code de carte est [secret], c'est pratique", {}),
        ("je suis en [santé] et les mots de la page 8 m'aident", {"mots": ("mots",)})]
    raw = (repo / "feedback" / "2026.jsonl").read_text(encoding="utf-8")
    for secret in ("Soleil2026", "4821", "dépression"):
        assert secret not in raw


def test_an_encoding_error_in_notes_is_one_line_naming_the_file_as_typed(repo: Path) -> None:
    """One 0xE8 byte in a UTF-8 CSV of notes: one line, the evidence word alone (not the
    lines around it), the file as the user typed it."""
    notes = repo / "notes" / "notes.csv"
    notes.parent.mkdir()
    notes.write_bytes("date;structure;texte\n2026-10-03;CCAS;Les pages sont tr".encode()
                      + b"\xe8s claires\n" + "2026-10-04;CCAS;Très bien\n".encode())
    result = run_cli("feedback", "import", "notes/notes.csv", "--channel", "phone", cwd=repo)
    assert (result.returncode, result.stderr) == (2, (
        "error: notes/notes.csv:2:34: byte 0xE8 is not UTF-8, unlike the rest of the file "
        "(« Très » on line 3): the file mixes two encodings; save it again as UTF-8 "
        "(« 2026-10-03;CCAS;Les pages sont tr<0xE8>s claires »)\n"))
    assert not (repo / "feedback").exists()
