"""A carnet's pages as a version or an edition file writes them, in JSON Schema: merge
directives, lists merged by key, and what a parent or a template already gives left out —
built from pydantic's schema of the resolved pages (``content/merge.py``, ``content/inherit.py``).

Two forms of each model: *whole* (a file without a parent, a list given whole with
``replace:``, a template's blocks: every required key, directives allowed where the merge
reads them) and *over* (a page laid over its parent's, an edition's page, a page's blocks
laid over its template's: nothing required but the key that names it).
"""

from __future__ import annotations

import copy
from typing import Any

from monrecap.content.merge import LIST_KEYS, TEXT_LISTS

WHOLE, OVER = "Whole", "Over"

PAGE_DIRECTIVES = {
    "remove": {"type": "boolean", "description": "true : retirer cette page, héritée"},
    "after": {"type": "string", "description": "placer cette page après la page de cet id"},
}
ITEM_DIRECTIVES = {
    "remove": {"type": "boolean", "description": "true : retirer cet élément, hérité"},
    "after": {"type": ["string", "integer"],
              "description": "placer cet élément après celui-ci (son texte, ou son id)"},
    "before": {"type": ["string", "integer"],
               "description": "placer cet élément avant celui-ci (son texte, ou son id)"},
    "was": {"type": "string", "description": "renommer : le texte qu'il avait avant"},
}
NOT_BOTH = {"not": {"required": ["after", "before"]}}


def ref(name: str) -> dict:
    return {"$ref": f"#/$defs/{name}"}


def ref_name(node: Any) -> str | None:
    target = node.get("$ref", "") if isinstance(node, dict) else ""
    return target.rsplit("/", 1)[-1] if target.startswith("#/$defs/") else None


def _merged(key: str, node: dict) -> bool:
    """Whether a field is a list the merge goes into item by item."""
    return (key in LIST_KEYS or key in TEXT_LISTS) and node.get("type") == "array"


