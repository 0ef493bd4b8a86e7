"""Drawing diagrams in one headless Chromium for the whole build.

Syntax is checked on a blank page with the site's mermaid before MkDocs writes anything. Drawing
happens on a page of the freshly built site, so the labels are measured with the site's own CSS
and font, and mermaid is set up exactly as Material sets it up in the browser (its settings are
captured from Material's own `mermaid.initialize` call, not copied), plus our label font."""
from __future__ import annotations

from pathlib import Path

from static_server import serve

from .browser import launch

LABEL_FONT = '"Blueprints Diagram", sans-serif'

# Runs before any page script: records the settings Material passes to mermaid.initialize.
CAPTURE_MATERIAL_SETTINGS = """
(() => {
  let library;
  Object.defineProperty(window, "mermaid", {
    configurable: true,
    get() { return library; },
    set(value) {
      library = value;
      const initialize = value.initialize.bind(value);
      value.initialize = (settings) => {
        window.__materialMermaidSettings = settings;
        return initialize(settings);
      };
    },
  });
})();
"""

PARSE = """async (source) => {
  try { await mermaid.parse(source); return null; }
  catch (error) { return String((error && error.message) || error); }
}"""

RENDER = """async ([id, source, font]) => {
  const material = window.__materialMermaidSettings;
  mermaid.initialize({
    ...material,
    fontFamily: font,
    themeVariables: { ...(material.themeVariables || {}), fontFamily: font },
    sequence: { ...(material.sequence || {}), actorFontFamily: font, noteFontFamily: font,
                messageFontFamily: font },
  });
  let svg;
  try { svg = (await mermaid.render(id, source)).svg; }
  catch (error) { return { error: String((error && error.message) || error) }; }
  // Mermaid ships every rule its diagram type might use (about 120, 13 KB); a page styles its
  // whole DOM against all of them. Keep only the rules that match something in this drawing.
  const holder = document.createElement("div");
  holder.innerHTML = svg;
  document.body.append(holder);
  const style = holder.querySelector("svg > style");
  const kept = [...style.sheet.cssRules].filter((rule) => !rule.selectorText ||
    rule.selectorText.split(",").some((selector) => {
      const base = selector.replace(/:(hover|focus|focus-visible|focus-within|active|visited)\b/g, "");
      try { return document.querySelector(base) !== null; } catch (error) { return true; }
    }));
  style.textContent = kept.map((rule) => rule.cssText).join("");
  svg = holder.innerHTML;
  holder.remove();
  return { svg };
}"""


class Renderer:
    """Starts Chromium on first use only: a build whose diagrams are all cached never does."""

    def __init__(self):
        self._playwright = None
        self._browser = None
        self.started = False

    def _new_page(self):
        if self._browser is None:
            from playwright.sync_api import sync_playwright

            self._playwright = sync_playwright().start()
            self._browser = launch(self._playwright)
            self.started = True
        return self._browser.new_page()

    def syntax_errors(self, sources: list[str], mermaid_js: Path) -> list[str | None]:
        """Mermaid's own message for each source that does not parse, None for those that do."""
        page = self._new_page()
        try:
            page.set_content("<!doctype html><html><body></body></html>")
            page.add_script_tag(path=str(mermaid_js))
            return [page.evaluate(PARSE, source) for source in sources]
        finally:
            page.close()

    def draw(self, site_dir: Path, page_uri: str, jobs: list[tuple[str, str]]) -> list[dict]:
        """Draw (id, source) pairs on a built page that has diagrams; returns {svg} or {error}."""
        page = self._new_page()
        try:
            page.add_init_script(CAPTURE_MATERIAL_SETTINGS)
            with serve(site_dir) as base:
                page.goto(f"{base}/{page_uri}", wait_until="load")
                page.wait_for_function("window.__materialMermaidSettings !== undefined", timeout=30_000)
                loaded = page.evaluate("async (font) => (await document.fonts.load(`16px ${font}`)).length", LABEL_FONT)
                if not loaded:
                    raise RuntimeError(f"the diagram label font {LABEL_FONT} did not load on {page_uri}; "
                                       "check the @font-face rule in docs/stylesheets/extra.css")
                return [page.evaluate(RENDER, [id_, source, LABEL_FONT]) for id_, source in jobs]
        finally:
            page.close()

    def close(self):
        if self._browser is not None:
            self._browser.close()
            self._playwright.stop()
        self._browser = self._playwright = None
