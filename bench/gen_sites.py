"""Generate many small Thai agency sites for the batch benchmark (deterministic: seeded), and serve them.

    python bench/gen_sites.py /tmp/oit-batch-sites --sites 200     # write the sites and sites.csv
    python bench/gen_sites.py /tmp/oit-batch-sites --serve         # serve them with nginx until Ctrl-C

Each site (DIR/sNNN/) has ~50 HTML pages and ~10 real PDFs (fpdf2 + Garuda, as bench/gen_site.py makes
them): a home page, an about section, a news section (index + articles), an ITA page with one row per OIT
item and the evidence pages/PDFs those rows link. Sites differ in name, province and type, and in which
items they publish: a share of the items (35–100%) has evidence, some of it for an old fiscal year, some
rows link a missing file (404), the rest say "in preparation" — so verdicts and scores differ between sites.

DIR/tiny/ is a one-page site with nothing on it: the per-job overhead runs check it on every host.

Serving: one nginx (Debian's, throw-away config) on loopback with one server block per site, each site on
its own address 127.0.0.(i+2) and the same port, so the sites are distinct hosts; the tiny site on a second
port of the same addresses. DIR/sites.csv and DIR/tiny.csv (name,url,province,district,type) list them.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import json
import random
import shutil
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from gen_site import MONTHS, sentence  # noqa: E402
from serve_nginx import free_port, launch  # noqa: E402

PLACES = ["บ้านใหม่", "หนองบัว", "ท่าช้าง", "ดอนแก้ว", "วังน้ำเย็น", "โพธิ์ทอง", "นาจาน", "ห้วยทราย", "บ่อพลอย",
          "ทุ่งกว้าง", "สันป่าตอง", "หนองแซง", "บางกระทุ่ม", "เขาดิน", "คลองขุด", "แม่ทะ", "ป่าแดด", "โคกสูง"]  # fmt: skip
PROVINCES = [("ลำปาง", "เมืองลำปาง"), ("น่าน", "ปัว"), ("แพร่", "สูงเม่น"), ("ขอนแก่น", "ชุมแพ"),
             ("นครราชสีมา", "ปักธงชัย"), ("สงขลา", "หาดใหญ่"), ("ชลบุรี", "บ้านบึง"), ("เชียงราย", "แม่สาย")]  # fmt: skip
TYPES = [("เทศบาลตำบล", "เทศบาล"), ("องค์การบริหารส่วนตำบล", "อบต."), ("เทศบาลเมือง", "เทศบาล")]
PDF_ITEMS = 10  # evidence PDFs per site (when that many items are published)


def address(i: int) -> str:
    """Site i's loopback address: 127.0.0.2 … 127.0.0.251."""
    if not 0 <= i < 250:
        raise ValueError("at most 250 sites (one loopback address each, 127.0.0.2–127.0.0.251)")
    return f"127.0.0.{i + 2}"


def _page(site: str, addr: str, title: str, body: str) -> str:
    menu = ('<a href="/index.html">หน้าแรก</a> <a href="/about/index.html">เกี่ยวกับหน่วยงาน</a> '
            '<a href="/news/index.html">ข่าวประชาสัมพันธ์</a> <a href="/ita.html">ITA / OIT</a>')  # fmt: skip
    return (
        f'<!doctype html><html lang="th"><head><meta charset="utf-8"><title>{html.escape(title)} - {site}</title>'
        f'</head><body><header><a href="/index.html">{site}</a></header><nav class="menu">{menu}</nav>'
        f"<main><h1>{html.escape(title)}</h1>{body}</main><footer><p>{addr}</p></footer></body></html>"
    )


