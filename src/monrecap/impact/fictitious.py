"""Fictitious advisers' surveys with a known effect between versions, and a fictitious ledger,
for tests, benches and the shipped example. Deterministic for a given seed; structures are
made up, comments hold only phone numbers from the ranges reserved for fiction."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from dataclasses import dataclass
from pathlib import Path

HEADER_FR = ["date", "structure", "territoire", "version", "remis", "revus", "avec_carnet",
             "remplis", "minutes", "commentaire"]
#: What a form tool writes: its questions as headers, a timestamp, the adviser's e-mail.
HEADER_FORM = ["Horodateur", "Adresse e-mail", "Nom de la structure", "Département",
               "Version du carnet", "Carnets remis", "Personnes revues",
               "Revenues avec leur carnet", "Carnets remplis", "Minutes gagnées",
               "Commentaire"]
KINDS = ["Mission locale", "Agence France Travail", "Association", "CCAS",
         "Chantier d'insertion", "Conseil départemental"]
PLACES = ["Fictiville", "Val-Fictif", "Exempleville", "Bourg-Imaginaire", "Saint-Fictif",
          "Port-Exemple", "Montfictif", "La Ville-Témoin"]
TERRITORIES = ["57", "67", "69", "38", "13", "84", "75", "59"]
COMMENTS = ["", "", "", "", "Les personnes aiment la page des rendez-vous.",
            "Le carnet est souvent oublié à la maison.",
            "Plus simple pour préparer le rendez-vous suivant.",
            "Une personne demande à être rappelée au 06 39 98 12 34.",
            "Les numéros plus grands aident beaucoup."]


@dataclass(frozen=True)
class Effect:
    """The true rates of one version: the synth draws answers from them. ``spread``: how much
    structures differ from one another (the standard deviation of a structure's own rates
    around these, the same structure alike for every version); ``minutes_spread`` likewise in
    minutes. With a spread, the people of one structure are alike, as in the field."""

    came_back: float = 0.55    # of the people seen again, come back with their carnet
    filled: float = 0.4        # of the carnets handed out, filled in
    activation: float = 0.7    # of the carnets shipped, handed out
    minutes: float = 4.0       # saved per appointment, mean
    seen: float = 0.8          # of the people handed a carnet, seen again
    spread: float = 0.0
    minutes_spread: float = 0.0


def structures(count: int, seed: int = 1) -> list[tuple[str, str]]:
    """Fictitious structures and their department."""
    rng = random.Random(seed)
    names = sorted({f"{kind} de {place}" for kind in KINDS for place in PLACES})
    rng.shuffle(names)
    return [(name, rng.choice(TERRITORIES)) for name in names[:count]]


def respell(name: str, rng: random.Random) -> str:
    """Another way an adviser writes the same structure."""
    return rng.choice([name.upper(), name.replace(" de ", " "), name.replace(
        "Mission locale", "ML"), f"  {name.lower()} "])


def _binomial(rng: random.Random, n: int, p: float) -> int:
    return sum(rng.random() < p for _ in range(n))


def _own(effect: Effect, name: str, seed: int) -> Effect:
    """One structure's own rates: the version's, moved by the structure's lasting bent."""
    if not effect.spread and not effect.minutes_spread:
        return effect
    rng = random.Random(f"{seed}:{name}")  # the same structure, the same bent
    bent = [rng.gauss(0, 1) for _ in range(4)]

    def rate(p: float, z: float) -> float:
        return min(0.98, max(0.02, p + effect.spread * z))

    return Effect(rate(effect.came_back, bent[0]), rate(effect.filled, bent[1]),
                  rate(effect.activation, bent[2]),
                  max(0.0, effect.minutes + effect.minutes_spread * bent[3]), effect.seen)


#: When each version's answers start by default: after its release and the test ledger's
#: week (v10 released 2025-09-08, shipped 2026-W10; v11 released 2026-09-14, shipped
#: 2026-W40), and all of them in the past.
START = {"v10": dt.date(2026, 3, 9), "v11": dt.date(2026, 10, 5)}


def synth_survey(answers: dict[str, int], effects: dict[str, Effect], seed: int = 2026,
                 people: tuple[int, int] = (8, 30), start: dict[str, dt.date] | None = None,
                 pool: list[tuple[str, str, int]] | None = None, form: bool = False,
                 respelled: float = 0.1, days: int | dict[str, int] = 50) -> str:
    """A survey export: ``answers[v]`` rows for each version v, drawn from ``effects[v]``,
    dated in the ``days`` (or ``days[v]``) after ``start[v]``.

    Each answer is a structure's caseload: ``people`` carnets handed out. ``pool``:
    (structure, territory, carnets shipped) to answer for, each in turn before any answers
    twice; a structure hands out no more than it received. Else made-up structures answer.
    ``form``: a form tool's headers, timestamps and e-mail column.
    """
    rng = random.Random(seed)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if not form else ",", lineterminator="\r\n")
    writer.writerow(HEADER_FORM if form else HEADER_FR)
    made_up = [(name, dept, 0) for name, dept in structures(40, seed)]
    for version, count in answers.items():
        first = {**START, **(start or {})}.get(version, START["v10"])
        if pool:
            chosen = []
            while len(chosen) < count:
                chosen += rng.sample(pool, min(count - len(chosen), len(pool)))
        else:
            chosen = [rng.choice(made_up) for _ in range(count)]
        handed: dict[str, int] = {}
        for name, dept, shipped in chosen:
            effect = _own(effects[version], name, seed)
            remis = rng.randint(*people)
            if shipped:  # no more than the structure received
                remis = min(remis, shipped - handed.get(name, 0))
                handed[name] = handed.get(name, 0) + remis
            revus = _binomial(rng, remis, effect.seen)
            back = _binomial(rng, revus, effect.came_back)
            filled = _binomial(rng, remis, effect.filled)
            minutes = max(0, round(rng.gauss(effect.minutes, 2.0)))
            span = days.get(version, 50) if isinstance(days, dict) else days
            day = first + dt.timedelta(days=rng.randint(0, span))
            spelled = respell(name, rng) if rng.random() < respelled else name
            comment = rng.choice(COMMENTS)
            if form:
                writer.writerow([f"{day:%d/%m/%Y} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}:00",
                                 f"conseil.{rng.randint(1, 99)}@exemple.fr", spelled, dept,
                                 version.upper(), remis, revus, back, filled, minutes, comment])
            else:
                writer.writerow([day.isoformat(), spelled, dept, version, remis, revus, back,
                                 filled, minutes, comment])
    return buffer.getvalue()


