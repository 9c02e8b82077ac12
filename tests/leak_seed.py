"""The seeds of the leak crawl (tests/test_leak.py): every kind of personal number, through every route that
publishes text, each route with numbers of its own so that a leak names its route.

Each seed goes through the real service or publish path first (a refusal is right: the crawl then finds nothing),
then, where a check would refuse it, is stored as text from before the check (the ORM), to prove that the output
masks it. ROUTES maps a route to (the text seeded, the bare numbers that must never show); STORED lists the routes
whose stored text the anonymous crawl must find masked on some public output.
"""

import contextlib
import datetime
import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from wagtail.actions.copy_page import CopyPageAction
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupApprovalTask,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from consultations.services import ConsultationError
from grid.workflow import Refused
from home.privacy.detect import id_check_char, luhn_ok
from home.privacy.guard import PersonalDataRefused
from notices.models import NoticeAttachment, NoticeCategory, NoticeIndexPage, NoticePage
from village_rules.services import RevisionError


def _id(birth: str, seq: str) -> str:
    first = f"110105{birth}{seq}"
    return first + id_check_char(first)


def _card(prefix: str) -> str:
    return next(prefix + d for d in "0123456789" if luhn_ok(prefix + d))


def _mobile(n: int) -> str:
    return f"1381234{n:04d}"


def _full_width(digits: str) -> str:
    return digits.translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})


def _spaced(n: int) -> str:
    m = _mobile(n)
    return f"{m[:3]} {m[3:7]} {m[7:]}"


def _dashed(n: int) -> str:
    m = _mobile(n)
    return f"{m[:3]}-{m[3:7]}-{m[7:]}"


# An ID number whose check character is X, written lower case, as residents type it on a phone.
_ID_X = next(_id("19620808", f"{seq:03d}") for seq in range(1, 999) if _id("19620808", f"{seq:03d}").endswith("X"))
ID_LOWER_X = _ID_X[:-1] + "x"

