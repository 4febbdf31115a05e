"""Inline SVG charts for the HTML report: item status per sub-indicator, and the estimated OIT score across runs.

Pure functions from numbers and words to an SVG string. Every word is escaped here (a name could come from a
pack, a date from a stored run), so the caller may mark the result safe. No external asset, no `style=`
attribute (the report's Content-Security-Policy would block it) and no `url(…)` reference: colours are SVG
presentation attributes. Each chart reads in greyscale print too: every bar segment carries its status mark
and count, every point its value, and the caller puts the numbers in a table beside the chart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

# The report's status colours (templates/report.css, --pass …), and the ink that reads on each.
COLOURS: dict[str, str] = {
    "pass": "#1a7f37",
    "incomplete": "#d4a72c",
    "outdated": "#a21caf",
    "missing": "#cf222e",
    "unreachable": "#cf222e",
    "review": "#0e7490",
}
INK = "#1f2328"
MUTED = "#59636e"
LINE = "#d1d9e0"
_DARK_TEXT = frozenset({"incomplete"})  # light fills carry dark text

STATUS_WIDTH = 460  # drawn about life-size beside the estimate: its words read at the page's size
TREND_WIDTH = 640
_BAR_X = 0
_BAR_W = 400
_ROW_H = 44
_LABEL_H = 16
_BAR_H = 20


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _n(value: float) -> str:
    """A coordinate: at most one decimal, no trailing zeros."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class StatusRow:
    """One sub-indicator: its code and name, its items' count per status (in display order), its score."""

    code: str
    name: str
    counts: tuple[tuple[str, int], ...]
    score: float

    @property
    def total(self) -> int:
        return sum(n for _s, n in self.counts)


def status_chart(
    rows: Sequence[StatusRow],
    *,
    title: str,
    marks: Mapping[str, str],
    words: Mapping[str, str],
    score_word: str,
    chart_id: str = "status-chart",
) -> str:
    """A horizontal bar per sub-indicator, stacked by status as shares of its items, each segment labelled
    with its status mark and count, the sub-indicator's score at the right. `marks`/`words`: status -> mark /
    word (for the segments' tooltips); `score_word` heads the score column."""
    width = STATUS_WIDTH
    height = 22 + _ROW_H * len(rows)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart status-chart" id="{_e(chart_id)}" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" aria-labelledby="{_e(chart_id)}-t" '
        'font-size="13">',
        f'<title id="{_e(chart_id)}-t">{_e(title)}</title>',
        f'<text x="{width}" y="14" text-anchor="end" fill="{MUTED}" font-size="12">{_e(score_word)}</text>',
    ]
    for i, row in enumerate(rows):
        top = 22 + i * _ROW_H
        bar_y = top + _LABEL_H + 4
        out.append(f'<g class="bar" data-code="{_e(row.code)}">')
        out.append(f'<text x="{_BAR_X}" y="{top + _LABEL_H - 3}" fill="{INK}">'
                   f'<tspan font-weight="700">{_e(row.code)}</tspan> {_e(row.name)}</text>')  # fmt: skip
        out.append(f'<rect x="{_BAR_X}" y="{bar_y}" width="{_BAR_W}" height="{_BAR_H}" fill="none" stroke="{LINE}"/>')
        x = float(_BAR_X)
        for status, count in row.counts:
            if not count or not row.total:
                continue
            seg = _BAR_W * count / row.total
            fill = COLOURS.get(status, MUTED)
            ink = INK if status in _DARK_TEXT else "#fff"
            out.append(
                f'<rect class="seg seg-{_e(status)}" x="{_n(x)}" y="{bar_y}" width="{_n(seg)}" height="{_BAR_H}" '
                f'fill="{fill}" stroke="#fff" stroke-width="1"><title>{_e(words.get(status, status))} {count}'
                "</title></rect>"
            )
            label = f"{marks.get(status, '')}{count}" if seg >= 30 else str(count) if seg >= 12 else ""
            if label:
                out.append(
                    f'<text x="{_n(x + seg / 2)}" y="{bar_y + 15}" text-anchor="middle" fill="{ink}" '
                    f'font-size="13" font-weight="700">{_e(label)}</text>'
                )
            x += seg
        out.append(
            f'<text class="score" x="{width}" y="{bar_y + 15}" text-anchor="end" fill="{INK}" font-weight="700">'
            f"{row.score:.2f}</text>"
        )
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


