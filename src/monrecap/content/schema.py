"""The content schema: one pydantic model per page kind, and the version file around them."""

from __future__ import annotations

import datetime as dt
import urllib.parse
from typing import Annotated, Literal, Union

from pydantic import (
    AfterValidator,
    Field,
    PositiveInt,
    StringConstraints,
    field_validator,
    model_validator,
)

from monrecap.content.blocks import AnyBlock
from monrecap.content.fields import Keyed, Picto, Slug, Text, VersionId, _picto, _without_empty  # noqa: F401
from monrecap.content.phones import check_phone
from monrecap.evidence import evidence_id
from monrecap.layout import Strict


class PageBase(Strict):
    """What every page has: a stable id (pages merge by it) and a title."""

    id: Slug
    title: Text
    feedback_words: list[Text] = Field(
        [], description="words that tie a feedback message to this page, besides its title")
    # Not printed: left out of the resolved content (and the diff) unless a version sets it.
    _dump = _without_empty("feedback_words")


class Couverture(PageBase):
    """Front cover: title, subtitle, the owner's first name, a pictogram, an optional band."""

    kind: Literal["couverture"]
    subtitle: Text | None = None
    owner_label: Text = "Ce carnet appartient à :"
    owner_hint: Text | None = "Mon prénom"
    picto: Picto | None = None
    band: Text | None = Field(None, description="co-financing or sponsor line")


class Step(Keyed):
    """One step of the how-to page; merges by its ``text`` (or ``id``)."""

    text: Text
    picto: Picto | None = None


class ModeEmploi(PageBase):
    """How to use the carnet: 3 to 5 numbered steps, each with a pictogram."""

    kind: Literal["mode-emploi"]
    picto: Picto | None = None
    intro: Text | None = None
    steps: list[Step] = Field(min_length=3, max_length=5)


class RendezVousLabels(Strict):
    date: Text = "Date"
    time: Text = "Heure"
    place: Text = "Lieu et adresse"
    with_whom: Text = "Avec qui"
    bring: Text = "À apporter"


class RendezVous(PageBase):
    """Appointment pages: ``pages`` pages of ``slots`` blank appointments each."""

    kind: Literal["rendez-vous"]
    picto: Picto | None = None
    pages: PositiveInt = 1
    slots: PositiveInt
    labels: RendezVousLabels = RendezVousLabels()
    bring: list[Text] = Field(min_length=1, max_length=4)


class ContactLabels(Strict):
    name: Text = "Nom"
    phone: Text = "Téléphone"
    email: Text = "E-mail"
    hours: Text = "Horaires"


class ContactCard(Keyed):
    """One card; the structure type is printed, the rest is blank unless pre-printed.
    Cards merge by ``structure`` (or ``id``)."""

    structure: Text
    nom: Text | None = None
    telephone: Text | None = None
    email: Text | None = None
    horaires: Text | None = None

    _telephone = field_validator("telephone")(classmethod(lambda cls, v: check_phone(v)))


class Contacts(PageBase):
    """Contact cards, as many pages as the cards need."""

    kind: Literal["contacts"]
    picto: Picto | None = None
    card_style: Literal["simple", "bandeau"] = Field(
        "simple", description="bandeau: the structure type on a coloured band (v11)")
    labels: ContactLabels = ContactLabels()
    cards: list[ContactCard] = Field(min_length=1)


class ActionLabels(Strict):
    what: Text = "Ce que je dois faire"
    helper: Text = "Qui m'aide"
    due: Text = "Pour quand"


class Actions(PageBase):
    """Action rows with a status to tick."""

    kind: Literal["actions"]
    picto: Picto | None = None
    pages: PositiveInt = 1
    rows: PositiveInt
    labels: ActionLabels = ActionLabels()
    statuses: list[Text] = Field(default=["À faire", "En cours", "Fait"], min_length=2,
                                 max_length=3)


class Documents(PageBase):
    """A checklist of the papers people are usually asked for."""

    kind: Literal["documents"]
    picto: Picto | None = None
    intro: Text | None = None
    items: list[Text] = Field(min_length=1)


class Notes(PageBase):
    """Lined pages."""

    kind: Literal["notes"]
    picto: Picto | None = None
    pages: PositiveInt = 1


class Section(Keyed):
    """A section of the personal-data page; merges by ``heading`` (or ``id``)."""

    heading: Text
    picto: Picto | None = None
    items: list[Text] = Field(min_length=1)


class Donnees(PageBase):
    """Personal data and safety: what never to write, what to do if the carnet is lost."""

    kind: Literal["donnees"]
    picto: Picto | None = None
    intro: Text | None = None
    sections: list[Section] = Field(min_length=1, max_length=3)


class Glossaire(PageBase):
    """The version's glossary, printed: each acronym or administrative word, explained."""

    kind: Literal["glossaire"]
    picto: Picto | None = None
    intro: Text | None = None


