"""The diff between two texts of the rules, as pure functions."""

from village_rules.diff import NumberedArticle, Segment, char_diff, diff_articles


def articles(*texts: str) -> list[NumberedArticle]:
    return [NumberedArticle(n, f"第{n}条", text) for n, text in enumerate(texts, start=1)]


def test_numbers_change_as_whole_numbers_not_single_digits():
    segments = char_diff("婚事宴席不超过15桌，每桌不超过500元", "婚事宴席不超过10桌，每桌不超过600元")

    assert segments == [
        Segment("equal", "婚事宴席不超过"),
        Segment("delete", "15"),
        Segment("insert", "10"),
        Segment("equal", "桌，每桌不超过"),
        Segment("delete", "500"),
        Segment("insert", "600"),
        Segment("equal", "元"),
    ]


def test_chinese_words_are_compared_by_characters_without_spaces():
    segments = char_diff("提倡不收或少收彩礼", "提倡不收彩礼")

    assert segments == [Segment("equal", "提倡不收"), Segment("delete", "或少收"), Segment("equal", "彩礼")]


def test_a_single_unchanged_character_between_two_changes_is_folded_into_the_change():
    # Only "和" survives between the two changes: shown alone it would split the change into confetti.
    segments = char_diff("甲和乙", "丙和丁")

    assert segments == [Segment("delete", "甲和乙"), Segment("insert", "丙和丁")]


def test_diff_joins_back_into_both_texts():
    old, new = "违反本村规民约的，由村民委员会进行批评教育。", "违反村规民约的，由村委会进行说服教育，不得罚款。"
    segments = char_diff(old, new)

    assert "".join(s.text for s in segments if s.kind != "insert") == old
    assert "".join(s.text for s in segments if s.kind != "delete") == new


def test_identical_texts_have_no_change():
    assert char_diff("邻里和睦", "邻里和睦") == [Segment("equal", "邻里和睦")]


def test_articles_added_removed_and_changed():
    old = articles("村民应当遵守法律。", "婚宴不超过15桌。", "不得在村内燃放烟花爆竹。", "本规约自备案后施行。")
    new = articles("村民应当遵守法律。", "婚宴不超过10桌。", "反对家庭暴力。", "本规约自备案后施行。")

    changes = diff_articles(old, new)

    kinds = [(c.kind, c.old and c.old.text, c.new and c.new.text) for c in changes]
    assert kinds == [
        ("unchanged", "村民应当遵守法律。", "村民应当遵守法律。"),
        ("changed", "婚宴不超过15桌。", "婚宴不超过10桌。"),
        ("removed", "不得在村内燃放烟花爆竹。", None),
        ("added", None, "反对家庭暴力。"),
        ("unchanged", "本规约自备案后施行。", "本规约自备案后施行。"),
    ]
    assert changes[2].label == "原第3条"
    changed = changes[1]
    assert Segment("delete", "15") in changed.segments and Segment("insert", "10") in changed.segments


def test_inserting_an_article_does_not_make_later_articles_look_changed():
    old = articles("第一件事。", "第二件事。", "第三件事。")
    new = articles("第一件事。", "新增加的一件事。", "第二件事。", "第三件事。")

    changes = diff_articles(old, new)

    assert [c.kind for c in changes] == ["unchanged", "added", "unchanged", "unchanged"]
    # The renumbered article says so in its label.
    assert changes[2].label == "第2条 → 第3条"


def test_diff_against_itself_is_all_unchanged():
    texts = articles("甲。", "乙。")
    assert {c.kind for c in diff_articles(texts, texts)} == {"unchanged"}


# ---- Chinese text (issue 7): changes show as the words that changed, never as the whole sentence ----------


def test_inserted_clause_inside_a_sentence_shows_as_that_clause_only():
    old = "子女应当履行赡养义务，不得让老人独居危房。"
    new = "子女应当履行赡养义务，定期看望独居老人，不得让老人独居危房。"

    assert char_diff(old, new) == [
        Segment("equal", "子女应当履行赡养义务，"),
        Segment("insert", "定期看望独居老人，"),
        Segment("equal", "不得让老人独居危房。"),
    ]


def test_removed_clause_inside_a_sentence_shows_as_that_clause_only():
    old = "加强防火安全，不在山林、田间野外用火，不焚烧秸秆，家中电线老化的及时更换。"
    new = "加强防火安全，不焚烧秸秆，家中电线老化的及时更换。"

    assert [s for s in char_diff(old, new) if s.kind != "equal"] == [Segment("delete", "不在山林、田间野外用火，")]


def test_a_changed_amount_and_an_added_clause_in_one_article():
    old = "提倡少收彩礼，彩礼最高不超过3万元，反对借婚姻索取财物。"
    new = "提倡少收彩礼，彩礼最高不超过2万元，反对借婚姻索取财物，不得以彩礼为由阻碍婚姻自由。"

    changes = [s for s in char_diff(old, new) if s.kind != "equal"]

    assert changes == [
        Segment("delete", "3"),
        Segment("insert", "2"),
        Segment("insert", "，不得以彩礼为由阻碍婚姻自由"),
    ]


def test_article_diff_of_a_draft_marks_only_the_inserted_clause():
    old = [NumberedArticle(1, "第一条", "邻里和睦，尊老爱幼。")]
    new = [NumberedArticle(1, "第一条", "邻里和睦，尊老爱幼，定期看望独居老人。")]

    (change,) = diff_articles(old, new)

    assert change.kind == "changed"
    assert [s.text for s in change.segments if s.kind == "insert"] == ["，定期看望独居老人"]
    assert "".join(s.text for s in change.segments if s.kind != "delete") == new[0].text
