import pytest

from village_rules.numerals import article_label, chapter_label, chinese_numeral


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (0, "零"),
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (105, "一百零五"),
        (110, "一百一十"),
        (119, "一百一十九"),
        (1000, "一千"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (1100, "一千一百"),
        (2005, "二千零五"),
        (9999, "九千九百九十九"),
        (10000, "一万"),
        (10010, "一万零一十"),
        (12345, "一万二千三百四十五"),
    ],
)
def test_chinese_numeral(number, expected):
    assert chinese_numeral(number) == expected


def test_labels():
    assert chapter_label(3) == "第三章"
    assert article_label(21) == "第二十一条"


@pytest.mark.parametrize("bad", [-1, 10**8, 1.5])
def test_chinese_numeral_refuses_what_it_cannot_write(bad):
    with pytest.raises(ValueError):
        chinese_numeral(bad)
