"""Versioned YAML content → Carnet: loading with marks, `extends:`, Jinja2 text, schema."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from monrecap.content.inherit import resolve_version, version_file, version_ids
from monrecap.content.merge import Merged
from monrecap.content.schema import PAGE_KINDS, ChangeEntry, Page, VersionSpec
from monrecap.content.templates import apply_templates
from monrecap.content.text import render_strings
from monrecap.content.variants import Edition, apply_variant, edition_files, variant_names
from monrecap.errors import ContentError, Problem
from monrecap.source import Key, Mark, MDict, MList, validate

__all__ = ["Carnet", "Edition", "load_version", "version_ids", "variant_names", "PAGE_KINDS"]

BUILTIN_VARIABLES = ("version", "number", "title", "released", "variant")


@dataclass(frozen=True)
class Carnet:
    """A resolved, validated version: what the carnet holds after inheritance and templating.

    ``sources`` maps (page id, key path inside the page) to where that value was written,
    so that later stages can point a designer at the YAML line behind a problem.
    """

    spec: VersionSpec
    root: Path
    sources: Mapping[tuple[str, tuple[Key, ...]], Mark] = field(repr=False)
    files: tuple[str, ...] = ()  # the version files of the extends chain, root first
    top_marks: Mapping[Any, Mark] = field(default_factory=dict, repr=False)
    edition: Edition | None = None  # set when built with a variant
    #: What the version's (and edition's) own file removed from its parent's lists, and
    #: what its merge warned about (``merge.py``): said by build, listed by release.
    removals: tuple[Problem, ...] = ()
    merge_warnings: tuple[Problem, ...] = ()
    #: Fields that print one variable whole: their ``file:line:col`` → (where the
    #: variable's value was typed, its name), so that problems blame the typed value.
    origins: Mapping[str, tuple[Mark, str]] = field(default_factory=dict, repr=False)
    #: The page templates it is drawn from (``layouts/pages/…``), for build.json's sources.
    templates: tuple[str, ...] = ()
    #: Templated fields (``file:line:col``) → the variables they print: (name, where its
    #: value was typed, the value).
    printed_variables: Mapping[str, tuple[tuple[str, Mark, Any], ...]] = field(
        default_factory=dict, repr=False)

    @property
    def variant(self) -> str | None:
        return self.edition.name if self.edition else None

    @property
    def version(self) -> str:
        return self.spec.version

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def released(self) -> dt.date:
        return self.spec.released

    @property
    def layout(self) -> str:
        return self.spec.layout

    @property
    def pages(self) -> list[Page]:
        return self.spec.pages

    @property
    def changelog(self) -> list[ChangeEntry]:
        return self.spec.changelog

    def locate_top(self, key: str, *path: Key) -> Mark:
        """Where a top-level key of the version was written, or a value inside it
        (``locate_top("changelog", 4, "change")``); the nearest enclosing value otherwise."""
        for cut in range(len(path), 0, -1):
            mark = self.top_marks.get((key,) + tuple(path[:cut]))
            if mark is not None:
                return Mark(mark.file, mark.line, mark.col, mark.path + tuple(path[cut:]))
        mark = self.top_marks.get(key)
        if mark is None:
            return Mark(version_file(self.version), 1, 1, (key,) + tuple(path))
        return Mark(mark.file, mark.line, mark.col, mark.path + tuple(path))

    def edits_on(self, page_id: str, file: str) -> list[Mark]:
        """Where ``file`` (a version or edition file) set values of page ``page_id``, in
        the order of the file: what that version changed on the page."""
        return _edits_on(self, page_id, file)

    def locate(self, page_id: str, path: tuple[Key, ...] = ()) -> Mark:
        """Where a page's field was written; the nearest enclosing value when it has no mark
        of its own (a default label, say)."""
        for cut in range(len(path), -1, -1):
            mark = self.sources.get((page_id, tuple(path[:cut])))
            if mark is not None:
                rest = tuple(path[cut:])
                return Mark(mark.file, mark.line, mark.col, mark.path + rest)
        return Mark(version_file(self.version), 1, 1, ("pages", page_id) + tuple(path))


def _edits_on(carnet: Carnet, page_id: str, file: str) -> list[Mark]:
    """The values of a page that ``file`` wrote (its leaves, not the page's id), in the
    order of the file."""
    paths = [p for (pid, p), mark in carnet.sources.items()
             if pid == page_id and p and p != ("id",) and mark.file == file]
    leaves = [p for p in paths if not any(q[:len(p)] == p and q != p for q in paths)]
    marks = [carnet.sources[(page_id, p)] for p in leaves]
    return sorted(marks, key=lambda m: (m.line, m.col))


def _page_sources(pages: MList) -> dict[tuple[str, tuple[Key, ...]], Mark]:
    out: dict[tuple[str, tuple[Key, ...]], Mark] = {}

    def walk(page_id: str, node: Any, mark: Mark, path: tuple[Key, ...]) -> None:
        out[(page_id, path)] = mark
        if isinstance(node, MDict):
            for key, value in node.items():
                walk(page_id, value, node.mark_of(key), path + (key,))
        elif isinstance(node, MList):
            for index, value in enumerate(node):
                walk(page_id, value, node.mark_of(index), path + (index,))

    for index, page in enumerate(pages):
        if isinstance(page, MDict) and isinstance(page.get("id"), str):
            walk(page["id"], page, pages.mark_of(index), ())
    return out


def load_version(root: Path, vid: str, variant: str | None = None) -> Carnet:
    """Load ``versions/<vid>``, resolve ``extends:``, lay ``variant`` over it if given, render
    its templates and validate it.

    Raises ContentError listing every problem found, each at its file:line:col.
    """
    data = resolve_version(root, vid)
    if "retired_editions" in data:  # which editions the version has, not what it prints
        edition_files(root, vid)
        data = _without(data, "retired_editions")
    edition = None
    if variant is not None:
        data, edition = apply_variant(root, vid, variant, data)
    data, templates = apply_templates(root, data, getattr(data, "said", None) or Merged())
    problems: list[Problem] = []
    if data.get("version") != vid:
        mark = data.mark_of("version")
        problems.append(mark.problem(f"must be '{vid}', the name of its folder"))

    variables: dict[str, Any] = {}
    raw_vars = data.get("variables")
    if isinstance(raw_vars, MDict):
        for name in raw_vars:
            if name in BUILTIN_VARIABLES:
                problems.append(raw_vars.key_mark_of(name).problem(
                    f"'{name}' is set by the toolkit; choose another variable name"))
        variables.update(raw_vars)
    released = data.get("released")
    if released is not None and not isinstance(released, dt.date):
        # Validation below says what is wrong with it; the templates render with a stand-in
        # date meanwhile, so that every other problem is reported too (nothing prints).
        released = dt.date(2000, 1, 1)
    variables.update(version=vid, number=vid[1:], title=data.get("title", ""),
                     released=released, variant=variant or "")
    used: dict[str, str] = {}
    within: dict[str, tuple[str, ...]] = {}
    if isinstance(data.get("pages"), MList):
        rendered = render_strings(data["pages"], variables, problems, used=used, within=within)
        data = _with(data, "pages", rendered)
    if problems:
        raise ContentError(problems)
    origins = {where: (raw_vars.mark_of(name), name) for where, name in used.items()
               if isinstance(raw_vars, MDict) and name in raw_vars}
    try:
        spec = validate(VersionSpec, data, {"root": root})
    except ContentError as exc:
        raise ContentError([typed_here(p, origins) for p in exc.problems]) from None
    sources = _page_sources(data["pages"])
    said = getattr(data, "said", None) or Merged()
    return Carnet(spec=spec, root=root, sources=sources, files=tuple(data.chain),
                  top_marks=_top_marks(data), edition=edition,
                  removals=tuple(said.removals), merge_warnings=tuple(said.warnings),
                  origins=origins, templates=tuple(templates),
                  printed_variables={where: tuple((name, raw_vars.mark_of(name), raw_vars[name])
                                                  for name in names if name in raw_vars)
                                     for where, names in within.items()
                                     if isinstance(raw_vars, MDict)})


def typed_here(problem: Problem, origins: Mapping[str, tuple[Mark, str]]) -> Problem:
    """A problem with a value that a field prints through one variable, moved to the line
    where the variable's value was typed; the field that printed it is named after it."""
    origin = origins.get(problem.where)
    if origin is None:
        return problem
    mark, name = origin
    used = f"{problem.where}: {problem.path}" if problem.path else problem.where
    return Problem(mark.where, mark.path_str,
                   f"{problem.message} (printed through {{{{ {name} }}}} at {used})")


def _top_marks(data: MDict) -> dict:
    """Marks of the top-level keys (by name), of the glossary's entries and of the values
    inside the version's own changelog (by key path: the « Quoi de neuf » sheet prints its
    entries), so that the lint points at their lines."""
    marks: dict = {k: data.mark_of(k) for k in data}
    glossary = data.get("glossary")
    if isinstance(glossary, MDict):
        for term in glossary:
            marks[("glossary", term)] = glossary.mark_of(term)
    lint = data.get("lint")
    if isinstance(lint, MDict):
        for rule in lint:
            marks[("lint", rule)] = lint.key_mark_of(rule)
    changelog = data.get("changelog")
    if isinstance(changelog, MList):
        for i, entry in enumerate(changelog):
            marks[("changelog", i)] = changelog.mark_of(i)
            if isinstance(entry, MDict):
                for key in entry:
                    marks[("changelog", i, key)] = entry.mark_of(key)
    return marks


def _without(data: MDict, key: str) -> MDict:
    out = MDict(mark=data.mark)
    for k in data:
        if k != key:
            out.set_marked(k, data[k], data)
    out.chain = data.chain
    out.said = getattr(data, "said", None)
    return out


def _with(data: MDict, key: str, value: Any) -> MDict:
    out = MDict(mark=data.mark)
    for k in data:
        out.set_marked(k, data[k], data)
    out[key] = value
    out.chain = data.chain
    out.said = getattr(data, "said", None)
    return out
