"""Every admin view is scoped to the committee's own village, as the attack: committee-xihe requests every admin URL
pattern the resolver knows with 东山村's ids (meetings, terms, councils, residents, requests, comments, pages …).

The routes are listed from the resolver, so a view added later (an app's admin URLs, a snippet, a ModelViewSet's
history/usage/inspect/copy views) is swept without anyone listing it here. A project view with an id in its address
must say which model the id is (MODEL_OF below) or the test fails; Wagtail's own views get the model from their
viewset, or the foreign village page. Every answer must be a refusal (403, 404, a redirect to the dashboard or the
sign-in) or a page without 东山村's data; POSTs must change nothing of 东山村's.
"""

import datetime

import pytest
from django.apps import apps
from django.db.models import Model
from django.test import Client
from django.utils import timezone, translation
from wagtail.models import Page

from consultations import services as consultation_services
from council import services as council_services
from council.models import CouncilProposal, CouncilTerm, Delegation, Meeting
from council.models.demands import MeetingDemand
from grid import services as grid_services
from grid.models import Grid, GridWorker, RequestCategory, ResidentRequest
from home.models import Village
from notices.models import NoticeCategory, NoticeIndexPage, NoticePage
from notices.models.questions import NoticeQuestion
from notifications.models import Broadcast, Delivery
from residents.models import Resident, ResidentClaim, RollImport
from residents.services import create_resident_for_signup, register_offline
from supervision import services as supervision_services
from supervision.models import Complaint, Evaluation
from tests.consultations.conftest import OPENINGS, add_consultation
from tests.urlwalk import Route, routes
from tests.village_rules.conftest import chapters
from village_rules import services as rule_services
from village_rules.models import ArticleComment, RuleRevisionPage, RulesVersion, VillageRulesPage

pytestmark = pytest.mark.django_db
SECRET = "东山机密"  # in a non-public field of every 东山村 record (published pages are public anyway)
IN_COMMENTS = OPENINGS["information_opens"] + datetime.timedelta(days=1)

# Project admin views whose address carries an id: which model the id is.
MODEL_OF = {
    "residents_admin:approve": Resident,
    "residents_admin:reject": Resident,
    "residents_admin:set_roles": Resident,
    "residents_admin:roll_import_status": RollImport,
    "residents_admin:decide_claim": ResidentClaim,
    "notices_answer": NoticeQuestion,
    "rules_revisions:detail": RuleRevisionPage,
    "rules_revisions:step": RuleRevisionPage,
    "rules_revisions:decide": ArticleComment,
    "rules_revisions:moderate": ArticleComment,
    "consultations_admin:moderate": "consultations.Comment",
    "consultations_admin:outcome": "consultations.ConsultationPage",
    "council_handle_proposal": CouncilProposal,
    "council_attendance": Meeting,
    "council_demand": MeetingDemand,
    "grid_admin:detail": ResidentRequest,
    "supervision_complaint": Complaint,
    "supervision_add_member": Village,  # by its code
    "notifications_broadcast": Broadcast,
    "supervision_evaluation": Evaluation,
    "supervision_open_evaluation": Village,  # by its code
    # wagtail-localize's submit and sync addresses, scoped to the pages the user may edit (search.translation_access)
    "portal_submit_page_translation": "wagtailcore.Page",
    "portal_update_translations": "wagtail_localize.TranslationSource",
}


