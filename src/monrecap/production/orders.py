"""An order export (CSV) → validated Orders, every problem reported at once with its line."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from monrecap.errors import MonrecapError, Problem
from monrecap.plural import count
from monrecap.source import did_you_mean
from monrecap.tabular import Table, read_table

#: Canonical column → the other headers accepted for it (French first).
COLUMNS: dict[str, tuple[str, ...]] = {
    "order_id": ("commande", "numero_commande", "id"),
    "date": ("date_commande",),
    "structure": ("nom_structure",),
    "structure_type": ("type_structure", "type"),
    "territory": ("territoire", "departement"),
    "edition": ("edition", "variante"),
    "quantity": ("quantite", "nombre", "carnets"),
    "offer": ("offre",),
    "quote": ("devis", "numero_devis"),
    "address": ("adresse", "adresse_1", "address_1"),
    "address_2": ("adresse_2", "complement"),
    "postcode": ("code_postal", "cp"),
    "city": ("ville", "commune"),
    "contact": ("contact", "destinataire"),
    "phone": ("telephone", "tel"),
    "source": ("connu_par", "origine", "comment_connu"),
}
REQUIRED = ("order_id", "date", "structure", "territory", "quantity", "offer", "address",
            "postcode", "city", "contact")
OFFERS = ("decouverte", "cofinance")
SOURCES = ("bouche-a-oreille", "france-travail", "mission-locale", "departement", "salon",
           "site-web", "reseau-social", "autre")
NO_EDITION = ("", "aucune", "none", "base", "-")
TERRITORY = re.compile(r"^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$")
POSTCODE = re.compile(r"^[0-9]{5}$")


@dataclass(frozen=True)
class Order:
    """One validated order. ``contact``, ``address*`` and ``phone`` are personal data: they go
    on labels and delivery notes only."""

    line: int
    order_id: str
    date: dt.date
    structure: str
    structure_type: str
    territory: str
    edition: str | None     # a variant of the version, None for the base edition
    quantity: int
    offer: str              # decouverte | cofinance
    quote: str
    address: str
    address_2: str
    postcode: str
    city: str
    contact: str
    phone: str
    source: str


@dataclass(frozen=True)
class OrderBook:
    """The orders of one file and how the file was read."""

    file: str
    encoding: str
    delimiter: str
    orders: tuple[Order, ...]
    headers: tuple[tuple[str, str], ...] = ()  # canonical column → the header as written

    def column(self, canonical: str) -> str:
        """A column as the file names it (« adresse » for ``address``): messages about a
        row speak the file's language."""
        return dict(self.headers).get(canonical, canonical)

    def replace_orders(self, orders: tuple[Order, ...]) -> "OrderBook":
        return OrderBook(self.file, self.encoding, self.delimiter, orders, self.headers)


