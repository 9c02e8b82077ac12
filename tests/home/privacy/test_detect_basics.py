"""Detection and masking of ID, mobile and bank-card numbers (PIPL; DOMAIN.md §5): the basics.

An ID number that is also Luhn-valid, 19x mobiles, 19-digit cards: test_detect_survivors.py."""

import pytest

from home.privacy.detect import (
    find_personal_data,
    id_check_char,
    is_valid_id_number,
    luhn_ok,
    mask_all,
    mask_card,
    mask_id_number,
    mask_mobile,
    mask_name,
)

# 11010519491231002X is the example number of GB 11643; the others have their check digit computed.
VALID_ID = "11010519491231002X"
VALID_ID_2 = "420102199003071234"[:17] + id_check_char("42010219900307123")
VISA_TEST_CARD = "4111111111111111"


def test_check_digit_of_the_standard_example():
    assert id_check_char("11010519491231002") == "X"
    assert is_valid_id_number(VALID_ID)
    assert is_valid_id_number(VALID_ID.lower())


def test_a_wrong_check_digit_is_not_an_id_number():
    wrong = VALID_ID[:17] + "5"
    assert not is_valid_id_number(wrong)
    assert find_personal_data(f"身份证号{wrong}") == []


def test_finds_an_id_number_in_text():
    findings = find_personal_data(f"王建华，身份证{VALID_ID_2}，补贴1086.40元")
    assert [(f.kind, f.text) for f in findings] == [("id", VALID_ID_2)]


def test_finds_mobile_numbers_but_not_landlines_or_longer_digit_runs():
    assert [f.text for f in find_personal_data("联系电话13812345678。")] == ["13812345678"]
    assert find_personal_data("办公电话0376-7261 3018") == []
    assert find_personal_data("12345678901") == []  # second digit 2: not a mobile number
    assert [f.kind for f in find_personal_data("编号138123456789")] == []  # 12 digits


def test_luhn():
    assert luhn_ok(VISA_TEST_CARD)
    assert not luhn_ok("4111111111111112")


def test_finds_card_numbers_plain_and_grouped_only_when_luhn_holds():
    assert [f.kind for f in find_personal_data(f"卡号{VISA_TEST_CARD}")] == ["card"]
    assert [f.kind for f in find_personal_data("卡号 4111 1111 1111 1111 。")] == ["card"]
    assert find_personal_data("卡号4111111111111112") == []


def test_amounts_and_dates_are_not_personal_data():
    assert find_personal_data("本月收入合计 48,620.00 元，2026年10月5日，凭证号 支-1003") == []


@pytest.mark.parametrize(
    ("name", "masked"),
    [("张三", "张*"), ("张小三", "张*三"), ("欧阳小明", "欧**明"), ("李", "李"), (" 王秀英 ", "王*英")],
)
def test_mask_name(name, masked):
    assert mask_name(name) == masked


def test_mask_numbers():
    assert mask_id_number("420102199003071234") == "4201**********1234"
    assert mask_mobile("13812345678") == "138****5678"
    assert mask_card("4111 1111 1111 1111") == "************1111"


def test_mask_all_leaves_no_full_number():
    text = f"身份证{VALID_ID}，电话13812345678，卡号{VISA_TEST_CARD}"
    masked = mask_all(text)
    assert find_personal_data(masked) == []
    assert "1101**********002X" in masked and "138****5678" in masked
