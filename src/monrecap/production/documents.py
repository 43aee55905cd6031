"""A Run → the ESAT's documents (packing list, labels, delivery notes per job) and the team's
summary, their fixed sentences checked against the easy-to-read rules first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from monrecap.errors import ContentError, Problem, RenderError
from monrecap.fonts import FontSet
from monrecap.kit.document import DocumentError, decimal_comma
from monrecap.layout import Layout
from monrecap.lint.french import sentences, words
from monrecap.plural import count
from monrecap.production import deliverynotes as note_doc
from monrecap.production import labels as label_doc
from monrecap.production import packing
from monrecap.production.esatrows import DeliveryNote, Label, PackingLine, PackingList
from monrecap.production.labelsheet import LabelSheet
from monrecap.production.orders import address_lines
from monrecap.production.record import totals
from monrecap.production.runplan import Job, OrderPlan, Run
from monrecap.production.summary import Summary, render_summary

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


def address_fields(plan: OrderPlan) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The address as printed, each line with the order columns it comes from."""
    return address_lines(plan.order)


def address(plan: OrderPlan) -> tuple[str, ...]:
    return tuple(line for line, _ in address_fields(plan))


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
                  root: Path) -> dict[str, Callable[[], bytes]]:
    """File name → how to draw it, for one job's documents: the print shop's ticket, then
    the ESAT's packing list, labels and delivery notes."""
    from monrecap.release.ticket import render_ticket

    return {
        "ticket.pdf": lambda: render_ticket(ticket_rows(job, run),
                                            f"Fiche de fabrication — {job.lot}", fonts),
        "packing-list.pdf": lambda: packing.render_packing_list(packing_list(job, run), layout,
                                                                fonts, root),
        "labels.pdf": lambda: label_doc.render_labels(labels(job), sheet, layout, fonts,
                                                      job.lot),
        "delivery-notes.pdf": lambda: note_doc.render_delivery_notes(
            [delivery_note(p, job, run) for p in job.orders], layout, fonts, root, job.lot),
    }


def summary_facts(t: dict) -> tuple[str, str]:
    """The first two sentences of the summary, their counts agreeing with their nouns."""
    free = decimal_comma(t["share_free_percent"])
    return (f"{count(t['orders'], 'commande')}, "
            f"{count(t['copies_ordered'], 'carnet commandé')}, "
            f"{count(t['copies_to_print'], 'imprimé')} sur "
            f"{count(t['press_sheets'], 'feuille')}, {count(t['parcels'], 'colis')}.",
            f"Offre découverte : {count(t['copies_free'], 'carnet')}, soit {free} pour cent. "
            f"Offre cofinancée : {count(t['copies_cofinanced'], 'carnet')}.")


def summary_pdf(run: Run, layout: Layout, fonts: FontSet) -> bytes:
    t = totals(run)
    jobs = tuple((j.lot, j.edition or "de base", j.copies_ordered, j.copies_to_print,
                  j.press_sheets, f"{j.cost:.2f}\u00a0€".replace(".", ",")) for j in run.jobs)
    money = {k: v.replace(".", ",") for k, v in t["costs"].items() if k != "note"}
    facts = (
        *summary_facts(t),
        f"Coût total : {money['total']} euros, dont {money['programme']} pour le programme "
        f"et {money['structures']} pour les structures.",
        f"Bouche-à-oreille : {decimal_comma(t['word_of_mouth_percent'])} pour cent des commandes.",
        f"Les coûts viennent de costs.yaml : {run.costs.note or 'voir ce fichier'}.",
    )
    return render_summary(Summary(run.week, run.version, jobs, facts,
                                  tuple(t["orders_by_territory"].items()),
                                  tuple(t["orders_by_source"].items())), layout, fonts)


#: The documents drawn per job, as production names them in messages.
DOCUMENTS = {"labels.pdf": "a label", "delivery-notes.pdf": "the delivery note",
             "packing-list.pdf": "the packing list"}


@dataclass(frozen=True)
class Drawn:
    """Every document of a week, drawn before anything is built or written."""

    jobs: dict[str, dict[str, bytes]]   # job name → file name → bytes
    summary: bytes


def draw_documents(root: Path, run: Run, sheet: LabelSheet) -> Drawn:
    """Draw every job's documents and the summary. RenderError with every problem of every
    job at once; a text that came from the order export (an address, an order id) is
    reported at the export's ``file:line: column:``, in the export's own column names."""
    from monrecap.build import load_for_build
    from monrecap.fonts import load_fontset

    jobs: dict[str, dict[str, bytes]] = {}
    problems: list[Problem] = []
    layout = fonts = None
    for job in run.jobs:
        _, layout = load_for_build(root, run.version, None, job.edition)
        fonts = load_fontset(layout.fonts.regular, layout.fonts.bold)
        jobs[job.name] = {}
        for name, draw in job_documents(job, run, layout, fonts, sheet, root).items():
            try:
                jobs[job.name][name] = draw()
            except DocumentError as exc:
                problems += located_problems(run, job, name, exc)
            except RenderError as exc:
                problems += exc.problems
    if problems:
        raise RenderError(sorted(dict.fromkeys(problems), key=_row_order))
    return Drawn(jobs, summary_pdf(run, layout, fonts))


def _row_order(problem: Problem) -> tuple:
    head, _, line = problem.where.rpartition(":")
    return (0, head, int(line), problem.path) if line.isdigit() else (1, problem.where, 0,
                                                                       problem.path)


def located_problems(run: Run, job: Job, document: str, error: DocumentError
                     ) -> list[Problem]:
    """A document's problems at the order export's rows and columns where the text came from
    an order; the others (the toolkit's own texts) as the document reported them."""
    plans = {p.order.order_id: p for p in job.orders}
    out: list[Problem] = []
    for item, path, message, plain in error.located:
        plan = plans.get(item)
        if plan is not None and "address" in path:
            text, columns = address_fields(plan)[path[path.index("address") + 1]]
        elif plan is not None and path[-1:] in (("order",), ("line",)):
            text, columns = plan.order.order_id, ("order_id",)
        else:
            out.append(plain)
            continue
        book = run.book
        out.append(Problem(f"{book.file}:{plan.order.line}",
                           ", ".join(book.column(c) for c in columns),
                           f"« {text} » does not fit {DOCUMENTS.get(document, document)} of "
                           f"lot {job.lot}: {message}"))
    seen = [plain for *_, plain in error.located]
    return out + [p for p in error.problems if p not in seen]
