"""An advisers' survey export (CSV, as a form tool writes it) → validated `Answer`s, every bad
row at `file:line`, comments redacted; what identifies an adviser is never kept."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from monrecap.errors import MonrecapError, Problem
from monrecap.source import did_you_mean
from monrecap.tabular import Row, normalise, read_table

#: Canonical column → the other headers accepted for it (what form tools write).
COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("horodateur", "horodatage", "timestamp", "date_de_reponse", "date_reponse",
             "submitted_at", "date_de_l_enquete", "date_enquete"),
    "structure": ("nom_de_la_structure", "votre_structure", "structure_id", "id_structure",
                  "organisme", "etablissement", "quelle_est_votre_structure"),
    "territoire": ("territory", "departement", "dept", "numero_de_departement",
                   "votre_departement"),
    "version": ("version_du_carnet", "carnet_version", "quelle_version_du_carnet"),
    "lot": ("numero_de_lot", "lot_d_impression", "lot_number", "numero_du_lot"),
    "remis": ("carnets_remis", "nombre_de_carnets_remis", "handed_out", "carnets_distribues",
              "combien_de_carnets_avez_vous_remis"),
    "revus": ("personnes_revues", "seen_again", "people_seen_again",
              "combien_de_personnes_avez_vous_revues"),
    "avec_carnet": ("revenues_avec_le_carnet", "revenues_avec_leur_carnet", "avec_leur_carnet",
                    "came_back_with_carnet", "came_back",
                    "combien_sont_revenues_avec_leur_carnet"),
    "remplis": ("carnets_remplis", "filled_in", "combien_de_carnets_sont_remplis"),
    "minutes": ("minutes_gagnees", "temps_gagne", "minutes_saved", "temps_gagne_en_minutes",
                "minutes_gagnees_par_rendez_vous"),
    "commentaire": ("comment", "commentaires", "remarque", "remarques", "autre_chose"),
}
COUNTS = ("remis", "revus", "avec_carnet", "remplis")
#: Columns that identify an adviser: never stored; their values are redacted from comments.
PERSONAL = ("nom", "prenom", "nom_prenom", "prenom_nom", "votre_nom", "conseiller",
            "conseillere", "adviser", "name", "email", "e_mail", "adresse_e_mail",
            "adresse_email", "telephone", "tel", "phone", "votre_telephone")
MAX_COUNT = 100_000        # per answer: more is a typing slip, not a structure's month
MAX_MINUTES = 240
MAX_TEXT = 2_000           # characters of a comment or a structure name
STOP = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "a", "au", "aux", "en"}
ABBREVIATIONS = {"ml": "mission locale", "ft": "france travail", "st": "saint",
                 "ste": "sainte", "cd": "conseil departemental", "asso": "association"}
#: Names of one network written several ways, after the abbreviations: France Travail's
#: agencies (« Agence France Travail de X », « FT X »), and Pôle emploi, its former name.
SAME = ((("agence", "france", "travail"), ("france", "travail")),
        (("agence", "pole", "emploi"), ("france", "travail")),
        (("pole", "emploi"), ("france", "travail")))
VERSION = re.compile(r"^(?:version\s*|v\s*)?0*([0-9]{1,3})$", re.I)
SIRET = re.compile(r"[0-9]{3} ?[0-9]{3} ?[0-9]{3}(?: ?[0-9]{5})?")
TERRITORY = re.compile(r"^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$")


@dataclass(frozen=True)
class Answer:
    """One adviser's answer for one structure and version: counts, no person."""

    line: int                  # in the file it was read from
    date: dt.date
    structure: str             # as written (redacted), an organisation
    key: str                   # the normalised structure key that merges spellings
    territory: str             # "" when not said
    version: str
    lot: str                   # "" when the answer named the version
    remis: int | None          # None: not answered
    revus: int | None
    avec_carnet: int | None
    remplis: int | None
    minutes: float | None
    comment: str               # redacted
    id: str = ""               # given when stored

    @property
    def hash(self) -> str:
        """What makes two rows the same answer (a form exports its whole history again)."""
        parts = (self.date.isoformat(), self.key, self.territory, self.version, self.lot,
                 *(str(getattr(self, c)) for c in (*COUNTS, "minutes")), self.comment)
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


@dataclass
class Survey:
    """The answers of one export and how it was read."""

    file: str
    encoding: str
    delimiter: str
    answers: list[Answer]
    ignored: list[str] = field(default_factory=list)     # columns not kept
    redactions: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)


