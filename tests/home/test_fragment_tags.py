"""{% frozen %} (home/templatetags/fragment_tags.py): rendered once per language and key, the rest stays live."""

from django.template import Context, Engine
from django.utils import translation

from home.templatetags import fragment_tags

ENGINE = Engine(libraries={"fragment_tags": "home.templatetags.fragment_tags", "i18n": "django.templatetags.i18n"})
TEMPLATE = ENGINE.from_string(
    "{% load fragment_tags i18n %}{% frozen day %}{% translate 'Skip to main content' %} {{ day }} {{ calls }}"
    "{% endfrozen %}|{{ calls }}"
)


def test_a_fragment_is_kept_per_language_and_key_and_the_rest_is_rendered_each_time():
    with translation.override("en"):
        assert TEMPLATE.render(Context({"day": 1, "calls": "a"})) == "Skip to main content 1 a|a"
        # the same language and key: the kept text (inside), the new value (outside)
        assert TEMPLATE.render(Context({"day": 1, "calls": "b"})) == "Skip to main content 1 a|b"
        assert TEMPLATE.render(Context({"day": 2, "calls": "c"})) == "Skip to main content 2 c|c"
    with translation.override("zh-hans"):
        assert TEMPLATE.render(Context({"day": 1, "calls": "d"})) == "跳到主要内容 1 d|d"
    with translation.override("en"):
        assert TEMPLATE.render(Context({"day": 1, "calls": "e"})) == "Skip to main content 1 a|e"


def test_autoescape_is_part_of_the_key_and_a_full_fragment_starts_over():
    template = ENGINE.from_string("{% load fragment_tags %}{% frozen n %}{{ text }}{% endfrozen %}")
    with translation.override("en"):
        assert template.render(Context({"n": 0, "text": "<b>"})) == "&lt;b&gt;"
        assert template.render(Context({"n": 0, "text": "<b>"}, autoescape=False)) == "<b>"
        (node,) = [n for n in template.nodelist if isinstance(n, fragment_tags.FrozenNode)]
        for n in range(fragment_tags.MAX_KEPT + 5):
            template.render(Context({"n": n, "text": str(n)}))
        assert 0 < len(node.kept) <= fragment_tags.MAX_KEPT
