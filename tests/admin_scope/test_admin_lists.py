"""Every admin list pages, at a cost that does not grow with its rows (issue 21: a county of 305 villages).

LISTS names every admin screen that lists records, with how to make n of its rows. For each: with page_size + 1
rows there is a page 2, and a page costs the same queries with 1× and 3× the rows. The routes come from the
resolver, so a new admin screen that is in neither LISTS nor NOT_LISTS fails test_every_admin_list_is_enumerated.
"""

import datetime
import itertools
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from council.models import Council, CouncilProposal, CouncilTerm, Delegation, Meeting
from council.models.demands import MeetingDemand
from grid.models import Grid, GridWorker, RequestCategory, ResidentRequest
from grid.models.mediation import MediationCase, MediationParty, MediationSession
from legal_aid.models.contacts import LegalAidContact
from legal_aid.models.education import LegalEducationSeries
from notices.models import NoticeCategory, NoticeIndexPage, NoticePage
from notices.models.questions import NoticeQuestion
from residents.models import Resident, RollImport
from search.models import SearchSynonym
from supervision.models import Complaint, SupervisionMember
from tests.urlwalk import routes

pytestmark = pytest.mark.django_db
PAGE = 3  # ADMIN_LIST_PAGE_SIZE in these tests, and every Wagtail viewset's paginate_by
_serial = itertools.count(1)


@dataclass(frozen=True)
class Case:
    url: str
    make: Callable  # make(ctx, n): n more rows of this list, visible to the county administrator


def _residents(ctx, n, **fields):
    fields = {"verification": Resident.Verification.UNVERIFIED, **fields}
    return Resident.objects.bulk_create(
        Resident(village=ctx["village"], real_name=f"村民{(i := next(_serial))}", display_name=f"张*{i}",
                 household_number=f"{i:04d}", **fields)
        for _ in range(n)
    )  # fmt: skip


def _verified(ctx, n):
    return _residents(ctx, n, verification=Resident.Verification.VERIFIED)


def _notice(ctx):
    if "notice" not in ctx:
        index = NoticeIndexPage.objects.child_of(ctx["village_page"]).get()
        notice = NoticePage(title="公告", slug="notice", date=timezone.localdate(),
                            category=NoticeCategory.objects.get(slug="affairs"))  # fmt: skip
        index.add_child(instance=notice)
        ctx["notice"] = notice
    return ctx["notice"]


def _questions(ctx, n):
    notice, (resident,) = _notice(ctx), _verified(ctx, 1)
    NoticeQuestion.objects.bulk_create(
        NoticeQuestion(notice=notice, village=ctx["village"], resident=resident, text=f"问{next(_serial)}")
        for _ in range(n)
    )


def _villages(ctx, n):
    for _ in range(n):
        ctx["make_village"]()


def _consultation(ctx):
    if "consultation" not in ctx:
        from tests.consultations.conftest import add_consultation

        ctx["consultation"] = add_consultation(ctx["village_page"])
    return ctx["consultation"]


def _consultations(ctx, n):
    from consultations.models import ConsultationIndexPage, ConsultationPage
    from tests.consultations.conftest import OPENINGS

    index = ConsultationIndexPage.objects.child_of(ctx["village_page"]).get()
    for _ in range(n):
        i = next(_serial)
        index.add_child(instance=ConsultationPage(title=f"征求{i}", slug=f"c{i}", summary="方案", **OPENINGS))


def _comments(ctx, n):
    from consultations.models import Comment

    page, (author,) = _consultation(ctx), _verified(ctx, 1)
    Comment.objects.bulk_create(Comment(page=page, author=author, text=f"意见{i}", report_count=1) for i in range(n))


def _revisions(ctx, n):
    from village_rules.models import RuleRevisionPage, VillageRulesPage

    rules = VillageRulesPage.objects.child_of(ctx["village_page"]).get()
    today = timezone.localdate()
    for _ in range(n):
        i = next(_serial)
        rules.add_child(instance=RuleRevisionPage(title=f"修订{i}", slug=f"r{i}", opinions_open_on=today,
                                                  opinions_close_on=today + datetime.timedelta(days=30)))  # fmt: skip


