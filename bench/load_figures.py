"""The figures of bench/load_fault.py: what each request got, the server's log, the integrity of the ballots."""

import collections
import http.client
import os
import re
import threading
from pathlib import Path

MIX, STREAM = "mix", "ballot stream"
STREAM_BALLOT = "stream ballot"
CLEAR_503_TITLE = "暂时无法使用"  # the 503 page's title in zh-Hans, the language every bench request asks for


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = {MIX: [], STREAM: []}
        self.by_kind = collections.Counter()
        self.errors = collections.Counter()
        self.errors_by_phase = {MIX: collections.Counter(), STREAM: collections.Counter()}
        self.outcomes = collections.Counter()  # (phase, kind, outcome)
        self.acknowledged: list[tuple[str, int]] = []  # (receipt, voter index)
        self.phase = "normal"
        self.wall = 0.0
        self.loads: list[float] = []

    def record(self, kind: str, latency: float, outcome: str, error: str | None) -> None:
        stream = STREAM if kind == STREAM_BALLOT else MIX
        with self.lock:
            self.latencies[stream].append(latency)
            self.by_kind[kind] += 1
            self.outcomes[(self.phase, kind, outcome)] += 1
            if error:
                self.errors[f"{kind}: {error}"] += 1
                self.errors_by_phase[stream][self.phase] += 1


def outcome_of(response: http.client.HTTPResponse, body: bytes) -> str:
    """The status, with what kind of answer it was: from the page cache or not, the portal's 503 page or not."""
    status = response.status
    if status == 200 and response.getheader("X-Page-Cache"):
        return f"200 {response.getheader('X-Page-Cache')}"
    if status == 503:
        clear = CLEAR_503_TITLE in body.decode(errors="replace") and response.getheader("Retry-After")
        return "503 page" if clear and b"Traceback" not in body else "503 unclear"
    return str(status)


def server_log_summary(path: Path) -> tuple[int, collections.Counter, int, int]:
    """500s the portal logged (with the exception each ended in), 503s, and gunicorn worker timeouts."""
    errors, exceptions, unavailable, timeouts = 0, collections.Counter(), 0, 0
    in_500 = False
    for line in path.read_text(errors="replace").splitlines():
        if line.startswith("Internal Server Error:"):
            errors, in_500 = errors + 1, True
        elif line.startswith("Service Unavailable:"):
            unavailable, in_500 = unavailable + 1, False
        elif "WORKER TIMEOUT" in line:
            timeouts += 1
        elif in_500 and re.match(r"^[\w.]+(Error|Exception|Exit)\b", line):
            exceptions[line[:160]] += 1
            in_500 = False
    return errors, exceptions, unavailable, timeouts


def integrity(stats: Stats, plan: dict) -> bool:
    from django.db import connections
    from django.db.models import Count

    from consultations.models import Ballot, Participation

    connections.close_all()
    receipts = [r for r, _voter in stats.acknowledged]
    stored = collections.Counter(Ballot.objects.filter(receipt__in=receipts).values_list("receipt", flat=True))
    owner = dict(Ballot.objects.filter(receipt__in=receipts).values_list("receipt", "resident_id"))
    missing = [r for r in receipts if stored[r] == 0]
    doubled = [r for r in receipts if stored[r] > 1]
    acked_twice = [r for r, n in collections.Counter(receipts).items() if n > 1]
    wrong_voter = [r for r, voter in stats.acknowledged if r in owner and owner[r] != plan["residents"][voter]]
    counted = Ballot.objects.filter(question_id=plan["question"], replaced=False)
    per_voter = counted.values("resident").annotate(n=Count("pk")).filter(n__gt=1).count()
    voters = Participation.objects.filter(question_id=plan["question"]).count()
    print(
        f"ballots acknowledged to voters: {len(receipts)} ({len({v for _r, v in stats.acknowledged})} voters); "
        f"stored exactly once: {len(receipts) - len(missing) - len(doubled)}; "
        f"lost {len(missing)}; duplicated {len(doubled)}; same receipt acknowledged twice {len(acked_twice)}; "
        f"stored for another voter {len(wrong_voter)}"
    )
    print(
        f"ballots in the database: {Ballot.objects.filter(question_id=plan['question']).count()} "
        f"(counted {counted.count()}, voters {voters}, voters with more than one counted ballot {per_voter})"
    )
    ok = not (missing or doubled or acked_twice or wrong_voter) and per_voter == 0 and counted.count() == voters
    print(f"integrity: {'OK' if ok else 'FAILED'}")
    return ok


def percentiles(latencies: list[float]) -> str:
    ordered = sorted(latencies) or [0.0]

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(len(ordered) * p))] * 1000

    return f"p50 {pct(0.50):.0f} ms, p95 {pct(0.95):.0f} ms, p99 {pct(0.99):.0f} ms, max {ordered[-1] * 1000:.0f} ms"


def report(stats: Stats, log: Path) -> bool:
    """Prints the figures; False if any request got a 500 or an unclear 503, or the server logged a 500."""
    total = sum(stats.by_kind.values())
    stream_total = stats.by_kind[STREAM_BALLOT]
    mix_total = total - stream_total
    mix_kinds = ", ".join(f"{k} {v}" for k, v in stats.by_kind.most_common() if k != STREAM_BALLOT)
    print(f"\nrequests {total} in {stats.wall:.0f}s: {total / stats.wall:.1f} req/s")
    print(f"  mix: {mix_total}, {mix_total / stats.wall:.1f} req/s ({mix_kinds})")
    print(f"  ballot stream: {stream_total}, {stream_total / stats.wall:.1f} ballots/s")
    errors = sum(stats.errors.values())
    print(f"errors {errors} ({errors / total:.2%})")
    for stream, n in ((MIX, mix_total), (STREAM, stream_total)):
        count = sum(stats.errors_by_phase[stream].values())
        print(f"  {stream}: {count} ({count / max(n, 1):.2%}); by phase: {dict(stats.errors_by_phase[stream])}")
    for kind, count in stats.errors.most_common(16):
        print(f"  {count:5d}  {kind}")
    for phase in ("worker kill (10 s)", "postgres restart"):
        if not any(p == phase for p, _k, _o in stats.outcomes):
            continue
        print(f"answers in phase '{phase}':")
        for kind in sorted({k for p, k, _o in stats.outcomes if p == phase}):
            seen = {o: n for (p, k, o), n in sorted(stats.outcomes.items()) if p == phase and k == kind}
            print(f"  {kind}: {', '.join(f'{o} {n}' for o, n in seen.items())}")
    print(f"latency, mix: {percentiles(stats.latencies[MIX])}")
    print(f"latency, ballot stream: {percentiles(stats.latencies[STREAM])}")
    logged_500, exceptions, logged_503, timeouts = server_log_summary(log)
    print(
        f"server log ({log}): 500s {logged_500}, 503s {logged_503}, worker timeouts {timeouts}"
        + "".join(f"\n  {n:5d}  {text}" for text, n in exceptions.most_common(8))
    )
    bad = sum(n for (_p, _k, o), n in stats.outcomes.items() if o.startswith("500") or o == "503 unclear")
    print(f"500s or unclear 503s answered: {bad}")
    loads = stats.loads or [0.0]
    print(
        f"load average (1 min) during the run: min {min(loads):.1f}, "
        f"mean {sum(loads) / len(loads):.1f}, max {max(loads):.1f} on {os.cpu_count()} CPUs (shared machine)"
    )
    return bad == 0 and logged_500 == 0
