"""The corpus: small PDFs from public test suites (pdf.js, qpdf, py-pdf's sample files) and our
own (own-*.pdf, written by make_own.py), for the robustness tests of every command that reads
anyone's PDF. README.md says where each file comes from and under which licence.

Reuse: ``from corpus import FILES`` (tests/ is on the test path) gives every file, sorted.
"""

from __future__ import annotations

from pathlib import Path

CORPUS = Path(__file__).resolve().parent
FILES: list[Path] = sorted(CORPUS.glob("*.pdf"))
