"""A static dashboard for a group of sites (a province's local governments): totals, a ranking with filters,
a sites × items heat-map, the most common failures and each site's trend, written from the run history as
one self-contained folder (docs/dashboard.md)."""

from checker.dashboard.entries import SiteEntry, TrendPoint, entries_from_store
from checker.dashboard.page import render_dashboard, write_dashboard

__all__ = ["SiteEntry", "TrendPoint", "entries_from_store", "render_dashboard", "write_dashboard"]
