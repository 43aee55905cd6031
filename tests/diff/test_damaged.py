"""`monrecap diff` on damaged and unusual PDFs: one clear error saying what to do, exit 2,
never a traceback; files that open without a password are compared."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from conftest import run_cli
from monrecap.diff import run_diff
from monrecap.errors import MonrecapError


def _page() -> pikepdf.Pdf:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(298, 420))
    return pdf


def _huge(path: Path) -> None:
    pdf = _page()
    pdf.pages[0].MediaBox = pikepdf.Array([0, 0, 595, 2_147_483_647])
    pdf.save(path)


def _user_password(path: Path) -> None:
    _page().save(path, encryption=pikepdf.Encryption(user="secret", owner="owner"))


def _page_tree_loop(path: Path) -> None:
    pdf = _page()
    pdf.Root.Pages.Kids = pikepdf.Array([pdf.Root.Pages])
    pdf.save(path)


def _bad_kid(path: Path) -> None:
    pdf = _page()
    pdf.Root.Pages.Kids = pikepdf.Array([pikepdf.Dictionary(Type=pikepdf.Name.Foo)])
    pdf.save(path)


def _not_a_pdf(path: Path) -> None:
    path.write_text("Bonjour, ceci n'est pas un PDF.\n")


CASES = {
    "huge": (_huge, "{f}: page 1 is 210 × 757,584,509 mm (595 × 2,147,483,648 pt); a PDF page "
                    "is at most 5,080 mm a side: fix its MediaBox, or export it again"),
    "encrypted": (_user_password, "{f}: encrypted: it needs a password to open; ask the sender "
                                  "for an unprotected copy"),
    "page-tree-loop": (_page_tree_loop, "{f}: not a PDF, or too damaged to read; check it with "
                                        "`qpdf --check {f}`, or export it again from the "
                                        "program that made it"),
    "bad-page-object": (_bad_kid, "{f}: page 1 cannot be read (damaged page tree or contents); "
                                  "repair it with `qpdf {f} repaired.pdf`, or export it again"),
    "not-a-pdf": (_not_a_pdf, "{f}: not a PDF, or too damaged to read; check it with "
                              "`qpdf --check {f}`, or export it again from the program that "
                              "made it"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_damaged_file_is_one_clear_error(tmp_path: Path, case: str) -> None:
    make, message = CASES[case]
    bad, good = tmp_path / f"{case}.pdf", tmp_path / "good.pdf"
    make(bad)
    _page().save(good)
    result = run_cli("diff", str(bad), str(good))
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == ["error: " + message.format(f=bad)]
    assert result.stdout == ""
    with pytest.raises(MonrecapError) as caught:  # the same, on the new side
        run_diff(tmp_path, str(good), str(bad), None, None, None, 50, None)
    assert str(caught.value) == message.format(f=bad)


def test_owner_password_only_opens(tmp_path: Path) -> None:
    """Encrypted with an owner password only: it opens without one, so it is compared."""
    locked, plain = tmp_path / "locked.pdf", tmp_path / "plain.pdf"
    _page().save(locked, encryption=pikepdf.Encryption(user="", owner="owner"))
    _page().save(plain)
    result = run_cli("diff", str(plain), str(locked))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["plain.pdf → locked.pdf: identical"]


def test_very_large_page_is_compared_coarsely_and_said_so(tmp_path: Path) -> None:
    """2 × 2 m: 62 Mpx at 100 dpi; compared at the dpi that fits 16 Mpx, with a note."""
    import io

    from rich.console import Console

    from monrecap.diff.diffreport import print_diff

    side = 2000 * 72 / 25.4
    paths = []
    for name, x in (("old", 1000), ("new", 3000)):
        pdf = pikepdf.new()
        pdf.add_blank_page(page_size=(side, side))
        pdf.pages[0].Contents = pdf.make_stream(f"0 g {x} 2000 800 800 re f".encode())
        pdf.save(tmp_path / f"{name}.pdf")
        paths.append(str(tmp_path / f"{name}.pdf"))
    result = run_diff(tmp_path, *paths, None, None, None, 100, None)
    out = io.StringIO()
    print_diff(Console(file=out, width=60, soft_wrap=True), result)
    assert [p.status for p in result.pages] == ["changed"]
    assert "  note: page 1: compared at 51 dpi, not 100: the page is too large to rasterise " \
           "finely" in out.getvalue().splitlines()
