"""Every document the toolkit draws, with the longest realistic values, read back by poppler:
each word inside its frame (the page's margins, and the column, cell or box it belongs to),
never a line past the margin. Texts that cannot fit are errors naming the document and the
field (tests/kit/test_fit.py for the ticket, tests/production for the labels)."""

from __future__ import annotations


import pytest

from conftest import ROOT
from monrecap.build import load_for_build
from monrecap.content import load_version
from monrecap.errors import RenderError
from monrecap.fonts import load_fontset
from monrecap.production.labelsheet import label_sheet_names, load_label_sheet
from monrecap.production.esatrows import DeliveryNote, Label, PackingLine, PackingList
from monrecap.production.labels import render_labels
from monrecap.production.deliverynotes import render_delivery_notes
from monrecap.production.packing import COLUMNS, render_packing_list
from monrecap.production.summary import Summary, render_summary
from monrecap.feedback.sheet import page_label
from monrecap.feedback.whatsnew import SHEET_SAFE, Sheet, SheetItem, render_whatsnew

from kit.frames import MM, Frame, margins, outside, text_lines, words

A4 = (595.28, 841.89)
EDITION = "association-departementale-insertion-val-fictif"
STRUCTURE = ("Association départementale pour l'insertion et la formation professionnelle "
             "des jeunes du Val-Fictif")
ADDRESS = ("Camille Exemple-Fictif, conseillère en insertion professionnelle", STRUCTURE,
           "Bâtiment C, 3e étage, porte 312, résidence des Tilleuls fictifs",
           "1234 avenue du Général-de-Gaulle-et-de-la-Libération-Fictive", "57100 Montfictif")
# A label's address as long as the postal norm allows (lines of 38 characters at most, NF
# Z10-011), but for the structure's name, which orders give whole.
POSTAL = ("Dominique Exemple-Fictif-Dupontel", STRUCTURE, "Bâtiment C, escalier 2, porte 312",
          "1234 avenue du Maréchal-de-Lattre-Fictif", "57100 Saint-Exemple-lès-Montfictif")


@pytest.fixture(scope="module")
def tools():
    _, layout = load_for_build(ROOT, "v11")
    return layout, load_fontset(layout.fonts.regular, layout.fonts.bold)


def test_packing_list_values_stay_in_their_columns(tools) -> None:
    layout, fonts = tools
    lines = tuple(PackingLine(f"C-{n:05d}", 99, 9, 12, "123,4") for n in range(1, 40))
    doc = PackingList(f"Lot L2026-W50-01, édition {EDITION}", "2026-W50", 10, 100, lines)
    found = words(render_packing_list(doc, layout, fonts, ROOT))
    assert sum(w.text.startswith("C-0") for w in found) == 39
    page = margins(*A4, 15 * MM)
    assert outside(found, lambda w: page) == []
    # Each value of a row inside its column: the row is the words on an order id's line.
    rows = {(w.page, round(w.y0)) for w in found if w.text.startswith("C-0")}
    columns = [Frame(15 * MM + x * MM, 0, 15 * MM + (x + width) * MM, A4[1])
               for x, width, *_ in COLUMNS]
    in_rows = [w for w in found if (w.page, round(w.y0)) in rows]
    assert len(in_rows) == 39 * 6  # id, bundles, loose, parcels, weight and « kg »
    assert outside(in_rows, lambda w: columns) == []


def test_delivery_notes_wrap_long_addresses_inside_the_margins(tools) -> None:
    """A long address and a large order (30 parcels: a département's whole supply)."""
    layout, fonts = tools
    notes = [DeliveryNote("C-00001", ADDRESS, 2950, f"Mon Récap, version v11, édition "
                          f"{EDITION}", "L2026-W50-01", "2026-W50", (100,) * 29 + (50,))]
    pdf = render_delivery_notes(notes, layout, fonts, ROOT, "L2026-W50-01")
    found = words(pdf)
    assert "Tilleuls" in [w.text for w in found]
    assert outside(found, lambda w: margins(*A4, 15 * MM)) == []
    lines = [line for line in text_lines(pdf) if line.startswith("Colis")]
    assert lines == ["Colis 1 à 29 sur 30 : 100 carnets dans chaque colis",
                     "Colis 30 sur 30 : 50 carnets"]


