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
    WithJsonSchema,
    field_validator,
    model_validator,
)

from monrecap.content.blocks import AnyBlock
from monrecap.content.fields import Keyed, Picto, Slug, Text, VersionId, _picto, _without_empty  # noqa: F401
from monrecap.content.phones import check_phone
from monrecap.evidence import ID_PATTERN, evidence_id
from monrecap.layout import Strict


#: The most pages one entry makes (a hostile file is bounded work; a carnet is far thinner).
MAX_PAGES = 40


class PageBase(Strict):
    """What every page has: a stable id (pages merge by it) and a title."""

    id: Slug = Field(description="le nom stable de la page, jamais imprimé : les versions "
                     "suivantes et les éditions la désignent par lui")
    title: Text = Field(description="le titre imprimé dans le bandeau de la page")
    feedback_words: list[Text] = Field(
        [], description="des mots qui relient un avis du terrain à cette page, en plus de "
                        "son titre (non imprimés)")
    # Not printed: left out of the resolved content (and the diff) unless a version sets it.
    _dump = _without_empty("feedback_words")


class Couverture(PageBase):
    """Front cover: title, subtitle, the owner's first name, a pictogram, an optional band."""

    kind: Literal["couverture"] = Field(description="la couverture : titre, sous-titre, le "
                                        "prénom de la personne, un pictogramme")
    subtitle: Text | None = Field(None, description="le sous-titre")
    owner_label: Text = Field("Ce carnet appartient à :",
                              description="le texte avant la ligne du prénom")
    owner_hint: Text | None = Field("Mon prénom", description="l'aide sous la ligne du prénom")
    picto: Picto | None = Field(None, description="le pictogramme de la couverture")
    band: Text | None = Field(None, description="le bandeau du cofinanceur ou du soutien")


class Step(Keyed):
    """One step of the how-to page; merges by its ``text`` (or ``id``)."""

    text: Text = Field(description="ce que fait la personne, en une phrase")
    picto: Picto | None = Field(None, description="le pictogramme de l'étape")


class ModeEmploi(PageBase):
    """How to use the carnet: 3 to 5 numbered steps, each with a pictogram."""

    kind: Literal["mode-emploi"] = Field(description="le mode d'emploi : 3 à 5 étapes "
                                         "numérotées, chacune avec son pictogramme")
    picto: Picto | None = Field(None, description="le pictogramme du titre")
    intro: Text | None = Field(None, description="une phrase avant les étapes")
    steps: list[Step] = Field(min_length=3, max_length=5, description="les étapes, de 3 à 5")


class RendezVousLabels(Strict):
    date: Text = Field("Date", description="l'étiquette de la date")
    time: Text = Field("Heure", description="l'étiquette de l'heure")
    place: Text = Field("Lieu et adresse", description="l'étiquette du lieu")
    with_whom: Text = Field("Avec qui", description="l'étiquette de la personne vue")
    bring: Text = Field("À apporter", description="l'étiquette de ce qu'il faut apporter")


class RendezVous(PageBase):
    """Appointment pages: ``pages`` pages of ``slots`` blank appointments each."""

    kind: Literal["rendez-vous"] = Field(description="des rendez-vous à remplir : date, "
                                         "heure, lieu, avec qui, à apporter")
    picto: Picto | None = Field(None, description="le pictogramme du titre")
    pages: PositiveInt = Field(1, le=MAX_PAGES, description="le nombre de pages de rendez-vous")
    slots: PositiveInt = Field(le=20, description="rendez-vous par page (un format qui remplit les "
                               "pages choisit lui-même)")
    labels: RendezVousLabels = Field(RendezVousLabels(), description="les étiquettes des lignes")
    bring: list[Text] = Field(min_length=1, max_length=4,
                              description="les choses à apporter, à cocher (1 à 4)")


class ContactLabels(Strict):
    name: Text = Field("Nom", description="l'étiquette du nom")
    phone: Text = Field("Téléphone", description="l'étiquette du téléphone")
    email: Text = Field("E-mail", description="l'étiquette de l'e-mail")
    hours: Text = Field("Horaires", description="l'étiquette des horaires")


class ContactCard(Keyed):
    """One card; the structure type is printed, the rest is blank unless pre-printed.
    Cards merge by ``structure`` (or ``id``)."""

    structure: Text = Field(description="le type de structure, imprimé (France Travail, "
                            "Mission locale…) : la fiche est désignée par lui")
    nom: Text | None = Field(None, description="pré-imprimé à la place de la ligne du nom")
    telephone: Text | None = Field(None, description="pré-imprimé : un numéro vérifié")
    email: Text | None = Field(None, description="pré-imprimé à la place de la ligne d'e-mail")
    horaires: Text | None = Field(None, description="pré-imprimés à la place de la ligne des "
                                  "horaires")

    _telephone = field_validator("telephone")(classmethod(lambda cls, v: check_phone(v)))


