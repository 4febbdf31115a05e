"""The exit-code rule for a run that reached the site, in one pure function so CI, cron and docs agree.

    exit 1  if some item has a status in --fail-on and no active waiver,
            or --min-score N is given and score.percent < N;
    exit 0  otherwise.

(Exit 3, the site could not be checked, and exit 2, usage errors, are decided before this rule.)
--fail-on defaults to every non-pass status; `--fail-on none` leaves only --min-score to decide.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.models import ITEM_STATUSES, ItemResult, ItemStatus, SiteReport

FAILING: tuple[ItemStatus, ...] = tuple(s for s in ITEM_STATUSES if s != "pass")
EXIT_OK, EXIT_FAILURES = 0, 1


def parse_fail_on(value: str | list[str]) -> frozenset[ItemStatus]:
    """`missing,outdated` (or a list); `all` = every non-pass status; `none` = no status fails the run."""
    names = [v.strip().lower() for v in (value.split(",") if isinstance(value, str) else value) if v.strip()]
    if names == ["none"]:
        return frozenset()
    if names == ["all"]:
        return frozenset(FAILING)
    unknown = [n for n in names if n not in FAILING]
    if unknown or not names:
        raise ValueError(
            f"unknown status {', '.join(unknown) or repr(value)}; choose from {', '.join(FAILING)}, or all, or none"
        )
    return frozenset(n for n in FAILING if n in names)


@dataclass(frozen=True)
class Gate:
    fail_on: frozenset[ItemStatus] = frozenset(FAILING)
    min_score: float | None = None


@dataclass(frozen=True)
class Decision:
    code: int
    failing: tuple[ItemResult, ...]  # unwaived items whose status is in fail_on
    waived: tuple[ItemResult, ...]  # items with a fail_on status that a waiver let through
    below_score: bool

    def explain(self, report: SiteReport, gate: Gate) -> str:
        """One line for logs: why the run exits as it does."""
        parts = []
        if self.failing:
            shown = ", ".join(f"{i.id} {i.status}" for i in self.failing[:8])
            more = f", … {len(self.failing) - 8} more" if len(self.failing) > 8 else ""
            parts.append(f"{len(self.failing)} item(s) fail ({shown}{more})")
        if self.below_score:
            parts.append(f"score {report.score.percent:.1f}% is below --min-score {gate.min_score:g}")
        if not parts:
            ok = f"score {report.score.percent:.1f}%" + (
                f" ≥ --min-score {gate.min_score:g}" if gate.min_score is not None else ""
            )
            waived = f"; {len(self.waived)} waived" if self.waived else ""
            return f"exit 0: no unwaived item with a --fail-on status; {ok}{waived}"
        return f"exit 1: {'; '.join(parts)}"


def decide(report: SiteReport, gate: Gate) -> Decision:
    counted = [i for i in report.items if i.status in gate.fail_on]
    failing = tuple(i for i in counted if i.waiver is None)
    waived = tuple(i for i in counted if i.waiver is not None)
    below = gate.min_score is not None and report.score.percent < gate.min_score
    return Decision(EXIT_FAILURES if failing or below else EXIT_OK, failing, waived, below)
