"""The schema command: JSON Schemas of the YAML files, for the designers' editor."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from monrecap.cli import RootOpt, app, console, outputs, repo_root


@app.command(epilog="Example: monrecap schema --out docs/schemas/input")
def schema(out_dir: Annotated[Optional[Path], typer.Option(
               "--out", show_default=False,
               help="Output folder. Default: docs/schemas/input/ in the repository, where "
                    "the YAML files' first lines point.")] = None,
           root: RootOpt = None) -> None:
    """Write the JSON Schemas of the YAML files (versions, editions, layouts, page templates,
    print profiles, label sheets, costs.yaml, release.yaml, risk.yaml, experiments,
    decisions), generated from the toolkit's own models."""
    from monrecap.yamlschema import FOLDER, write_schemas

    outputs(("--out", out_dir, ()))
    folder = out_dir if out_dir is not None else repo_root(root) / FOLDER
    written, same = write_schemas(folder)
    names = ", ".join(p.name for p in written) or "none"
    console().print(f"{folder}: {len(written)} written ({names}), {len(same)} already up to "
                    "date", markup=False)
