"""In-process paired comparison of the ballot path: a reference commit against this tree, rounds alternated.

    .venv/bin/python bench/vote_pair.py [--ref 972ef1e] [--requests 40] [--rounds 4] [--callgrind] [--db-prefix P]

The reference commit is checked out into a temporary worktree (`git worktree add /tmp/ref-…`, removed afterwards).
Each tree gets its own database (vc_ballot_ref, vc_ballot_new on 127.0.0.1:5432; --db-prefix P: P_ref, P_new)
and seeds it with its own models:
one village, a consultation in its voting phase with a secret and an open yes/no question and a proposal, another
in deliberation with a proposal, and one signed-in verified resident per request (sessions stored as a sign-in
stores them). Then one worker process per tree (Django's test client, portal.settings.test: the production
middleware, database sessions, no Redis) answers rounds of secret ballots, open ballots, supports and comments;
the trees take turns round by round, so both see the same load. Prints each tree's median CPU ms per request
(time.process_time: this process only, the PostgreSQL server's share is not in it), the ratio new / reference,
and the load average.

--callgrind runs each worker under `valgrind --tool=callgrind` instead and counts the instructions of each batch
(collected only inside the measured loop, which runs under libc's lfind through ctypes' ffi_call, the toggle):
repeatable on a loaded machine, where CPU time is not. Slow: keep --requests small (10–20) and --rounds 1.
"""

import argparse
import ctypes
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parents[1]
PG = "postgres://postgres@127.0.0.1:5432"
KINDS = ("secret", "open", "support", "comment")


# ---- inside a worker: sys.path[0] is the tree measured --------------------------------------------------------


def _setup(tree: str, db: str) -> None:
    sys.path.insert(0, tree)
    os.chdir(tree)
    os.environ["DATABASE_URL"] = f"{PG}/{db}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    import django

    django.setup()


def seed(tree: str, db: str, voters: int) -> dict:
    """Migrate and seed `db` with `tree`'s models; what the worker posts, as JSON-able data."""
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {db}")
    _setup(tree, db)
    import datetime
    import secrets

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.core.management import call_command
    from django.utils import timezone
    from wagtail.models import Locale

    call_command("migrate", verbosity=0)
    from consultations import services
    from consultations.models import ConsultationIndexPage, ConsultationPage, Proposal, Question
    from home.models import Village, VillagePage
    from residents.models import Resident

    village = Village.objects.create(
        code="pair", name="基准村", township="柳溪镇", adult_villagers=voters, households=voters, representatives=30
    )
    index = ConsultationIndexPage.objects.child_of(
        VillagePage.objects.get(village=village, locale=Locale.get_default())
    ).get()
    now, day = timezone.now(), datetime.timedelta(days=1)
    voting = ConsultationPage(title="基准投票", slug="pair-vote", voting_opens=now - day, results_open=now + day)
    index.add_child(instance=voting)
    talking = ConsultationPage(title="基准讨论", slug="pair-talk", deliberation_opens=now - day, voting_opens=now + day)
    index.add_child(instance=talking)
    User = get_user_model()
    unusable = "!"  # Django's marker for "no password": these voters never sign in with one
    users = User.objects.bulk_create([User(username=f"pair{i:05d}", password=unusable) for i in range(voters)])
    residents = Resident.objects.bulk_create(
        [
            Resident(user=u, village=village, display_name=u.username, verification=Resident.Verification.VERIFIED)
            for u in users
        ]
    )
    target = {}
    for mode in ("secret", "open"):
        question = Question.objects.create(page=voting, text=f"{mode}?", mode=mode)
        yes = next(o for o in services.ensure_options(question) if o.role == "yes")
        target[mode] = (f"/zh-hans/consultations/{voting.pk}/vote/{question.pk}/", {"option": str(yes.pk)})
    supported = Proposal.objects.create(page=talking, author=residents[0], title="修路", text="修村口的路")
    target["support"] = (f"/zh-hans/consultations/{talking.pk}/proposals/{supported.pk}/support/", {})
    target["comment"] = (f"/zh-hans/consultations/{talking.pk}/comments/", {"text": "同意", "proposal": supported.pk})
    store, backend = SessionStore(), next(b for b in settings.AUTHENTICATION_BACKENDS if "ModelBackend" in b)
    extra = {}
    try:  # what a sign-in stores on trees that have the first sign-in check (see vote_throughput.seed)
        from residents.first_signin import CHECKED_KEY
    except ImportError:
        pass
    else:
        extra[CHECKED_KEY] = True
    sessions, keys = [], []
    for user in users:
        key = secrets.token_hex(16)
        data = {SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: backend, HASH_SESSION_KEY: user.get_session_auth_hash()}
        sessions.append(Session(session_key=key, session_data=store.encode({**data, **extra}), expire_date=now + day))
        keys.append(key)
    Session.objects.bulk_create(sessions)
    return {"target": target, "keys": keys}


