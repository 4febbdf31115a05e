"""What `oitcheck serve` was told: the store, the engine, who may check what, and the limits."""

from __future__ import annotations

from dataclasses import dataclass, field

from limits import RateLimitItem, parse

from checker.rules.schema import RulePack
from checker.web.allow import AllowList

DEFAULT_RATE = "30/minute"  # checks one client may start: a clerk re-checking now and then, not a script
DEFAULT_QUEUE = 100  # checks that may wait; the 101st is told the queue is full, not silently dropped
MAX_BODY = 64 * 1024  # a form of two fields: anything bigger is refused before it is read


def parse_rate(text: str) -> RateLimitItem:
    """`30/minute`, `5 per second`, `100/hour` (the `limits` library's notation); ValueError otherwise."""
    return parse(text)


@dataclass
class WebConfig:
    store: str  # path of an SQLite file or postgresql://…
    pack: RulePack
    allow: AllowList
    argv: list[str] = field(default_factory=list)  # the check options every job gets (see commands/batch.py)
    years: tuple[int, ...] = ()  # fiscal years the form offers; the first is the default
    engine: str = "local"  # local | celery
    broker: str | None = None
    workers: int = 2
    queue: int = DEFAULT_QUEUE
    rate: str = DEFAULT_RATE
    allow_private: bool = False  # sites whose names resolve to private addresses may be checked
    token: str | None = None  # the group view's shared token (None: open)
    secret: str | None = None  # signs CSRF and sign-in cookies; None: a new one each start
    lang: str = "th"
    cache_dir: str | None = None

    def __post_init__(self) -> None:
        if not self.years:
            y = self.pack.fiscal_year
            self.years = (y, y + 1, y - 1)
