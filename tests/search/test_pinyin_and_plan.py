"""Pinyin of title words and the reading of a typed query (search.pinyin, search.planner): pure functions."""

import pytest

from search import pinyin
from search.planner import EXACT, FILLER, PINYIN, SYNONYM, english_forms, make_plan
from search.synonyms import Synonyms, parse_groups, phrase_key, repository_groups, singular

LIST = Synonyms.of(repository_groups())


def test_readings_and_initials_of_title_words():
    assert pinyin.reading("低保") == "dibao"
    assert pinyin.reading("绿色") == "lvse"
    assert pinyin.reading("银行") == "yinhang"  # the phrase dictionary, not the commonest reading of each character
    assert pinyin.initials("村规民约") == "cgmy"
    # Two-character words give no initials (db would be half the dictionary); filler and single characters none.
    assert pinyin.pinyin_terms(["低保", "村务公开", "怎么", "水", "2026"], skip=FILLER) == [
        "dibao",
        "cunwugongkai",
        "cwgk",
    ]


@pytest.mark.parametrize("letters", ["dibao", "tingshui", "xian", "cunguiminyue", "zhuang"])
def test_letters_that_read_as_pinyin(letters):
    assert pinyin.is_syllable_run(letters)


@pytest.mark.parametrize("letters", ["water", "village", "rules", "xyzzy", "hello"])
def test_letters_that_do_not(letters):
    assert not pinyin.is_syllable_run(letters)


def test_initials_are_told_from_english_words_by_their_vowels():
    assert pinyin.could_be_initials("cwgk") and pinyin.could_be_initials("wgy")
    assert not pinyin.could_be_initials("water") and not pinyin.could_be_initials("db")


def _reading(plan):
    return [(c.text, c.optional) for c in plan.concepts]


def test_asking_words_are_optional_and_the_content_word_is_required():
    plan = make_plan("怎么申请低保", LIST)
    assert [c.text for c in plan.required] == ["低保"]
    assert {c.text for c in plan.optional} == {"怎么", "申请"}
    assert [c.text for c in make_plan("我想问一下宅基地怎么申请", LIST).required] == ["宅基地"]
    assert [c.text for c in make_plan("how to apply for dibao", LIST).required] == ["dibao"]


def test_a_query_of_asking_words_only_requires_them():
    plan = make_plan("怎么办", LIST)
    assert plan.required and not plan.optional


def test_a_synonym_is_one_concept_with_every_name_of_its_group():
    (concept,) = make_plan("低保", LIST).required
    weights = {alt.slots: alt.weight for alt in concept.alternatives}
    assert weights[(("低保",),)] == EXACT
    assert weights[(("最低",), ("生活",), ("保障",))] == SYNONYM
    # Aligned with the words of the query: 低保 in 低保金 is the name plus one character, and counts.
    assert [c.text for c in make_plan("申请低保金", LIST).required] == ["低保"]


def test_letters_read_as_english_with_plurals_and_as_pinyin():
    (concept,) = make_plan("ting shui", LIST).required  # two syllables typed apart are one word
    assert ((("tingshui",),), PINYIN) in [(alt.slots, alt.weight) for alt in concept.alternatives]
    (concept,) = make_plan("water", LIST).required
    assert all(not alt.pinyin for alt in concept.alternatives)
    assert english_forms("rules") == ["rules", "rule"] and "policies" in english_forms("policy")
    assert singular("news") == "news" and singular("classes") == "class"


def test_one_character_searches_titles():
    assert make_plan("低", LIST).titles_only == "低"
    assert make_plan("水吗", LIST).titles_only == "水"  # one character is all there is to look for
    assert make_plan("禮", LIST).titles_only == "礼"  # folded to Simplified, as the index is
    assert not make_plan("低保", LIST).titles_only


def test_synonym_text_format():
    assert parse_groups("低保 = 最低生活保障 # comment\n# only a comment\n单独一个\nA ＝ B") == [
        ["低保", "最低生活保障"],
        ["A", "B"],
    ]
    assert phrase_key("Village  Rules") == "village rule" and phrase_key("村規民約") == "村规民约"
