"""A release's jobs: a carnet (version, edition) on a layout with one print profile, and
what became of each."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    version: str
    variant: str | None
    profile: str
    layout: str | None = None  # another layout than the carnet's own (release.yaml layouts)

    @property
    def name(self) -> str:
        return "-".join(p for p in (self.version, self.variant, self.layout, self.profile)
                        if p)

    @property
    def carnet(self) -> tuple[str, str | None]:
        """The version or edition the job prints."""
        return (self.version, self.variant)

    @property
    def group(self) -> tuple[str, str | None, str | None]:
        """The jobs one build makes: a carnet on one layout."""
        return (self.version, self.variant, self.layout)


@dataclass(frozen=True)
class JobResult:
    job: Job
    status: str           # built, reused
    files: list[dict]
