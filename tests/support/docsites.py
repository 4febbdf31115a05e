"""Labelled fixture sites whose evidence is documents: a spec -> a small web site on disk -> scored verdicts.

A spec (tests/fixtures/docsites/<site>.yaml) describes one fictional agency's site and what a careful
assessor would conclude about the items it exercises:

    site: เทศบาลตำบลบ้านใหม่            # the agency; the home page's <title>
    year: 2567                          # assessed fiscal year (default 2567)
    about: what the site is for
    home:                               # index.html: a menu (path -> words) and a footer with the address
      menu: {ita.html: การเปิดเผยข้อมูลสาธารณะ (OIT)}
      footer: ที่อยู่ ...
    ita:                                # an ITA page: one table row per item
      path: ita.html
      heading: การเปิดเผยข้อมูลสาธารณะ (OIT) ประจำปีงบประมาณ พ.ศ. 2567
      rows:
        - {item: O11, text: แผนดำเนินงาน..., href: files/plan.pdf}       # anchor "เปิด" unless `anchor`
    pages:                              # any other HTML page: path -> body (a fragment gets a wrapper)
      procurement.html: <h1>...</h1> ...
    documents:                          # generated when the site is built; nothing binary is committed
      - path: files/plan.pdf
        kind: text_pdf                  # see KINDS
        title: ...                      # file metadata (optional): title, created, modified
        created: 2024-02-20
        pages: [text of page 1, text of page 2]
    labels:                             # item -> the verdict a careful assessor would give
      O11: {expect: pass, why: ...}
      O31: {expect: pass, without_ocr: review, why: ...}   # a scan: pass with Thai OCR, review without
      O30: {expect: pass, reasons: [หมายเหตุ]}             # words that must appear in the item's reasons
      O12: {expect: pass, evidence: [หน้า 3]}              # words that must appear in an evidence snippet

Document kinds and their content fields:
    text_pdf, multipage_pdf  pages: [str]          a Thai text layer, one string per page ("\\n" = new line)
    scan_pdf                 pages: [[line]]       image-only pages (a photocopier's scan), no text layer
    scan_png, scan_jpg       lines: [line]         one scanned page; a JPEG's `created` goes into EXIF
    docx                     heading, paragraphs: [str], table: [[cell]]
    xlsx                     sheets: {name: [[cell]]}
    csv                      rows: [[cell]], encoding (cp874 by default, as Thai Excel saves it)
    broken_pdf               pages: [str], keep: 0.5    a text PDF cut off part-way, as a failed upload
    encrypted_pdf            pages: [str], user_password: "secret" ("" = owner password only: opens)
A label with `without_ocr` (or `needs_ocr: true`) depends on Thai OCR; `without_ocr` also gives the verdict
expected when the check runs with ocr=None.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from checker.models import ItemResult, SiteReport
from tests.support import make_docs as md

SPEC_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "docsites"
KINDS = (
    "text_pdf", "multipage_pdf", "scan_pdf", "scan_png", "scan_jpg", "docx", "xlsx", "csv", "broken_pdf",
    "encrypted_pdf",
)  # fmt: skip
STATUSES = ("pass", "incomplete", "outdated", "missing", "unreachable", "review")
LABEL_KEYS = {"expect", "without_ocr", "needs_ocr", "reasons", "evidence", "without_ocr_reasons", "why"}

Score = tuple[str, str, str]  # (item, expected, got); got == expected when the label holds


# ---------------------------------------------------------------------------------------------- specs


def load_specs(directory: Path = SPEC_DIR) -> list[dict[str, Any]]:
    """Every spec in `directory`, sorted by file name, each with its `name` (the file's stem)."""
    return [load_spec(p) for p in sorted(directory.glob("*.yaml"))]


def load_spec(path: Path) -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    spec.setdefault("name", path.stem)
    validate(spec)
    return spec


def validate(spec: dict[str, Any]) -> None:
    """Fail early on a spec typo: an unknown kind or status would otherwise look like a tool error."""
    where = spec.get("name", "?")
    for doc in spec.get("documents", []):
        if doc.get("kind") not in KINDS:
            raise ValueError(f"{where}: {doc.get('path')}: unknown kind {doc.get('kind')!r}")
        if doc["kind"] == "multipage_pdf" and len(doc.get("pages", [])) < 2:
            raise ValueError(f"{where}: {doc['path']}: a multipage_pdf needs at least 2 pages")
    for item, label in spec.get("labels", {}).items():
        unknown = set(label) - LABEL_KEYS
        if unknown:
            raise ValueError(f"{where}: {item}: unknown label keys {sorted(unknown)}")
        for key in ("expect", "without_ocr"):
            if key in label and label[key] not in STATUSES:
                raise ValueError(f"{where}: {item}: {key}={label[key]!r} is not a status")
        if "expect" not in label:
            raise ValueError(f"{where}: {item}: a label needs `expect`")


def needs_ocr(label: dict[str, Any]) -> bool:
    """Whether the label's OCR-run verdict depends on reading a scan."""
    return bool(label.get("needs_ocr")) or ("without_ocr" in label and label["without_ocr"] != label["expect"])


def labels(spec: dict[str, Any], ocr: bool = True) -> dict[str, dict[str, Any]]:
    """The labels checked in a run with OCR (all) or without it (those that give `without_ocr`)."""
    all_labels: dict[str, dict[str, Any]] = spec.get("labels", {})
    return all_labels if ocr else {k: v for k, v in all_labels.items() if "without_ocr" in v}


# ----------------------------------------------------------------------------------------------- build


def _when(value: object) -> dt.datetime | None:
    """A spec date (YAML date, datetime or ISO string) as a datetime at 10:00 local time."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, 10, 0)
    return dt.datetime.fromisoformat(str(value))


def _page(site: str, body: str) -> str:
    if "<html" in body.lower():
        return body
    head = f'<!doctype html><html lang="th"><head><meta charset="utf-8"><title>{html.escape(site)}</title></head>'
    return f"{head}<body>{body}</body></html>"


def _home(spec: dict[str, Any]) -> str:
    home = spec.get("home", {})
    site = html.escape(spec["site"])
    menu = "".join(
        f'<li><a href="{html.escape(href)}">{html.escape(words)}</a></li>'
        for href, words in home.get("menu", {}).items()
    )
    intro = home.get("intro", f"ยินดีต้อนรับสู่เว็บไซต์{spec['site']}")
    footer = html.escape(home.get("footer", ""))
    return (
        f'<header class="header"><div class="logo">{site}</div></header>'
        f'<nav class="menu"><ul>{menu}</ul></nav>'
        f"<main><h1>{site}</h1><p>{html.escape(intro)}</p></main>"
        f'<footer class="footer"><p>{footer}</p></footer>'
    )


def _ita(ita: dict[str, Any]) -> str:
    rows = []
    for row in ita["rows"]:
        href = html.escape(row.get("href", "#"))
        anchor = html.escape(row.get("anchor", "เปิด"))
        rows.append(
            f"<tr><td>{html.escape(row['item'])}</td><td>{html.escape(row['text'])}</td>"
            f'<td><a href="{href}">{anchor}</a></td></tr>'
        )
    heading = html.escape(ita.get("heading", "การเปิดเผยข้อมูลสาธารณะ (OIT)"))
    return (
        f'<p><a href="index.html">หน้าแรก</a></p><h1>{heading}</h1>'
        "<table><tr><th>ข้อ</th><th>ข้อมูล</th><th>หลักฐาน</th></tr>" + "".join(rows) + "</table>"
    )


def document_bytes(doc: dict[str, Any]) -> bytes:
    """The bytes of one spec document (see the module docstring for the fields of each kind)."""
    kind = doc["kind"]
    title = str(doc.get("title", ""))
    created, modified = _when(doc.get("created")), _when(doc.get("modified"))
    pages = [str(p) for p in doc.get("pages", [])]
    if kind in ("text_pdf", "multipage_pdf"):
        return md.thai_pdf(pages, title=title, created=created, modified=modified)
    if kind == "scan_pdf":
        scans = doc.get("pages") or [doc["lines"]]
        return md.scanned_pages_pdf([[str(x) for x in lines] for lines in scans], title=title, created=created)
    if kind in ("scan_png", "scan_jpg"):
        return md.scan_file([str(x) for x in doc["lines"]], "PNG" if kind == "scan_png" else "JPEG", created=created)
    if kind == "docx":
        return md.docx_doc(
            [str(p) for p in doc.get("paragraphs", [])],
            heading=str(doc.get("heading", "")),
            table=[[str(c) for c in row] for row in doc.get("table", [])],
            title=title,
            created=created,
            modified=modified,
        )
    if kind == "xlsx":
        return md.xlsx_doc(doc["sheets"], title=title, created=created, modified=modified)
    if kind == "csv":
        return md.csv_doc(doc["rows"], doc.get("encoding", "cp874"))
    if kind == "broken_pdf":
        whole = md.thai_pdf(pages, title=title, created=created, modified=modified)
        return md.truncate(whole, float(doc.get("keep", 0.5)))
    if kind == "encrypted_pdf":
        plain = md.thai_pdf(pages, title=title, created=created, modified=modified)
        return md.encrypt_pdf(plain, str(doc.get("user_password", "secret")))
    raise ValueError(f"unknown document kind {kind!r}")


def build_site(spec: dict[str, Any], root: Path) -> None:
    """Write the spec's home page, ITA page, other pages and generated documents under `root`."""
    site = spec["site"]
    pages: dict[str, str] = {}
    if "home" in spec:
        pages["index.html"] = _home(spec)
    if "ita" in spec:
        pages[spec["ita"].get("path", "ita.html")] = _ita(spec["ita"])
    pages.update(spec.get("pages", {}))
    for rel, body in pages.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_page(site, body), encoding="utf-8")
    for doc in spec.get("documents", []):
        target = root / doc["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(document_bytes(doc))


# ----------------------------------------------------------------------------------------------- score


def _problems(label: dict[str, Any], item: ItemResult, ocr: bool) -> list[str]:
    """What the label asks of the reasons and evidence beyond the status, and the item does not show."""
    out = []
    reasons = " ".join(item.reasons)
    for word in label.get("reasons" if ocr else "without_ocr_reasons", []):
        if word not in reasons:
            out.append(f"reasons lack “{word}”")
    if ocr:
        snippets = " ".join(e.snippet for e in item.evidence)
        for word in label.get("evidence", []):
            if word not in snippets:
                out.append(f"evidence lacks “{word}”")
    return out


def score(spec: dict[str, Any], report: SiteReport, *, ocr: bool = True, skip: Iterable[str] = ()) -> list[Score]:
    """(item, expected, got) for every label of the run (`ocr`: the OCR run or the ocr=None run).

    `got` is the item's status, with what is missing appended when the status is right but a required
    word is absent from the reasons or evidence ("pass; reasons lack “หมายเหตุ”"), so a label holds exactly
    when got == expected. Items in `skip` are left out.
    """
    by_id = {i.id: i for i in report.items}
    skipped = set(skip)
    out: list[Score] = []
    for item_id, label in labels(spec, ocr).items():
        if item_id in skipped:
            continue
        expected = label["expect"] if ocr else label["without_ocr"]
        item = by_id.get(item_id)
        if item is None:
            out.append((item_id, expected, "absent from the report"))
            continue
        got: str = item.status
        if got == expected:
            problems = _problems(label, item, ocr)
            if problems:
                got = f"{got}; " + "; ".join(problems)
        out.append((item_id, expected, got))
    return out


def ocr_labels(spec: dict[str, Any]) -> list[str]:
    """Items whose OCR-run label needs Thai OCR (left out when it is not installed)."""
    return [k for k, v in labels(spec).items() if needs_ocr(v)]


def explain(report: SiteReport, item_id: str) -> str:
    """A failing label's context: status, reasons and evidence, for assertion messages and the bench."""
    item = next((i for i in report.items if i.id == item_id), None)
    if item is None:
        return f"{item_id}: not in the report"
    ev = "; ".join(f"{e.url} [{e.period or '-'}] {e.snippet[:120]}" for e in item.evidence[:3])
    return f"{item_id} → {item.status}\n    reasons: {item.reasons}\n    evidence: {ev}"
