"""Opening anyone's PDF with pikepdf, one rule for every command: what opens without a
password opens (owner-password-only files, files whose only encrypted part is an attachment),
the rest is refused with errors.encrypted_pdf; damage becomes one clear sentence.

Shared by impose/ and preflight/ (the two packages that read PDFs with pikepdf).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf

from monrecap.errors import MonrecapError, encrypted_pdf
from monrecap.limits import check_streams

ADVICE = "export it again from the program that made it, or ask the sender for a new copy"

#: qpdf's wording → what the user is told (qpdf's own words name its internals).
_REASONS = (
    ("Loop detected in /Pages", "its page tree loops back on itself"),
    ("too deeply nested", "its page tree is nested too deeply"),
    ("unable to find page tree", "it has no page tree"),
    ("pages tree has no /Kids", "it has no page tree"),
    ("unable to find trailer", "it is damaged beyond repair"),
    ("not a PDF file", "it is not a PDF file"),
    ("can't find PDF header", "it is not a PDF file"),
    ("errors while decoding content stream", "its drawing instructions are damaged"),
    ("jbig2dec", "it holds a JBIG2 image and the jbig2dec program is not installed "
                 "(apt install jbig2dec)"),
)


def reason(exc: BaseException) -> str:
    """A damaged-file exception as a short reason without the library's internals.

    >>> reason(Exception("x.pdf: Loop detected in /Pages structure (getAllPages)"))
    'its page tree loops back on itself'
    >>> reason(Exception("x.pdf (object 4,0, offset 319): LZWDecoder: bad code received"))
    'damaged data (LZW: bad code received)'
    """
    text = str(exc)
    for needle, said in _REASONS:
        if needle in text:
            return said
    decoder = re.search(r"(\w+)Decoder: (.*)", text)
    if decoder:
        return f"damaged data ({decoder.group(1)}: {decoder.group(2).strip()})"
    text = re.sub(r"\s*\([^()]*(offset|object|getAllPages)[^()]*\)", "", text)
    text = text.rsplit(": ", 1)[-1].strip()
    return text or "damaged"


def unreadable(name: str, exc: BaseException, where: str = "",
               error: type[MonrecapError] = MonrecapError) -> MonrecapError:
    """The one error for a file (or one page of it) that cannot be read."""
    if where:
        return error(f"{name}: {where}: {reason(exc)}; {ADVICE}")
    return error(f"{name}: not a readable PDF ({reason(exc)}); {ADVICE}")


def open_pdf(source: Path | bytes, name: str,
             error: type[MonrecapError] = MonrecapError) -> pikepdf.Pdf:
    """Open a PDF and its page tree, or raise ``error`` (encryption: encrypted_pdf)."""
    opener = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        pdf = pikepdf.open(opener)
    except pikepdf.PasswordError:
        raw = source if isinstance(source, bytes) else Path(source).read_bytes()
        cleartext = _without_attachment_encryption(raw)
        if cleartext is None:
            raise encrypted_pdf(name) from None
        try:
            pdf = pikepdf.open(io.BytesIO(cleartext))
        except (pikepdf.PdfError, pikepdf.PasswordError):
            raise encrypted_pdf(name) from None
    except (pikepdf.PdfError, pikepdf.DependencyError, OSError, ValueError) as exc:
        problem = exc if _has_header(source) else ValueError("not a PDF file")
        raise unreadable(name, problem, error=error) from None
    try:
        len(pdf.pages)  # qpdf reads the page tree here: loops and bad trees fail now
    except (pikepdf.PdfError, RuntimeError, ValueError) as exc:
        pdf.close()
        raise unreadable(name, exc, error=error) from None
    try:
        check_streams(pdf, name, error)  # decompression bombs: bounded before any decoding
    except BaseException:
        pdf.close()
        raise
    return pdf


def _has_header(source: Path | bytes) -> bool:
    """Whether ``%PDF-`` starts the file within its first KiB, as readers accept."""
    try:
        head = source[:1024] if isinstance(source, bytes) else Path(source).open("rb").read(1024)
    except OSError:
        return True  # the open error itself is the better message
    return b"%PDF-" in head


_ENCRYPT_REF = re.compile(rb"/Encrypt\s+(\d+)\s+(\d+)\s+R")


def _without_attachment_encryption(raw: bytes) -> bytes | None:
    """The file with its /Encrypt entry blanked out when only embedded files are encrypted
    (streams and strings in clear: /StmF and /StrF /Identity, an /EFF filter); else None.

    qpdf asks for the user password even then, though the pages need none. Blanking the
    reference with spaces keeps every byte offset of the cross-reference table valid.
    """
    refs = list(_ENCRYPT_REF.finditer(raw))
    if not refs:
        return None
    number, generation = refs[-1].group(1), refs[-1].group(2)
    body = re.search(rb"(?<!\d)" + number + rb"\s+" + generation + rb"\s+obj\b(.*?)endobj",
                     raw, re.S)
    if body is None:
        return None
    entries = body.group(1)
    if not (re.search(rb"/StmF\s*/Identity", entries) and re.search(rb"/StrF\s*/Identity", entries)
            and re.search(rb"/EFF\s*/", entries)):
        return None
    return _ENCRYPT_REF.sub(lambda m: b" " * len(m.group(0)), raw)