class Contacts(PageBase):
    """Contact cards, as many pages as the cards need."""

    kind: Literal["contacts"] = Field(description="des fiches contact, sur autant de pages "
                                      "qu'il en faut")
    picto: Picto | None = Field(None, description="le pictogramme du titre")
    card_style: Literal["simple", "bandeau"] = Field(
        "simple", description="bandeau : le type de structure sur un bandeau de couleur")
    labels: ContactLabels = Field(ContactLabels(), description="les étiquettes des lignes")
    cards: list[ContactCard] = Field(min_length=1, max_length=60,
                                     description="les fiches, une par structure")


class ActionLabels(Strict):
    what: Text = Field("Ce que je dois faire", description="l'étiquette de la démarche")
    helper: Text = Field("Qui m'aide", description="l'étiquette de la personne qui aide")
    due: Text = Field("Pour quand", description="l'étiquette de l'échéance")


class Actions(PageBase):
    """Action rows with a status to tick."""

    kind: Literal["actions"] = Field(description="des démarches en cours, avec un état à "
                                     "cocher")
    picto: Picto | None = Field(None, description="le pictogramme du titre")
    pages: PositiveInt = Field(1, le=MAX_PAGES, description="le nombre de pages de démarches")
    rows: PositiveInt = Field(le=20, description="démarches par page (un format qui remplit les pages "
                              "choisit lui-même)")
    labels: ActionLabels = Field(ActionLabels(), description="les étiquettes des lignes")
    statuses: list[Text] = Field(default=["À faire", "En cours", "Fait"], min_length=2,
                                 max_length=3, description="les états à cocher (2 ou 3)")


class Documents(PageBase):
    """A checklist of the papers people are usually asked for."""

    kind: Literal["documents"] = Field(description="la liste des papiers souvent demandés, "
                                       "à cocher")
    picto: Picto | None = Field(None, description="le pictogramme du titre")
    intro: Text | None = Field(None, description="une phrase avant la liste")
    items: list[Text] = Field(min_length=1, max_length=40,
                              description="les papiers, un par ligne")


class Notes(PageBase):
    """Lined pages."""

    kind: Literal["notes"] = Field(description="des pages de lignes pour écrire")
    picto: Picto | None = Field(None, description="le pictogramme du titre")
    pages: PositiveInt = Field(1, le=MAX_PAGES, description="le nombre de pages de notes")


class Section(Keyed):
    """A section of the personal-data page; merges by ``heading`` (or ``id``)."""

    heading: Text = Field(description="l'intertitre de la partie : elle est désignée par lui")
    picto: Picto | None = Field(None, description="le pictogramme de la partie")
    items: list[Text] = Field(min_length=1, max_length=40,
                              description="les phrases de la partie")


class Donnees(PageBase):
    """Personal data and safety: what never to write, what to do if the carnet is lost."""

    kind: Literal["donnees"] = Field(description="mes informations : ce qu'il ne faut jamais "
                                     "écrire, que faire si le carnet est perdu")
    picto: Picto | None = Field(None, description="le pictogramme du titre")
    intro: Text | None = Field(None, description="le texte avant les parties")
    sections: list[Section] = Field(min_length=1, max_length=3,
                                    description="les parties, de 1 à 3")


class Glossaire(PageBase):
    """The version's glossary, printed: each acronym or administrative word, explained."""

    kind: Literal["glossaire"] = Field(description="les mots à connaître : le glossaire de "
                                       "la version (glossary), imprimé")
    picto: Picto | None = Field(None, description="le pictogramme du titre")
    intro: Text | None = Field(None, description="une phrase avant les mots")


class Avis(PageBase):
    """The feedback block: phone and WhatsApp numbers printed large, and a WhatsApp QR code."""

    kind: Literal["avis"] = Field(description="donner son avis : les numéros en grand et un "
                                  "QR code WhatsApp")
    picto: Picto | None = Field(None, description="le pictogramme du titre")
    intro: Text = Field(description="la phrase qui invite à donner son avis")
    phone_label: Text = Field("Par téléphone :", description="le texte avant le numéro")
    phone: Text = Field(description="le numéro pour donner son avis, vérifié")
    whatsapp_label: Text = Field("Par WhatsApp :", description="le texte avant le numéro "
                                 "WhatsApp")
    whatsapp: Text | None = Field(None, description="le numéro WhatsApp (avec qr_message : "
                                  "le QR code ouvre une discussion avec lui)")
    qr_label: Text = Field("Ou scannez ce code avec votre téléphone :",
                           description="le texte au-dessus du QR code")
    qr_message: Text | None = Field(None, description="le message déjà écrit quand on scanne "
                                    "le QR code (il faut un numéro whatsapp)")

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

    kind: Literal["blocs"] = Field(description="une page composée de blocs : textes, listes, "
                                   "lignes à remplir, cases, fiches, numéros…")
    template: Slug | None = Field(None, description="un modèle de page (layouts/pages/NOM.yaml) : "
                                  "ses blocs, sous ceux de cette page")
    picto: Picto | None = Field(None, description="le pictogramme du titre")
    pages: Annotated[int, Field(ge=1, le=40)] = Field(1, description="le nombre d'exemplaires de cette page (40 au plus)")
    blocks: list[AnyBlock] = Field(min_length=1, max_length=40, description="les blocs, de haut en bas")
    _dump = _without_empty("feedback_words", "template")