def _date(text: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    raise ValueError(f"« {text} » is not a date (2026-12-01 or 01/12/2026)")


def load_orders(path: Path, editions: list[str], name: str | None = None,
                hard: tuple[int, str] | None = None) -> OrderBook:
    """Read and validate an order export; ``editions`` are the version's variants; ``hard``:
    the quantity past which an order is refused and where that limit comes from (costs.yaml):
    the labels and parcels a plan draws grow with it, and a typo must not make a million.

    MonrecapError lists every problem of every row, ``orders.csv:118: quantity: « 2O0 » is not
    a whole number``.
    """
    table = read_table(path, COLUMNS, REQUIRED, name)
    problems: list[Problem] = list(table.problems)
    orders: list[Order] = []
    seen: dict[str, int] = {}
    for row in table.rows:
        where = f"{table.name}:{row.line}"
        errors: list[Problem] = []

        def bad(column: str, message: str) -> None:
            errors.append(Problem(where, table.header(column), message))

        get = row.cells.get
        oid = get("order_id", "")
        if not oid:
            bad("order_id", "missing")
        elif oid in seen:
            bad("order_id", f"« {oid} » is already used on line {seen[oid]}")
        else:
            seen[oid] = row.line
        try:
            date = _date(get("date", ""))
        except ValueError as exc:
            bad("date", str(exc))
        qty_text = get("quantity", "")
        quantity = 0
        if not re.fullmatch(r"[0-9]+", qty_text):
            bad("quantity", f"« {qty_text[:40]} » is not a whole number")
        elif len(qty_text.lstrip("0")) > 9:  # never a billion carnets (nor a huge int)
            bad("quantity", f"« {qty_text[:12]}… » ({len(qty_text)} digits) is not a quantity "
                            "of carnets")
        elif int(qty_text) <= 0:
            bad("quantity", f"« {qty_text} »: at least 1 carnet")
        elif hard is not None and int(qty_text) > hard[0]:
            bad("quantity", f"{count(int(qty_text), 'carnet')} ordered, more than the "
                            f"{hard[0]} an order may have ({hard[1]}): nothing is planned, "
                            "check it with the structure")
        else:
            quantity = int(qty_text)
        offer = get("offer", "").lower()
        if offer not in OFFERS:
            bad("offer", f"« {get('offer', '')} » is not an offer{did_you_mean(offer, OFFERS)}; "
                         f"known offers: {', '.join(OFFERS)}")
        if offer == "cofinance" and not get("quote"):
            bad("quote", "a cofinance order needs its quote number")
        edition = get("edition", "")
        if edition.lower() in NO_EDITION:
            edition = None
        elif edition not in editions:
            bad("edition", f"unknown edition « {edition} »{did_you_mean(edition, editions)}; "
                           f"known editions: {', '.join(editions) or 'none'}")
        territory = get("territory", "").upper()
        if not TERRITORY.match(territory.zfill(2)):
            bad("territory", f"« {get('territory', '')} » is not a French department number")
        for column in ("structure", "address", "city", "contact"):
            if not get(column):
                bad(column, "missing")
        postcode = get("postcode", "")
        if not postcode:
            bad("postcode", "missing")
        elif not POSTCODE.match(postcode):
            bad("postcode", f"« {postcode} » is not a 5-digit postcode")
        source = get("source", "").lower() or "autre"
        if source not in SOURCES:
            bad("source", f"« {get('source', '')} » is not a known channel"
                          f"{did_you_mean(source, SOURCES)}; known: {', '.join(SOURCES)}")
        if errors:
            problems += errors
            continue
        orders.append(Order(row.line, oid, date, get("structure", ""),
                            get("structure_type", ""), territory.zfill(2), edition, quantity,
                            offer, get("quote", ""), get("address", ""), get("address_2", ""),
                            postcode, get("city", ""), get("contact", ""), get("phone", ""),
                            source))
    if problems:
        raise MonrecapError(sorted(problems, key=lambda p: int(p.where.rsplit(":", 1)[1])))
    return OrderBook(table.name, table.encoding, table.delimiter, tuple(orders), table.headers)


#: La Poste's address norm (NF Z10-011): 38 characters a line, 6 lines at most. An order's
#: address is at most 5 lines (``address_lines``); a longer line is a warning, not an error:
#: a real commune may be longer (« 51290 Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson »), it
#: is printed whole (smaller, broken after a hyphen on a label) and the carrier still reads it,
#: but the structure is asked to shorten it (« St » for « Saint ») for the next order.
POSTAL_LINE = 38
#: Rows whose address lines are said one by one; the rest are counted.
POSTAL_REPORTED = 10


def address_lines(order: Order) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The address as printed, each line with the order columns it comes from."""
    lines = ((order.contact, ("contact",)), (order.structure, ("structure",)),
             (order.address, ("address",)), (order.address_2, ("address_2",)),
             (f"{order.postcode} {order.city}", ("postcode", "city")))
    return tuple((line, columns) for line, columns in lines if line)


def postal_warnings(book: OrderBook) -> list[str]:
    """One warning per order whose address has a line over ``POSTAL_LINE`` characters, at its
    row and columns (the first ``POSTAL_REPORTED`` rows, then how many more), and what to do.
    """
    rows = []
    for order in book.orders:
        long = [(line, columns) for line, columns in address_lines(order)
                if len(line) > POSTAL_LINE]
        if long:
            rows.append(f"{book.file}:{order.line}: " + "; ".join(
                f"{', '.join(book.column(c) for c in columns)}: « {line} » is {len(line)} "
                f"characters, La Poste reads {POSTAL_LINE} a line (NF Z10-011)"
                for line, columns in long))
    if not rows:
        return []
    rest = len(rows) - POSTAL_REPORTED
    more = f"and {count(rest, 'more row', 'more rows', lang='en')} like these; " \
        if rest > 0 else ""
    return rows[:POSTAL_REPORTED] + [
        f"{book.file}: {more}printed as written (smaller, or broken after a hyphen on a "
        "label): ask the structure to shorten the line for the carrier (« St » for « Saint », "
        "a complement in the second address line)"]


def describe_table(book: OrderBook | Table) -> str:
    """How the file was read, for the user: « UTF-8 with BOM, ';' separated »."""
    return f"{book.encoding}, '{book.delimiter}' separated"
