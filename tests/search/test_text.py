"""The word cutting that both the index and the queries go through: pure functions, no database."""

from search.highlight import highlight
from search.text import index_terms, normalise, query_terms, to_traditional

TITLE = "关于修订本村村规民约的通知"


def test_every_word_of_the_example_title_is_a_query_the_index_answers():
    indexed = set(index_terms(TITLE))
    for word in ["村规民约", "村规", "民约", "通知", "修订", "关于", "修订本村村规民约"]:
        assert set(query_terms(word)) <= indexed, word


def test_traditional_and_simplified_fold_to_the_same_terms():
    assert query_terms("村規民約") == query_terms("村规民约")
    assert index_terms(to_traditional(TITLE)) == index_terms(TITLE)
    assert normalise("關於修訂") == "关于修订"


def test_numbers_latin_and_full_width_characters_are_kept():
    assert "12348" in index_terms("拨打12348热线")
    assert "2026" in index_terms("２０２６年第三季度")
    assert "hotline" in query_terms("Hotline")


def test_governance_words_from_the_repository_dictionary_stay_whole():
    for word in ["村民理事会", "一事一议", "网格员", "村务公开"]:
        assert word in index_terms(f"本村{word}今天开会"), word


def test_partial_words_find_longer_ones_through_two_character_pieces():
    indexed = set(index_terms("召开村民代表会议"))
    assert set(query_terms("代表")) <= indexed
    assert set(query_terms("表会")) <= indexed  # not a word, still a piece of one


def test_particles_and_punctuation_are_not_terms():
    terms = index_terms("村民的意见，和建议。")
    assert "的" not in terms and "，" not in terms and "和" not in terms


def test_highlight_marks_matches_and_escapes_the_rest():
    html = highlight("<b>本村</b>修订村規民約，请大家提意见", query_terms("村规民约"))
    assert "<mark>村規民約</mark>" in html
    assert "&lt;b&gt;" in html and "<b>" not in html


def test_highlight_cuts_a_window_around_the_first_match():
    text = "甲" * 200 + "宅基地" + "乙" * 200
    html = highlight(text, ["宅基地"], width=40)
    assert html.startswith("…") and html.endswith("…") and "<mark>宅基地</mark>" in html