def _proposals(ctx, n):
    (resident,) = _verified(ctx, 1)
    CouncilProposal.objects.bulk_create(
        CouncilProposal(village=ctx["village"], submitted_by=resident, title=f"提案{i}", text="修路") for i in range(n)
    )


def _demands(ctx, n):
    MeetingDemand.objects.bulk_create(
        MeetingDemand(village=ctx["village"], kind=MeetingDemand.Kind.ASSEMBLY_BY_VILLAGERS, title=f"修桥{i}",
                      reason="桥坏了", base=1200)
        for i in range(n)
    )  # fmt: skip


def _complaints(ctx, n):
    (resident,) = _verified(ctx, 1)
    Complaint.objects.bulk_create(
        Complaint(village=ctx["village"], resident=resident, kind=Complaint.Kind.MISSING, text=f"没有公开{i}",
                  period="2026-08", due_at=timezone.now())
        for i in range(n)
    )  # fmt: skip


def _evaluations(ctx, n):
    from supervision.models import Evaluation

    ballot = _consultation(ctx)
    Evaluation.objects.bulk_create(
        Evaluation(village=ctx["village"], year=1900 + next(_serial), body="assembly", ballot=ballot) for _ in range(n)
    )


def _members(ctx, n):
    from council.models import AgendaItem, Motion

    residents = _verified(ctx, n)
    (meeting,) = _meetings(ctx, 1)
    item = AgendaItem.objects.create(meeting=meeting, title="选举村务监督委员会")
    motion = Motion.objects.create(agenda_item=item, text="选举", yes=10)
    SupervisionMember.objects.bulk_create(
        SupervisionMember(village=ctx["village"], resident=r, chosen_by=motion,
                          term_starts_on=datetime.date(2024, 1, 1), term_ends_on=datetime.date(2029, 1, 1))
        for r in residents
    )  # fmt: skip


def _requests(ctx, n):
    category = RequestCategory.objects.get(code="roads-lights")
    now = timezone.now()
    return ResidentRequest.objects.bulk_create(
        ResidentRequest(village=ctx["village"], category=category, description=f"路灯坏了{i}", received_at=now,
                        accept_due=now, resolve_due=now)
        for i in range(n)
    )  # fmt: skip


def _audit(ctx, n):
    from wagtail.log_actions import log

    for _ in range(n):
        log(ctx["village"], "residents.verified", data={"village_id": ctx["village"].pk}, user=ctx["admin"])


def _roll_report(ctx, n):
    ctx.setdefault("roll", RollImport.objects.create(village=ctx["village"], uploaded_by=ctx["admin"],
                                                     file_name="roll.csv", status="done"))  # fmt: skip
    job = ctx["roll"]
    job.report = job.report + [{"row": i, "outcome": "created", "message": ""} for i in range(n)]
    job.save(update_fields=["report"])


def _broadcast(ctx, n=1):
    from notifications.models import Broadcast

    return Broadcast.objects.create(
        village=ctx["village"], kind=Broadcast.Kind.URGENT_NOTICE, event=f"notice:{next(_serial)}", title="停水",
        message="Urgent notice from %(village)s: %(title)s", params={"village": "东山村", "title": "停水"},
    )  # fmt: skip


def _broadcasts(ctx, n):
    for _ in range(n):
        _broadcast(ctx)


def _deliveries(ctx, n):
    from notifications.models import Delivery

    ctx.setdefault("broadcast", _broadcast(ctx))
    channels = [Delivery.Channel.INBOX, Delivery.Channel.EMAIL, Delivery.Channel.SMS]
    residents = _residents(ctx, n, verification=Resident.Verification.VERIFIED, phone="")
    for resident in residents:
        resident.phone = f"+86138{resident.pk:08d}"
    Resident.objects.bulk_update(residents, ["phone"])
    Delivery.objects.bulk_create(
        Delivery(broadcast=ctx["broadcast"], resident=r, channel=channels[i % 3], status=Delivery.Status.FAILED,
                 reason="provider refused the number")
        for i, r in enumerate(residents)
    )  # fmt: skip


