"""Delivery notes: one A4 page per order, packed with its first parcel — who it is for, how
many carnets in how many parcels, the lot, and a place to sign on receipt."""

from __future__ import annotations

from pathlib import Path

from monrecap.fonts import FontSet
from monrecap.kit.document import DocPainter, doc_layout, finish, open_document, page, picto
from monrecap.layout import Layout
from monrecap.plural import count
from monrecap.production.esatrows import DeliveryNote

#: Sentences of every note (lint-checked by production); counts agree with their nouns.
SENTENCES = (
    "Vous recevez {copies} {product}.",
    "{they} dans {parcels}.",
    "Le numéro de lot est imprimé au dos de chaque carnet.",
    "Vérifiez {the_parcels} à la réception.",
)


def sentences(note: DeliveryNote) -> list[str]:
    """The note's sentences, in the number of its counts.

    >>> sentences(DeliveryNote("C-1", (), 1, "Mon Récap", "L", "W", (1,)))[:2]
    ['Vous recevez 1 carnet Mon Récap.', 'Il est dans 1 colis.']
    """
    parcels = len(note.parcels)
    return [s.format(copies=count(note.copies, "carnet"), product=note.product,
                     they="Il est" if note.copies < 2 else "Ils sont",
                     parcels=count(parcels, "colis"),
                     the_parcels="le colis" if parcels < 2 else "les colis")
            for s in SENTENCES]


def parcel_lines(parcels: tuple[int, ...]) -> list[tuple[int, str]]:
    """(first parcel, line) for each run of parcels holding as many carnets: full parcels
    then the rest, so that an order of any size fits its page in two lines.

    >>> parcel_lines((100, 100, 100, 50))
    [(1, 'Colis 1 à 3 sur 4 : 100 carnets dans chaque colis'), (4, 'Colis 4 sur 4 : 50 carnets')]
    >>> parcel_lines((1,))
    [(1, 'Colis 1 sur 1 : 1 carnet')]
    """
    out: list[tuple[int, str]] = []
    total, first = len(parcels), 1
    for number in range(1, total + 1):
        if number < total and parcels[number] == parcels[first - 1]:
            continue
        copies = parcels[first - 1]
        out.append((first, f"Colis {first} sur {total} : {count(copies, 'carnet')}"
                    if first == number else f"Colis {first} à {number} sur {total} : "
                                            f"{count(copies, 'carnet')} dans chaque colis"))
        first = number + 1
    return out


def render_delivery_notes(notes: list[DeliveryNote], layout: Layout, fonts: FontSet,
                          root: Path, title: str) -> bytes:
    """One page per note."""
    buffer, canvas = open_document(f"Bons de livraison — {title}", fonts)
    p = DocPainter(canvas, doc_layout(layout), fonts, f"delivery notes {title}")
    s, W, H = p.safe, p.W, p.H
    width = W - 2 * s
    for number, note in enumerate(notes, start=1):
        page(p, number, note.order_id)
        ref = note.order_id
        size = p.layout.pictogram * 1.5
        head = p.line_height("title") + p.line_height() + 16
        p.band(0, H - s - head, W, H)
        p.picto(picto(root, "truck"), s, H - s - size, size)
        x = s + size + 10
        y = H - s - 4
        y -= p.text((ref, ("title",)), "Bon de livraison", x, y, W - s - x, role="title",
                    bold=True)
        p.text((ref, ("order",)), f"Commande {note.order_id}, semaine {note.week}", x, y,
               W - s - x, bold=True)
        y = H - s - head - 20
        p.picto(picto(root, "building"), s, y - p.layout.pictogram, p.layout.pictogram)
        y -= p.text((ref, ("for",)), "Pour :", s + p.layout.pictogram + 8, y, width,
                    role="heading", bold=True) + 6
        for i, line in enumerate(note.address):
            y -= p.text((ref, ("address", i)), line, s, y, width, max_lines=2)
        y -= 18
        p.picto(picto(root, "package"), s, y - p.layout.pictogram, p.layout.pictogram)
        y -= p.text((ref, ("what",)), "Dans les colis :", s + p.layout.pictogram + 8, y,
                    width, role="heading", bold=True) + 6
        for i, line in enumerate(sentences(note)):
            y -= p.text((ref, ("sentences", i)), line, s, y, width)
        y -= 8
        for first, line in parcel_lines(note.parcels):
            y -= p.text((ref, ("parcels", first)), line, s + 12, y, width - 12,
                        bottom=s + 120)
        y -= 8
        p.text((ref, ("lot",)), f"Lot d'impression : {note.lot}", s, y, width,
               role="heading", bold=True)
        # Receipt: written by hand.
        base = s + 40
        p.label_line((ref, ("received",)), "Reçu le", s, base + 60, width / 2 - 10)
        p.label_line((ref, ("signature",)), "Signature", s + width / 2, base + 60,
                     width / 2)
        p.footer(number, len(notes), role="body", colour="ink")
        p.end()
    return finish(p, buffer)
