"""Labelled cases beside a rule pack: a small page or a document's text -> the verdict one item must get.

A pack author changes a keyword; these cases say at once which verdicts moved (`oitcheck rules test`). Each
case is judged by the real evaluator on a site built in memory, as the crawler would have left it: a home
page links to the case page with the item's id and title (an ITA page's row), unless the case gives its own
home page (`pages: {"/": …}`) or *is* the home page (`url: /`); a link to a page of the case site that the
case does not give answers 404, a link off the site is not followed. No network, no OCR, no browser.

    year: 2567                       # optional: the fiscal year every case is judged for (default: the pack's)
    cases:
      - name: contact page with every element
        item: O5
        html: <h1>ข้อมูลการติดต่อ</h1> …   # or text: "…" (a document's text; kind: pdf | docx | xlsx)
        url: /contact.html           # optional
        pages: {"/": <a href="contact.html">ติดต่อเรา</a>}   # optional further pages, path -> HTML
        expect: {status: pass, elements: {fax: found}}    # only the elements listed are compared

The file is validated strictly (unknown fields, an item or element the pack does not have): every problem
names the file and the line, as the pack loader's do.
"""

from __future__ import annotations

import html as html_lib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

import yaml
from pydantic import Field, ValidationError, field_validator, model_validator

from checker.crawl.scope import BadURL, canonical
from checker.evaluate.evaluator import evaluate_item, find_index_pages
from checker.evaluate.evidence import SiteContent
from checker.evaluate.naming import NamingMemo, build_index
from checker.evaluate.recognise import ItemMatcher
from checker.extract import DEFAULT_LIMITS, extract
from checker.extract.documents import assemble
from checker.extract.kinds import kind_from_url
from checker.models import Document, ItemResult, ItemStatus, Referrer, Resource, ResourceKind
from checker.rules.base import _Strict
from checker.rules.loader import Path_, RuleFileError, _field_name, _line_for, yaml_lines
from checker.rules.schema import RulePack

