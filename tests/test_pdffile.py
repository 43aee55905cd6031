"""One rule for anyone's PDF, in every command: what opens without a password opens, the rest
is refused with one message; damaged files are one clear sentence, never qpdf's internals.

The commands run in this process (Typer's CliRunner, stdout and stderr apart): the real
command line, without a Python start-up per case."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from corpus import CORPUS
from monrecap.cli import app


def run_cli(*args: str):
    return CliRunner().invoke(app, [*args, "--root", str(ROOT)])

ENCRYPTED = ("encrypted: it needs a password to open; ask the sender for an unprotected copy")
ADVICE = "export it again from the program that made it, or ask the sender for a new copy"


def _impose(pdf: Path, tmp_path: Path):
    return run_cli("impose", str(pdf), "--scheme", "nup", "--sheet", "SRA3", "--marks", "none",
                   "-o", str(tmp_path / "out.pdf"))


@pytest.mark.parametrize("name", ["qpdf-enc-owner-only.pdf", "qpdf-enc-attachment-only.pdf",
                                  "pdfjs-encrypted-attachment.pdf"])
def test_files_that_open_without_a_password_are_read(tmp_path: Path, name: str) -> None:
    assert _impose(CORPUS / name, tmp_path).exit_code == 0
    assert run_cli("check", str(CORPUS / name)).exit_code == 1  # findings, not a refusal


@pytest.mark.parametrize("name", ["qpdf-enc-user-password.pdf", "qpdf-encrypted-40-bit-R3.pdf"])
def test_files_that_need_a_password_are_refused_alike(tmp_path: Path, name: str) -> None:
    imposed = _impose(CORPUS / name, tmp_path)
    assert (imposed.exit_code, imposed.stderr) == (2, f"error: {name}: {ENCRYPTED}\n")
    checked = run_cli("check", str(CORPUS / name))
    assert (checked.exit_code, checked.stderr) == (2, f"error: {CORPUS / name}: {ENCRYPTED}\n")
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.parametrize("name,said", [
    ("qpdf-pages-loop.pdf", "not a readable PDF (its page tree loops back on itself)"),
    ("qpdf-deep-pages.pdf", "not a readable PDF (its page tree is nested too deeply)"),
    ("qpdf-bad-data.pdf", "page 1: its drawing instructions are damaged"),
    ("own-undecodable-content.pdf", "page 2: its drawing instructions are damaged"),
])
def test_damaged_files_are_one_clear_error(tmp_path: Path, name: str, said: str) -> None:
    imposed = _impose(CORPUS / name, tmp_path)
    assert (imposed.exit_code, imposed.stderr) == (2, f"error: {name}: {said}; {ADVICE}\n")
    checked = run_cli("check", str(CORPUS / name))
    assert (checked.exit_code, checked.stderr) == (2, f"error: {CORPUS / name}: {said}; "
                                                       f"{ADVICE}\n")


def test_a_file_ghostscript_cannot_render_keeps_the_inspection_findings() -> None:
    result = run_cli("check", str(CORPUS / "qpdf-fuzz-16214.pdf"), "--json")
    assert result.exit_code == 1
    assert '"rule": "ink.render"' in result.stdout
    assert '"message": "Ghostscript cannot render the file (Error: /undefined in obj)"' \
        in result.stdout
    assert '"rule": "pdfx.output-intent"' in result.stdout  # the inspection's own findings


def test_a_bad_metadata_stream_is_no_xmp_not_a_crash() -> None:
    result = run_cli("check", str(CORPUS / "own-bad-ascii85-metadata.pdf"), "--json")
    assert result.exit_code == 1
    assert '"message": "XMP does not identify the file as PDF/X-4"' in result.stdout
