"""The dashboard's entries from a real SQLite history: paging through the store, and the estimated OIT score
of runs stored before the history kept it (computed for the shown run when the pack's scoring is given, never
mixed into the ranking otherwise)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.dashboard import entries_from_store
from checker.dashboard.data import ranked
from checker.rules.schema import RulePack
from checker.store import site_key
from tests.dashboard.group import SITES, build_store, estimate_of


def test_entries_page_through_the_store(tmp_path: Path, pack: RulePack, monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.dashboard import entries as module

    monkeypatch.setattr(module, "PAGE", 4)  # 20 runs: five pages
    store = build_store(tmp_path / "h.db", pack)
    try:
        entries = {e.site: e for e in entries_from_store(store)}
    finally:
        store.close()
    assert len(entries) == len(SITES)
    assert [p.percent for p in entries[site_key("https://www.tambon-a.go.th/")].trend] == [46.5, 69.8, 93.0]


def test_runs_stored_without_an_estimate(tmp_path: Path, pack: RulePack) -> None:
    store = build_store(tmp_path / "h.db", pack)
    try:
        plain = {e.site: e for e in entries_from_store(store)}
        scored = {e.site: e for e in entries_from_store(store, scoring=pack.scoring)}
    finally:
        store.close()
    a, i = site_key("https://www.tambon-a.go.th/"), site_key("https://tambon-i.go.th/")
    old = plain[i]  # both its runs were stored without an estimate
    assert old.checked and old.estimate is None and old.grade is None and [p.estimate for p in old.trend] == [None] * 2
    # Ranked after every site with an estimate, though it passes more items than อบต.บ้านใหม่; never-checked last.
    names = [e.site for e in ranked(list(plain.values()))]
    assert names[-3:] == [site_key("https://www.tambon-c.go.th/"), i, site_key("https://tambon-f.go.th/")]
    assert plain[site_key("https://www.tambon-c.go.th/")].record.percent < old.record.percent
    # Given the pack's scoring, the shown run's estimate comes from its report; the earlier run stays without.
    assert (scored[i].estimate, scored[i].grade) == (estimate_of(pack, 9), "F")
    assert [p.estimate for p in scored[i].trend] == [None, estimate_of(pack, 9)]
    assert [e.site for e in ranked(list(scored.values()))][-3:] == [i, site_key("https://www.tambon-c.go.th/"),
                                                                     site_key("https://tambon-f.go.th/")]  # fmt: skip
    assert scored[a].estimate == plain[a].estimate == plain[a].record.estimate  # stored ones are used as they are
