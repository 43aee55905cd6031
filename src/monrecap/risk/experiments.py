"""Field experiments as evidence: `experiments/<id>.yaml`, one protocol each (carnets left on
purpose in public places, say) with its counts, dates and a territory code — never a person.

Changelog entries and risk.yaml cite them (`evidence: [exp-2024-09]`); `build` and `release`
check that each cited id has its file, as they do for feedback ids.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import (
    AfterValidator,
    Field,
    NonNegativeInt,
    PositiveInt,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from monrecap.content.schema import Slug, Text, VersionId
from monrecap.errors import ContentError, Problem
from monrecap.layout import Strict
from monrecap.source import MDict, load_yaml, validate

FOLDER = "experiments"
ID = re.compile(r"^exp-[0-9]{4}-[0-9]{2,}$")
#: A département (01…95, 2A, 2B, 971…976) or a commune's INSEE code: a place, never an address.
TERRITORY = re.compile(r"^(?:0[1-9]|[1-8][0-9]|9[0-5]|2[AB]|97[1-6]|(?:[0-9]{2}|2[AB])[0-9]{3}"
                       r"|97[1-6][0-9]{2})$")


def _territory(value: str) -> str:
    if not TERRITORY.match(value):
        raise ValueError(f"'{value}' is not a territory code: write a département (93, 2A, "
                         "974) or a commune's INSEE code (93008), never an address")
    return value

FREE_TEXTS = ("title", "protocol", "finding")


class Counts(Strict):
    """What happened to the carnets of the protocol."""

    left: PositiveInt = Field(description="carnets left on purpose")
    opened: NonNegativeInt = Field(description="found opened (the seal on the cover broken)")
    returned: NonNegativeInt = Field(description="brought back or handed to a structure")
    written: NonNegativeInt = Field(0, description="carnets in which a finder wrote something")
    called: NonNegativeInt = Field(0, description="carnets whose fictitious numbers were called")

    @model_validator(mode="after")
    def _at_most_left(self) -> "Counts":
        for name in ("opened", "returned", "written", "called"):
            if getattr(self, name) > self.left:
                raise ValueError(f"{name} ({getattr(self, name)}) cannot be more than the "
                                 f"{self.left} carnets left")
        return self


class Experiment(Strict):
    """One field experiment: no personal data, a territory code for the place."""

    id: Annotated[str, StringConstraints(pattern=ID.pattern)]
    title: Text
    protocol: Text
    version: VersionId | None = Field(None, description="the version of the carnets used")
    start: dt.date
    end: dt.date
    territory: Annotated[str, AfterValidator(_territory)] = Field(
        description="a département (93, 2A, 974) or a commune's INSEE code")
    counts: Counts
    held: list[Slug] = Field([], description="what the carnets held, as risk.yaml categories "
                                             "(fictitious data)")
    finding: Text | None = None

    @field_validator("end")
    @classmethod
    def _after_start(cls, end: dt.date, info: ValidationInfo) -> dt.date:
        start = info.data.get("start")
        if start is not None and end < start:
            raise ValueError(f"{end} is before the start, {start}")
        return end

    def summary(self) -> str:
        """One line in French: the counts, the place and the time.

        >>> print(Experiment(id="exp-2024-09", title="t", protocol="p", start="2024-09-02",
        ...       end="2024-09-27", territory="93", version="v7",
        ...       counts={"left": 24, "opened": 15, "returned": 9, "written": 2}).summary())
        24 carnets v7 laissés, 15 ouverts, 9 rendus, 2 où quelqu'un a écrit (93, septembre 2024)
        """
        from monrecap.content.text import month_fr

        c = self.counts
        what = f"{c.left} carnets" + (f" {self.version}" if self.version else "")
        parts = [f"{what} laissés", f"{c.opened} ouverts", f"{c.returned} rendus"]
        if c.written:
            parts.append(f"{c.written} où quelqu'un a écrit")
        if c.called:
            parts.append(f"{c.called} dont un numéro a été appelé")
        return ", ".join(parts) + f" ({self.territory}, {month_fr(self.start)})"


@dataclass(frozen=True)
class Loaded:
    experiment: Experiment
    file: str          # experiments/<id>.yaml
    data: MDict        # the marked YAML, to point at a line


def experiment_files(root: Path) -> list[Path]:
    folder = root / FOLDER
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def load_experiments(root: Path, personal: bool = True) -> dict[str, Loaded]:
    """Every experiment of the repository by id; ContentError listing every problem (a
    file that does not validate, an id that is not its file name, a version the repository
    does not have, personal data in a free text — looked for unless ``personal`` is False:
    `build` checks what risk.yaml cites without loading the redaction)."""
    from monrecap.content.inherit import version_ids

    out: dict[str, Loaded] = {}
    problems: list[Problem] = []
    versions = None
    for path in experiment_files(root):
        display = f"{FOLDER}/{path.name}"
        try:
            data = load_yaml(path, display)
            if not isinstance(data, MDict):
                raise ContentError([Problem(display, "", "must be a mapping of keys to values")])
            experiment = validate(Experiment, data)
        except ContentError as exc:
            problems += exc.problems
            continue
        if experiment.id != path.stem:
            problems.append(data.mark_of("id").problem(
                f"'{experiment.id}' must be the file's name: {FOLDER}/{experiment.id}.yaml"))
            continue
        if personal:
            problems += _personal_data(experiment, data)
        if experiment.version is not None:
            versions = version_ids(root) if versions is None else versions
            if experiment.version not in versions:
                problems.append(data.mark_of("version").problem(
                    _unknown_version(experiment.version, versions)))
        out[experiment.id] = Loaded(experiment, display, data)
    if problems:
        raise ContentError(problems)
    return out


def _unknown_version(vid: str, versions: list[str]) -> str:
    from monrecap.source import did_you_mean

    known = f"the versions are {versions[0]} to {versions[-1]}" if versions else \
        "the repository has no version yet"
    return (f"'{vid}' is not a version of this repository (no versions/{vid}/carnet.yaml)"
            f"{did_you_mean(vid, versions)}; {known}")


def _personal_data(experiment: Experiment, data: MDict) -> list[Problem]:
    """An experiment holds counts and places, never a person: a phone number, an e-mail, a
    NIR, an IBAN, a card number or a date of birth in a free text is refused."""
    from monrecap.feedback.redact import PLACEHOLDERS, redact

    problems = []
    for name in FREE_TEXTS:
        text = getattr(experiment, name)
        if text is None:
            continue
        found = redact(text).counts
        if found:
            kinds = ", ".join(PLACEHOLDERS[k].strip("[]") for k in sorted(found))
            problems.append(data.mark_of(name).problem(
                f"personal data ({kinds}): an experiment records counts, dates and a "
                "territory code, never a person"))
    return problems


def known_ids(root: Path) -> frozenset[str]:
    """The experiments' ids, for the evidence check of `build` and `release`."""
    return frozenset(load_experiments(root))


def cited_excerpts(root: Path, ids: list[str]) -> dict[str, str]:
    """id → the experiment's title and counts, for the cited ids that exist."""
    found = load_experiments(root)
    return {i: f"{found[i].experiment.title} : {found[i].experiment.summary()}"
            for i in ids if i in found}
