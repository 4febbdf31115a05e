"""A site's settings in one TOML file, so a cron line or CI job is just `oitcheck run site.toml`.

Every key is optional except `url`; flags given on the command line win over the file. Relative paths
(waivers, outputs.folder, history, a rules file) are relative to the config file, so the file and its
waivers can live together in a repository and be checked out anywhere. See docs/operations.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from checker.crawl.scope import BadURL, normalise_start_url
from checker.models import ItemStatus
from checker.operations import values
from checker.operations.sourcemap import read_mapping, validate
from checker.operations.thresholds import parse_fail_on

_BUDGETS = {
    "max_pages": values.max_pages,
    "max_documents": values.max_documents,
    "max_seconds": values.max_seconds,
    "concurrency": values.concurrency,
}


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Budgets(_Strict):
    """Checked by the same functions as the command-line flags (values.py), so both refuse the same values."""

    max_pages: int | None = None
    max_documents: int | None = None
    max_seconds: float | None = None
    concurrency: int | None = None

    @field_validator("max_pages", "max_documents", "max_seconds", "concurrency", mode="before")
    @classmethod
    def _bounded(cls, value: object, info: ValidationInfo) -> object:
        return None if value is None else _BUDGETS[str(info.field_name)](value)


class Outputs(_Strict):
    formats: list[str] | None = None  # ["html", "md", "json"] or "html,md,json"
    folder: str | None = None  # always a folder: oitcheck-report.<ext> for each format

    @field_validator("formats", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        return [v.strip() for v in value.split(",") if v.strip()] if isinstance(value, str) else value

    @field_validator("formats")
    @classmethod
    def _known(cls, value: list[str] | None) -> list[str] | None:
        from checker.report import FORMATS  # the registry other modules add to; read it when validating

        if value is not None:
            unknown = [v for v in value if v not in FORMATS]
            if unknown or not value:
                raise ValueError(f"unknown format {', '.join(unknown) or '[]'}; choose from {', '.join(FORMATS)}")
            value = list(dict.fromkeys(value))
        return value


class SiteConfig(_Strict):
    url: str
    name: str | None = None  # labels the exit line and the lock message (one cron log, many sites)
    year: int | None = None
    rules: str | None = None
    lang: Literal["th", "en"] | None = None
    render: Literal["auto", "always", "never"] | None = None
    budgets: Budgets = Budgets()
    waivers: str | None = None
    fail_on: list[ItemStatus] | None = None
    min_score: float | None = None
    allow_private: bool | None = None  # = --allow-private (checker/crawl/netpolicy.py)
    outputs: Outputs = Outputs()
    history: str | Literal[False] | None = None  # a path, or false for no history
    full_every_days: float | None = Field(default=None, ge=0, le=366)  # = --full-every (checker/rerun.py)

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        try:
            return normalise_start_url(value)
        except BadURL as exc:
            raise ValueError(str(exc)) from None

    @field_validator("year", mode="before")
    @classmethod
    def _buddhist_era(cls, value: object) -> object:
        return None if value is None else values.fiscal_year(value)

    @field_validator("min_score", mode="before")
    @classmethod
    def _percent(cls, value: object) -> object:
        return None if value is None else values.percent(value)

    @field_validator("fail_on", mode="before")
    @classmethod
    def _statuses(cls, value: object) -> object:
        if isinstance(value, str | list):
            return sorted(parse_fail_on(value))  # ValueError names the bad status
        return value


def load_config(path: Path) -> SiteConfig:
    """Read and validate `path`; relative paths in it become absolute (relative to the file)."""
    data, lines = read_mapping(path, "site config")
    config = validate(SiteConfig, data, lines, str(path))
    base = path.resolve().parent

    def rel(value: str | None) -> str | None:
        return None if value is None else str((base / Path(value).expanduser()).resolve())

    rules = config.rules
    if rules is not None and ("/" in rules or rules.endswith((".yaml", ".yml"))):
        rules = rel(rules)
    history = config.history
    if isinstance(history, str) and not history.lower().startswith(("postgresql://", "postgres://")):
        history = rel(history)
    return config.model_copy(
        update={
            "rules": rules,
            "waivers": rel(config.waivers),
            "history": history,
            "outputs": config.outputs.model_copy(update={"folder": rel(config.outputs.folder)}),
        }
    )
