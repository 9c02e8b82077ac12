from collections.abc import Callable

import pytest

from home.demo import ensure_page
from legal_aid.models import LegalAidContact, LegalAidDirectoryPage, LegalAidKind, LegalEducationIndexPage


@pytest.fixture
def directory(portal_home) -> LegalAidDirectoryPage:
    return ensure_page(portal_home, LegalAidDirectoryPage(title="法律服务", slug="legal-aid"))


@pytest.fixture
def education_index(portal_home) -> LegalEducationIndexPage:
    return ensure_page(portal_home, LegalEducationIndexPage(title="学法用法", slug="legal-education"))


@pytest.fixture
def make_contact(db) -> Callable[..., LegalAidContact]:
    def make(name: str, kind: str = LegalAidKind.LAW_FIRM, villages=(), **fields) -> LegalAidContact:
        contact = LegalAidContact.objects.create(
            name=name, kind=kind, phone=fields.pop("phone", "0376-7218 866"), **fields
        )
        contact.villages.set(villages)
        return contact

    return make
