"""What an export must not do to the ledger: produce an order twice. And the quantities that
deserve a second look (above the limit of `costs.yaml`)."""

from __future__ import annotations

from dataclasses import dataclass

from monrecap.errors import Problem, UsageError
from monrecap.plural import count
from monrecap.production.costs import Costs
from monrecap.production.ledger import Produced
from monrecap.production.orders import Order, OrderBook

SHOWN = 6  # order ids listed in one warning line


@dataclass(frozen=True)
class Skipped:
    """An order of the export that the ledger already holds, left out of the plan."""

    order_id: str
    line: int
    week: str
    lot: str


def _same(order: Order, prior: Produced) -> bool:
    """The same order again: same structure, edition and quantity."""
    return (order.quantity == prior.order.quantity and order.edition == prior.edition
            and " ".join(order.structure.casefold().split())
            == " ".join(prior.order.structure.casefold().split()))


def _ids(ids: list[str]) -> str:
    """« C-1, C-2 » or « C-1, …, C-6 and 14 more »."""
    shown = ", ".join(ids[:SHOWN])
    return shown + (f" and {len(ids) - SHOWN} more" if len(ids) > SHOWN else "")


def drop_produced(book: OrderBook, produced: dict[str, Produced]
                  ) -> tuple[OrderBook, tuple[Skipped, ...], list[str]]:
    """The export without the orders a committed week already produced, what was left out,
    and one warning per week and lot. UsageError naming the week and the lot when an id the
    ledger holds now names another order (every such row at once), or when nothing is
    left to plan."""
    kept: list[Order] = []
    skipped: list[Skipped] = []
    problems: list[Problem] = []
    for order in book.orders:
        prior = produced.get(order.order_id)
        if prior is None:
            kept.append(order)
        elif _same(order, prior):
            skipped.append(Skipped(order.order_id, order.line, prior.week, prior.lot))
        else:
            problems.append(Problem(
                f"{book.file}:{order.line}", book.column("order_id"),
                f"« {order.order_id} » was already produced in week {prior.week}, lot "
                f"{prior.lot} ({prior.file}): {count(prior.order.quantity, 'carnet')} for "
                f"{prior.order.structure or 'a structure'}; this row orders "
                f"{count(order.quantity, 'carnet')} for {order.structure}. An order id names "
                "one order: give this order a new id"))
    if problems:
        raise UsageError(problems)
    groups: dict[tuple[str, str], list[str]] = {}
    for s in skipped:
        groups.setdefault((s.week, s.lot), []).append(s.order_id)
    if skipped and not kept:
        where = "; ".join(f"{count(len(ids), 'order', lang='en')} in week {week}, lot {lot}"
                          for (week, lot), ids in sorted(groups.items()))
        raise UsageError([Problem(book.file, "", f"every order of this export was already "
                                  f"produced ({where}): nothing to plan")])
    warnings = [f"{book.file}: {count(len(ids), 'order', lang='en')} already produced in week "
                f"{week}, lot {lot}, left out: {_ids(ids)}"
                for (week, lot), ids in sorted(groups.items())]
    return book.replace_orders(tuple(kept)), tuple(skipped), warnings


def quantity_warnings(book: OrderBook, costs: Costs) -> list[str]:
    """One warning per order above ``limits -> quantity`` of costs.yaml: planned as written,
    but a typo of one zero costs a press run."""
    limit = costs.limits.quantity
    return [f"{book.file}:{o.line}: {book.column('quantity')}: {count(o.quantity, 'carnet')} "
            f"ordered, above the limit of {limit} set in costs.yaml (limits -> quantity): "
            "planned as written, check it with the structure"
            for o in book.orders if o.quantity > limit]

