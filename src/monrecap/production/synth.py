"""Synthetic order exports for tests, benches and the shipped example: fictitious structures
and people, phone numbers from the ranges Arcep reserves for fiction, addresses that say they
are examples. Deterministic for a given seed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random

HEADER_EN = ["order_id", "date", "structure", "structure_type", "territory", "edition",
             "quantity", "offer", "quote", "address", "address_2", "postcode", "city",
             "contact", "phone", "source"]
HEADER_FR = ["commande", "date", "structure", "type_structure", "territoire", "edition",
             "quantite", "offre", "devis", "adresse", "adresse_2", "code_postal", "ville",
             "contact", "telephone", "connu_par"]
KINDS = {"mission-locale": "Mission locale", "france-travail": "Agence France Travail",
         "association": "Association", "departement": "Conseil départemental",
         "ccas": "CCAS", "chantier": "Chantier d'insertion"}
PLACES = ["Fictiville", "Val-Fictif", "Exempleville", "Bourg-Imaginaire", "Saint-Fictif",
          "Port-Exemple", "Montfictif", "La Ville-Témoin"]
FIRST = ["Camille", "Dominique", "Sacha", "Alix", "Claude", "Lou", "Maxime", "Noa", "Eden",
         "Charlie", "Morgan", "Andréa"]
LAST = ["Exemple", "Fictif", "Modèle", "Démo", "Témoin", "Essai", "Maquette", "Prototype"]
STREETS = ["rue de l'Exemple", "avenue Fictive", "place du Modèle", "allée de la Démo",
           "boulevard Imaginaire", "impasse du Test"]
SOURCES = ["bouche-a-oreille"] * 4 + ["france-travail"] * 2 + ["mission-locale",
           "departement", "salon", "site-web", "reseau-social", "autre"]
FICTION = ["01 99 00", "02 61 91", "03 53 01", "04 65 71", "05 36 49", "06 39 98"]
EDITIONS = {"val-fictif": ["57", "67"],                  # the experimentation territory
            "horizon-insertion": ["69", "38"], "mission-locale-fictiville": ["13", "84"],
            "": ["75", "59", "33", "31", "44", "35", "2A", "974"]}


def synth_orders(count: int, seed: int = 2026, french: bool = True, delimiter: str = ";",
                 start: dt.date = dt.date(2026, 11, 2)) -> str:
    """A CSV export of ``count`` fictitious orders (French headers and `;` by default)."""
    rng = random.Random(seed)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADER_FR if french else HEADER_EN)
    for n in range(1, count + 1):
        edition = rng.choices(list(EDITIONS), weights=[3, 2, 2, 5])[0]
        territory = rng.choice(EDITIONS[edition])
        kind = rng.choice(list(KINDS))
        place = rng.choice(PLACES)
        offer = "decouverte" if edition == "val-fictif" else "cofinance"
        quantity = rng.choice([5, 10, 10, 20, 25, 30, 40, 50, 50, 60, 80, 100, 120, 150, 200,
                               250, 400])
        phone = f"{rng.choice(FICTION)} {rng.randint(0, 99):02d} {rng.randint(0, 99):02d}"
        prefix = {"2A": "20"}.get(territory, territory)
        postcode = (prefix + f"{rng.randint(1, 9) * 100:03d}")[:5]
        writer.writerow([
            f"C-{n:05d}", (start + dt.timedelta(days=rng.randint(0, 27))).isoformat(),
            f"{KINDS[kind]} de {place}", kind, territory, edition, quantity, offer,
            f"D-2026-{n:05d}" if offer == "cofinance" else "",
            f"{rng.randint(1, 120)} {rng.choice(STREETS)}", "Adresse d'exemple, fictive",
            postcode, place, f"{rng.choice(FIRST)} {rng.choice(LAST)}", phone,
            rng.choice(SOURCES)])
    return buffer.getvalue()


if __name__ == "__main__":  # python -m monrecap.production.synth 300 > examples/orders.csv
    import sys

    sys.stdout.write(synth_orders(int(sys.argv[1]) if len(sys.argv) > 1 else 300))
