"""JSON Schemas of the YAML files designers edit (`monrecap schema`), generated from the
pydantic models the toolkit validates them with, so that an editor (VS Code's YAML
extension, any YAML language server) completes page kinds, block types and keys, shows
their French descriptions and underlines a wrong key while typing.

Each file names its schema on its first line, ``# yaml-language-server: $schema=…``, a path
relative to the file (``header``). The schemas live in ``docs/schemas/input/`` beside the
schemas of the JSON outputs; the toolkit's package carries the same files in
``data/docs/schemas/input/``, so that its shipped print profiles, page templates and
``risk.yaml`` have the same first line as a repository's — and a copy made to change one
keeps a header that works.

What the schemas leave to the toolkit: whether a file, a page, an item, a version or a
layout it names exists; what a parent or a template gives (in a file that extends another,
or an edition, nothing but the key that names a page or an item is required); phone
numbers; bounds of a length written with its unit; rules across fields. The toolkit reads a
few spellings the schemas do not offer: a number written as text ("3") or `true` for 1, and
keys beside `remove: true` (ignored with what they remove).
"""

from __future__ import annotations

import copy
import fnmatch
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from monrecap.yamlschema.forms import OVER, WHOLE, Forms

FOLDER = "docs/schemas/input"
#: Where the toolkit's package keeps its copy, under ``src/monrecap/data``.
PACKAGE_FOLDER = "docs/schemas/input"
HEADER = "# yaml-language-server: $schema="
DRAFT = "http://json-schema.org/draft-07/schema#"


@dataclass(frozen=True)
class Schema:
    """One schema: its file name, what it describes, the files it is for (repository paths;
    the toolkit's shipped files sit at the same paths under its ``data/``)."""

    name: str
    title: str
    files: tuple[str, ...]
    make: Callable[[], dict]


class _Generator(GenerateJsonSchema):
    """pydantic's schema without the titles it makes up from names (« Owner Label »): an
    editor shows the French descriptions instead."""

    def field_title_should_be_set(self, schema) -> bool:  # noqa: ARG002
        return False


def model_schema(model: type[BaseModel]) -> dict:
    """A model's validation schema, cleaned for an editor: no made-up titles, no
    docstrings (they are the developers'), no OpenAPI discriminators."""
    schema = model.model_json_schema(schema_generator=_Generator)

    def clean(node):
        if isinstance(node, dict):
            node.pop("discriminator", None)
            return {k: clean(v) for k, v in node.items()}
        if isinstance(node, list):
            return [clean(v) for v in node]
        return node

    schema = clean(schema)
    for target in [schema, *schema.get("$defs", {}).values()]:
        if "properties" in target:
            target.pop("title", None)
            target.pop("description", None)
    return schema


def _version_file() -> dict:
    from monrecap.content.schema import VersionSpec

    spec = model_schema(VersionSpec)
    forms = Forms(spec["$defs"])
    props = spec["properties"]
    common = {k: v for k, v in props.items() if k not in ("extends", "pages")}
    common["retired_editions"] = {
        "type": "array", "items": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"},
        "description": "les éditions de la version parente que celle-ci n'a plus"}
    removable = {k: {**props[k], "additionalProperties" if "additionalProperties" in props[k]
                     else "patternProperties": _nullable(props[k])}
                 for k in ("glossary", "risk")}
    # One mapping whose `extends:` decides the rest (if/then/else, which language servers
    # follow for completion too): a first version writes every page whole; a later one
    # only what changes, and may remove an inherited glossary term or risk note with null.
    later = {"required": ["extends"], "properties": {"extends": {"type": "string"}}}
    return {"type": "object", "additionalProperties": False,
            "properties": {**common, **removable, "extends": props["extends"],
                           "pages": {"type": "array", "description": props["pages"]["description"]}},
            "if": later,
            "then": {"required": ["version", "extends", "changelog"],
                     "properties": {"pages": forms.pages(props["pages"], OVER)}},
            "else": {"required": spec["required"],
                     "properties": {"pages": forms.pages(props["pages"], WHOLE),
                                    **{k: props[k] for k in removable}}},
            "$defs": spec["$defs"]}


def _nullable(mapping: dict) -> dict:
    """A mapping's values, or null: a later version removes an inherited entry with null."""
    if "additionalProperties" in mapping:
        return {"anyOf": [mapping["additionalProperties"], {"type": "null"}]}
    return {pattern: {"anyOf": [value, {"type": "null"}]}
            for pattern, value in mapping["patternProperties"].items()}


def _edition_file() -> dict:
    from monrecap.content.schema import VersionSpec
    from monrecap.content.variants import VariantFile

    spec = model_schema(VersionSpec)
    edition = model_schema(VariantFile)
    forms = Forms(spec["$defs"])
    props = edition["properties"]
    props["variables"] = {**spec["properties"]["variables"],
                          "description": props["variables"]["description"]}
    props["pages"] = {**forms.pages(spec["properties"]["pages"], OVER),
                      "description": props["pages"]["description"]}
    return {**edition, "$defs": spec["$defs"]}