ROUTES = {
    # Publish paths (tests/test_leak.py GUARDS takes each guard away in turn).
    "revision.publish": ("电话 138 1234 0001", [_mobile(1)]),
    "scheduled": (f"身份证 {_id('19491231', '002')}", [_id("19491231", "002")]),
    "bulk publish": ("电话 138-1234-0003", [_mobile(3)]),
    "workflow approval": ("电话 +86 138 1234 0004", [_mobile(4)]),
    "copy with publish": ("电话１３８１２３４０００５", [_mobile(5)]),
    "people list": ("", [_id("19500101", "003"), _mobile(6)]),
    "page.save (shell command)": ("电话 138/1234/0012", [_mobile(12)]),
    # A document in a private collection (not checked at upload), its title and file shown by a notice.
    "private document attached": ("低保名单 13812340013", [_mobile(13)]),
    "translation editor publish": (f"Village head: {_dashed(20)}", [_mobile(20)]),
    "translation sync": (f"联系电话 {_spaced(21)}", [_mobile(21)]),
    # Resident forms, refused at submission.
    "comment (refused)": ("电话 138.1234.0007", [_mobile(7)]),
    "proposal (refused)": (f"卡号 {_card('622202100112345')}", [_card("622202100112345")]),
    "rule comment (refused)": (f"我的电话 {_dashed(22)}", [_mobile(22)]),
    "grid request (refused)": (f"路灯坏了 电话+86{_mobile(23)}", [_mobile(23)]),
    "complaint (refused)": (f"没有公开 身份证{ID_LOWER_X[:6]} {ID_LOWER_X[6:14]} {ID_LOWER_X[14:]}", [_ID_X]),
    "demand (refused)": (f"修路 电话{_full_width(_mobile(24))}", [_mobile(24)]),
    # Resident text stored before the checks existed: masked on output.
    "stored comment": ("老王 13812340009", [_mobile(9)]),
    "stored proposal": (f"卡号{_card('411111111111111')}", [_card("411111111111111")]),
    "stored question": ("我的电话0086 138 1234 0011", [_mobile(11)]),
    "stored council proposal": ("修桥 电话13812340014", [_mobile(14)]),
    "stored rule comment": (f"建议改第三条 {_spaced(25)}", [_mobile(25)]),
    "stored grid request": (f"门口积水 联系{_full_width(_mobile(26))}", [_mobile(26)]),
    "stored complaint": (f"三季度财务未公开 {ID_LOWER_X}", [_ID_X]),
    "stored demand title": (f"修路 {_dashed(27)}", [_mobile(27)]),
    "stored demand reason": (f"联系人 +86 {_spaced(28)}", [_mobile(28)]),
    "stored audit demand title": (f"审计鱼塘承包费 {_dashed(47)}", [_mobile(47)]),
    "stored audit demand reason": (f"承包人电话 {_spaced(48)}", [_mobile(48)]),
    # Staff-written text rendered publicly: refused by the service where a resident would see it, else masked.
    "notice answer (staff)": (f"请联系会计 {_spaced(29)}", [_mobile(29)]),
    "stored notice answer": (f"会计电话 {_dashed(30)}", [_mobile(30)]),
    "proposal status reason (staff)": (f"已采纳 联系{_spaced(31)}", [_mobile(31)]),
    "stored proposal status reason": (f"已合并 联系{_dashed(32)}", [_mobile(32)]),
    "follow-up (staff)": (f"施工队电话 {_spaced(33)}", [_mobile(33)]),
    "stored follow-up": (f"<p>施工负责人 {_dashed(34)}</p>", [_mobile(34)]),
    "rule decision reason (staff)": (f"不采纳 请打{_spaced(35)}", [_mobile(35)]),
    "stored rule decision reason": (f"已采纳 电话{_dashed(36)}", [_mobile(36)]),
    "complaint answer (staff)": (f"已补公开 经办人{_spaced(37)}", [_mobile(37)]),
    "stored complaint answer": (f"经办人 {_dashed(38)}", [_mobile(38)]),
    "stored complaint finding": (f"责令公开 联系{_full_width(_mobile(39))}", [_mobile(39)]),
    "grid staff note": (f"已派人 电话{_spaced(40)}", [_mobile(40)]),
    "stored grid staff note": (f"已派人 联系{_dashed(46)}", [_mobile(46)]),
    "stored council decline reason": (f"不受理 {_dashed(41)}", [_mobile(41)]),
    "stored meeting minutes": (f"<p>会议记录 联系{_spaced(42)}</p>", [_mobile(42)]),
    "stored meeting attachment": (f"签到表 {_dashed(43)}", [_mobile(43)]),
    "stored agenda and motion": (f"修路 承包人{_spaced(44)}", [_mobile(44)]),
    "stored attendance note": (f"请假{_mobile(45)}", [_mobile(45)]),
    "stored public document": ("名单 13812340015", [_mobile(15)]),
    # Uploads (tests/leak_seed_media.py): a file name, EXIF tags and a JPEG comment, a document's text.
    "photo file name": (_mobile(47), [_mobile(47)]),
    "photo EXIF": (f"Wang Jianhua {_id('19700101', '004')} {_spaced(48)}", [_id("19700101", "004"), _mobile(48)]),
    "HEIC photo EXIF": (f"Wang {_mobile(49)}", [_mobile(49)]),
    "withdrawn photo EXIF": (f"Wang {_mobile(50)}", [_mobile(50)]),
    "request photo file name": (_mobile(52), [_mobile(52)]),
    "request photo EXIF": (f"Wang {_id('19800101', '005')}", [_id("19800101", "005")]),
    "masked CSV upload": (_mobile(53), [_mobile(53)]),
    "masked XLSX upload": (_id("19750505", "006"), [_id("19750505", "006")]),
    "DOCX upload (refused)": (f"电话 {_dashed(54)}", [_mobile(54)]),
}
# Stored text the anonymous crawl must see masked. A council proposal (and its decline reason) is shown only to its
# submitter and the committee (council/views.py): seeded, nothing may leak, not expected on a public output.
STORED = [
    "stored comment",
    "stored proposal",
    "stored question",
    "stored rule comment",
    "stored grid request",
    "stored complaint",
    "stored demand title",
    "stored demand reason",
    "stored audit demand title",
    "stored notice answer",
    "stored proposal status reason",
    "stored follow-up",
    "stored rule decision reason",
    "stored complaint answer",
    "stored complaint finding",
    "stored grid staff note",
    "stored meeting minutes",
    "stored meeting attachment",
    "stored agenda and motion",
    "stored attendance note",
    "stored public document",
]
ALL_NUMBERS = {number: route for route, (_text, numbers) in ROUTES.items() for number in numbers}
_REFUSALS = (PersonalDataRefused, ValidationError, PermissionDenied, ConsultationError, RevisionError, Refused)


def text(route: str) -> str:
    return ROUTES[route][0]


def refused(call, *errors: type[Exception]) -> None:
    with contextlib.suppress(*(errors or _REFUSALS)):  # refused is right; published shows up in the crawl
        call()


def add_page(parent: Page, page: Page, mirror: bool = True) -> Page:
    """As the editor makes a page: added, published, and mirrored into the other locales' trees (wagtail-localize's
    after_create_page hook), where it stays an alias until it is translated."""
    from wagtail_localize.synctree import create_aliases_for_new_page

    parent.add_child(instance=page)
    page.save_revision().publish()
    if mirror:
        create_aliases_for_new_page(page)
    return page


