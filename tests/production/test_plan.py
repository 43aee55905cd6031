"""Planning arithmetic, checked by hand on small cases (no PDF is built)."""

from __future__ import annotations

from decimal import Decimal

import pypdfium2 as pdfium
import pytest

from conftest import ROOT
from monrecap.build import load_for_build
from monrecap.errors import ContentError, UsageError
from monrecap.fonts import load_fontset
from monrecap.production.costs import load_costs
from monrecap.production.orders import load_orders
from monrecap.production.runplan import (Press, check_week, default_week, pack, payers,
                                         plan_run, press_facts)
from monrecap.pages import render_carnet

HEADER = ("order_id,date,structure,structure_type,territory,edition,quantity,offer,quote,"
          "address,address_2,postcode,city,contact,phone,source")


def order(oid: str, quantity: int, offer: str = "decouverte", quote: str = "") -> str:
    return (f"{oid},2026-11-03,Association Exemple,association,57,,{quantity},{offer},{quote},"
            "1 rue de l'Exemple,Adresse d'exemple,57100,Fictiville,Camille Essai,"
            "01 99 00 00 01,bouche-a-oreille")


@pytest.fixture(scope="module")
def costs():
    return load_costs(ROOT)


def test_parcels_are_filled_full_and_bundled(costs):
    parcels = pack(250, costs, 30)
    assert [(p.number, p.of, p.copies, p.bundles, p.loose) for p in parcels] == \
        [(1, 3, 100, 10, 0), (2, 3, 100, 10, 0), (3, 3, 50, 5, 0)]
    assert parcels[0].grams == 100 * 30 + 180
    assert [(p.copies, p.bundles, p.loose) for p in pack(7, costs, 30)] == [(7, 0, 7)]


def test_a_job_and_its_orders_are_costed(tmp_path, costs):
    path = tmp_path / "orders.csv"
    path.write_text("\n".join([HEADER, order("A", 250), order("B", 30, "cofinance", "D-1")]),
                    encoding="utf-8")
    book = load_orders(path, [])
    press = {None: Press(pages=32, copies_per_sheet=4, sheets_per_copy=8, trim_mm=(105, 148))}
    run = plan_run(book, "v11", "2026-W50", costs, press, {None: "L2026-W50-01"}, "papier",
                   "0" * 64)
    (job,) = run.jobs
    assert (job.copies_ordered, job.copies_to_print) == (280, 289)       # 280 × 1.03 → 289
    assert job.press_sheets == 73 * 8 + 20                              # ⌈289 / 4⌉ sets
    assert job.grams_per_copy == 30                           # 16 A6 leaves, 115 g/m², staples
    assert job.paper_cost == Decimal("27.18")                           # 604 × 0.045
    assert job.printing_cost == Decimal("72.48")                        # 604 × 2 × 0.06
    assert job.finishing_cost == Decimal("23.12")                       # 289 × 0.08
    assert job.cost == Decimal("122.78")                                # the three together
    assert job.cost_per_copy == Decimal("0.4385")                       # 122.78 / 280 ordered
    a, b = job.orders
    # 2 parcels of 3.18 kg (up to 5 kg) and one of 1.68 kg (up to 2 kg)
    assert len(a.parcels) == 3 and str(a.shipping) == "34.00"
    assert a.packing == Decimal("3.60")                                 # 3 parcels × 1.20
    assert b.parcels[0].grams == 30 * 30 + 180 and b.shipping == Decimal("9.20")  # 1.08 kg
    assert b.printing == Decimal("13.16")                               # 30 × 122.78 / 280
    programme, structure = payers(b, costs)
    assert structure == b.printing + b.shipping and programme == b.packing == Decimal("1.20")
    assert payers(a, costs) == (a.total, Decimal(0))


def test_the_press_facts_of_v11_on_the_workshops_profile(costs):
    """v11 laid out (32 pages) and imposed on SRA3: 4 copies side by side, 8 sheets a copy,
    an A6 trim, width first."""
    assert press_facts(ROOT, "v11", [None], costs.profile) == {
        None: Press(pages=32, copies_per_sheet=4, sheets_per_copy=8, trim_mm=(105, 148))}


def test_a_carnets_weight_is_rounded_up_only_when_it_is_not_whole(tmp_path, costs):
    """16 leaves of 100 × 125 mm on 115 g/m² paper weigh 23 g exactly (+ 1 g of staples): the
    weight is not rounded up to 24 g by the last bit of a float."""
    path = tmp_path / "orders.csv"
    path.write_text("\n".join([HEADER, order("A", 10)]), encoding="utf-8")
    press = {None: Press(pages=32, copies_per_sheet=4, sheets_per_copy=8, trim_mm=(100, 125))}
    run = plan_run(load_orders(path, []), "v11", "2026-W50", costs, press,
                   {None: "L2026-W50-01"}, "papier", "0" * 64)
    assert [job.grams_per_copy for job in run.jobs] == [24]


