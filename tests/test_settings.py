"""Production settings come from the environment and pass Django's deployment checks."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-for-the-test-only-0123456789abcdefghij",
    "ALLOWED_HOSTS": "cunwu.example.gov.cn",
    "CSRF_TRUSTED_ORIGINS": "https://cunwu.example.gov.cn",
    "PORTAL_BASE_URL": "https://cunwu.example.gov.cn",
    # Several app servers share cache, sessions and rate limits through Redis (check --deploy: portal.W003).
    "REDIS_URL": "redis://127.0.0.1:6379/11",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
    return subprocess.run(  # noqa: S603  (fixed argv, our own interpreter)
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}

    result = _manage("check", env=env)

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_check_deploy_is_clean():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_redis_url_switches_cache_and_sessions():
    script = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION'], s.SESSION_ENGINE)"
    )
    env = {**PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:6379/3", "DATABASE_URL": "postgres://u@db.example/vc"}
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}

    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], cwd=PROJECT_DIR, env={**clean, **env}, capture_output=True, text=True
    )

    assert result.stdout.split() == [
        "portal.rediscache.ReusingRedisCache",
        "redis://127.0.0.1:6379/3",
        "portal.sessions.cached_db",
    ], result.stderr


def test_production_static_files_are_hashed_and_compressed(tmp_path):
    result = _manage("collectstatic", "--noinput", "-v0", env={**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path)})

    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/portal.css"]
    assert hashed != "css/portal.css" and hashed.startswith("css/portal.")
    assert (tmp_path / hashed).exists() and (tmp_path / f"{hashed}.gz").exists()
