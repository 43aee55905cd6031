"""The mutation operators of `make mutate`: a subset of cosmic-ray's, and the four it lacks.

Each mutant is one small wrong edit a hurried programmer could make: a comparison flipped at its
boundary, a number moved by one step, ``and``/``or`` swapped, a clause of a condition dropped,
``any``/``all`` swapped, a word dropped from a word list written in a function. cosmic-ray's
other operators (every binary operator into every other, decorators removed, variables
replaced…) make mutants nobody would write by mistake; they are left out to keep the run short.
"""

from __future__ import annotations

from collections.abc import Iterator

import cosmic_ray.plugins
import parso.python.tree as tree
from cosmic_ray.operators.operator import Example, Operator

#: cosmic-ray's operators kept, by name (``cosmic-ray operators`` lists them all).
CORE = [f"core/{name}" for name in (
    "ReplaceComparisonOperator_Lt_LtE", "ReplaceComparisonOperator_LtE_Lt",
    "ReplaceComparisonOperator_Gt_GtE", "ReplaceComparisonOperator_GtE_Gt",
    "ReplaceComparisonOperator_Eq_NotEq", "ReplaceComparisonOperator_NotEq_Eq",
    "ReplaceComparisonOperator_Is_IsNot", "ReplaceComparisonOperator_IsNot_Is",
    "ReplaceBinaryOperator_Add_Sub", "ReplaceBinaryOperator_Sub_Add",
    "ReplaceBinaryOperator_Mul_Div", "ReplaceBinaryOperator_Div_Mul",
    "ReplaceBinaryOperator_FloorDiv_Mul", "ReplaceBinaryOperator_Mod_FloorDiv",
    "ReplaceUnaryOperator_Delete_Not", "ReplaceUnaryOperator_USub_UAdd",
    "ReplaceTrueWithFalse", "ReplaceFalseWithTrue",
    "ReplaceAndWithOr", "ReplaceOrWithAnd",
    "ReplaceBreakWithContinue", "ReplaceContinueWithBreak",
)]


def _in_function(node: tree.NodeOrLeaf) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, (tree.Function, tree.Lambda)):
            return True
        parent = parent.parent
    return False


class Nudge(Operator):
    """A number moved by one step: an integer by 1; a fraction (|x| ≤ 1) by 0.1, so that a
    threshold of 0.85 becomes 0.75 and 0.95; any other float by 1."""

    def mutation_positions(self, node):
        if isinstance(node, tree.Number) and not node.value.lower().endswith("j"):
            yield node.start_pos, node.end_pos
            yield node.start_pos, node.end_pos

    def mutate(self, node, index):
        value = eval(node.value)  # a literal  # noqa: S307
        if isinstance(value, int):
            new = value + (1, -1)[index]
            prefix = node.value[:2].lower()
            text = {"0o": oct, "0x": hex, "0b": bin}.get(prefix, str)(new)
        else:
            step = 0.1 if abs(value) <= 1 else 1.0
            new = round(value + (step, -step)[index], 6)
            text = repr(new)
        node.value = text
        return node

    @classmethod
    def examples(cls):
        return (Example("x = 4", "x = 5"), Example("x = 0.85", "x = 0.75", occurrence=1),
                Example("x = 2.5", "x = 3.5"))


class InNotIn(Operator):
    """``in`` ↔ ``not in`` (cosmic-ray flips the other comparisons, not these two)."""

    def mutation_positions(self, node):
        if node.type == "comparison":
            for op in node.children[1::2]:
                if op.get_code().strip() in ("in", "not in"):
                    yield op.start_pos, op.end_pos

    def mutate(self, node, index):
        ops = [k for k, op in enumerate(node.children) if k % 2 == 1
               and op.get_code().strip() in ("in", "not in")]
        k = ops[index]
        old = node.children[k]
        new = "in" if old.get_code().strip() == "not in" else "not in"
        node.children[k] = parso_leaf(" " + new)
        return node

    @classmethod
    def examples(cls):
        return (Example("x in y", "x not in y"), Example("x not in y", "x in y"))


