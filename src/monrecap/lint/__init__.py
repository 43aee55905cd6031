"""`monrecap lint`: the easy-to-read rules (FALC) and the sensitive-data risk, checked on a
version's resolved content, each finding at the YAML line that wrote the field."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from monrecap.content import Carnet, load_version, version_ids
from monrecap.layout import Layout, load_layout
from monrecap.lint.french import kandel_moles, lix, sentences, words
from monrecap.lint.sensitive import FAMILIES, judge
from monrecap.source import Mark, did_you_mean

#: Fields of running text: sentence rules apply to them.
#: A block page's fields are named by their path through ``blocks`` (cards nest them).
_BLOCK = r"(?:blocks\.\d+\.)+"
RUNNING = re.compile(r"^(intro|subtitle|steps\.\d+\.text|items\.\d+|sections\.\d+\.items\.\d+"
                     r"|owner_label|qr_label|phone_label|whatsapp_label"
                     rf"|{_BLOCK}(?:text|items\.\d+|items\.\d+\.text|label))$")
#: Fields that are never printed as text (the QR code's message is encoded, not read).
NOT_PRINTED = re.compile(r"^(id|.*\.id|kind|picto|.*\.picto|qr_message|card_style|pages|slots|rows"
                         rf"|feedback_words\.\d+|{_BLOCK}(?:type|url|repeat|count|size))$")

#: Fill-in labels: a writing line follows them (on the notes pages, the title heads the lines).
FILL_IN = re.compile(r"^(labels\.(?!bring$)\w+|owner_label|owner_hint|lot_label"
                     rf"|{_BLOCK}fields\.\d+(?:\.label)?)$")
#: Boxes to tick: « Mon RIB » there is a paper to bring.
CHECKLIST = re.compile(rf"^(items|bring|{_BLOCK}boxes)\.\d+$")
#: Titles (page titles, section headings, cards' bands): short, as easy-to-read titles are.
TITLE = re.compile(rf"^(title|sections\.\d+\.heading|{_BLOCK}title)$")
SENSITIVE_HINT = "the carnet never asks for it; say it must never be written"
#: Every rule the lint knows, by id (a version lowers one by naming it).
RULES = frozenset({
    "layout.contrast", "layout.line-spacing", "layout.pictogram", "layout.type-size",
    "phone.number", "sentence.length", "sentence.one-per-line", "style.caps",
    "style.conditional", "style.emphasis", "style.negative", "title.length",
    "words.abbreviation", "words.acronym", "words.date", "words.glossary-page",
    "words.numbers", "words.parentheses", "words.symbol"}) | frozenset(FAMILIES)
#: Rules no version may lower: the carnet never invites sensitive data, and the numbers it
#: prints are dialled.
UNLOWERED = ("sensitive.", "phone.")
TITLE_WORDS = (6, 10)  # over the first: a warning; over the second: an error
ACRONYM = re.compile(r"\b[A-ZÀÂÉÈÊÎÔÛ]{2,}\b")
#: Two words or more in capitals in a row: a shouted sentence, not acronyms.
CAPS_RUN = re.compile(r"\b[A-ZÀÂÉÈÊÎÔÛÇ]{2,}(?:[ ’'-]+[A-ZÀÂÉÈÊÎÔÛÇ]+)+\b")
ABBREVIATION = re.compile(r"\b(?:Tél|tél|etc|Mme|Mlle|Dr|cf|ex|env)\.|\bn°|\bN°|\bJJ\b|\bMM\b|"
                          r"\bAAAA\b")
DATE_IN_DIGITS = re.compile(r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b")
NUMBER_WORDS = re.compile(r"\b(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze)\b",
                          re.IGNORECASE)
#: A verb in the conditional (« pourriez », « ferait »), not a word that ends like one
#: (« frais », « un extrait d'acte de naissance », « un retrait »).
CONDITIONAL = re.compile(r"\b(?!(?:frais|vrais|marais|rabais|engrais|trait|traits|portraits?"
                         r"|retraits?|extraits?|attraits?|abstraits?|distraits?)\b)"
                         r"\w+(?:rais|rait|rions|riez|raient)\b", re.IGNORECASE)
NEGATIVE = re.compile(r"\b(?:ne|n['’]\w+)\b.*?\b(?:pas|jamais|plus|rien)\b", re.IGNORECASE)
WEB = re.compile(r"https?://|www\.|\b[\w-]+\.(?:fr|org|com|net|gouv)\b")
MARKUP = re.compile(r"<\s*/?\s*[iu]\s*>|(?<!\w)_[^_]+_(?!\w)|(?<!\*)\*[^*]+\*(?!\*)")


@dataclass(frozen=True)
class LintFinding:
    rule: str
    severity: str
    where: str           # file:line:col
    path: str            # key path in that file
    message: str
    hint: str
    lowered: str = ""    # the reason, when the version lowered the severity
    rule_severity: str = ""  # the rule's own severity, before the version lowered it

    def line(self) -> str:
        """`file:line:col: key path: severity: rule: message (fix: hint)`, one line."""
        note = f" (lowered: {self.lowered})" if self.lowered else ""
        path = f" {self.path}:" if self.path else ""
        return (f"{self.where}:{path} {self.severity}: {self.rule}: {self.message}{note} "
                f"(fix: {self.hint})")


@dataclass
class LintReport:
    version: str
    findings: list[LintFinding] = field(default_factory=list)
    readability: dict[str, dict[str, float | None]] = field(default_factory=dict)
    longest: int = 0

    @property
    def errors(self) -> list[LintFinding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[LintFinding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def sensitive_errors(self) -> list[LintFinding]:
        return [f for f in self.errors if f.rule.startswith("sensitive.")]


def _texts(value: Any, path: tuple = ()) -> list[tuple[tuple, str]]:
    """Every printed string of a page model, with its key path."""
    out = []
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, list):
        for i, item in enumerate(value):
            out += _texts(item, path + (i,))
    elif hasattr(type(value), "model_fields"):
        for name in type(value).model_fields:
            out += _texts(getattr(value, name), path + (name,))
    return out


def lint_carnet(carnet: Carnet, layout: Layout, ancestors: list[Carnet] = ()) -> LintReport:
    """Every rule on every printed field; the version's overrides applied."""
    report = LintReport(carnet.version)
    overrides = carnet.spec.lint
    glossary = {k.upper() for k in carnet.spec.glossary}

    def add(rule, severity, page_id, path, message, hint, mark=None, typed=None):
        if mark is None:
            mark = carnet.locate(page_id, path) if page_id else carnet.locate_top(*path)
            if mark.where in carnet.origins:  # printed through a variable: where it was typed
                mark = carnet.origins[mark.where][0]
            elif typed is not None:  # a value inside a sentence, from a variable that holds it
                mark = next((m for _, m, value in carnet.printed_variables.get(mark.where, ())
                             if typed in str(value)), mark)
        lowered, own = "", severity
        if rule in overrides and not rule.startswith(UNLOWERED):
            severity, lowered = overrides[rule].severity, overrides[rule].reason
        report.findings.append(LintFinding(rule, severity, mark.where, mark.path_str, message,
                                           hint, lowered, own))

    for key in overrides:
        if key.startswith(UNLOWERED):
            add("lint.override", "error", None, ("lint", key),
                f"the rule {key} cannot be lowered",
                "remove the override: the carnet never invites sensitive data, and a reader "
                "dials the numbers it prints")
        elif key not in RULES:
            add("lint.override", "error", None, ("lint", key),
                f"no lint rule '{key}'{did_you_mean(key, sorted(RULES))}",
                "name a rule as the lint prints it (monrecap lint vN)")
    all_running, longest = [], 0
    for page in carnet.pages:
        page_running = []
        headings = {}
        for path, text in _texts(page):
            name = ".".join(str(p) for p in path)
            if NOT_PRINTED.match(name):
                continue
            if re.match(r"sections\.\d+\.heading$", name):
                headings[path[1]] = text
        for path, text in _texts(page):
            name = ".".join(str(p) for p in path)
            if NOT_PRINTED.match(name):
                continue
            _sensitive(add, page, path, name, text, headings)
            _words(add, page.id, path, text, glossary)
            if TITLE.match(name):
                _title(add, page.id, path, text)
            if RUNNING.match(name):
                page_running.append(text)
                longest = max(longest, _sentences(add, page.id, path, text,
                                                  negative=not name.startswith("sections.")))
        if page.kind not in ("couverture", "dos", "notes") and getattr(page, "picto", 1) is None:
            add("layout.pictogram", "error", page.id, ("title",),
                "a section title without a pictogram",
                "every section title has a pictogram that carries its meaning")
        text = " ".join(page_running)
        report.readability[page.id] = {"kandel_moles": _round(kandel_moles(text)),
                                       "lix": _round(lix(text))}
        all_running += page_running
    whole = " ".join(all_running)
    report.readability["carnet"] = {"kandel_moles": _round(kandel_moles(whole)),
                                    "lix": _round(lix(whole))}
    report.longest = longest
    for term, meaning in carnet.spec.glossary.items():  # printed on the glossary page
        for rule in sorted(set(judge(term, "definition") + judge(meaning, "definition"))):
            add(rule, "error", None, ("glossary", term),
                f"the entry « {term} » {_invites(rule)}", SENSITIVE_HINT)
    # The version's own changelog is printed on « Quoi de neuf » (`monrecap feedback sheet`):
    # the same rules as running text, so that the lint and the sheet never disagree on it.
    for i, entry in enumerate(carnet.changelog):
        text = " ".join(entry.change.split())
        _words(add, None, ("changelog", i, "change"), text, glossary)
        _sentences(add, None, ("changelog", i, "change"), text)
    _layout_rules(add, layout)
    if carnet.spec.glossary and not any(p.kind == "glossaire" for p in carnet.pages):
        add("words.glossary-page", "warning", None, ("glossary",),
            "the glossary is declared but not printed",
            "add a page of kind glossaire: readers need the explanations on paper")
    if any(any(p.kind == "donnees" for p in a.pages) for a in ancestors) and \
            not any(p.kind == "donnees" for p in carnet.pages):
        add("sensitive.data-page", "error", None, ("pages",),
            "the personal-data page is missing", "it has been in the carnet since it was added")
    return report