class Avis(PageBase):
    """The feedback block: phone and WhatsApp numbers printed large, and a WhatsApp QR code."""

    kind: Literal["avis"]
    picto: Picto | None = None
    intro: Text
    phone_label: Text = "Par téléphone :"
    phone: Text
    whatsapp_label: Text = "Par WhatsApp :"
    whatsapp: Text | None = Field(None, description="with qr_message: the WhatsApp channel")
    qr_label: Text = "Ou scannez ce code avec votre téléphone :"
    qr_message: Text | None = None

    _numbers = field_validator("phone", "whatsapp")(classmethod(lambda cls, v: check_phone(v)))

    @model_validator(mode="after")
    def _qr_needs_whatsapp(self) -> "Avis":
        if self.qr_message is not None and self.whatsapp is None:
            raise ValueError("qr_message needs a whatsapp number to open a chat with")
        return self

    @property
    def qr_url(self) -> str | None:
        """wa.me link that opens a chat with the WhatsApp number, the message prefilled."""
        if self.whatsapp is None or self.qr_message is None:
            return None
        digits = "33" + self.whatsapp.replace(" ", "")[1:]
        return f"https://wa.me/{digits}?text={urllib.parse.quote(self.qr_message)}"


class Blocs(PageBase):
    """A page composed in YAML: the title band with its pictogram, then ``blocks`` drawn top
    to bottom (``blocks.py``); ``pages`` copies of it."""

    kind: Literal["blocs"]
    template: Slug | None = Field(None, description="layouts/pages/NAME.yaml: its blocks, "
                                  "under this page's own")
    picto: Picto | None = None
    pages: Annotated[int, Field(ge=1, le=40)] = 1
    blocks: list[AnyBlock] = Field(min_length=1, max_length=40)
    _dump = _without_empty("feedback_words", "template")


class Dos(PageBase):
    """Back cover: version, release date, publisher, licence, print-lot field, disposal line."""

    kind: Literal["dos"]
    lines: list[Text] = Field(min_length=1, description="version, date, publisher, licence")
    lot_label: Text | None = Field(None, description="a box for the print-lot code (v11)")
    disposal: Text = "Ne pas jeter sur la voie publique."


Page = Annotated[
    Union[Couverture, ModeEmploi, RendezVous, Contacts, Actions, Documents, Notes, Donnees,
          Glossaire, Avis, Blocs, Dos],
    Field(discriminator="kind"),
]

PAGE_KINDS = ["couverture", "mode-emploi", "rendez-vous", "contacts", "actions", "documents",
              "notes", "donnees", "glossaire", "avis", "blocs", "dos"]

#: Kinds that close the carnet: padding pages go before them so the back cover stays last.
CLOSING_KINDS = ("avis", "dos")


class ChangeEntry(Strict):
    """One change of a version and the field finding behind it."""

    change: Text
    finding: Text
    evidence: list[Annotated[str, AfterValidator(evidence_id)]] = Field(
        [], description="ids of the evidence behind the finding: feedback messages "
                        "(fb-2026-0142, feedback/<year>.jsonl), field experiments "
                        "(exp-2024-09, experiments/<id>.yaml), decisions of the users' "
                        "committee (dec-2025-02, decisions/<id>.yaml)")
    _dump = _without_empty("evidence")


class LintOverride(Strict):
    """A version may lower a lint rule's severity, saying why (never a sensitive-data rule)."""

    severity: Literal["warning", "info"]
    reason: Text


RiskLevel = Literal["négligeable", "limitée", "importante", "maximale"]
#: A page id, or a page id and a field's key path: ``notes``, ``rendez-vous.labels.place``.
RiskKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*(\.[a-z_]+|\.[0-9]+)*$")]


class RiskNote(Strict):
    """A version's own classification of a field or page for the risk register (`monrecap
    risk`), with its reason: like a lint override, shown in the report."""

    category: Slug = Field(description="a category of risk.yaml, or none: no personal data")
    reason: Text
    severity: RiskLevel | None = Field(None, description="default: the category's")


class RiskDecision(Strict):
    """A residual risk the version accepts (the release refuses « maximale » without it)."""

    reason: Text
    decided: dt.date | None = None


class VersionSpec(Strict):
    """A resolved version file (after ``extends:``)."""

    version: VersionId
    extends: VersionId | None = None
    title: Text
    released: dt.date
    layout: Slug = "a6-poche"
    changelog: list[ChangeEntry] = Field(min_length=1)
    variables: dict[Annotated[str, StringConstraints(pattern=r"^[a-z_][a-z0-9_]*$")],
                    str | int] = {}
    print: list[Slug] = Field([], description="print profiles (layouts/print) built with it")
    glossary: dict[str, Text] = Field({}, description="acronyms and jargon, explained")
    lint: dict[str, LintOverride] = {}
    pages: list[Page] = Field(min_length=1)
    risk: dict[RiskKey, RiskNote] = Field(
        {}, description="the risk register's classification of a page or field, with a reason")
    risk_accepted: dict[RiskKey, RiskDecision] = Field(
        {}, description="residual risks this version accepts, field by field (not inherited)")
    _dump = _without_empty("risk", "risk_accepted")
