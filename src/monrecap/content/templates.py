"""Page templates: blocks kept as data, in `layouts/pages/NAME.yaml` — the repository's copy
first, else the one the toolkit ships — like print profiles.

- A page of kind `blocs` says `template: budget`: the template's title, pictogram and blocks
  are its starting point, and its own `blocks:` merge over them by id (as a version's lists
  merge over its parent's). Its texts are then the carnet's: linted, located, diffed.
- A page kind may be drawn from a template of its name (`notes`: ruled lines filling the
  page): such a template holds no text (lines and space), as the kind's texts come from
  the page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field

from monrecap.content.blocks import AnyBlock, Espace, Lignes
from monrecap.content.fields import Picto, Slug, Text
from monrecap.content.merge import Merged, block_layers, merge_list
from monrecap.errors import ContentError, Problem
from monrecap.layout import Strict
from monrecap.source import MDict, MList, did_you_mean, load_yaml, validate

FOLDER = "layouts/pages"
#: Page kinds drawn from a template of their name rather than from Python.
KIND_TEMPLATES = ("notes",)


class PageTemplate(Strict):
    """`layouts/pages/NAME.yaml`."""

    template: Slug = Field(description="le nom du modèle : celui de son fichier")
    description: Text = Field(description="à quoi sert cette page, en une ligne")
    title: Text | None = Field(None, description="le titre de la page (une page peut le changer)")
    picto: Picto | None = Field(None, description="le pictogramme du titre")
    blocks: list[AnyBlock] = Field(min_length=1, description="les blocs, de haut en bas ; une "
                                   "page les change par leur id")


def template_names(root: Path) -> list[str]:
    """The repository's templates and the ones the toolkit ships."""
    from monrecap.resources import DATA

    return sorted({p.stem for base in (root, DATA) for p in (base / FOLDER).glob("*.yaml")})


def template_file(root: Path, name: str) -> tuple[Path, str] | None:
    """Where template ``name`` is read from, and its display path; None when unknown."""
    from monrecap.resources import shipped_file

    display = f"{FOLDER}/{name}.yaml"
    here = root / display
    path = here if here.is_file() else shipped_file(display, FOLDER)
    return (path, display) if path is not None else None


def _read(root: Path, name: str, mark) -> MDict:
    found = template_file(root, name) if isinstance(name, str) else None
    if found is None:
        known = template_names(root)
        raise ContentError([mark.problem(
            f"no page template '{name}'{did_you_mean(str(name), known)}; templates: "
            f"{', '.join(known) or 'none'} (in {FOLDER}/ or shipped with the toolkit)")])
    path, display = found
    data = load_yaml(path, display)
    if not isinstance(data, MDict):
        raise ContentError([Problem(display, "", "must be a mapping of keys to values")])
    return data


def apply_templates(root: Path, data: MDict, said: Merged) -> tuple[MDict, list[str]]:
    """The resolved version with every `template:` of a `blocs` page laid under the page;
    returns it and the template files it draws from (display paths, for build.json)."""
    pages = data.get("pages")
    if not isinstance(pages, MList):
        return data, []
    used: list[str] = []
    problems: list[Problem] = []
    out = MList(mark=pages.mark)
    out.marks = list(pages.marks)
    for page in pages:
        if isinstance(page, MDict) and "template" in page and page.get("kind") == "blocs":
            tpl = _read(root, page["template"], page.mark_of("template"))
            validate(PageTemplate, tpl, {"root": root})
            if tpl.get("template") != page["template"]:
                raise ContentError([tpl.mark_of("template").problem(
                    f"must be '{page['template']}', the name of its file")])
            used.append(tpl.mark.file)
            page = _laid_over(tpl, page, problems, said)
        out.append(page)
    for page in pages:
        kind = page.get("kind") if isinstance(page, MDict) else None
        if kind in KIND_TEMPLATES and template_file(root, kind) is not None:
            used.append(template_file(root, kind)[1])
    if problems:
        raise ContentError(problems)
    result = MDict(mark=data.mark)
    for key in data:
        result.set_marked(key, data[key], data)
    result["pages"] = out
    result.chain = list(getattr(data, "chain", []))
    result.said = said
    return result, sorted(set(used))


def _laid_over(tpl: MDict, page: MDict, problems: list[Problem], said: Merged) -> MDict:
    merged = MDict(mark=page.mark)
    for key in ("title", "picto"):
        if key in tpl:
            merged.set_marked(key, tpl[key], tpl)
    for key in page:
        merged.set_marked(key, page[key], page)
    layers = block_layers(page)
    if not layers:
        merged.set_marked("blocks", tpl["blocks"], tpl)
    blocks = tpl["blocks"]
    for layer in layers:  # each version's blocks over what the versions before it made
        blocks = merge_list(blocks, layer, "blocks", layer.mark, problems, said,
                            f"template {tpl['template']}")
        merged["blocks"] = blocks
    return merged


def kind_blocks(root: Path, kind: str) -> list[Any]:
    """The blocks a page kind is drawn from (its template), validated; text-free only."""
    found = template_file(root, kind)
    if found is None:
        raise ContentError(f"the toolkit's template for '{kind}' pages is missing "
                           f"({FOLDER}/{kind}.yaml): reinstall monrecap")
    data = load_yaml(*found)
    template = validate(PageTemplate, data, {"root": root})
    for index, block in enumerate(template.blocks):
        if not isinstance(block, (Lignes, Espace)):
            raise ContentError([data["blocks"].mark_of(index).problem(
                f"a '{kind}' page's template draws lines and space only (lignes, espace): "
                f"its texts come from the page")])
    return template.blocks
