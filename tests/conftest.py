from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.rules import loader
from checker.rules.schema import RulePack
from tests.support.services import postgres_db, postgres_dsn, redis_url  # noqa: F401  (fixtures for every test)

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True, scope="session")
def _private_http_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """CLI runs in tests must not write to the user's ~/.cache, nor their run history and locks."""
    os.environ["OITCHECK_CACHE"] = str(tmp_path_factory.mktemp("cache") / "http-cache.db")
    os.environ["OITCHECK_HOME"] = str(tmp_path_factory.mktemp("oitcheck-home"))


LOCALE = {"OITCHECK_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "C.UTF-8"}


def _set_locale(mp: pytest.MonkeyPatch) -> None:
    for name, value in LOCALE.items():
        if value is None:
            mp.delenv(name, raising=False)
        else:
            mp.setenv(name, value)


@pytest.fixture(autouse=True, scope="session")
def _thai_locale_for_fixtures() -> Iterator[None]:
    """Module and session fixtures that run the CLI see the test locale too (see _thai_locale)."""
    with pytest.MonkeyPatch.context() as mp:
        _set_locale(mp)
        yield


@pytest.fixture(autouse=True)
def _thai_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same language on every machine: Thai, as for a user whose locale is C.UTF-8 and who sets no
    OITCHECK_LANG (checker/commands/lang.py: an en_US locale would make every default English). Reset for
    each test; a test that wants another language sets it itself."""
    _set_locale(monkeypatch)


@pytest.fixture(scope="session")
def pack() -> RulePack:
    return loader.load("oit_2567")


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
