from __future__ import annotations

import os
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


@pytest.fixture(scope="session")
def pack() -> RulePack:
    return loader.load("oit_2567")


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
