"""Write checker/rules/thai_words.txt: the Thai words `near` keyword checks segment text with.

PyThaiNLP's full dictionary (words_th.txt, 62k words) costs ~60 MB in memory once loaded, in every check. A
phrase's words and the text around it are everyday administrative Thai, so the words that also occur in the
Thai National Corpus (tnc_freq.txt, 26k of them) segment it the same way in a third of the memory. Both
lists are PyThaiNLP's, released CC0. Run again after a PyThaiNLP upgrade:

    python tools/make_thai_words.py
"""

from __future__ import annotations

import os
from pathlib import Path

from pythainlp.corpus import corpus_path

OUT = Path(__file__).resolve().parent.parent / "checker" / "rules" / "thai_words.txt"


def main() -> None:
    root = corpus_path()
    words = {w.strip() for w in Path(os.path.join(root, "words_th.txt")).read_text(encoding="utf-8").splitlines()}
    common = set()
    for line in Path(os.path.join(root, "tnc_freq.txt")).read_text(encoding="utf-8").splitlines():
        word = line.partition("\t")[0].strip()
        if word in words:
            common.add(word)
    OUT.write_text("\n".join(sorted(common)) + "\n", encoding="utf-8")
    print(f"{len(common)} words -> {OUT}")


if __name__ == "__main__":
    main()
