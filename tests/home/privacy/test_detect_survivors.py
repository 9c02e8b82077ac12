"""Table tests for the detector (home.privacy.detect) that kill the mutants issue 19 found alive, and one row for
every written form of issue 18. Each row names what a broken detector would get wrong."""

import pytest
from wagtail.rich_text import RichText

from home.privacy.detect import find_personal_data, id_check_char, is_card_number, luhn_ok, mask_all
from home.privacy.guard import findings_in


def luhn_complete(prefix: str) -> str:
    return next(prefix + d for d in "0123456789" if luhn_ok(prefix + d))


def luhn_valid_id() -> str:
    """An ID number whose 18 digits also pass Luhn and start with a card issuer's digit: a detector that tried
    cards first (or also) would report it as a card, or twice."""
    for sequence in range(10000):
        first_17 = f"4201021990030{sequence:04d}"
        number = first_17 + id_check_char(first_17)
        if number[-1] != "X" and luhn_ok(number):
            return number
    raise AssertionError("no Luhn-valid ID number found")


LUHN_ID = luhn_valid_id()
UNIONPAY_19 = luhn_complete("621226020000000000")  # 18 digits + check digit = 19
ID_WITH_X = "11010519491231002X"  # the example number of GB 11643


def test_the_test_numbers_are_what_they_claim():
    assert is_card_number(LUHN_ID)  # so the ID-before-card rule is what the test below checks
    assert len(UNIONPAY_19) == 19 and is_card_number(UNIONPAY_19)
    assert id_check_char(ID_WITH_X[:17]) == "X"


ISSUE_18_FORMS = [
    ("电话 138 1234 5678", "mobile", "13812345678"),
    ("电话 138-1234-5678", "mobile", "13812345678"),
    ("电话 138.1234.5678", "mobile", "13812345678"),
    ("电话 138/1234/5679", "mobile", "13812345679"),
    ("电话 １３８１２３４５６７８", "mobile", "13812345678"),
    ("电话 +8613812345678", "mobile", "13812345678"),
    ("电话 008613812345678", "mobile", "13812345678"),
    ("身份证 110105 19491231 002X", "id", ID_WITH_X),
]

SURVIVORS = [
    # mobiles of the 19x blocks (a detector with 1[3-8] misses them)
    ("电话19012345678", "mobile", "19012345678"),
    ("电话19112345678", "mobile", "19112345678"),
    ("电话19512345678", "mobile", "19512345678"),
    ("电话19812345678", "mobile", "19812345678"),
    ("电话 199 8765 4321", "mobile", "19987654321"),
    # 19-digit UnionPay cards (a detector with lengths 16–18 misses them), plain and grouped
    (f"银联卡{UNIONPAY_19}", "card", UNIONPAY_19),
    ("银联卡 " + " ".join(UNIONPAY_19[i : i + 4] for i in range(0, 19, 4)), "card", UNIONPAY_19),
    # an ID number that also passes Luhn: reported once, as an ID
    (f"身份证{LUHN_ID}", "id", LUHN_ID),
    (f"身份证 {LUHN_ID[:6]} {LUHN_ID[6:14]} {LUHN_ID[14:]}", "id", LUHN_ID),
    # a lowercase x check character
    (f"身份证{ID_WITH_X.lower()}", "id", ID_WITH_X),
    ("身份证 110105-19491231-002x", "id", ID_WITH_X),
    ("身份证 １１０１０５１９４９１２３１００２ｘ", "id", ID_WITH_X),
    # digits split by inline HTML tags (rich text)
    ("<p>电话138<b>1234</b>5678</p>", "mobile", "13812345678"),
    ("<p>电话<strong>138</strong>1234<em>5678</em></p>", "mobile", "13812345678"),
    ('<p>电话<a href="/contact/">138</a> <span class="x">1234</span> 5678</p>', "mobile", "13812345678"),
    (f"<p>身份证<b>{ID_WITH_X[:6]}</b><i>{ID_WITH_X[6:14]}</i>{ID_WITH_X[14:]}</p>", "id", ID_WITH_X),
    (f"<p>卡号<span>{UNIONPAY_19[:10]}</span>{UNIONPAY_19[10:]}</p>", "card", UNIONPAY_19),
    # more prefixes and issuers
    ("电话 +86 138-1234-5678", "mobile", "13812345678"),
    ("电话 0086 138 1234 5678", "mobile", "13812345678"),
    ("电话8613812345678", "mobile", "13812345678"),
    (f"卡号{luhn_complete('222100000000000')}", "card", luhn_complete("222100000000000")),
    (f"卡号{luhn_complete('272099000000000')}", "card", luhn_complete("272099000000000")),
    (f"卡号{luhn_complete('955500000000000')}", "card", luhn_complete("955500000000000")),
]


@pytest.mark.parametrize(("text", "kind", "number"), ISSUE_18_FORMS + SURVIVORS)
def test_found_once_as_the_right_kind(text, kind, number):
    assert [(f.kind, f.number) for f in find_personal_data(text)] == [(kind, number)]
    masked = mask_all(text)
    assert find_personal_data(masked) == [], masked
    assert "****" in masked


def test_a_number_split_by_tags_in_a_rich_text_value_is_refused_by_the_guard():
    assert [(f.kind, f.masked) for f in findings_in(RichText("<p>电话138<b>1234</b>5678</p>"))] == [
        ("mobile", "138****5678")
    ]


NOT_FLAGGED = [
    # dates
    "2026年10月5日",
    "2026-10-05 至 2026-12-31",
    "2026.10.05 09:30",
    "20261005",
    # amounts
    "合计 48,620.00 元",
    "合计 1,381,234.56 元",
    # hotlines and landlines
    "法律援助热线12348",
    "拨打 12348 或 110",
    "办公电话0376-7261 3018",
    "办公电话 0376 7261 3018",
    "办公电话 (0376) 72613018",
    "办公电话 010-6512 3456",
    # voucher and other reference numbers
    "凭证号 支-1003",
    "凭证号 记-202610-0012",
    "凭证号 2026100500012345",
    "编号 20261005000123456789",
    # near misses
    "12345678901",  # second digit 2
    "11012345678",  # second digit 1
    "编号138123456789",  # 12 digits hold no mobile
    f"{ID_WITH_X[:17]}5",  # wrong check character
    luhn_complete("722100000000000"),  # Luhn holds, no card issuer starts with 7
    luhn_complete("222000000000000"),  # 2220: just below the 2-series
    luhn_complete("272100000000000"),  # 2721: just above it
    luhn_complete("6212260200000000000"),  # 20 digits: no card is that long
    "<td>138</td><td>1234</td><td>5678</td>",  # table cells are separate numbers
    "138****5678 1101**********002X ************1111",  # masked already
]


@pytest.mark.parametrize("text", NOT_FLAGGED)
def test_not_flagged(text):
    assert find_personal_data(text) == []
    assert mask_all(text) == text