def seed_publish_paths(village_page, admin, mirror: bool = True) -> None:
    """Each publish path tried with a number of its own. ``mirror=False`` (the guard tests) leaves the pages in
    the default locale only: the translations of seed_translations make their own copies."""
    index = NoticeIndexPage.objects.child_of(village_page).get()
    category = NoticeCategory.objects.get(slug="affairs")

    def notice(slug: str) -> NoticePage:
        page = NoticePage(title=f"公告{slug}", slug=slug, date=datetime.date.today(), summary="说明", category=category)
        return add_page(index, page, mirror)

    def pii_draft(page: NoticePage, route: str):
        page.summary = text(route)
        return page.save_revision()

    notice("translated")  # clean: seed_translations writes its translations
    revision = pii_draft(notice("direct"), "revision.publish")
    refused(revision.publish)

    scheduled = pii_draft(notice("scheduled"), "scheduled")
    type(scheduled).objects.filter(pk=scheduled.pk).update(approved_go_live_at=timezone.now())
    call_command("publish_scheduled")

    bulk = notice("bulk")
    pii_draft(bulk, "bulk publish")
    refused(lambda: PublishBulkAction.execute_action([Page.objects.get(pk=bulk.pk)], user=admin))

    moderated = notice("moderated")
    pii_draft(moderated, "workflow approval")
    workflow = Workflow.objects.create(name=f"审核{village_page.pk}")
    task = GroupApprovalTask.objects.create(name="村委会")
    task.groups.add(Group.objects.get_or_create(name="审核人")[0])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page=Page.objects.get(pk=moderated.pk), workflow=workflow)
    state = workflow.start(moderated, admin)
    refused(lambda: state.current_task_state.approve(user=admin))

    copied = notice("copied")
    pii_draft(copied, "copy with publish")
    refused(
        CopyPageAction(copied, to=index, update_attrs={"slug": "copied-2", "title": "副本"}, keep_live=True).execute
    )

    # A live page edited by a management command without a revision (page.save(), save_revision bypassed).
    saved = notice("saved")
    refused(
        lambda: call_command(
            "shell",
            command=(
                f"from notices.models import NoticePage; page = NoticePage.objects.get(pk={saved.pk}); "
                f"page.summary = {text('page.save (shell command)')!r}; page.save()"
            ),
        )
    )

    # A private-collection document is not checked at upload; attached to a notice, its title is the link text.
    private = Collection.get_first_root_node().add_child(name=f"村委会内部{village_page.pk}")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    document = get_document_model().objects.create(
        title=text("private document attached"), file=ContentFile(b"ok", name="list.csv"), collection=private
    )
    attached = notice("attached")
    attached.attachments.add(NoticeAttachment(document=document))
    refused(attached.save_revision().publish)

    people = {
        "title": "低保名单",
        "people": [
            {
                "name": "王建华",
                "id_number": _id("19500101", "003"),
                "phone": _mobile(6),
                "amount": "560.00",
                "reason": "",
            }
        ],
    }
    listed = NoticePage(
        title="低保公示",
        slug="dibao",
        date=datetime.date.today(),
        category=category,
        body=json.dumps([{"type": "people", "value": people}]),
    )
    add_page(index, listed, mirror)


def _on_commit(call) -> None:
    """wagtail-localize publishes a new translation when the transaction commits: run those callbacks here, as the
    request's commit would (the test's transaction never commits)."""
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        call()


def seed_translations(village_page) -> None:
    """The translation editor's publish and the sync after a source edit, through wagtail-localize itself."""
    from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

    page = NoticePage.objects.get(slug="translated", locale=Locale.get_default(), path__startswith=village_page.path)
    for language, route in (("en", "translation editor publish"), ("zh-hant", "translation sync")):
        target = Locale.objects.get(language_code=language)
        source, _ = TranslationSource.get_or_create_from_instance(page)
        translation, _ = Translation.objects.get_or_create(source=source, target_locale=target)
        if route == "translation sync":
            # A first, clean translation is published; the source then changes and the sync writes the new text.
            _on_commit(lambda translation=translation: translation.save_target(user=None, publish=True))
            source.update_from_db()
        for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=target,
                context=segment.context,
                defaults={"data": text(route) if segment.context.path == "summary" else segment.string.data},
            )
        refused(lambda translation=translation: _on_commit(lambda: translation.save_target(user=None, publish=True)))


def make_user(username: str, **fields):
    return get_user_model().objects.create_user(username=username, password="changeme", **fields)
