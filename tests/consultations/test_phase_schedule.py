"""Phase announcements are scheduled, not run by hand (issue 20): deploy runs the periodic job beside the task
worker, `make run` runs it beside the server, and a phase boundary produces exactly one announcement however
often the job runs around it."""

import datetime
import io
import re
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command

from consultations import tasks
from notifications import services as notifications
from notifications.models import Notification

from .conftest import OPENINGS

pytestmark = pytest.mark.django_db
PROJECT = Path(__file__).resolve().parents[2]
BOUNDARY = OPENINGS["voting_opens"]


def _run_job_at(moment: datetime.datetime) -> str:
    out = io.StringIO()
    with time_machine.travel(moment, tick=False):
        call_command("run_periodic_jobs", stdout=out)
    return out.getvalue()


def test_a_phase_boundary_gives_exactly_one_announcement(consultation, make_resident):
    followers = [make_resident(), make_resident()]
    for resident in followers:
        notifications.follow(resident.user, consultation)
    _run_job_at(BOUNDARY - datetime.timedelta(minutes=5))  # deliberation: announced now, before the boundary
    before = Notification.objects.filter(message=tasks.PHASE_MESSAGES["voting"]).count()

    # Every five minutes across the boundary, twice in the same minute as a doubled timer would.
    outputs = [_run_job_at(BOUNDARY + datetime.timedelta(minutes=minutes)) for minutes in (0, 0, 5, 10, 60)]

    voting = Notification.objects.filter(message=tasks.PHASE_MESSAGES["voting"])
    assert before == 0
    assert sorted(voting.values_list("recipient_id", flat=True)) == sorted(r.user_id for r in followers)
    assert "phase announcements: 2" in outputs[0] and all("phase announcements: 0" in out for out in outputs[1:])


def test_deploy_runs_the_periodic_job_beside_the_task_worker():
    timer = (PROJECT / "deploy/cunwu-periodic.timer").read_text()
    service = (PROJECT / "deploy/cunwu-periodic.service").read_text()
    assert re.search(r"^OnUnitActiveSec=5min$", timer, re.M)
    assert re.search(r"^ExecStart=.*manage\.py run_periodic_jobs$", service, re.M)
    assert (PROJECT / "deploy/cunwu-worker.service").exists()


def test_make_run_runs_the_periodic_job_beside_the_server():
    makefile = (PROJECT / "Makefile").read_text()
    recipe = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "run_periodic_jobs --every" in recipe and "runserver" in recipe