def test_a_carnets_weight_a_hair_over_a_whole_gram_is_rounded_up(tmp_path, costs):
    """26 leaves of 122 × 159 mm on 115 g/m² paper weigh 58.00002 g: 59 g (+ 1 g of staples),
    however little is over; a parcel's weight band depends on it."""
    assert costs.paper_gsm == 115
    path = tmp_path / "orders.csv"
    path.write_text("\n".join([HEADER, order("A", 10)]), encoding="utf-8")
    press = {None: Press(pages=52, copies_per_sheet=2, sheets_per_copy=13, trim_mm=(122, 159))}
    run = plan_run(load_orders(path, []), "v11", "2026-W50", costs, press,
                   {None: "L2026-W50-01"}, "papier", "0" * 64)
    assert [job.grams_per_copy for job in run.jobs] == [60]


def test_a_carnet_of_exactly_whole_grams_is_not_rounded_up(tmp_path, costs):
    """48 leaves of 100 × 125 mm on 115 g/m² weigh exactly 69 g: 70 g with the staples, not
    71 (in floating point the paper is 69.00000000000001 g)."""
    path = tmp_path / "orders.csv"
    path.write_text("\n".join([HEADER, order("A", 10)]), encoding="utf-8")
    press = {None: Press(pages=96, copies_per_sheet=2, sheets_per_copy=24, trim_mm=(100, 125))}
    run = plan_run(load_orders(path, []), "v11", "2026-W50", costs, press,
                   {None: "L2026-W50-01"}, "papier", "0" * 64)
    assert [job.grams_per_copy for job in run.jobs] == [70]


def test_a_parcel_heavier_than_every_band_is_an_error(costs):
    with pytest.raises(ContentError) as caught:
        costs.shipping_price(31_000, "orders.csv:4")
    assert str(caught.value) == ("orders.csv:4: shipping: no weight band takes a parcel of "
                                 "31.0 kg; lower packing -> parcel_copies or add a band")


def test_without_a_lot_the_box_stays_empty():
    carnet, layout = load_for_build(ROOT, "v11")
    fonts = load_fontset(layout.fonts.regular, layout.fonts.bold)
    for lot, expected in ((None, "Lot d'impression :"), ("L2026-W50-07",
                                                        "Lot d'impression : L2026-W50-07")):
        pdf = render_carnet(carnet, layout, fonts, lot=lot).pdf
        doc = pdfium.PdfDocument(pdf)
        text = doc[len(doc) - 1].get_textpage().get_text_range()
        line = next(l for l in text.splitlines() if l.startswith("Lot d"))
        assert " ".join(line.replace("\u00a0", " ").replace("\u202f", " ").split()) == expected


def _book(tmp_path, dates: list[str]):
    rows = [order(f"O{k}", 10).replace("2026-11-03", date) for k, date in enumerate(dates)]
    path = tmp_path / "orders.csv"
    path.write_text("\n".join([HEADER, *rows]), encoding="utf-8")
    return load_orders(path, [])


@pytest.mark.parametrize("dates,week", [
    (["2026-11-03"], "2026-W46"),                             # a Tuesday of W45
    (["2026-11-03", "2026-11-20", "2026-11-09"], "2026-W48"),  # after the newest, not the last
    (["2026-12-24"], "2026-W53"),                             # 2026 has a week 53
    (["2026-12-28"], "2027-W01"),                             # the ISO year, not the calendar's
    (["2027-12-27"], "2028-W01"),
])
def test_without_week_the_plan_takes_the_week_after_the_newest_order(tmp_path, dates, week):
    assert default_week(_book(tmp_path, dates)) == week


@pytest.mark.parametrize("given,week", [
    ("2026-W50", "2026-W50"), (" 2026-w05\n", "2026-W05"), ("2026-W53", "2026-W53"),
    ("2020-W53", "2020-W53"), ("2025-W52", "2025-W52"), ("2027-W52", "2027-W52"),
    ("2026-W01", "2026-W01"),
])
def test_an_iso_week_is_written_as_the_ledger_writes_it(given, week):
    assert check_week(given) == week


@pytest.mark.parametrize("given,message", [
    ("2027-W53", "--week: « 2027-W53 » does not exist: 2027 has 52 ISO weeks"),
    ("2025-W53", "--week: « 2025-W53 » does not exist: 2025 has 52 ISO weeks"),
    ("2026-W54", "--week: « 2026-W54 » is not an ISO week like 2026-W50"),
    ("2026-W00", "--week: « 2026-W00 » is not an ISO week like 2026-W50"),
    ("2026-50", "--week: « 2026-50 » is not an ISO week like 2026-W50"),
    ("W50", "--week: « W50 » is not an ISO week like 2026-W50"),
])
def test_a_week_that_does_not_exist_is_refused(given, message):
    with pytest.raises(UsageError) as caught:
        check_week(given)
    assert str(caught.value) == message