def _meetings(ctx, n):
    return Meeting.objects.bulk_create(
        Meeting(village=ctx["village"], kind="council", title=f"会议{i}", date=datetime.date(2026, 1, 1))
        for i in range(n)
    )


def _council(ctx):
    return Council.objects.get_or_create(village=ctx["village"], defaults={"name": "理事会"})[0]


def _terms(ctx, n):
    council = _council(ctx)
    CouncilTerm.objects.bulk_create(
        CouncilTerm(council=council, name=f"第{i}届", starts_on=datetime.date(2000 + i % 20, 1, 1),
                    ends_on=datetime.date(2003 + i % 20, 1, 1))
        for i in range(n)
    )  # fmt: skip


def _councils(ctx, n):
    for _ in range(n):
        ctx["village"] = ctx["make_village"]()
        _council(ctx)


def _delegations(ctx, n):
    (meeting,) = _meetings(ctx, 1)
    Delegation.objects.bulk_create(
        Delegation(village=ctx["village"], matter="land", granted_by=meeting, starts_on=datetime.date(2026, 1, 1),
                   ends_on=datetime.date(2026, 12, 31), scope=f"范围{i}")
        for i in range(n)
    )  # fmt: skip


def _grids(ctx, n):
    return Grid.objects.bulk_create(Grid(village=ctx["village"], name=f"网格{next(_serial)}") for _ in range(n))


def _workers(ctx, n):
    (grid,) = _grids(ctx, 1)
    GridWorker.objects.bulk_create(GridWorker(grid=grid, name=f"周{i}", work_phone="0371-6011 2300") for i in range(n))


def _cases(ctx, n):
    return MediationCase.objects.bulk_create(MediationCase(request=r, subject="邻里纠纷") for r in _requests(ctx, n))


def _parties(ctx, n):
    (case,) = _cases(ctx, 1)
    MediationParty.objects.bulk_create(MediationParty(case=case, name=f"李{i}", role="申请人") for i in range(n))


def _sessions(ctx, n):
    (case,) = _cases(ctx, 1)
    MediationSession.objects.bulk_create(
        MediationSession(case=case, held_on=datetime.date(2026, 1, 1), mediator="王", summary="调解") for _ in range(n)
    )


def _contacts(ctx, n):
    LegalAidContact.objects.bulk_create(
        LegalAidContact(kind="aid_centre", name=f"法律援助中心{next(_serial)}", phone="0371-12348") for _ in range(n)
    )


def _series(ctx, n):
    LegalEducationSeries.objects.bulk_create(
        LegalEducationSeries(name=f"系列{(i := next(_serial))}", slug=f"series-{i}") for _ in range(n)
    )


def _synonyms(ctx, n):
    SearchSynonym.objects.bulk_create(SearchSynonym(words=f"词{(i := next(_serial))} 语{i}") for _ in range(n))


