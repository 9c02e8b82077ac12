"""A generated village's records: residents, notices, consultations with their ballots, requests and meetings.

Rows without a page (residents, ballots, requests, meetings) go in with bulk_create; they have no save()
logic that matters here beyond what is set explicitly below (the record page's question, sanitised text).
Notices are published through county_seed.pages (batched tree inserts). Consultations are few (one a
year per village) and carry questions and options as page content, so they take the editor's path.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from wagtail.rich_text import RichText
from wagtail_localize.synctree import create_aliases_for_new_page

from consultations.models import (
    Ballot,
    BallotBox,
    BallotChoice,
    ConsultationIndexPage,
    ConsultationPage,
    Option,
    PaperBatch,
    Participation,
    Proposal,
    Question,
)
from consultations.services import RECEIPT_ALPHABET, RECEIPT_LENGTH, close_question, ensure_options
from council.models import Meeting
from grid import workflow
from grid.models import RequestCategory, ResidentRequest
from home.models import Village
from notices.models import NoticeCategory, NoticeIndexPage, NoticePage
from residents.models import Resident

from . import pages, plan

DAY = datetime.timedelta(days=1)


def _aware(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def residents(village: Village, percent: float, rng: random.Random) -> list[Resident]:
    """`percent` of the adult villagers with an account: most verified, some waiting, a few refused."""
    count = max(3, round(village.adult_villagers * percent / 100))
    users = get_user_model().objects.bulk_create(
        [
            get_user_model()(username=f"r{village.division_code}{n:04d}", password=make_password(None))
            for n in range(count)
        ],
        batch_size=pages.BATCH,
    )
    people = []
    for user in users:
        name = plan.person_name(rng)
        draw = rng.random()
        state = Resident.Verification
        verification = state.VERIFIED if draw < 0.9 else state.UNVERIFIED if draw < 0.97 else state.REJECTED
        people.append(
            Resident(
                user=user,
                village=village,
                household_number=f"{rng.randint(1, 12):02d}{rng.randint(1, village.households // 12 + 1):03d}",
                real_name=name,
                display_name=name[0] + "*" + name[2:],
                verification=verification,
                verified_at=_aware(timezone.localdate() - DAY * rng.randint(1, 900)) if draw < 0.9 else None,
                is_representative=rng.random() < 0.08,
                source=Resident.Source.SIGNUP,
            )
        )
    return Resident.objects.bulk_create(people, batch_size=pages.BATCH)


def notices(village: Village, planned: list[plan.NoticePlan]) -> int:
    index = NoticeIndexPage.objects.get(**village_page_parent(village))
    categories = {c.slug: c for c in NoticeCategory.objects.all()}
    made = []
    for notice in planned:
        body = [("paragraph", RichText(f"<p>{text}</p>")) for text in notice.paragraphs]
        if notice.finance_rows:
            title = f"{notice.period.year}年{notice.period.number}月收支明细"
            table = {"title": title, "opening_balance": "20000.00", "rows": notice.finance_rows}
            body.insert(0, ("finance", table))
        made.append(
            NoticePage(
                title=notice.title,
                slug=notice.slug,
                date=notice.date,
                summary=notice.summary,
                category=categories[notice.category],
                period_kind=notice.period.kind if notice.period else "",
                period_year=notice.period.year if notice.period else None,
                period_number=notice.period.number if notice.period else None,
                posted_until=notice.date + DAY * 10,
                body=body,
            )
        )
    pages.publish_children(index, made)
    return len(made)


def village_page_parent(village: Village) -> dict:
    """The filter for a section page of the village's default-language page (its child)."""
    from wagtail.models import Locale

    village_page = village.pages.get(locale=Locale.get_default())
    return {"path__startswith": village_page.path, "depth": village_page.depth + 1}


def _receipts(rng: random.Random, count: int) -> list[str]:
    found: set[str] = set()
    while len(found) < count:
        found.add("".join(rng.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH)))
    return sorted(found)


def consultations(village: Village, years: int, people: list[Resident], clerk, rng: random.Random) -> int:
    """One consultation a year, closed: a secret yes/no question, and in every other one an open single choice."""
    index = ConsultationIndexPage.objects.get(**village_page_parent(village))
    voters = [p for p in people if p.verification == Resident.Verification.VERIFIED]
    today = timezone.localdate()
    made = 0
    for year in range(today.year - years + 1, today.year + 1):
        start = datetime.date(year, rng.randint(1, 8), rng.randint(1, 28))
        if start + DAY * 60 >= today:
            continue
        title, summary, question_text = rng.choice(plan.CONSULTATIONS)
        questions = [Question(text=question_text, mode=Question.Mode.SECRET, rule=Question.Rule.SIMPLE_MAJORITY)]
        if made % 2 == 0:
            options = [Option(label=f"{year + 1}年{m}月", sort_order=k) for k, m in enumerate((1, 7))]
            questions.append(
                Question(
                    text="从什么时候开始执行？", kind=Question.Kind.SINGLE, mode=Question.Mode.OPEN, options=options
                )
            )
        opens = {
            "information_opens": _aware(start),
            "proposals_open": _aware(start + DAY * 10),
            "deliberation_opens": _aware(start + DAY * 20),
            "voting_opens": _aware(start + DAY * 30),
            "results_open": _aware(start + DAY * 40),
        }
        page = ConsultationPage(
            title=title.format(village=village.name),
            slug=f"consultation-{year}",
            date=start,
            summary=summary,
            body=[("paragraph", RichText(f"<p>{summary}村委会已在村务公开栏张贴方案全文。</p>"))],
            **opens,
        )
        page.questions = questions
        index.add_child(instance=page)
        page.save_revision().publish()
        create_aliases_for_new_page(page)
        page = ConsultationPage.objects.get(pk=page.pk)
        _proposals(page, voters, rng)
        for question in Question.objects.filter(page=page).order_by("sort_order", "pk"):
            _ballots(question, voters, clerk, start + DAY * 31, rng)
            close_question(question)
        made += 1
    return made


