"""The web application's reads of the run history, on one thread of their own.

SQLite connections belong to the thread that opened them and PostgreSQL's are not shared between threads
either, so every read runs on a single-thread executor that opens the store once (and again after an error).
The group view reads every site's report, so it is built once per state of the store (the newest run id) and
kept until a run is added.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from typing import TypeVar

from checker.dashboard import SiteEntry, entries_from_store
from checker.rules.schema import RulePack
from checker.store import Store, StoreError

T = TypeVar("T")


class Reader:
    def __init__(self, store_spec: str) -> None:
        self.store_spec = store_spec
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="oitcheck-web-store")
        self._store: Store | None = None
        self._group: dict[tuple[str, int | None], tuple[int, list[SiteEntry]]] = {}

    def _open(self) -> Store:
        if self._store is None:
            from checker.store.open import open_store

            self._store = open_store(self.store_spec)
        return self._store

    def _call(self, fn: Callable[[Store], T]) -> T:
        try:
            return fn(self._open())
        except StoreError:
            if self._store is not None:  # open again next time: the database may be back
                with suppress(Exception):
                    self._store.close()
                self._store = None
            raise

    async def call(self, fn: Callable[[Store], T]) -> T:
        """Run `fn(store)` on the store's thread; StoreError when the history cannot be read."""
        return await asyncio.get_running_loop().run_in_executor(self._pool, self._call, fn)

    async def group(self, pack: RulePack | None, year: int | None) -> list[SiteEntry]:
        """The dashboard's entries for the pack's runs in `year` (None: the newest run's year)."""
        ruleset = pack.id if pack is not None else None

        def read(store: Store) -> list[SiteEntry]:
            newest = store.runs(ruleset=ruleset, fiscal_year=year, limit=1)
            if not newest:
                return []
            key = (newest[0].ruleset, newest[0].fiscal_year if year is None else year)
            cached = self._group.get(key)
            if cached is not None and cached[0] == newest[0].id:
                return cached[1]
            scoring = pack.scoring if pack is not None and pack.id == newest[0].ruleset else None
            entries = entries_from_store(store, ruleset=key[0], fiscal_year=newest[0].fiscal_year, scoring=scoring)
            self._group = {key: (newest[0].id, entries)}  # one group kept: memory stays bounded
            return entries

        return await self.call(read)

    def close(self) -> None:
        def shut(_: Store) -> None:
            if self._store is not None:
                self._store.close()
                self._store = None

        if self._store is not None:
            with suppress(Exception):
                self._pool.submit(self._call, shut).result(timeout=5)
        self._pool.shutdown(wait=False)