def structure_key(name: str) -> str:
    """The key that merges the spellings of one structure: no case, accents, punctuation or
    little words, the usual abbreviations written out.

    >>> structure_key("Mission Locale de Fictiville"), structure_key("ML  FICTIVILLE")
    ('mission-locale-fictiville', 'mission-locale-fictiville')
    >>> structure_key("CCAS d'Exempleville"), structure_key("S-0042")
    ('ccas-exempleville', 's-0042')
    >>> structure_key("Agence France Travail de Fictiville"), structure_key("FT Fictiville")
    ('france-travail-fictiville', 'france-travail-fictiville')
    >>> structure_key("Pôle emploi Fictiville"), structure_key("---")
    ('france-travail-fictiville', '')
    """
    words: list[str] = []
    for word in normalise(name).split("_"):
        words += ABBREVIATIONS.get(word, word).split()
    kept = [w for w in words if w and w not in STOP] or [w for w in words if w]
    for old, new in SAME:
        for i in range(len(kept) - len(old), -1, -1):
            if tuple(kept[i:i + len(old)]) == old:
                kept[i:i + len(old)] = new
    return "-".join(kept)


def parse_date(text: str) -> dt.date:
    """A form tool's date, with or without its time.

    >>> parse_date("14/03/2026 10:42:05"), parse_date("2026-03-14T10:42")
    (datetime.date(2026, 3, 14), datetime.date(2026, 3, 14))
    """
    head = re.split(r"[ T]", text.strip(), maxsplit=1)[0]
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%Y/%m/%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            day = dt.datetime.strptime(head, fmt).date()
        except ValueError:
            continue
        if 2000 <= day.year <= 2100:
            return day
    raise ValueError(f"« {text} » is not a date (2026-03-14 or 14/03/2026)")


def version_id(text: str) -> str | None:
    """« v11 », « V11 », « 11 », « version 11 » → 'v11'; None if it is no version number.

    >>> version_id("Version 11"), version_id("v011"), version_id("onze")
    ('v11', 'v11', None)
    """
    found = VERSION.match(text.strip())
    return f"v{int(found.group(1))}" if found else None


@dataclass(frozen=True)
class _Kept:
    text: str
    counts: Counter


class _Checker:
    """Validates one row after another against the repository's versions and lots."""

    def __init__(self, name: str, versions: list[str], lots: dict[str, str] | None,
                 released: dict[str, dt.date] | None = None, today: dt.date | None = None):
        # lots None: the store's rows, whose version was resolved when they were imported;
        # released and today: an export's dates are checked against them (not the store's)
        self.name, self.versions, self.lots = name, versions, lots
        self.released, self.today = released or {}, today
        self.problems: list[Problem] = []

    def answer(self, row: Row, names, redact: bool = True) -> tuple[Answer | None, Counter]:
        """The row's Answer, or None with its problems recorded; the redactions made."""
        from monrecap.feedback import redact as redaction

        where = f"{self.name}:{row.line}"
        before = len(self.problems)

        def bad(column: str, message: str) -> None:
            self.problems.append(Problem(where, column, message))

        get = row.get
        date = None
        try:
            date = parse_date(get("date"))
        except ValueError as exc:
            bad("date", "missing" if not get("date") else str(exc))
        structure = " ".join(get("structure").split())
        if not structure:
            bad("structure", "missing")
        elif not structure_key(structure):
            bad("structure", f"« {structure} » names no structure (no letter or digit)")
        for column in ("structure", "commentaire"):
            if len(get(column)) > MAX_TEXT:
                bad(column, f"{len(get(column))} characters; at most {MAX_TEXT}")
        territory = get("territoire").upper()
        if territory and not TERRITORY.match(territory.zfill(2)):
            bad("territoire", f"« {get('territoire')} » is not a French department number")
        version, lot = self._version(get("version"), get("lot").upper(), bad)
        if date is not None:
            self._when(date, version, bad)
        values: dict[str, int | None] = {}
        for column in COUNTS:
            values[column] = self._count(get(column), column, bad)
        minutes = self._minutes(get("minutes"), bad)
        for part, whole in (("avec_carnet", "revus"), ("remplis", "remis")):
            if values[part] is not None and values[whole] is not None \
                    and values[part] > values[whole]:
                bad(part, f"{values[part]} is more than {whole} ({values[whole]})")
        comment = get("commentaire")
        if all(values[c] is None for c in COUNTS) and minutes is None and not comment:
            bad("", "no figure answered (remis, revus, avec_carnet, remplis, minutes) "
                    "and no comment")
        if len(self.problems) > before:
            return None, Counter()
        # A SIREN or SIRET is an organisation's number (and Luhn-valid, like a card): kept.
        comment = " ".join(comment.split())
        clean = redaction.redact if redact else (lambda text, _: _Kept(text, Counter()))
        cleaned_structure = clean(structure, names) if not SIRET.fullmatch(structure) \
            else _Kept(structure, Counter())
        cleaned_comment = clean(comment, names)
        counts = cleaned_structure.counts + cleaned_comment.counts
        return Answer(row.line, date, cleaned_structure.text,
                      structure_key(cleaned_structure.text), territory.zfill(2) if territory
                      else "", version, lot, values["remis"], values["revus"],
                      values["avec_carnet"], values["remplis"], minutes,
                      cleaned_comment.text), counts

    def _version(self, text: str, lot: str, bad) -> tuple[str, str]:
        version = ""
        if text:
            version = version_id(text) or ""
            if version not in self.versions:
                hint = "" if version else did_you_mean(text, self.versions)  # v13 ≠ v3
                bad("version", f"« {text} » is not a version of this repository{hint}; "
                               "known versions: "
                               f"{', '.join(self.versions) or 'none'}")
                version = ""
        if lot and self.lots is None:
            return version, lot
        if lot:
            printed = self.lots.get(lot)
            if printed is None:
                from monrecap.production.ledger import known_lots

                known = list(self.lots)
                bad("lot", f"« {lot} » is not in the ledger (runs/*.yaml)"
                           f"{did_you_mean(lot, known)}; "
                           + (known_lots(known) if known
                              else "the ledger is empty"))
            elif version and version != printed:
                bad("version", f"{version}, but lot {lot} printed {printed}")
            else:
                version = printed
        elif not text:
            bad("version", "missing: give the version (v11) or the lot number (L2026-W50-03)")
        return version, lot

    def _when(self, date: dt.date, version: str, bad) -> None:
        """An answer cannot come from the future, nor speak of a version not yet out."""
        if self.today is not None and date > self.today:
            bad("date", f"« {date.isoformat()} » is after today ({self.today.isoformat()})")
        elif version in self.released and date < self.released[version]:
            bad("date", f"« {date.isoformat()} » is before {version} was released "
                        f"({self.released[version].isoformat()})")

    @staticmethod
    def _count(text: str, column: str, bad) -> int | None:
        if not text:
            return None
        if not re.fullmatch(r"[0-9]{1,9}", text):
            bad(column, f"« {text} » is not a whole number")
            return None
        if int(text) > MAX_COUNT:
            bad(column, f"{text}: more than {MAX_COUNT} in one answer")
            return None
        return int(text)

    @staticmethod
    def _minutes(text: str, bad) -> float | None:
        if not text:
            return None
        clean = text.replace(",", ".").removesuffix("min").strip()
        if not re.fullmatch(r"[0-9]{1,4}(\.[0-9]{1,2})?", clean):
            bad("minutes", f"« {text} » is not a number of minutes")
            return None
        if float(clean) > MAX_MINUTES:
            bad("minutes", f"{text} minutes saved per appointment: at most {MAX_MINUTES}")
            return None
        return float(clean)


