"""Hostile inputs: hand-picked payloads, hypothesis strategies and the checks every response must pass.

Every test here asserts the same three things, whatever it sends: no 5xx, no stored script or event handler,
and no row of another village changed. The examples per test are bounded so that the suite stays fast on 2 cores.
"""

from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.utils import translation
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Few examples per test, no per-example deadline (the first request of a test warms caches and templates),
# and function-scoped fixtures are fine: each example only reads them or adds rows it checks itself.
HOSTILE = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
    derandomize=True,  # the same examples on every run: CI must not pass or fail by chance
)

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">点我</a>',
    "<svg onload=alert(1)><script>alert(2)</script></svg>",
    "<iframe src=//evil.example></iframe>",
    "' OR 1=1 --",
    '"; DROP TABLE residents_resident; --',
    "%00",
    "\x00",
    "a\x00b",
    "\ud800",  # a lone surrogate: not encodable as UTF-8
    "\u202eevil\u202c",  # right-to-left override
    "村务通مرحباשלום",  # mixed CJK, Arabic and Hebrew scripts
    "²",  # a digit to str.isdigit(), not to int()
    "١٢٣",  # Arabic-Indic digits
    "-1",
    "0",
    str(2**31),
    str(2**63),
    str(-(2**63) - 1),
    "9" * 40,
    "1e9",
    "NaN",
    "",
    " ",
    "x" * 100_000,
    "{{ 7*7 }}",
    "../../etc/passwd",
]

# One of each kind, for the loops that multiply payloads by many parameters or phases.
CORE_PAYLOADS = ["<svg onload=alert(1)>", "' OR 1=1 --", "\x00", "\ud800", "²", str(2**63), "-1", "", "x" * 3000]

# Text with control characters, surrogates, RTL marks and CJK of every block hypothesis likes.
hostile_text = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(min_size=0, max_size=300),
    st.text(alphabet=st.characters(codec=None, categories=["Cc", "Cs", "Cf", "Lo", "Nd", "No", "Sm"]), max_size=80),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
hostile_ints = st.one_of(
    st.sampled_from([-1, 0, 2**31, 2**31 - 1, 2**63 - 1, 2**63, 10**30]),
    st.integers(min_value=-(2**64), max_value=2**64),
)


def clean(value: str) -> str:
    """The value as a test client can send it: lone surrogates cannot be encoded, so they are replaced."""
    return value.encode("utf-8", "replace").decode("utf-8").replace("\x00", "")


def assert_no_5xx(response, what: str = "") -> None:
    assert response.status_code < 500, f"{what}: HTTP {response.status_code}"


class _ActiveMarkup(HTMLParser):
    """The elements and attributes a browser would act on: what is escaped (&lt;img onerror=…&gt;) is text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "svg", "object", "embed", "style"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")


def assert_no_script(*texts: str) -> None:
    for text in texts:
        parser = _ActiveMarkup()
        parser.feed(text or "")
        parser.close()
        assert not parser.found, f"stored script or handler {parser.found}: {text[:200]!r}"


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits live in the cache: hostile tests post many times, so each starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _wide_rate_limits(settings):
    """A test here posts hundreds of payloads: with the real limits most would get the 429 page and never reach
    the view under test. The limits themselves are tested in tests/*/test_rate_limits*.py."""
    settings.RATE_LIMITS = {
        scope: {kind: (100_000, window) for kind, (_limit, window) in limits.items()}
        for scope, limits in settings.RATE_LIMITS.items()
    }


@pytest.fixture(autouse=True)
def english_messages():
    with translation.override("en"):
        yield


def verified_resident(village, name: str):
    """A signed-up, verified resident of the village whose account name is `name`."""
    from django.contrib.auth import get_user_model

    from residents.models import Resident

    return Resident.objects.create(
        user=get_user_model().objects.create_user(name, password="changeme"),
        village=village,
        display_name=name,
        verification=Resident.Verification.VERIFIED,
    )
