"""The packages depend downwards, as docs/ARCHITECTURE.md's dependency table says: every
`import monrecap.…` of the source (at module level or inside a function; annotations under
`if TYPE_CHECKING:` aside) is an edge the table allows."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

SRC = ROOT / "src" / "monrecap"

#: package → the packages it may import ("" is the top level: errors, source, files, …).
#: Kept equal to the table « Who imports whom » in docs/ARCHITECTURE.md.
ALLOWED: dict[str, set[str]] = {
    "": {"cli"},  # __main__ only
    "kit": {""},
    "content": {""},
    "yamlschema": {"", "content"},
    "pages": {"", "content", "kit"},
    "lint": {"", "content", "kit"},
    "preflight": {"", "content"},
    "impose": {"", "preflight"},  # preflight/pdfx.py marks our build's sheets PDF/X-4
    "build": {"", "content", "impose", "lint", "pages", "preflight"},
    "risk": {"", "content", "feedback", "kit", "lint", "preflight"},
    "diff": {"", "build", "content", "lint", "risk"},
    "history": {"", "build", "content", "diff", "pages", "yamlschema"},
    "release": {"", "build", "content", "impose", "kit", "lint", "risk"},
    "production": {"", "build", "content", "impose", "kit", "lint", "pages", "release"},
    "feedback": {"", "content", "diff", "kit", "lint", "pages", "preflight", "production"},
    "impact": {"", "build", "content", "feedback", "kit", "preflight", "production"},
    "cli": {"", "build", "diff", "feedback", "history", "impact", "impose", "lint",
            "preflight", "production", "release", "risk", "yamlschema"},
}


def _package(path: Path) -> str:
    rel = path.relative_to(SRC)
    return rel.parts[0] if len(rel.parts) > 1 else ""


def _imported(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and (SRC / parts[1]).is_dir() else ""


def _imports(tree: ast.AST):
    """Every monrecap module imported, with its line, skipping `if TYPE_CHECKING:` bodies."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (x for child in node.orelse for x in _imports(child))
            continue
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("monrecap"):
            yield node.lineno, node.module
        elif isinstance(node, ast.Import):
            yield from ((node.lineno, a.name) for a in node.names
                        if a.name.startswith("monrecap"))
        yield from _imports(node)


def edges() -> list[tuple[str, str, str]]:
    out = []
    for path in sorted(SRC.rglob("*.py")):
        here = _package(path)
        for line, module in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            there = _imported(module)
            if there != here:
                out.append((here, there, f"{path.relative_to(ROOT)}:{line}: {module}"))
    return out


def test_every_import_goes_where_the_table_allows() -> None:
    wrong = [where for here, there, where in edges() if there not in ALLOWED.get(here, set())]
    assert wrong == []


def test_the_table_names_no_edge_that_is_gone() -> None:
    """An allowance nobody uses any more is taken out of the table (and the document)."""
    used = {(here, there) for here, there, _ in edges()}
    assert sorted((h, t) for h, ts in ALLOWED.items() for t in ts if (h, t) not in used) == []


def test_the_kit_and_feedback_import_no_capability_above_them() -> None:
    """The review's two findings: kit/painter.py took `Carnet` at run time, feedback/sheet.py
    read impact/'s decisions; the carnet is an annotation, decisions go through evidence."""
    assert [w for h, t, w in edges() if h == "kit" and t] == []
    assert [w for h, t, w in edges() if h == "feedback" and t == "impact"] == []


#: File names that repeat on purpose (docs/ARCHITECTURE.md, « Naming »): the CLI's modules
#: are named after their command group; models and drawing of blocks pair; each capability's
#: release gate.
REPEATED = {"orders.py", "schema.py", "blocks.py", "gate.py"}


def test_a_module_name_appears_once() -> None:
    seen: dict[str, list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        if path.name not in ("__init__.py", "__main__.py"):
            seen.setdefault(path.name, []).append(str(path.relative_to(SRC)))
    repeated = {name: where for name, where in seen.items() if len(where) > 1}
    assert sorted(repeated) == sorted(REPEATED), repeated
