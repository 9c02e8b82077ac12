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
SAMPLE_BY_CONVERTER = {"int": "1", "slug": "x", "str": "x", "path": "x", "uuid": "00000000-0000-0000-0000-000000000000"}


@dataclass(frozen=True)
class Route:
    path: str  # the pattern text joined from the root, e.g. "admin/council/meetings/history/<int:pk>/"
    name: str  # "namespace:name", or "" for unnamed patterns
    view: object  # the view function or class

    @property
    def params(self) -> list[str]:
        groups = [m["name"] for m in _NAMED_GROUP.finditer(self.path)]
        return groups + [m["name"] for m in _PARAM.finditer(_NAMED_GROUP.sub("", self.path))]

    @property
    def is_regex(self) -> bool:
        return "^" in self.path or "$" in self.path or "(" in self.path

    def url(self, **values) -> str:
        """A concrete address: named parameters from ``values``, others a sample of their converter's type."""

        def param(match: re.Match) -> str:
            return str(values.get(match["name"], SAMPLE_BY_CONVERTER.get(match["converter"] or "str", "x")))

        # Regex groups first: "(?P<pk>\\d+)" would otherwise look like the converter syntax "<pk>".
        text = _NAMED_GROUP.sub(lambda m: str(values.get(m["name"], "1")), self.path)
        text = _PARAM.sub(param, text)
        text = _replace_groups(text.replace("(?!_util/)", ""), str(values.get("_group", "")))
        text = text.replace(".*", "x").replace("^", "").replace("$", "").replace("\\", "")
        return "/" + text

    @property
    def view_name(self) -> str:
        view = getattr(self.view, "view_class", self.view)
        return f"{view.__module__}.{view.__qualname__}"


def _replace_groups(text: str, value: str) -> str:
    """Each remaining regex group, nested ones included, by ``value`` ("1" for a group of digits)."""
    out, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char == "(" and (index == 0 or text[index - 1] != "\\"):
            if depth == 0:
                start = index
            depth += 1
        elif char == ")" and depth and text[index - 1] != "\\":
            depth -= 1
            if depth == 0:
                out.append(value or ("1" if text[start : index + 1] == "(\\d+)" else ""))
        elif depth == 0:
            out.append(char)
    return "".join(out)


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
