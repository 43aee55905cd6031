"""fonts/ → FontSet: TrueType files registered with ReportLab by one explicit call, glyph coverage."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from monrecap.errors import FontError, Problem

NNBSP = "\u202f"  # narrow no-break space, French « ; : ! ? » spacing
NBSP = "\u00a0"


@dataclass(frozen=True)
class FontSet:
    """The regular and bold faces of one family, registered under their file stems."""

    regular: Path
    bold: Path
    _faces: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def regular_name(self) -> str:
        return self.regular.stem

    @property
    def bold_name(self) -> str:
        return self.bold.stem

    def name(self, bold: bool = False) -> str:
        return self.bold_name if bold else self.regular_name

    def _cmap(self, bold: bool) -> dict[int, int]:
        from reportlab.pdfbase import pdfmetrics

        return pdfmetrics.getFont(self.name(bold)).face.charToGlyph

    def missing(self, text: str, bold: bool = False) -> list[str]:
        """Characters of ``text`` the face cannot draw (ReportLab would print an empty box)."""
        cmap = self._cmap(bold)
        return sorted({c for c in text if ord(c) not in cmap and c not in "\n\t"})

    def covers(self, char: str) -> bool:
        return ord(char) in self._cmap(False) and ord(char) in self._cmap(True)

    def french_spacing(self, text: str) -> str:
        """Non-breaking spaces where French typography wants them.

        The narrow no-break space (U+202F) before ; : ! ? and inside « » when both faces have
        it, else the no-break space (U+00A0), which every Latin font has: the punctuation never
        starts a line, and no empty box is drawn.
        """
        space = NNBSP if self.covers(NNBSP) else NBSP
        text = text.replace(NNBSP, space)
        text = re.sub(r"[ \u00a0\u202f]+([;:!?»])", space + r"\1", text)
        return re.sub(r"«[ \u00a0\u202f]+", "«" + space, text)


def load_fontset(regular: Path, bold: Path) -> FontSet:
    """A FontSet for two TrueType files; FontError if one is missing or not TrueType."""
    problems = []
    for path in (regular, bold):
        if not path.is_file():
            problems.append(Problem(str(path), "", "font file not found"))
        elif path.read_bytes()[:4] not in (b"\x00\x01\x00\x00", b"true"):
            problems.append(Problem(str(path), "", "not a TrueType (glyf) font; ReportLab "
                                    "embeds only TrueType, not CFF-flavoured OpenType"))
    if problems:
        raise FontError(problems)
    return FontSet(regular, bold)


def register_fonts(fonts: FontSet) -> None:
    """Register both faces with ReportLab (idempotent) and make them the default everywhere,
    so that nothing falls back to the unembedded standard Helvetica.

    ReportLab's registry is process-global; this is the one place that touches it.
    """
    from reportlab import rl_config
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    registered = pdfmetrics.getRegisteredFontNames()
    for path, bold in ((fonts.regular, False), (fonts.bold, True)):
        name = fonts.name(bold)
        if name not in registered:
            try:
                pdfmetrics.registerFont(TTFont(name, str(path)))
            except TTFError as exc:
                raise FontError([Problem(str(path), "", f"unusable font: {exc}")]) from None
    family = fonts.regular_name
    addMapping(family, 0, 0, fonts.regular_name)
    addMapping(family, 1, 0, fonts.bold_name)
    addMapping(family, 0, 1, fonts.regular_name)
    addMapping(family, 1, 1, fonts.bold_name)
    # reportlab.graphics copies defaultGraphicsFontName into STATE_DEFAULTS when first
    # imported, and renderPDF then sets that font on the page (pulling in Helvetica).
    # The renderer gives each drawing our font as its initial state; this covers any
    # drawing that does not.
    rl_config.defaultGraphicsFontName = fonts.regular_name
    rl_config.canvas_basefontname = fonts.regular_name
    shapes = sys.modules.get("reportlab.graphics.shapes")
    if shapes is not None:
        shapes.STATE_DEFAULTS["fontName"] = fonts.regular_name
