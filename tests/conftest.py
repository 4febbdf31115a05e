from __future__ import annotations

from pathlib import Path

import pytest

from checker.rules import loader
from checker.rules.schema import RulePack

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def pack() -> RulePack:
    return loader.load("oit_2567")


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
