"""seed_county at a small size: the county it generates is repeatable, valid, renders, and its ballots add up.

The county (3 villages, 1 year) is generated once per module inside the module's transaction, after a first
run with the same seed that is rolled back: the two runs' fingerprints must be equal.
"""

import io
from collections import Counter

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Sum
from django.test import Client
from wagtail.models import Locale, Page

from consultations.models import Ballot, BallotBox, BallotChoice, ConsultationPage, PaperBatch, Participation
from council.models import Meeting
from county_seed import plan
from grid.models import ResidentRequest
from home.models import Village, VillagePage
from notices import disclosure
from notices.models import NoticePage
from residents.models import Resident

pytestmark = pytest.mark.slow  # four villages provisioned with their trees in three languages

SIZES = ["--years", "1", "--seed", "7"]


def _fingerprint(code: str) -> dict:
    """What the seed decided for one village, without database ids (sequences are not rolled back on PostgreSQL)."""
    village = Village.objects.get(code=code)
    inside = f"/{code}/"
    boxes = []
    for box in BallotBox.objects.filter(question__page__url_path__contains=inside).order_by("question__page__url_path"):
        labels = {str(o.pk): o.label for o in box.question.options.all()}
        counts = sorted((labels[key], n) for key, n in box.counts.items())
        boxes.append((box.question.page.url_path, box.question.text, box.ballots, counts, box.receipts))
    notices = NoticePage.objects.filter(url_path__contains=inside).order_by("url_path")
    return {
        "village": (village.division_code, village.name, village.township, village.adult_villagers, village.households),
        "notices": list(notices.values_list("url_path", "title", "date")),
        "residents": sorted(village.residents.values_list("user__username", "real_name", "verification")),
        "boxes": boxes,
        "requests": sorted(ResidentRequest.objects.filter(village=village).values_list("received_at", "description")),
        "meetings": sorted(Meeting.objects.filter(village=village).values_list("title", "present_persons")),
    }