LISTS = {
    "residents_admin:queue": Case("/admin/residents/", _residents),
    "residents_admin:roll_import_status": Case("/admin/residents/roll/{roll}/", _roll_report),
    "notices_questions": Case("/admin/notices/questions/", _questions),
    "notices_calendar": Case("/admin/notices/calendar/", _villages),
    "rules_revisions:list": Case("/admin/rules-revisions/", _revisions),
    "consultations_admin:moderation_queue": Case("/admin/consultations/moderation/", _comments),
    "consultations_admin:outcomes": Case("/admin/consultations/outcomes/", _consultations),
    "council_proposals": Case("/admin/council/proposals/", _proposals),
    "council_demands": Case("/admin/council/demands/", _demands),
    "supervision_complaints": Case("/admin/supervision/complaints/", _complaints),
    "supervision_members": Case("/admin/supervision/members/", _members),
    "supervision_evaluations": Case("/admin/supervision/evaluations/", _evaluations),
    "grid_admin:workbench": Case("/admin/requests/?state=all", _requests),
    "audit_report": Case("/admin/audit/", _audit),
    "notifications_broadcasts": Case("/admin/broadcasts/", _broadcasts),
    "notifications_broadcast": Case("/admin/broadcasts/{broadcast}/", _deliveries),
    # Wagtail's generic listings of the project's models (their paginate_by is set to PAGE below).
    "council_meetings:index": Case("/admin/council/meetings/", _meetings),
    "council_terms:index": Case("/admin/council/terms/", _terms),
    "council_councils:index": Case("/admin/council/councils/", _councils),
    "council_delegations:index": Case("/admin/council/delegations/", _delegations),
    "council_resident_chooser:choose": Case("/admin/council/choose-resident/", _verified),
    "grids:index": Case("/admin/grids/", _grids),
    "grid_workers:index": Case("/admin/grid_workers/", _workers),
    "mediation_cases:index": Case("/admin/mediation_cases/", _cases),
    "mediation_parties:index": Case("/admin/mediation_parties/", _parties),
    "mediation_sessions:index": Case("/admin/mediation_sessions/", _sessions),
    "wagtailsnippets_home_village:list": Case("/admin/snippets/home/village/", _villages),
    "wagtailsnippets_legal_aid_legalaidcontact:list": Case("/admin/snippets/legal_aid/legalaidcontact/", _contacts),
    "wagtailsnippets_legal_aid_legaleducationseries:list": Case(
        "/admin/snippets/legal_aid/legaleducationseries/", _series
    ),
    "wagtailsnippets_portal_search_searchsynonym:list": Case("/admin/snippets/portal_search/searchsynonym/", _synonyms),
}

# Admin screens that are not a list of records, or whose list is bounded by what it is; each says why.
_FORM = "a form with at most a fixed number of recent rows"
_ONE = "one record's screen"
NOT_LISTS = {
    "portal_admin_login": "the sign-in",
    "residents_admin:register": _FORM + " (the last 20 registered at the office)",
    "residents_admin:roll_import": _FORM + " (the last 10 imports)",
    "residents_admin:bulk_approve": "a POST action",
    "residents_admin:approve": "a POST action",
    "residents_admin:set_roles": "a POST action",
    "residents_admin:decide_claim": "a POST action",
    "residents_admin:reject": _ONE,
    "residents_admin:onboarding": "the register upload (its report is the uploaded file's rows)",
    "residents_admin:onboarding_confirm": "a POST action",
    "residents_admin:onboarding_done": "the one-time passwords of the run just made, from the session",
    "residents_admin:onboarding_passwords_csv": "the same passwords as CSV, from the session",
    "residents_admin:onboarding_forget": "a POST action",
    "notices_answer": _ONE,
    "rules_revisions:detail": _ONE,
    "rules_revisions:step": "a POST action",
    "rules_revisions:decide": "a POST action",
    "rules_revisions:moderate": "a POST action",
    "consultations_admin:moderate": "a POST action",
    "consultations_admin:paper_ballot": "a form: the consultations voting now, and one page of residents found",
    "consultations_admin:outcome": _ONE,
    "consultations_admin:assisted": "a form: one page of residents found, 30 open consultations, 50 proposals",
    "council_resident_chooser:chosen": "the chooser's answer for one resident",
    "council_record_vote": "a form for one agenda item",
    "council_attendance": _ONE + " (the roster of one council)",
    "council_handle_proposal": _ONE,
    "council_demand": _ONE,
    "grid_admin:detail": _ONE,
    "grid_admin:file": "a form",
    "supervision_complaint": _ONE,
    "supervision_add_member": "a form",
    "supervision_add_member_in": "the members screen's village <select> sends here: a redirect to that village's form",
    "supervision_open_evaluation": "a form (the village committee's members; paid staff are typed by name)",
    "supervision_evaluation": _ONE + " (the persons of one evaluation)",
    "portal_submit_page_translation": "wagtail-localize's form for one page",
    "portal_update_translations": "wagtail-localize's form for one page",
    # Reference tables the county keeps by hand: a few dozen rows, ordered by hand (Wagtail shows them unpaged to
    # let them be dragged into order); they do not grow with villages or years.
    "wagtailsnippets_notices_noticecategory:list": "a reference table ordered by hand",
    "request_categories:index": "a reference table ordered by hand",
}
PROJECT_APPS = {"home", "notices", "village_rules", "legal_aid", "consultations", "council", "residents", "grid",
                "supervision", "audit", "portal_search", "notifications"}  # fmt: skip


