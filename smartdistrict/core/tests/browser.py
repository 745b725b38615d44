"""The browser-test machinery (fixtures re-exported by ``smartdistrict/conftest.py``).

Playwright's Python API drives Debian's Chromium (no browser download) against a live
server on 127.0.0.1, with the static files as production serves them: the session runs
``collectstatic`` once into a temporary STATIC_ROOT with whitenoise's
CompressedManifestStaticFilesStorage (hashed names, as ``make demo`` does) and the live
server answers /static/ from that folder through whitenoise. A page whose script or style
guesses an unhashed path (Leaflet's icon detection did) therefore 404s here as it does in
production.

Every browser test is watched: any response of 4xx/5xx and any failed request fails the
test (``BrowserSession.problems``), and so does any request leaving the machine other than
map tiles (answered empty: tests run without internet, as an operations room may).
``BrowserSession.check_page`` is what every page check calls: the page must not be wider
than a 360-px phone, and its screenshots at 360 and 1280 px are written to
``$SCREENSHOT_DIR`` (default ``var/artefacts/screenshots``, never committed).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[3]
PHONE = 360
DESKTOP = 1280
SETTLE_MS = 400
MANIFEST_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


def screenshot_folder() -> Path:
    """Where screenshots go: $SCREENSHOT_DIR, else var/artefacts/screenshots."""
    return Path(os.environ.get("SCREENSHOT_DIR") or ROOT / "var" / "artefacts" / "screenshots")


def require_browser() -> None:
    """Skip when Chromium or Playwright is missing here; in CI fail instead."""
    problem = ""
    if not os.path.exists(CHROMIUM):
        problem = f"Chromium is not installed at {CHROMIUM} (apt install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "Playwright is not installed (pip install -e '.[dev]')"
    if problem:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{problem}; CI must provide it")
        pytest.skip(problem)


@pytest.fixture(scope="session")
def chromium():
    require_browser()
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the Django calls the tests
    # make around it are ordinary synchronous ones.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def production_static(tmp_path_factory):
    """collectstatic once per session into a temporary STATIC_ROOT with the production
    storage, and a whitenoise that serves that folder (what gunicorn serves in production)."""
    from django.conf import settings
    from django.core.management import call_command
    from django.http import Http404
    from django.test import override_settings
    from whitenoise.middleware import WhiteNoiseMiddleware

    root = tmp_path_factory.mktemp("static")
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_STORAGE}}
    with override_settings(STATIC_ROOT=root, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)

        def not_found(request):
            raise Http404(request.path)

        whitenoise = WhiteNoiseMiddleware(get_response=not_found)
    return root, whitenoise


@pytest.fixture
def seeded_live_server(transactional_db, live_server):
    """A live server over a database emptied by the transactional test: reload the
    configuration and the demo accounts."""
    from smartdistrict.demo.data import seed_demo
    from smartdistrict.geography import index

    index.invalidate()
    seed_demo()
    return live_server


class BrowserSession:
    """A page plus what it asked the network for and what failed."""

    def __init__(self, context, base_url: str, tile_host: str):
        self.context = context
        self.base_url = base_url
        self.tile_host = tile_host
        self.requests: list[str] = []
        self.outside: list[str] = []
        self.tiles: list[str] = []
        self.problems: list[str] = []
        self.expected: list[str] = []
        self._expecting = 0
        context.on("request", self._record)
        context.on("response", self._answered)
        context.on("requestfailed", self._failed)
        self.page = context.new_page()
        self.page.set_default_timeout(15_000)

    def _record(self, request) -> None:
        url = request.url
        self.requests.append(url)
        host = urlsplit(url).hostname or ""
        if url.startswith(("data:", "blob:", "about:")) or host in ("127.0.0.1", "localhost"):
            return
        if self.tile_host and host.endswith(self.tile_host):
            self.tiles.append(url)
            return
        self.outside.append(url)

    def _answered(self, response) -> None:
        if response.status < 400:
            return
        line = f"{response.status} {response.request.method} {response.url}"
        (self.expected if self._expecting else self.problems).append(line)

    def _failed(self, request) -> None:
        failure = request.failure or ""
        # A request cut short because the page moved on (a navigation, an HTMX swap) is
        # not a broken resource; anything else (refused, blocked by the CSP …) is.
        if "ERR_ABORTED" in failure:
            return
        line = f"failed ({failure}) {request.method} {request.url}"
        (self.expected if self._expecting else self.problems).append(line)

    @contextlib.contextmanager
    def expecting_errors(self):
        """Within this block a 4xx/5xx answer is what the test wants (a page another ward
        may not see is 404): recorded in ``expected``, not a problem."""
        self._expecting += 1
        try:
            yield self.expected
        finally:
            self._expecting -= 1

    def goto(self, path: str):
        return self.page.goto(self.base_url + path)

    def assert_no_problems(self, where: str = "") -> None:
        assert not self.problems, f"{where}: requests answered with an error: {self.problems}"

    def assert_fits(self, width: int = PHONE) -> None:
        """The page is no wider than a viewport of ``width`` pixels: nothing scrolls the
        whole page sideways (a wide table scrolls in its own box)."""
        page = self.page
        before = page.viewport_size
        page.set_viewport_size({"width": width, "height": 800})
        try:
            page.wait_for_function("() => document.readyState === 'complete'")
            overflow = page.evaluate(_WIDER_THAN_VIEWPORT)
        finally:
            page.set_viewport_size(before)
        assert overflow["width"] <= width, (
            f"{page.url} is {overflow['width']} px wide at {width} px; "
            f"sticking out: {overflow['culprits']}")

    def check_page(self, name: str, widths: tuple[int, ...] = (PHONE, DESKTOP)) -> list[str]:
        """What every page check calls: no request of the page failed, it fits a 360-px
        phone, and full-page screenshots at each width are written (``name-360.png``)."""
        page = self.page
        self.assert_no_problems(name)
        self.assert_fits(PHONE)
        folder = screenshot_folder()
        folder.mkdir(parents=True, exist_ok=True)
        before = page.viewport_size
        written = []
        for width in widths:
            page.set_viewport_size({"width": width, "height": 800})
            # Maps redraw after a resize (Leaflet waits for the next frames): let them.
            page.wait_for_timeout(SETTLE_MS)
            path = folder / f"{name}-{width}.png"
            page.screenshot(path=str(path), full_page=True)
            written.append(str(path))
        page.set_viewport_size(before)
        self.assert_no_problems(name)
        return written

    # Older tests call it by this name; it checks the page the same way.
    screenshot = check_page


# The element furthest right, for a message that says what to fix.
_WIDER_THAN_VIEWPORT = """() => {
  const width = document.documentElement.scrollWidth;
  const view = document.documentElement.clientWidth;
  const culprits = [];
  if (width > view) {
    for (const el of document.querySelectorAll('body *')) {
      const box = el.getBoundingClientRect();
      if (box.right > view + 1 && box.width > 0) {
        let inScroller = false;
        for (let p = el.parentElement; p; p = p.parentElement) {
          const s = getComputedStyle(p);
          if (s.overflowX === 'auto' || s.overflowX === 'scroll' || s.overflowX === 'hidden') {
            inScroller = true; break;
          }
        }
        if (!inScroller) {
          const cls = typeof el.className === 'string' && el.className.trim()
            ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
          culprits.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + cls +
            ' (right ' + Math.round(box.right) + ')');
        }
      }
      if (culprits.length >= 8) break;
    }
  }
  return {width: width, culprits: culprits};
}"""


@pytest.fixture
def browser_session(chromium, seeded_live_server, production_static, settings, monkeypatch):
    """A fresh browser context (Vietnamese, 1280×800) on the live server, static files
    hashed and served as in production. Map tiles are answered with an empty image (no
    internet here); the test fails if any other request leaves 127.0.0.1 or if any request
    answered 4xx/5xx or failed (outside ``expecting_errors``)."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    static_root, whitenoise = production_static
    settings.STATIC_ROOT = static_root
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_STORAGE}}

    def serve_collected(handler, request):
        found = whitenoise.files.get(request.path_info)
        if found is None:
            from django.http import Http404

            raise Http404(request.path_info)
        return whitenoise.serve(found, request)

    # The live server's static handler looks in the apps' folders (finders), which know
    # no hashed name: it answers from the collected folder instead, as whitenoise would.
    monkeypatch.setattr(StaticFilesHandler, "serve", serve_collected)

    tile_host = urlsplit(settings.MAP_TILE_URL.replace("{s}", "a")).hostname or ""
    context = chromium.new_context(
        locale="vi-VN", viewport={"width": DESKTOP, "height": 800}, accept_downloads=True
    )
    if tile_host:
        context.route(
            lambda url: tile_host in url,
            lambda route: route.fulfill(status=204, body=b""),
        )
    session = BrowserSession(context, seeded_live_server.url, tile_host.removeprefix("a."))
    yield session
    context.close()
    assert not session.outside, f"requests left the machine: {session.outside}"
    session.assert_no_problems("after the test")
