"""The per-module table of a mutmut run (`make mutation`, docs/mutation.md), read from mutants/*.meta.

A mutant counts as surviving when the tests passed on it or no test ran it. A timeout (the mutant loops: a
counter that no longer counts) is a detection, as the tests never pass, and is shown in its own column.
Exits 1 when a module's survivors exceed --max-rate percent.
"""

import argparse
import json
import sys
import tomllib
from pathlib import Path

# mutmut's exit codes (mutmut/stats.py): 1 and 3 are kills; 0 survived; 5 and 33 no tests; None not checked;
# 36, 24, -24, 152 and 255 timeouts.
KILLED = {1, 3}
TIMEOUT = {36, 24, -24, 152, 255}
NOT_CHECKED = {None}


def _modules(root: Path) -> list[str]:
    config = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["tool"]["mutmut"]
    return config["only_mutate"]


def table(root: Path) -> list[dict]:
    rows = []
    for module in _modules(root):
        meta = root / "mutants" / f"{module}.meta"
        codes = json.loads(meta.read_text("utf-8"))["exit_code_by_key"] if meta.exists() else {}
        checked = {name: code for name, code in codes.items() if code not in NOT_CHECKED}
        survivors = sorted(name for name, code in checked.items() if code not in KILLED | TIMEOUT)
        timeouts = sum(code in TIMEOUT for code in checked.values())
        rows.append(
            {
                "module": module,
                "mutants": len(codes),
                "checked": len(checked),
                "killed": len(checked) - len(survivors) - timeouts,
                "timeout": timeouts,
                "survived": len(survivors),
                "rate": 100 * len(survivors) / len(checked) if checked else 0.0,
                "survivors": survivors,
            }
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-rate", type=float, default=5.0, help="highest surviving share per module, in %%")
    parser.add_argument("--survivors", action="store_true", help="list the surviving mutants' names")
    args = parser.parse_args()
    rows = table(Path.cwd())
    print(f"| {'module':<28} | mutants | killed | timeout | survived | rate  |")
    print(f"|{'-' * 30}|---------|--------|---------|----------|-------|")
    over = []
    for row in rows:
        unchecked = "" if row["checked"] == row["mutants"] else f"  ({row['mutants'] - row['checked']} not checked)"
        print(
            f"| {row['module']:<28} | {row['mutants']:>7} | {row['killed']:>6} | {row['timeout']:>7} "
            f"| {row['survived']:>8} "
            f"| {row['rate']:>4.1f}% |{unchecked}"
        )
        if row["rate"] > args.max_rate:
            over.append(row["module"])
        if args.survivors:
            for name in row["survivors"]:
                print(f"    survived: {name}")
    if over:
        print(f"More than {args.max_rate:g}% of the mutants survive in: {', '.join(over)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
