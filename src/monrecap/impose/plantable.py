"""The sheet plan for people (a table) and for scripts (`--map-json`), and its preview."""

from __future__ import annotations

from rich.console import Console

from monrecap.plural import count
from monrecap.tables import print_rows


def print_plan(console: Console, plan) -> None:
    """The sheet plan as a table: sheet → side → cell → slot → page, rotation, creep."""
    from monrecap.impose.sheetplan import describe
    from monrecap.units import to_mm

    print_rows(console, ["sheet", "side", "cell", "slot", "page", "rotation", "trim at (mm)",
                         "creep (mm)"],
               [[str(row["sheet"]), row["side"], str(row["cell"]), row["slot"],
                 "blank" if row["page"] is None else str(row["page"]), f"{row['rotation']}°",
                 f"{row['trim_mm'][0]:.1f}, {row['trim_mm'][1]:.1f}", f"{row['creep_mm']:.2f}"]
                for row in describe(plan)],
               title=f"{plan.scheme}, {plan.duplex}, sheet {to_mm(plan.sheet[0]):.0f} × "
                     f"{to_mm(plan.sheet[1]):.0f} mm, "
                     f"{count(len(plan.sheets), 'sheet', lang='en')}")


def plan_json(plan) -> dict:
    """The sheet plan as data: --map-json and `impose --json`."""
    from monrecap.impose.sheetplan import describe

    return {"scheme": plan.scheme, "duplex": plan.duplex, "sheets": len(plan.sheets),
            "warnings": list(plan.warnings), "placements": describe(plan)}


def write_plan_files(plan, json_path, png_path) -> None:
    """--map-json and --preview."""
    import json

    from monrecap.files import write_atomic

    if json_path is not None:
        write_atomic(json_path, (json.dumps(plan_json(plan), indent=1) + "\n").encode())
    if png_path is not None:
        from monrecap.impose.preview import preview_png  # Pillow, only for --preview

        write_atomic(png_path, preview_png(plan))
