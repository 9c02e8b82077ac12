"""Assessment figures on a fixed data set."""

import datetime as dt

import pytest

from grid import assessment
from grid import workflow as wf
from grid.assessment import Record

T0 = dt.datetime(2026, 10, 5, 9, tzinfo=dt.UTC)


def rec(village, platform, status, *, days_to_reply=None, due_days=7, rating=""):
    return Record(
        village=village,
        platform=platform,
        status=status,
        received_at=T0,
        resolve_due=T0 + dt.timedelta(days=due_days),
        replied_at=T0 + dt.timedelta(days=days_to_reply) if days_to_reply is not None else None,
        rating=rating,
    )


DATA = [
    rec("东山村", "bianmin", wf.CLOSED, days_to_reply=2, rating=wf.SATISFIED),
    rec("东山村", "bianmin", wf.CLOSED, days_to_reply=9, rating=wf.DISSATISFIED),  # late
    rec("东山村", "zhifa", wf.CLOSED, days_to_reply=4, rating=wf.BASICALLY_SATISFIED),
    rec("东山村", "zhifa", wf.REPLIED, days_to_reply=7),  # exactly on the deadline: on time
    rec("东山村", "zongzhi", wf.IN_PROGRESS),
    rec("西河村", "bianmin", wf.REJECTED),
    rec("西河村", "shichang", wf.CLOSED, days_to_reply=3),  # closed without a rating
    rec("西河村", "shichang", wf.RECEIVED),
]


def test_overall_figures():
    f = assessment.figures("all", DATA)
    assert (f.count, f.rejected, f.answered, f.on_time, f.rated, f.satisfied) == (8, 1, 5, 4, 3, 2)
    assert f.on_time_rate == pytest.approx(0.8)
    assert f.average_handling_days == pytest.approx((2 + 9 + 4 + 7 + 3) / 5)
    assert f.satisfaction_rate == pytest.approx(2 / 3)


def test_by_village_and_platform():
    by_village = {f.key: f for f in assessment.grouped(DATA, lambda r: r.village)}
    assert list(by_village) == sorted(["东山村", "西河村"])
    assert by_village["东山村"].count == 5
    assert by_village["东山村"].on_time_rate == pytest.approx(3 / 4)
    assert by_village["西河村"].satisfaction_rate is None  # nobody rated
    assert by_village["西河村"].on_time_rate == 1.0
    by_platform = {f.key: f for f in assessment.grouped(DATA, lambda r: r.platform)}
    assert by_platform["bianmin"].count == 3
    assert by_platform["bianmin"].average_handling_days == pytest.approx(5.5)
    assert by_platform["zongzhi"].answered == 0
    assert by_platform["zongzhi"].average_handling_days is None


def test_empty_set():
    f = assessment.figures("none", [])
    assert f.count == 0
    assert f.on_time_rate is None and f.satisfaction_rate is None and f.average_handling_days is None


@pytest.mark.parametrize(
    ("period", "bounds"),
    [
        ("2026", (dt.date(2026, 1, 1), dt.date(2027, 1, 1))),
        ("2026-Q3", (dt.date(2026, 7, 1), dt.date(2026, 10, 1))),
        ("2026-Q4", (dt.date(2026, 10, 1), dt.date(2027, 1, 1))),
        ("2026-10", (dt.date(2026, 10, 1), dt.date(2026, 11, 1))),
        ("2026-12", (dt.date(2026, 12, 1), dt.date(2027, 1, 1))),
    ],
)
def test_periods(period, bounds):
    assert assessment.period_bounds(period, dt.date(2026, 11, 26)) == bounds


@pytest.mark.parametrize("period", ["", "26", "2026-13", "2026-Q5", "abcd", "2026-00", "2026/10"])
def test_bad_periods(period):
    with pytest.raises(ValueError):
        assessment.period_bounds(period, dt.date(2026, 11, 26))
