"""JavaScript pages: a headless Chromium (driven by Playwright) turns an app shell into the HTML a visitor sees.

A few agency sites are single-page apps whose served HTML is an empty <div id="root">; their menus and OIT
tables exist only after scripts run. `looks_like_shell` says when a served page needs this, `open_renderer`
starts the browser (or returns None, with the reason in `last_error`, so a crawl without one still completes)
and a Renderer never raises for a page problem: like the Fetcher, trouble comes back in `error`.

Feed a rendered page to extraction as `extract_html(result.body, result.final_url, result.content_type)`:
the browser has decoded the page already, and a stale <meta charset=tis-620> must not decode it twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import ClassVar, Protocol, Self
from urllib.parse import urlsplit

import playwright
from playwright.async_api import BrowserContext, Page, Playwright, Route, async_playwright
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeout

from checker.crawl.netpolicy import NetworkPolicy
from checker.models import Document, ResourceKind

# Why the last open_renderer() returned None (no browser found, or it would not start); None after a success.
last_error: str | None = None

BROWSER_ENV = "OITCHECK_BROWSER"
CANDIDATES: tuple[str, ...] = (
    "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/snap/bin/chromium",
)  # fmt: skip
# --disable-background-networking & co.: no update/sync/safe-browsing connections, which a closed network
# refuses and which would otherwise keep "network idle" from ever arriving. --no-sandbox only as root.
BASE_ARGS: tuple[str, ...] = (
    "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run",
    "--disable-sync",
)  # fmt: skip
_BLOCKED = frozenset({"image", "font", "media"})  # not needed for text or links; skipping them saves seconds
_INLINE = ("data:", "blob:", "about:")  # no network: a page's own inline content
MAX_TOGGLES = 60
# checker/crawl/open_menus.js: clicks menu toggles and hovers menu items, keeping every link that appeared.
OPEN_MENUS_JS = (Path(__file__).parent / "open_menus.js").read_text(encoding="utf-8").split("\n", 5)[5]


@dataclass(frozen=True)
class RenderResult:
    url: str
    final_url: str  # after redirects and client-side routing: the base for the page's relative links
    html: str  # the DOM after scripts ran ("" when nothing loaded)
    status: int | None  # HTTP status of the main document; None when no answer arrived
    error: str | None = None

    content_type: ClassVar[str] = "text/html; charset=utf-8"  # what `body` is, whatever the page declared

    @property
    def body(self) -> bytes:
        return self.html.encode("utf-8")

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300


class Renderer(Protocol):
    async def render(self, url: str) -> RenderResult: ...

    async def aclose(self) -> None: ...


# --------------------------------------------------------------------------- finding a browser


def find_browser(explicit: str | None = None) -> str | None:
    """A Chromium/Chrome executable: the explicit path, $OITCHECK_BROWSER, the system's, then Playwright's own."""
    for path in (explicit, os.environ.get(BROWSER_ENV), *CANDIDATES):
        if path and Path(path).is_file() and os.access(path, os.X_OK):
            return path
    return _playwright_chromium()


def _playwright_chromium() -> str | None:
    """The newest browser `playwright install chromium` downloaded, found without starting Playwright."""
    env = os.environ.get("PLAYWRIGHT_BROWSERS_PATH")
    if env == "0":  # browsers inside the package
        root = Path(playwright.__file__).parent / "driver" / "package" / ".local-browsers"
    elif env:
        root = Path(env)
    elif sys.platform == "darwin":
        root = Path.home() / "Library" / "Caches" / "ms-playwright"
    elif sys.platform == "win32":
        root = Path(os.environ.get("LOCALAPPDATA", Path.home())) / "ms-playwright"
    else:
        root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ms-playwright"
    patterns = ("chrome-linux*/chrome", "chrome-win*/chrome.exe", "chrome-mac*/*.app/Contents/MacOS/*")

    def revision(d: Path) -> int:
        digits = d.name.rpartition("-")[2]
        return int(digits) if digits.isdigit() else -1

    for install in sorted(root.glob("chromium-*"), key=revision, reverse=True):
        for pattern in patterns:
            for exe in install.glob(pattern):
                if exe.is_file():
                    return str(exe)
    return None


def launch_args(policy: NetworkPolicy | None = None) -> list[str]:
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    # With a policy the browser resolves only the site's names, to the addresses the policy checked (no DNS
    # rebinding, nothing else reachable even by a redirect hop it follows itself), and sends no UDP (WebRTC).
    args = [*(["--no-sandbox"] if is_root else []), *BASE_ARGS]
    if policy is not None:
        args += [
            f"--host-resolver-rules={policy.browser_rules()}",
            "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
        ]
    return args


# --------------------------------------------------------------------------- is this page an app shell?

_SCRIPT = re.compile(rb"<script\b", re.I)
# Not a shell whatever its scripts: the crawler follows these (looked for in the bytes too, whatever
# version of extract_html made the Document).
_ELSEWHERE = re.compile(rb"<frameset\b|<meta[^>]+http-equiv\s*=\s*[\"']?refresh", re.I)
_MOUNT = re.compile(
    rb"""\bid\s*=\s*["']?(?:root|app|__next|__nuxt|q-app|react-root|main-app|svelte)["'\s>]"""
    rb"|<app-root\b|\bng-app\b|\bng-version\b|\bdata-reactroot\b|\bdata-v-app\b",
    re.I,
)
_NOSCRIPT = re.compile(rb"<noscript\b[^>]*>(.*?)</noscript>", re.I | re.S)
_NEEDS_JS = re.compile("javascript|จาวาสคริปต์".encode(), re.I)
_SHELL_TEXT = 200
_SHELL_LINKS = 3


