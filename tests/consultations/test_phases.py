import datetime

from consultations import phases

UTC = datetime.UTC
OPEN = {
    "information": datetime.datetime(2026, 1, 1, tzinfo=UTC),
    "proposals": None,
    "deliberation": datetime.datetime(2026, 1, 20, tzinfo=UTC),
    "voting": datetime.datetime(2026, 2, 1, tzinfo=UTC),
    "results": datetime.datetime(2026, 2, 10, tzinfo=UTC),
}


def test_current_phase_follows_the_dates_and_skips_empty_phases():
    assert phases.current_phase(OPEN, datetime.datetime(2025, 12, 31, tzinfo=UTC)) is None
    assert phases.current_phase(OPEN, datetime.datetime(2026, 1, 15, tzinfo=UTC)) == "information"
    # The opening instant belongs to the phase that opens.
    assert phases.current_phase(OPEN, OPEN["voting"]) == "voting"
    assert phases.current_phase(OPEN, OPEN["voting"] - datetime.timedelta(microseconds=1)) == "deliberation"
    assert phases.current_phase(OPEN, OPEN["results"]) == "results"


def test_phase_end_is_the_next_opening():
    assert phases.phase_end(OPEN, "information") == OPEN["deliberation"]
    assert phases.phase_end(OPEN, "results") is None


def test_timeline_marks_where_we_are():
    steps = phases.timeline(OPEN, datetime.datetime(2026, 2, 2, tzinfo=UTC))
    assert [s["phase"] for s in steps] == ["information", "deliberation", "voting", "results"]
    assert [s["state"] for s in steps] == ["past", "past", "current", "future"]
