"""The one error hierarchy: every failure a user can cause is a MonrecapError."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located in a source file when we know where.

    ``where`` is ``file:line:col`` (or just a file, or empty); ``path`` is the key path
    inside that file, joined like ``pages -> 3 -> slots``.
    """

    where: str
    path: str
    message: str

    def __str__(self) -> str:
        head = ": ".join(part for part in (self.where, self.path) if part)
        return f"{head}: {self.message}" if head else self.message


class MonrecapError(Exception):
    """Base of every error the toolkit reports to a user (exit code 2 at the CLI)."""

    exit_code = 2

    def __init__(self, problems: list[Problem] | str):
        if isinstance(problems, str):
            problems = [Problem("", "", problems)]
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(MonrecapError):
    """Raised by the stage functions when the command's arguments do not make sense together
    (the CLI cannot tell by parsing alone)."""


class SheetFitError(UsageError):
    """A print profile that cannot be met on its sheet; ``key`` names the setting to change
    (``copies``, ``sheet``), so that a profile read from a file can point at its line."""

    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key = key


class ContentError(MonrecapError):
    """Raised by content/ and layout.py: YAML that is malformed, invalid or inconsistent."""


class FontError(MonrecapError):
    """Raised by fonts.py and the glyph check: a missing font file or an unprintable character."""


class RenderError(MonrecapError):
    """Raised by pages/ and kit/: content that does not fit its frame, an unusable pictogram."""


class ImposeError(MonrecapError):
    """Raised by impose/: unreadable, encrypted or empty input, mixed page sizes, a sheet too
    small for the scheme."""


class PreflightError(MonrecapError):
    """Raised by preflight/ when a file cannot be read at all (damaged, or a page that cannot
    be decoded)."""


class PreflightFailed(MonrecapError):
    """Raised by the build (`build/__init__.py`) when the preflight finds errors in what it was
    about to write."""


class OutputError(MonrecapError):
    """Raised by the build (`build/__init__.py`) when an artifact cannot be written."""


def encrypted_pdf(path) -> MonrecapError:
    """The one refusal of a PDF that needs a password to open, for every command (files that
    open without one — owner password only, an encrypted attachment only — are read)."""
    return MonrecapError(f"{path}: encrypted: it needs a password to open; ask the sender for an "
                         "unprotected copy")
