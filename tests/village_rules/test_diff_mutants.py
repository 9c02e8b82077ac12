"""Whole changes of village_rules.diff, exact, including long texts where difflib's autojunk would change the
answer: they kill the mutants that test_diff.py lets live (docs/mutation.md)."""

from village_rules.diff import (
    MIN_SIMILARITY,
    ArticleChange,
    NumberedArticle,
    Segment,
    _start_changes_at_clauses,
    char_diff,
    diff_articles,
)


def _article(number: int, text: str) -> NumberedArticle:
    return NumberedArticle(number, f"第{number}条", text)


def test_a_long_text_keeps_its_common_characters_equal():
    # 301 tokens, one character in 300 of them: autojunk would call it junk and report one big change.
    old, new = "的" * 150 + "甲" + "的" * 150, "的" * 150 + "乙" + "的" * 150
    assert char_diff(old, new) == [
        Segment("equal", "的" * 150),
        Segment("delete", "甲"),
        Segment("insert", "乙"),
        Segment("equal", "的" * 150),
    ]


def test_long_similar_articles_are_an_edit():
    old, new = _article(1, "的" * 300 + "甲"), _article(1, "的" * 300 + "乙")
    changes = diff_articles([old, _article(2, "乙条")], [new, _article(2, "丙款")])
    assert [change.kind for change in changes] == ["changed", "removed", "added"]


def test_many_equal_articles_stay_unchanged():
    same = [_article(n, "同") for n in range(1, 251)]
    changes = diff_articles([*same, _article(251, "甲")], [*same, _article(251, "乙")])
    assert [change.kind for change in changes].count("unchanged") == 250


def test_removed_added_and_unchanged_articles_carry_their_sides():
    first, second, third = (
        _article(1, "村民应当爱护公共设施"),
        _article(2, "禁止在山林用火"),
        _article(3, "红白喜事从简"),
    )
    added = _article(3, "垃圾分类投放到指定地点")
    changes = diff_articles([first, second, third], [first, third, added])
    assert changes == [
        ArticleChange("unchanged", first, first),
        ArticleChange("removed", second, None),
        ArticleChange("unchanged", third, third),
        ArticleChange("added", None, added),
    ]


def test_an_article_inserted_before_an_edited_one_in_a_replaced_block():
    old = [_article(1, "每户每年缴纳卫生费三十元")]
    new = [_article(1, "新建房屋须经村民委员会同意"), _article(2, "每户每年缴纳卫生费五十元")]
    changes = diff_articles(old, new)
    assert [(c.kind, c.old, c.new) for c in changes] == [("added", None, new[0]), ("changed", old[0], new[1])]
    assert changes[1].segments == [
        Segment("equal", "每户每年缴纳卫生费"),
        Segment("delete", "三"),
        Segment("insert", "五"),
        Segment("equal", "十元"),
    ]


def test_a_one_character_gap_between_two_changes_joins_them():
    assert char_diff("甲乙丙", "丁乙戊") == [Segment("delete", "甲乙丙"), Segment("insert", "丁乙戊")]
    assert char_diff("甲乙丙丁", "戊乙丙己") == [
        Segment("delete", "甲"),
        Segment("insert", "戊"),
        Segment("equal", "乙丙"),
        Segment("delete", "丁"),
        Segment("insert", "己"),
    ]


def test_a_short_equal_run_at_the_start_stays_equal():
    # Only a gap *between* two changes is folded in: the first character here is shared, not changed.
    assert char_diff("甲乙丙", "甲丁戊") == [
        Segment("equal", "甲"),
        Segment("delete", "乙丙"),
        Segment("insert", "丁戊"),
    ]


def test_a_one_character_gap_after_an_equal_start_joins_the_changes_around_it():
    # The gap is the third run (equal, change, gap, change): folded like a gap that is the second run.
    assert char_diff("甲乙丙丁", "甲戊丙己") == [
        Segment("equal", "甲"),
        Segment("delete", "乙丙丁"),
        Segment("insert", "戊丙己"),
    ]


def test_a_change_that_starts_with_a_clause_mark_slides_past_it():
    segments = [Segment("equal", "邻里和睦"), Segment("insert", "，不在山林用火"), Segment("equal", "，不焚烧")]
    assert _start_changes_at_clauses(segments) == [
        Segment("equal", "邻里和睦，"),
        Segment("insert", "不在山林用火，"),
        Segment("equal", "不焚烧"),
    ]