@dataclass(frozen=True)
class TrendPointView:
    label: str  # when the run started, in the reader's words (Thai time)
    score: float  # its estimated OIT score


def trend_chart(
    points: Sequence[TrendPointView],
    grades: Sequence[tuple[float, str]],
    *,
    title: str,
    chart_id: str = "trend-chart",
) -> str:
    """The estimated OIT score of each run, oldest first, joined by a line on a 0–100 axis; each grade's
    lower bound (`grades`: (min, name), min above 0) is a faint line with its name. Points are evenly spaced
    and labelled with their value and date; with more than three, the dates are slanted to fit."""
    slanted = len(points) > 3
    width = TREND_WIDTH
    left, right, top, plot_h = 34, width - 56, 16, 180
    bottom = top + plot_h
    height = bottom + (110 if slanted else 34)

    def y_of(score: float) -> float:
        return bottom - plot_h * max(0.0, min(100.0, score)) / 100

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart trend-chart" id="{_e(chart_id)}" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" aria-labelledby="{_e(chart_id)}-t" '
        'font-size="12">',
        f'<title id="{_e(chart_id)}-t">{_e(title)}</title>',
    ]
    for value in (0, 50, 100):
        out.append(f'<text x="{left - 6}" y="{_n(y_of(value))}" dy="4" text-anchor="end" fill="{MUTED}">{value}</text>')
    last_y, shift = -100.0, 0  # names of bands closer than a line apart are set side by side
    for minimum, name in grades:
        if minimum <= 0:
            continue
        y = y_of(minimum)
        shift = 24 - shift if abs(y - last_y) < 12 else 0
        last_y = y
        out.append(
            f'<line class="grade-line" x1="{left}" x2="{right}" y1="{_n(y)}" y2="{_n(y)}" stroke="{LINE}" '
            'stroke-dasharray="4 3"/>'
            f'<text x="{right + 4 + shift}" y="{_n(y)}" dy="4" fill="{MUTED}" font-size="11">{_e(name)}</text>'
        )
    out.append(f'<line x1="{left}" x2="{left}" y1="{top}" y2="{bottom}" stroke="{MUTED}"/>')
    out.append(f'<line x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}" stroke="{MUTED}"/>')
    pad = 40
    span = right - left - 2 * pad
    xs = [left + pad + (span * i / (len(points) - 1) if len(points) > 1 else span / 2) for i in range(len(points))]
    if len(points) > 1:
        path = " ".join(f"{_n(x)},{_n(y_of(p.score))}" for x, p in zip(xs, points, strict=True))
        out.append(f'<polyline points="{path}" fill="none" stroke="{INK}" stroke-width="2"/>')
    for x, p in zip(xs, points, strict=True):
        y = y_of(p.score)
        out.append(
            f'<g class="pt"><circle cx="{_n(x)}" cy="{_n(y)}" r="4.5" fill="{INK}">'
            f"<title>{_e(p.label)}: {p.score:.2f}</title></circle>"
            f'<text x="{_n(x)}" y="{_n(y - 9)}" text-anchor="middle" fill="{INK}" font-weight="700">{p.score:.2f}'
            "</text>"
        )
        if slanted:
            out.append(
                f'<text x="{_n(x)}" y="{bottom + 14}" text-anchor="end" fill="{INK}" font-size="11" '
                f'transform="rotate(-35 {_n(x)} {bottom + 14})">{_e(p.label)}</text>'
            )
        else:
            out.append(
                f'<text x="{_n(x)}" y="{bottom + 18}" text-anchor="middle" fill="{INK}" font-size="11">'
                f"{_e(p.label)}</text>"
            )
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)
