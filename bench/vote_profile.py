"""Profile the ballot POST in one process: Django's test client against PostgreSQL, as bench/vote_throughput.py seeds.

    .venv/bin/python bench/vote_profile.py [--ballots 300] [--profile [--dump FILE]] [--db vc_bench_profile]

Prints this process's CPU ms per ballot (median over the run; the PostgreSQL server's share is not in it) and,
with --profile, the cProfile listing of the whole run by cumulative time. Creates and drops its own database.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import vote_throughput as vt


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ballots", type=int, default=300)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--db", default="vc_bench_profile")
    parser.add_argument("--top", type=int, default=45)
    parser.add_argument("--dump", help="also write the profile to this file (pstats format)")
    args = parser.parse_args()
    vt.DB_NAME = args.db
    os.environ["DATABASE_URL"] = f"{vt.PG}/{args.db}"
    vt.recreate_database()
    url, option, keys, _csrf = vt.seed(args.ballots)
    from django.test import Client

    client = Client()
    warm, keys = keys[:20], keys[20:]

    def post(key: str) -> int:
        client.cookies["sessionid"] = key
        return client.post(url, {"option": str(option)}).status_code

    for key in warm:
        assert post(key) == 200
    profiler = cProfile.Profile(time.process_time) if args.profile else None
    costs = []
    for key in keys:
        started = time.process_time()
        if profiler:
            profiler.enable()
        status = post(key)
        if profiler:
            profiler.disable()
        costs.append(time.process_time() - started)
        assert status == 200, status
    print(
        f"{len(keys)} ballots: CPU ms per ballot median {statistics.median(costs) * 1000:.2f}, "
        f"mean {statistics.mean(costs) * 1000:.2f} (load average {os.getloadavg()[0]:.1f})"
    )
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.top)
        if args.dump:
            profiler.dump_stats(args.dump)
    from django.db import connections

    connections.close_all()
    vt.drop_database()


if __name__ == "__main__":
    main()