class AnyAll(Operator):
    """``any`` ↔ ``all`` and ``min`` ↔ ``max`` where called."""

    SWAP = {"any": "all", "all": "any", "min": "max", "max": "min"}

    def mutation_positions(self, node):
        if isinstance(node, tree.Name) and node.value in self.SWAP:
            after = node.get_next_sibling()
            if after is not None and after.type == "trailer" and after.children[0] == "(":
                yield node.start_pos, node.end_pos

    def mutate(self, node, index):
        node.value = self.SWAP[node.value]
        return node

    @classmethod
    def examples(cls):
        return (Example("any(x)", "all(x)"), Example("y = max(a, b)", "y = min(a, b)"))


class DropClause(Operator):
    """One operand of an ``and``/``or`` dropped: « a and b and c » → « a and c »."""

    def mutation_positions(self, node):
        if node.type in ("and_test", "or_test"):
            for operand in node.children[::2]:
                yield operand.start_pos, operand.end_pos

    def mutate(self, node, index):
        kept = [c for k, c in enumerate(node.children[::2]) if k != index]
        op = node.children[1].value
        code = f" {op} ".join(c.get_code().strip() for c in kept)
        prefix = node.get_first_leaf().prefix
        new = parso_expr(code)
        new.parent = node.parent
        first = new.get_first_leaf()
        first.prefix = prefix
        return new

    @classmethod
    def examples(cls):
        return (Example("x = a and b", "x = b"), Example("x = a or b or c", "x = a or c",
                                                         occurrence=1))


class DropWord(Operator):
    """One word dropped from a literal set, list or tuple of strings written inside a function
    (« comme » out of ``{"à", "au", "aux", "vous", "comme"}``). The module-level word lists are
    the rule's tables, covered sentence by sentence by the tables of tests/lint."""

    def mutation_positions(self, node):
        for _ in self._items(node):
            yield node.start_pos, node.end_pos

    @staticmethod
    def _items(node) -> list:
        if node.type != "atom" or node.children[0].value not in "{[(" or not _in_function(node):
            return []
        inner = node.children[1] if len(node.children) == 3 else None
        if inner is None or inner.type not in ("testlist_comp", "dictorsetmaker"):
            return []
        items = inner.children[::2]
        if len(items) < 2 or not all(isinstance(i, tree.String) for i in items):
            return []
        return items

    def mutate(self, node, index):
        items = self._items(node)
        kept = [i.get_code().strip() for k, i in enumerate(items) if k != index]
        open_, close = node.children[0].value, node.children[-1].value
        comma = "," if open_ == "(" and len(kept) == 1 else ""
        new = parso_expr(f"{open_}{', '.join(kept)}{comma}{close}")
        new.get_first_leaf().prefix = node.get_first_leaf().prefix
        new.parent = node.parent
        return new

    @classmethod
    def examples(cls):
        return (Example('def f(x):\n    return x in {"a", "b"}\n',
                        'def f(x):\n    return x in {"b"}\n'),)


class AugmentedSign(Operator):
    """``+=`` ↔ ``-=``."""

    SWAP = {"+=": "-=", "-=": "+="}

    def mutation_positions(self, node):
        if isinstance(node, tree.Operator) and node.value in self.SWAP:
            yield node.start_pos, node.end_pos

    def mutate(self, node, index):
        node.value = self.SWAP[node.value]
        return node

    @classmethod
    def examples(cls):
        return (Example("x += 1", "x -= 1"),)


def parso_expr(code: str):
    """An expression node parsed from ``code``."""
    import parso

    module = parso.parse(code)
    stmt = module.children[0]
    return stmt.children[0] if stmt.type == "simple_stmt" else stmt


def parso_leaf(code: str):
    """A comparison operator (« in », « not in ») as parso writes it."""
    import parso

    comparison = parso.parse(f"a{code} b").children[0]
    return comparison.children[1]


PROJECT: dict[str, type[Operator]] = {
    "monrecap/Nudge": Nudge, "monrecap/InNotIn": InNotIn, "monrecap/AnyAll": AnyAll,
    "monrecap/DropClause": DropClause, "monrecap/DropWord": DropWord,
    "monrecap/AugmentedSign": AugmentedSign,
}


def operators() -> Iterator[tuple[str, Operator]]:
    """Every operator of the run, by name."""
    for name in CORE:
        yield name, cosmic_ray.plugins.get_operator(name)()
    for name, cls in PROJECT.items():
        yield name, cls()
