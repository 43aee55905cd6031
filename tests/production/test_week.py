"""A production week as the user runs it: lot-stamped jobs, labels, the ledger, traceability."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import yaml
from pypdf import PdfReader, PdfWriter

from conftest import run_cli
from monrecap.impose import impose_pdf, load_profile
from monrecap.production.labelsheet import load_label_sheet
from monrecap.production import plan_orders, write_week

from impose.folding import (cell_key, find_pages, marker_distance, numbered_pdf,
                              pair_sides, read_booklet, spreads)
from production.conftest import WEEK

MM = 72 / 25.4


def job_folders(folder: Path) -> list[Path]:
    return sorted((folder / "jobs").iterdir())


def page_pdf(job: Path) -> Path:
    return next(p for p in job.glob("monrecap-v11*.pdf") if "atelier" not in p.name)


def test_one_job_per_edition_with_new_lots(week):
    names = [p.name for p in job_folders(week.folder)]
    assert names == ["L2026-W50-01-base", "L2026-W50-02-horizon-insertion",
                     "L2026-W50-03-mission-locale-fictiville", "L2026-W50-04-val-fictif"]
    run = json.loads((week.folder / "run.json").read_text(encoding="utf-8"))
    assert run["schema_version"] == 1 and run["week"] == WEEK
    # Messages name the file as typed; the record only its name (the same from any folder).
    assert run["orders"]["file"] == "orders.csv"
    base = run["jobs"][0]
    assert (base["copies_per_sheet"], base["sheets_per_copy"], base["pages"]) == (4, 8, 32)
    # 3 % overs rounded up, then whole sets of 4 copies × 8 sheets, plus 20 make-ready sheets.
    assert base["copies_to_print"] == -(-base["copies_ordered"] * 103 // 100)
    assert base["press_sheets"] == -(-base["copies_to_print"] // 4) * 8 + 20
    assert f"read {week.orders}: 14 orders (UTF-8, ';' separated)" in week.stderr


def test_lot_is_printed_inside_the_back_cover_box(week):
    for job in job_folders(week.folder):
        lot = job.name[:12]
        doc = pdfium.PdfDocument(page_pdf(job))
        back = doc[len(doc) - 1]
        text = back.get_textpage()
        hit = text.search(lot, match_case=True).get_next()
        assert hit is not None, f"{lot} not on the back cover"
        first, last = text.get_charbox(hit[0]), text.get_charbox(hit[0] + hit[1] - 1)
        box = [o.get_bounds() for o in back.get_objects(max_depth=5)
               if o.type == pdfium_c.FPDF_PAGEOBJ_PATH and o.get_bounds()[2] -
               o.get_bounds()[0] < 45 * MM and o.get_bounds()[3] - o.get_bounds()[1] < 12 * MM]
        assert len(box) == 1
        x0, y0, x1, y1 = box[0]
        assert x0 < first[0] and last[2] < x1 and y0 < min(first[1], last[1])
        assert max(first[3], last[3]) < y1
        for i in range(len(doc) - 1):
            assert lot not in doc[i].get_textpage().get_text_range()


def test_lot_stamped_imposition_folds_in_order(week):
    """Markers laid over the lot-stamped page PDF, imposed with the job's profile, folded by
    the simulator: the booklet reads 1…N; the run's own sheets carry the lot once per copy."""
    job = job_folders(week.folder)[0]
    source = page_pdf(job).read_bytes()
    count = len(pdfium.PdfDocument(source))
    markers = PdfReader(_bytes(numbered_pdf(count)))
    writer = PdfWriter(clone_from=PdfReader(_bytes(source)))
    for page, marker in zip(writer.pages, markers.pages):
        page.merge_page(marker)
    stamped = _write(writer)
    profile = load_profile(week.repo, "atelier-sra3-a6").model_copy(update={"marks": []})
    imposed = impose_pdf(stamped, "t.pdf", profile, None).pdf
    doc = pdfium.PdfDocument(imposed)
    sides = find_pages(imposed, count, marker_distance(stamped))
    cells: dict = {}
    for recto, verso in zip(sides[0::2], sides[1::2]):
        for spread in spreads(pair_sides(recto, verso, doc[0].get_size(), profile.duplex),
                              105 * MM):
            cells.setdefault(cell_key(spread), []).append(spread)
    assert len(cells) == 4
    for folios in cells.values():
        assert read_booklet(folios) == list(range(1, count + 1))
    sheets = pdfium.PdfDocument(next(job.glob("*atelier-sra3-a6.pdf")))
    stamped_sides = [i for i in range(len(sheets))
                     if job.name[:12] in sheets[i].get_textpage().get_text_range()]
    assert len(stamped_sides) == 1
    assert sheets[stamped_sides[0]].get_textpage().get_text_range().count(job.name[:12]) == 4


def _bytes(data: bytes):
    import io
    return io.BytesIO(data)


