"""Validated orders → a Run: one print job per edition with its lot, overs, press sheets and
costs, and each order's bundles, parcels and share of the costs. Pure arithmetic, no PDF."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from monrecap.errors import UsageError
from monrecap.production.costs import Costs, cents
from monrecap.production.orders import Order, OrderBook

WEEK = re.compile(r"^(\d{4})-[Ww](0[1-9]|[1-4][0-9]|5[0-3])$")
STAPLES_G = 1  # two staples per carnet, rounded up


@dataclass(frozen=True)
class Press:
    """What the imposition plan says about one edition on the production profile."""

    pages: int
    copies_per_sheet: int    # copies of the carnet per press sheet
    sheets_per_copy: int     # press sheets a set of copies needs
    trim_mm: tuple[float, float]


@dataclass(frozen=True)
class Parcel:
    number: int              # 1-based, « 2 sur 3 »
    of: int
    copies: int
    bundles: int
    loose: int
    grams: int


@dataclass(frozen=True)
class OrderPlan:
    """One order in its job: how it is packed and what it costs, and who pays."""

    order: Order
    lot: str
    parcels: tuple[Parcel, ...]
    printing: Decimal
    packing: Decimal
    shipping: Decimal

    @property
    def total(self) -> Decimal:
        return self.printing + self.packing + self.shipping

    @property
    def grams(self) -> int:
        return sum(p.grams for p in self.parcels)

    @property
    def bundles(self) -> int:
        return sum(p.bundles for p in self.parcels)

    @property
    def loose(self) -> int:
        return sum(p.loose for p in self.parcels)


@dataclass(frozen=True)
class Job:
    """One edition printed as one lot."""

    lot: str
    version: str
    edition: str | None
    profile: str
    press: Press
    paper: str
    copies_ordered: int
    copies_to_print: int
    press_sheets: int
    grams_per_copy: int
    paper_cost: Decimal
    printing_cost: Decimal
    finishing_cost: Decimal
    orders: tuple[OrderPlan, ...]

    @property
    def name(self) -> str:
        return f"{self.lot}-{self.edition or 'base'}"

    @property
    def cost(self) -> Decimal:
        return self.paper_cost + self.printing_cost + self.finishing_cost

    @property
    def cost_per_copy(self) -> Decimal:
        """The job's cost spread over the copies ordered (the overs are part of the cost)."""
        return self.cost / self.copies_ordered


@dataclass(frozen=True)
class Run:
    """A production week; ``skipped``: orders of the export a committed week already
    produced (production.produced.Skipped); ``warnings``: what the planner should read."""

    week: str
    version: str
    book: OrderBook
    orders_sha256: str
    costs: Costs
    jobs: tuple[Job, ...]
    skipped: tuple = ()
    warnings: tuple[str, ...] = ()


def check_week(week: str) -> str:
    """An ISO week like 2026-W50 that exists: only some years have a week 53.

    >>> check_week("2026-W50"), check_week("2026-w53")
    ('2026-W50', '2026-W53')
    >>> check_week("2027-W53")
    Traceback (most recent call last):
    ...
    monrecap.errors.UsageError: --week: « 2027-W53 » does not exist: 2027 has 52 ISO weeks
    """
    m = WEEK.match(week.strip())
    if not m:
        raise UsageError(f"--week: « {week} » is not an ISO week like 2026-W50")
    year, number = int(m.group(1)), int(m.group(2))
    weeks = dt.date(year, 12, 28).isocalendar()[1]  # 28 December is always in the last week
    if number > weeks:
        raise UsageError(f"--week: « {week} » does not exist: {year} has {weeks} ISO weeks")
    return f"{year}-W{number:02d}"


def _grams(trim_mm: tuple[float, float], pages: int, gsm: float) -> int:
    """A carnet's paper, in whole grams rounded up, computed exactly: 48 leaves of 100 × 125
    mm on 115 g/m² are 69 g, not the 69.00000000000001 of floating point (one gram more
    can put a parcel in the next postage band).

    >>> _grams((100, 125), 96, 115), _grams((122, 159), 52, 115)
    (69, 59)
    """
    exact = Fraction(str(trim_mm[0])) * Fraction(str(trim_mm[1])) * pages * Fraction(str(gsm))
    return math.ceil(exact / 2_000_000)


def default_week(book: OrderBook) -> str:
    """The ISO week after the newest order."""
    year, week, _ = (max(o.date for o in book.orders) + dt.timedelta(weeks=1)).isocalendar()
    return f"{year}-W{week:02d}"


