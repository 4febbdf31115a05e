"""One generated site while it is built: the agency, its URL scheme, and what has been put on it so far.

Item builders (items_*.py) add pages, documents and links here and record each item's label; chrome.py and
render.py then lay the site out (menus, ITA page, footer) and produce the spec dict.
"""

from __future__ import annotations

import base64
import itertools
import random
import string
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from tests.support.fieldgen.thai import Day, mobile, phone
from tests.support.fieldgen.vocab import Half, Pool

SCHEMES_DEV = ("vendor", "wordpress", "static")
SCHEMES_TEST_ONLY = ("joomla", "datacenter")
MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "jpg": "image/jpeg",
}
GROUP_OF = {  # where an item's evidence sits when the site has no ITA page (ordinary menus, domain.md)
    "O1": "basic", "O3": "basic", "O4": "plan", "O6": "law", "O10": "basic", "O11": "plan", "O12": "plan",
    "O13": "plan", "O14": "basic", "O15": "service", "O16": "service", "O17": "service", "O19": "procurement",
    "O20": "procurement", "O21": "procurement", "O22": "procurement", "O23": "hr", "O24": "hr", "O25": "hr",
    "O26": "hr", "O27": "complaint", "O29": "complaint", "O30": "news",
}  # fmt: skip


def group_of(item: str) -> str:
    return GROUP_OF.get(item, "anticorruption")


class Strict(dict[str, Any]):
    def __missing__(self, key: str) -> Any:
        raise KeyError(f"no value for placeholder {{{key}}}")


@dataclass
class Person:
    title: str
    first: str
    last: str
    position: str
    phone: str

    @property
    def name(self) -> str:
        return f"{self.title}{self.first} {self.last}"


@dataclass
class Link:
    href: str
    text: str


@dataclass
class Entry:
    """A line on a menu page: what it is, the link, the anchor's words, a date."""

    text: str
    href: str
    link_text: str
    date: Day | None = None


@dataclass
class Label:
    expect: str
    why: str
    without_ocr: str | None = None

    def as_dict(self) -> dict[str, str]:
        out = {"expect": self.expect, "why": self.why}
        if self.without_ocr:
            out["without_ocr"] = self.without_ocr
        return out


