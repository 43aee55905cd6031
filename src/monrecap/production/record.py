"""A Run as data: run.json and the ledger entry — lots, jobs, order ids and quantities, costs,
checksums. No personal data: no contact, address or phone number ever goes in here."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import PurePath

from monrecap import __version__
from monrecap.production.runplan import Job, Run, payers


def money(value: Decimal) -> str:
    return f"{value:.2f}"


def totals(run: Run) -> dict:
    """Copies, sheets and costs of the week, and the shares the team watches."""
    plans = [p for job in run.jobs for p in job.orders]
    programme = structure = Decimal(0)
    for plan in plans:
        a, b = payers(plan, run.costs)
        programme, structure = programme + a, structure + b
    copies = sum(p.order.quantity for p in plans)
    free = sum(p.order.quantity for p in plans if p.order.offer == "decouverte")
    sources = Counter(p.order.source for p in plans)
    return {
        "orders": len(plans),
        "copies_ordered": copies,
        "copies_to_print": sum(j.copies_to_print for j in run.jobs),
        "press_sheets": sum(j.press_sheets for j in run.jobs),
        "parcels": sum(len(p.parcels) for p in plans),
        "copies_free": free,
        "copies_cofinanced": copies - free,
        "share_free_percent": round(100 * free / copies, 1) if copies else 0.0,
        "orders_by_territory": dict(sorted(Counter(p.order.territory for p in plans).items())),
        "orders_by_source": dict(sorted(sources.items(), key=lambda kv: (-kv[1], kv[0]))),
        "word_of_mouth_percent": round(100 * sources["bouche-a-oreille"] / len(plans), 1)
        if plans else 0.0,
        "costs": {"total": money(sum((p.total for p in plans), Decimal(0))),
                  "programme": money(programme), "structures": money(structure),
                  "currency": "EUR", "note": run.costs.note},
    }


def job_record(job: Job, run: Run, files: dict[str, str] | None = None,
               detail: bool = True) -> dict:
    """One job; ``detail`` adds each order's packing and costs (run.json)."""
    record = {
        "lot": job.lot, "edition": job.edition, "profile": job.profile,
        "pages": job.press.pages, "copies_ordered": job.copies_ordered,
        "copies_to_print": job.copies_to_print,
        "overs": job.copies_to_print - job.copies_ordered,
        "copies_per_sheet": job.press.copies_per_sheet,
        "sheets_per_copy": job.press.sheets_per_copy, "press_sheets": job.press_sheets,
        "paper": job.paper, "paper_gsm": run.costs.paper_gsm,
        "grams_per_copy": job.grams_per_copy,
        "costs": {"paper": money(job.paper_cost), "printing": money(job.printing_cost),
                  "finishing": money(job.finishing_cost), "total": money(job.cost),
                  "per_copy": money(job.cost_per_copy.quantize(Decimal("0.0001")))},
    }
    orders = []
    for plan in job.orders:
        entry = {"id": plan.order.order_id, "structure": plan.order.structure,
                 "territory": plan.order.territory, "quantity": plan.order.quantity,
                 "offer": plan.order.offer,
                 "source": plan.order.source}  # how they heard (word of mouth): `impact`
        if detail:
            programme, structure = payers(plan, run.costs)
            entry.update({"source": plan.order.source, "parcels": len(plan.parcels),
                          "bundles": plan.bundles, "loose": plan.loose, "grams": plan.grams,
                          "costs": {"printing": money(plan.printing),
                                    "packing": money(plan.packing),
                                    "shipping": money(plan.shipping),
                                    "programme": money(programme),
                                    "structure": money(structure)}})
        orders.append(entry)
    record["orders"] = orders
    if files is not None:
        record["files"] = files
    return record


def run_record(run: Run, files: dict[str, dict[str, str]] | None = None,
               detail: bool = True) -> dict:
    """run.json (``detail``) or the ledger entry."""
    files = files or {}
    return {
        "schema_version": 1,
        "week": run.week,
        "version": run.version,
        "planned_with": f"monrecap {__version__}",
        "orders": {"file": PurePath(run.book.file).name, "sha256": run.orders_sha256,
                   "encoding": run.book.encoding, "delimiter": run.book.delimiter,
                   **({"already_produced": [{"id": s.order_id, "week": s.week, "lot": s.lot}
                                            for s in run.skipped]} if run.skipped else {})},
        **({"totals": totals(run)} if detail else
           {"costs": totals(run)["costs"]}),
        "jobs": [job_record(job, run, files.get(job.name), detail) for job in run.jobs],
    }
