"""The order of an item's reasons: the most useful first.

The terminal, Markdown and JUnit reports lead with an item's first reason (a table cell, a failure message),
so it must be the one a clerk can act on: what decided the verdict, and when a person must look, the file or
link that could not be read, with its URL and why, before a generic "cannot confirm" line. Ordering is one
pure function over reason codes, applied before the list is cut to its maximum, so `reasons` and
`reason_codes` are in the same order (one is rendered from the other) and a stored run keeps it.
"""

from __future__ import annotations

from collections.abc import Sequence

from checker.models import Reason

# Most useful first. Codes of the same rank keep the order the evaluator found them in (sorting is stable).
PRIORITY: tuple[str, ...] = (
    # What decided the verdict, in the order the verdict is decided (evaluator.py).
    "placeholder",  # the item's row is there but its link is an empty "#": names the page to fix
    "missing",  # nothing on the site names the item
    "unreachable",  # the item's link does not open: its URL, why, and where it was found
    "outdated",  # the evidence is of an older year
    "outdated_span",  # the plan found does not cover the fiscal year
    "partial_half",  # the evidence does not cover the period the item needs
    "element_missing",  # a required element is surely absent
    "element_missing_as",  # the same, in the rule pack's own words
    # Why a person must look, the most specific first: these say which URL and why.
    "unreadable",  # a file that could not be read (damaged, password-protected, a scan without OCR …)
    "not_fetched",  # evidence that was not opened (off the site, robots.txt, the budget …)
    "evidence_cut",  # evidence read only in part
    "not_rendered",  # pages that need a browser, none available
    "eval_time",  # the time budget ran out before the item was judged
    "no_period",  # no year in the evidence (often because of one of the above)
    "element_unknown",  # an element not confirmed: generic, its cause is one of the above
    # Notes beside the verdict.
    "weak_period",  # the period was read from a weaker signal (a file date)
    "broken_extra",  # another link of the item does not open
)
_RANK = {code: rank for rank, code in enumerate(PRIORITY)}


def rank(code: str) -> int:
    """A code's place in PRIORITY; a code not listed goes after every listed one."""
    return _RANK.get(code, len(PRIORITY))


def order_reasons(reasons: Sequence[Reason]) -> list[Reason]:
    """The reasons most useful first (PRIORITY), otherwise in the order given."""
    return sorted(reasons, key=lambda r: rank(r.code))