def _proposals(page: ConsultationPage, voters: list[Resident], rng: random.Random) -> None:
    if not voters:
        return
    chosen = rng.sample(plan.PROPOSALS, rng.randint(1, len(plan.PROPOSALS)))
    Proposal.objects.bulk_create(
        [Proposal(page=page, author=rng.choice(voters), title=title, text=text) for title, text in chosen]
    )


def _ballots(question: Question, voters: list[Resident], clerk, day: datetime.date, rng: random.Random) -> None:
    """Turnout of 40–85% of the verified residents; a few secret paper ballots entered by the clerk. One
    participation per resident (the unique constraint), the box's counts and receipts agreeing with it."""
    options = ensure_options(question)
    turnout = rng.sample(voters, round(len(voters) * rng.uniform(0.4, 0.85)))
    paper = set(range(0, len(turnout), 9)) if question.is_secret else set()
    receipts = _receipts(rng, len(turnout))
    weights = [5, 2, 1][: len(options)] if question.kind == Question.Kind.YES_NO else [1] * len(options)
    picks = rng.choices(options, weights=weights, k=len(turnout))
    Participation.objects.bulk_create(
        [
            Participation(
                question=question,
                resident=voter,
                channel="paper" if n in paper else "online",
                entered_by=clerk if n in paper else None,
                voted_on=day,
            )
            for n, voter in enumerate(turnout)
        ],
        batch_size=pages.BATCH,
    )
    counts = {str(option.pk): 0 for option in options}
    for option in picks:
        counts[str(option.pk)] += 1
    BallotBox.objects.create(question=question, ballots=len(turnout), counts=counts, receipts=receipts)
    if paper:
        PaperBatch.objects.create(question=question, entered_by=clerk, entered_on=day, ballots=len(paper))
    if not question.is_secret:
        # Receipts were drawn in code order; the ballots take them in a shuffled order so that the receipt says
        # nothing about who voted first.
        shuffled = rng.sample(receipts, len(receipts))
        ballots = Ballot.objects.bulk_create(
            [
                Ballot(question=question, receipt=receipt, resident=voter, channel="online")
                for voter, receipt in zip(turnout, shuffled, strict=True)
            ],
            batch_size=pages.BATCH,
        )
        BallotChoice.objects.bulk_create(
            [BallotChoice(ballot=ballot, option=option) for ballot, option in zip(ballots, picks, strict=True)],
            batch_size=pages.BATCH,
        )


def requests(village: Village, years: int, people: list[Resident], rng: random.Random) -> int:
    """About one request a year for every forty households, most of them closed and rated."""
    categories = {c.code: c for c in RequestCategory.objects.all()}
    today = timezone.localdate()
    rows = []
    for _n in range(max(1, village.households * years // 40)):
        code, text = rng.choice(plan.REQUESTS)
        received = _aware(today - DAY * rng.randint(1, 365 * years), rng.randint(8, 18))
        done = received < timezone.now() - DAY * 20
        rows.append(
            ResidentRequest(
                village=village,
                category=categories[code],
                resident=rng.choice(people) if people else None,
                channel=rng.choice(["online", "online", "walk_in", "phone"]),
                description=text,
                place=f"第{rng.randint(1, 12)}村民小组",
                status=workflow.CLOSED if done else rng.choice([workflow.RECEIVED, workflow.IN_PROGRESS]),
                platform=categories[code].platform,
                rating=rng.choice([workflow.SATISFIED, workflow.SATISFIED, workflow.BASICALLY_SATISFIED])
                if done
                else "",
                received_at=received,
                accept_due=received + DAY * 2,
                resolve_due=received + DAY * 7,
                accepted_at=received + DAY if done else None,
                replied_at=received + DAY * rng.randint(2, 7) if done else None,
                closed_at=received + DAY * 10 if done else None,
                updated_at=received + DAY * 10 if done else received,
            )
        )
    ResidentRequest.objects.bulk_create(rows, batch_size=pages.BATCH)
    return len(rows)


def meetings(village: Village, years: int, rng: random.Random) -> int:
    """A representatives' meeting every quarter (VCOL art. 26), with the register figures frozen on the day."""
    today = timezone.localdate()
    rows = []
    for year in range(today.year - years + 1, today.year + 1):
        for quarter in range(1, 5):
            day = datetime.date(year, 3 * quarter - 1, rng.randint(5, 25))
            if day >= today:
                continue
            present = max(1, round(village.representatives * rng.uniform(0.7, 0.97)))
            rows.append(
                Meeting(
                    village=village,
                    kind=Meeting.Kind.REPRESENTATIVES,
                    title=f"{year}年第{quarter}季度村民代表会议",
                    date=day,
                    place=f"{village.name}党群服务中心会议室",
                    eligible_adults=village.adult_villagers,
                    eligible_households=village.households,
                    eligible_representatives=village.representatives,
                    register_frozen_on=day,
                    present_persons=present,
                    minutes=f"<p>应到{village.representatives}人，实到{present}人。会议审议了本季度村务和财务收支情况。</p>",
                )
            )
    Meeting.objects.bulk_create(rows, batch_size=pages.BATCH)
    return len(rows)
