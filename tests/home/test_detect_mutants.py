"""Masks of the personal-data detector at their length boundaries, exact: they kill mutants that the
detector's own tests let live (docs/mutation.md). The detector's known survivors are another branch's work."""

import pytest

from home.privacy.detect import mask_id_number, mask_mobile


@pytest.mark.parametrize(
    ("text", "masked"), [("1234567", "*******"), ("12345678", "********"), ("123456789", "1234*6789")]
)
def test_an_id_mask_shows_eight_characters_only_when_more_are_left(text, masked):
    assert mask_id_number(text) == masked


@pytest.mark.parametrize(("text", "masked"), [("1234567", "*******"), ("12345678", "123*5678")])
def test_a_mobile_mask_shows_seven_digits_from_eight_on(text, masked):
    assert mask_mobile(text) == masked