SITE = "https://www.example.go.th/"  # the case site's home page; nothing is fetched from it
AGENCY = "หน่วยงานตัวอย่าง"
Expected = Literal["found", "missing", "not_found", "unknown"]  # "missing" is the report's "not_found"
DOC_KINDS: dict[str, tuple[ResourceKind, str]] = {
    "pdf": (ResourceKind.PDF, "application/pdf"),
    "docx": (ResourceKind.DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": (ResourceKind.XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


class Expect(_Strict):
    status: ItemStatus
    elements: dict[str, Expected] = Field(default_factory=dict)


class Case(_Strict):
    name: str = Field(min_length=1)
    item: str = Field(min_length=1)
    year: int | None = Field(default=None, ge=2500, le=2700)
    url: str | None = None  # a path on the case site; default /case.html, or /files/case.pdf for text
    html: str | None = None
    text: str | None = None  # pages of a document, separated by form feeds (\f)
    kind: Literal["pdf", "docx", "xlsx"] | None = None
    ocr: bool = False  # the text was read by OCR (tolerant keywords apply)
    pages: dict[str, str] = Field(default_factory=dict)
    expect: Expect

    @model_validator(mode="after")
    def _one_body(self) -> Case:
        if (self.html is None) == (self.text is None):
            raise ValueError("a case needs exactly one of html (a page) or text (a document's text)")
        if self.html is not None and (self.kind is not None or self.ocr):
            raise ValueError("kind and ocr describe a document: use them with text, not html")
        for path in [self.url or "", *self.pages]:
            if "://" in path or path.startswith("//"):
                raise ValueError(f"{path!r}: give a path on the case site (/contact.html), not an address")
        if self.text is not None and self.url is not None and not self.url.strip().strip("/"):
            raise ValueError("url: a document cannot be the home page; give it a path such as /files/plan.pdf")
        if self.url is not None and self.url in self.pages:
            raise ValueError(f"pages: {self.url!r} is the case page itself (html or text)")
        return self


class CasesFile(_Strict):
    year: int | None = Field(default=None, ge=2500, le=2700)
    cases: tuple[Case, ...]

    @field_validator("cases")
    @classmethod
    def _some(cls, v: tuple[Case, ...]) -> tuple[Case, ...]:
        # Not min_length: pydantic would add "at least 1 item" to the errors of a list whose every case is bad.
        if not v:
            raise ValueError("the file has no cases")
        return v


@dataclass(frozen=True)
class Loaded:
    """A validated cases file and the line each case starts at (for the runner's FAIL lines)."""

    path: str
    cases: CasesFile
    lines: tuple[int, ...]


@dataclass(frozen=True)
class Outcome:
    case: Case
    line: int
    year: int
    result: ItemResult
    mismatches: tuple[str, ...]  # "status", or the id of an element whose status differs

    @property
    def passed(self) -> bool:
        return not self.mismatches

    def got_elements(self) -> dict[str, str]:
        """The statuses of the elements the case names, as the case spells them."""
        found = {e.id: _spelt(e.status) for e in self.result.elements}
        return {e: found.get(e, "?") for e in self.case.expect.elements}


def cases_path(pack_path: Path) -> Path:
    """Where a pack's cases live by default: `<pack stem>.cases.yaml` beside it."""
    return pack_path.with_name(f"{pack_path.stem}.cases.yaml")


def load(path: Path, pack: RulePack) -> Loaded:
    """Read and validate a cases file against `pack`; RuleFileError (file:line per problem) otherwise."""
    name = str(path)
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RuleFileError(name, [f"{name}: no such cases file"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(name, [f"{name}: cannot read: {exc}"]) from None
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark is not None else name
        raise RuleFileError(name, [f"{where}: not valid YAML: {getattr(exc, 'problem', exc)}"]) from None
    if not isinstance(data, dict):
        raise RuleFileError(name, [f"{name}:1: a cases file must be a mapping with `cases:` (and optional `year:`)"])
    lines = yaml_lines(source)
    try:
        parsed = CasesFile.model_validate(data)
    except ValidationError as exc:
        raise RuleFileError(name, [_describe(err, data, lines, name) for err in exc.errors()]) from None
    problems = [f"{name}:{_line_for(loc, lines)}: {_who(loc, data)}{msg}" for loc, msg in _against(parsed, pack)]
    if problems:
        raise RuleFileError(name, problems)
    return Loaded(name, parsed, tuple(_line_for(("cases", i), lines) for i in range(len(parsed.cases))))


def _against(parsed: CasesFile, pack: RulePack) -> list[tuple[Path_, str]]:
    """What the pack does not have: an item, or an element of the item."""
    out: list[tuple[Path_, str]] = []
    for i, case in enumerate(parsed.cases):
        try:
            item = pack.item(case.item)
        except KeyError:
            out.append((("cases", i, "item"), f"field item: no item {case.item!r} in pack {pack.id}"))
            continue
        known = [e.id for e in item.elements]
        for element in case.expect.elements:
            if element not in known:
                where: Path_ = ("cases", i, "expect", "elements", element)
                out.append((where, f"field expect.elements: {item.id} has no element {element!r} ({', '.join(known)})"))
    return out


def _describe(err: Any, data: dict[str, Any], lines: dict[Path_, int], name: str) -> str:
    loc: Path_ = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    msg = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        msg = f"unknown field {loc[-1]!r}"
    elif err["type"] == "missing":
        msg = f"required field {loc[-1]!r} is missing"
    field = _field_name(loc[2:] if len(loc) > 1 and loc[0] == "cases" else loc)
    return f"{name}:{_line_for(loc, lines)}: {_who(loc, data)}field {field or '(the case)'}: {msg}"


def _who(loc: Path_, data: dict[str, Any]) -> str:
    """What leads a problem inside a case: "case 'name', " (its number when it has no name)."""
    if len(loc) < 2 or loc[0] != "cases" or not isinstance(loc[1], int):
        return ""
    cases = data.get("cases")
    entry = cases[loc[1]] if isinstance(cases, list) and loc[1] < len(cases) else None
    label = entry.get("name") if isinstance(entry, dict) else None
    return f"case {label!r}, " if isinstance(label, str) else f"case #{loc[1] + 1}, "


# ---------------------------------------------------------------- running


def run(loaded: Loaded, pack: RulePack, lang: str = "th") -> list[Outcome]:
    """Judge every case; the memo of what each text names is shared, as one crawl's evaluation shares it."""
    memo = NamingMemo([ItemMatcher(i) for i in pack.items])
    default_year = loaded.cases.year or pack.fiscal_year
    out: list[Outcome] = []
    for case, line in zip(loaded.cases.cases, loaded.lines, strict=True):
        year = case.year or default_year
        result = judge(case, pack, year, lang, memo)
        out.append(Outcome(case, line, year, result, _mismatches(case, result)))
    return out


def judge(case: Case, pack: RulePack, year: int, lang: str = "th", memo: NamingMemo | None = None) -> ItemResult:
    """The case's item judged on its site exactly as evaluate() judges every item of a crawl."""
    memo = memo or NamingMemo([ItemMatcher(i) for i in pack.items])
    item = pack.item(case.item)
    site = build_site(case, f"{item.id} {item.title.th}")
    site = replace(site, index_pages=find_index_pages(pack, site, memo=memo))
    return evaluate_item(item, site, year, lang, memo.matchers, build_index(site, memo), memo, pack.periods)


def build_site(case: Case, row: str) -> SiteContent:
    """The case's pages and document as a crawl records them: Resources, Documents, referrers."""
    resources: dict[str, Resource] = {}
    documents: dict[str, Document] = {}
    own = _url(case.url or ("/" + ("case.html" if case.html is not None else f"files/case.{case.kind or 'pdf'}")))
    pages = {_url(path): body for path, body in case.pages.items()}
    if case.html is not None:
        pages[own] = case.html
    if SITE not in pages:  # the item's row on a page of the site, as an ITA page lists it
        pages[SITE] = f'<h1>{AGENCY}</h1><ul><li><a href="{html_lib.escape(own)}">{html_lib.escape(row)}</a></li></ul>'
    for url, body in pages.items():
        body_bytes = _page(body).encode("utf-8")
        res = Resource(url, url, 200, content_type="text/html; charset=utf-8", kind=ResourceKind.HTML, body=body_bytes)
        resources[url], documents[url] = res, extract(res)
    if case.text is not None:
        kind, content_type = DOC_KINDS[case.kind or "pdf"]
        resources[own] = Resource(own, own, 200, content_type=content_type, kind=kind)
        doc = assemble(own, kind, case.text.split("\f"), limits=DEFAULT_LIMITS)
        documents[own] = replace(doc, ocr_pages=doc.page_count if case.ocr else 0)
    for page in list(pages):
        for link in documents[page].links:
            _record(resources, page, link.url, Referrer(page, link.text, link.context))
    return SiteContent(SITE, resources, documents)


def _record(resources: dict[str, Resource], page: str, href: str, referrer: Referrer) -> None:
    """A link as the crawler keeps it: a page of the case site not given answers 404; off the site: not followed."""
    if not href.lower().startswith(("http://", "https://")):
        return
    try:
        url = canonical(href)
    except BadURL:
        return
    res = resources.get(url)
    if res is None:
        on_site = urlsplit(url).hostname == urlsplit(SITE).hostname
        kind = kind_from_url(url) or ResourceKind.OTHER
        res = Resource(url, url, 404 if on_site else None, kind=kind, fetched=on_site, depth=1)
        res.skipped_reason = None if on_site else "external"
        resources[url] = res
    res.referrers.append(referrer)


def _url(path: str) -> str:
    return canonical(urljoin(SITE, path.strip() or "/"))


def _page(body: str) -> str:
    """A fragment gets the page around it; a whole page (with <html>) is kept as written."""
    if "<html" in body.lower():
        return body
    head = f'<!doctype html><html><head><meta charset="utf-8"><title>{AGENCY}</title></head>'
    return f"{head}<body>{body}</body></html>"


def _spelt(status: str) -> str:
    return "missing" if status == "not_found" else status


def _mismatches(case: Case, result: ItemResult) -> tuple[str, ...]:
    out = ["status"] if result.status != case.expect.status else []
    got = {e.id: _spelt(e.status) for e in result.elements}
    out += [e for e, want in case.expect.elements.items() if got.get(e) != _spelt(want)]
    return tuple(out)