def synth_ledger(root: Path, weeks: list[tuple[str, str, int]], seed: int = 7,
                 pool: list[tuple[str, str]] | None = None) -> list[str]:
    """Write ``runs/<week>.yaml`` for each (week, version, orders): the ledger's own format,
    fictitious structures; returns the lots. For tests: a real week is `orders plan --commit`."""
    from monrecap.production.ledger import lot_name, write_ledger
    from monrecap.production.orders import SOURCES

    rng = random.Random(seed)
    pool = pool or structures(40, seed)
    lots, sequence, number = [], 0, 0
    for week, version, count in weeks:
        jobs = []
        for edition in (None, "val-fictif"):
            sequence += 1
            lot = lot_name(week, sequence)
            orders = []
            for _ in range(count // 2 if edition is None else count - count // 2):
                number += 1
                name, dept = rng.choice(pool)
                orders.append({"id": f"C-{number:05d}", "structure": name, "territory": dept,
                               "quantity": rng.choice([20, 40, 50, 80, 100]),
                               "offer": "decouverte" if edition else "cofinance",
                               "source": rng.choice(list(SOURCES[:1]) * 5 + list(SOURCES))})
            copies = sum(o["quantity"] for o in orders)
            jobs.append({"lot": lot, "edition": edition, "profile": "atelier-sra3-a6",
                         "copies_ordered": copies, "copies_to_print": copies + 20,
                         "press_sheets": copies // 8 + 1, "orders": orders})
            lots.append(lot)
        write_ledger(root, week, {"schema_version": 1, "week": week, "version": version,
                                  "jobs": jobs})
    return lots


def example(orders: Path, seed: int = 2026) -> str:
    """The shipped example, `examples/survey-2026-11.csv`: the structures of an orders export
    answer, each with its own bent (structures differ), about as many people an answer for
    both versions; v10 through the first half of 2026, v11 from its release (2026-09-14) to
    early December 2026. v11 does better in truth: 64 % of the carnets come back (52 % for
    v10), 45 % are filled in (40 %), 5 minutes saved (3.5)."""
    from monrecap.tabular import read_table

    table = read_table(orders, {"structure": (), "territoire": ()}, ("structure",))
    pool = sorted({(r.get("structure"), r.get("territoire"), 0) for r in table.rows})
    return synth_survey(
        {"v10": 36, "v11": 40},
        {"v10": Effect(0.52, 0.40, minutes=3.5, spread=0.08, minutes_spread=1.0),
         "v11": Effect(0.64, 0.45, minutes=5.0, spread=0.08, minutes_spread=1.0)},
        seed=seed, people=(8, 40), pool=pool, respelled=0.15,
        start={"v10": dt.date(2026, 1, 12), "v11": dt.date(2026, 9, 21)},
        days={"v10": 150, "v11": 72})


def main(argv: list[str] | None = None) -> None:
    """`python -m monrecap.impact.fictitious [N]`: a fictitious survey on stdout."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(
        prog="python -m monrecap.impact.fictitious",
        description="A fictitious advisers' survey (CSV on stdout) with a known effect: v11 "
                    "brings back 64 %% of the carnets, v10 52 %%.",
        epilog="Example: python -m monrecap.impact.fictitious 200 --spread 0.1 > survey.csv")
    parser.add_argument("answers", nargs="?", type=int, default=40,
                        help="answers per version (default 40)")
    parser.add_argument("--seed", type=int, default=2026, help="the random seed (2026)")
    parser.add_argument("--spread", type=float, default=0.0,
                        help="how much structures differ, as a rate's standard deviation "
                             "(0.1: ten points; default 0)")
    parser.add_argument("--form", action="store_true",
                        help="a form tool's headers, timestamps and e-mail column")
    parser.add_argument("--example", type=Path, metavar="ORDERS_CSV",
                        help="the shipped example survey, for the structures of this orders "
                             "export (examples/orders-2026-12.csv)")
    args = parser.parse_args(argv)
    if args.example:
        sys.stdout.write(example(args.example, args.seed))
        return
    if args.answers < 0 or not 0 <= args.spread <= 0.5:
        parser.error("answers must be 0 or more, --spread between 0 and 0.5")
    sys.stdout.write(synth_survey(
        {"v10": args.answers, "v11": args.answers},
        {"v10": Effect(0.52, spread=args.spread), "v11": Effect(0.64, spread=args.spread)},
        seed=args.seed, form=args.form))


if __name__ == "__main__":
    main()
