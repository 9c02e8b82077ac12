"""The one detector and masker of personal numbers (home.privacy.detect): every written form, and what is left alone."""

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
)

VALID_ID = "11010519491231002X"  # the example number of GB 11643
VALID_ID_2 = "42010219900307123" + id_check_char("42010219900307123")


def luhn_complete(prefix: str) -> str:
    return next(prefix + d for d in "0123456789" if luhn_ok(prefix + d))


UNIONPAY_19 = luhn_complete("621226020000000000")
UNIONPAY_16 = luhn_complete("622202100112345")
VISA = "4111111111111111"


def test_the_test_numbers_are_what_they_claim():
    assert is_valid_id_number(VALID_ID) and is_valid_id_number(VALID_ID.lower()) and is_valid_id_number(VALID_ID_2)
    assert len(UNIONPAY_19) == 19 and luhn_ok(UNIONPAY_19) and luhn_ok(VISA)


FOUND = [
    # (text, kind, bare number)
    (f"身份证{VALID_ID}。", "id", VALID_ID),
    (f"身份证{VALID_ID.lower()}", "id", VALID_ID),
    ("身份证 110105 19491231 002X", "id", VALID_ID),
    ("身份证 110105-19491231-002x", "id", VALID_ID),
    ("身份证１１０１０５１９４９１２３１００２Ｘ", "id", VALID_ID),
    (f"<p>身份证<b>{VALID_ID[:6]}</b>{VALID_ID[6:]}</p>", "id", VALID_ID),
    ("电话13812345678。", "mobile", "13812345678"),
    ("电话 138 1234 5678", "mobile", "13812345678"),
    ("电话 138-1234-5678", "mobile", "13812345678"),
    ("电话 138.1234.5678", "mobile", "13812345678"),
    ("电话 138/1234/5679", "mobile", "13812345679"),
    ("电话 138 - 1234 - 5678", "mobile", "13812345678"),
    ("电话１３８１２３４５６７８", "mobile", "13812345678"),
    ("电话 １３８－１２３４－５６７８", "mobile", "13812345678"),
    ("电话+8613812345678", "mobile", "13812345678"),
    ("电话 +86 138 1234 5678", "mobile", "13812345678"),
    ("电话008613812345678", "mobile", "13812345678"),
    ("电话 0086 138 1234 5678", "mobile", "13812345678"),
    ("电话19912345678", "mobile", "19912345678"),
    ("电话19198765432", "mobile", "19198765432"),
    ("电话&nbsp;138&nbsp;1234&nbsp;5678", "mobile", "13812345678"),
    ("电话 138<b>1234</b>5678", "mobile", "13812345678"),
    ('电话 <span class="x">138</span><strong>1234</strong><em>5678</em>', "mobile", "13812345678"),
    (f"卡号{VISA}", "card", VISA),
    ("卡号 4111 1111 1111 1111 。", "card", VISA),
    ("卡号 4111-1111-1111-1111", "card", VISA),
    (f"银联卡{UNIONPAY_19}", "card", UNIONPAY_19),
    ("银联卡 " + " ".join(UNIONPAY_19[i : i + 4] for i in range(0, 19, 4)), "card", UNIONPAY_19),
    (f"卡号{UNIONPAY_16}", "card", UNIONPAY_16),
]


@pytest.mark.parametrize(("text", "kind", "number"), FOUND)
def test_finds_every_written_form(text, kind, number):
    findings = find_personal_data(text)
    assert [(f.kind, f.number) for f in findings] == [(kind, number)]
    masked = mask_all(text)
    assert find_personal_data(masked) == [], masked
    assert number not in masked.translate({0xFF10 + i: 0x30 + i for i in range(10)}).replace(" ", "")


NOT_FOUND = [
    "办公电话0376-7261 3018",
    "办公电话 (0376) 7261 3018",
    "法律援助热线12348",
    "拨打 12348 或 110",
    "本月收入合计 48,620.00 元，2026年10月5日，凭证号 支-1003",
    "2026-10-05 至 2026-12-31",
    "2026.10.05",
    "2026/10/05 09:30",
    "凭证号 记-202610-0012",
    "凭证号 2026100500012345",  # 16 digits, but no card issuer starts with 2026
    "凭证号 2026100500012342",
    "合计 1,381,234.56 元",
    "12345678901",  # second digit 2: not a mobile number
    "编号138123456789",  # 12 digits hold no mobile number
    f"编号{VALID_ID[:17]}5",  # wrong check character
    "卡号4111111111111112",  # Luhn fails
    "<td>4500</td><td>3200</td><td>1200</td><td>6000</td>",  # table cells are separate numbers
    "138****5678, 1101**********002X, ************1111",  # already masked
    "",
]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_leaves_dates_amounts_landlines_and_vouchers_alone(text):
    assert find_personal_data(text) == []
    assert mask_all(text) == text


def test_an_id_number_is_not_also_reported_as_a_card():
    assert [f.kind for f in find_personal_data(VALID_ID_2)] == ["id"]
    assert [f.kind for f in find_personal_data(f"{VALID_ID_2} 5")] == ["id"]


def test_a_card_with_an_id_number_inside_is_one_card():
    card = luhn_complete("6" + VALID_ID_2[:17])  # 19 digits, an ID number's digits inside
    assert [f.kind for f in find_personal_data(card)] == ["card"]


def test_several_numbers_in_one_text_in_order():
    text = f"王建华 {VALID_ID} 138 1234 5678；李秀英 <td>13912345678</td><td>{VISA}</td>"
    assert [f.kind for f in find_personal_data(text)] == ["id", "mobile", "mobile", "card"]
    assert find_personal_data(mask_all(text)) == []


MASKED = [
    ("电话 138 1234 5678", "电话 138 **** 5678"),
    ("电话13812345678", "电话138****5678"),
    ("+8613812345678", "+86138****5678"),
    (f"证{VALID_ID}", "证1101**********002X"),
    ("电话138<b>1234</b>5678", "电话138<b>****</b>5678"),
    (f'<a href="/x/">{VISA}</a>', '<a href="/x/">************1111</a>'),
]


@pytest.mark.parametrize(("text", "masked"), MASKED)
def test_mask_all_keeps_the_layout(text, masked):
    assert mask_all(text) == masked


def test_maskers_of_single_values():
    assert mask_id_number("420102199003071234") == "4201**********1234"
    assert mask_id_number("110105 19491231 002x") == "1101**********002X"
    assert mask_mobile("13812345678") == "138****5678"
    assert mask_mobile("+86 138-1234-5678") == "138****5678"
    assert mask_mobile("１３８１２３４５６７８") == "138****5678"
    assert mask_card("4111 1111 1111 1111") == "************1111"


def test_a_long_text_is_scanned_to_its_end():
    text = ("村民代表会议于2026年10月5日召开，合计 48,620.00 元。" * 20000) + "电话13812345678"
    assert [f.kind for f in find_personal_data(text)] == ["mobile"]
