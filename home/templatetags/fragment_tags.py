"""``{% frozen key … %}…{% endfrozen %}``: a fragment rendered once per language and key, then reused.

For the parts of a page answered on every write (the secret ballot's confirmation, docs/voting.md "The ballot
path") that are the same for every visitor who reads that language: translated texts, static file URLs, the site's
name. Rendering their ``{% translate %}`` and ``{% static %}`` tags was a fifth of a ballot's CPU; the page's own
values (the receipt, the choice, the consultation) stay outside the fragments and are rendered each time.

The fragment's text is kept on the compiled template's node, per (active language, autoescape, the keys' values):
a template reloaded in development starts again, a language switched mid-request gets its own copy, and the
catalogues and the static manifest, read once per process anyway, cannot change underneath. What goes inside may
depend only on the language, the keys and settings, and must not set context variables (a reused fragment does
not run its tags): never a form, a CSRF token, a user's name or anything else of one visitor.
"""

from django import template
from django.utils import translation

register = template.Library()

# Distinct keys kept per fragment before it starts over (a key such as a date changes now and then).
MAX_KEPT = 64


class FrozenNode(template.Node):
    def __init__(self, nodelist: template.NodeList, keys: list[template.base.FilterExpression]) -> None:
        self.nodelist = nodelist
        self.keys = keys
        self.kept: dict[tuple, str] = {}

    def render(self, context: template.Context) -> str:
        key = (translation.get_language(), context.autoescape, *(k.resolve(context) for k in self.keys))
        text = self.kept.get(key)
        if text is None:
            text = self.nodelist.render(context)
            if len(self.kept) >= MAX_KEPT:
                self.kept.clear()
            self.kept[key] = text
        return text


@register.tag
def frozen(parser: template.base.Parser, token: template.base.Token) -> FrozenNode:
    keys = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endfrozen",))
    parser.delete_first_token()
    return FrozenNode(nodelist, keys)