def _round(value):
    return None if value is None else round(value, 1)


def _sensitive(add, page, path, name, text, headings) -> None:
    """The sensitive-data rule (see sensitive.py) on one printed field."""
    heading = None
    if FILL_IN.match(name) or (name == "title" and page.kind == "notes"):
        field = "label"
    elif re.match(r"sections\.\d+\.items\.\d+$", name):
        field, heading = "item", headings.get(path[1], "")
    elif CHECKLIST.match(name) and page.kind in ("documents", "rendez-vous", "blocs") and \
            not (page.kind == "blocs" and ".items." in name):
        field = "checklist"
    else:
        field = "text"
    for rule in judge(text, field, heading):
        add(rule, "error", page.id, path, _invites(rule), SENSITIVE_HINT)


def _invites(rule: str) -> str:
    return f"invites someone to write {FAMILIES[rule][1]}"


def _title(add, page_id, path, text) -> None:
    n = len(words(text))
    for severity, limit in zip(("error", "warning"), reversed(TITLE_WORDS)):
        if n > limit:
            add("title.length", severity, page_id, path, f"{n} words in a title (over {limit})",
                f"easy-to-read titles are short: {TITLE_WORDS[0]} words at most")
            return


def _sentences(add, page_id, path, text, negative: bool = True) -> int:
    """The running-text rules; returns the longest sentence's word count."""
    longest = 0
    for sentence in sentences(text):
        n = len(words(sentence))
        longest = max(longest, n)
        if n > 20:
            add("sentence.length", "error", page_id, path,
                f"{n} words in one sentence (over 20)",
                "easy-to-read sentences have 10 to 13 words")
        elif n > 15:
            add("sentence.length", "warning", page_id, path,
                f"{n} words in one sentence (over 15)",
                "easy-to-read sentences have 10 to 13 words")
    if any(len(sentences(line)) > 1 for line in text.splitlines()):
        add("sentence.one-per-line", "warning", page_id, path,
            "more than one sentence on a line", "one sentence per line")
    if negative and NEGATIVE.search(text):
        add("style.negative", "warning", page_id, path,
            "negative phrasing", "say what to do rather than what not to do")
    if CONDITIONAL.search(text):
        add("style.conditional", "warning", page_id, path,
            f"conditional « {CONDITIONAL.search(text).group(0)} »",
            "use the present tense")
    return longest


