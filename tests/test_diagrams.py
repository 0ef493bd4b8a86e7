"""Diagrams drawn at build time: syntax errors stop the build before anything is written, the
cache makes a prose edit free, and `mkdocs serve` (drawing in the browser) shows the same
diagrams as the published build."""
from __future__ import annotations

import os
from pathlib import Path
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import ROOT, copy_project, mkdocs_build

TEMPLATE = "docs/blueprints/url-shortener.md"


def diagram_log(result) -> str:
    line = re.search(r"Diagrams: .*", result.stderr)
    assert line, result.stderr
    return line.group(0)


def test_a_diagram_syntax_error_stops_the_build_naming_file_heading_line_and_mermaid_message(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / TEMPLATE
    lines = page.read_text().splitlines()
    fence = lines.index("```mermaid")
    heading = next(l for l in reversed(lines[:fence]) if l.startswith("#")).lstrip("# ")
    lines.insert(fence + 2, "    W -->>> this is not an edge")
    page.write_text("\n".join(lines) + "\n")

    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    # Mermaid reports line 2 of the diagram: the file's line is the fence's plus two.
    expected = (f'{TEMPLATE}:{fence + 1 + 2}: the Mermaid diagram under "{heading}" '
                f"(fence at line {fence + 1}) does not parse: Parse error on line 2:")
    assert expected in result.stderr, result.stderr
    assert "Expecting" in result.stderr, "mermaid's own message is shown"
    assert not (tmp_path / "site").exists(), "nothing is written when a diagram does not parse"


def test_cached_diagrams_need_no_browser_and_a_prose_edit_draws_nothing(tmp_path):
    project = copy_project(tmp_path / "project")
    cache = tmp_path / "cache"
    first = mkdocs_build(project, tmp_path / "one", diagram_cache=cache)
    assert first.returncode == 0, first.stderr
    drawn = len(list(cache.glob("*.svg")))
    assert drawn >= 2
    assert diagram_log(first).endswith(f"{drawn} drawn, 0 from cache; browser started")

    page = project / TEMPLATE
    page.write_text(page.read_text().replace("## Deep Dive\n", "## Deep Dive\n\nAn edited sentence.\n", 1))
    second = mkdocs_build(project, tmp_path / "two", diagram_cache=cache)
    assert second.returncode == 0, second.stderr
    assert diagram_log(second).endswith(f"0 drawn, {drawn} from cache; browser not started")
    assert "An edited sentence." in (tmp_path / "two/blueprints/url-shortener/index.html").read_text()

    page.write_text(page.read_text().replace("Write service 1", "Writer one", 1))
    third = mkdocs_build(project, tmp_path / "three", diagram_cache=cache)
    assert third.returncode == 0, third.stderr
    assert diagram_log(third).endswith(f"1 drawn, {drawn - 1} from cache; browser started")
    assert "Writer one" in (tmp_path / "three/blueprints/url-shortener/index.html").read_text()


def test_a_diagram_shown_twice_on_a_page_gets_its_own_ids(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / TEMPLATE
    text = page.read_text()
    first = text[text.index("```mermaid"):text.index("```", text.index("```mermaid") + 10) + 3]
    page.write_text(text.replace("## Trade-offs\n", f"## Trade-offs\n\n{first}\n", 1))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    built = (tmp_path / "site/blueprints/url-shortener/index.html").read_text()
    ids = re.findall(r'\sid="([^"]+)"', built)
    assert len(ids) == len(set(ids))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def serve_url():
    """`mkdocs serve` on the real project, as `make serve` runs it."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
                               "--no-livereload"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(url, timeout=1)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"mkdocs serve exited: {server.stderr.read()}")
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, { ...init, mode: "open" }); };
"""
# Node and edge labels, participants, messages and notes: the words of a diagram, in order.
DIAGRAM_WORDS = """(roots) => roots.map((root) => [...root.querySelectorAll(
    ".nodeLabel, .edgeLabel, text.actor, .messageText, .noteText, .stateLabel, text")]
  .map((e) => e.textContent.replace(/\\s+/g, " ").trim()).filter((t) => t).sort())"""


def words_of(page, selector: str, shadow: bool) -> list[list[str]]:
    handles = page.query_selector_all(selector)
    roots = [page.evaluate_handle("(e) => e.shadowRoot", h) if shadow else h for h in handles]
    return [page.evaluate(DIAGRAM_WORDS, [r])[0] for r in roots]


@pytest.mark.parametrize("url", ["blueprints/real-time-chat/", "blueprints/url-shortener/"])
def test_serve_and_build_draw_the_same_diagrams(serve_url, base_url, new_page, url):
    served, _ = new_page()
    served.add_init_script(OPEN_SHADOW_ROOTS)
    served.goto(serve_url + url, wait_until="networkidle")
    count = len(re.findall(r"^```mermaid$", (ROOT / "docs" / (url.rstrip("/") + ".md")).read_text(), re.M))
    served.wait_for_function(f"document.querySelectorAll('div.mermaid').length === {count}", timeout=30_000)
    client = words_of(served, "div.mermaid", shadow=True)

    built, _ = new_page()
    built.goto(base_url + url, wait_until="networkidle")
    static = words_of(built, "article figure.diagram > svg", shadow=False)
    assert len(client) == len(static) == count
    for i, (a, b) in enumerate(zip(client, static)):
        assert a and a == b, f"diagram {i + 1} differs between serve and build"


def test_a_diagram_named_by_its_author_keeps_that_name_and_description(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / TEMPLATE
    page.write_text(page.read_text().replace(
        "```mermaid\nflowchart TD\n", "```mermaid\nflowchart TD\n    accTitle: How a link is created\n"
        "    accDescr: From the client through the write service to a database shard.\n", 1))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    built = (tmp_path / "site/blueprints/url-shortener/index.html").read_text()
    svg = re.search(r'<svg [^>]*aria-labelledby="([^"]+)" aria-describedby="([^"]+)"', built)
    assert re.search(rf'<title id="{svg.group(1)}">How a link is created</title>', built)
    assert re.search(rf'<desc id="{svg.group(2)}">From the client through the write service to a database '
                     r"shard\.</desc>", built)
