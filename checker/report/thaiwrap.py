"""Text wrapped for a Thai reader: at spaces, between Thai words, and never shortened.

rich wraps only at spaces and cuts a longer "word" anywhere, and Thai writes a whole phrase without spaces:
"รายงานผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปี" broke as "…การจัดห|าพัสดุ", a vowel torn from its
consonant. `wrap` breaks a run of Thai letters between its words (newmm, the segmenter the checks use:
checker/rules/words.py), keeps a path or URL whole on a line of its own when it fits and folds it across
lines only when it is longer than the line: nothing is ever replaced by "…". Widths are terminal cells
(rich.cells: Thai vowel and tone marks above and below take none).

`Wrapped` is the rich renderable (table cells, the fix list) that wraps to the width it is given.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rich.cells import cell_len, chop_cells
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.style import StyleType
from rich.text import Text

from checker.rules.words import _tokenize as segment  # newmm words; spaces kept as tokens

_THAI = re.compile("[\u0e01-\u0e5b]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # ESC and the rest: a page title must not drive the terminal


def _thai(ch: str) -> bool:
    return bool(_THAI.match(ch))


@lru_cache(maxsize=4096)
def units(word: str) -> tuple[str, ...]:
    """A word without spaces as the pieces a line may break between: the Thai words of its Thai letters.
    Anything else (a path, a bracket, a quote) stays joined to its neighbour: "(ฉบับที่" breaks as
    "(ฉบับ|ที่", never after the bracket."""
    if not _THAI.search(word):
        return (word,)
    out: list[str] = []
    for token in segment(word):
        if out and not (_thai(out[-1][-1]) and _thai(token[0])):
            out[-1] += token
        else:
            out.append(token)
    return tuple(out)


def wrap(text: str, width: int) -> list[str]:
    """`text` as lines of at most `width` cells (see the module's docstring); line breaks in it are kept."""
    width = max(width, 1)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            sep = " " if line else ""
            if cell_len(line + sep + word) <= width:
                line += sep + word
                continue
            pieces = units(word)
            if len(pieces) == 1:  # a path, a URL, a number: on a line of its own, broken only if too long
                if line:
                    lines.append(line)
                folded = _fold_path(word, width)
                lines += folded[:-1]
                line = folded[-1]
                continue
            for i, piece in enumerate(pieces):  # Thai fills the line and breaks between words
                joined = line + (sep if i == 0 else "") + piece
                if cell_len(joined) <= width:
                    line = joined
                    continue
                if line:
                    lines.append(line)
                folded = _fold(piece, width)
                lines += folded[:-1]
                line = folded[-1]
        lines.append(line)
    return lines


def _fold(word: str, width: int) -> list[str]:
    """A word longer than the line cut into lines of `width` cells (a mark stays with its letter)."""
    return chop_cells(word, width) if cell_len(word) > width else [word]


def _fold_path(word: str, width: int) -> list[str]:
    """A path or URL longer than the line broken after its slashes ("/files/" | "plan-dev-2561-2565.pdf"),
    so a file name stays on one line when it fits; a part longer than the line is cut by `_fold`."""
    lines = [""]
    for part in re.split("(?<=/)", word):
        if lines[-1] and cell_len(lines[-1] + part) > width >= cell_len(part):  # a part cut anyway fills the line
            lines.append("")
        folded = _fold(lines[-1] + part, width)
        lines[-1:] = folded
    return lines


def min_width(text: str) -> int:
    """The widest piece `wrap` keeps whole: the narrowest a column can be without folding one."""
    return max((cell_len(u) for word in text.split() for u in units(word)), default=0)


class Wrapped:
    """`text` in `style`, wrapped by `wrap` to the width rich gives it (a table cell, an indented block).
    Control characters are dropped: text from the crawled site must not reach the terminal as escape codes."""

    def __init__(self, text: str, style: StyleType = "") -> None:
        self.text = _CONTROL.sub("", text.replace("\t", " "))
        self.style = style

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(line) for line in self.text.split("\n")), default=0)
        return Measurement(min(min_width(self.text), widest), widest).with_maximum(options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in wrap(self.text, options.max_width):
            yield Text(line, style=self.style, no_wrap=True, overflow="ignore", end="\n")