def _is_project_list(route) -> bool:
    """A project admin view, or a Wagtail listing (index or chooser) of a project model."""
    from wagtail.admin.views.generic import BaseListingView, WagtailAdminTemplateMixin
    from wagtail.admin.views.generic.base import BaseObjectMixin

    if route.path.endswith("/results/"):
        return False  # a listing's results-only twin pages with it
    view = getattr(route.view, "view_class", route.view)
    if not isinstance(view, type) or not issubclass(view, WagtailAdminTemplateMixin | BaseListingView):
        return not view.__module__.startswith(("wagtail", "django", "rest_framework"))
    if issubclass(view, BaseObjectMixin):
        return False  # Wagtail's views of one record (edit, delete, history, usage): that record's screens
    model = (getattr(route.view, "view_initkwargs", None) or {}).get("model")
    app = getattr(getattr(model, "_meta", None), "app_label", None)
    return app in PROJECT_APPS and issubclass(view, BaseListingView)


def _admin_routes():
    with translation.override("zh-hans"):
        return [route for route in routes("admin/") if route.path not in {"admin/^.*/$", "admin/failwhale/"}]


def test_every_admin_list_is_enumerated():
    found = {route.name or route.path for route in _admin_routes() if _is_project_list(route)}
    unknown = found - LISTS.keys() - NOT_LISTS.keys()
    assert unknown == set(), (
        f"{sorted(unknown)}: a new admin screen: add it to LISTS (with a row maker) or NOT_LISTS (with why)"
    )
    assert set(LISTS) | set(NOT_LISTS) <= found, "listed screens that do not exist any more"


@pytest.fixture
def county(settings, monkeypatch, without_locale_sync, village_page, make_village, django_user_model):
    settings.ADMIN_LIST_PAGE_SIZE = PAGE
    for route in _admin_routes():
        initkwargs = getattr(route.view, "view_initkwargs", None)
        view = getattr(route.view, "view_class", None)
        if route.name in LISTS and initkwargs is not None:
            for attribute in ("paginate_by", "per_page"):  # Wagtail's listings and choosers
                if hasattr(view, attribute):
                    monkeypatch.setitem(initkwargs, attribute, PAGE)
    admin = django_user_model.objects.create_superuser("county-admin", "admin@example.org", "x")
    client = Client()
    client.force_login(admin)
    return {"village": village_page.village, "village_page": village_page, "make_village": make_village,
            "admin": admin, "client": client}  # fmt: skip


def _get(ctx, case: Case, page: int):
    url = case.url.format(roll=getattr(ctx.get("roll"), "pk", 0), broadcast=getattr(ctx.get("broadcast"), "pk", 0))
    url += ("&" if "?" in url else "?") + f"p={page}"
    ctx["client"].get(url)  # warm the per-process caches, as a running server has them
    with CaptureQueriesContext(connection) as queries:
        response = ctx["client"].get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response, len(queries)


def _page_number(response) -> int:
    context = response.context
    for name in ("page_obj", "page", "items", "residents"):
        page = context.get(name) if context else None
        if page is not None and hasattr(page, "paginator"):
            return page.number
    raise AssertionError("the list has no page object in its context")


@pytest.mark.parametrize("name", sorted(LISTS))
def test_every_admin_list_pages_at_a_cost_independent_of_its_rows(county, name):
    case = LISTS[name]
    case.make(county, PAGE + 1)
    response, last_page = _get(county, case, 2)
    assert _page_number(response) == 2, f"{name}: no second page with {PAGE + 1} rows"

    _first, once = _get(county, case, 1)
    # A page of PAGE rows costs what the last page of one row costs: no query per row shown.
    assert once == last_page, f"{name}: {once} queries for {PAGE} rows, {last_page} for one"
    case.make(county, 2 * (PAGE + 1))  # three times the rows
    _first, thrice = _get(county, case, 1)
    assert thrice == once, f"{name}: {once} queries with {PAGE + 1} rows, {thrice} with three times as many"