def lint_texts(name: str, texts: dict[str, str], glossary: set[str],
               marks: Mapping[str, Mark] | None = None) -> LintReport:
    """The word and running-text rules of the carnet on free texts (the « Quoi de neuf »
    sheet): ``texts`` maps where each text comes from to the text; ``marks`` where a text
    was written in YAML (a finding points at that line), else ``name`` is the place."""
    report = LintReport(name)
    marks = marks or {}

    def add(rule, severity, page_id, path, message, hint):
        mark = marks.get(path[0])
        where, at = (mark.where, mark.path_str) if mark else (name, path[0])
        report.findings.append(LintFinding(rule, severity, where, at, message, hint))

    for where, text in texts.items():
        _words(add, None, (where,), text, glossary)
        report.longest = max(report.longest, _sentences(add, None, (where,), text))
    report.readability["sheet"] = {"kandel_moles": _round(kandel_moles(" ".join(texts.values()))),
                                   "lix": _round(lix(" ".join(texts.values())))}
    return report


def _phones(add, page_id, path, text) -> None:
    """Every phone number written in a printed text must be one, written by pairs (the
    phone fields are checked by the schema, with the same rule)."""
    from monrecap.content.phones import IN_TEXT, phone_problem

    for found in IN_TEXT.finditer(text):
        problem = phone_problem(found.group(0))
        if problem:
            add("phone.number", "error", page_id, path, problem,
                "a reader dials it: write a number in service, by pairs",
                typed=found.group(0))


