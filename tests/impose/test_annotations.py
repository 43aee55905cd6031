"""`impose` keeps what prints: filled form fields, checkboxes and stamps are flattened into the
placed pages; links and comments are dropped with a warning that counts them."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from conftest import run_cli
from monrecap.impose import custom_profile, impose_pdf

from .folding import MM

W, H = 105 * MM, 148 * MM
HELV = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)


def _appearance(pdf: pikepdf.Pdf, text: str, w: float = 150, h: float = 20) -> pikepdf.Stream:
    stream = pdf.make_stream(f"/Tx BMC q BT /Helv 10 Tf 0 g 2 6 Td ({text}) Tj ET Q EMC".encode())
    stream.Type, stream.Subtype = Name.XObject, Name.Form
    stream.BBox = Array([0, 0, w, h])
    stream.Resources = Dictionary(Font=Dictionary(Helv=HELV))
    return stream


def filled_form(need_appearances: bool = False) -> bytes:
    """A 4-page A6 form: page 1 has a filled text field, a ticked checkbox, a printable stamp
    and a non-printing link; ``need_appearances``: the text field has no appearance yet (the
    viewer is to draw it, as LibreOffice's forms ask)."""
    pdf = pikepdf.new()
    for n in range(4):
        pdf.add_blank_page(page_size=(W, H))
        pdf.pages[n].contents_add(pdf.make_stream(
            f"BT /Helv 14 Tf 40 300 Td (Page {n + 1}) Tj ET".encode()), prepend=False)
        pdf.pages[n].obj.Resources = Dictionary(Font=Dictionary(Helv=HELV))
    name = Dictionary(Type=Name.Annot, Subtype=Name.Widget, FT=Name.Tx, F=4,
                      T=String("nom"), V=String("Jeanne Testeuse"),
                      DA=String("/Helv 10 Tf 0 g"), Rect=Array([40, 200, 190, 220]))
    if not need_appearances:
        name.AP = Dictionary(N=_appearance(pdf, "Jeanne Testeuse"))
    tick = _appearance(pdf, "OUI-COCHE", 60, 20)
    box = Dictionary(Type=Name.Annot, Subtype=Name.Widget, FT=Name.Btn, F=4, T=String("accord"),
                     V=Name.Yes, AS=Name.Yes, Rect=Array([40, 160, 100, 180]),
                     AP=Dictionary(N=Dictionary(Yes=tick, Off=_appearance(pdf, "", 60, 20))))
    stamp = Dictionary(Type=Name.Annot, Subtype=Name.Stamp, F=4, Rect=Array([40, 100, 190, 120]),
                       AP=Dictionary(N=_appearance(pdf, "TAMPON-RECU")))
    link = Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([40, 60, 190, 80]),
                      A=Dictionary(S=Name.URI, URI=String("https://example.org/")))
    hidden = Dictionary(Type=Name.Annot, Subtype=Name.Stamp, F=4 | 2,
                        Rect=Array([40, 30, 190, 50]), AP=Dictionary(N=_appearance(pdf, "CACHE")))
    annots = [pdf.make_indirect(a) for a in (name, box, stamp, link, hidden)]
    pdf.pages[0].obj.Annots = Array(annots)
    pdf.Root.AcroForm = Dictionary(Fields=Array(annots[:2]), DA=String("/Helv 10 Tf 0 g"),
                                   DR=Dictionary(Font=Dictionary(Helv=HELV)),
                                   NeedAppearances=need_appearances)
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_filled_form_values_are_on_the_sheet(tmp_path: Path) -> None:
    src = tmp_path / "form.pdf"
    src.write_bytes(filled_form())
    out = tmp_path / "sheets.pdf"
    result = run_cli("impose", str(src), "--scheme", "saddle", "--sheet", "A4",
                     "--marks", "none", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0] == ("warning: 2 non-printing annotations (links, "
                                             "comments) left out of the sheets")
    text = _text(out)
    for value in ("Jeanne Testeuse", "OUI-COCHE", "TAMPON-RECU", "Page 1"):
        assert value in text
    assert "CACHE" not in text  # hidden: not printed
    assert subprocess.run(["qpdf", "--check", str(out)], capture_output=True).returncode == 0


def test_fields_the_viewer_was_to_draw_are_drawn(tmp_path: Path) -> None:
    imposed = impose_pdf(filled_form(need_appearances=True), "form.pdf",
                         custom_profile(None, scheme="nup", sheet="SRA3", marks="none"), None)
    out = tmp_path / "sheets.pdf"
    out.write_bytes(imposed.pdf)
    assert "Jeanne Testeuse" in _text(out)


def test_tiny_pages_and_absurd_copy_counts_are_warned(tmp_path: Path) -> None:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(10, 10))
    src = tmp_path / "tiny.pdf"
    pdf.save(src)
    result = run_cli("impose", str(src), "--scheme", "nup", "--sheet", "SRA3", "--marks", "none",
                     "-o", str(tmp_path / "out.pdf"))
    assert result.returncode == 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings[0] == ("warning: pages of 3.5 × 3.5 mm: smaller than any real product "
                           "(under 30 mm on a side); check the file")
    assert warnings[1].startswith("warning: ") and \
        warnings[1].endswith(" pages per sheet side (over 500): check the page size, this is "
                             "not a product a print shop makes")
