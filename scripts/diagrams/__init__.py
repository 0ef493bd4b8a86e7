"""Mermaid diagrams drawn at build time: found in the Markdown, checked for syntax before anything
is written, drawn to SVG in headless Chromium with the site's own mermaid and Material's own
mermaid settings, cached by content, and inlined so published pages carry no diagram script."""
