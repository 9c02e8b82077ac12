"""The audit log: Wagtail log entries for verification, moderation, paper ballots and motions, each scoped to
its village; the committee sees its own villages' entries, a superuser sees all."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry

from audit.log import log_village_action
from consultations import services
from residents import services as residents_services
from residents.models import Resident
from tests.consultations.conftest import IN_VOTING

pytestmark = pytest.mark.django_db
REPORT = "/admin/audit/"


def _staff(user):
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_actions_are_registered_with_wagtail():
    for action in ("residents.verified", "consultations.comment.hide", "consultations.paper_ballot"):
        assert registry.action_exists(action)
    assert registry.action_exists("council.motion.record")


def test_verification_moderation_and_paper_ballot_are_logged_with_their_village(
    consultation, make_resident, make_question, committee_member, village_page
):
    clerk = committee_member(village_page.village)
    waiting = make_resident(verified=False)
    residents_services.verify_resident(waiting, clerk)
    entry = ModelLogEntry.objects.get(action="residents.verified")
    assert entry.user == clerk and entry.data["village_id"] == village_page.village.pk
    assert entry.object_id == str(waiting.pk)
    # No name in the entry: it outlives the account (residents.privacy deletes everything personal).
    assert entry.label == f"#{waiting.pk}" and waiting.display_name not in str(entry.data)

    comment = services.add_comment(consultation, make_resident(), "难听的话", now=IN_VOTING)
    services.moderate_comment(comment, clerk, hide=True, reason="人身攻击")
    services.moderate_comment(comment, clerk, hide=False, reason="误判")
    hidden = ModelLogEntry.objects.get(action="consultations.comment.hide")
    assert hidden.data["reason"] == "人身攻击" and hidden.user == clerk
    assert ModelLogEntry.objects.filter(action="consultations.comment.restore").count() == 1

    question = make_question(mode="secret")
    yes = next(o for o in services.ensure_options(question) if o.role == "yes")
    voter = make_resident(login=False)
    services.record_paper_ballot(question, voter, [yes.pk], clerk, now=IN_VOTING)
    paper = ModelLogEntry.objects.get(action="consultations.paper_ballot")
    assert paper.user == clerk and paper.data["village_id"] == village_page.village.pk
    assert set(paper.data) == {"consultation", "question", "resident", "village_id"}  # never the choice
    # Online ballots are not audit events.
    services.cast_ballot(question, make_resident(), [yes.pk], now=IN_VOTING)
    assert ModelLogEntry.objects.filter(action="consultations.paper_ballot").count() == 1


def test_committee_sees_only_its_villages_and_superuser_sees_all(
    client, make_village, village_page, committee_member, make_user
):
    registry.register_action("village_rules.revision.adopted", "Revision adopted", "Revision adopted")
    other_village = make_village()
    mine = Resident.objects.create(village=village_page.village, display_name="甲")
    theirs = Resident.objects.create(village=other_village, display_name="乙")
    log_village_action(mine, "residents.verified", village_page.village, data={"resident": "东山村民甲"})
    log_village_action(theirs, "residents.verified", other_village, data={"resident": "别村村民乙"})
    log_village_action(mine, "village_rules.revision.adopted", village_page.village, data={"resident": "修订通过"})

    client.force_login(_staff(committee_member(village_page.village)))
    html = client.get(REPORT).content.decode()
    assert "东山村民甲" in html and "修订通过" in html and "别村村民乙" not in html
    # Asking for another village by id changes nothing.
    html = client.get(REPORT, {"village": other_village.pk}).content.decode()
    assert "别村村民乙" not in html
    # Filters: by action.
    html = client.get(REPORT, {"action": "residents.verified"}).content.decode()
    assert "东山村民甲" in html and "修订通过" not in html

    admin = make_user("county-admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    html = client.get(REPORT).content.decode()
    assert "东山村民甲" in html and "别村村民乙" in html
    html = client.get(REPORT, {"village": other_village.pk, "since": "2000-01-01", "until": "bad"}).content.decode()
    assert "别村村民乙" in html and "东山村民甲" not in html


def test_report_refuses_residents_and_does_not_grow_in_queries(client, make_resident, committee_member, village_page):
    client.force_login(make_resident().user)
    assert client.get(REPORT).status_code in (302, 403)
    client.force_login(_staff(committee_member(village_page.village)))
    resident = Resident.objects.create(village=village_page.village, display_name="丙")
    log_village_action(resident, "residents.verified", village_page.village)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(REPORT).status_code == 200
        return len(queries)

    few = count()
    for number in range(30):
        log_village_action(resident, "residents.verified", village_page.village, data={"n": number})
    assert count() == few


def test_motion_records_are_logged(village_page):
    import datetime

    from council.models import AgendaItem, Meeting, Motion

    meeting = Meeting.objects.create(
        village=village_page.village, kind=Meeting.Kind.COUNCIL, date=datetime.date(2026, 3, 1), title="理事会例会"
    )
    item = AgendaItem.objects.create(meeting=meeting, title="修路")
    with time_machine.travel(datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)):
        Motion.objects.create(agenda_item=item, text="同意修路", yes=5, no=1, abstain=0)
    entry = ModelLogEntry.objects.get(action="council.motion.record")
    assert entry.data["village_id"] == village_page.village.pk and entry.data["yes"] == 5
