"""What the network policy kept the checker from (checker/crawl/netpolicy.py), in the reader's words: the same
lines in every format, so a clerk learns that a link leads elsewhere and a reviewer that nothing leaked."""

from __future__ import annotations

from checker.i18n import t
from checker.models import Coverage


def fence_lines(cov: Coverage, lang: str) -> list[str]:
    """One line per kind of refusal that happened (redirects off the site, refused addresses, blocked scripts)."""
    lines = []
    if cov.off_site_redirects:
        first, target = next(iter(cov.off_site_redirects.items()))
        lines.append(t("cov_off_site", lang, n=len(cov.off_site_redirects), first=first, target=target))
    if cov.refused:
        first, why = next(iter(cov.refused.items()))
        lines.append(t("cov_refused", lang, n=len(cov.refused), first=first, why=why))
    if cov.blocked_hosts:
        host = max(cov.blocked_hosts, key=lambda h: cov.blocked_hosts[h])
        lines.append(t("cov_blocked", lang, n=sum(cov.blocked_hosts.values()), host=host))
    return lines
