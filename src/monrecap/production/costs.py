"""costs.yaml → Costs: overs, prices per sheet, side, copy and parcel, shipping by weight.

The figures in the repository's costs.yaml are examples (real prices are not public). Money is
kept as Decimal and rounded to the cent once, so the same plan gives the same figures.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Literal

from pydantic import Field, PositiveInt, model_validator

from monrecap.errors import ContentError, Problem
from monrecap.layout import Strict
from monrecap.source import MDict, load_yaml, validate

CENT = Decimal("0.01")


def cents(value: Decimal) -> Decimal:
    """Round to the cent, half up (as an invoice does).

    >>> cents(Decimal("1.005"))
    Decimal('1.01')
    """
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


class Overs(Strict):
    """Copies printed beyond the order, for spoilage."""

    percent: Decimal = Field(ge=0, le=50)
    make_ready_sheets: int = Field(ge=0)


class Packing(Strict):
    bundle: PositiveInt = Field(description="carnets per shrink-wrapped bundle")
    parcel_copies: PositiveInt = Field(description="carnets per parcel at most")
    parcel_tare_g: int = Field(ge=0)
    per_parcel: Decimal = Field(ge=0)


class Band(Strict):
    up_to_kg: Decimal = Field(gt=0)
    price: Decimal = Field(ge=0)


#: The hard limit of an order, as a multiple of the warning's, when costs.yaml sets none.
HARD_FACTOR = 10


class Limits(Strict):
    """Figures past which the plan warns (``quantity``: planned as written, but worth a
    second look) and refuses (``max_quantity``: bounded work whatever the export says)."""

    quantity: PositiveInt = Field(5000, description="carnets in one order")
    max_quantity: PositiveInt | None = Field(
        None, description="carnets in one order past which the order is refused (default: "
                          f"{HARD_FACTOR} × quantity)")

    @model_validator(mode="after")
    def _hard_above_warning(self) -> "Limits":
        if self.max_quantity is not None and self.max_quantity < self.quantity:
            raise ValueError(f"max_quantity ({self.max_quantity}) is below quantity "
                             f"({self.quantity}): the refusal comes after the warning")
        return self

    @property
    def hard_quantity(self) -> tuple[int, str]:
        """Carnets in one order past which the order is refused, and where that comes from."""
        if self.max_quantity is not None:
            return self.max_quantity, "limits -> max_quantity in costs.yaml"
        return HARD_FACTOR * self.quantity, (f"{HARD_FACTOR} × limits -> quantity in "
                                             "costs.yaml; limits -> max_quantity changes it")


class Costs(Strict):
    """What a production week costs, per unit."""

    note: str = ""
    profile: str
    paper_gsm: PositiveInt
    overs: Overs
    paper_per_sheet: Decimal = Field(ge=0)
    printing_per_side: Decimal = Field(ge=0)
    finishing_per_copy: Decimal = Field(ge=0)
    packing: Packing
    shipping: list[Band] = Field(min_length=1)
    structure_pays: list[Literal["printing", "packing", "shipping"]] = ["printing"]
    limits: Limits = Limits()

    def copies_to_print(self, ordered: int) -> int:
        """Ordered copies plus the overs percentage, rounded up."""
        return math.ceil(ordered * (1 + self.overs.percent / 100))

    def shipping_price(self, grams: int, where: str = "") -> Decimal:
        """The price of the first weight band that takes ``grams``."""
        for band in sorted(self.shipping, key=lambda b: b.up_to_kg):
            if grams <= band.up_to_kg * 1000:
                return band.price
        raise ContentError([Problem(where or "costs.yaml", "shipping",
                                    f"no weight band takes a parcel of {grams / 1000:.1f} kg; "
                                    "lower packing -> parcel_copies or add a band")])


def load_costs(root: Path) -> Costs:
    """Read and validate ``costs.yaml`` at the repository's root."""
    path = root / "costs.yaml"
    if not path.is_file():
        raise ContentError([Problem("costs.yaml", "", "not found: the plan needs the costs "
                                    "file at the repository's root")])
    data = load_yaml(path, "costs.yaml")
    if not isinstance(data, MDict):
        raise ContentError([Problem("costs.yaml", "", "must be a mapping of keys to values")])
    return validate(Costs, data)
