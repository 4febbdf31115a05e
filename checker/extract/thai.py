"""Thai text normalisation, done once, in one place.

Text reaches the checker from HTML pages, DOCX/XLSX files and, above all, PDFs whose text layer is
often damaged: Thai digits (๒๕๖๗), sara am split into nikhahit + sara aa (ํา) with the tone mark on
either side, glyph variants from the Unicode private-use area (U+F700-U+F71A, "Windows PUA"), zero-width
characters, and spaces between the letters of a word ("ก า ร ดำเนินการ").  Every matcher works on the
output of :func:`normalise` (or :func:`compact` for keyword matching) so that each of them does not have
to cope with all of that again.

Both functions are pure and fast: every regular expression is compiled at import time and the heavy
lifting is done by ``str.translate`` and a handful of ``re.sub`` passes.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pythainlp.util import reorder_vowels

__all__ = ["compact", "normalise", "normalise_short"]

# --------------------------------------------------------------------------------------------------
# Character classes (as regex character-class bodies)

_CONSONANTS = "\u0e01-\u0e2e"  # ก-ฮ (includes ฤ and ฦ)
_LEAD_VOWELS = "\u0e40-\u0e44"  # เ แ โ ใ ไ
_FOLLOW_VOWELS = "\u0e30\u0e32\u0e33\u0e45"  # ะ า ำ ๅ
# Non-spacing marks: ั ิ ี ึ ื ุ ู ฺ (U+0E31, U+0E34-U+0E3A) and ็ ่ ้ ๊ ๋ ์ ํ ๎ (U+0E47-U+0E4E).
_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_TONE_MARKS = "\u0e48-\u0e4b"  # ่ ้ ๊ ๋
# Characters that never start a Thai word: a space in front of one of them is a PDF artefact.
_NON_INITIAL = _FOLLOW_VOWELS + _MARKS
# Characters that may appear as a one-letter "token" in spaced-out PDF text ("ก า ร").  Excludes
# ฯ (U+0E2F), ๆ (U+0E46), ๏ (U+0E4F), digits and punctuation, which legitimately stand alone.
_SPACED_LETTER = "\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e"
# Vowels and signs that are never legitimately doubled (same set as pythainlp's remove_repeat_vowels).
_NO_REPEAT = _FOLLOW_VOWELS + _LEAD_VOWELS + "\u0e31\u0e34-\u0e3a\u0e47\u0e4c-\u0e4e"

# --------------------------------------------------------------------------------------------------
# Translation table: invisible characters, PUA glyph variants, Thai digits.

_INVISIBLE = (
    "\u200b",  # ZERO WIDTH SPACE
    "\u200c",  # ZERO WIDTH NON-JOINER
    "\u200d",  # ZERO WIDTH JOINER
    "\u2060",  # WORD JOINER
    "\ufeff",  # ZERO WIDTH NO-BREAK SPACE / BOM
    "\u00ad",  # SOFT HYPHEN
    "\u200e",  # LEFT-TO-RIGHT MARK
    "\u200f",  # RIGHT-TO-LEFT MARK
    "\u180e",  # MONGOLIAN VOWEL SEPARATOR (was a space, now a format char)
    "\u2061",  # FUNCTION APPLICATION
    "\u2062",  # INVISIBLE TIMES
    "\u2063",  # INVISIBLE SEPARATOR
    "\u2064",  # INVISIBLE PLUS
)

# Glyph variants that Thai fonts without OpenType tables keep in the private-use area and that some PDF
# producers write into the text layer.  Windows code points U+F700-U+F71A (all 27 are known) and their
# Mac equivalents U+F884-U+F89E; the table is the one HarfBuzz's Thai fallback shaper uses.
_PUA_TO_THAI: dict[int, str] = {
    # Windows PUA
    0xF700: "\u0e10",  # THO THAN without descender -> ฐ
    0xF701: "\u0e34",  # SARA I, shifted left -> ิ
    0xF702: "\u0e35",  # SARA II, shifted left -> ี
    0xF703: "\u0e36",  # SARA UE, shifted left -> ึ
    0xF704: "\u0e37",  # SARA UEE, shifted left -> ื
    0xF705: "\u0e48",  # MAI EK, down-left -> ่
    0xF706: "\u0e49",  # MAI THO, down-left -> ้
    0xF707: "\u0e4a",  # MAI TRI, down-left -> ๊
    0xF708: "\u0e4b",  # MAI CHATTAWA, down-left -> ๋
    0xF709: "\u0e4c",  # THANTHAKHAT, down-left -> ์
    0xF70A: "\u0e48",  # MAI EK, down -> ่
    0xF70B: "\u0e49",  # MAI THO, down -> ้
    0xF70C: "\u0e4a",  # MAI TRI, down -> ๊
    0xF70D: "\u0e4b",  # MAI CHATTAWA, down -> ๋
    0xF70E: "\u0e4c",  # THANTHAKHAT, down -> ์
    0xF70F: "\u0e0d",  # YO YING without descender -> ญ
    0xF710: "\u0e31",  # MAI HAN-AKAT, shifted left -> ั
    0xF711: "\u0e4d",  # NIKHAHIT, shifted left -> ํ
    0xF712: "\u0e47",  # MAITAIKHU, shifted left -> ็
    0xF713: "\u0e48",  # MAI EK, shifted left -> ่
    0xF714: "\u0e49",  # MAI THO, shifted left -> ้
    0xF715: "\u0e4a",  # MAI TRI, shifted left -> ๊
    0xF716: "\u0e4b",  # MAI CHATTAWA, shifted left -> ๋
    0xF717: "\u0e4c",  # THANTHAKHAT, shifted left -> ์
    0xF718: "\u0e38",  # SARA U, down -> ุ
    0xF719: "\u0e39",  # SARA UU, down -> ู
    0xF71A: "\u0e3a",  # PHINTHU, down -> ฺ
    # Mac PUA
    0xF884: "\u0e31",
    0xF885: "\u0e34",
    0xF886: "\u0e35",
    0xF887: "\u0e36",
    0xF888: "\u0e37",
    0xF889: "\u0e47",
    0xF88A: "\u0e48",
    0xF88B: "\u0e48",
    0xF88C: "\u0e48",
    0xF88D: "\u0e49",
    0xF88E: "\u0e49",
    0xF88F: "\u0e49",
    0xF890: "\u0e4a",
    0xF891: "\u0e4a",
    0xF892: "\u0e4a",
    0xF893: "\u0e4b",
    0xF894: "\u0e4b",
    0xF895: "\u0e4b",
    0xF896: "\u0e4c",
    0xF897: "\u0e4c",
    0xF898: "\u0e4c",
    0xF899: "\u0e4d",
    0xF89A: "\u0e0d",
    0xF89B: "\u0e38",
    0xF89C: "\u0e39",
    0xF89D: "\u0e3a",
    0xF89E: "\u0e10",
}

# Code points of these two blocks without a known mapping are dropped rather than left inside a word.
# (Every code point of the Windows range U+F700-U+F71A is mapped above, so in practice this only drops
# U+F71B-U+F71F and U+F880-U+F883 / U+F89F.)  Other private-use characters (icon fonts) are kept.
_PUA_DROP_RANGES = (range(0xF700, 0xF720), range(0xF880, 0xF8A0))


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(ch): None for ch in _INVISIBLE}
    for rng in _PUA_DROP_RANGES:
        for cp in rng:
            table[cp] = _PUA_TO_THAI.get(cp)
    for i in range(10):
        table[0x0E50 + i] = str(i)  # ๐-๙ -> 0-9
    return table


_TABLE = _build_table()
_TABLE_STR: dict[str, str] = {chr(cp): (rep or "") for cp, rep in _TABLE.items()}
# str.translate with a dict is slow on non-ASCII text; substituting only the characters that need it is
# several times faster, because most text contains few of them.
_RE_TRANSLATE = re.compile("[" + "".join(re.escape(ch) for ch in sorted(_TABLE_STR)) + "]")

# --------------------------------------------------------------------------------------------------
# Regular expressions (compiled once)

# A run of space-separated tokens that are each one Thai letter, possibly followed by non-spacing marks
# ("ก า ร", "ส ำ นั ก ง า น").  Whether the run is really spaced-out text is decided in _join_run.  A letter
# next to a dot belongs to an abbreviation ("ณ พ.ศ.", "อ. เกาะคา") and ends the run.
_RE_SPACED_RUN = re.compile(
    rf"(?<![\w\u0e00-\u0e7f.])"
    rf"[{_SPACED_LETTER}][{_MARKS}]*(?: [{_SPACED_LETTER}][{_MARKS}]*){{2,}}"
    rf"(?![\w\u0e00-\u0e7f.])"
)
# A vowel sign or mark with a space on both sides ("ผู ้ บริหาร", "ก ำ หนด"): the space before it proves the
# extractor split this word glyph by glyph, so the space after it is spurious too.
_RE_ISOLATED_NON_INITIAL = re.compile(rf"([\u0e01-\u0e4e]) ([{_NON_INITIAL}]+) (?=[{_CONSONANTS}{_LEAD_VOWELS}])")
# A space between a Thai character and a character that can never start a word.
_RE_SPACE_BEFORE_NON_INITIAL = re.compile(rf"([\u0e01-\u0e4e]) (?=[{_NON_INITIAL}])")
# A space between a leading vowel and the consonant it belongs to.
_RE_SPACE_AFTER_LEAD = re.compile(rf"([{_LEAD_VOWELS}]) (?=[{_CONSONANTS}])")
_RE_REPEATED_SIGN = re.compile(rf"([{_NO_REPEAT}])\1+")
_RE_TONE_RUN = re.compile(rf"[{_TONE_MARKS}]{{2,}}")
# Marks with no base: at the start of the text or after a space (only left after non-Thai characters).
_RE_DANGLING = re.compile(rf"(^| )[{_MARKS}]+")
_RE_SPACES = re.compile(r"  +")


def _join_run(m: re.Match[str]) -> str:
    run = m.group()
    tokens = run.split(" ")
    # Spaced-out text has mostly one-character tokens; ordinary short words ("ณ ที่ นี้") have few.
    singles = sum(1 for tok in tokens if len(tok) == 1)
    if singles >= 3:
        return "".join(tokens)
    return run


def _translate(m: re.Match[str]) -> str:
    return _TABLE_STR[m.group()]


def _last_tone(m: re.Match[str]) -> str:
    return m.group()[-1]


def normalise(text: str) -> str:
    """Return ``text`` in the canonical form every matcher expects.

    - Unicode NFC; zero-width / invisible characters (ZWSP, ZWNJ, ZWJ, WJ, BOM, soft hyphen, ...) removed;
    - Thai private-use glyph variants (U+F700-U+F71A, Mac U+F884-U+F89E) mapped to standard characters,
      unknown ones in those blocks dropped;
    - Thai digits ๐-๙ -> 0-9;
    - every run of whitespace (NBSP and other Unicode spaces, tabs, newlines) -> one space; stripped;
    - spaced-out letters joined ("ก า ร" -> "การ"), a space before a following / above / below vowel or
      a tone mark removed ("ก ำ" -> "กำ"), and also the space after it when the sign stood alone
      ("ผู ้ บริหาร" -> "ผู้บริหาร"), a space after a leading vowel removed ("เ ก" -> "เก");
    - decomposed sara am composed (nikhahit + sara aa -> ำ, also with a tone mark before or between),
      tone marks moved after above/below vowels, doubled vowels and marks collapsed (via
      :func:`pythainlp.util.reorder_vowels` plus a repeat filter).

    Ordinary words separated by a space stay separated ("สำนักปลัด กองคลัง").
    """
    if not text:
        return ""
    # Translate first so that marks recovered from PUA glyphs take part in NFC's canonical reordering.
    text = _RE_TRANSLATE.sub(_translate, text)
    text = unicodedata.normalize("NFC", text)
    text = " ".join(text.split())  # the same whitespace as \s (both use str.isspace), several times faster
    if not text:
        return ""
    if text.isascii():
        return text

    text = _RE_SPACED_RUN.sub(_join_run, text)
    text = _RE_ISOLATED_NON_INITIAL.sub(r"\1\2", text)
    text = _RE_SPACE_BEFORE_NON_INITIAL.sub(r"\1", text)
    text = _RE_SPACE_AFTER_LEAD.sub(r"\1", text)
    # เเ -> แ; tone + above/below vowel -> vowel + tone; nikhahit (+tone) + sara aa -> (tone +) sara am;
    # follow vowel + tone -> tone + follow vowel; lakkhangyao -> sara aa (except after ฤ/ฦ).
    text = reorder_vowels(text)
    text = _RE_REPEATED_SIGN.sub(r"\1", text)
    text = _RE_TONE_RUN.sub(_last_tone, text)
    text = _RE_DANGLING.sub(r"\1", text)
    if "  " in text:
        text = _RE_SPACES.sub(" ", text)
    return text.strip()


def compact(text: str) -> str:
    """``normalise(text)``, lower-cased, with all whitespace removed: the form used for keyword matching."""
    return normalise(text).lower().replace(" ", "")


# Menu, footer and link texts repeat on every page of a site: a crawl normalises the same few thousand short
# strings tens of thousands of times. Long texts (page bodies, PDF text) are not kept.
_SHORT = 1000


@lru_cache(maxsize=16_384)
def _normalise_memo(text: str) -> str:
    return normalise(text)


def normalise_short(text: str) -> str:
    """:func:`normalise`, memoised for short strings (anchor, context, heading and alt texts)."""
    return _normalise_memo(text) if len(text) <= _SHORT else normalise(text)
