"""bench/county.py's import times: the village register into a fresh database, then the county's household rolls.

A database of its own, `vc_bench_import`, created, migrated (timed apart) and dropped at the end. In it:

- `manage.py import_village_register` (docs/county.md §1–2) of a register of --import-villages rows written
  as a county keeps it (CSV, UTF-8 with a BOM): seed_county's generated register (county_seed/plan.py's
  plan_villages and generator.register_table, seed 21), so the same villages as a generated county. The first
  run creates every village (its group, collection, page tree in every language, committee account); the
  second run of the same file finds every row unchanged and writes nothing.
- `manage.py import_household_rolls` (§4) of a folder of roll files named by division code, one for each of
  the first --roll-villages villages: every household of the register's figure with two to four adults (户号,
  姓名, 手机号 for most), about as many rows as the register's adult villagers; then the same folder again
  (every row matched).

Times are the commands' wall seconds, each a fresh process, so each includes Django's start; the start alone
(`manage.py check`, which every command also runs; the shorter of two) is printed beside them.
"""

import csv
import random
import re
from pathlib import Path

DATABASE = "vc_bench_import"


def write_files(folder: str, villages: int, roll_villages: int) -> None:
    """In a child with Django set up: the register and the roll files, repeatable (seed 21)."""
    from django.conf import settings

    from county_seed import plan
    from county_seed.generator import register_table

    rng = random.Random(21)
    planned = plan.plan_villages(villages, rng, plan.county_prefix(settings.COUNTY_DIVISION_CODE))
    root = Path(folder)
    with (root / "register.csv").open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows(register_table(planned))
    rolls = root / "rolls"
    rolls.mkdir()
    for village in planned[:roll_villages]:
        with (rolls / f"{village.division_code}.csv").open("w", encoding="utf-8-sig", newline="") as out:
            csv.writer(out).writerows(roll_rows(village.households, village.adult_villagers, rng))


def roll_rows(households: int, adults: int, rng: random.Random) -> list[list[str]]:
    """A village's household roll: 户号, 姓名, 手机号 (70% with one), two to four adults a household until the
    register's adults are placed."""
    from county_seed.plan import GIVEN, SURNAMES

    rows = [["户号", "姓名", "手机号"]]
    names: set[str] = set()  # one name once in a village: the roll refuses the same person twice
    for number in range(1, households + 1):
        surname = rng.choice(SURNAMES)
        for _member in range(rng.randint(2, 4)):
            if len(rows) > adults:
                return rows
            name = surname + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
            while name in names:
                name = surname + "".join(rng.choice(GIVEN) for _ in range(3))
            names.add(name)
            phone = f"1{rng.choice('3578')}{rng.randint(0, 999999999):09d}" if rng.random() < 0.7 else ""
            rows.append([f"{number:04d}", name, phone])
    return rows


def measure(env: dict, workdir: Path, villages: int, roll_villages: int) -> dict:
    from bench.county import PG, manage
    from bench.page_cache import admin_sql

    env = {**env, "DATABASE_URL": f"{PG}/{DATABASE}"}
    folder = workdir / "import"
    folder.mkdir()
    admin_sql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    admin_sql(f"CREATE DATABASE {DATABASE}")
    figures: dict = {"villages": villages, "roll villages": roll_villages}
    try:
        figures["migrate s"] = manage(env, "migrate", "-v0")[0]
        figures["start s"] = min(manage(env, "check")[0] for _ in range(2))  # the shorter: less of the load in it
        code = "import sys; sys.path.insert(0, '.'); from bench.county_import import write_files; "
        manage(env, "shell", "-c", code + f"write_files({str(folder)!r}, {villages}, {roll_villages})")
        rows = sum(len(path.read_text(encoding="utf-8-sig").splitlines()) - 1 for path in (folder / "rolls").iterdir())
        figures["roll rows"] = rows
        register = str(folder / "register.csv")
        for run in ("first", "second"):
            passwords = str(folder / f"passwords-{run}.csv")
            seconds, out = manage(env, "import_village_register", register, "--passwords", passwords)
            figures[f"register {run} s"] = seconds
            figures[f"register {run}"] = summary(out, 2).replace(str(folder), "…")
        for run in ("first", "second"):
            seconds, out = manage(env, "import_household_rolls", str(folder / "rolls"))
            figures[f"rolls {run} s"] = seconds
            figures[f"rolls {run}"] = summary(out, roll_villages)
    finally:
        admin_sql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    return figures


def summary(out: str, count: int) -> str:
    """The command's last `count` lines at the first indent or none (what it did), without its progress bar and
    the rows a roll refused (indented further)."""
    bar = re.compile(r"\[[#.]+\] \d+/\d+")
    lines = [line for line in out.split("\n") if line.strip() and not bar.search(line) and not line.startswith("   ")]
    return " | ".join(line.strip() for line in lines[-count:])


def report(figures: dict) -> None:
    f = figures
    print(f"\nimports into a fresh database ({DATABASE}; wall s, each a new process; Django's start alone", end="")
    print(f" {f['start s']:.1f} s; migrate {f['migrate s']:.0f} s)")
    rows = [
        (f"village register, {f['villages']} rows, first run", "register first"),
        ("the same register again", "register second"),
        (f"household rolls, {f['roll villages']} villages, {f['roll rows']:,} rows", "rolls first"),
        ("the same rolls again", "rolls second"),
    ]
    for label, key in rows:
        print(f"  {label:<44} {f[key + ' s']:8.1f} s  {f[key]}")
