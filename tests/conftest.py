"""Shared fixtures: the real site built once per session, served on 127.0.0.1, and Debian's
Chromium driven by Playwright. Nothing here stands in for MkDocs or the browser."""
from __future__ import annotations

import os
from pathlib import Path
import subprocess
import sys
import zipfile

import pytest

from build_offline import FOLDER, build_offline
from diagrams.browser import launch
from project_files import ROOT, copy_project  # noqa: F401  re-exported for the tests
from static_server import serve

DOCS = ROOT / "docs"


def mkdocs_build(project: Path, site_dir: Path, site_url: str | None = None,
                 diagram_cache: Path | None = None, handbook: bool = False) -> subprocess.CompletedProcess:
    # The diagram cache is keyed by content, so builds of copied projects can share the real one.
    # Scratch builds skip the PDF handbook (about 30 s); the session's real build makes it.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BLUEPRINTS_PDF": "true" if handbook else "false",
           "BLUEPRINTS_DIAGRAM_CACHE": str(diagram_cache or ROOT / ".cache/diagrams")}
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
                          cwd=project, capture_output=True, text=True, env=env)


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The real site, built for the address it is served at: Material's instant navigation only
    follows links that its sitemap (written from site_url) lists, host and port included."""
    out = tmp_path_factory.mktemp("site") / "site"
    with serve(out) as url:
        result = mkdocs_build(ROOT, out, site_url=url + "/", handbook=True)
        assert result.returncode == 0, result.stderr
        yield out, url + "/"


@pytest.fixture(scope="session")
def site(served_site) -> Path:
    return served_site[0]


@pytest.fixture(scope="session")
def base_url(served_site) -> str:
    return served_site[1]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


# The phone every phone-width test uses.
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True}


def at_first_paragraph(expression: str) -> str:
    """An init script that stores `expression`'s value in `window.__atFirstParagraph` when the
    article's first paragraph is parsed: what the reader is first shown, long before Material's
    bundle runs at the end of the page."""
    return f"""new MutationObserver((records, observer) => {{
  if (document.querySelector("article p")) {{
    window.__atFirstParagraph = {expression};
    observer.disconnect();
  }}
}}).observe(document, {{ childList: true, subtree: true }});"""


# axe reads a text's background at the text's place on screen. Blocks under content-visibility:
# auto stand in at an estimated height until drawn, so while axe walks the page they change size
# under it, and it can read the colour of whatever sits there by then (the footer's, behind a
# See Also link). A reader scrolling sees every block drawn: so is axe shown the page.
RENDER_SKIPPED = "* { content-visibility: visible !important; }"


def serious_axe_violations(page) -> list[tuple]:
    """axe-core's serious and critical findings on the page: (rule, impact, nodes, help)."""
    from axe_playwright_python.sync_playwright import Axe

    page.add_style_tag(content=RENDER_SKIPPED)
    results = Axe().run(page)
    return [(v["id"], v["impact"], len(v["nodes"]), v["help"]) for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")]


class PageWatch:
    """Records what a page did that a reader would not want: console errors, script errors,
    failed requests and any request that leaves this machine."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.failed: list[str] = []
        self.requested: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", self._request)
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.url} ({r.status})"))

    def _request(self, request):
        from urllib.parse import urlsplit

        parts = urlsplit(request.url)
        self.requested.append(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if parts.hostname != "127.0.0.1":
            self.outside.append(request.url)


@pytest.fixture
def new_page(browser):
    contexts = []

    def make(**options):
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        return page, PageWatch(page)

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def unpacked(tmp_path_factory) -> Path:
    """`make offline`'s zip, built once per session and unpacked: the offline tests and any other
    feature's offline check share it (it prints the handbook, about 100 s)."""
    out = tmp_path_factory.mktemp("offline")
    archive = out / "offline.zip"
    assert build_offline(archive, ROOT) == 0
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        assert all(n.startswith(FOLDER + "/") for n in names), "the zip unpacks into one folder"
        z.extractall(out)
    return out / FOLDER


@pytest.fixture
def disk_page(browser):
    """A page that may only read files: anything else is recorded and refused."""
    context = browser.new_context()
    page = context.new_page()
    refused, errors = [], []
    page.route(lambda url: not url.startswith(("file:", "data:", "about:", "blob:")),
               lambda route: (refused.append(route.request.url), route.abort()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    yield page, refused, errors
    context.close()