def looks_like_shell(doc: Document, body: bytes) -> bool:
    """The served HTML is an empty JavaScript app: little text, few links, and a sign that scripts build it.

    Signs: a mount point (<div id="root|app|__next|__nuxt">, <app-root>, ng-app), a <noscript> asking for
    JavaScript, or scripts on a page with no link at all (a script redirect). A splash page with one "enter"
    link, a frameset, an iframe wrapper or a meta refresh is not a shell: the crawler follows its link.
    """
    if doc.kind is not ResourceKind.HTML or not doc.readable:
        return False
    if len(doc.main_text) >= _SHELL_TEXT or _ELSEWHERE.search(body):
        return False
    links = [link for link in doc.links if link.url]
    if len(links) >= _SHELL_LINKS or any(link.tag in ("frame", "iframe", "meta") for link in doc.links):
        return False
    if _MOUNT.search(body) or any(_NEEDS_JS.search(m.group(1)) for m in _NOSCRIPT.finditer(body)):
        return True
    return not links and _SCRIPT.search(body) is not None


# --------------------------------------------------------------------------- the browser


class PlaywrightRenderer:
    """One headless Chromium, started on first use, rendering at most `max_pages` (1-2) pages at a time."""

    def __init__(
        self,
        executable_path: str | None = None,
        *,
        nav_timeout: float = 20.0,
        idle_timeout: float = 5.0,
        max_pages: int = 2,
        verify: bool = True,
        user_agent: str | None = None,
        launch_timeout: float = 30.0,
        policy: NetworkPolicy | None = None,
    ) -> None:
        self.executable_path = executable_path
        self.policy = policy  # None: any host (tests of the browser itself); a check always passes one
        self.blocked: dict[str, int] = {}  # other hosts the pages' scripts called -> requests blocked
        self.nav_timeout = nav_timeout
        self.idle_timeout = idle_timeout
        self.verify = verify
        self.user_agent = user_agent
        self.launch_timeout = launch_timeout
        self.start_seconds: float | None = None  # how long the browser took to start
        self._pages = asyncio.Semaphore(max(1, min(2, max_pages)))
        self._lock = asyncio.Lock()
        self._pw: Playwright | None = None
        self._context: BrowserContext | None = None
        self._profile: str | None = None
        self._start_error: str | None = None
        self._closed = False

    async def start(self) -> None:
        """Launch the browser now (idempotent); raises RuntimeError with the reason when it cannot."""
        async with self._lock:
            if self._closed:
                raise RuntimeError("renderer is closed")
            if self._start_error:
                raise RuntimeError(self._start_error)
            if self._context is not None:
                return
            began = time.monotonic()
            try:
                self._profile = tempfile.mkdtemp(prefix="oitcheck-chromium-")
                self._pw = await async_playwright().start()
                self._context = await self._pw.chromium.launch_persistent_context(
                    self._profile,
                    executable_path=self.executable_path or find_browser(),
                    headless=True,
                    args=launch_args(self.policy),
                    timeout=self.launch_timeout * 1000,
                    ignore_https_errors=not self.verify,
                    user_agent=self.user_agent,
                    locale="th-TH",
                    accept_downloads=False,
                    service_workers="block",
                )
                await self._context.route("**/*", self._route)
            except Exception as exc:  # the driver or the browser: either way, no rendering this run
                self._start_error = f"browser failed to start: {_describe(exc)}"
                await self._shutdown()
                raise RuntimeError(self._start_error) from exc
            self.start_seconds = time.monotonic() - began

    async def render(self, url: str) -> RenderResult:
        try:
            await self.start()
        except RuntimeError as exc:
            return RenderResult(url, url, "", None, str(exc))
        assert self._context is not None
        async with self._pages:
            try:
                page = await self._context.new_page()
            except PlaywrightError as exc:
                return RenderResult(url, url, "", None, f"browser failed: {_describe(exc)}")
            page.on("popup", _close_popup)
            try:
                # Outer bound: a page whose scripts spin forever would otherwise hang page.content().
                limit = self.nav_timeout + self.idle_timeout + 5
                return await asyncio.wait_for(self._render(page, url), timeout=limit)
            except TimeoutError:
                return RenderResult(url, page.url, "", None, "timeout: the page never became readable")
            except PlaywrightError as exc:
                return RenderResult(url, url, "", None, _describe(exc))
            finally:
                with contextlib.suppress(PlaywrightError, TimeoutError):
                    await asyncio.wait_for(page.close(run_before_unload=False), timeout=5)

    async def _render(self, page: Page, url: str) -> RenderResult:
        began = time.monotonic()
        try:
            # "commit": as soon as the answer starts, so that the status survives a page that then stalls.
            response = await page.goto(url, wait_until="commit", timeout=self.nav_timeout * 1000)
        except PlaywrightTimeout:
            return RenderResult(url, url, "", None, f"timeout: no answer within {self.nav_timeout:g} s")
        except PlaywrightError as exc:
            return RenderResult(url, url, "", None, _describe(exc))
        status = response.status if response is not None else None
        error = f"HTTP {status}" if status is not None and status >= 400 else None
        left = max(0.1, self.nav_timeout - (time.monotonic() - began))
        try:
            await page.wait_for_load_state("domcontentloaded", timeout=left * 1000)
        except PlaywrightTimeout:
            error = error or f"timeout: the page did not load within {self.nav_timeout:g} s"
        if response is not None and error is None:
            kind = (await response.all_headers()).get("content-type", "text/html").lower()
            if "html" not in kind:
                error = f"not an HTML page ({kind.split(';')[0]})"
        # Scripts fetch their content after load; wait for the network to settle, but not for long-polling.
        with contextlib.suppress(PlaywrightTimeout):
            await page.wait_for_load_state("networkidle", timeout=self.idle_timeout * 1000)
        if error is None:
            await self._open_menus(page)
        return RenderResult(url, page.url, await page.content(), status, error)

    async def _open_menus(self, page: Page) -> None:
        """Open what a visitor opens to find the menu (toggles, dropdowns, hover menus) and keep every link
        that appeared: an app may build a submenu only while it is open, and close it when the next opens."""
        shown = page.url
        try:
            opened = await page.evaluate(OPEN_MENUS_JS, MAX_TOGGLES)
        except PlaywrightError:
            return
        if opened:
            with contextlib.suppress(PlaywrightTimeout):
                await page.wait_for_load_state("networkidle", timeout=min(2.0, self.idle_timeout) * 1000)
        if page.url != shown:  # a toggle navigated after all: read the page that was asked for
            with contextlib.suppress(PlaywrightError):
                await page.goto(shown, wait_until="domcontentloaded", timeout=self.nav_timeout * 1000)
                with contextlib.suppress(PlaywrightTimeout):
                    await page.wait_for_load_state("networkidle", timeout=self.idle_timeout * 1000)

    async def _route(self, route: Route) -> None:
        """Every request a page makes: other hosts and schemes are refused (and counted for the report);
        pictures, fonts and media are skipped; the rest goes to the site."""
        url = route.request.url
        if not url.startswith(_INLINE) and self.policy is not None and self.policy.url_refusal(url):
            host = (urlsplit(url).hostname or url.split(":", 1)[0]).lower()
            self.blocked[host] = self.blocked.get(host, 0) + 1
            await route.abort("blockedbyclient")
        elif route.request.resource_type in _BLOCKED:
            await route.abort()
        else:
            await route.continue_()

    async def aclose(self) -> None:
        async with self._lock:
            self._closed = True
            await self._shutdown()

    async def _shutdown(self) -> None:
        context, pw, profile = self._context, self._pw, self._profile
        self._context = self._pw = self._profile = None
        if context is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(context.close(), timeout=10)
        if pw is not None:
            with contextlib.suppress(Exception):
                await pw.stop()
        if profile is not None:
            shutil.rmtree(profile, ignore_errors=True)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()


async def open_renderer(
    explicit_path: str | None, *, nav_timeout: float = 20.0, idle_timeout: float = 5.0, verify: bool = True
) -> PlaywrightRenderer | None:
    """A started renderer, or None (reason in the module's `last_error`) so the crawl goes on without one."""
    global last_error
    path = find_browser(explicit_path)
    if path is None:
        last_error = f"no Chromium/Chrome found (install chromium, `playwright install chromium` or set {BROWSER_ENV})"
        return None
    renderer = PlaywrightRenderer(path, nav_timeout=nav_timeout, idle_timeout=idle_timeout, verify=verify)
    try:
        await renderer.start()
    except RuntimeError as exc:
        last_error = f"{exc} ({path})"
        await renderer.aclose()
        return None
    last_error = None
    return renderer


async def _close_popup(popup: Page) -> None:
    with contextlib.suppress(PlaywrightError):
        await popup.close()


def _describe(exc: BaseException) -> str:
    """Playwright's first line without the API name: "net::ERR_CONNECTION_REFUSED at http://…"."""
    line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return re.sub(r"^[\w.]+: ", "", line)[:200]