def _words(add, page_id, path, text, glossary) -> None:
    _phones(add, page_id, path, text)
    if re.fullmatch(r"0[1-9]( \d\d){4}", text.strip()) or WEB.search(text):
        return  # a phone number, a web address
    shouted = CAPS_RUN.search(text)
    if shouted:  # « JE NOTE TOUT ICI »: a sentence in capitals, not acronyms
        add("style.caps", "error", page_id, path, f"words in capitals « {shouted.group(0)} »",
            "capitals are hard to read: write it in lower case")
    for token in ACRONYM.findall(text):
        if token in glossary or token in ("JJ", "MM", "AAAA"):  # date formats: see below
            continue
        if shouted and token in shouted.group(0).split():
            continue
        if len(token) > 5:
            add("style.caps", "error", page_id, path, f"word in capitals « {token} »",
                "capitals are hard to read: write it in lower case")
        else:
            add("words.acronym", "warning", page_id, path, f"acronym « {token} » not explained",
                "explain it in the version's glossary")
    if ABBREVIATION.search(text):
        add("words.abbreviation", "error", page_id, path,
            f"abbreviation « {ABBREVIATION.search(text).group(0)} »", "write the word in full")
    if re.search(r"[&%§]|(?<!\w)/(?!\w)|\w/\w", text) and not DATE_IN_DIGITS.search(text):
        add("words.symbol", "error", page_id, path, "special character (& % § /)",
            "write it in words")
    if "(" in text or ")" in text:
        add("words.parentheses", "warning", page_id, path, "parentheses",
            "make it a sentence of its own")
    if DATE_IN_DIGITS.search(text):
        add("words.date", "error", page_id, path,
            f"date in digits « {DATE_IN_DIGITS.search(text).group(0)} »",
            "write dates in full: « mardi 13 octobre »")
    if NUMBER_WORDS.search(text):
        add("words.numbers", "warning", page_id, path,
            f"number in letters « {NUMBER_WORDS.search(text).group(0)} »",
            "write numbers in digits")
    if MARKUP.search(text):
        add("style.emphasis", "error", page_id, path, "italics or underline",
            "no italics, no underline: bold only for key words")


#: The type sizes an edition's minimums hold: (role, which minimum).
TYPE_FLOORS = (("body", "body"), ("heading", "body"), ("title", "body"), ("key", "key"))


