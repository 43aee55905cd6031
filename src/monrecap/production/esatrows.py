"""The rows the ESAT's documents are drawn from: production hands the drawing plain typed
rows, and the drawing knows nothing of orders."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PackingLine:
    order_id: str
    bundles: int
    loose: int
    parcels: int
    kg: str            # « 3,4 »


@dataclass(frozen=True)
class PackingList:
    title: str         # « Lot L2026-W50-01, édition val-fictif »
    week: str
    bundle: int        # carnets per bundle
    parcel: int        # carnets per full parcel
    lines: tuple[PackingLine, ...]


@dataclass(frozen=True)
class Label:
    order_id: str
    parcel: int
    of: int
    copies: int
    address: tuple[str, ...]   # contact, structure, street lines, « 57100 Montfictif »


@dataclass(frozen=True)
class DeliveryNote:
    order_id: str
    address: tuple[str, ...]
    copies: int
    product: str       # « Mon Récap, version v11, édition val-fictif »
    lot: str
    week: str
    parcels: tuple[int, ...]   # copies in each parcel
