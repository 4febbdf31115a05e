"""What the terminal report (and the Markdown one) shows first: the estimated OIT score, then what to fix first,
then what a person must check, before the 43-row checklist.

A clerk at an 80-column terminal reads the top of the output: the fix list (checker/report/fixes.py `plan`)
in its order, each fix as its item, status, the points it adds, how hard it is and one sentence saying what
to do. That sentence names the file or page to act on by its path, so it is wrapped and never cut: a path
longer than a line folds onto the next line whole, no "…" hides a file name.

`fix_first_words` puts the plan into words once (pure, no rich); `fix_first_renderables` lays them out for
rich (terminal and `-f table` files); markdown.py lays the same words out as Markdown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.console import RenderableType
from rich.padding import Padding
from rich.text import Text

from checker.i18n import t
from checker.models import ItemStatus, SiteReport
from checker.report.fixes import Fix, plan
from checker.report.fixwords import fw
from checker.report.thaiwrap import Wrapped
from checker.rules.scoring import Scoring, grade

INDENT = 4  # the action sentence hangs under its item: "12. O22 …" then four spaces

WORDS: dict[str, dict[str, str]] = {
    "estimate": {
        "th": "คะแนน OIT โดยประมาณ {score} ({grade}) · แก้ครบทุกข้อด้านล่างได้ {reachable} ({reachable_grade})",
        "en": "Estimated OIT score {score} ({grade}) · {reachable} ({reachable_grade}) once every fix below is made",
    },
    "estimate_only": {"th": "คะแนน OIT โดยประมาณ {score} ({grade})", "en": "Estimated OIT score {score} ({grade})"},
    "fix_first": {
        "th": "แก้ก่อน: {n} ข้อ งานที่แก้ได้เร็วก่อน แล้วตามคะแนนที่ได้เพิ่ม",
        "en": "Fix first: {n} item{s}, quick fixes first, then by the points each adds",
    },
    "fix_none": {"th": "แก้ก่อน: ไม่มีข้อที่ต้องแก้", "en": "Fix first: nothing to fix"},
    "to_check": {
        "th": "ตรวจด้วยตนเอง: {n} ข้อ นับเป็นไม่ผ่านจนกว่าจะมีคนเปิดดู",
        "en": "Check by hand: {n} item{s}, counted as not passed until a person has looked",
    },
    "at_stake": {"th": "{points} คะแนนถ้าผ่าน", "en": "{points} points if it passes"},
    "checklist": {"th": "ผลตรวจรายข้อ", "en": "Every item"},
}


def tw(key: str, lang: str, **kwargs: Any) -> str:
    """The message `key` in `lang` (Thai when missing), formatted."""
    entry = WORDS[key]
    text = entry.get(lang) or entry["th"]
    return text.format(**kwargs) if kwargs else text


@dataclass(frozen=True)
class Entry:
    """One line of the fix list or of the items to check, in words."""

    item: str
    status: ItemStatus
    points: str  # "+2.50" for a fix; "5.00 points if it passes" for an item to check
    effort: str  # "quick fix" …; "" for an item to check
    action: str  # what to do, paths whole


@dataclass(frozen=True)
class FixFirstWords:
    estimate: str  # the estimate line
    fixes_heading: str
    fixes: tuple[Entry, ...]
    checks_heading: str  # "" when there is nothing to check
    checks: tuple[Entry, ...]


def fix_first_words(
    report: SiteReport, lang: str, scoring: Scoring, titles: Mapping[str, str] | None = None
) -> FixFirstWords:
    """The fix-first part of a report in `lang`: the plan of checker/report/fixes.py in words."""
    p = plan(report, scoring, lang, dict(titles or {}))
    score, reachable = f"{p.estimate.score:.2f}", f"{p.reachable:.2f}"
    if p.fixes:
        estimate = tw("estimate", lang, score=score, grade=p.estimate.grade, reachable=reachable,
                      reachable_grade=grade(p.reachable, scoring))  # fmt: skip
        heading = tw("fix_first", lang, n=len(p.fixes), s=_s(len(p.fixes)))
    else:
        estimate = tw("estimate_only", lang, score=score, grade=p.estimate.grade)
        heading = tw("fix_none", lang)
    checks = tuple(_entry(f, tw("at_stake", lang, points=f"{f.points:.2f}"), "") for f in p.to_check)
    return FixFirstWords(
        estimate=estimate,
        fixes_heading=heading,
        fixes=tuple(_entry(f, f"+{f.points:.2f}", fw(f"effort_{f.effort}", lang)) for f in p.fixes),
        checks_heading=tw("to_check", lang, n=len(checks), s=_s(len(checks))) if checks else "",
        checks=checks,
    )


def _s(n: int) -> str:
    """The English plural ending (Thai nouns do not inflect: its messages leave `{s}` out)."""
    return "" if n == 1 else "s"


def _entry(fix: Fix, points: str, effort: str) -> Entry:
    return Entry(fix.item, fix.status, points, effort, fix.action)


def fix_first_renderables(
    words: FixFirstWords, lang: str, marks: Mapping[str, tuple[str, str]]
) -> list[RenderableType]:
    """The estimate, the numbered fix list and the items to check, for rich. Each entry is a head line
    (number, item, status, points, effort) and its action below it, indented and wrapped (thaiwrap.py): at
    spaces and between Thai words, a path longer than the line broken across lines but never shortened."""
    parts: list[RenderableType] = [Wrapped(words.estimate, "bold"), Text("")]
    parts.append(Wrapped(words.fixes_heading, "bold underline"))
    parts += _entries(words.fixes, lang, marks, numbered=True)
    if words.checks:
        parts += [Text(""), Wrapped(words.checks_heading, "bold underline")]
        parts += _entries(words.checks, lang, marks, numbered=False)
    parts.append(Text(""))
    return parts


def _entries(
    entries: Iterable[Entry], lang: str, marks: Mapping[str, tuple[str, str]], *, numbered: bool
) -> list[RenderableType]:
    entries = list(entries)
    digits = len(str(len(entries)))
    out: list[RenderableType] = []
    for n, e in enumerate(entries, 1):
        mark, colour = marks[e.status]
        head = Text(overflow="fold")
        head.append(f"{n:>{digits}}. " if numbered else "")
        head.append(e.item, style="bold")
        head.append("  ")
        head.append(f"{mark} {t('status_' + e.status, lang)}", style=colour)
        head.append(f"  {e.points}", style="bold")
        if e.effort:
            head.append(f"  {e.effort}")
        out.append(head)
        out.append(Padding(Wrapped(e.action), (0, 0, 0, INDENT)))
    return out


def pack_line(pieces: Iterable[tuple[str, str]], width: int, sep: str = "  ") -> list[Text]:
    """Styled pieces ((text, style), each kept whole) joined by `sep` into lines of at most `width` cells
    (a piece wider than the line gets a line of its own). Widths are terminal cells (rich.cells.cell_len:
    Thai vowel and tone marks take none)."""
    lines: list[Text] = []
    line = Text()
    for text, style in pieces:
        if line.plain and cell_len(line.plain + sep + text) > width:
            lines.append(line)
            line = Text()
        if line.plain:
            line.append(sep)
        line.append(text, style=style)
    if line.plain:
        lines.append(line)
    return lines
