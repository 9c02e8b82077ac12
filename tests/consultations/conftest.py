import datetime
import io
import itertools

import pytest
from PIL import Image

from consultations.models import ConsultationIndexPage, ConsultationPage, Question
from residents.models import Resident

UTC = datetime.UTC
OPENINGS = {
    "information_opens": datetime.datetime(2026, 1, 1, tzinfo=UTC),
    "proposals_open": datetime.datetime(2026, 1, 10, tzinfo=UTC),
    "deliberation_opens": datetime.datetime(2026, 1, 20, tzinfo=UTC),
    "voting_opens": datetime.datetime(2026, 2, 1, tzinfo=UTC),
    "results_open": datetime.datetime(2026, 2, 10, tzinfo=UTC),
}
IN_VOTING = datetime.datetime(2026, 2, 5, tzinfo=UTC)
AFTER_CLOSE = datetime.datetime(2026, 2, 11, tzinfo=UTC)

_numbers = itertools.count(1)


def png_bytes(size: tuple[int, int] = (40, 30)) -> bytes:
    """A real little PNG, for photo uploads."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 20)).save(buffer, "PNG")
    return buffer.getvalue()


def comment_edit_url(comment) -> str:
    return f"/zh-hans/consultations/{comment.page_id}/comments/{comment.pk}/edit/"


def add_consultation(village_page) -> ConsultationPage:
    """广场改造 under the village's consultation index, with the phase dates of OPENINGS."""
    index = ConsultationIndexPage.objects.child_of(village_page).get()
    page = ConsultationPage(title="广场改造", slug="square", summary="广场改造方案", **OPENINGS)
    index.add_child(instance=page)
    return page


@pytest.fixture
def consultation(village_page) -> ConsultationPage:
    return add_consultation(village_page)


@pytest.fixture
def make_resident(village_page, make_user):
    def make(*, login: bool = True, verified: bool = True, village=None, **fields) -> Resident:
        number = next(_numbers)
        user = make_user(f"villager{number}") if login else None
        return Resident.objects.create(
            user=user,
            village=village or village_page.village,
            display_name=f"村民{number}",
            verification=Resident.Verification.VERIFIED if verified else Resident.Verification.UNVERIFIED,
            **fields,
        )

    return make


@pytest.fixture
def make_question(consultation):
    def make(**fields) -> Question:
        return Question.objects.create(page=consultation, **{"text": "是否同意改造方案？", **fields})

    return make


@pytest.fixture(autouse=True)
def english_messages():
    """Refusal messages are matched in English; the portal's default language is Simplified Chinese."""
    from django.utils import translation

    with translation.override("en"):
        yield
