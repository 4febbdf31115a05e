"""diff_reports and the choice of runs to compare: pure logic, tested on the in-memory store."""

from __future__ import annotations

import pytest

from checker.store import MemoryStore, StoreError, choose_pair, diff_reports, previous_run
from tests.store.reports import make_report


def test_every_kind_of_change() -> None:
    before = make_report(
        {"O1": "pass", "O2": "missing", "O3": "review", "O4": "pass", "O9": "missing"},
        started_at="2024-01-01T02:00:00+00:00",
    )
    after = make_report({"O1": "incomplete", "O2": "pass", "O3": "outdated", "O4": "pass", "O5": "missing"})
    changes = diff_reports(before, after)
    assert [(c.id, c.before, c.after, c.kind) for c in changes.items] == [
        ("O1", "pass", "incomplete", "regressed"),
        ("O2", "missing", "pass", "fixed"),
        ("O3", "review", "outdated", "changed"),
        ("O4", "pass", "pass", "unchanged"),
        ("O5", None, "missing", "new"),
    ]  # O9, dropped from the pack, is not listed: nothing to act on
    assert changes.previous_started_at == "2024-01-01T02:00:00+00:00"
    assert changes.previous_score == before.score


def test_identical_reports_change_nothing() -> None:
    report = make_report({"O1": "pass", "O2": "missing"})
    assert {c.kind for c in diff_reports(report, report).items} == {"unchanged"}


def test_previous_run_is_the_last_checked_run_of_the_same_site_pack_and_year() -> None:
    store = MemoryStore()
    good = store.save(make_report({"O1": "pass"}, url="https://www.a.go.th/"))
    store.save(make_report({"O1": "pass"}, url="http://b.go.th/"))
    store.save(make_report({"O1": "pass"}, url="a.go.th", year=2568))
    store.save(make_report({"O1": "pass"}, url="a.go.th", ruleset="custom"))
    store.save(make_report({"O1": "unreachable"}, url="a.go.th"), site_error=True)  # a night the site was down
    found = previous_run(store, make_report({"O1": "pass"}, url="http://a.go.th/"))
    assert found is not None and found.id == good
    assert previous_run(store, make_report({"O1": "pass"}, url="http://c.go.th/")) is None


def test_choose_pair_defaults_to_the_last_two_runs() -> None:
    store = MemoryStore()
    one = store.save(make_report({"O1": "pass"}, url="a.go.th"))
    two = store.save(make_report({"O1": "pass"}, url="a.go.th"))
    store.save(make_report({"O1": "unreachable"}, url="a.go.th"), site_error=True)
    three = store.save(make_report({"O1": "missing"}, url="a.go.th"))
    pair = choose_pair(store, "a.go.th")
    assert (pair[0].id, pair[1].id) == (two, three)
    assert [r.id for r in choose_pair(store)] == [two, three]  # one site stored: no need to name it
    assert [r.id for r in choose_pair(store, to_id=two)] == [one, two]
    assert [r.id for r in choose_pair(store, from_id=one)] == [one, three]
    assert [r.id for r in choose_pair(store, from_id=three, to_id=one)] == [three, one]


def test_choose_pair_says_why_it_cannot() -> None:
    store = MemoryStore()
    with pytest.raises(StoreError, match="history is empty"):
        choose_pair(store)
    only = store.save(make_report({"O1": "pass"}, url="a.go.th"))
    with pytest.raises(StoreError, match="only one run"):
        choose_pair(store, "a.go.th")
    with pytest.raises(StoreError, match="no later run"):
        choose_pair(store, from_id=only)
    store.save(make_report({"O1": "pass"}, url="b.go.th"))
    with pytest.raises(StoreError, match=r"several sites; name one: a\.go\.th, b\.go\.th"):
        choose_pair(store)
    with pytest.raises(StoreError, match=r"no stored run of c\.go\.th"):
        choose_pair(store, "c.go.th")
    with pytest.raises(StoreError, match="no run 42"):
        choose_pair(store, to_id=42)