@pytest.fixture
def dongshan(without_locale_sync, village_page, make_village, make_user, committee_member):
    """东山村 with one record of every kind a committee handles, each carrying SECRET."""
    village = village_page.village
    xihe = make_village(code="xihe", name="西河村")
    mine = committee_member(village)
    objects: dict = {}
    record = register_offline(village=village, by=mine, real_name=f"孙玉珍{SECRET}", household_number="0107")
    objects[Resident] = record
    signup = create_resident_for_signup(
        make_user("claimant"), village=village, household_number="0107", real_name=f"孙玉珍{SECRET}", display_name=""
    )
    objects[ResidentClaim] = signup.claims_made.get()
    objects[RollImport] = RollImport.objects.create(village=village, uploaded_by=mine, file_name=f"{SECRET}.csv")
    objects[ResidentRequest] = grid_services.file_request(
        village=village,
        category=RequestCategory.objects.get(code="roads-lights"),
        description=f"家庭纠纷 {SECRET}",
        by=mine,
        resident=record,
        channel=ResidentRequest.Channel.WALK_IN,
    )
    grid = Grid.objects.create(village=village, name=f"一网格{SECRET}")
    objects[Grid] = grid
    objects[GridWorker] = GridWorker.objects.create(grid=grid, name=f"周{SECRET}", work_phone="0371-6011 2300")
    objects[Meeting] = council_services.record_meeting(
        mine, village, kind="council", title=f"理事会{SECRET}", date=datetime.date(2026, 10, 15), present_persons=9
    )
    council = council_services.council_of(village)
    council.name = f"理事会{SECRET}"
    council.save()
    objects[type(council)] = council
    objects[CouncilTerm] = CouncilTerm.objects.create(
        council=council, name=f"第二届{SECRET}", starts_on=datetime.date(2023, 1, 1), ends_on=datetime.date(2027, 1, 1)
    )
    objects[Delegation] = Delegation.objects.create(
        village=village, matter="land", granted_by=objects[Meeting], starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31), scope=SECRET,
    )  # fmt: skip
    verified = Resident.objects.create(
        user=make_user("dongshan-villager"), village=village, display_name="王*英", verification="verified",
        is_representative=True,
    )  # fmt: skip
    objects[Complaint] = supervision_services.file_complaint(
        verified.user, village, Complaint.Kind.MISSING, f"八月账目没有公开{SECRET}", period="2026-08"
    )
    objects[Village] = village
    objects[Broadcast] = Broadcast.objects.create(
        village=village, kind=Broadcast.Kind.URGENT_NOTICE, event="notice:scope", title="停水通知",
        message="Urgent notice from %(village)s: %(title)s", params={"village": "东山村", "title": SECRET},
    )  # fmt: skip
    objects[Delivery] = Delivery.objects.create(
        broadcast=objects[Broadcast], resident=verified, channel=Delivery.Channel.SMS,
        status=Delivery.Status.FAILED, reason=f"provider refused {SECRET}",
    )  # fmt: skip
    objects[MeetingDemand] = MeetingDemand.objects.create(
        village=village, kind=MeetingDemand.Kind.ASSEMBLY_BY_VILLAGERS, title="修桥", reason=f"桥坏了{SECRET}",
        started_by=verified, base=1200,
    )  # fmt: skip
    objects[CouncilProposal] = CouncilProposal.objects.create(
        village=village, submitted_by=verified, title=f"修桥{SECRET}", text=SECRET
    )
    with _at(IN_COMMENTS):
        consultation = add_consultation(village_page)
        comment = consultation_services.add_comment(consultation, verified, f"<p>{SECRET}</p>")
        consultation_services.moderate_comment(comment, mine, hide=True, reason="人身攻击")  # not public any more
    objects[apps.get_model("consultations.Comment")] = comment
    objects[apps.get_model("consultations.ConsultationPage")] = consultation
    objects[Evaluation] = Evaluation.objects.create(village=village, year=2025, body="assembly", ballot=consultation)
    index = NoticeIndexPage.objects.child_of(village_page).get()
    notice = NoticePage(
        title="第三季度公告", slug="q3", date=timezone.localdate(), category=NoticeCategory.objects.get(slug="affairs")
    )
    index.add_child(instance=notice)
    notice.save_revision().publish()
    objects[NoticeQuestion] = NoticeQuestion.objects.create(
        notice=notice, village=village, resident=verified, text=f"问{SECRET}"
    )
    rules = VillageRulesPage.objects.child_of(village_page).get()
    rules.versions = [
        RulesVersion(
            title="2023年版", meeting="村民会议", adopted_on=datetime.date(2023, 3, 12), votes_for=700,
            votes_against=10, votes_abstain=5, filed_on=datetime.date(2023, 3, 17),
            text=chapters(("总则", ["村民应当遵守法律法规。"])),
        )
    ]  # fmt: skip
    rules.save_revision().publish()
    today = timezone.localdate()
    revision = rules.add_child(
        instance=RuleRevisionPage(
            title="2026年修订", slug="revision-2026", opinions_open_on=today - datetime.timedelta(days=5),
            opinions_close_on=today + datetime.timedelta(days=25),
        )
    )  # fmt: skip
    revision.save_revision().publish()
    objects[RuleRevisionPage] = revision
    objects[ArticleComment] = rule_services.add_comment(revision, verified.user, f"意见{SECRET}", 1)
    rule_services.moderate_comment(objects[ArticleComment], mine, hide=True, reason="与条文无关")
    objects["page"] = notice
    attacker = committee_member(xihe)
    return {"objects": objects, "attacker": attacker, "village": village}


def _at(moment):
    import time_machine

    return time_machine.travel(moment, tick=False)


