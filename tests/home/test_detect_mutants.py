"""The personal-data detector at its exact boundaries: masks at their lengths, which reading of a run of groups
wins, where one number ends and the next begins. They kill the mutants that the detector's own tests let live
(docs/mutation.md)."""

import pytest

from home.privacy.detect import (
    contains_personal_data,
    find_personal_data,
    id_check_char,
    is_valid_id_number,
    luhn_ok,
    mask_all,
    mask_card,
    mask_id_number,
    mask_mobile,
)

ID_WITH_X = "11010519491231002X"  # the example number of GB 11643


def luhn_valid_id() -> str:
    """An ID number (no X) whose 18 digits pass Luhn, as test_detect_survivors.py builds it."""
    for sequence in range(10000):
        first_17 = f"4201021990030{sequence:04d}"
        number = first_17 + id_check_char(first_17)
        if number[-1] != "X" and luhn_ok(number):
            return number
    raise AssertionError("no Luhn-valid ID number found")


LUHN_ID = luhn_valid_id()


@pytest.mark.parametrize(
    ("text", "masked"), [("1234567", "*******"), ("12345678", "********"), ("123456789", "1234*6789")]
)
def test_an_id_mask_shows_eight_characters_only_when_more_are_left(text, masked):
    assert mask_id_number(text) == masked


@pytest.mark.parametrize(("text", "masked"), [("1234567", "*******"), ("12345678", "123*5678")])
def test_a_mobile_mask_shows_seven_digits_from_eight_on(text, masked):
    assert mask_mobile(text) == masked


@pytest.mark.parametrize(("text", "masked"), [("123", "123"), ("1234", "1234"), ("12345", "*2345")])
def test_a_card_mask_stars_nothing_of_four_digits_or_fewer(text, masked):
    assert mask_card(text) == masked


@pytest.mark.parametrize("text", [ID_WITH_X, ID_WITH_X.lower()])
def test_an_id_mask_keeps_the_check_character_in_either_case(text):
    assert mask_id_number(text) == "1101**********002X"


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        (f"身份证{ID_WITH_X}", "身份证1101**********002X"),
        (f"身份证{ID_WITH_X.lower()}", "身份证1101**********002x"),
        ("身份证 110105-19491231-002x", "身份证 1101**-********-002x"),
        # the 3 of the tag's attribute is not a digit of the number
        ('电话<font size="3">138</font>12345678', '电话<font size="3">138</font>****5678'),
    ],
)
def test_mask_all_counts_the_check_character_and_skips_tags(text, masked):
    assert mask_all(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "01010519491231002X",  # starts with 0
        "1101051949123100XX",  # X before the end
        "11010519491231002Y",
        "1101051949123100",  # too short
    ],
)
def test_what_is_not_shaped_like_an_id_number_is_no_id_number(text):
    assert not is_valid_id_number(text)


def test_an_id_number_wins_over_a_longer_card_reading_of_the_same_digits():
    # The ID's 18 digits and one more group make a valid 19-digit card: the ID is reported, the card is not.
    extra = next(d for d in "0123456789" if luhn_ok(LUHN_ID + d))
    text = f"{LUHN_ID[:6]} {LUHN_ID[6:14]} {LUHN_ID[14:]} {extra}"
    assert [(f.kind, f.text) for f in find_personal_data(text)] == [
        ("id", f"{LUHN_ID[:6]} {LUHN_ID[6:14]} {LUHN_ID[14:]}")
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("电话 0086 138 1234 5678", "0086 138 1234 5678"),
        ("电话 86 138 1234 5678", "86 138 1234 5678"),
    ],
)
def test_the_longest_reading_of_a_mobile_keeps_its_prefix(text, found):
    assert [(f.kind, f.text, f.start) for f in find_personal_data(text)] == [("mobile", found, 3)]


def test_two_id_numbers_written_without_a_gap_are_both_found():
    # An X ends a group, so the second number starts right where the first ends.
    text = ID_WITH_X + ID_WITH_X
    assert [(f.kind, f.start, f.end) for f in find_personal_data(text)] == [("id", 0, 18), ("id", 18, 36)]


def test_a_run_too_long_for_a_number_does_not_hide_a_later_number_of_the_run():
    text = "单号 " + "1" * 24 + " 13812345678"
    assert [(f.kind, f.number) for f in find_personal_data(text)] == [("mobile", "13812345678")]


def test_found_text_is_as_written_in_full_width():
    assert [(f.text, f.number) for f in find_personal_data("电话１３８１２３４５６７８")] == [
        ("１３８１２３４５６７８", "13812345678")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("电话13812345678", True), (f"身份证{ID_WITH_X}", True), ("电话0376-7261 3018", False), ("", False)],
)
def test_contains_personal_data(text, expected):
    assert contains_personal_data(text) is expected
