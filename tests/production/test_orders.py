"""Order exports: every encoding and separator French spreadsheets write, every problem at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from monrecap.errors import MonrecapError
from monrecap.production.orders import load_orders
from monrecap.production.synth import synth_orders
from monrecap.tabular import decode

EDITIONS = ["horizon-insertion", "mission-locale-fictiville", "val-fictif"]
HEADER_FR = ("commande;date;structure;type_structure;territoire;édition;quantité;offre;devis;"
             "adresse;adresse_2;code_postal;ville;contact;téléphone;connu_par")
GOOD = ("C-1;2026-11-03;Mission locale de Fictiville;mission-locale;57;val-fictif;20;"
        "decouverte;;3 rue de l'Exemple;Adresse d'exemple;57100;Fictiville;Camille Essai;"
        "01 99 00 12 34;bouche-a-oreille")


def write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "orders.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding,bom,said", [("utf-8", b"", "UTF-8"),
                                                ("utf-8", b"\xef\xbb\xbf", "UTF-8 with BOM"),
                                                ("cp1252", b"", "Windows-1252")])
@pytest.mark.parametrize("delimiter", [";", ","])
def test_encodings_and_separators_are_detected(tmp_path, encoding, bom, said, delimiter):
    text = synth_orders(12, seed=4, delimiter=delimiter)
    path = tmp_path / "orders.csv"
    path.write_bytes(bom + text.encode(encoding))
    book = load_orders(path, EDITIONS)
    assert (book.encoding, book.delimiter) == (said, delimiter)
    assert len(book.orders) == 12
    reference = load_orders(write(tmp_path, synth_orders(12, seed=4), name="ref.csv"), EDITIONS)
    assert [o.structure for o in book.orders] == [o.structure for o in reference.orders]
    assert any(ch in str(book.orders) for ch in "éèÉ")  # accents survive every encoding


def test_english_headers(tmp_path):
    book = load_orders(write(tmp_path, synth_orders(5, french=False, delimiter=",")), EDITIONS)
    assert [o.order_id for o in book.orders] == ["C-00001", "C-00002", "C-00003", "C-00004",
                                                 "C-00005"]


def test_every_problem_at_once_with_its_line(tmp_path):
    rows = [HEADER_FR, GOOD,
            GOOD.replace("C-1;", "C-2;").replace(";20;", ";2O0;"),
            GOOD.replace(";20;", ";0;"),                                   # duplicate id too
            GOOD.replace("C-1;", "C-4;").replace("val-fictif", "val-fictiff"),
            GOOD.replace("C-1;", "C-5;").replace("decouverte", "cofinance"),
            GOOD.replace("C-1;", "C-6;").replace("decouverte", "gratuit"),
            GOOD.replace("C-1;", "C-7;").replace("3 rue de l'Exemple", "").replace("57100", ""),
            "C-8;2026-11-03;trop court", "C-9 seul"]
    with pytest.raises(MonrecapError) as caught:
        load_orders(path := write(tmp_path, "\n".join(rows) + "\n"), EDITIONS)
    # Each problem names its column as the file does (« quantité », not « quantity »).
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:3: quantité: « 2O0 » is not a whole number",
        f"{path}:4: commande: « C-1 » is already used on line 2",
        f"{path}:4: quantité: « 0 »: at least 1 carnet",
        f"{path}:5: édition: unknown edition « val-fictiff » (did you mean 'val-fictif'?); "
        "known editions: horizon-insertion, mission-locale-fictiville, val-fictif",
        f"{path}:6: devis: a cofinance order needs its quote number",
        f"{path}:7: offre: « gratuit » is not an offer; known offers: decouverte, cofinance",
        f"{path}:8: adresse: missing",
        f"{path}:8: code_postal: missing",
        f"{path}:9: 3 fields, the header has 16 (separator ';')",
        f"{path}:10: 1 field, the header has 16 (separator ';')",
    ]


def test_empty_file_and_missing_columns(tmp_path):
    with pytest.raises(MonrecapError) as caught:
        load_orders(path := write(tmp_path, "\n\n"), EDITIONS)
    assert str(caught.value) == f"{path}: the file is empty: no header, no rows"
    with pytest.raises(MonrecapError) as caught:
        load_orders(write(tmp_path, "commande;date\nC-1;2026-11-03\n"), EDITIONS)
    assert str(caught.value).splitlines()[0] == \
        f"{path}:1: structure: missing column (accepted names: nom_structure)"


def test_example_file_is_fictitious():
    """The shipped example: ≥ 300 orders, fiction phone ranges, addresses saying so."""
    path = Path(__file__).resolve().parents[2] / "examples" / "orders-2026-12.csv"
    book = load_orders(path, EDITIONS)
    assert len(book.orders) >= 300
    fiction = ("01 99 00", "02 61 91", "03 53 01", "04 65 71", "05 36 49", "06 39 98")
    assert all(o.phone.startswith(fiction) for o in book.orders)
    assert all("exemple" in (o.address + o.address_2).lower() for o in book.orders)


def test_a_utf8_file_with_one_windows_1252_byte_is_an_error_at_its_line(tmp_path):
    """Not « La Ville-TÃ©moin » on the labels: the stray byte is named at its line."""
    text = synth_orders(6, seed=4).encode("utf-8")
    lines = text.split(b"\r\n")
    lines[4] = lines[4].replace("Témoin".encode(), b"T\xe9moin")  # one cp1252 « é »
    path = tmp_path / "orders.csv"
    path.write_bytes(b"\r\n".join(lines))
    assert "é".encode() in path.read_bytes()  # the rest of the file is UTF-8
    with pytest.raises(MonrecapError) as caught:
        load_orders(path, EDITIONS)
    (problem,) = caught.value.problems
    column = lines[4].decode("utf-8", errors="replace").index("\ufffd") + 1
    assert str(problem) == (
        f"{path}:5:{column}: byte 0xE9 is not UTF-8, unlike the rest of the file "
        "(« Modèle » on line 2): the file mixes two encodings; save it again as UTF-8 "
        "(« fictive;44700;Bourg-Imaginaire;Claude T<0xE9>moin;04 65 71 76 »)")


def test_a_byte_order_mark_means_utf8_and_nothing_else(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_bytes(b"\xef\xbb\xbf" + synth_orders(3, seed=4).encode("cp1252"))
    with pytest.raises(MonrecapError) as caught:
        load_orders(path, EDITIONS)
    assert caught.value.problems
    assert all(" is not UTF-8, and the file starts with a UTF-8 byte-order mark: save it again "
               "as UTF-8" in str(p) and str(p).startswith(f"{path}:") for p in
               caught.value.problems)
    assert "\ufffd" not in str(caught.value)


def test_bytes_neither_encoding_defines_are_an_error(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_bytes(synth_orders(3, seed=4).encode("cp1252").replace(b"\r\n", b"\x81\r\n", 1))
    with pytest.raises(MonrecapError) as caught:
        load_orders(path, EDITIONS)
    assert [str(p).split(" (")[0] for p in caught.value.problems] == [
        f"{path}:1:{len(synth_orders(1).splitlines()[0]) + 1}: byte 0x81 is neither UTF-8 "
        "nor Windows-1252"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(("Très", "é", " ", ";", ",", "\n", "\r\n", "\r",
                                           "\u2028", "\x0b", "\x0c", "\x85", "a", "«"))
                          .map(lambda s: s.encode()),
                          st.sampled_from((b"\xe8", b"\xe9", b"\x81", b"\xff"))),
                max_size=30))
def test_an_encoding_error_is_one_line_per_problem(parts):
    """Whatever line breaks and separators surround the stray byte and the UTF-8 evidence,
    each problem is one line (its quoted excerpts never hold a line break)."""
    try:
        decode(b"".join(parts), "notes.csv")
    except MonrecapError as exc:
        for problem in exc.problems:
            assert len(str(problem).splitlines()) == 1, str(problem)
            assert str(problem).startswith("notes.csv"), str(problem)
