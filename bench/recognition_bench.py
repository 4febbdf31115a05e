"""Cost of the element checks that go beyond keyword lists, on a 50,000-character text; figures go in
docs/benchmarks.md ("Element recognition").

    python bench/recognition_bench.py

Each check is timed where it costs most: the exact keywords are absent, so the near / tolerant search runs
to the end. "first" is a text the check has not seen (its caches cold: skeleton, segmentation); "again"
the same text for another element, as the evaluator does when several items share a document.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from checker.extract.thai import normalise
from checker.models import EvidenceUnit, ResourceKind
from checker.rules import checks, loader, schema

# A long OCR'd report: projects, budgets, months, no problems/obstacles and no suggestions (the costly case).
PARAGRAPH = (
    "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ {n} ตำบลบ้านใหม่ งบประมาณ 450,000 บาท เบิกจ่าย 448,500 บาท "
    "ดำเนินการระหว่าง ต.ค. 66 - มี.ค. 67 ผลการตำเนินงานตามแผนพัฒนาท้องถิ่น ผู้รับผิดชอบ กองช่าง "
    "การพัฒนาคุณภาพชีวิตของประชาชนในพื้นที่ ส่งเสริมอาชีพและรายได้ ประชาชนได้รับประโยชน์ 320 ครัวเรือน "
)


def long_text(chars: int = 50_000, salt: str = "") -> str:
    out, n = [], 0
    while sum(map(len, out)) < chars:
        n += 1
        out.append(PARAGRAPH.format(n=n))
    return normalise(salt + "".join(out))[:chars]


def unit(text: str, ocr: bool = True) -> EvidenceUnit:
    return EvidenceUnit(url="http://x/r.pdf", found_via="x", state="ok", kind=ResourceKind.PDF, readable=True,
                        text=text, ocr=ocr, page_starts=tuple(range(0, len(text), 3000)))  # fmt: skip


def timed(fn: Callable[[], object], runs: int = 5) -> float:
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples) * 1000


def main() -> None:
    pack = loader.load("oit_2567")

    def spec(item: str, element: str) -> object:
        return next(e for e in pack.item(item).elements if e.id == element).spec

    cases: list[tuple[str, object, bool]] = [
        ("keywords exact only (O13 problems, not OCR)", spec("O13", "problems"), False),
        ("keywords + tolerant (O13 problems, OCR)", spec("O13", "problems"), True),
        ("keywords + near 5 (O42 improvements any_of)", spec("O42", "improvements"), False),
        ("repeated month tables (O16 statistics any_of)", spec("O16", "statistics"), False),
        ("image or_named (O1 chart)", spec("O1", "chart"), False),
        (
            "near 5, 2 phrases, anchor found 60x",
            schema.KeywordsCheck(check="keywords", any=("ปัญหาการดำเนินงานตามแผน", "ผลการดำเนินงานเทียบกับงบ"), near=5),
            False,
        ),
    ]
    # pythainlp loads its dictionaries on first use: say what that costs once per process.
    t = time.perf_counter()
    checks.run(cases[5][1], unit(long_text(2000, "warm "), ocr=False))
    print(f"pythainlp dictionaries, first use in a process: {(time.perf_counter() - t) * 1000:.0f} ms")
    print(f"{'check':52s} {'first (ms)':>10s} {'again (ms)':>10s}  outcome")
    for i, (name, sp, ocr) in enumerate(cases):
        firsts = []
        for r in range(5):
            ev = unit(long_text(salt=f"{i}-{r} "), ocr)
            t = time.perf_counter()
            out = checks.run(sp, ev)
            firsts.append((time.perf_counter() - t) * 1000)
        again = timed(lambda sp=sp, ev=ev: checks.run(sp, ev))  # type: ignore[misc]
        shown = "found" if isinstance(out, checks.Hit) else out
        print(f"{name:52s} {statistics.median(firsts):10.1f} {again:10.1f}  {shown}")


if __name__ == "__main__":
    main()