def _seed(villages: int) -> str:
    out = io.StringIO()
    call_command("seed_county", "--villages", str(villages), *SIZES, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def county(module_transaction) -> dict:
    """A one-village run, rolled back, then the three-village county kept for the module."""
    with transaction.atomic():
        _seed(1)
        code = Village.objects.exclude(division_code="").get().code
        alone = _fingerprint(code)
        transaction.set_rollback(True)
    cache.clear()
    output = _seed(3)
    return {"code": code, "alone": alone, "in county": _fingerprint(code), "output": output}


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_village_whatever_the_county_size(county):
    assert county["alone"] == county["in county"]
    assert county["alone"]["notices"] and county["alone"]["boxes"] and county["alone"]["residents"]


def test_another_seed_gives_another_county():
    import datetime
    import random

    today = datetime.date(2026, 12, 2)
    one = plan.plan_villages(3, random.Random(7), "411421")
    other = plan.plan_villages(3, random.Random(8), "411421")
    assert [v.name for v in one] != [v.name for v in other]
    notices = plan.plan_notices(one[0], 1, today, random.Random(7))
    assert notices == plan.plan_notices(one[0], 1, today, random.Random(7))


@pytest.mark.django_db
def test_register_figures_are_plausible(county):
    for village in Village.objects.exclude(division_code=""):
        assert len(village.division_code) == 12 and village.division_code.startswith("411421")
        assert village.township.endswith(("镇", "乡")) and village.name.endswith("村")
        assert village.households <= village.adult_villagers
        assert village.representatives * 5 <= village.households  # VCOL art. 25
        residents = Resident.objects.filter(village=village).count()
        assert 0.02 * village.adult_villagers <= residents <= 0.04 * village.adult_villagers + 1
        assert village.committee_group is not None and village.collection is not None


@pytest.mark.django_db
def test_every_village_has_its_tree_in_every_language_and_the_tree_is_sound(county):
    generated = Village.objects.exclude(division_code="")
    for locale in Locale.objects.all():
        assert VillagePage.objects.filter(village__in=generated, locale=locale, live=True).count() == 3
        assert NoticePage.objects.filter(locale=locale, live=True).count() * 3 == NoticePage.objects.count()
    assert Page.find_problems() == ([], [], [], [], [])


@pytest.mark.django_db
def test_notices_follow_the_disclosure_calendar(county):
    default = Locale.get_default()
    village = Village.objects.exclude(division_code="").order_by("division_code").first()
    notices = NoticePage.objects.filter(locale=default, url_path__contains=f"/{village.code}/")
    months = notices.filter(period_kind=disclosure.MONTH)
    assert 9 <= months.count() <= 11  # January to October or November, a month now and then unpublished
    assert notices.filter(period_kind=disclosure.QUARTER, category__slug="affairs").count() == 3
    for notice in months:
        assert disclosure.Period(notice.period_kind, notice.period_year, notice.period_number).end < notice.date
        assert any(block.block_type == "finance" for block in notice.body)


@pytest.mark.django_db
def test_generated_pages_are_live_with_a_revision_and_render_in_every_language(county):
    client = Client()
    for locale in Locale.objects.all():
        notice = NoticePage.objects.filter(locale=locale, url_path__contains="/finance-").order_by("pk").last()
        consultation = ConsultationPage.objects.filter(locale=locale).order_by("pk").last()
        for page in (notice, consultation, notice.get_parent()):
            response = client.get(page.url)
            assert response.status_code == 200, page.url
            assert page.title in response.content.decode()
        source = notice if notice.alias_of_id is None else NoticePage.objects.get(pk=notice.alias_of_id)
        assert source.live_revision_id == source.latest_revision_id
        assert source.get_latest_revision_as_object().title == source.title


@pytest.mark.django_db
def test_generated_notices_are_found_by_the_site_search(county):
    for language in ("zh-hans", "zh-hant", "en"):
        response = Client().get(f"/{language}/search/", {"q": "村级财务收支公开"})
        assert response.status_code == 200
        assert f"/{language}/{county['code']}/notices/finance-" in response.content.decode()


@pytest.mark.django_db
def test_ballots_agree_with_participations_and_constraints(county):
    boxes = list(BallotBox.objects.select_related("question"))
    assert boxes
    for box in boxes:
        question = box.question
        taking = Participation.objects.filter(question=question)
        assert box.ballots == taking.count() == sum(box.counts.values())
        assert box.receipts == sorted(set(box.receipts)) and len(box.receipts) == box.ballots
        assert not taking.exclude(resident__verification=Resident.Verification.VERIFIED).exists()
        assert question.closed_at is not None and question.eligible_at_close >= box.ballots
        if question.is_secret:
            assert not Ballot.objects.filter(question=question).exists()
            paper = taking.filter(channel="paper").count()
            batches = PaperBatch.objects.filter(question=question).aggregate(n=Sum("ballots"))["n"] or 0
            assert paper == batches and not taking.filter(channel="paper", entered_by=None).exists()
        else:
            ballots = Ballot.objects.filter(question=question)
            assert sorted(ballots.values_list("receipt", flat=True)) == box.receipts
            chosen = Counter(
                str(pk)
                for pk in BallotChoice.objects.filter(ballot__question=question).values_list("option", flat=True)
            )
            assert chosen == Counter({key: n for key, n in box.counts.items() if n})


@pytest.mark.django_db
def test_a_second_run_is_refused_and_writes_nothing(county):
    before = (Village.objects.count(), Page.objects.count(), Resident.objects.count())
    with pytest.raises(CommandError, match="exist already"):
        _seed(3)
    assert (Village.objects.count(), Page.objects.count(), Resident.objects.count()) == before


def test_the_command_prints_progress_and_times(county):
    assert "villages: 3/3 provisioned" in county["output"]
    assert "time, villages (provisioning)" in county["output"]


@pytest.mark.django_db
def test_a_generated_notice_opens_in_the_page_editor_and_the_explorer(county, django_user_model):
    """The batched inserts leave pages the admin can work with: the editor reads the page's revision."""
    from django.urls import reverse

    admin = django_user_model.objects.create_superuser("seed-check", "seed-check@example.org", "x" * 16)
    client = Client()
    client.force_login(admin)
    notice = NoticePage.objects.filter(locale=Locale.get_default(), url_path__contains="/finance-").last()
    response = client.get(reverse("wagtailadmin_pages:edit", args=[notice.pk]))
    assert response.status_code == 200
    assert notice.title in response.content.decode()
    explorer = client.get(reverse("wagtailadmin_explore", args=[notice.get_parent().pk]))
    assert explorer.status_code == 200 and notice.title in explorer.content.decode()
