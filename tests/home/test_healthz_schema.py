"""/healthz answers ok only while the schema answers: a removed SQLite file or missing tables are a 503."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from home.views import HEALTH_TABLES

PROJECT_DIR = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_a_removed_sqlite_file_is_not_healthy(tmp_path):
    """SQLite makes a new empty file where the old one was removed: the connection works, the schema is gone."""
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz'); print(r.status_code, r.content.decode())"
    )
    database = tmp_path / "removed.sqlite3"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test", "DATABASE_URL": f"sqlite:///{database}"}
    result = subprocess.run(  # noqa: S603  (fixed argv, our own interpreter)
        [sys.executable, "-c", script], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=60
    )

    status, body = result.stdout.strip().split(" ", 1)
    assert status == "503", result.stderr[-2000:]
    assert json.loads(body) == {"status": "unavailable", "database": "schema missing"}


@pytest.mark.django_db
@pytest.mark.parametrize("table", HEALTH_TABLES)
def test_a_missing_table_is_not_healthy(client, table):
    # Inside the test's transaction, rolled back afterwards (DDL is transactional on SQLite and PostgreSQL).
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {connection.ops.quote_name(table)} RENAME TO healthz_gone")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "schema missing"
