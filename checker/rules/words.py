"""A keyword phrase as words: found when its words stand close together, in any order.

"ปัญหาและอุปสรรค" is written "อุปสรรคและปัญหาที่พบ"; "ผลการดำเนินการตามแผน" is written "ผลการดำเนินการ
เทียบกับแผน". Listing every order and connective would never end, so a `keywords` check with `near: N` also
accepts a phrase whose content words (newmm word segmentation, connectives such as และ, ที่, ตาม, การ left
out) all appear within N words of each other.

Cost: text is segmented with nlpo3, PyThaiNLP's own newmm in Rust (about ten times pythainlp's Python newmm,
and its dictionary loads in 0.02 s where pythainlp's takes 0.6 s), with the 26k words of PyThaiNLP's
dictionary that the Thai National Corpus also has (thai_words.txt, tools/make_thai_words.py): ~17 MB in
memory where the full 62k-word dictionary takes ~60-75 MB. Even so only the text around each occurrence of the
phrase's longest word is segmented (a few hundred characters, memoised), and only after the exact match failed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from checker.extract.thai import compact

# Words that join others and say nothing on their own ("ปัญหาและอุปสรรค" ~ "อุปสรรคและปัญหา").
CONNECTIVES = frozenset(
    {
        "และ", "หรือ", "การ", "ความ", "ที่", "ซึ่ง", "ของ", "ใน", "ตาม", "กับ", "ต่อ", "แก่", "โดย", "เพื่อ", "ได้",
        "ให้", "มี", "เป็น", "จาก", "ว่า", "นี้", "นั้น", "แห่ง", "ไว้", "อัน", "ทั้ง", "ๆ", "ฯ",
    }
)  # fmt: skip
SHORT_WORD = 4  # a word shorter than this is joined to the next one, or must be a whole word of the text
MAX_ANCHORS = 64  # occurrences of the phrase's longest word examined per text
CHARS_PER_WORD = 12  # generous: how far (in characters) N words may reach on either side of the anchor
_PUNCT = re.compile(r"^[\W_]+$")


# Connectives of sentences, not of names: a drawing's boxes join words with "และ"/"หรือ" too
# ("กองสาธารณสุขและสิ่งแวดล้อม", "งานป้องกันและบรรเทาสาธารณภัย").
_SENTENCE_WORDS = CONNECTIVES - {"และ", "หรือ", "ๆ", "ฯ"}
_THAI_WORD = re.compile("[\u0e01-\u0e2e]")
SENTENCE_SAMPLE = 3000  # characters segmented: enough to tell a page of boxes from a page of sentences


@lru_cache(maxsize=256)
def sentence_share(text: str) -> float:
    """The share of a text's Thai words that are connectives of sentences (การ ของ ที่ ตาม ให้ จาก โดย …).

    Prose has them between its nouns (about 0.1-0.2 of its words: "อาศัยอำนาจตามความในมาตรา 15 แห่ง…"); the
    boxes of a drawing name units and positions and have almost none ("ผู้อำนวยการกองคลัง", "หน่วยตรวจสอบ
    ภายใน"), however long the names are. Only the first SENTENCE_SAMPLE characters are segmented.
    """
    tokens = [t for t in _tokenize(text[:SENTENCE_SAMPLE]) if _THAI_WORD.search(t)]
    if not tokens:
        return 0.0
    return sum(t in _SENTENCE_WORDS for t in tokens) / len(tokens)


_DICTIONARY = "oitcheck-thai-words"


@lru_cache(maxsize=1)
def _dictionary() -> str:
    """Load the word list into nlpo3 once per process (the first `near` or drawing check pays ~0.02 s)."""
    import nlpo3

    with resources.as_file(resources.files("checker.rules") / "thai_words.txt") as path:
        nlpo3.load_dict(str(path), _DICTIONARY)
    return _DICTIONARY


def _tokenize(text: str) -> list[str]:
    """newmm words of `text`, spaces kept as tokens (so that positions add up)."""
    import nlpo3

    # safe=False: nlpo3 1.4's safe mode garbles text ("ส่ว|ป|ระกา|ศองค"); inputs here are a few thousand characters.
    return list(nlpo3.segment(text, _dictionary(), safe=False))


@lru_cache(maxsize=2048)
def phrase_words(keyword: str) -> tuple[str, ...]:
    """The content words of a phrase, as the text must show them (lower case, no spaces).

    A short word
    stays joined to the content word after it ("ผลการดำเนินการ", "ผลการประเมิน"): alone, "ผล" would be found
    in "แสดงผล" and "ผลิต", and a segmenter cuts "แสดงผล|การ…" so that no word starts with "ผล".
    """
    tokens = [t for t in _tokenize(compact(keyword)) if t.strip() and not _PUNCT.match(t)]
    words: list[str] = []
    pending: list[str] = []  # a short word (and what follows it) waiting for the next long content word
    for tok in tokens:
        if tok in CONNECTIVES:
            if pending:
                pending.append(tok)
        elif len(tok) >= SHORT_WORD:
            words.append("".join([*pending, tok]))
            pending = []
        else:
            pending.append(tok)
    while pending and pending[-1] in CONNECTIVES:
        pending.pop()
    if pending:  # a short last word ("…ตามแผน"): found only as a whole word of the text
        words.append("".join(pending))
    return tuple(dict.fromkeys(words))


@lru_cache(maxsize=4096)
def _token_spans(region: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each word of `region`, spaces left out."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for tok in _tokenize(region):
        if tok.strip():
            spans.append((pos, pos + len(tok)))
        pos += len(tok)
    return tuple(spans)


def find(text: str, keyword: str, window: int) -> tuple[int, int] | None:
    """(start, end) in `text` of the phrase's words all within `window` words of each other, or None.

    A phrase of fewer than two content words is left to exact matching.
    """
    words = phrase_words(keyword)
    if len(words) < 2:
        return None
    low = text.lower()
    anchor = max(words, key=len)
    reach = window * CHARS_PER_WORD + len(anchor)
    at = low.find(anchor)
    seen = 0
    while at >= 0 and seen < MAX_ANCHORS:
        seen += 1
        lo = _space_before(low, max(0, at - reach), at)
        hi = _space_after(low, min(len(low), at + len(anchor) + reach), at + len(anchor))
        found = _in_region(low[lo:hi], words, window)
        if found is not None:
            return lo + found[0], lo + found[1]
        at = low.find(anchor, at + 1)
    return None


def _space_before(text: str, pos: int, limit: int) -> int:
    """Move a region's start forward to a space, so that it does not begin in the middle of a word."""
    space = text.find(" ", pos, limit)
    return space + 1 if space >= 0 else pos


def _space_after(text: str, pos: int, limit: int) -> int:
    space = text.rfind(" ", limit, pos)
    return space if space >= 0 else pos


def _in_region(region: str, words: Sequence[str], window: int) -> tuple[int, int] | None:
    spans = _token_spans(region)
    if not spans:
        return None
    starts = [start for start, _ in spans]
    # (token index, which word) for every place a word stands: a long word anywhere (segmenters join and cut
    # compounds differently: "การพัฒนา", "ดำเนิน|การเทียบ"), a short one only as a whole word.
    hits: list[tuple[int, int]] = []
    for w, word in enumerate(words):
        if len(word) >= SHORT_WORD:
            at = region.find(word)
            while at >= 0:
                hits.append((bisect_right(starts, at) - 1, w))
                at = region.find(word, at + 1)
        else:
            hits += [(i, w) for i, (start, end) in enumerate(spans) if region[start:end] == word]
    if len({w for _, w in hits}) < len(words):
        return None
    hits.sort()
    best = _smallest_window(hits, len(words))
    if best is None or best[1] - best[0] + 1 > window:
        return None
    first, last = best
    last_word = max((len(words[w]) for i, w in hits if i == last), default=0)
    return spans[first][0], min(len(region), spans[last][0] + last_word)


def _smallest_window(hits: list[tuple[int, int]], need: int) -> tuple[int, int] | None:
    """The shortest run of token indices that holds every word at least once (hits sorted by index)."""
    best: tuple[int, int] | None = None
    counts: dict[int, int] = {}
    left = 0
    for right in range(len(hits)):
        counts[hits[right][1]] = counts.get(hits[right][1], 0) + 1
        while len(counts) == need:
            span = (hits[left][0], hits[right][0])
            if best is None or span[1] - span[0] < best[1] - best[0]:
                best = span
            w = hits[left][1]
            counts[w] -= 1
            if not counts[w]:
                del counts[w]
            left += 1
    return best
