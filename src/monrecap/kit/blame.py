"""Where a problem on a carnet page is said: at its value's line, or the edit that made it fail."""

from __future__ import annotations

from typing import TYPE_CHECKING

from monrecap.errors import Problem
from monrecap.source import Key

if TYPE_CHECKING:  # the kit knows no capability: a carnet is only handed to it, to blame lines
    from monrecap.content import Carnet
    from monrecap.kit.painter import PageRecord
    from monrecap.layout import Layout

Ref = tuple[str, tuple[Key, ...]]  # (page id, key path inside the page)


class Blame:
    """The blaming half of `Painter`: overflows and misfits of a carnet's values reported at the
    line a designer can change (the value, the version's edit above it, its layout line)."""

    carnet: Carnet | None
    layout: Layout
    page: PageRecord | None
    problems: list[Problem]

    def overflow(self, ref: Ref, message: str) -> None:
        """Report the first text that overflows a page; what follows it overflows too."""
        if self.page is not None and not self.page.overflowed:
            self.page.overflowed = True
            if self.carnet is None:  # a document of the toolkit's, not a carnet page
                self.problem(ref, message)
            else:
                self.problems.append(self._overflow_cause(ref, message))

    def _overflow_cause(self, ref: Ref, message: str) -> Problem:
        """The overflow at the line that caused it, in the file that set it last.

        A text the version did not touch overflows because of what the version changed above
        it on the page (reported there), or else because of the layout (said so).
        """
        mark = self.carnet.locate(*ref)
        here = self.carnet.files[-1] if self.carnet.files else mark.file
        page = f"{self.carnet.version}, page '{ref[0]}'"
        if mark.file == here:
            return mark.problem(f"{message} ({page})")
        field = f"'{' -> '.join(str(k) for k in ref[1])}' ({mark.where})"
        changed = [r for r in getattr(self, "_drawn", []) if r != ref
                   and self.carnet.locate(*r).file == here]
        if changed:
            return self.carnet.locate(*changed[-1]).problem(
                f"leaves no room for {field} below it: {message} ({page})")
        return self._inherited_cause(ref, mark, here, field, message, page)

    def _inherited_cause(self, ref: Ref, mark, here: str, field: str, message: str,
                         page: str) -> Problem:
        """A setting the version inherited fails: the version's own edit on the page is the
        cause (reported at its line, the inherited line named), else its layout line, else
        the layout."""
        edits = self.carnet.edits_on(ref[0], here)
        if edits:
            return edits[0].problem(f"this change leaves no room for {field}: {message} "
                                    f"({page})")
        layout = self.carnet.locate_top("layout")
        if layout.file == here:
            return layout.problem(f"the layout '{self.layout.name}' leaves no room for "
                                  f"{field}: {message} ({page})")
        return mark.problem(f"{message}; {here} does not change this text: the layout "
                            f"'{self.layout.name}' leaves it no room ({page})")

    def blame(self, ref: Ref, message: str) -> None:
        """A problem with a value that may be inherited: at its own line when this version
        set it, else at the version's edit that made it fail."""
        mark = self.carnet.locate(*ref)
        here = self.carnet.files[-1] if self.carnet.files else mark.file
        page = f"{self.carnet.version}, page '{ref[0]}'"
        if mark.file == here:
            self.problems.append(mark.problem(f"{message} ({page})"))
        else:
            field = f"'{' -> '.join(str(k) for k in ref[1])}' ({mark.where})"
            self.problems.append(self._inherited_cause(ref, mark, here, field, message, page))

    def problem(self, ref: Ref, message: str) -> None:
        mark = self.carnet.locate(*ref)
        page = f"{self.carnet.version}, page '{ref[0]}'"
        self.problems.append(mark.problem(f"{message} ({page})"))
