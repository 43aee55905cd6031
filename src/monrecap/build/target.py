"""What `monrecap build` builds: a version, and one of its editions or the base edition."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    """One build to make: a version, and one of its variants or the base edition."""

    version: str
    variant: str | None = None

    def __str__(self) -> str:
        return f"{self.version} ({self.variant})" if self.variant else self.version
