"""One `--store` value for every command: a PostgreSQL address, or the path of a SQLite file."""

from __future__ import annotations

from pathlib import Path

from checker.store.base import Store

_SCHEMES = ("postgresql://", "postgres://")


def is_postgres(spec: str | Path) -> bool:
    """Whether `spec` names a PostgreSQL database (`postgresql://…` or `postgres://…`) rather than a file."""
    return isinstance(spec, str) and spec.lower().startswith(_SCHEMES)


def open_store(spec: str | Path) -> Store:
    """PostgresStore for a PostgreSQL address, else SqliteStore for the path. StoreError if it cannot be used."""
    if is_postgres(spec):
        from checker.store.postgres import PostgresStore  # psycopg only for those who use it

        return PostgresStore(str(spec))
    from checker.store.sqlite import SqliteStore

    return SqliteStore(Path(spec))


def describe_store(spec: str | Path) -> str:
    """The store for messages: the address without its password, or the path."""
    if is_postgres(spec):
        from checker.store.postgres import redact_dsn

        return redact_dsn(str(spec))
    return str(spec)
