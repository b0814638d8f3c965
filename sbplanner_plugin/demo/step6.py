"""Step 6 of ``make demo``: the design deliverables of the Youwuzhen plan, written from the plan store.

Runs, in this order (the report inserts the atlas's whole-area maps):

* ``sbplanner:export_maps`` → ``youwuzhen_atlas.pdf`` (one page per small watershed and map type) and the
  whole-area PNGs in ``maps/``;
* ``sbplanner:export_report`` → ``youwuzhen_report.docx`` (the 实施方案 chapters with the plan's numbers,
  the tables and the maps);
* ``sbplanner:export_design_tables`` → ``youwuzhen_design_tables.xlsx`` (the SL/T 447 Appendix D tables).

Chinese deliverables; what the plan cannot give (e.g. the 坡改梯 sheet of a plan without terraces) is listed.
ILLUSTRATIVE: the numbers are those of the demo (assumed factors, example prices).
"""

from __future__ import annotations

from pathlib import Path

from sbplanner_plugin.demo.runner import algorithm_available, run

ATLAS_NAME = "youwuzhen_atlas.pdf"
MAPS_DIR = "maps"
REPORT_NAME = "youwuzhen_report.docx"
TABLES_NAME = "youwuzhen_design_tables.xlsx"
OUTPUT_NAMES = (ATLAS_NAME, REPORT_NAME, TABLES_NAME)
STEP6_ALGORITHMS = ("sbplanner:export_maps", "sbplanner:export_report", "sbplanner:export_design_tables")
PROJECT_NAME = "游屋镇小流域综合治理（示例）"


def run_step6(store, out_dir: Path, project_name: str = PROJECT_NAME) -> dict | None:
    """The three deliverables of the plan's current scenario into ``out_dir``; {name: path} and what each could
    not make (None when the step-6 algorithms are not in this build)."""
    missing = [a for a in STEP6_ALGORITHMS if not algorithm_available(a)]
    if missing:
        print(f"\nStep 6 skipped: {', '.join(missing)} not available in this build.")
        return None
    print("\nStep 6 — design deliverables 设计成果 (SL/T 447 tables, Word report, map atlas).")
    common = {"PLAN": str(store.path), "LANGUAGE": 0, "PROJECT_NAME": project_name}
    maps = run("sbplanner:export_maps", {
        **common, "OUTPUT": str(out_dir / ATLAS_NAME), "OUTPUT_IMAGES": str(out_dir / MAPS_DIR),
    })  # fmt: skip
    report = run("sbplanner:export_report", {
        **common, "MAPS_FOLDER": str(out_dir / MAPS_DIR), "OUTPUT": str(out_dir / REPORT_NAME),
    })  # fmt: skip
    tables = run("sbplanner:export_design_tables", {**common, "OUTPUT": str(out_dir / TABLES_NAME)})
    result = {
        "atlas": out_dir / ATLAS_NAME, "pages": int(maps.get("PAGES") or 0), "report": out_dir / REPORT_NAME,
        "tables": out_dir / TABLES_NAME,
        "missing": {"atlas": maps.get("MISSING") or "", "report": report.get("MISSING") or "",
                    "tables": tables.get("MISSING") or ""},
    }  # fmt: skip
    print(f"  atlas {ATLAS_NAME}: {result['pages']} pages; report {REPORT_NAME}; workbook {TABLES_NAME}")
    for kind, text in result["missing"].items():
        if text:
            print(f"  {kind} — not made: {text}")
    return result
