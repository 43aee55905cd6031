"""Black overprints: 100 % K text and K-only hairlines carry /OP /op /OPM 1, nothing else does,
and Ghostscript's separations show the cyan band kept under a title's glyphs."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from conftest import v11_build  # noqa: F401 (fixture)
from monrecap.preflight import Context, run_preflight

MM = 72 / 25.4
DPI = 150
PAGE = 3  # the first rendez-vous page: its title sits on the cyan band


def separations(pdf: Path, tmp: Path) -> tuple[Image.Image, Image.Image]:
    """The cyan and black separations of PAGE (0 = full ink, 255 = none)."""
    subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiffsep",
                    f"-r{DPI}", f"-dFirstPage={PAGE}", f"-dLastPage={PAGE}",
                    f"-sOutputFile={tmp / 'sep.tif'}", str(pdf)], check=True)
    return Image.open(tmp / "sep(Cyan).tif"), Image.open(tmp / "sep(Black).tif")


def cyan_under_title(pdf: Path, manifest: dict, tmp: Path) -> list[int]:
    """Cyan separation values under the solid black pixels of the page's title."""
    cyan, black = separations(pdf, tmp)
    box = next(f["box_mm"] for f in manifest["pages"][PAGE - 1]["fields"]
               if f["path"] == "title")
    bleed = 3
    px = lambda mm: round(mm * DPI / 25.4)  # noqa: E731
    x0, x1 = px(box[0] + bleed), px(box[0] + box[2] + bleed)
    height = cyan.size[1]
    y0, y1 = height - px(box[1] + box[3] + bleed), height - px(box[1] + bleed)
    return [cyan.getpixel((x, y)) for x in range(x0, x1) for y in range(y0, y1)
            if black.getpixel((x, y)) < 20]


def cyan_under_header_picto(pdf: Path, tmp: Path) -> list[int]:
    """Cyan under the black pixels of PAGE's header pictogram: 8 mm square, 6 mm in from the
    trim's left and top edges (the A6 layout's safe zone), 3 mm of bleed around the trim."""
    cyan, black = separations(pdf, tmp)
    px = lambda mm: round(mm * DPI / 25.4)  # noqa: E731
    bleed, safe, size = 3, 6, 8
    box = (px(bleed + safe), px(bleed + safe - 1), px(bleed + safe + size),
           px(bleed + safe + size + 1))
    return [cyan.getpixel((x, y)) for x in range(box[0], box[2]) for y in range(box[1], box[3])
            if black.getpixel((x, y)) < 20]


def without_overprint(source: Path, target: Path) -> None:
    """The same file with every overprint switched off (what the toolkit drew before)."""
    with pikepdf.open(source) as pdf:
        for page in pdf.pages:
            for gs in (page.Resources.get("/ExtGState") or {}).values():
                for key in ("/OP", "/op"):
                    if key in gs:
                        gs[key] = False
        pdf.save(target)


@pytest.fixture(scope="module")
def built(v11_build: Path) -> tuple[Path, dict]:  # noqa: F811
    return v11_build / "monrecap-v11.pdf", json.loads((v11_build / "build.json").read_text())


def test_title_on_the_band_overprints(built, tmp_path: Path) -> None:
    pdf, manifest = built
    band = round(255 * (1 - 0.22))  # the band is 22 % cyan
    under = cyan_under_title(pdf, manifest, tmp_path)
    assert len(under) > 200  # the glyphs were found
    assert all(abs(v - band) <= 2 for v in under), sorted(set(under))


def test_without_overprint_the_title_punches_a_hole(built, tmp_path: Path) -> None:
    pdf, manifest = built
    knockout = tmp_path / "knockout.pdf"
    without_overprint(pdf, knockout)
    under = cyan_under_title(knockout, manifest, tmp_path)
    assert len(under) > 200
    assert sum(v == 255 for v in under) > 0.9 * len(under)  # no cyan under the letters
    # ...and preflight says so, naming the page.
    report = run_preflight(knockout.read_bytes(), Context(manifest=manifest))
    found = [(f.page, f.where) for f in report.findings if f.rule == "colour.black-knockout"]
    assert (PAGE, "rendez-vous → title") in found
    assert not [f for f in run_preflight(pdf.read_bytes(), Context(manifest=manifest)).findings
                if f.rule == "colour.black-knockout"]


def test_the_black_pictogram_on_the_band_overprints_too(built, tmp_path: Path) -> None:
    pdf, _ = built
    band = round(255 * (1 - 0.22))
    under = cyan_under_header_picto(pdf, tmp_path)
    assert len(under) > 200  # the pictogram's strokes were found
    assert all(abs(v - band) <= 2 for v in under), sorted(set(under))
    knockout = tmp_path / "knockout.pdf"
    without_overprint(pdf, knockout)
    holes = cyan_under_header_picto(knockout, tmp_path)
    assert sum(v == 255 for v in holes) > 0.9 * len(holes)


def test_only_black_overprints(built) -> None:
    """Every overprinting text or stroke is 100 % K (strokes: K-only, ≤ 1 pt); the band,
    white text and colours never overprint."""
    pdf, _ = built
    with pikepdf.open(pdf) as doc:
        page = doc.pages[PAGE - 1]
        states = {str(k): {str(a): v for a, v in gs.items()}
                  for k, gs in page.Resources.ExtGState.items()}
        assert sorted(tuple(sorted(s.items())) for s in states.values()) == [
            (("/OP", True),), (("/OPM", 1),), (("/op", True),)]
        on, marks = False, []
        stack = []
        fill = stroke = None
        width = 1.0
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op == "q":
                stack.append((on, fill, stroke, width))
            elif op == "Q":
                on, fill, stroke, width = stack.pop()
            elif op == "gs":
                state = states[str(operands[0])]
                on = bool(state.get("/op", state.get("/OP", on)))
            elif op == "k":
                fill = tuple(float(v) for v in operands)
            elif op == "K":
                stroke = tuple(float(v) for v in operands)
            elif op == "w":
                width = float(operands[0])
            elif op in ("Tj", "TJ"):
                marks.append(("text", on, fill))
            elif op in ("S", "s"):
                marks.append(("stroke", on, stroke, width))
            elif op in ("f", "f*"):
                marks.append(("fill", on, fill))
    assert any(m[:2] == ("text", True) for m in marks)
    for mark in marks:
        if mark[0] == "text":
            assert mark[1] == (mark[2] == (0, 0, 0, 1)), mark
        elif mark[0] == "stroke":
            k_only = mark[2][:3] == (0, 0, 0) and mark[2][3] > 0
            assert mark[1] == (k_only and mark[3] <= 1), mark
        else:
            assert not mark[1], mark