def _model_of(route: Route):
    if route.name in MODEL_OF:
        model = MODEL_OF[route.name]
        return apps.get_model(model) if isinstance(model, str) else model
    model = (getattr(route.view, "view_initkwargs", None) or {}).get("model")
    return model if isinstance(model, type) and issubclass(model, Model) else None


def _admin_routes() -> list[Route]:
    with translation.override("zh-hans"):
        # Wagtail's catch-all 404 and its "failwhale" page, which raises on purpose to show the 500 page.
        # And the sign-out, which would leave the rest of the sweep signed out.
        skipped = {"admin/^.*/$", "admin/failwhale/", "admin/logout/"}
        return [route for route in routes("admin/") if route.path not in skipped]


def test_every_project_admin_view_with_an_id_says_what_the_id_is():
    unknown = [
        route.name or route.path
        for route in _admin_routes()
        if route.params
        and not route.view_name.startswith(("wagtail", "django", "rest_framework"))
        and _model_of(route) is None
    ]
    assert unknown == [], "add these admin views to MODEL_OF so the sweep sends them another village's ids"


def _url(route: Route, dongshan) -> str:
    objects = dongshan["objects"]
    model = _model_of(route)
    page = objects["page"]
    foreign = objects.get(model) if model is not None else None
    value = foreign.pk if foreign is not None else page.pk  # Wagtail's ids are mostly page ids
    values = dict.fromkeys(route.params, value)
    for name in ("page_id", "parent_page_id", "page_to_move_id", "destination_id"):
        if name in values and model is None:
            values[name] = page.pk
    if "code" in values and isinstance(foreign, Village):
        values["code"] = foreign.code
    if "app_label" in values and model is not None:
        values.update(app_label=model._meta.app_label, model_name=model._meta.model_name)
    return route.url(**values)


def _refused_or_clean(response, url: str) -> None:
    """A refusal, a redirect (Wagtail denies with one to the dashboard; no body), or a page without 东山村's data."""
    if response.status_code in (403, 404, 405) or 300 <= response.status_code < 400:
        return
    body = response.content.decode(errors="replace")
    assert SECRET not in body, f"{url}: HTTP {response.status_code} shows 东山村's data"


def _snapshot(dongshan) -> dict:
    rows = {}
    for _key, obj in dongshan["objects"].items():
        model = type(obj)
        rows[(model.__name__, obj.pk)] = list(model._default_manager.filter(pk=obj.pk).values())
    rows["pages"] = list(
        Page.objects.filter(path__startswith=dongshan["objects"]["page"].path[:8]).values("pk", "title", "live", "path")
    )
    return rows


def test_committee_xihe_gets_nothing_of_dongshan_from_any_admin_url(dongshan):
    client = Client()
    client.force_login(dongshan["attacker"])
    urls = sorted({_url(route, dongshan) for route in _admin_routes()})
    assert len(urls) > 250
    assert any("/council/meetings/history/" in url for url in urls)
    answered = 0
    with _at(IN_COMMENTS):
        for url in urls:
            response = client.get(url)
            answered += response.status_code == 200
            _refused_or_clean(response, url)
            _refused_or_clean(client.get(url, {"q": "机密"}), url)  # searches in listings and choosers (no echo)
    # The attacker really is in the admin: their own screens answer (the sweep is not just "signed out").
    assert answered > 40 and client.get("/admin/council/meetings/").status_code == 200


def test_posts_with_dongshans_ids_change_nothing_of_dongshan(dongshan):
    client = Client()
    client.force_login(dongshan["attacker"])
    before = _snapshot(dongshan)
    with _at(IN_COMMENTS):
        for route in _admin_routes():
            if route.params:
                url = _url(route, dongshan)
                client.post(url, {"decision": "confirm", "action": "hide", "reason": "x", "title": "改", "name": "改"})
    assert _snapshot(dongshan) == before
    assert "_auth_user_id" in client.session  # still the attacker at the end: no route signed them out


def test_the_marker_would_show_if_it_leaked(dongshan, django_user_model):
    """The control: 东山村's own committee sees these records, marker and all, at the same addresses."""
    client = Client()
    client.force_login(django_user_model.objects.get(username="committee-dongshan"))
    council = next(obj for obj in dongshan["objects"].values() if type(obj).__name__ == "Council")
    for url in (f"/admin/council/councils/history/{council.pk}/", "/admin/residents/", "/admin/council/terms/"):
        assert SECRET in client.get(url).content.decode(), url
