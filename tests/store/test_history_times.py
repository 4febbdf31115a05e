"""`oitcheck history` and `oitcheck diff` print times as the reports do: Thai time (UTC+7), and say so.

Found by a clerk: the report said 10:00 and `history` said 03:00 (UTC, or whatever the server's zone was) for
the same run, with nothing to tell which clock either used. The JSON output keeps ISO times with their offset.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.cli import main
from checker.commands.present import change_lines, when, when_labelled
from checker.models import Changes, Score
from checker.store.sqlite import SqliteStore
from tests.store.reports import make_report

FIRST = "2024-01-01T03:00:00+00:00"  # 10:00 in Thailand
SECOND = "2024-01-01T20:30:00+00:00"  # 03:30 the next day in Thailand


@pytest.fixture
def far_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's own zone is neither UTC nor Thailand's: it must not matter."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def history(tmp_path: Path) -> Path:
    db = tmp_path / "history.db"
    store = SqliteStore(db)
    try:
        store.save(make_report({"O1": "missing", "O2": "pass"}, started_at=FIRST))
        store.save(make_report({"O1": "pass", "O2": "pass"}, started_at=SECOND))
    finally:
        store.close()
    return db


@pytest.mark.usefixtures("far_zone")
def test_a_stored_time_is_shown_in_thai_time_whatever_the_machines_zone() -> None:
    assert when(FIRST) == "2024-01-01 10:00"
    assert when(SECOND) == "2024-01-02 03:30"  # the date moves with the zone
    assert when("2024-01-01T03:00:00") == "2024-01-01 10:00"  # a time without a zone was stored as UTC
    assert when("not a time") == "not a time"
    assert when_labelled(FIRST, "th") == "2024-01-01 10:00 เวลาไทย"
    assert when_labelled(FIRST, "en") == "2024-01-01 10:00 ICT"


@pytest.mark.usefixtures("far_zone")
@pytest.mark.parametrize(
    ("lang", "header", "word"), [("th", "เวลา (ไทย)", "เวลาไทย"), ("en", "When (ICT, UTC+7)", "ICT")]
)
def test_history_and_diff_label_thai_time(
    history: Path, capsys: pytest.CaptureFixture[str], lang: str, header: str, word: str
) -> None:
    assert main(["history", "--history", str(history), "--lang", lang]) == 0
    listing = capsys.readouterr().out
    assert header in listing.splitlines()[1]  # the header row (line 0 holds the score headers' first lines)
    assert "2024-01-02 03:30" in listing and "2024-01-01 10:00" in listing
    assert main(["diff", "--history", str(history), "--lang", lang]) == 0
    heading = capsys.readouterr().out.splitlines()[0]
    assert f"2024-01-01 10:00 {word}" in heading and f"2024-01-02 03:30 {word}" in heading


def test_the_json_output_keeps_iso_times_with_their_offset(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", "--history", str(history), "--format", "json"]) == 0
    assert [r["started_at"] for r in json.loads(capsys.readouterr().out)] == [SECOND, FIRST]
    assert main(["diff", "--history", str(history), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["from"]["started_at"], data["to"]["started_at"]) == (FIRST, SECOND)


@pytest.mark.parametrize(("lang", "word"), [("th", "เวลาไทย"), ("en", "ICT")])
def test_the_check_commands_change_line_says_thai_time(history: Path, lang: str, word: str) -> None:
    store = SqliteStore(history)
    try:
        before = store.runs()[1]
    finally:
        store.close()
    report = make_report({"O1": "pass", "O2": "pass"}, started_at=SECOND)
    changes = Changes(previous_started_at=FIRST, previous_score=Score(passed=1, total=2, percent=50.0), items=[])
    line = change_lines(report.model_copy(update={"changes": changes}), before, 2, lang)[0]
    assert f"2024-01-01 10:00 {word}" in line
