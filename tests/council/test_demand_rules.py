"""The signatures that force a meeting, at the exact boundaries (VCOL arts. 21, 26; DOMAIN.md §1)."""

import datetime

import pytest

from council import demand_rules as d


@pytest.mark.parametrize(
    ("kind", "base", "needed"),
    [
        # 1/10 of adults, "以上": the number itself counts, and a fraction of a person rounds up.
        (d.ASSEMBLY_BY_VILLAGERS, 100, 10),
        (d.ASSEMBLY_BY_VILLAGERS, 101, 11),
        (d.ASSEMBLY_BY_VILLAGERS, 109, 11),
        (d.ASSEMBLY_BY_VILLAGERS, 110, 11),
        (d.ASSEMBLY_BY_VILLAGERS, 1, 1),
        (d.ASSEMBLY_BY_VILLAGERS, 3000, 300),
        # 1/3 of representatives.
        (d.ASSEMBLY_BY_REPRESENTATIVES, 27, 9),
        (d.ASSEMBLY_BY_REPRESENTATIVES, 28, 10),
        (d.ASSEMBLY_BY_REPRESENTATIVES, 30, 10),
        # 1/5 of representatives.
        (d.REPRESENTATIVES_MEETING, 25, 5),
        (d.REPRESENTATIVES_MEETING, 26, 6),
        (d.REPRESENTATIVES_MEETING, 27, 6),
        (d.REPRESENTATIVES_MEETING, 4, 1),
    ],
)
def test_threshold_is_the_integer_ceiling_and_met_exactly_there(kind, base, needed):
    assert d.threshold(kind, base) == needed
    assert d.is_met(kind, needed, base)
    assert not d.is_met(kind, needed - 1, base)


@pytest.mark.parametrize("kind", d.KINDS)
def test_a_zero_base_is_never_met(kind):
    assert d.threshold(kind, 0) is None
    assert not d.is_met(kind, 0, 0)
    assert not d.is_met(kind, 5, 0)


def test_no_float_rounding_on_large_registers():
    # 10**17 + 1 adults: a float division would say 10**16 suffices (it does not: one more is needed).
    base = 10**17 + 1
    assert d.threshold(d.ASSEMBLY_BY_VILLAGERS, base) == 10**16 + 1
    assert not d.is_met(d.ASSEMBLY_BY_VILLAGERS, 10**16, base)


def test_base_is_adults_or_representatives():
    assert d.base_of(d.ASSEMBLY_BY_VILLAGERS, 125, 27) == 125
    assert d.base_of(d.ASSEMBLY_BY_REPRESENTATIVES, 125, 27) == 27
    assert d.base_of(d.REPRESENTATIVES_MEETING, 125, 27) == 27


def test_threshold_text_uses_the_counting_words():
    from django.utils import translation

    with translation.override("zh-hans"):
        assert d.threshold_text(d.ASSEMBLY_BY_VILLAGERS, 125).startswith("至少13人")
        assert "十分之一以上" in d.threshold_text(d.ASSEMBLY_BY_VILLAGERS, 125)
    with translation.override("en"):
        assert d.threshold_text(d.REPRESENTATIVES_MEETING, 26).startswith("At least 6 people")


def test_assembly_notice_is_ten_days():
    assert d.earliest_assembly_date(datetime.date(2026, 12, 2)) == datetime.date(2026, 12, 12)


def test_who_signs_is_a_plain_yes_or_no():
    # Templates and forms branch on this; an unknown kind is signed by villagers, never "maybe".
    assert d.by_representatives(d.ASSEMBLY_BY_VILLAGERS) is False
    assert d.by_representatives("no-such-kind") is False
    assert d.by_representatives(d.ASSEMBLY_BY_REPRESENTATIVES) is True
    assert d.by_representatives(d.REPRESENTATIVES_MEETING) is True


@pytest.mark.parametrize(
    ("kind", "zh_hans", "en"),
    [
        (d.ASSEMBLY_BY_VILLAGERS, "成年村民的十分之一以上", "one tenth of the adult villagers"),
        (d.ASSEMBLY_BY_REPRESENTATIVES, "村民代表的三分之一以上", "one third of the villager representatives"),
        (d.REPRESENTATIVES_MEETING, "村民代表的五分之一以上", "one fifth of the villager representatives"),
    ],
)
def test_each_share_is_named_in_the_residents_language(kind, zh_hans, en):
    from django.utils import translation

    with translation.override("zh-hans"):
        assert d.share_label(kind) == zh_hans
    with translation.override("en"):
        assert d.share_label(kind) == en


def test_a_missing_register_figure_says_what_to_do():
    from django.utils import translation

    with translation.override("zh-hans"):
        assert d.threshold_text(d.ASSEMBLY_BY_VILLAGERS, 0) == "登记册上还没有这个人数，须由村委会先填写。"
    with translation.override("en"):
        assert d.threshold_text(d.REPRESENTATIVES_MEETING, 0) == (
            "The register has no figure for this yet; the committee must enter it first."
        )
