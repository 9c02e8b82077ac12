"""manage.py backup and restore: the restored database has the same rows and the same ballots, on SQLite and
on PostgreSQL (when DATABASE_URL points there). The data is committed for real: pg_dump reads it from outside."""

import sqlite3
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from backups import archive, manifest
from consultations import services
from consultations.models import Ballot, BallotBox, Option, Question
from tests.consultations.conftest import IN_VOTING

pytestmark = [
    pytest.mark.transactional,
    # serialized_rollback: the flush at the end would otherwise wipe the data migrations' rows for later tests.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _vote_a_little(make_question, make_resident) -> None:
    secret = make_question(mode=Question.Mode.SECRET, text="秘密投票")
    open_ = make_question(mode=Question.Mode.OPEN, text="公开投票")
    for question in (secret, open_):
        options = list(services.ensure_options(question))
        for number in range(3):
            services.cast_ballot(question, make_resident(), [options[number % 3].pk], now=IN_VOTING)
    # A changed open vote: the replaced ballot is kept and must survive the round trip too.
    voter = make_resident()
    yes, no = (Option.objects.get(question=open_, role=role).pk for role in ("yes", "no"))
    services.cast_ballot(open_, voter, [yes], now=IN_VOTING)
    services.cast_ballot(open_, voter, [no], now=IN_VOTING)


def _media(tmp_path):
    media = tmp_path / "media"
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "村规民约.pdf").write_bytes(b"%PDF-1.4 test")
    return media


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite round trip")
def test_sqlite_backup_restores_rows_ballots_and_media(tmp_path, make_question, make_resident):
    _vote_a_little(make_question, make_resident)
    live = manifest.live_manifest()
    # Five open ballots (one replaced); the secret ones are only in their ballot box.
    assert Ballot.objects.count() == 5 and BallotBox.objects.get(question__text="秘密投票").ballots == 3
    call_command("backup", output_dir=tmp_path / "backups", media_root=_media(tmp_path))
    (made,) = (tmp_path / "backups").glob("cunwu-*.tar.gz")
    saved = archive.read_manifest(made)
    assert saved["row_counts"] == live["row_counts"]
    assert saved["ballot_checksum"] == live["ballot_checksum"]
    assert saved["ballot_checksum"].startswith("9:")  # 2 boxes, 5 open ballots, 2 participation counts
    assert saved["media_files"] == 1

    target = tmp_path / "restored.sqlite3"
    restored_media = tmp_path / "restored-media"
    call_command("restore", made, database_url=f"sqlite:///{target}", media_root=restored_media)
    with sqlite3.connect(target) as copy:
        again = manifest.manifest_for(copy.cursor())
    assert again == live
    assert (restored_media / "documents" / "村规民约.pdf").read_bytes() == b"%PDF-1.4 test"

    # Never over an existing database.
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", made, database_url=f"sqlite:///{target}", media_root=restored_media)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite round trip")
def test_restore_refuses_a_tampered_archive(tmp_path, make_question, make_resident):
    _vote_a_little(make_question, make_resident)
    call_command("backup", output_dir=tmp_path, media_root=tmp_path / "none")
    (made,) = tmp_path.glob("cunwu-*.tar.gz")
    # Rewrite the archive with one ballot fewer in the database file.
    import tarfile

    work = tmp_path / "work"
    with tarfile.open(made) as tar:
        tar.extractall(work, filter="data")
    with sqlite3.connect(work / "database.sqlite3") as db:
        db.execute(f'DELETE FROM "{Ballot._meta.db_table}" WHERE replaced')  # noqa: S608
    with tarfile.open(made, "w:gz") as tar:
        for name in ("manifest.json", "database.sqlite3"):
            tar.add(work / name, arcname=name)
    with pytest.raises(CommandError, match="differs from the manifest"):
        call_command("restore", made, database_url=f"sqlite:///{tmp_path / 'x.sqlite3'}", media_root=tmp_path / "m")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL, pg_dump and pg_restore")
def test_postgresql_backup_restores_rows_and_ballots(tmp_path, make_question, make_resident):
    import psycopg

    _vote_a_little(make_question, make_resident)
    live = manifest.live_manifest()
    call_command("backup", output_dir=tmp_path, media_root=_media(tmp_path))
    (made,) = tmp_path.glob("cunwu-*.tar.gz")
    assert archive.read_manifest(made)["ballot_checksum"] == live["ballot_checksum"]

    settings_dict = connection.settings_dict
    name = f"restore_{uuid.uuid4().hex[:12]}"
    admin = psycopg.connect(
        dbname="postgres",
        host=settings_dict["HOST"] or None,
        port=settings_dict["PORT"] or None,
        user=settings_dict["USER"] or None,
        password=settings_dict["PASSWORD"] or None,
        autocommit=True,
    )
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        user = settings_dict["USER"]
        host = settings_dict["HOST"] or "localhost"
        port = settings_dict["PORT"] or 5432
        url = f"postgres://{user}@{host}:{port}/{name}"
        if settings_dict["PASSWORD"]:
            url = f"postgres://{user}:{settings_dict['PASSWORD']}@{host}:{port}/{name}"
        call_command("restore", made, database_url=url, media_root=tmp_path / "restored-media")
        restored = archive._open({**settings_dict, "NAME": name, "ENGINE": "django.db.backends.postgresql"})
        try:
            assert manifest.manifest_for(restored.cursor()) == live
        finally:
            restored.close()
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