def _under_lfind(work) -> None:
    """Run work() inside libc's lfind (one comparison with a one-element array), called through ctypes' ffi_call:
    --toggle-collect=ffi_call* counts only that. (Toggling on lfind itself collected nothing with valgrind 3.19;
    psycopg's binary implementation makes no ctypes call, so the measured batches are the only ffi_calls.)"""
    libc = ctypes.CDLL(None)
    compare = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)

    def once(_key, _element) -> int:
        work()
        return 0

    libc.lfind.restype = ctypes.c_void_p
    key, array, count = ctypes.c_int(1), (ctypes.c_int * 1)(1), ctypes.c_size_t(1)
    libc.lfind(ctypes.byref(key), array, ctypes.byref(count), ctypes.sizeof(ctypes.c_int), compare(once))


def work(tree: str, db: str, plan_file: str) -> None:
    """Answer "KIND N" lines on stdin with a JSON list of CPU seconds per request (one line each)."""
    plan = json.loads(Path(plan_file).read_text())
    _setup(tree, db)
    from django.test import Client

    # PAIR_OFFSET: voters used by an earlier worker on the same database (profiling by hand) are skipped.
    unused = plan["keys"][int(os.environ.get("PAIR_OFFSET", 0)) :]
    client, keys = Client(), {kind: iter(unused) for kind in KINDS}
    expected = {"secret": 200, "open": 302, "support": 302, "comment": 302}

    def post(kind: str) -> None:
        url, data = plan["target"][kind]
        client.cookies["sessionid"] = next(keys[kind])
        status = client.post(url, data).status_code
        assert status == expected[kind], (kind, status)

    for line in sys.stdin:
        kind, count, *warm = line.split()  # "KIND N" or "KIND N warm" (not collected under callgrind)
        costs = []

        def batch(kind=kind, count=int(count), costs=costs) -> None:
            for _ in range(count):
                started = time.process_time()
                post(kind)
                costs.append(time.process_time() - started)

        if os.environ.get("PAIR_CALLGRIND") and not warm:
            _under_lfind(batch)
        elif dump := os.environ.get("PAIR_PROFILE"):  # cProfile with a CPU clock, one file per batch's kind
            import cProfile

            profiler = cProfile.Profile(time.process_time)
            profiler.runcall(batch)
            profiler.dump_stats(f"{dump}.{kind}")
        else:
            batch()
        print(json.dumps(costs), flush=True)


# ---- the driver --------------------------------------------------------------------------------------------------


