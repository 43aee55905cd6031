"""`monrecap build`: the pipeline (pipeline.py), many builds on every core (many.py), a build
whose inputs did not change reused (fresh.py), `--watch` (watch.py).

Importing the package loads none of them: a build found fresh is answered without the
content model, the renderer or the PDF libraries. ``from monrecap.build import build_version``
(or any name of pipeline.py) loads the pipeline then."""

from __future__ import annotations

from monrecap.build.target import Target

__all__ = ["Target", "build_version", "BuildResult", "plan_targets", "load_for_build",
           "check_evidence", "build_manifest"]


#: The package's modules: ``from monrecap.build import fresh`` imports the module itself.
MODULES = ("pipeline", "many", "fresh", "watch", "target")


def __getattr__(name: str):
    if name.startswith("__") or name in MODULES:
        raise AttributeError(name)
    from importlib import import_module

    pipeline = import_module("monrecap.build.pipeline")
    try:
        return getattr(pipeline, name)
    except AttributeError:
        raise AttributeError(f"module 'monrecap.build' has no attribute '{name}'") from None
