"""The two build steps for diagrams, kept apart because MkDocs writes pages in between.

`check` runs before anything is written: every diagram not yet in the cache is parsed, and a
syntax error stops the build with file, line, heading and mermaid's message. `publish` runs on
the written site: it draws what the cache lacks on one built page, inlines every SVG, and removes
the mermaid script and library from the published site."""
from __future__ import annotations

from collections import Counter
from pathlib import Path
import re
import shutil

from blueprints.problems import BlueprintError, Problem

from .cache import DiagramCache, fingerprint
from .inline import figure, inline, sources_in, without_mermaid_script
from . import render
from .render import Renderer
from .sources import SiteDiagram, site_diagrams

MERMAID_JS = "assets/vendor/mermaid/mermaid.min.js"
THEME_FILES = (MERMAID_JS, "stylesheets/extra.css", "assets/vendor/inter/inter-latin-400-normal.woff2")
LINE_IN_MESSAGE = re.compile(r"\bline (\d+)")
SUBJECT = "Mermaid diagrams"


def drawn_id(key: str) -> str:
    return f"dgm-{key[:12]}"


class DiagramBuild:
    def __init__(self, docs_dir: Path, project_root: Path):
        self.docs_dir = docs_dir
        self.cache = DiagramCache.for_project(project_root)
        self.renderer = Renderer()
        # render.py holds the drawing settings (font, mermaid options): editing it redraws all.
        self.fingerprint = fingerprint([docs_dir / f for f in THEME_FILES] + [Path(render.__file__)])
        self.diagrams = site_diagrams(docs_dir, self.fingerprint, shown_from=project_root)
        self.drawn = 0

    def _uncached(self) -> list[SiteDiagram]:
        unique = {d.key: d for d in self.diagrams if not self.cache.has(d.key)}
        return list(unique.values())

    def check(self) -> None:
        todo = self._uncached()
        if not todo:
            return
        messages = self.renderer.syntax_errors([d.source for d in todo], self.docs_dir / MERMAID_JS)
        problems = [self.syntax_problem(d, m) for d, m in zip(todo, messages) if m]
        if problems:
            raise BlueprintError(problems, SUBJECT)

    @staticmethod
    def syntax_problem(diagram: SiteDiagram, message: str) -> Problem:
        # Mermaid counts lines from the diagram's first line; the reader wants the file's line.
        inner = LINE_IN_MESSAGE.search(message)
        line = diagram.line + int(inner.group(1)) if inner else diagram.line
        first = " ".join(message.strip().splitlines()[:1])
        rest = "\n".join("      " + l for l in message.strip().splitlines()[1:])
        what = f"{diagram.where} (fence at line {diagram.line}) does not parse: {first}"
        return Problem(diagram.path, line, what + ("\n" + rest if rest else ""),
                       "correct the diagram's syntax (https://mermaid.js.org/intro/syntax-reference.html)")

    def publish(self, site_dir: Path, pages: dict[str, str]) -> None:
        """pages maps each page's source path (as in messages) to its built HTML file."""
        by_page: dict[str, list[SiteDiagram]] = {}
        for d in self.diagrams:
            by_page.setdefault(d.path, []).append(d)
        self._draw_missing(site_dir, pages, by_page)
        source_of = {Path(out): src for src, out in pages.items()}
        # Generated pages (a cheat sheet) have no source file: they show diagrams of other pages.
        every = list(self.diagrams)
        for html_file in site_dir.rglob("*.html"):
            text = html_file.read_text(encoding="utf-8")
            source = source_of.get(html_file)
            if "<pre class=\"mermaid\">" in text:
                shown = by_page.get(source, []) if source else every
                text = self._inline_page(text, shown, source or str(html_file))
            html_file.write_text(without_mermaid_script(text), encoding="utf-8")
        shutil.rmtree(site_dir / Path(MERMAID_JS).parent, ignore_errors=True)

    def _draw_missing(self, site_dir, pages, by_page) -> None:
        todo = self._uncached()
        if not todo:
            return
        page_with_diagrams = next(Path(pages[p]) for p in by_page if p in pages)
        uri = page_with_diagrams.relative_to(site_dir).as_posix().removesuffix("index.html")
        results = self.renderer.draw(site_dir, uri, [(drawn_id(d.key), d.source) for d in todo])
        problems = []
        for diagram, result in zip(todo, results):
            if "error" in result:
                problems.append(Problem(diagram.path, diagram.line, f"{diagram.where} could not be drawn: "
                                        f"{result['error']}", "simplify the diagram or correct its syntax"))
            else:
                self.cache.put(diagram.key, result["svg"])
                self.drawn += 1
        if problems:
            raise BlueprintError(problems, SUBJECT)

    def _inline_page(self, text: str, diagrams: list[SiteDiagram], shown: str) -> str:
        by_source = {}
        for d in diagrams:
            by_source.setdefault(d.source.strip(), []).append(d)
        uses, figures = Counter(), []
        for source in sources_in(text):
            matches = by_source.get(source)
            if not matches:
                raise BlueprintError([Problem(shown, 1, "a Mermaid diagram on this page sits inside an "
                                              "indented block (an admonition, a list or tabs)",
                                              "move the ```mermaid fence to the top level of the page")], SUBJECT)
            d = matches[min(uses[source], len(matches) - 1)]
            uses[source] += 1
            page_id = drawn_id(d.key) + (f"-{uses[source]}" if uses[source] > 1 else "")
            figures.append(figure(self.cache.get(d.key), drawn_id(d.key), page_id, d.heading))
        return inline(text, figures)

    def close(self) -> None:
        self.renderer.close()
