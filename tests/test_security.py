"""Security headers on every response, and the production settings that `check --deploy` looks at."""

import importlib
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[1]


def test_public_pages_have_a_strict_content_security_policy(client, village_page):
    response = client.get(village_page.url)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "object-src 'none'" in policy and "frame-ancestors 'self'" in policy
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_admin_policy_is_relaxed_only_for_inline_script_and_style(client, make_user):
    client.force_login(make_user("boss", is_superuser=True, is_staff=True))
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "object-src 'none'" in policy and "frame-ancestors 'self'" in policy


def test_no_template_has_inline_script_or_event_handlers():
    """The strict policy would block them: every script is a static file (there are none today)."""
    offenders = []
    for template in ROOT.glob("*/templates/**/*.html"):
        if ".venv" in template.parts:
            continue
        text = template.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)", text) or re.search(
            r"\son[a-z]+\s*=\s*[\"']", text
        ):
            offenders.append(str(template.relative_to(ROOT)))
        if "/admin/" not in str(template) and re.search(r'\sstyle="', text):
            offenders.append(str(template.relative_to(ROOT)))
    assert offenders == []


def test_production_settings_are_secure(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    import portal.settings.base as base

    # Fresh modules read the environment again; Django's own settings were copied at start-up and stay.
    importlib.reload(base)
    import portal.settings.production as production

    production = importlib.reload(production)
    assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE
    assert production.SECURE_HSTS_SECONDS >= 31536000
    assert production.SECURE_CONTENT_TYPE_NOSNIFF
    assert production.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert "django_tasks_db" in production.INSTALLED_APPS
    assert production.ACCOUNT_RATE_LIMITS["login_failed"]
