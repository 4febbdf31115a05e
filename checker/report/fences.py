"""What the network policy kept the checker from (checker/crawl/netpolicy.py), in the reader's words: the same
lines in every format, so a clerk learns that a link leads elsewhere and a reviewer that nothing leaked."""

from __future__ import annotations

from checker.i18n import t
from checker.models import Coverage


def refused_line(cov: Coverage, lang: str) -> str | None:
    """The site's links the policy did not connect to (a name that points to a private address …): not read."""
    if not cov.refused:
        return None
    first, why = next(iter(cov.refused.items()))
    return t("cov_refused", lang, n=len(cov.refused), first=first, why=why)


def elsewhere_lines(cov: Coverage, lang: str) -> list[str]:
    """Other sites: the site's links that redirected off it (not followed), rendered scripts' calls blocked."""
    lines = []
    if cov.off_site_redirects:
        first, target = next(iter(cov.off_site_redirects.items()))
        lines.append(t("cov_off_site", lang, n=len(cov.off_site_redirects), first=first, target=target))
    if cov.blocked_hosts:
        host = max(cov.blocked_hosts, key=lambda h: cov.blocked_hosts[h])
        lines.append(t("cov_blocked", lang, n=sum(cov.blocked_hosts.values()), host=host))
    return lines
