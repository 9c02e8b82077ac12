"""Every URL pattern of the portal, from the resolver, for tests that must cover routes nobody hand-picks.

    for route in routes():           # Route(path="zh-hans/consultations/<int:page_id>/comments/", name=..., view=...)
        url = route.url(page_id=3)   # "/zh-hans/consultations/3/comments/"

New views (an app's urls.py, a Wagtail hook, a viewset) show up here without anyone adding them to a list.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

_PARAM = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
_NAMED_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")
_GROUP = re.compile(r"\((?!\?)[^)]*\)")
SAMPLE_BY_CONVERTER = {"int": "1", "slug": "x", "str": "x", "path": "x", "uuid": "00000000-0000-0000-0000-000000000000"}


@dataclass(frozen=True)
class Route:
    path: str  # the pattern text joined from the root, e.g. "admin/council/meetings/history/<int:pk>/"
    name: str  # "namespace:name", or "" for unnamed patterns
    view: object  # the view function or class

    @property
    def params(self) -> list[str]:
        return [m["name"] for m in _PARAM.finditer(self.path)] + [m["name"] for m in _NAMED_GROUP.finditer(self.path)]

    @property
    def is_regex(self) -> bool:
        return "^" in self.path or "$" in self.path or "(" in self.path

    def url(self, **values) -> str:
        """A concrete address: named parameters from ``values``, others a sample of their converter's type."""

        def param(match: re.Match) -> str:
            return str(values.get(match["name"], SAMPLE_BY_CONVERTER.get(match["converter"] or "str", "x")))

        text = _PARAM.sub(param, self.path)
        text = _NAMED_GROUP.sub(lambda m: str(values.get(m["name"], "x")), text)
        text = _GROUP.sub(lambda m: str(values.get("_group", "")), text)
        text = text.replace("^", "").replace("$", "").replace("\\", "").replace("(?!_util/)", "")
        return "/" + text

    @property
    def view_name(self) -> str:
        view = getattr(self.view, "view_class", self.view)
        return f"{view.__module__}.{view.__qualname__}"


def _walk(patterns, prefix: str, namespace: str | None) -> Iterator[Route]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name or ""
            if name and namespace:
                name = f"{namespace}:{name}"
            yield Route(path=prefix + str(pattern.pattern), name=name, view=pattern.callback)


def routes(prefix: str = "") -> list[Route]:
    """All patterns (i18n ones in the active language), optionally only those under ``prefix``."""
    return [route for route in _walk(get_resolver().url_patterns, "", None) if route.path.startswith(prefix)]