def test_summary_keeps_lots_in_their_column_and_chart_labels_on_the_page(tools) -> None:
    layout, fonts = tools
    jobs = tuple((f"L2026-W50-{n:02d}", EDITION, "1 250", "1 300", "325", "1 234,56 €")
                 for n in range(1, 5))
    summary = Summary("2026-W50", "v11", jobs,
                      ("4 tirages pour 38 commandes de 21 structures.",) * 2,
                      tuple((f"{n:02d} Département fictif", 3) for n in range(1, 30)),
                      (("Réunion d'information", 12), ("Bouche à oreille", 9),
                       ("Site internet", 4)))
    found = words(render_summary(summary, layout, fonts))
    assert outside(found, lambda w: margins(*A4, 14 * MM)) == []
    lots = [w for w in found if w.text.startswith("L2026-W50-")]
    assert len(lots) == 4
    assert outside(lots, lambda w: Frame(14 * MM, 0, 54 * MM, A4[1])) == []


def test_a_chart_label_too_long_for_the_summary_is_an_error(tools) -> None:
    layout, fonts = tools
    summary = Summary("2026-W50", "v11", (), (), (),
                      (("Réunion d'information collective des partenaires du département", 1),))
    with pytest.raises(RenderError) as caught:
        render_summary(summary, layout, fonts)
    assert str(caught.value).startswith(
        "summary: sources.Réunion d'information collective des partenaires du département: "
        "text does not fit its frame:")


def test_quoi_de_neuf_keeps_its_texts_on_the_sheet(tools) -> None:
    layout, fonts = tools
    carnet = load_version(ROOT, "v11")
    picto = ROOT / "pictograms" / "tabler" / "phone.svg"
    change = ("Les numéros de téléphone des structures qui accompagnent la personne sont "
              "imprimés plus grands, en 22 points, sur les fiches contact et au dos du carnet.")
    # A change seen on every section of a large-print carnet: the list of pages wraps.
    everywhere = (1, 2, 4, 9, 15, 21, 25, 29, 33, 35, 37, 41, 43, 45, 46, 47, 48)
    items = tuple(SheetItem(f"changelog -> {i} -> change", change, picto, (15, 16, 17),
                            "À voir pages 15, 16 et 17.") for i in range(9)) + (
        SheetItem("changelog -> 9 -> change", change, picto, everywhere,
                  page_label(everywhere)),)
    sheet = Sheet("v11", "Quoi de neuf dans la version 11", "Voici ce qui change dans le "
                  "carnet depuis la version 10, après vos retours sur le terrain.", items,
                  ("Merci pour vos retours.", "Dites-nous ce que vous en pensez par "
                   "téléphone au 01 99 00 42 42 ou par WhatsApp au 06 39 98 00 11."),
                  "Mon Récap, version 11, septembre 2026, feuille pour les testeurs du terrain")
    pdf, pages = render_whatsnew(sheet, layout, fonts, carnet)
    found = words(pdf)
    bleed = layout.bleed
    page = Frame(bleed + SHEET_SAFE, bleed + SHEET_SAFE, bleed + A4[0] - SHEET_SAFE,
                 bleed + A4[1] - SHEET_SAFE)
    assert pages == 2 and sum(w.text == "22" for w in found) == 10
    assert "48." in [w.text for w in found]
    assert outside(found, lambda w: page) == []
    # The changes and their pages stay in the text column, right of their pictograms: left
    # of it, only the title, the intro, the closing box and the page's foot.
    column = bleed + SHEET_SAFE + 12 * MM + 14
    left = {w.text for w in found if w.x0 < column - 0.5}
    others = " ".join((sheet.title, sheet.intro, *sheet.closing, sheet.colophon,
                       "page 1 sur 2")).split()
    assert left <= set(others), left - set(others)


def test_the_lint_chart_keeps_its_labels_on_the_page(tools) -> None:
    from monrecap.kit.charts import WIDTH, trend_chart

    _, fonts = tools
    versions = [f"v{n}" for n in range(1, 31)]
    pdf = trend_chart(versions, [n % 7 for n in range(30)], [n % 5 for n in range(30)],
                      [40 + n for n in range(30)], fonts, fmt="pdf")
    found = words(pdf)
    labels = [w for w in found if w.text.startswith("v") and w.text[1:].isdigit()]
    assert len(labels) == 2 * 30
    assert outside(found, lambda w: margins(640, 360, 4)) == []
    # Each version's label under its own bar: inside its category's slot of the plot.
    slot = WIDTH / 30
    assert outside(labels, lambda w: Frame(50 + (int(w.text[1:]) - 1) * slot, 0,
                                           50 + int(w.text[1:]) * slot, 360)) == []