def _site(root: Path, i: int, rng: random.Random, titles: dict[str, str]) -> dict:
    from datetime import datetime

    from tests.support import make_docs as md

    prefix, kind = TYPES[i % len(TYPES)]
    place = f"{PLACES[i % len(PLACES)]}{'' if i < len(PLACES) else ' ' + str(i // len(PLACES) + 1)}"
    province, district = PROVINCES[(i * 7) % len(PROVINCES)]
    name = f"{prefix}{place}"
    phone = f"0{rng.randint(20, 79)}-{rng.randint(100000, 999999)}"
    addr = f"{name} หมู่ {1 + i % 12} อำเภอ{district} จังหวัด{province} โทร {phone}"
    share = rng.uniform(0.35, 1.0)
    items = list(titles)
    present = sorted(rng.sample(items, max(1, round(share * len(items)))), key=items.index)
    pdf_items = set(rng.sample(present, min(PDF_ITEMS, len(present))))
    old = {x for x in present if rng.random() < 0.15}  # evidence dated an old fiscal year
    broken = {x for x in items if x not in present and rng.random() < 0.3}  # a row that links a 404
    created = datetime(2024, 3, 15, 10, 0)
    pages = pdfs = 0

    def write(rel: str, title: str, body: str) -> None:
        nonlocal pages
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(_page(name, addr, title, body), encoding="utf-8")
        pages += 1

    rows = []
    for item, title in titles.items():
        year = 2565 if item in old else 2567
        if item in pdf_items:
            text = (f"{title} ประจำปีงบประมาณ พ.ศ. {year}\n{name} อำเภอ{district} จังหวัด{province}\n"
                    f"ข้อมูล ณ วันที่ 15 มีนาคม {year}\n" + "\n".join(sentence(rng, 10) for _ in range(4)))  # fmt: skip
            data = md.thai_pdf([text, sentence(rng, 30)], title=f"{title} พ.ศ. {year}", created=created)
            (root / "files").mkdir(parents=True, exist_ok=True)
            (root / f"files/{item}.pdf").write_bytes(data)
            pdfs += 1
            cell = f'<a href="/files/{item}.pdf">ดาวน์โหลด</a>'
        elif item in present:
            day = f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {year}"
            body = (f"<p>{html.escape(title)} ประจำปีงบประมาณ พ.ศ. {year}</p><p>{addr}</p>"
                    f"<p>{sentence(rng, 50)}</p><p>ข้อมูล ณ วันที่ {day}</p>")  # fmt: skip
            write(f"oit/{item}.html", title, body)
            cell = f'<a href="/oit/{item}.html">เปิด</a>'
        elif item in broken:
            cell = f'<a href="/files/{item}-missing.pdf">ดาวน์โหลด</a>'
        else:
            cell = "อยู่ระหว่างดำเนินการ"
        rows.append(f"<tr><td>{item}</td><td>{html.escape(title)}</td><td>{cell}</td></tr>")
    ita = ("<p>การเปิดเผยข้อมูลสาธารณะ (OIT) ประจำปีงบประมาณ พ.ศ. 2567</p>"
           "<table><tr><th>ข้อ</th><th>ข้อมูล</th><th>หลักฐาน</th></tr>" + "".join(rows) + "</table>")  # fmt: skip
    write("ita.html", "การเปิดเผยข้อมูลสาธารณะ (OIT) ประจำปีงบประมาณ พ.ศ. 2567", ita)

    fill = max(4, 48 - pages - 4)  # the rest of ~50 pages: news and about pages
    n_news, n_about = fill * 2 // 3, fill - fill * 2 // 3
    arts = []
    for n in range(1, n_news + 1):
        title = f"{sentence(rng, 4)} {MONTHS[n % 12]} 2567"
        write(f"news/{n:03d}.html", title, "".join(f"<p>{sentence(rng, 40)}</p>" for _ in range(3)))
        arts.append(f'<li><a href="/news/{n:03d}.html">{html.escape(title)}</a></li>')
    write("news/index.html", "ข่าวประชาสัมพันธ์", f"<ul>{''.join(arts)}</ul>")
    abouts = []
    for n in range(1, n_about + 1):
        title = f"{sentence(rng, 3)} หน้า {n}"
        write(f"about/p{n}.html", title, f"<p>{sentence(rng, 80)}</p>")
        abouts.append(f'<li><a href="/about/p{n}.html">{html.escape(title)}</a></li>')
    write("about/index.html", "เกี่ยวกับหน่วยงาน", f"<p>{addr}</p><ul>{''.join(abouts)}</ul>")
    home = (f"<p>ยินดีต้อนรับสู่เว็บไซต์{name}</p><h2>ข่าวล่าสุด</h2><ul>{''.join(arts[:8])}</ul>"
            '<p><a href="/ita.html">การเปิดเผยข้อมูลสาธารณะ (OIT)</a></p>')  # fmt: skip
    write("index.html", name, home)
    return {"name": name, "province": province, "district": district, "type": kind, "pages": pages,
            "pdfs": pdfs, "present": len(present), "old": len(old), "broken": len(broken)}  # fmt: skip


