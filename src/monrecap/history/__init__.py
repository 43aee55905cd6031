"""The carnet's history: what a version changed (chronicle.py), the list of versions
(versions.py), told as a reader says it (story.py). Importing the package loads none of them:
`monrecap versions` reuses its cached rows without the content model (pydantic, Jinja2)."""

from __future__ import annotations

_CHRONICLE = ("resolved_yaml", "VersionStory", "version_story", "new_version", "story_json")


def __getattr__(name: str):
    if name in _CHRONICLE:
        from monrecap.history import chronicle

        return getattr(chronicle, name)
    raise AttributeError(f"module 'monrecap.history' has no attribute '{name}'")