def pack(quantity: int, costs: Costs, grams_per_copy: int) -> tuple[Parcel, ...]:
    """Full parcels of ``parcel_copies``, the rest in the last one; bundles of ``bundle`` in
    each (a rule the packer can follow without a table)."""
    rule = costs.packing
    count = math.ceil(quantity / rule.parcel_copies)
    parcels = []
    for i in range(count):
        copies = min(rule.parcel_copies, quantity - i * rule.parcel_copies)
        parcels.append(Parcel(i + 1, count, copies, copies // rule.bundle, copies % rule.bundle,
                              copies * grams_per_copy + rule.parcel_tare_g))
    return tuple(parcels)


def plan_run(book: OrderBook, version: str, week: str, costs: Costs,
             press: dict[str | None, Press], lots: dict[str | None, str], paper: str,
             orders_sha256: str, skipped: tuple = (), warnings: tuple[str, ...] = ()) -> Run:
    """Group the orders by edition into jobs and cost them.

    ``press`` gives each edition's imposition facts, ``lots`` each edition's lot number.
    """
    by_edition: dict[str | None, list[Order]] = {}
    for order in book.orders:
        by_edition.setdefault(order.edition, []).append(order)
    jobs = []
    for edition in sorted(by_edition, key=lambda e: (e is not None, e or "")):
        orders = by_edition[edition]
        facts = press[edition]
        ordered = sum(o.quantity for o in orders)
        to_print = costs.copies_to_print(ordered)
        sheets = (math.ceil(to_print / facts.copies_per_sheet) * facts.sheets_per_copy
                  + costs.overs.make_ready_sheets)
        grams = _grams(facts.trim_mm, facts.pages, costs.paper_gsm) + STAPLES_G
        paper_cost = cents(sheets * costs.paper_per_sheet)
        printing_cost = cents(sheets * 2 * costs.printing_per_side)
        finishing_cost = cents(to_print * costs.finishing_per_copy)
        per_copy = (paper_cost + printing_cost + finishing_cost) / ordered
        lot = lots[edition]
        plans = []
        for order in orders:
            parcels = pack(order.quantity, costs, grams)
            plans.append(OrderPlan(
                order, lot, parcels, cents(per_copy * order.quantity),
                cents(costs.packing.per_parcel * len(parcels)),
                cents(sum((costs.shipping_price(p.grams, f"{book.file}:{order.line}")
                           for p in parcels), Decimal(0)))))
        jobs.append(Job(lot, version, edition, costs.profile, facts, paper, ordered, to_print,
                        sheets, grams, paper_cost, printing_cost, finishing_cost,
                        tuple(plans)))
    return Run(week, version, book, orders_sha256, costs, tuple(jobs), skipped, warnings)


def payers(plan: OrderPlan, costs: Costs) -> tuple[Decimal, Decimal]:
    """(programme, structure): a free order is all the programme's; a co-financed one puts
    the items of ``structure_pays`` on the structure."""
    if plan.order.offer != "cofinance":
        return plan.total, Decimal(0)
    parts = {"printing": plan.printing, "packing": plan.packing, "shipping": plan.shipping}
    structure = sum((parts[k] for k in costs.structure_pays), Decimal(0))
    return plan.total - structure, structure


def press_facts(root: Path, version: str, editions: list[str | None], profile_name: str
                ) -> dict[str | None, Press]:
    """Page count (by laying the carnet out, without writing it) and imposition facts for
    each edition on the production profile."""
    from monrecap.build import load_for_build
    from monrecap.fonts import load_fontset
    from monrecap.impose import load_profile, plan_imposition
    from monrecap.pages import render_carnet
    from monrecap.units import to_mm

    profile = load_profile(root, profile_name)
    out = {}
    for edition in editions:
        carnet, layout = load_for_build(root, version, None, edition)
        pages = len(render_carnet(carnet, layout,
                                  load_fontset(layout.fonts.regular, layout.fonts.bold)).pages)
        plan = plan_imposition(pages, layout.trim, layout.bleed,
                               profile.model_copy(update={"safe": layout.safe}))
        copies = max(len(side.cells) for sheet in plan.sheets for side in sheet.sides)
        out[edition] = Press(pages, copies, len(plan.sheets),
                             (round(to_mm(layout.trim[0])), round(to_mm(layout.trim[1]))))
    return out
