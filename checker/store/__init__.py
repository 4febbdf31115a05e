"""Run history: every check is kept so the next one can say what changed (design.md, "store")."""

from checker.store.base import RunRecord, Store, StoreError, default_history_path, site_key, summarise
from checker.store.diff import change_kind, choose_pair, diff_reports, previous_run, trend
from checker.store.memory import MemoryStore
from checker.store.open import describe_store, open_store
from checker.store.sqlite import SCHEMA_VERSION, SqliteStore

__all__ = [
    "SCHEMA_VERSION",
    "MemoryStore",
    "RunRecord",
    "SqliteStore",
    "Store",
    "StoreError",
    "change_kind",
    "choose_pair",
    "default_history_path",
    "describe_store",
    "diff_reports",
    "open_store",
    "previous_run",
    "site_key",
    "summarise",
    "trend",
]
