"""Every field a resident writes in public carries the rule itself (home.privacy.resident_text): the model
field's validator refuses a full number and endless text, so ModelForms, the admin and full_clean() do too."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from home.privacy.resident_text import PUBLIC_TEXT_MAX_LENGTH, PublicTextValidator

FRIENDLY = "Please do not write phone numbers in public places"

# (model, field, characters a resident may write)
RESIDENT_FIELDS = [
    ("consultations.Proposal", "title", 120),
    ("consultations.Proposal", "text", PUBLIC_TEXT_MAX_LENGTH),
    ("consultations.Proposal", "location_note", 200),
    ("consultations.Comment", "text", PUBLIC_TEXT_MAX_LENGTH),
    ("council.CouncilProposal", "title", 120),
    ("council.CouncilProposal", "text", PUBLIC_TEXT_MAX_LENGTH),
    ("grid.ResidentRequest", "description", 2000),
    ("grid.ResidentRequest", "place", 100),
    ("notices.NoticeQuestion", "text", 1000),
    ("village_rules.ArticleComment", "text", 2000),
    ("residents.Resident", "display_name", 40),
]


@pytest.fixture(autouse=True)
def english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.mark.parametrize(("model", "name", "limit"), RESIDENT_FIELDS)
def test_the_field_refuses_numbers_and_text_over_its_limit(model, name, limit):
    field = apps.get_model(model)._meta.get_field(name)
    assert PublicTextValidator(limit) in field.validators
    field.run_validators("同意，2026年10月5日前完工，预算48,620.00元，可拨12348咨询"[:limit])
    with pytest.raises(ValidationError, match=FRIENDLY):
        field.run_validators("电话138 1234 5678")
    with pytest.raises(ValidationError, match=str(limit)):
        field.run_validators("长" * (limit + 1))
    if field.get_internal_type() == "CharField" or field.max_length:
        assert field.max_length == limit  # the form's maxlength says the same


def test_html_stored_text_is_measured_as_written():
    validator = PublicTextValidator(10)
    validator("<p>一二三四五六七八九十</p>")  # ten characters written, markup added by the sanitizer
    validator("<p>&amp;&amp;&amp;&amp;&amp;</p>")
    with pytest.raises(ValidationError):
        validator("<p>一二三四五六七八九十一</p>")
    with pytest.raises(ValidationError, match=FRIENDLY):
        PublicTextValidator()("<p>电话138<b>1234</b>5678</p>")


def test_a_display_name_stored_with_a_number_is_shown_masked():
    from residents.models import Resident

    assert Resident(display_name="老王13812345678").public_name == "老王138****5678"
    assert Resident(display_name="", real_name="王建华").public_name == "王*华"
