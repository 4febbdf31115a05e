"""What the crawl read, and what it did not and why, in the reader's words: the same lines in the terminal,
HTML and Markdown reports.

A clerk reads coverage to know how far to trust the verdicts, so it says how many pages and documents were
read, then only what was *not* read, each with its reason; nothing else. A count of zero is not said, and
unused budget (`Coverage.pages_left`) is never shown: 351 pages of budget left on a 49-page site is not 351
pages missed. When nothing on the site was left unread, one line says so. Links to other sites and what the
network policy kept out (checker/report/fences.py) follow as notes: they are not the site's pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.i18n import t
from checker.models import Coverage, RunInfo
from checker.report.fences import elsewhere_lines, refused_line


@dataclass(frozen=True)
class CoverageWords:
    read: str  # pages and documents read, and how long it took
    gaps: tuple[str, ...]  # what on the site was not read, one line per reason, the most consequential first
    notes: tuple[str, ...]  # links to other sites not followed, redirects off the site, scripts blocked
    run: str = ""  # which kind of run made the verdicts (checker/rerun.py), when a cache made it matter

    @property
    def complete(self) -> bool:
        """Nothing on the site was left unread."""
        return not self.gaps

    def lines(self, lang: str) -> list[str]:
        """Every line in reading order: what was read, then what was not (or that nothing was missed)."""
        head = [self.run] if self.run else []
        return [*head, self.read, *(self.gaps or (t("cov_all_read", lang),)), *self.notes]


def coverage_words(cov: Coverage, lang: str) -> CoverageWords:
    """The coverage of a crawl as a clerk reads it (see the module's docstring)."""
    cache = t("cov_read_cache", lang, n=cov.from_cache) if cov.from_cache else ""
    read = t("cov_read", lang, pages=cov.pages_fetched, pages_s=_s(cov.pages_fetched), documents=cov.documents_fetched,
             documents_s=_s(cov.documents_fetched), cache=cache, seconds=f"{cov.seconds:.0f}")  # fmt: skip
    run = run_line(cov.run, lang) if cov.run is not None else ""
    return CoverageWords(read=read, gaps=tuple(gap_lines(cov, lang)), notes=tuple(note_lines(cov, lang)), run=run)


def run_line(run: RunInfo, lang: str) -> str:
    """An evidence run says whose verdicts stand and until when; a full crawl says why it crawled in full."""
    from checker.report.html import when  # the report's way of saying a time (html imports this module)

    at = when(run.full_crawl_at, lang) if run.full_crawl_at else "?"
    following = t("run_next", lang, at=when(run.next_full_at, lang)) if run.next_full_at else ""
    if run.kind == "evidence":
        return t("run_evidence", lang, n=run.revalidated, at=at, next=following)
    if run.why == "changed":
        first = run.changed[0] if run.changed else ""
        return t("run_changed", lang, n=len(run.changed), total=run.revalidated, first=first, next=following)
    return t(f"run_full_{run.why}", lang, next=following)


def gap_lines(cov: Coverage, lang: str) -> list[str]:
    """What on the site was not read, and why: the budget first (verdicts may be incomplete), then what a
    person can open by hand, then what the crawl chose not to open."""
    lines = []
    if cov.skipped_budget:
        if cov.budget_exhausted:
            what = t(f"budget_{cov.budget_exhausted}", lang)
            lines.append(t("cov_gap_budget", lang, n=cov.skipped_budget, s=_s(cov.skipped_budget), what=what))
        else:
            lines.append(t("cov_gap_unreached", lang, n=cov.skipped_budget, s=_s(cov.skipped_budget)))
    if cov.not_rendered:
        lines.append(t("not_rendered", lang, n=len(cov.not_rendered), first=cov.not_rendered[0]))
    if cov.cut_bodies:
        url, why = next(iter(cov.cut_bodies.items()))
        lines.append(t("cut_line", lang, n=len(cov.cut_bodies), first=url, why=t(f"cut_{why}", lang)))
    counted = (
        ("cov_gap_failed", cov.failed),
        ("cov_gap_circuit", cov.skipped_circuit),
        ("cov_gap_robots", cov.skipped_robots),
        ("cov_gap_depth", cov.skipped_depth),
        ("cov_gap_trap", cov.skipped_trap),
        ("cov_gap_settled", cov.skipped_settled),
    )
    lines += [t(key, lang, n=n, s=_s(n)) for key, n in counted if n]
    refused = refused_line(cov, lang)
    return [*lines, refused] if refused is not None else lines


def note_lines(cov: Coverage, lang: str) -> list[str]:
    """Other sites: links not followed, redirects off the site, scripts' calls blocked."""
    n = cov.external_links
    external = [t("cov_external", lang, n=n, s=_s(n))] if n else []
    return external + elsewhere_lines(cov, lang)


def _s(n: int) -> str:
    """The English plural ending for a count (Thai nouns do not inflect; its messages leave it out)."""
    return "" if n == 1 else "s"
