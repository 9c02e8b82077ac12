"""Every change of state in notices goes through here: asking and answering residents' questions."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from home.models import Village, VillagePage
from home.privacy.detect import find_personal_data
from home.privacy.resident_text import public_text_problem
from residents.rules import is_verified_resident

from .models import NoticePage, NoticeQuestion
from .rules import can_answer_in_village


def village_of(notice: Page) -> Village:
    village_page = VillagePage.objects.ancestor_of(notice).select_related("village").get()
    return village_page.village


def _refuse_personal_data(text: str) -> None:
    if find_personal_data(text):
        raise ValidationError(
            _("Please leave out ID, phone and bank card numbers: questions and answers are published.")
        )


def _refuse_unpublishable(text: str) -> None:
    """A resident's question: the friendly refusal of home.privacy.resident_text."""
    if problem := public_text_problem(text, limit=1000):
        raise ValidationError(problem)


def ask_question(user, notice: NoticePage, text: str) -> NoticeQuestion:
    """A verified resident of the notice's village asks; anyone else is refused with a reason."""
    village = village_of(notice)
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to ask a question."))
    if not is_verified_resident(user):
        raise PermissionDenied(
            _("Only residents verified by the village committee can ask questions. Ask at the committee office.")
        )
    if not is_verified_resident(user, village):
        raise PermissionDenied(_("You can ask questions on the notices of your own village only."))
    text = text.strip()
    if not text:
        raise ValidationError(_("Write your question."))
    _refuse_unpublishable(text)
    return NoticeQuestion.objects.create(notice=notice, village=village, resident=user.resident, text=text)


def answer_question(user, question: NoticeQuestion, answer: str) -> NoticeQuestion:
    """The committee of the question's village (or county staff) answers; the answer publishes both."""
    if not can_answer_in_village(user, question.village):
        raise PermissionDenied(_("Only the committee of this village can answer."))
    answer = answer.strip()
    if not answer:
        raise ValidationError(_("Write an answer."))
    _refuse_personal_data(answer)
    question.answer = answer
    question.answered_by = user
    question.answered_at = timezone.now()
    question.save(update_fields=["answer", "answered_by", "answered_at"])
    return question
