"""Keywords in OCR text: matching that survives the errors Tesseract makes on Thai scans, and no others.

Measured on real Tesseract 5 output of generated scans (tests/support/make_docs.py, 100-300 dpi, blur,
speckle, JPEG): nearly every damaged keyword differs from the true one by tone marks ("ปัญหาอุปสร่รค",
"ประเด็นทีต้อง", "โด๋ย"), by a letter OCR mistakes for a look-alike ("ผลการตำเนินงาน", "จุตอ่อน",
"ผลการประเปิน", "แนวห้างการ", "สำเทตุ"), and by at most one letter too many or too few ("ปัญหาอุปลิรรค",
"ประสจำปี", "จจำนวน"). So both sides are first reduced to a *skeleton* (tone and other marks dropped,
look-alike letters read as one, spaces and punctuation dropped), and a keyword is found where its
skeleton occurs with at most one letter inserted or deleted. rapidfuzz finds that place
(`partial_ratio_alignment`, score >= 90, which one insertion or deletion always meets for keywords of
five letters or more); the edit count is then checked exactly.

Why not a plain similarity threshold: one substituted letter scores 93 for a 14-letter keyword, and
"ผลการดำเนินงาน" (results) is one letter from "ผนการดำเนินงาน", the tail of "แผนการดำเนินงาน" (plan). A
substitution is accepted only between look-alike letters, never between any two.
"""

from __future__ import annotations

import string
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, Levenshtein

from checker.extract.thai import compact

MIN_CHARS = 5  # shorter keywords must match exactly: one wrong letter in four is another word
MIN_RATIO = 90.0  # rapidfuzz partial_ratio on skeletons; one insertion/deletion in >= 5 letters scores >= 90.9
MAX_INDELS = 1  # letters inserted or deleted (a substitution would count 2: never accepted)
LETTERS_PER_ERROR = 6  # look-alike letters + insertions/deletions allowed: one per six letters, at least one

# Marks Tesseract adds, drops or swaps at will: tone marks, maitaikhu, thanthakhat, nikhahit.
_DROPPED = "\u0e48\u0e49\u0e4a\u0e4b\u0e47\u0e4c\u0e4d" + string.whitespace + string.punctuation + "“”‘’…•·"
# Letters that differ by a tail, a serif or a loop, which Tesseract confuses on blurred scans (each group
# read as its first letter); vowels of one shape family likewise.
_LOOK_ALIKE = (
    "ดตค", "บปษม", "ผฝ", "พฟ", "ถภ", "ขชซ", "ทหฑ", "สล", "ฎฏ",
    "\u0e34\u0e35\u0e36\u0e37",  # ิ ี ึ ื
    "\u0e38\u0e39",  # ุ ู
    "\u0e32\u0e33",  # า ำ
    "ใไ",
)  # fmt: skip


def _table(look_alike: bool) -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(c): None for c in _DROPPED}
    for c in string.ascii_uppercase:
        table[ord(c)] = c.lower()
    if look_alike:
        for group in _LOOK_ALIKE:
            for c in group[1:]:
                table[ord(c)] = group[0]
    return table


_SKELETON = _table(look_alike=True)
_PLAIN = _table(look_alike=False)  # marks, spaces and punctuation dropped; letters as written


@lru_cache(maxsize=64)  # one evidence text is checked for many keywords
def skeleton(text: str) -> str:
    """The text as OCR errors leave it recognisable: one character for one character, or none."""
    return text.translate(_SKELETON)


@lru_cache(maxsize=8)
def _kept(text: str) -> tuple[int, ...]:
    """Where each skeleton character sits in the text (only computed once a keyword was found)."""
    return tuple(i for i, c in enumerate(text) if _SKELETON.get(ord(c), c) is not None)


def find(text: str, keyword: str) -> tuple[int, int] | None:
    """(start, end) in `text` of a near match of `keyword` in OCR'd `text`, or None.

    Call only after an exact match failed. `text` is normalised evidence text; `keyword` any rule keyword.
    Accepted: the keyword's skeleton with at most one letter inserted or deleted, not at either end, and
    no more look-alike letters and insertions/deletions together than one per six letters.
    """
    key = skeleton(compact(keyword))
    if len(key) < MIN_CHARS:
        return None
    budget = max(1, len(key) // LETTERS_PER_ERROR)
    plain_key = compact(keyword).translate(_PLAIN)
    sk = skeleton(text)
    for start, end in _candidates(key, sk):
        lo, hi = _span(text, start, end)
        if Levenshtein.distance(plain_key, text[lo:hi].translate(_PLAIN), score_cutoff=budget) <= budget:
            return lo, hi
    return None


def _candidates(key: str, sk: str) -> list[tuple[int, int]]:
    """Skeleton windows that match `key` exactly (a few) or, failing that, with one letter more or less."""
    out: list[tuple[int, int]] = []
    at = sk.find(key)
    while at >= 0 and len(out) < 8:
        out.append((at, at + len(key)))
        at = sk.find(key, at + 1)
    if out:
        return out
    found = fuzz.partial_ratio_alignment(key, sk, score_cutoff=MIN_RATIO)
    if found is None:
        return out
    # partial_ratio compares windows as long as the keyword: a letter more or less shifts the best window.
    for start in range(max(0, found.dest_start - 1), found.dest_start + 2):
        for end in range(found.dest_end - 1, min(len(sk), found.dest_end + 1) + 1):
            window = sk[start:end]
            if abs(len(window) - len(key)) > MAX_INDELS or window[:1] != key[0] or window[-1:] != key[-1]:
                continue
            if Indel.distance(key, window, score_cutoff=MAX_INDELS) <= MAX_INDELS:
                out.append((start, end))
    return sorted(out, key=lambda w: abs((w[1] - w[0]) - len(key)))


def _span(text: str, start: int, end: int) -> tuple[int, int]:
    kept = _kept(text)
    return kept[start], kept[end - 1] + 1