def generate(root: Path, n: int, seed: int = 2567) -> dict:
    """Write n sites, DIR/tiny/, DIR/sites.csv and DIR/manifest.json (skipped when already written alike)."""
    from checker.rules import loader

    stamp = root / "manifest.json"
    if stamp.exists():
        with contextlib.suppress(ValueError, KeyError):
            m = json.loads(stamp.read_text(encoding="utf-8"))
            if m["sites"] == n and m["seed"] == seed:
                return m
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    titles = {i.id: i.title.th for i in loader.load("oit_2567").items}
    sites = [_site(root / f"s{i:03d}", i, random.Random(seed * 1000 + i), titles) for i in range(n)]
    tiny = root / "tiny"
    tiny.mkdir()
    (tiny / "index.html").write_text(_page("หน่วยงานทดสอบ", "", "หน้าแรก", "<p>ปิดปรับปรุงชั่วคราว</p>"), "utf-8")
    m = {
        "seed": seed,
        "sites": n,
        "html_pages": sum(s["pages"] for s in sites),
        "pdfs": sum(s["pdfs"] for s in sites),
        "mb": round(sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) / 1e6, 1),
        "items_published": [s["present"] for s in sites],
        "site_info": sites,
    }
    stamp.write_text(json.dumps(m, ensure_ascii=False), encoding="utf-8")
    return m


def write_csv(root: Path, m: dict, port: int, tiny_port: int) -> tuple[Path, Path]:
    """sites.csv (the generated sites) and tiny.csv (the tiny site on every host) for these ports."""
    head = "name,url,province,district,type\n"
    rows = [f"{s['name']},http://{address(i)}:{port}/,{s['province']},{s['district']},{s['type']}\n"
            for i, s in enumerate(m["site_info"])]  # fmt: skip
    tiny = [f"ทดสอบ {i},http://{address(i)}:{tiny_port}/,,,\n" for i in range(m["sites"])]
    (root / "sites.csv").write_text(head + "".join(rows), encoding="utf-8")
    (root / "tiny.csv").write_text(head + "".join(tiny), encoding="utf-8")
    return root / "sites.csv", root / "tiny.csv"


CONF = """\
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    include {mime};
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    charset utf-8;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
{servers}
}}
"""


@contextlib.contextmanager
def serve(root: Path, n: int) -> Iterator[tuple[int, int]]:
    """nginx serving site i on address(i):PORT and the tiny site on address(i):TINY_PORT; yields the ports."""
    port, tiny_port = free_port(), free_port()
    root = root.resolve()
    servers = []
    for i in range(n):
        a = address(i)
        servers.append(f"    server {{ listen {a}:{port}; root {root}/s{i:03d}; index index.html; }}")
        servers.append(f"    server {{ listen {a}:{tiny_port}; root {root}/tiny; index index.html; }}")

    def conf(tmp: str, mime: str) -> str:
        return CONF.format(tmp=tmp, mime=mime, servers="\n".join(servers))

    with launch(conf, (address(n - 1), port)):
        yield port, tiny_port


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", type=Path, nargs="?", default=Path("/tmp/oit-batch-sites"))
    ap.add_argument("--sites", type=int, default=200)
    ap.add_argument("--seed", type=int, default=2567)
    ap.add_argument("--serve", action="store_true", help="serve them with nginx until Ctrl-C")
    a = ap.parse_args()
    t0 = time.perf_counter()
    m = generate(a.dir, a.sites, a.seed)
    info = {k: v for k, v in m.items() if k not in ("site_info", "items_published")}
    print(json.dumps(info, ensure_ascii=False), f"in {time.perf_counter() - t0:.1f}s", flush=True)
    if a.serve:
        signal.signal(signal.SIGTERM, signal.default_int_handler)  # `kill PID` stops nginx too
        with contextlib.suppress(KeyboardInterrupt), serve(a.dir, a.sites) as (port, tiny):
            csv_path, _ = write_csv(a.dir, m, port, tiny)
            print(f"serving {a.sites} sites on 127.0.0.2…:{port} (tiny: :{tiny}); list {csv_path}", flush=True)
            while True:
                time.sleep(3600)


if __name__ == "__main__":
    main()
