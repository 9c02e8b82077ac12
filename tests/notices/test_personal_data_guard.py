"""Publishing through the real Wagtail admin is refused while a page shows a full ID, mobile or card number."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from notices.models import NoticeCategory, NoticePage
from tests.notices.conftest import finance_value

ID_NUMBER = "11010519491231002X"
MASKED_ID = "1101**********002X"


@pytest.fixture
def admin_client(client, make_user):
    admin = make_user("county-admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    return client


def notice_post_data(body, action="action-publish", **fields) -> dict:
    data = nested_form_data(
        {
            "title": fields.get("title", "十月财务公开"),
            "slug": fields.get("slug", "finance-10"),
            "date": "2026-11-05",
            "category": str(NoticeCategory.objects.get(slug="finance").pk),
            "period_kind": "month",
            "period_year": "2026",
            "period_number": "10",
            "posted_until": "",
            "summary": fields.get("summary", "十月收支"),
            "body": streamfield(body),
            "attachments": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    data[action] = "1"
    return data


def finance_block_data(rows) -> dict:
    value = finance_value(rows)
    return {
        "title": value["title"],
        "opening_balance": value["opening_balance"],
        "rows": {
            "count": str(len(value["rows"])),
            **{
                str(n): {"type": "item", "value": row, "deleted": "", "order": str(n), "id": f"row{n}"}
                for n, row in enumerate(value["rows"])
            },
        },
    }


def create_notice(admin_client, notice_index, data):
    url = reverse("wagtailadmin_pages:add", args=("notices", "noticepage", notice_index.pk))
    return admin_client.post(url, data)


def test_publishing_a_notice_with_a_full_id_number_is_refused(admin_client, notice_index):
    data = notice_post_data([("paragraph", rich_text(f"<p>领取人身份证号 {ID_NUMBER}</p>"))])
    response = create_notice(admin_client, notice_index, data)
    assert response.status_code == 200  # the form again, with an error
    html = response.content.decode()
    assert MASKED_ID in html
    assert not NoticePage.objects.filter(title="十月财务公开").exists()
    form = response.context["form"]
    assert "body" in form.errors
    # The error names what was found, masked; the editor's own text is kept in the form for fixing.
    assert ID_NUMBER not in str(form.errors["body"])
    assert ID_NUMBER in html


def test_a_phone_number_in_the_summary_names_the_summary_field(admin_client, notice_index):
    data = notice_post_data([], summary="有疑问请联系13812345678")
    response = create_notice(admin_client, notice_index, data)
    form = response.context["form"]
    assert list(form.errors) == ["summary"]
    assert "138****5678" in str(form.errors["summary"])


def test_a_card_number_inside_a_finance_row_is_refused(admin_client, notice_index):
    rows = [("expenditure", "转入卡号 4111111111111111", "100.00", "")]
    data = notice_post_data([("finance", finance_block_data(rows))])
    response = create_notice(admin_client, notice_index, data)
    assert response.status_code == 200
    assert "************1111" in str(response.context["form"].errors["body"])


def test_masked_numbers_and_drafts_are_allowed(admin_client, notice_index):
    masked = notice_post_data([("paragraph", rich_text(f"<p>身份证号 {MASKED_ID}，电话 138****5678</p>"))])
    assert create_notice(admin_client, notice_index, masked).status_code == 302
    assert NoticePage.objects.get(title="十月财务公开", locale=Locale.get_default()).live

    draft = notice_post_data(
        [("paragraph", rich_text(f"<p>整理中：{ID_NUMBER}</p>"))], action="action-draft", title="整理中的名单"
    )
    assert create_notice(admin_client, notice_index, draft).status_code == 302
    assert not NoticePage.objects.get(title="整理中的名单", locale=Locale.get_default()).live


def test_a_people_list_may_hold_full_numbers_because_it_masks_them(admin_client, notice_index):
    people = {
        "title": "名单",
        "people": {
            "count": "1",
            "0": {
                "type": "item",
                "deleted": "",
                "order": "0",
                "id": "p0",
                "value": {
                    "name": "张小三",
                    "id_number": ID_NUMBER,
                    "phone": "13812345678",
                    "amount": "10.00",
                    "reason": "补贴",
                },
            },
        },
    }
    response = create_notice(admin_client, notice_index, notice_post_data([("people", people)]))
    assert response.status_code == 302, response.context["form"].errors


def test_a_finance_row_that_does_not_parse_gets_an_error_naming_the_row(admin_client, notice_index):
    rows = [("income", "租金", "100.00", ""), ("expenditure", "修路", "12.345", "")]
    response = create_notice(admin_client, notice_index, notice_post_data([("finance", finance_block_data(rows))]))
    assert response.status_code == 200
    errors = response.context["form"].errors["body"].as_data()[0]
    message = str(errors.block_errors[0].non_block_errors.as_data()[0].message)
    assert "2" in message and "修路" in message and "12.345" in message
    assert not NoticePage.objects.filter(title="十月财务公开").exists()


def test_the_guard_covers_other_page_types_too(admin_client, village_page):
    """The village page: rich text and the committee contacts' inline forms."""
    url = reverse("wagtailadmin_pages:edit", args=(village_page.pk,))
    data = nested_form_data(
        {
            "title": village_page.title,
            "slug": village_page.slug,
            "intro": rich_text(f"<p>村主任身份证 {ID_NUMBER}</p>"),
            "office_address": "",
            "office_hours": "",
            "office_phone": "",
            "contacts": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    data["action-publish"] = "1"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert MASKED_ID in str(response.context["form"].errors["intro"])
    village_page.refresh_from_db()
    assert ID_NUMBER not in village_page.intro

    data["intro"] = rich_text("<p>村主任办公电话 0376-7261 3018</p>")
    assert admin_client.post(url, data).status_code == 302


def test_the_guard_scans_inline_formsets(admin_client, village_page):
    """A committee contact (an inline form of the village page) with an ID number in it is refused on its field,
    not only later by the publish action (which would redirect with a message instead)."""
    url = reverse("wagtailadmin_pages:edit", args=(village_page.pk,))
    contact = {"name": "王建华", "role": f"村委会主任 {ID_NUMBER}", "phone": "0376-7261 3018"}

    def post(contacts):
        data = nested_form_data(
            {
                "title": village_page.title,
                "slug": village_page.slug,
                "intro": rich_text("<p>欢迎</p>"),
                "office_address": "",
                "office_hours": "",
                "office_phone": "",
                "contacts": inline_formset(contacts),
                "comments": inline_formset([]),
            }
        )
        data["action-publish"] = "1"
        return admin_client.post(url, data)

    response = post([contact])
    assert response.status_code == 200
    contact_form = response.context["form"].formsets["contacts"].forms[0]
    assert MASKED_ID in str(contact_form.errors["role"])
    assert not village_page.contacts.exists()

    contact["role"] = "村委会主任"
    assert post([contact]).status_code == 302
    assert [c.role for c in village_page.contacts.all()] == ["村委会主任"]


def test_the_guard_covers_article_pages_of_other_apps(admin_client, village_page):
    from consultations.models import ConsultationIndexPage

    index = ConsultationIndexPage.objects.child_of(village_page).get()
    page_model = Page.objects.get(pk=index.pk).specific_class
    child_type = page_model.allowed_subpage_models()[0]
    url = reverse("wagtailadmin_pages:add", args=(child_type._meta.app_label, child_type._meta.model_name, index.pk))
    data = nested_form_data(
        {
            "title": "文化广场改造",
            "slug": "square",
            "date": datetime.date.today().isoformat(),
            "summary": "联系人 13912345678",
            "body": streamfield([]),
            "comments": inline_formset([]),
            "questions": inline_formset([]),  # ConsultationPage's voting questions (issue 5)
        }
    )
    data["action-publish"] = "1"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "139****5678" in str(response.context["form"].errors["summary"])