def release_dates(root: Path) -> dict[str, dt.date]:
    """Each version's `released:` date, as its carnet.yaml writes it (versions without one,
    or with one that is no date, are left out: the build says why)."""
    from monrecap.content.inherit import read_version, version_ids

    out = {}
    for vid in version_ids(root):
        value = read_version(root, vid).get("released")
        if isinstance(value, dt.datetime):
            value = value.date()
        try:
            out[vid] = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        except ValueError:
            continue
    return out


def read_survey(path: Path, versions: list[str], lots: dict[str, str],
                name: str | None = None, released: dict[str, dt.date] | None = None,
                today: dt.date | None = None) -> Survey:
    """Read and validate a survey export. MonrecapError lists every problem of every row
    (`survey.csv:12: remis: « douze » is not a whole number`); nothing is half-read.
    ``released`` and ``today``: no answer before its version came out, nor after today."""
    from monrecap.feedback.redact import name_pattern

    if not path.is_file():
        raise MonrecapError([Problem(name or str(path), "", "no such file (looked for "
                                     f"{path.absolute()})" if not path.exists() else
                                     "not a file: give the survey export (a .csv file)")])
    table = read_table(path, COLUMNS, ("date", "structure"), name)
    if "version" not in table.columns and "lot" not in table.columns:
        raise MonrecapError([Problem(f"{table.name}:1", "version", "missing column: the "
                                     "version (version) or the lot number (lot) of each answer")])
    personal = [c for c in table.columns if c in PERSONAL]
    ignored = [c for c in table.columns if c not in COLUMNS]
    names = name_pattern(row.get(c) for row in table.rows for c in personal)
    checker = _Checker(table.name, versions, lots, released, today)
    survey = Survey(table.name, table.encoding, table.delimiter, [], ignored)
    checker.problems += table.problems
    for row in table.rows:
        answer, counts = checker.answer(row, names)
        if answer is not None:
            survey.answers.append(answer)
            survey.redactions.update(counts)
    if checker.problems:
        raise MonrecapError(sorted(checker.problems, key=_line))
    survey.warnings += _corrections(survey)
    return survey


def _line(problem: Problem) -> int:
    tail = problem.where.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _corrections(survey: Survey) -> list[str]:
    """Two different answers for one structure, date and version: both are kept (a
    corrected answer is for the team to settle in the store), and said."""
    seen: dict[tuple, Answer] = {}
    out = []
    for answer in survey.answers:
        key = (answer.date, answer.key, answer.version)
        first = seen.setdefault(key, answer)
        if first is not answer and first.hash != answer.hash:
            out.append(f"{survey.file}:{answer.line}: same structure, date and version as line "
                       f"{first.line} with other figures (a corrected answer?); both kept")
    return out


def with_id(answer: Answer, ident: str) -> Answer:
    return replace(answer, id=ident)
