"""Generate a large static Thai municipal web site for crawl benchmarks (deterministic: seeded).

    python bench/gen_site.py /tmp/oit-bench-site            # default size: ~5,200 HTML pages, ~650 PDFs
    python bench/gen_site.py DIR --years 5 --per-month 80    # size knobs

Layout (depth = clicks from the home page):
    index.html                                   0  home: main menu (every page repeats it), latest news
    about/…, service/…, finance/…, law/…          1-4  menus four levels deep (section/sub/topic/leaf.html)
    news/index.html → news/<year>/index.html → news/<year>/<mm>.html → news/<year>/<mm>-<nnn>.html
                                                  1 → 2 → 3 → 4; one article in 8 links a PDF attachment (5)
    ita.html                                     1  the ITA page: rows O1–O43 linking evidence pages or PDFs
    oit/O<n>.html, files/oit/O<n>.pdf            2-3 evidence
    oit/deep/O<n>/l1.html … l4.html → PDF        items O39–O43: the PDF only 6 clicks deep
    archive/…/l5.html → archive/doc-<k>.pdf      old documents 6 clicks deep from the home page
    private/…                                    disallowed by robots.txt (linked from the footer)

PDFs are real (fpdf2 + Garuda): a few distinct ones generated, then copied under many names.
Writes manifest.json (counts, evidence URLs per item) next to the pages.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SITE = "เทศบาลตำบลบ้านใหม่"
ADDRESS = "เทศบาลตำบลบ้านใหม่ 99 หมู่ 1 ตำบลบ้านใหม่ อำเภอเมือง จังหวัดลำปาง 52000 โทร 054-123456"
YEARS = (2563, 2564, 2565, 2566, 2567)
MONTHS = ("ตุลาคม", "พฤศจิกายน", "ธันวาคม", "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม",
          "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน")  # fmt: skip
WORDS = ["โครงการ", "ประชาชน", "ตำบล", "หมู่บ้าน", "ถนน", "คอนกรีต", "เสริมเหล็ก", "ก่อสร้าง", "ซ่อมแซม", "ประชุม", "สภา", "เทศบาล", "ผู้สูงอายุ", "เด็กเล็ก", "ศูนย์พัฒนา", "อบรม", "กิจกรรม", "วันสำคัญ", "ประเพณี", "สงกรานต์", "ลอยกระทง", "น้ำประปา", "ขยะ", "สิ่งแวดล้อม", "สุขภาพ", "อาสาสมัคร", "ป้องกัน", "บรรเทาสาธารณภัย", "ภาษี", "ที่ดิน", "สิ่งปลูกสร้าง", "เบี้ยยังชีพ", "คนพิการ", "งบประมาณ", "เบิกจ่าย", "ประกาศ", "รับสมัคร", "สอบราคา", "ประกวดราคา", "ผลการพิจารณา", "ตรวจรับ", "พัสดุ", "ครุภัณฑ์", "สำนักงาน", "ปลัด", "กองช่าง", "กองคลัง"]
SECTIONS = {
    "about": "เกี่ยวกับหน่วยงาน",
    "service": "บริการประชาชน",
    "finance": "การเงินและงบประมาณ",
    "law": "กฎหมายและระเบียบ",
    "procure": "จัดซื้อจัดจ้าง",
    "hr": "บริหารงานบุคคล",
}
SUBS = ("ข้อมูลทั่วไป", "หน่วยงานภายใน", "งานบริการ", "เอกสารเผยแพร่")
TOPICS = ("เรื่องที่ 1", "เรื่องที่ 2", "เรื่องที่ 3")
DEEP_ITEMS = ("O39", "O40", "O41", "O42", "O43")  # evidence PDF only 6 clicks deep
PAGE_ITEMS = ("O1", "O2", "O3", "O5", "O7", "O8", "O9", "O10", "O18", "O28", "O30")  # evidence is a page


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def page(title: str, body: str, menu: str, crumbs: str = "") -> str:
    return (
        '<!doctype html><html lang="th"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)} - {SITE}</title></head><body>"
        f'<header class="header"><div class="logo"><a href="/index.html">{SITE}</a></div></header>'
        f'<nav class="menu">{menu}</nav>'
        f'<div class="crumbs">{crumbs}</div>'
        f"<main><h1>{html.escape(title)}</h1>{body}</main>"
        f'<footer class="footer"><p>{ADDRESS}</p><p><a href="/private/admin.html">สำหรับเจ้าหน้าที่</a> '
        '<a href="/ita.html">การเปิดเผยข้อมูลสาธารณะ (OIT)</a> <a href="/news/index.html">ข่าวทั้งหมด</a></p>'
        "</footer></body></html>"
    )


def main_menu() -> str:
    parts = ['<ul><li><a href="/index.html">หน้าแรก</a></li>']
    for sec, name in SECTIONS.items():
        subs = "".join(
            f'<li><a href="/{sec}/s{i}/index.html">{html.escape(s)}</a></li>' for i, s in enumerate(SUBS, 1)
        )
        parts.append(f'<li><a href="/{sec}/index.html">{html.escape(name)}</a><ul>{subs}</ul></li>')
    parts.append('<li><a href="/news/index.html">ข่าวประชาสัมพันธ์</a></li>')
    parts.append('<li><a href="/ita.html">ITA / OIT</a></li><li><a href="/archive/index.html">เอกสารเก่า</a></li></ul>')
    return "".join(parts)


class Writer:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.pages = 0
        self.pdfs = 0

    def html(self, rel: str, text: str) -> None:
        p = self.root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
        self.pages += 1

    def pdf(self, rel: str, data: bytes) -> None:
        p = self.root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        self.pdfs += 1


def make_pdfs(rng: random.Random, titles: dict[str, str]) -> tuple[list[bytes], dict[str, bytes]]:
    """A few distinct attachment PDFs and one evidence PDF per OIT item."""
    from datetime import datetime

    from tests.support import make_docs as md

    created = datetime(2024, 3, 15, 10, 0)
    generic = []
    for k in range(8):
        pages = [f"เอกสารประกอบข่าว ฉบับที่ {k + 1} {SITE}\n" + "\n".join(sentence(rng, 12) for _ in range(6))
                 for _ in range(1 + k % 3)]  # fmt: skip
        generic.append(md.thai_pdf(pages, title=f"เอกสารประกอบข่าว {k + 1}", created=created))
    evidence = {}
    for item, title in titles.items():
        text = (
            f"{title} ประจำปีงบประมาณ พ.ศ. 2567\n{SITE} อำเภอเมือง จังหวัดลำปาง\n"
            f"ข้อมูล ณ วันที่ 15 มีนาคม 2567\n" + "\n".join(sentence(rng, 10) for _ in range(4))
        )
        evidence[item] = md.thai_pdf([text, sentence(rng, 30)], title=f"{title} พ.ศ. 2567", created=created)
    return generic, evidence


def generate(root: Path, years: int = 5, per_month: int = 80, seed: int = 2567) -> dict:
    from checker.rules import loader

    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    w = Writer(root)
    menu = main_menu()
    titles = {i.id: i.title.th for i in loader.load("oit_2567").items}
    generic, evidence_pdf = make_pdfs(rng, titles)
    evidence_urls: dict[str, list[str]] = {}

    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", encoding="utf-8")
    w.html("private/admin.html", page("ผู้ดูแลระบบ", "<p>เฉพาะเจ้าหน้าที่</p>", menu))

    # --- news: year -> month -> article (-> attachment)
    years_used = YEARS[-years:]
    latest: list[str] = []
    year_links = []
    n_attach = 0
    for y in years_used:
        month_links = []
        for mi, mname in enumerate(MONTHS, 1):
            arts = []
            for n in range(1, per_month + 1):
                rel = f"news/{y}/{mi:02d}-{n:03d}.html"
                title = f"{sentence(rng, 4)} {mname} {y}"
                body = "".join(f"<p>{sentence(rng, 40)}</p>" for _ in range(4))
                if n % 8 == 0:
                    pdf_rel = f"files/news/{y}/{mi:02d}-{n:03d}.pdf"
                    w.pdf(pdf_rel, generic[n_attach % len(generic)])
                    n_attach += 1
                    body += f'<p>เอกสารแนบ: <a href="/{pdf_rel}">ดาวน์โหลดเอกสาร</a></p>'
                prev_rel = f"/news/{y}/{mi:02d}-{n - 1:03d}.html" if n > 1 else f"/news/{y}/{mi:02d}.html"
                body += f'<p><a href="{prev_rel}">ข่าวก่อนหน้า</a> <a href="/news/{y}/{mi:02d}.html">กลับ</a></p>'
                crumbs = f'<a href="/news/index.html">ข่าว</a> / <a href="/news/{y}/index.html">{y}</a>'
                w.html(rel, page(title, body, menu, crumbs))
                arts.append(f'<li><a href="/{rel}">{html.escape(title)}</a></li>')
                if y == years_used[-1] and mi == 12 and n <= 10:
                    latest.append(arts[-1])
            w.html(f"news/{y}/{mi:02d}.html", page(f"ข่าว {mname} {y}", f"<ul>{''.join(arts)}</ul>", menu))
            month_links.append(f'<li><a href="/news/{y}/{mi:02d}.html">{mname} {y}</a></li>')
        w.html(f"news/{y}/index.html", page(f"ข่าวปี {y}", f"<ul>{''.join(month_links)}</ul>", menu))
        year_links.append(f'<li><a href="/news/{y}/index.html">ข่าวปี {y}</a></li>')
    w.html("news/index.html", page("ข่าวประชาสัมพันธ์", f"<ul>{''.join(year_links)}</ul>", menu))

    # --- menus: section / sub / topic / leaf (4 levels) with ordinary content
    for sec, name in SECTIONS.items():
        sub_links = []
        for si, sname in enumerate(SUBS, 1):
            topic_links = []
            for ti, tname in enumerate(TOPICS, 1):
                leaves = []
                for li in range(1, 6):
                    rel = f"{sec}/s{si}/t{ti}/p{li}.html"
                    w.html(rel, page(f"{sname} {tname} หน้า {li}", f"<p>{sentence(rng, 80)}</p>", menu))
                    leaves.append(f'<li><a href="/{rel}">{tname} หน้า {li}</a></li>')
                rel = f"{sec}/s{si}/t{ti}/index.html"
                w.html(rel, page(f"{sname} {tname}", f"<ul>{''.join(leaves)}</ul>", menu))
                topic_links.append(f'<li><a href="/{rel}">{tname}</a></li>')
            w.html(f"{sec}/s{si}/index.html", page(sname, f"<ul>{''.join(topic_links)}</ul>", menu))
            sub_links.append(f'<li><a href="/{sec}/s{si}/index.html">{sname}</a></li>')
        w.html(f"{sec}/index.html", page(name, f"<ul>{''.join(sub_links)}</ul>", menu))

    # --- archive: old documents only 6 clicks deep (home > archive > y > l2 > l3 > l4 > pdf)
    arch_years = []
    k = 0
    for y in range(2555, 2563):
        l2 = []
        for a in range(1, 4):
            l3 = []
            for b in range(1, 4):
                docs = []
                for c in range(1, 4):
                    k += 1
                    pdf_rel = f"archive/doc-{k:04d}.pdf"
                    w.pdf(pdf_rel, generic[k % len(generic)])
                    docs.append(f'<li><a href="/{pdf_rel}">เอกสารเก่า {y} ชุดที่ {k}</a></li>')
                rel = f"archive/{y}/{a}/{b}.html"
                w.html(rel, page(f"เอกสาร {y} หมวด {a}.{b}", f"<ul>{''.join(docs)}</ul>", menu))
                l3.append(f'<li><a href="/{rel}">หมวดย่อย {b}</a></li>')
            rel = f"archive/{y}/{a}.html"
            w.html(rel, page(f"เอกสาร {y} หมวด {a}", f"<ul>{''.join(l3)}</ul>", menu))
            l2.append(f'<li><a href="/{rel}">หมวด {a}</a></li>')
        w.html(f"archive/{y}.html", page(f"เอกสารปี {y}", f"<ul>{''.join(l2)}</ul>", menu))
        arch_years.append(f'<li><a href="/archive/{y}.html">ปี {y}</a></li>')
    w.html("archive/index.html", page("เอกสารเก่า", f"<ul>{''.join(arch_years)}</ul>", menu))

    # --- ITA page and evidence
    rows = []
    for item, title in titles.items():
        pdf_rel = f"files/oit/{item}.pdf"
        w.pdf(pdf_rel, evidence_pdf[item])
        if item in DEEP_ITEMS:
            chain = [f"oit/deep/{item}/l{d}.html" for d in range(1, 5)]
            for d, rel in enumerate(chain):
                nxt = chain[d + 1] if d + 1 < len(chain) else pdf_rel
                words = "ดาวน์โหลด" if nxt == pdf_rel else "รายละเอียดเพิ่มเติม"
                w.html(rel, page(f"{title} ขั้นที่ {d + 1}", f'<p><a href="/{nxt}">{words}</a></p>', menu))
            href = chain[0]
            evidence_urls[item] = [href, pdf_rel]
        elif item in PAGE_ITEMS:
            rel = f"oit/{item}.html"
            body = (f"<p>{html.escape(title)} ประจำปีงบประมาณ พ.ศ. 2567</p><p>{ADDRESS}</p>"
                    f"<p>{sentence(rng, 60)}</p><p><a href=\"/{pdf_rel}\">เอกสาร {html.escape(title)}</a></p>")  # fmt: skip
            w.html(rel, page(title, body, menu))
            href = rel
            evidence_urls[item] = [rel, pdf_rel]
        else:
            href = pdf_rel
            evidence_urls[item] = [pdf_rel]
        rows.append(
            f"<tr><td>{item}</td><td>{html.escape(title)}</td><td><a href=\"/{href}\">เปิด</a></td></tr>"
        )
    ita = ("<p>การเปิดเผยข้อมูลสาธารณะ (OIT) ประจำปีงบประมาณ พ.ศ. 2567</p>"
           "<table><tr><th>ข้อ</th><th>ข้อมูล</th><th>หลักฐาน</th></tr>" + "".join(rows) + "</table>")  # fmt: skip
    w.html("ita.html", page("การเปิดเผยข้อมูลสาธารณะ (OIT) ประจำปีงบประมาณ พ.ศ. 2567", ita, menu))

    home = (f"<p>ยินดีต้อนรับสู่เว็บไซต์{SITE}</p><h2>ข่าวล่าสุด</h2><ul>{''.join(latest)}</ul>"
            '<p><a href="/ita.html">การเปิดเผยข้อมูลสาธารณะ (OIT)</a></p>')  # fmt: skip
    w.html("index.html", page(SITE, home, menu))

    html_bytes = sum(p.stat().st_size for p in root.rglob("*.html"))
    pdf_bytes = sum(p.stat().st_size for p in root.rglob("*.pdf"))
    manifest = {
        "seed": seed,
        "html_pages": w.pages,
        "html_pages_crawlable": w.pages - 1,  # private/ is disallowed by robots.txt
        "pdfs": w.pdfs,
        "html_mb": round(html_bytes / 1e6, 1),
        "pdf_mb": round(pdf_bytes / 1e6, 1),
        "deep_items": list(DEEP_ITEMS),
        "evidence": evidence_urls,
    }
    (root / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", type=Path, nargs="?", default=Path("/tmp/oit-bench-site"))
    ap.add_argument("--years", type=int, default=5, help="news years (1-5)")
    ap.add_argument("--per-month", type=int, default=80, help="news articles per month")
    ap.add_argument("--seed", type=int, default=2567)
    a = ap.parse_args()
    t0 = time.perf_counter()
    m = generate(a.dir, a.years, a.per_month, a.seed)
    m.pop("evidence")
    print(json.dumps(m, ensure_ascii=False), f"in {time.perf_counter() - t0:.1f}s")


if __name__ == "__main__":
    main()