def _layout_rules(add, layout: Layout) -> None:
    from monrecap.lint.contrast import contrast

    edition = f"the « {layout.edition} » edition" if layout.edition else "the easy-to-read rules"
    for role, floor in TYPE_FLOORS:
        size, minimum = getattr(layout.type, role), getattr(layout.minimums, floor)
        if size < minimum - 1e-6:
            add("layout.type-size", "error", None, ("layout",),
                f"{role} text at {size:g} pt in layout '{layout.name}', under the {minimum:g} pt "
                f"minimum of {edition}", f"set type.{role} to {minimum:g} or more",
                mark=layout.mark("type", role))
    if layout.line_spacing < 1.3:
        add("layout.line-spacing", "error", None, ("layout",),
            f"line spacing {layout.line_spacing} under 1.3", "set line_spacing ≥ 1.3")
    for background in ("paper", "band"):
        ratio = contrast(layout.palette.ink.fractions,
                         getattr(layout.palette, background).fractions)
        if ratio < 7:
            add("layout.contrast", "error", None, ("layout",),
                f"text on {background}: contrast {ratio:.1f}:1, under 7:1",
                "darken the ink or lighten the background")


@dataclass
class Trend:
    version: str
    errors: int
    warnings: int
    kandel_moles: float | None
    lix: float | None
    longest: int


def lint_version(root: Path, vid: str, cache: dict | None = None,
                 layout: str | None = None) -> LintReport:
    """Lint one version, with its ancestors (for the rules that follow the history), on its
    own layout or on ``layout`` (another edition, e.g. the large-print a5)."""
    cache = {} if cache is None else cache

    def load(v: str) -> Carnet:
        if v not in cache:
            cache[v] = load_version(root, v)
        return cache[v]

    carnet = load(vid)
    ancestors, parent = [], carnet.spec.extends
    while parent:
        ancestors.append(load(parent))
        parent = ancestors[-1].spec.extends
    return lint_carnet(carnet, _layout(root, layout or carnet.layout, cache), ancestors)


def lint_version_recorded(root: Path, vid: str, layout: str | None = None,
                          lines=None) -> LintReport:
    """``lint_version``, recorded for `monrecap lint vN` to answer again while none of the
    files it read changed (``freshness.py``, kind "lint"): the version chain and its
    ancestors' files, their page templates, the layout with its fonts and the pictograms.
    The record holds what the command prints: its JSON and its lines when piped."""
    from monrecap import freshness
    from monrecap.lint.lintreport import lint_json
    from monrecap.resources import display_path

    cache: dict = {}
    report = lint_version(root, vid, cache, layout)
    if freshness.enabled():
        names: set[str] = set()
        for key, value in cache.items():
            if isinstance(value, Carnet):
                names.update(value.files, value.templates)
                names.update(display_path(p, root) for page in value.pages
                             for p in _assets(page))
            else:
                names.add(f"layouts/{key[1]}.yaml")
                names.update(display_path(f, root) for f in (value.fonts.regular,
                                                             value.fonts.bold))
        freshness.save(root, "lint", {"version": vid, "layout": layout},
                       freshness.checksums(root, names),
                       {"json": lint_json(report=report),
                        "lines": [f.line() for f in report.findings]})
    return report


def _assets(model) -> list[Path]:
    """The files a page model names (pictograms)."""
    found = []
    for value in getattr(model, "__dict__", {}).values():
        if isinstance(value, Path):
            found.append(value)
        elif isinstance(value, list):
            for item in value:
                found += _assets(item)
    return found


def _layout(root: Path, name: str, cache: dict) -> Layout:
    key = ("layout", name)
    if key not in cache:
        cache[key] = load_layout(root, name)
    return cache[key]


def lint_trend(root: Path) -> list[Trend]:
    """Every version's lint, oldest first: the history of the easy-to-read work. It counts
    findings at their rule's own severity: a rule a version lowered to release it as it was
    printed (v1–v8) still counts, as the trend is about the text."""
    out, cache = [], {}
    for vid in version_ids(root):
        report = lint_version(root, vid, cache)
        score = report.readability["carnet"]
        own = [f.rule_severity or f.severity for f in report.findings]
        out.append(Trend(vid, own.count("error"), own.count("warning"),
                         score["kandel_moles"], score["lix"], report.longest))
    return out
