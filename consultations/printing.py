"""A consultation on the 公开栏: its text and when each phase opens; posted at least until voting closes."""

from typing import Any

from home.printing import PostingPeriod, posting_period

from . import phases


def consultation_sheet(page: Any, request: Any) -> tuple[dict[str, Any], PostingPeriod]:
    openings = page.phase_openings()
    steps = [
        {"phase": phase, "opens": opens, "ends": phases.phase_end(openings, phase)}
        for phase, opens in openings.items()
        if opens is not None
    ]
    # Posted until the results are out (voting closes then), and never fewer than the minimum days.
    until = page.results_open.date() if page.results_open else None
    return {"consultation": page, "steps": steps}, posting_period(page.date, until)
