"""file_request refuses full numbers and endless text whatever path calls it (a form, the shell, an import)."""

import pytest
from django.core.exceptions import ValidationError

from grid.models import ResidentRequest

FRIENDLY = "请不要在公开的地方写电话号码，村委会能在您的资料里看到"


@pytest.mark.parametrize("text", ["路灯坏了，电话 138-1234-5678", "身份证 110105 19491231 002X"])
def test_a_number_in_the_description_is_refused(filed, text):
    with pytest.raises(ValidationError, match=FRIENDLY):
        filed(description=text)
    assert not ResidentRequest.objects.exists()


def test_a_number_in_the_place_or_an_endless_description_is_refused(filed):
    with pytest.raises(ValidationError, match=FRIENDLY):
        filed(place="二组 13812345678")
    with pytest.raises(ValidationError, match="2000"):
        filed(description="长" * 2001)
    filed(description="二组路灯不亮，办公电话 0376-7261 3018，2026年10月5日")
    assert ResidentRequest.objects.count() == 1
