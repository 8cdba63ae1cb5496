"""Backups of the whole database: SQLite through its online backup API, PostgreSQL through
pg_dump/pg_restore in the custom format. Both are safe while the server keeps running."""

import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from sqlalchemy.engine import URL, make_url


class BackupError(Exception):
    """The backup tool failed; the message is the tool's own."""


def backup(database_url: str, target: Path) -> Path:
    """Write a consistent copy of the database to ``target`` and return it."""
    url = make_url(database_url)
    target.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        _sqlite_copy(Path(url.database), target)
    else:
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={target}", f"--dbname={_libpq(url)}"])
    return target


def restore(database_url: str, source: Path) -> None:
    """Replace the database's contents with the backup in ``source``."""
    if not source.is_file():
        raise BackupError(f"Không tìm thấy tệp sao lưu {source}.")
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        _sqlite_copy(source, Path(url.database))
    else:
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={_libpq(url)}",
                str(source),
            ]
        )


def _sqlite_copy(source: Path, target: Path) -> None:
    """Page-by-page copy under SQLite's own locking: readers and writers of ``source`` may carry on."""
    with closing(sqlite3.connect(source)) as origin, closing(sqlite3.connect(target)) as destination:
        origin.backup(destination)


def _libpq(url: URL) -> str:
    """The SQLAlchemy URL as a libpq connection string (no driver suffix), password included."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _run(command: list[str]) -> None:
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    if finished.returncode != 0:
        raise BackupError(finished.stderr.strip() or f"{command[0]} exited with {finished.returncode}")