def test_a_change_of_two_marks_slides_past_both():
    segments = [Segment("equal", "甲"), Segment("delete", "，。"), Segment("equal", "，。乙")]
    assert _start_changes_at_clauses(segments) == [
        Segment("equal", "甲，。"),
        Segment("delete", "，。"),
        Segment("equal", "乙"),
    ]


def test_a_change_at_the_very_start_does_not_slide():
    # The first segment has nothing before it: the last segment is not its neighbour.
    segments = [
        Segment("insert", "，甲"),
        Segment("equal", "，乙"),
        Segment("delete", "丙"),
        Segment("equal", "丁"),
    ]
    assert _start_changes_at_clauses(segments) == segments


def test_equal_segments_never_slide():
    segments = [Segment("equal", "甲"), Segment("equal", "，乙"), Segment("equal", "，丙")]
    assert _start_changes_at_clauses(segments) == segments


def test_a_change_that_cannot_slide_does_not_stop_a_later_one():
    segments = [
        Segment("delete", "甲"),
        Segment("insert", "乙"),
        Segment("equal", "丙"),
        Segment("insert", "，丁"),
        Segment("equal", "，戊"),
    ]
    assert _start_changes_at_clauses(segments) == [
        Segment("delete", "甲"),
        Segment("insert", "乙"),
        Segment("equal", "丙，"),
        Segment("insert", "丁，"),
        Segment("equal", "戊"),
    ]


def test_an_old_article_is_never_paired_with_a_new_one_already_taken():
    thirty, forty = _article(1, "每户每年缴纳卫生费三十元"), _article(2, "每户每年缴纳卫生费四十元")
    fifty = _article(1, "每户每年缴纳卫生费五十元")
    changes = diff_articles([thirty, forty], [fifty])
    assert [(c.kind, c.old, c.new) for c in changes] == [("changed", thirty, fifty), ("removed", forty, None)]


def test_a_similarity_of_exactly_the_bound_is_an_edit():
    # 2 × 1 matching character / 5 characters = 0.4 = MIN_SIMILARITY.
    old, new = _article(1, "甲乙"), _article(1, "甲丙丁")
    assert MIN_SIMILARITY == 0.4
    changes = diff_articles([old], [new])
    assert [(c.kind, c.old, c.new) for c in changes] == [("changed", old, new)]


def test_an_unpaired_old_article_does_not_stop_the_pairing_of_the_next():
    gone = _article(1, "红白喜事从简")
    old, new = _article(2, "每户每年缴纳卫生费三十元"), _article(1, "每户每年缴纳卫生费五十元")
    changes = diff_articles([gone, old], [new])
    assert [(c.kind, c.old, c.new) for c in changes] == [("removed", gone, None), ("changed", old, new)]


def test_renumbered_unchanged_articles_keep_their_new_numbers():
    first, second = _article(1, "村民应当爱护公共设施"), _article(2, "禁止在山林用火")
    added = _article(1, "垃圾分类投放到指定地点")
    moved_first, moved_second = _article(2, first.text), _article(3, second.text)
    changes = diff_articles([first, second], [added, moved_first, moved_second])
    assert changes == [
        ArticleChange("added", None, added),
        ArticleChange("unchanged", first, moved_first),
        ArticleChange("unchanged", second, moved_second),
    ]
    assert [change.label for change in changes] == ["第1条", "第1条 → 第2条", "第2条 → 第3条"]


def test_a_block_of_removed_articles_and_one_of_added_articles():
    kept, gone = _article(1, "村民应当爱护公共设施"), [_article(2, "禁止在山林用火"), _article(3, "红白喜事从简")]
    assert diff_articles([kept, *gone], [kept]) == [
        ArticleChange("unchanged", kept, kept),
        ArticleChange("removed", gone[0], None),
        ArticleChange("removed", gone[1], None),
    ]
    assert diff_articles([kept], [kept, *gone]) == [
        ArticleChange("unchanged", kept, kept),
        ArticleChange("added", None, gone[0]),
        ArticleChange("added", None, gone[1]),
    ]
