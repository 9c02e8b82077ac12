"""Backup archives: one consistent database dump, the media files, and a manifest to check a restore against.

PostgreSQL: pg_dump runs inside a snapshot exported from a REPEATABLE READ transaction, and the manifest's row
counts and ballot checksum are read in that same transaction, so they describe exactly what was dumped.
SQLite: the online backup API copies the database page by page while it stays in use; the manifest is read
from the copy. A restore goes into an empty database only and is checked against the manifest afterwards.
"""

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.db import connection, transaction

from . import manifest as manifests

FORMAT = 1
DB_FILES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """Something a backup or restore cannot do, said plainly for the operator."""


def _pg_env(db: dict) -> dict:
    env = {**os.environ}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    return env


def _need(program: str) -> str:
    path = shutil.which(program)
    if path is None:
        raise BackupError(f"{program} is not installed (Debian: apt-get install postgresql-client).")
    return path


def _dump_postgresql(target: Path) -> dict:
    db = settings.DATABASES["default"]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        command = [_need("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}"]
        result = subprocess.run(  # noqa: S603 (fixed program, arguments from settings)
            [*command, f"--file={target}", db["NAME"]], env=_pg_env(db), capture_output=True, text=True
        )
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        return manifests.manifest_for(cursor)


def _dump_sqlite(target: Path) -> dict:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        return manifests.manifest_for(copy.cursor())
    finally:
        copy.close()


def create_backup(directory: Path, *, media_root: Path | None = None) -> Path:
    """Write ``cunwu-<time>.tar.gz`` into ``directory`` and return its path. The archive appears only when whole."""
    vendor = connection.vendor
    if vendor not in DB_FILES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    media_root = Path(media_root or settings.MEDIA_ROOT)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S-%f")
    final = directory / f"cunwu-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory(dir=directory) as work:
        db_file = Path(work) / DB_FILES[vendor]
        figures = _dump_postgresql(db_file) if vendor == "postgresql" else _dump_sqlite(db_file)
        media_files = [p for p in media_root.rglob("*") if p.is_file()] if media_root.is_dir() else []
        manifest = {
            "format": FORMAT,
            "created": datetime.datetime.now(datetime.UTC).isoformat(),
            "engine": vendor,
            "media_files": len(media_files),
            **figures,
        }
        partial = Path(work) / "archive.tar.gz"
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            info.mtime = int(datetime.datetime.now(datetime.UTC).timestamp())
            with tempfile.SpooledTemporaryFile() as buffer:
                buffer.write(data)
                buffer.seek(0)
                tar.addfile(info, buffer)
            tar.add(db_file, arcname=db_file.name)
            for path in media_files:
                tar.add(path, arcname=f"media/{path.relative_to(media_root).as_posix()}")
        os.replace(partial, final)
    return final


def read_manifest(archive: Path) -> dict:
    with tarfile.open(archive, "r:gz") as tar:
        member = tar.extractfile("manifest.json")
        if member is None:
            raise BackupError("The archive has no manifest.json.")
        return json.load(member)


def _target(database_url: str | None) -> dict:
    if database_url:
        return dj_database_url.parse(database_url)
    return dict(settings.DATABASES["default"])


def _engine(db: dict) -> str:
    return "postgresql" if "postgresql" in db["ENGINE"] else "sqlite" if "sqlite" in db["ENGINE"] else db["ENGINE"]


def _pg_connect(db: dict):
    import psycopg

    return psycopg.connect(
        dbname=db["NAME"],
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        autocommit=True,
    )


def _open(db: dict):
    """A DB-API connection to the target database, outside Django's connection handling."""
    if _engine(db) == "postgresql":
        return _pg_connect(db)
    return sqlite3.connect(db["NAME"])


def _is_empty(conn, engine: str) -> bool:
    cursor = conn.cursor()
    if engine == "postgresql":
        cursor.execute("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'")
    else:
        cursor.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'")
    return cursor.fetchone()[0] == 0


def restore_backup(archive: Path, *, database_url: str | None = None, media_root: Path | None = None) -> dict:
    """Restore ``archive`` into an empty database and the media folder; returns the checked manifest."""
    manifest = read_manifest(archive)
    db = _target(database_url)
    engine = _engine(db)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown archive format {manifest.get('format')!r}.")
    if manifest["engine"] != engine:
        raise BackupError(f"The archive holds a {manifest['engine']} database; the target is {engine}.")
    conn = _open(db)
    try:
        if not _is_empty(conn, engine):
            raise BackupError(f"The target database {db['NAME']} is not empty; restore only into an empty one.")
    finally:
        conn.close()
    media_root = Path(media_root or settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as work, tarfile.open(archive, "r:gz") as tar:
        tar.extractall(work, filter="data")
        db_file = Path(work) / DB_FILES[engine]
        if engine == "postgresql":
            command = [_need("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
            result = subprocess.run(  # noqa: S603
                [*command, f"--dbname={db['NAME']}", str(db_file)], env=_pg_env(db), capture_output=True, text=True
            )
            if result.returncode != 0:
                raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
        else:
            source, target = sqlite3.connect(db_file), sqlite3.connect(db["NAME"])
            try:
                source.backup(target)
            finally:
                source.close()
                target.close()
        media = Path(work) / "media"
        if media.is_dir():
            shutil.copytree(media, media_root, dirs_exist_ok=True)
    check = _open(db)
    try:
        found = manifests.manifest_for(check.cursor())
    finally:
        check.close()
    if found["row_counts"] != manifest["row_counts"] or found["ballot_checksum"] != manifest["ballot_checksum"]:
        differing = sorted(t for t in manifest["row_counts"] if manifest["row_counts"][t] != found["row_counts"].get(t))
        raise BackupError(f"The restored database differs from the manifest: {differing or 'ballot checksum'}.")
    return manifest
