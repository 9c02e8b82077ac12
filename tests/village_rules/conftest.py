import datetime

import pytest

from village_rules.models import RulesVersion, VillageRulesPage


def chapters(*chapters: tuple[str, list[str]]) -> list[tuple[str, dict]]:
    return [("chapter", {"title": title, "articles": articles}) for title, articles in chapters]


@pytest.fixture
def rules_page(village_page) -> VillageRulesPage:
    """东山村's rules page with the 2019 text and the 2023 text in force."""
    page = VillageRulesPage.objects.child_of(village_page).get()
    page.versions = [
        RulesVersion(
            title="2019年版",
            meeting="2019年第二次村民会议",
            adopted_on=datetime.date(2019, 6, 23),
            votes_for=500,
            votes_against=60,
            votes_abstain=30,
            filed_on=datetime.date(2019, 6, 28),
            text=chapters(
                ("总则", ["村民应当遵守法律法规。", "邻里和睦，尊老爱幼。"]),
                ("村风民俗", ["婚事宴席不超过20桌，每桌标准不超过600元。", "不得在村内燃放烟花爆竹。"]),
            ),
        ),
        RulesVersion(
            title="2023年修订版",
            meeting="2023年第一次村民会议",
            adopted_on=datetime.date(2023, 3, 12),
            votes_for=760,
            votes_against=63,
            votes_abstain=50,
            filed_on=datetime.date(2023, 3, 17),
            text=chapters(
                ("总则", ["村民应当遵守法律法规。", "邻里和睦，尊老爱幼。"]),
                ("村风民俗", ["婚事宴席不超过15桌，每桌标准不超过500元。", "提倡不收彩礼。"]),
                ("附则", ["本村规民约报乡镇人民政府备案后施行。"]),
            ),
        ),
    ]
    page.save_revision().publish()
    return VillageRulesPage.objects.get(pk=page.pk)


# ---- Revisions (issue 7) -----------------------------------------------------------------------------------


@pytest.fixture
def revision(without_locale_sync, rules_page):
    """A revision of 东山村's rules collecting opinions now; its draft starts from the 2023 text in force."""
    from village_rules.models import RuleRevisionPage

    page = rules_page.add_child(
        instance=RuleRevisionPage(
            title="2026年修订",
            slug="revision-2026",
            opinions_open_on=datetime.date.today() - datetime.timedelta(days=5),
            opinions_close_on=datetime.date.today() + datetime.timedelta(days=25),
        )
    )
    page.save_revision().publish()
    return RuleRevisionPage.objects.get(pk=page.pk)


@pytest.fixture
def village(rules_page):
    return rules_page.get_parent().specific.village


@pytest.fixture
def committee(village, committee_member):
    return committee_member(village)


@pytest.fixture
def make_reviewer(make_user):
    """A township account: a member of the township's supervision group (grid.rules)."""
    from grid.rules import supervision_group

    def make(township: str = "柳溪镇", username: str = "township"):
        user = make_user(username)
        user.groups.add(supervision_group(township))
        return user

    return make


@pytest.fixture
def reviewer(make_reviewer):
    return make_reviewer()


@pytest.fixture
def make_resident(make_user):
    from residents.models import Resident

    counter = iter(range(1, 10_000))

    def make(village, *, verified: bool = True):
        number = next(counter)
        user = make_user(f"villager{number}", email=f"villager{number}@example.org")
        state = Resident.Verification.VERIFIED if verified else Resident.Verification.UNVERIFIED
        Resident.objects.create(user=user, village=village, display_name=f"王*英{number}", verification=state)
        user.refresh_from_db()
        return user

    return make


@pytest.fixture
def make_motion(committee):
    """A motion of a meeting of the given kind, recorded through the council services."""
    from council import services
    from council.models import AgendaItem

    def make(village, *, kind="assembly", present=600, households=0, yes=500, no=40, abstain=60, date=None):
        meeting = services.record_meeting(
            None,
            village,
            kind=kind,
            title="2026年第二次村民会议",
            date=date or datetime.date.today(),
            present_persons=present,
            present_households=households,
        )
        item = AgendaItem.objects.create(meeting=meeting, title="审议村规民约修订草案")
        return services.record_motion(None, item, "通过村规民约修订", yes, no, abstain, publish_resolution=False)

    return make


@pytest.fixture
def to_stage(revision, committee, reviewer, make_motion, village):
    """Take the revision through the procedure up to the given stage, the lawful way."""

    from village_rules import services, workflow

    def go(stage: str):
        steps = [
            ("drafting", lambda: services.start_drafting(revision, committee)),
            ("review", lambda: services.submit_for_review(revision, committee, despite_unanswered=True)),
            ("voting", lambda: services.approve(revision, reviewer, "同意提交表决。")),
            ("adopted", lambda: services.record_assembly_vote(revision, committee, make_motion(village))),
            ("filed", lambda: services.file_with_township(revision, committee, datetime.date.today())),
        ]
        for name, step in steps:
            if workflow.STAGES.index(stage_of(revision)) < workflow.STAGES.index(name):
                step()
            if name == stage:
                break
        revision.refresh_from_db()
        return revision

    return go


def stage_of(page) -> str:
    return type(page).objects.get(pk=page.pk).procedure.stage