def _of(module: str, name: str) -> Callable[[], dict]:
    def make() -> dict:
        from importlib import import_module

        return model_schema(getattr(import_module(module), name))

    return make


SCHEMAS = (
    Schema("version.json", "Mon Récap : une version du carnet (versions/vN/carnet.yaml)",
           ("versions/*/carnet.yaml",), _version_file),
    Schema("edition.json", "Mon Récap : une édition (versions/vN/variants/NOM.yaml)",
           ("versions/*/variants/*.yaml",), _edition_file),
    Schema("layout.json", "Mon Récap : un format (layouts/NOM.yaml)",
           ("layouts/*.yaml",), _of("monrecap.layout", "Layout")),
    Schema("page-template.json", "Mon Récap : un modèle de page en blocs (layouts/pages)",
           ("layouts/pages/*.yaml",), _of("monrecap.content.templates", "PageTemplate")),
    Schema("print-profile.json", "Mon Récap : un profil d'impression (layouts/print)",
           ("layouts/print/*.yaml",), _of("monrecap.impose.profile", "PrintProfile")),
    Schema("label-sheet.json", "Mon Récap : une planche d'étiquettes (layouts/labels)",
           ("layouts/labels/*.yaml",), _of("monrecap.production.labelsheet", "LabelSheet")),
    Schema("costs.json", "Mon Récap : les coûts de production (costs.yaml)",
           ("costs.yaml",), _of("monrecap.production.costs", "Costs")),
    Schema("release.json", "Mon Récap : ce qu'une livraison contient (release.yaml)",
           ("release.yaml",), _of("monrecap.release", "ReleaseSpec")),
    Schema("risk.json", "Mon Récap : le registre des risques d'un carnet perdu (risk.yaml)",
           ("risk.yaml",), _of("monrecap.risk.classification", "Classification")),
    Schema("experiment.json", "Mon Récap : une expérience de terrain (experiments/)",
           ("experiments/*.yaml",), _of("monrecap.risk.experiments", "Experiment")),
    Schema("decision.json", "Mon Récap : une décision du comité (decisions/)",
           ("decisions/*.yaml",), _of("monrecap.impact.decisions", "DecisionSpec")),
)


def schema_document(schema: Schema) -> dict:
    """The schema as written: draft-07 (what YAML language servers read), its title first."""
    body = copy.deepcopy(schema.make())
    body.pop("title", None)
    if "$defs" in body:
        body["$defs"] = _reachable(body)
    return {"$schema": DRAFT, "$id": schema.name, "title": schema.title, **body}


def _reachable(body: dict) -> dict:
    """The definitions the schema uses (the resolved models the forms replaced are not)."""
    defs, seen, todo = body["$defs"], set(), [{k: v for k, v in body.items() if k != "$defs"}]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            name = node.get("$ref", "").rsplit("/", 1)[-1]
            if name in defs and name not in seen:
                seen.add(name)
                todo.append(defs[name])
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    return {name: value for name, value in defs.items() if name in seen}


def render(schema: Schema) -> bytes:
    """The bytes of a schema file: the same models always give the same bytes."""
    text = json.dumps(schema_document(schema), ensure_ascii=False, indent=1)
    return (text + "\n").encode("utf-8")


def write_schemas(folder: Path) -> tuple[list[Path], list[Path]]:
    """Write every schema into ``folder`` (made if missing); returns the files written and
    those already up to date (left untouched)."""
    from monrecap.files import write_atomic

    written, same = [], []
    for schema in SCHEMAS:
        path, data = folder / schema.name, render(schema)
        if path.is_file() and path.read_bytes() == data:
            same.append(path)
            continue
        write_atomic(path, data)
        written.append(path)
    return written, same


def schema_for(path: str) -> Schema | None:
    """The schema of a file, by its path in the repository (or in the toolkit's ``data/``)."""
    posix = PurePosixPath(path).as_posix()
    return next((s for s in SCHEMAS if any(fnmatch.fnmatchcase(posix, pattern) and
                                           posix.count("/") == pattern.count("/")
                                           for pattern in s.files)), None)


def header(path: str, folder: str = FOLDER) -> str:
    """The first line of a file at ``path`` (in the repository, or in the toolkit's
    ``data/``): where an editor finds its schema, relative to the file.

    >>> header("versions/v12/carnet.yaml")
    '# yaml-language-server: $schema=../../docs/schemas/input/version.json'
    >>> header("risk.yaml")
    '# yaml-language-server: $schema=docs/schemas/input/risk.json'
    """
    schema = schema_for(path)
    if schema is None:
        raise ValueError(f"no schema for {path}")
    target = os.path.relpath(f"{folder}/{schema.name}", PurePosixPath(path).parent.as_posix())
    return HEADER + PurePosixPath(target).as_posix()
