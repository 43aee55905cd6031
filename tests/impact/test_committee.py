"""The committee's page as the committee sees it: the funnel's bars measured in the PDF, on
one scale for every version, each version in its colour of the HTML report, a legend, the
minimum and the caveat stated, large numbers grouped, and why a stage is empty."""

from __future__ import annotations

import ctypes
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from monrecap.cli import app
from monrecap.impact.fictitious import Effect, synth_survey
from monrecap.impact.funnel import build_report
from monrecap.impact.surveystore import import_survey

pdfium = pytest.importorskip("pypdfium2")
raw = pytest.importorskip("pypdfium2.raw")

HTML_COLOURS = {"v10": (0x1B, 0x5E, 0x8C), "v11": (0xE0, 0x7B, 0x00)}  # charts.PALETTE
BAR = 6.0  # the funnel's bar height, in points (page.BAR)


def invoke(repo: Path, *args: str):
    return CliRunner().invoke(app, [*args, "--root", str(repo)], env={"COLUMNS": "200"})


def _page(pdf: Path) -> tuple[str, list[tuple[tuple[int, int, int], float, float, float]]]:
    """The page's text (whitespace made single) and its filled bars of the funnel's
    height: (colour as rendered, left, bottom, width), top to bottom."""
    page = pdfium.PdfDocument(pdf)[0]
    text = " ".join(page.get_textpage().get_text_range().replace("\u00a0", " ").split())
    bars = []
    for obj in page.get_objects(max_depth=0):  # drawn on the page, not in a pictogram
        if obj.type != raw.FPDF_PAGEOBJ_PATH:
            continue
        left, bottom, right, top = obj.get_bounds()
        if abs(top - bottom - BAR) > 0.01:
            continue
        rgba = [ctypes.c_uint() for _ in range(4)]
        raw.FPDFPageObj_GetFillColor(obj.raw, *(ctypes.byref(c) for c in rgba))
        bars.append((tuple(c.value for c in rgba[:3]), left, bottom, right - left))
    return text, sorted(bars, key=lambda b: -b[2])


def _near(colour: tuple[int, int, int], html: tuple[int, int, int]) -> bool:
    return max(abs(a - b) for a, b in zip(colour, html)) <= 30


def _survey(repo: Path, text: str) -> None:
    survey = repo / "survey.csv"
    survey.write_text(text, encoding="utf-8")
    import_survey(repo, survey)


def test_the_funnel_is_on_one_scale_in_each_versions_html_colour(repo: Path,
                                                                  tmp_path: Path) -> None:
    """Structures of the ledger answer (v10 and v11 shipped in 2026-W10 and W40): every bar
    is as long as its count on one scale — the longer bar is always the larger count —,
    drawn in its version's colour of the HTML report, with a legend."""
    from monrecap.impact.shipments import read_shipments

    names = sorted({(s.structure, s.territory, s.version) for s in read_shipments(repo)})
    rows = [f"{'2026-04-20' if v == 'v10' else '2026-11-16'};{name};{dept};{v};{12 + i};"
            f"{10 + i % 3};{5 + i % 4};{4 + i % 5};;\n" for i, (name, dept, v) in enumerate(names)]
    _survey(repo, "date;structure;territoire;version;remis;revus;avec_carnet;remplis;minutes;"
                  "commentaire\n" + "".join(rows))
    pdf, html = tmp_path / "impact.pdf", tmp_path / "impact.html"
    result = invoke(repo, "impact", "report", "--pdf", str(pdf), "--html", str(html))
    assert result.exit_code == 0, result.output
    text, bars = _page(pdf)
    groups = {g.name: g for g in build_report(repo).groups}
    counts = [(version, getattr(groups[version], stage)) for stage in (
        "shipped_answered", "remis", "revus", "avec_carnet", "remplis")
        for version in ("v10", "v11")]
    assert all(n for _, n in counts) and groups["v11"].shipped_answered > 1000
    assert len(bars) == len(counts)
    scale = bars[0][3] / counts[0][1]
    for (version, n), (colour, left, _, width) in zip(counts, bars):
        assert width == pytest.approx(n * scale, rel=1e-3), (version, n)
        assert left == bars[0][1] and _near(colour, HTML_COLOURS[version]), colour
    widest = max(bars, key=lambda b: b[3])
    assert widest[3] == pytest.approx(max(n for _, n in counts) * scale, rel=1e-3)
    assert "Version 10 Version 11 même échelle" in text
    # « envoyés » is what the activation rate is computed on, and says so
    base = [groups[v].shipped_answered for v in ("v10", "v11")]
    assert (f"Calculé sur {base[0] // 1000} {base[0] % 1000:03d} et {base[1] // 1000} "
            f"{base[1] % 1000:03d} carnets envoyés aux") in text
    assert "Envoyés : aux structures qui ont répondu." in text
    shipped = groups["v11"].shipped_answered
    assert f"{shipped // 1000} {shipped % 1000:03d}" in text  # « 1 060 », grouped
    page = html.read_text(encoding="utf-8")
    assert re.search(r'fill="#1b5e8c"><title>v10 : ', page)
    assert re.search(r'fill="#e07b00"><title>v11 : ', page)


def test_the_page_states_the_minimum_the_caveat_and_why_a_stage_is_empty(
        tmp_path: Path) -> None:
    """Only v11 is in the ledger; many people an answer: v10 answered for 4 structures only
    (under the minimum, said with it), the counts are grouped, and v10's empty « envoyés »
    stage is explained."""
    from monrecap.impact.fictitious import synth_ledger
    from tests.impact.conftest import impact_repo

    repo = impact_repo(tmp_path / "repo", ledger=False)
    synth_ledger(repo, [("2026-W40", "v11", 30)])
    _survey(repo, synth_survey({"v10": 4, "v11": 8}, {"v10": Effect(0.5), "v11": Effect(0.6)},
                               seed=11, people=(300, 400), respelled=0))
    pdf = tmp_path / "impact.pdf"
    result = invoke(repo, "impact", "report", "--pdf", str(pdf))
    assert result.exit_code == 0, result.output
    text, bars = _page(pdf)
    v10, v11 = build_report(repo).groups
    assert v10.structures["came_back"] < 5 <= v11.structures["came_back"]
    assert text.count("Trop peu de structures : il en faut 5 par version.") == 3
    assert "Il manque des données pour comparer." in text  # the activation rate
    assert ("Comment comparer On compare avec au moins 5 structures et 30 personnes par "
            "version. Les réponses d'une structure se ressemblent : la marge d'erreur peut "
            "être un peu trop petite.") in text
    for n in (v10.remis, v11.remis, v11.revus):
        assert n >= 1000 and f"{n // 1000} {n % 1000:03d}" in text
    assert (f"Calculé sur {v10.revus // 1000} {v10.revus % 1000:03d} et "
            f"{v11.revus // 1000} {v11.revus % 1000:03d} personnes revues, dans "
            f"{v10.structures['came_back']} et {v11.structures['came_back']} structures.") \
        in text
    assert "Version 10 : aucun envoi dans le registre." in text
    drawn = [n for n in (v10.shipped_answered, v11.shipped_answered, v10.remis, v11.remis,
                         v10.revus, v11.revus, v10.avec_carnet, v11.avec_carnet, v10.remplis,
                         v11.remplis) if n]
    assert v10.shipped_answered == 0 and len(bars) == len(drawn)  # no bar for nothing