def test_a_lint_chart_with_too_many_versions_is_an_error(tools) -> None:
    from monrecap.kit.charts import trend_chart

    _, fonts = tools
    versions = [f"v{n}-edition-longue" for n in range(1, 41)]
    with pytest.raises(RenderError) as caught:
        trend_chart(versions, [0] * 40, [0] * 40, [50] * 40, fonts, fmt="pdf")
    assert str(caught.value).startswith("lint chart: versions.v1-edition-longue: text does "
                                        "not fit its frame:")


def label_frames(sheet):
    """A word's frame: the text box (padding, printer margin) of the label under its centre,
    in poppler's coordinates (from the sheet's top-left corner)."""
    height = sheet.sheet[1]

    def frame_of(word):
        cx, cy = (word.x0 + word.x1) / 2, (word.y0 + word.y1) / 2
        for slot in range(sheet.per_sheet):
            x, y, w, h = sheet.rect(slot)
            if x <= cx <= x + w and height - y - h <= cy <= height - y:
                tx, ty, tw, th = sheet.text_box(slot)
                return Frame(tx, height - ty - th, tx + tw, height - ty)
        return []

    return frame_of


@pytest.fixture(scope="module", params=label_sheet_names(ROOT))
def label_sheet(request, tools):
    """Every sheet format of layouts/labels, a sheet and a half of the longest labels."""
    layout, fonts = tools
    sheet = load_label_sheet(ROOT, request.param)
    count = sheet.per_sheet * 3 // 2
    labels = [Label("C-00001", n, count, 10, POSTAL) for n in range(1, count + 1)]
    return sheet, count, words(render_labels(labels, sheet, layout, fonts, "L2026-W50-01"))


def test_every_label_sheet_keeps_each_word_inside_its_label(label_sheet) -> None:
    sheet, count, found = label_sheet
    assert {w.page for w in found} == {1, 2}
    assert sum(w.text == "Saint-Exemple-lès-Montfictif" for w in found) == count
    assert sum(w.text == "Maréchal-de-Lattre-Fictif" for w in found) == count
    assert outside(found, label_frames(sheet)) == []


def test_an_address_too_long_even_at_8_pt_names_the_label_and_the_line(tools) -> None:
    layout, fonts = tools
    sheet = load_label_sheet(ROOT, "a4-3x8-70x37")
    with pytest.raises(RenderError) as caught:
        render_labels([Label("C-00001", 2, 3, 10, ADDRESS)], sheet, layout, fonts,
                      "L2026-W50-01")
    assert str(caught.value) == (
        "labels L2026-W50-01: C-00001 parcel 2.address.3: text does not fit its frame: "
        "2 lines of 8 pt need 18 pt, room for 1")


def _chart(pdf: bytes) -> list[str]:
    """The summary's chart lines: between its heading and the next one."""
    lines = text_lines(pdf)
    start = lines.index("Comment les structures ont connu le carnet") + 1
    return lines[start:lines.index("Commandes par département")]


def test_the_summary_chart_names_channels_in_french_and_counts_whole_orders(tools) -> None:
    """The export's keys read as French (« Réseaux sociaux », not « reseau-social »), and the
    axis counts whole orders: one order is « 0 1 », never « 0 0.2 0.4 … 1 »."""
    layout, fonts = tools
    one = Summary("2026-W50", "v11", (), (), (("57", 1),), (("bouche-a-oreille", 1),))
    assert _chart(render_summary(one, layout, fonts)) == ["Bouche-à-oreille 1", "0 1"]
    many = Summary("2026-W50", "v11", (), (), (("57", 1),),
                   (("reseau-social", 12_500), ("departement", 7), ("site-web", 3),
                    ("inconnu", 1)))
    assert _chart(render_summary(many, layout, fonts)) == [
        "Réseaux sociaux 12 500", "Département 7", "Site web 3", "inconnu 1",
        "0 5 000 10 000 15 000"]