@dataclass
class Site:
    name: str
    seed: int
    half: Half
    year: int
    scheme: str
    ita: str  # "table" | "ita_all" | "list" | "none"
    template: str
    hard_cases: frozenset[int]
    rng: random.Random = field(init=False)
    pool: Pool = field(init=False)
    pages: dict[str, dict[str, Any]] = field(default_factory=dict)
    documents: list[dict[str, Any]] = field(default_factory=list)
    routes: dict[str, dict[str, Any]] = field(default_factory=dict)
    labels: dict[str, Label] = field(default_factory=dict)
    rows: dict[str, list[Link]] = field(default_factory=dict)  # ITA rows; [] = a row without evidence
    row_title: dict[str, str] = field(default_factory=dict)
    groups: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    native: dict[str, str] = field(default_factory=dict)  # page kind -> URL, linked from the header menu
    news: list[tuple[Day, str, str]] = field(default_factory=list)
    home_blocks: list[str] = field(default_factory=list)
    ita_blocks: list[str] = field(default_factory=list)
    scans: int = 0
    social: bool = True
    footer_fax: bool = True
    footer_email: bool = True
    pdpa_footer: str = ""

    def __post_init__(self) -> None:
        self.rng = random.Random(f"{self.half}:{self.seed}")
        self.pool = Pool(self.half, self.rng)
        self._ids = itertools.count(self.rng.randint(120, 900))
        self._urls: dict[str, str] = {}
        self._names: set[str] = set()
        kind = self.pool.pick("agency_type")
        self.kind: dict[str, str] = kind
        self.place = self.pool.pick("place")
        self.district = self.pool.pick("district")
        self.province = self.pool.pick("province")
        self.agency = f"{kind['full']}{self.place}"
        self.short = f"{kind['short']}{self.place}"
        self.slug = "".join(self.rng.choice(string.ascii_lowercase) for _ in range(6))
        area = self.rng.choice(("42", "43", "44", "45", "53", "54", "32", "34"))
        self.phone = phone(self.rng, area)
        self.fax = phone(self.rng, area)
        self.email = f"saraban@{self.slug}.go.th"
        moo = self.rng.randint(1, 12)
        self.address = (
            f"เลขที่ {self.rng.randint(1, 199)} หมู่ที่ {moo} ตำบล{self.place} อำเภอ{self.district} "
            f"จังหวัด{self.province} {self.pool.pick('postcode')}"
        )
        self.people = self._people()

    # ------------------------------------------------------------------------------------------ people

    def _person(self, position: str) -> Person:
        if self.rng.random() < 0.7:
            title, first = "นาย", self.pool.pick("first_male")
        else:
            title, first = self.rng.choice(("นาง", "นางสาว")), self.pool.pick("first_female")
        return Person(title, first, self.pool.pick("surname"), position, mobile(self.rng))

    def _people(self) -> list[Person]:
        k = self.kind
        return [self._person(k[role] + self.place) for role in ("chief", "deputy", "deputy", "secretary", "clerk")]

    @property
    def chief(self) -> Person:
        return self.people[0]

    @property
    def clerk(self) -> Person:
        return self.people[4]

    # ----------------------------------------------------------------------------------------- wording

    def ctx(self, **extra: Any) -> Strict:
        y = self.year
        values: dict[str, Any] = {
            "agency": self.agency, "short": self.short, "place": self.place, "district": self.district,
            "province": self.province, "Y": y, "Y1": y - 1, "Y2": y - 2, "Y3": y - 3, "y": y, "y1": y - 1,
            "yp": y - 1, "yy1": f"{(y - 1) % 100:02d}", "law": self.kind["law"], "sections": self.kind["sections"],
            "m": self.rng.randint(1, 12), "k": self.rng.randint(2, 9),
        }  # fmt: skip
        values.update(extra)
        return Strict(values)

    def fmt(self, template: str, **extra: Any) -> str:
        return template.format_map(self.ctx(**extra))

    def word(self, item: str, key: str, **extra: Any) -> str:
        """A wording variant of one element of an item, placeholders filled."""
        return self.fmt(self.pool.item(item, key), **extra)

    def words(self, *path: str, **extra: Any) -> str:
        return self.fmt(self.pool.pick(*path), **extra)

    # -------------------------------------------------------------------------------------------- URLs

    def next_id(self) -> int:
        return next(self._ids)

    def url(self, kind: str) -> str:
        """The URL of a named page (stable per kind), in the site's scheme."""
        if kind not in self._urls:
            self._urls[kind] = self._new_url(kind)
        return self._urls[kind]

    def _new_url(self, kind: str) -> str:
        n = self.next_id()
        slug = kind.split(":", 1)[-1]
        if kind == "home":
            return "/"
        if self.scheme == "vendor":
            mods = {"exec": "head", "contact": "contact", "webboard": "webboard", "complaint_general": "complain"}
            if kind in mods:
                return "/index.php?_mod=" + _b64(mods[kind])
            if kind == "complaint":
                return f"/index.php?_mod={_b64('complain')}&type={_b64('corrupt')}"
            special = {"ita": "/Pages/ita_all", "laws": "/lawlink.php?menuid=1&link=9", "news": "/news.php?cat_id=1"}
            if kind in special:
                return special[kind]
            if kind.startswith("post"):
                return f"/shownews.php?id={n}"
            return f"/Pages/{slug}"
        if self.scheme == "wordpress":
            if kind.startswith("post"):
                return f"/?p={n * 7}"
            if kind.startswith("group"):
                return f"/?cat={n % 97 + 2}"
            return f"/?page_id={n * 3}"
        if self.scheme == "joomla":
            if kind.startswith("group") or kind == "news":
                return f"/index.php?option=com_content&view=category&id={n % 90 + 8}&Itemid={n % 40 + 101}"
            return f"/index.php?option=com_content&view=article&id={n}&Itemid={n % 40 + 101}"
        if self.scheme == "datacenter":
            if kind == "ita":
                return "/ita.php"
            if kind.startswith("post"):
                return f"/public/list/data/detail/id/{n}/menu/{n % 50 + 1100}"
            if kind.startswith("group") or kind == "news":
                return f"/public/list/data/index/menu/{n % 50 + 1100}"
            return f"/introall/intro-{slug}.php"
        # static
        static = {"ita": f"/ita{self.year}.html", "news": "/news/index.html", "contact": "/contact.html"}
        if kind in static:
            return static[kind]
        if kind.startswith("post"):
            return f"/news/{n}.html"
        if kind.startswith("group"):
            return f"/menu/{slug}.html"
        return f"/about/{slug}.html"

    def post_url(self) -> str:
        return self.url(f"post{self.next_id()}")

    # ------------------------------------------------------------------------------------ pages & files

    def add_page(self, url: str, title: str, body: str) -> str:
        self.pages[url] = {"title": f"{title} - {self.agency}", "body": body}
        return url

    def add_raw(self, url: str, text: str, content_type: str) -> str:
        """A non-HTML resource written as text (an SVG image)."""
        self.pages[url] = {"html": text, "content_type": content_type}
        return url

    def add_binary(self, url: str, data: bytes, content_type: str) -> str:
        self.routes[url] = {"body": data, "headers": {"Content-Type": content_type}}
        return url

    def file_name(self, slug: str, item: str, day: Day) -> str:
        n = int(item[1:]) if item.startswith("O") else 0
        pattern = str(self.pool.pick("file_name"))
        name: str = pattern.format_map(
            self.ctx(
                G=day.gregorian,
                mm=f"{day.month:02d}",
                dd=f"{day.day:02d}",
                hhmmss=f"{self.rng.randint(80000, 165959):06d}",
                k=self.next_id(),
                slug=slug,
                n=n,
                n2=f"{n:02d}",
            )
        )
        while name in self._names:
            name = f"{name}-{self.rng.randint(1, 9)}"
        self._names.add(name)
        return name

    def _location(self, name: str, ext: str, uploaded: Day) -> tuple[str, str, bool]:
        """(file under the site root, href, href is a download route)."""
        g, mm = uploaded.gregorian, f"{uploaded.month:02d}"
        if self.scheme == "wordpress":
            rel = f"wp-content/uploads/{g}/{mm}/{name}.{ext}"
            return rel, "/" + rel, False
        if self.scheme == "vendor":
            rel = f"fileupload/{name}.{ext}"
            if self.rng.random() < 0.6:
                return rel, f"/download.php?id={self.next_id()}", True
            return rel, "/" + rel, False
        if self.scheme == "joomla":
            rel = f"images/ita{self.year}/{name}.{ext}" if self.rng.random() < 0.6 else f"images/stories/{name}.{ext}"
            return rel, "/" + rel, False
        if self.scheme == "datacenter":
            return f"datacenter/doc/{name}.{ext}", f"/datacenter/doc.php?id={self.next_id()}", True
        rel = f"files/{name}.{ext}" if self.rng.random() < 0.5 else f"doc/ita{self.year}/{name}.{ext}"
        return rel, "/" + rel, False

    def add_doc(self, doc: dict[str, Any], name: str, ext: str, uploaded: Day) -> str:
        """Store a generated document; return the href that opens it."""
        rel, href, routed = self._location(name, ext, uploaded)
        self.documents.append({**doc, "path": rel})
        if routed:
            self.routes[href] = {"file": rel, "headers": {"Content-Type": MIME[ext]}}
        return href

    def dead_href(self, name: str, ext: str, uploaded: Day) -> str:
        """A link to a file that is not there: the server answers 404."""
        _, href, routed = self._location(name, ext, uploaded)
        if routed:
            self.routes[href] = {"status": 404, "body": "<html><body><h1>404 ไม่พบไฟล์ที่ต้องการ</h1></body></html>"}
        return href

    def drive_href(self, folder: bool = False) -> str:
        alphabet = string.ascii_letters + string.digits + "-_"
        key = "1" + "".join(self.rng.choice(alphabet) for _ in range(32))
        if folder:
            return f"https://drive.google.com/drive/folders/{key}?usp=sharing"
        if self.rng.random() < 0.3:
            return f"https://drive.google.com/open?id={key}"
        return f"https://drive.google.com/file/d/{key}/view?usp=sharing"

    # ---------------------------------------------------------------------------------- links & labels

    def link_text(self, head: str = "", name: str = "") -> str:
        r = self.rng.random()
        if name and r < 0.15:
            return name
        if head and r < 0.3:
            return head
        return str(self.pool.pick("link_text"))

    def evidence(self, item: str, href: str, *, text: str, link_text: str | None = None, date: Day | None = None,
                 row: bool = True, group: str | None = None) -> None:  # fmt: skip
        """Link evidence for `item`: from its ITA row (ITA sites, unless row=False) or from a menu page."""
        anchor = link_text or self.link_text(text)
        if row and self.ita != "none":
            self.rows.setdefault(item, []).append(Link(href, anchor))
            if self.rng.random() < 0.25:  # a second anchor to the same file, as ITA tables often have
                self.rows[item].append(Link(href, str(self.pool.pick("link_text"))))
            return
        self.groups[group or group_of(item)].append(Entry(text, href, anchor, date))

    def native_page(self, item: str, kind: str, title: str, body: str, *, row_text: str | None = None) -> str:
        """A page the header menu links (executives, contact, webboard ...), also linked from the item's ITA row."""
        url = self.add_page(self.url(kind), title, body)
        self.native[kind] = url
        self.row_link(item, url, row_text or self.link_text(title))
        return url

    def row_link(self, item: str, href: str, text: str) -> None:
        if self.ita != "none":
            self.rows.setdefault(item, []).append(Link(href, text))

    def dead_page(self, kind: str) -> str:
        """The URL of a page that is not there (404), for a menu or a row to point at."""
        url = self.url(kind)
        if "?" in url or not url.endswith(".html"):
            self.routes[url] = {"status": 404, "body": "<html><body><h1>Not Found</h1></body></html>"}
        return url

    def page_absent(self, item: str, kind: str, page: str, title: str, missing: str, dead: str) -> bool:
        """For an item published as one page: label and lay out the `missing` (a placeholder row) and
        `unreachable` (a menu/row link to a 404 page) conditions; False when the page is to be built."""
        if kind == "missing":
            self.placeholder(item)
            self.label(item, "missing", missing)
            return True
        if kind == "unreachable":
            url = self.dead_page(page)
            self.native[page] = url
            self.row_link(item, url, self.link_text(title))
            self.label(item, "unreachable", dead)
            return True
        return False

    def placeholder(self, item: str) -> None:
        """The item's ITA row is there (vendor templates pre-fill it) but links to nothing."""
        if self.ita != "none":
            self.rows.setdefault(item, [])

    def label(self, item: str, expect: str, why: str, without_ocr: str | None = None) -> None:
        if item in self.labels:
            raise ValueError(f"{self.name}: {item} labelled twice")
        self.labels[item] = Label(expect, why, without_ocr)


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode().rstrip("=")