def _write(writer: PdfWriter) -> bytes:
    import io
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_label_text_stays_inside_its_label_and_the_printable_area(week):
    sheet = load_label_sheet(week.repo, "a4-2x7-99x38")
    run = json.loads((week.folder / "run.json").read_text(encoding="utf-8"))
    for job in job_folders(week.folder):
        parcels = sum(o["parcels"] for j in run["jobs"] if j["lot"] == job.name[:12]
                      for o in j["orders"])
        check_labels((job / "labels.pdf").read_bytes(), sheet, parcels)


def test_the_other_label_sheet_is_only_data(week):
    """The 3 × 8 sheet touches the paper's edges: the text keeps to the printable area."""
    from monrecap.build import load_for_build
    from monrecap.fonts import load_fontset
    from monrecap.production.documents import labels
    from monrecap.production.labels import render_labels

    sheet = load_label_sheet(week.repo, "a4-3x8-70x37")
    run = plan_orders(week.repo, week.orders, week=WEEK)
    _, layout = load_for_build(week.repo, "v11")
    fonts = load_fontset(layout.fonts.regular, layout.fonts.bold)
    items = [label for job in run.jobs for label in labels(job)]
    check_labels(render_labels(items, sheet, layout, fonts, "test"), sheet, len(items))


def check_labels(pdf: bytes, sheet, parcels: int) -> None:
    """Every line of text inside one label, inside its padding (less 1 pt of glyph overhang)
    and inside the printer's margin; one « n sur m » per parcel."""
    doc = pdfium.PdfDocument(pdf)
    assert len(doc) == -(-parcels // sheet.per_sheet)
    seen = 0
    for page in doc:
        text = page.get_textpage()
        for i in range(text.count_rects()):
            x0, y0, x1, y1 = text.get_rect(i)
            inside = [k for k in range(sheet.per_sheet)
                      if _contains(sheet.rect(k), (x0, y0, x1, y1), sheet.padding - 1)]
            assert inside, f"text {text.get_text_bounded(x0, y0, x1, y1)!r} off its label"
            m = sheet.printer_margin
            assert x0 >= m - 0.5 and y0 >= m - 0.5
            assert x1 <= sheet.sheet[0] - m + 0.5 and y1 <= sheet.sheet[1] - m + 0.5
        seen += text.get_text_range().count(" sur ")
    assert seen == parcels


def _contains(rect, box, inset: float) -> bool:
    x, y, w, h = rect
    return (x + inset <= box[0] and box[2] <= x + w - inset and y + inset <= box[1]
            and box[3] <= y + h - inset)


def test_same_orders_planned_twice_give_the_same_bytes(week, tmp_path):
    run = plan_orders(week.repo, week.orders, week=WEEK)
    again = write_week(week.repo, run, tmp_path).folder
    first = sorted(p.relative_to(week.folder) for p in week.folder.rglob("*") if p.is_file())
    second = sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert first == second and len(first) == 4 * 7 + 2
    for name in first:
        assert (week.folder / name).read_bytes() == (again / name).read_bytes(), name


def test_ledger_traces_lots_and_holds_no_personal_data(week):
    ledger = week.repo / "runs" / f"{WEEK}.yaml"
    data = yaml.safe_load(ledger.read_text(encoding="utf-8"))
    assert [j["lot"] for j in data["jobs"]] == [f"L2026-W50-0{i}" for i in range(1, 5)]
    assert set(data["jobs"][0]["files"]) == {"build.json", "delivery-notes.pdf", "labels.pdf",
                                             "packing-list.pdf", "monrecap-v11.pdf", "ticket.pdf",
                                             "monrecap-v11-atelier-sra3-a6.pdf"}
    run = plan_orders(week.repo, week.orders, week=WEEK)
    private = {o.contact for o in run.book.orders} | {o.phone for o in run.book.orders} | \
        {o.address for o in run.book.orders}
    summary = "".join(p.get_textpage().get_text_range()
                      for p in pdfium.PdfDocument(week.folder / "summary.pdf"))
    for text in (ledger.read_text(encoding="utf-8"),
                 (week.folder / "run.json").read_text(encoding="utf-8"), summary, week.stderr):
        assert not [p for p in private if p in text]
    order = run.jobs[3].orders[0].order
    shown = run_cli("lot", "L2026-W50-04", "--root", str(week.repo), env={"COLUMNS": "200"})
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines()[0] == \
        f"lot L2026-W50-04: v11, edition val-fictif, week {WEEK} (runs/{WEEK}.yaml)"
    assert f"  {order.order_id}  " in shown.stdout and order.structure in shown.stdout
    as_json = json.loads(run_cli("lot", "L2026-W50-04", "--json", "--root",
                                 str(week.repo)).stdout)
    assert (as_json["schema_version"], as_json["edition"], as_json["week"]) == \
        (1, "val-fictif", WEEK)
    assert [o["id"] for o in as_json["orders"]] == [p.order.order_id for p in run.jobs[3].orders]
    missing = run_cli("lot", "L2026-W50-09", "--root", str(week.repo))
    assert missing.returncode == 2
    assert missing.stderr.strip() == "error: lot L2026-W50-09 is not in the ledger; known " \
        "lots: L2026-W50-01, L2026-W50-02, L2026-W50-03, L2026-W50-04"
    listed = run_cli("orders", "history", "--json", "--root", str(week.repo))
    rows = json.loads(listed.stdout)["runs"]
    assert [(r["week"], r["orders"], r["lots"][-1]) for r in rows] == [(WEEK, 14, "L2026-W50-04")]


def test_next_week_continues_the_lot_sequence_and_a_week_is_not_rewritten(week, tmp_path):
    later = tmp_path / "later.csv"  # other orders: the week's own are produced already
    later.write_text(week.orders.read_text(encoding="utf-8").replace("C-0", "D-0"),
                     encoding="utf-8")
    run = plan_orders(week.repo, later, week="2026-W51")
    assert [j.lot for j in run.jobs] == ["L2026-W51-05", "L2026-W51-06", "L2026-W51-07",
                                         "L2026-W51-08"]
    other = tmp_path / "other.csv"
    other.write_text(week.orders.read_text(encoding="utf-8").replace(";20;", ";21;"),
                     encoding="utf-8")
    result = run_cli("orders", "plan", str(other), "--week", WEEK, "--root", str(week.repo),
                     "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.strip().startswith(f"error: runs/{WEEK}.yaml: orders -> sha256: week "
                                            f"{WEEK} is already committed with other orders")
    assert not (tmp_path / "out").exists()


def test_a_bad_row_writes_nothing(week, tmp_path):
    bad = tmp_path / "orders.csv"
    lines = week.orders.read_text(encoding="utf-8").splitlines()
    fields = lines[5].split(";")
    fields[6] = "2O0"
    lines[5] = ";".join(fields)
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("orders", "plan", "orders.csv", "--week", "2026-W52", "--commit",
                     "--root", str(week.repo), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 2
    # The file as the user typed it, wherever it is run from.
    assert result.stderr.strip() == "error: orders.csv:6: quantite: « 2O0 » is not a whole number"
    elsewhere = run_cli("orders", "plan", str(bad), "--week", "2026-W52", "--commit",
                        "--root", str(week.repo), "--out", str(tmp_path / "out"))
    assert elsewhere.stderr == f"error: {bad}:6: quantite: « 2O0 » is not a whole number\n"
    assert not (tmp_path / "out").exists()
    assert not (week.repo / "runs" / "2026-W52.yaml").exists()


def test_packing_list_and_delivery_notes_say_what_each_order_gets(week):
    run = plan_orders(week.repo, week.orders, week=WEEK)
    for job, folder in zip(run.jobs, job_folders(week.folder)):
        packing = pdfium.PdfDocument(folder / "packing-list.pdf")
        lines = [l.split() for i in range(len(packing))
                 for l in packing[i].get_textpage().get_text_range().splitlines()]
        rows = [l for l in lines if l and l[0].startswith("C-")]
        assert [r[:4] for r in rows] == [[p.order.order_id, str(p.bundles), str(p.loose),
                                         str(len(p.parcels))] for p in job.orders]
        notes = pdfium.PdfDocument(folder / "delivery-notes.pdf")
        assert len(notes) == len(job.orders)
        for i, plan in enumerate(job.orders):
            text = " ".join(notes[i].get_textpage().get_text_range().split())
            assert f"Commande {plan.order.order_id}, semaine {WEEK}" in text
            assert f"Vous recevez {plan.order.quantity} carnets" in text
            n, copies = len(plan.parcels), [p.copies for p in plan.parcels]
            # Full parcels on one line, the rest on its own.
            assert (f"Colis 1 à {n} sur {n} : {copies[0]} carnets dans chaque colis"
                    if n > 1 and set(copies) == {copies[0]}
                    else f"Colis {n} sur {n} : {copies[-1]} carnets") in text
            assert plan.order.contact in text and job.lot in text
    summary = " ".join(pdfium.PdfDocument(week.folder / "summary.pdf")[0].get_textpage()
                       .get_text_range().split())
    assert f"{len(run.book.orders)} commandes" in summary and "Bouche-à-oreille" in summary
    assert "bouche-a-oreille" not in summary  # the chart names channels in French


def test_the_ledger_says_how_each_structure_heard_and_which_version_each_lot_printed(week):
    """What `monrecap impact` reads: the channel of every order (word of mouth over time) and
    lot → version (a survey answer may name its lot)."""
    from monrecap.impact.shipments import read_shipments
    from monrecap.production.ledger import lot_versions
    from monrecap.production.orders import SOURCES

    orders = read_shipments(week.repo)
    assert len(orders) == 14 and all(o.source for o in orders)
    assert {o.source for o in orders} <= set(SOURCES)
    assert lot_versions(week.repo) == {f"L2026-W50-0{i}": "v11" for i in range(1, 5)}