class Dos(PageBase):
    """Back cover: version, release date, publisher, licence, print-lot field, disposal line."""

    kind: Literal["dos"] = Field(description="le dos : version, date, éditeur, licence, lot "
                                 "d'impression")
    lines: list[Text] = Field(min_length=1, description="les lignes : version, date, éditeur, "
                              "licence")
    lot_label: Text | None = Field(None, description="un cadre pour le code du lot d'impression")
    disposal: Text = Field("Ne pas jeter sur la voie publique.",
                           description="la mention en bas du dos")


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

    change: Text = Field(description="ce qui change, en une phrase")
    finding: Text = Field(description="le constat de terrain qui explique ce changement")
    evidence: list[Annotated[str, AfterValidator(evidence_id),
                             WithJsonSchema({"type": "string", "pattern": ID_PATTERN})]] = Field(
        [], description="les preuves du constat : avis (fb-2026-0142), expériences "
                        "(exp-2024-09, experiments/), décisions du comité des usagers "
                        "(dec-2025-02, decisions/)")
    _dump = _without_empty("evidence")


class LintOverride(Strict):
    """A version may lower a lint rule's severity, saying why (never a sensitive-data rule)."""

    severity: Literal["warning", "info"] = Field(description="warning (avertissement) ou info")
    reason: Text = Field(description="pourquoi cette version abaisse la règle")


RiskLevel = Literal["négligeable", "limitée", "importante", "maximale"]
#: A page id, or a page id and a field's key path: ``notes``, ``rendez-vous.labels.place``,
#: ``budget.blocks.mois.blocks.sommes.fields.1`` (a block by its id).
RiskKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*(\.[a-z0-9_-]+)*$")]


class RiskNote(Strict):
    """A version's own classification of a field or page for the risk register (`monrecap
    risk`), with its reason: like a lint override, shown in the report."""

    category: Slug = Field(description="une catégorie de risk.yaml, ou none : pas de donnée "
                           "personnelle")
    reason: Text = Field(description="pourquoi")
    severity: RiskLevel | None = Field(None, description="par défaut, celle de la catégorie")


class RiskDecision(Strict):
    """A residual risk the version accepts (the release refuses « maximale » without it)."""

    reason: Text = Field(description="pourquoi ce risque est accepté")
    decided: dt.date | None = Field(None, description="la date de la décision")


class VersionSpec(Strict):
    """A resolved version file (after ``extends:``)."""

    version: VersionId = Field(description="l'identifiant de la version, celui de son dossier "
                               "(v12)")
    extends: VersionId | None = Field(None, description="la version dont celle-ci part : "
                                      "elle ne dit que ce qui change")
    title: Text = Field(description="le titre du carnet")
    released: dt.date = Field(description="la date de sortie, AAAA-MM-JJ")
    layout: Slug = Field("a6-poche", description="le format (layouts/NOM.yaml)")
    changelog: list[ChangeEntry] = Field(min_length=1, description="ce qui change dans cette "
                                         "version, et pourquoi (jamais hérité)")
    variables: dict[Annotated[str, StringConstraints(pattern=r"^[a-z_][a-z0-9_]*$")],
                    str | int] = Field({}, description="des valeurs à reprendre dans les "
                                       "textes : {{ nom }}")
    print: list[Slug] = Field([], description="les profils d'impression (layouts/print) de "
                              "cette version")
    glossary: dict[str, Text] = Field({}, description="les sigles et les mots difficiles, "
                                      "expliqués")
    lint: dict[str, LintOverride] = Field({}, description="les règles de relecture que cette "
                                          "version abaisse, avec la raison (jamais hérité)")
    pages: list[Page] = Field(min_length=1, description="les pages, dans l'ordre")
    risk: dict[RiskKey, RiskNote] = Field(
        {}, description="le classement d'une page ou d'un champ pour le registre des risques, "
                        "avec la raison")
    risk_accepted: dict[RiskKey, RiskDecision] = Field(
        {}, description="les risques résiduels que cette version accepte, champ par champ "
                        "(jamais hérité)")
    _dump = _without_empty("risk", "risk_accepted")
