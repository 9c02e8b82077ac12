import datetime

import pytest
from wagtail.models import Page

from notices.models import NoticeCategory, NoticeIndexPage, NoticePage


@pytest.fixture
def notice_index(village_page) -> NoticeIndexPage:
    return NoticeIndexPage.objects.child_of(village_page).get()


def finance_value(rows, opening="0.00", title="十月收支") -> dict:
    return {
        "title": title,
        "opening_balance": opening,
        "rows": [
            {"direction": d, "item": item, "amount": amount, "category": cat, "note": "", "voucher": f"V{n}"}
            for n, (d, item, amount, cat) in enumerate(rows, start=1)
        ],
    }


@pytest.fixture
def make_notice(notice_index):
    def make(parent: Page | None = None, **fields) -> NoticePage:
        parent = parent or notice_index
        count = parent.get_children_count() + 1
        defaults = {
            "title": f"公告{count}",
            "slug": f"notice-{count}",
            "date": datetime.date.today(),
            "category": NoticeCategory.objects.get(slug="affairs"),
        }
        notice = NoticePage(**{**defaults, **fields})
        parent.add_child(instance=notice)
        notice.save_revision().publish()
        return notice

    return make
