"""A Run → the ESAT's documents (packing list, labels, delivery notes per job) and the team's
summary, their fixed sentences checked against the easy-to-read rules first."""

from __future__ import annotations

from pathlib import Path

from ..errors import ContentError, Problem
from ..fonts import FontSet
from ..labelsheet import LabelSheet
from ..layout import Layout
from ..lint.french import sentences, words
from ..render.production import DeliveryNote, Label, PackingLine, PackingList, decimal_comma
from ..render.production import labels as label_doc
from ..render.production import notes as note_doc
from ..render.production import packing
from ..render.production.summary import Summary, render_summary
from .plan import Job, OrderPlan, Run
from .record import totals

MAX_WORDS = 15            # easy-to-read: sentences of about 10–13 words
FORBIDDEN = "&§%()[]"     # no special characters, no parentheses


def easy_read_problems(texts: list[str], where: str) -> list[Problem]:
    """The easy-to-read rules that apply to a document's sentences: short sentences, no
    special characters or parentheses, numbers in digits (checked by the caller's data)."""
    problems = []
    for text in texts:
        for sentence in sentences(text):
            count = len(words(sentence))
            if count > MAX_WORDS:
                problems.append(Problem(where, sentence[:30], f"{count} words in one sentence; "
                                        f"easy-to-read sentences stay under {MAX_WORDS}"))
            bad = sorted({c for c in sentence if c in FORBIDDEN})
            if bad:
                problems.append(Problem(where, sentence[:30], "special characters "
                                        f"{' '.join(bad)}: write them out in words"))
    return problems


def check_documents(run: Run) -> None:
    """Lint the fixed sentences of the ESAT's documents (ContentError when one breaks a rule)."""
    problems = []
    for job in run.jobs:
        bundle = run.costs.packing.bundle
        parcel = run.costs.packing.parcel_copies
        problems += easy_read_problems(packing.instructions(bundle, parcel)
                                       + packing.headings(bundle), "packing list")
        for plan in job.orders[:1]:
            problems += easy_read_problems(note_doc.sentences(delivery_note(plan, job, run)),
                                           "delivery note")
    if problems:
        raise ContentError(sorted(set(problems), key=str))


def product(job: Job) -> str:
    return f"Mon Récap, version {job.version}" + (f", édition {job.edition}" if job.edition
                                                   else "")


def address(plan: OrderPlan) -> tuple[str, ...]:
    o = plan.order
    return tuple(line for line in (o.contact, o.structure, o.address, o.address_2,
                                   f"{o.postcode} {o.city}") if line)


def delivery_note(plan: OrderPlan, job: Job, run: Run) -> DeliveryNote:
    return DeliveryNote(plan.order.order_id, address(plan), plan.order.quantity, product(job),
                        job.lot, run.week, tuple(p.copies for p in plan.parcels))


def packing_list(job: Job, run: Run) -> PackingList:
    lines = tuple(PackingLine(p.order.order_id, p.bundles, p.loose, len(p.parcels),
                              decimal_comma(p.grams / 1000)) for p in job.orders)
    edition = f"édition {job.edition}" if job.edition else "édition de base"
    return PackingList(f"Lot {job.lot}, {edition}, "
                       f"semaine {run.week}", run.week, run.costs.packing.bundle,
                       run.costs.packing.parcel_copies, lines)


def labels(job: Job) -> list[Label]:
    return [Label(p.order.order_id, parcel.number, parcel.of, parcel.copies, address(p))
            for p in job.orders for parcel in p.parcels]


def ticket_rows(job: Job, run: Run) -> list[tuple[str, str]]:
    """The job ticket for the print shop, as in a release, with the run's real lot."""
    return [("Produit", product(job)), ("Lot d'impression", job.lot),
            ("Semaine", run.week), ("Pages", str(job.press.pages)),
            ("Profil", job.profile), ("Poses par face", str(job.press.copies_per_sheet)),
            ("Feuilles par jeu", str(job.press.sheets_per_copy)),
            ("Exemplaires commandés", str(job.copies_ordered)),
            ("Exemplaires à imprimer", str(job.copies_to_print)),
            ("Feuilles à passer", str(job.press_sheets)), ("Papier", job.paper or "—"),
            ("Grammage", f"{run.costs.paper_gsm} g/m²"),
            ("Poids d'un carnet", f"{job.grams_per_copy} g")]


def job_documents(job: Job, run: Run, layout: Layout, fonts: FontSet, sheet: LabelSheet,
                  root: Path) -> dict[str, bytes]:
    """File name → bytes for one job's documents: the print shop's ticket, then the ESAT's
    packing list, labels and delivery notes."""
    from ..render.ticket import render_ticket

    return {
        "ticket.pdf": render_ticket(ticket_rows(job, run), f"Fiche de fabrication — {job.lot}",
                                    fonts),
        "packing-list.pdf": packing.render_packing_list(packing_list(job, run), layout, fonts,
                                                        root),
        "labels.pdf": label_doc.render_labels(labels(job), sheet, layout, fonts, job.lot),
        "delivery-notes.pdf": note_doc.render_delivery_notes(
            [delivery_note(p, job, run) for p in job.orders], layout, fonts, root, job.lot),
    }


def summary_pdf(run: Run, layout: Layout, fonts: FontSet) -> bytes:
    t = totals(run)
    jobs = tuple((j.lot, j.edition or "de base", str(j.copies_ordered), str(j.copies_to_print),
                  str(j.press_sheets), f"{j.cost:.2f} €".replace(".", ",")) for j in run.jobs)
    money = {k: v.replace(".", ",") for k, v in t["costs"].items() if k != "note"}
    free = decimal_comma(t["share_free_percent"])
    facts = (
        f"{t['orders']} commandes, {t['copies_ordered']} carnets commandés, "
        f"{t['copies_to_print']} imprimés sur {t['press_sheets']} feuilles, "
        f"{t['parcels']} colis.",
        f"Offre découverte : {t['copies_free']} carnets, soit {free} pour cent. "
        f"Offre cofinancée : {t['copies_cofinanced']} carnets.",
        f"Coût total : {money['total']} euros, dont {money['programme']} pour le programme "
        f"et {money['structures']} pour les structures.",
        f"Bouche-à-oreille : {decimal_comma(t['word_of_mouth_percent'])} pour cent des commandes.",
        f"Les coûts viennent de costs.yaml : {run.costs.note or 'voir ce fichier'}.",
    )
    return render_summary(Summary(run.week, run.version, jobs, facts,
                                  tuple(t["orders_by_territory"].items()),
                                  tuple(t["orders_by_source"].items())), layout, fonts)
