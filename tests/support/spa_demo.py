"""The demo site rebuilt as a single-page app (tests only): the same pages, text and files, now routes of
one JavaScript shell, with hash routes ("/#/about") or history routes ("/about"), and a main menu that exists
only after its toggle is clicked. The menu's sections (ข้อมูลพื้นฐาน, บุคลากร, …, ITA) are linked from nowhere
else, so a crawler that does not open the menu misses them. Its verdicts must equal the demo's ground truth:
the app changes how pages are reached, not what they say.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any, Literal

import lxml.html

from checker.demo.server import SITE_DIR

APP_JS = Path(__file__).parents[1] / "fixtures" / "spa_app" / "app.js"
Mode = Literal["hash", "history"]
SHELL = """<!doctype html>
<html lang="th" data-router="{mode}">
<head><meta charset="utf-8"><title>เทศบาลตำบลบ้านสวนดอก</title><script defer src="/app.js"></script></head>
<body><noscript>กรุณาเปิดใช้งาน JavaScript</noscript><div id="app"></div></body>
</html>
"""


def build(out: Path, mode: Mode) -> Path:
    """Write the app into `out` (shell, app.js, pages.json, the demo's files/ img/ css/); returns `out`."""
    pages: dict[str, dict[str, str]] = {}
    home = lxml.html.parse(str(SITE_DIR / "index.html")).getroot()
    menu = [(_slug(a.get("href", "")), a.text_content().strip()) for a in home.iterfind(".//header//nav//a")]
    brand_el = home.find(".//header/div")
    _rewrite(brand_el, mode)
    brand = _html(brand_el) if brand_el is not None else ""
    sections = {slug for slug, _ in menu} - {"index"}
    for path in sorted(SITE_DIR.glob("*.html")):
        root = lxml.html.parse(str(path)).getroot()
        slug = path.stem
        main, footer = root.find(".//main"), root.find(".//footer")
        for part in (main, footer):
            for a in list(part.iterfind(".//a")) if part is not None else ():
                if _slug(a.get("href", "")) in sections and a.get("href", "").endswith(".html"):
                    a.drop_tag()  # the menu's sections are reached through the menu only
        _rewrite(root, mode)
        pages[slug] = {
            "title": root.findtext(".//title") or "",
            "main": "".join(_html(child) for child in main) if main is not None else "",
            "footer": _html(footer) if footer is not None else "",
        }
    out.mkdir(parents=True, exist_ok=True)
    (out / "index.html").write_text(SHELL.format(mode=mode), encoding="utf-8")
    shutil.copy(APP_JS, out / "app.js")
    data: dict[str, Any] = {"brand": brand, "menu": menu, "pages": pages}
    (out / "pages.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for folder in ("files", "img", "css"):
        if (SITE_DIR / folder).is_dir():
            shutil.copytree(SITE_DIR / folder, out / folder, dirs_exist_ok=True)
    return out


def routes(mode: Mode) -> dict[str, dict[str, Any]]:
    """Server routes: with history routing every page path answers with the shell, as an app server does."""
    if mode == "hash":
        return {}
    return {r"re:/(?!files/|img/|css/)[A-Za-z0-9_-]+/?": {"file": "index.html"}}


def _rewrite(root: Any, mode: Mode) -> None:
    """Page links become routes of the app; files, pictures and styles absolute paths."""
    for el in root.iter() if root is not None else ():
        for attr in ("href", "src"):
            if el.get(attr) is not None:
                el.set(attr, _route(el.get(attr, ""), mode))


def _route(value: str, mode: Mode) -> str:
    if value.startswith(("http:", "https:", "mailto:", "tel:", "#", "javascript:", "data:")) or not value:
        return value
    path, _, query = value.partition("?")
    if path.endswith(".html") and "/" not in path:
        slug = _slug(path)
        base = "#/" if mode == "hash" else "/"
        return (base if slug == "index" else base + slug) + (f"?{query}" if query else "")
    return "/" + value.lstrip("./")


def _slug(href: str) -> str:
    name = href.rsplit("/", 1)[-1].split("#", 1)[0]
    name = name.removesuffix(".html")
    return name or "index"


def _html(el: Any) -> str:
    return lxml.html.tostring(el, encoding="unicode") if el is not None else ""
