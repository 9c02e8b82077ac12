"""The one sanitiser: XSS payloads come out inert, plain formatting survives."""

import pytest

from home.sanitizer import html_to_plain_text, plain_text_to_html, sanitize_html, sanitize_text

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">点我</a>',
    '<a href="JaVaScRiPt:alert(1)">点我</a>',
    '<p onclick="alert(1)">文字</p>',
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))">文字</p>',
    "<<script>script>alert(1)<</script>/script>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_come_out_inert(payload):
    cleaned = sanitize_html(payload).lower()

    for dangerous in ("<script", "onerror", "onclick", "javascript:", "<iframe", "<svg", "style=", "data:text"):
        assert dangerous not in cleaned, (payload, cleaned)


def test_plain_formatting_and_links_survive():
    html = '<p>建议<strong>增加路灯</strong>：</p><ul><li>村东</li></ul><a href="https://example.org/a">方案</a>'

    cleaned = sanitize_html(html)

    assert "<strong>增加路灯</strong>" in cleaned and "<li>村东</li>" in cleaned
    assert 'href="https://example.org/a"' in cleaned and 'rel="nofollow ugc noopener"' in cleaned


def test_bare_urls_become_safe_links():
    cleaned = sanitize_html("见 https://example.org/plan 第3页")

    assert '<a href="https://example.org/plan" rel="nofollow ugc noopener">' in cleaned


def test_plain_text_has_no_tags_left():
    assert sanitize_text("  <b>村东</b>路灯<script>x</script> ") == "村东路灯x"
    assert sanitize_text(None) == ""


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("一段话", "<p>一段话</p>"),
        ("第一段\n\n第二段\n第二行", "<p>第一段</p><p>第二段<br>第二行</p>"),
        ("a < b & c", "<p>a &lt; b &amp; c</p>"),
        ("<p>已经是 HTML</p>", "<p>已经是 HTML</p>"),
        ("", ""),
    ],
)
def test_plain_text_becomes_paragraphs_and_comes_back_for_editing(typed, stored):
    assert sanitize_html(plain_text_to_html(typed)) == stored
    if stored and typed != stored:
        assert html_to_plain_text(stored) == typed


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("如果 x<y 并且 y>z\n\n第二段", "<p>如果 x&lt;y 并且 y&gt;z</p><p>第二段</p>"),
        ("在 <村口大街> 东头集合", "<p>在 &lt;村口大街&gt; 东头集合</p>"),
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
    ],
)
def test_angle_brackets_that_are_not_allowed_tags_are_kept_as_text(typed, stored):
    assert sanitize_html(plain_text_to_html(typed)) == stored
    assert html_to_plain_text(stored) == typed