class Worker:
    def __init__(self, name: str, tree: Path, db: str, plan: Path, callgrind: Path | None) -> None:
        command = [sys.executable, str(HERE), "--worker", str(tree), db, str(plan)]
        env = dict(os.environ)
        self.callgrind = callgrind
        if callgrind:
            env["PAIR_CALLGRIND"] = "1"
            command = [
                "valgrind",
                "--tool=callgrind",
                "--collect-atstart=no",
                "--toggle-collect=ffi_call*",
                "--dump-after=ffi_call*",
                f"--callgrind-out-file={callgrind}/{name}.%p",
                *command,
            ]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)  # noqa: S603
        self.name = name

    def run(self, kind: str, count: int, warm: bool = False) -> list[float]:
        self.process.stdin.write(f"{kind} {count}{' warm' if warm else ''}\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def close(self) -> list[int]:
        """The instruction counts of each batch, in order (callgrind: one dump per ffi_call, i.e. per batch)."""
        self.process.stdin.close()
        self.process.wait(timeout=600)
        if not self.callgrind:
            return []
        counts = []
        for dump in sorted(self.callgrind.glob(f"{self.name}.*.*"), key=lambda p: int(p.name.rsplit(".", 1)[-1])):
            for line in dump.read_text().splitlines():
                if line.startswith("totals:"):
                    counts.append(int(line.split()[1]))
        return counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ref", default="972ef1e", help="the reference commit (default: main before issue 25)")
    parser.add_argument("--requests", type=int, default=40, help="requests per kind per round")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--warm", type=int, default=5, help="requests per kind before measuring")
    parser.add_argument("--callgrind", action="store_true")
    parser.add_argument("--db-prefix", default="vc_ballot", help="the databases are PREFIX_ref and PREFIX_new")
    args = parser.parse_args()
    voters = args.warm + args.requests * args.rounds + 1
    scratch = Path(tempfile.mkdtemp(prefix="vote-pair-"))
    ref_tree = Path(tempfile.mkdtemp(prefix="ref-", dir="/tmp"))
    ref_tree.rmdir()
    subprocess.run(["git", "worktree", "add", "--detach", str(ref_tree), args.ref], cwd=ROOT, check=True)  # noqa: S603, S607
    workers = []
    try:
        for name, tree in (("ref", ref_tree), ("new", ROOT)):
            plan = scratch / f"{name}.json"
            db = f"{args.db_prefix}_{name}"
            print(f"seeding {name} ({tree}) …", flush=True)
            subprocess.run([sys.executable, str(HERE), "--seed", str(tree), db, str(plan), str(voters)], check=True)  # noqa: S603
            workers.append(Worker(name, tree, db, plan, scratch if args.callgrind else None))
        for worker in workers:
            for kind in KINDS:
                worker.run(kind, args.warm, warm=True)  # uncollected: a first request's lazy set-up is slow there
        loads = [os.getloadavg()[0]]
        costs = {(w.name, kind): [] for w in workers for kind in KINDS}
        for _round in range(args.rounds):
            for kind in KINDS:
                for worker in workers if _round % 2 == 0 else reversed(workers):
                    costs[worker.name, kind] += worker.run(kind, args.requests)
            loads.append(os.getloadavg()[0])
        instructions = {w.name: w.close() for w in workers}
    finally:
        for worker in workers:
            worker.process.kill()
        subprocess.run(["git", "worktree", "remove", "--force", str(ref_tree)], cwd=ROOT, check=False)  # noqa: S603, S607
        _drop([f"{args.db_prefix}_ref", f"{args.db_prefix}_new"])
    head = subprocess.check_output(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True).strip()  # noqa: S607
    print(f"reference {args.ref}, new {head} ({ROOT}); {args.rounds} rounds × {args.requests} per kind, alternated")
    print(f"load average (1 min) {min(loads):.1f}–{max(loads):.1f} on {os.cpu_count()} CPUs")
    print("kind      CPU ms ref  CPU ms new  ratio" + ("   Minstr ref  Minstr new  ratio" if args.callgrind else ""))
    for index, kind in enumerate(KINDS):
        ref, new = (statistics.median(costs[name, kind]) * 1000 for name in ("ref", "new"))
        line = f"{kind:8}  {ref:10.2f}  {new:10.2f}  {new / ref:5.2f}"
        if args.callgrind:
            # Batches in order, round by round (the warm-up is not collected); per request, rounds summed.
            per = {}
            for name in ("ref", "new"):
                batches = instructions[name]
                mine = batches[index :: len(KINDS)]
                per[name] = sum(mine) / (len(mine) * args.requests) / 1e6
            line += f"   {per['ref']:10.2f}  {per['new']:10.2f}  {per['new'] / per['ref']:5.2f}"
        print(line)


def _drop(names: list[str]) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        for name in names:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--seed"]:
        _tree, _db, _plan, _voters = sys.argv[2:6]
        Path(_plan).write_text(json.dumps(seed(_tree, _db, int(_voters))))
    elif sys.argv[1:2] == ["--worker"]:
        work(*sys.argv[2:5])
    else:
        main()