class Forms:
    """Makes the written forms of the models in ``defs`` (pydantic's ``$defs``, completed in
    place with the new forms, each made once)."""

    def __init__(self, defs: dict):
        self.defs = defs

    def pages(self, node: dict, mode: str) -> dict:
        """A version's ``pages:`` list (pydantic's schema of it) as a file writes it."""
        out = {k: v for k, v in node.items() if k not in ("items", "minItems")}
        out["items"] = self._union(node["items"], "kind", "page", mode)
        if mode == WHOLE:
            out["minItems"] = node.get("minItems", 1)
        return out

    # --- models --------------------------------------------------------------------------

    def model(self, name: str, role: str, mode: str) -> dict:
        """A reference to model ``name`` written in ``role`` (page, item, field) and
        ``mode``."""
        form = f"{name}{mode}{role.capitalize()}"
        if form not in self.defs:
            self.defs[form] = {}  # taken: a model that holds itself ends here
            self.defs[form] = self._model(name, role, mode)
        return ref(form)

    def _model(self, name: str, role: str, mode: str) -> dict:
        src = self.defs[name]
        props = {key: self._field(key, node, mode) for key, node in src["properties"].items()}
        lists = [k for k, node in src["properties"].items() if _merged(k, node)]
        replace = self._replace(props, lists, src) if lists and role != "field" else []
        if role == "page" and "template" in props and mode == WHOLE:
            return self._templated(props, src, replace)
        props.update(PAGE_DIRECTIVES if role == "page" else
                     ITEM_DIRECTIVES if role == "item" else {})
        out: dict = {"type": "object", "additionalProperties": False, "properties": props}
        tag = next((props[t]["const"] for t in ("kind", "type") if "const" in props.get(t, {})),
                   None)
        if tag:  # what an editor names the snippet it offers for a new page or block
            out["title"] = tag
        if replace:
            out["allOf"] = replace
        if mode == WHOLE and src.get("required"):
            out["required"] = list(src["required"])
        elif role == "page":
            out["required"] = ["id"]
        if role == "item":
            out.update(NOT_BOTH)
        return out

    def _replace(self, props: dict, lists: list[str], src: dict) -> list[dict]:
        """``replace: [cards]``: the lists the entry gives whole, each then written whole."""
        props["replace"] = {"type": "array", "items": {"enum": lists},
                            "description": "les listes que cette entrée donne en entier, "
                                           "au lieu de les fusionner avec celles héritées"}
        return [{"if": {"required": ["replace"],
                        "properties": {"replace": {"contains": {"const": key}}}},
                 "then": {"required": [key],
                          "properties": {key: self._field(key, src["properties"][key], WHOLE)}}}
                for key in lists]

    def _templated(self, props: dict, src: dict, replace: list[dict]) -> dict:
        """A page drawn from a template: without one, every required key; with one, its
        blocks are laid over the template's (by id), and its title may come from it."""
        plain = {k: v for k, v in props.items() if k != "template"}
        over = dict(props, blocks=self._field("blocks", src["properties"]["blocks"], OVER))
        forms = [{"type": "object", "additionalProperties": False,
                  "properties": {**fields, **PAGE_DIRECTIVES}, "required": list(required)}
                 for fields, required in ((plain, src.get("required", [])),
                                          (over, ["id", "kind", "template"]))]
        return {"anyOf": forms, **({"allOf": replace} if replace else {})}

    # --- fields --------------------------------------------------------------------------

    def _field(self, key: str, node: dict, mode: str) -> dict:
        if _merged(key, node):
            return self._list(key, node, mode)
        name = ref_name(node)
        if mode == OVER and name is not None and "properties" in self.defs.get(name, {}):
            return {**{k: v for k, v in node.items() if k != "$ref"},
                    **self.model(name, "field", OVER)}
        return copy.deepcopy(node)

    def _list(self, key: str, node: dict, mode: str) -> dict:
        items = node["items"]
        keyname = LIST_KEYS.get(key, "text")
        out = {k: v for k, v in node.items() if k != "items"}
        if mode == OVER:
            out.pop("minItems", None)
            out.pop("maxItems", None)
        if "oneOf" in items:
            out["items"] = self._union(items, "type", "item", mode, keyname)
            return out
        alts = items.get("anyOf", [items])
        written = [self._item(ref_name(a), keyname, mode) if ref_name(a) else a for a in alts]
        if key in TEXT_LISTS and not any(ref_name(a) for a in alts):
            written += [self._text_item(a) for a in alts]
        out["items"] = written[0] if len(written) == 1 else {"anyOf": written}
        return out

    def _item(self, name: str, keyname: str, mode: str) -> dict:
        whole = self.model(name, "item", WHOLE)
        if mode == WHOLE:
            return whole
        over = self.model(name, "item", OVER)
        form = self.defs[ref_name(over)]
        named = [k for k in dict.fromkeys((keyname, "id")) if k in form["properties"]]
        form.setdefault("anyOf", [{"required": [k]} for k in named])
        if keyname in self.defs[name].get("required", []):
            return over  # a new item has its key too: the over form takes it
        return {"anyOf": [whole, over]}

    def _text_item(self, text: dict) -> dict:
        if "TextItem" not in self.defs:
            self.defs["TextItem"] = {
                "type": "object", "additionalProperties": False, "required": ["text"],
                "properties": {"text": text, **ITEM_DIRECTIVES}, **NOT_BOTH,
                "description": "un élément avec une consigne de fusion (remove, after, "
                               "before, was)"}
        return ref("TextItem")

    def _union(self, node: dict, tag: str, role: str, mode: str, keyname: str = "") -> dict:
        """A tagged union (page kinds, block types): the tag's values listed, so that an
        editor completes them, and each member in its written form."""
        names = [ref_name(alt) for alt in node["oneOf"]]
        union = ("Page" if role == "page" else "Block" if "Fiche" in names else "CardBlock") \
            + mode
        if union not in self.defs:
            self.defs[union] = {}
            self.defs[union] = self._members(names, tag, role, mode, keyname)
        return ref(union)

    def _members(self, names: list[str], tag: str, role: str, mode: str, keyname: str) -> dict:
        tags = [self.defs[n]["properties"][tag] for n in names]
        enum = {"enum": [t["const"] for t in tags],
                "description": "; ".join(f"{t['const']} : {t.get('description', '')}"
                                         for t in tags)}
        out: dict = {"type": "object", "properties": {tag: enum}}
        if role == "page":
            members = [self.model(n, "page", mode) for n in names]
        else:
            members = [self._item(n, keyname, mode) for n in names]
        if mode == WHOLE:
            out["required"] = [tag]
            out["oneOf"] = members
        else:
            out["anyOf"] = members
        return out
