"""Put drawn SVGs into built pages in place of the Mermaid source, and take the mermaid script
out: the published page needs neither."""
from __future__ import annotations

import html
import re

SOURCE_BLOCK = re.compile(r'<pre class="mermaid"><code>(.*?)</code></pre>', re.S)
# The library tag (from extra_javascript) and the settings mermaid2 writes on diagram pages.
MERMAID_SCRIPT = re.compile(r'<script src="[^"]*assets/vendor/mermaid/mermaid\.min\.js"></script>\n?'
                            r'|<script>window\.mermaidConfig = .*?</script>\s?', re.S)
SVG_OPEN = re.compile(r"<svg\b[^>]*>")
VIEWBOX_WIDTH = re.compile(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) [\d.]+"')
TEXT = re.compile(r">([^<>]+)<")
KINDS = {"flowchart": "Flowchart", "sequence": "Sequence diagram", "statediagram": "State diagram",
         "class": "Class diagram", "er": "Entity-relationship diagram", "gantt": "Gantt chart"}
# A wide diagram may shrink to this share of its drawn size to fit the column; below that it
# keeps its size and scrolls sideways, so 16 px labels never drop under 12 px.
MIN_SCALE = 0.75


LONG_DECIMAL = re.compile(r"(\d\.\d{2})\d+")
GEOMETRY = re.compile(r'\s(d|points|transform)="([^"]*)"')
EDGE_DATA = re.compile(r'\sdata-points="[^"]*"')


def compact(svg: str) -> str:
    """Mermaid writes coordinates to 13 decimals and base64 copies of every edge's points; at
    two decimals (a hundredth of a pixel) the drawing is the same and the page less than half
    the weight."""
    def shorten(match: re.Match) -> str:
        return ' %s="%s"' % (match.group(1), LONG_DECIMAL.sub(r"\1", match.group(2)))

    return GEOMETRY.sub(shorten, EDGE_DATA.sub("", svg))


def _kind(svg_tag: str) -> str:
    role = re.search(r'aria-roledescription="([^"]+)"', svg_tag)
    name = (role.group(1) if role else "").lower()
    return next((label for prefix, label in KINDS.items() if name.startswith(prefix)), "Diagram")


def labels(svg: str) -> list[str]:
    """The visible words of a drawn diagram, in drawing order, once each."""
    body = re.sub(r"<style\b.*?</style>", "", svg, flags=re.S)
    body = re.sub(r"<(title|desc)\b.*?</\1>", "", body, flags=re.S)
    seen = {}
    for text in TEXT.findall(body):
        text = " ".join(html.unescape(text).split())
        if text:
            seen.setdefault(text, None)
    return list(seen)


def figure(svg: str, drawn_id: str, diagram_id: str, heading: str) -> str:
    """The SVG made ready for a page: ids unique on the page (a diagram shown twice gets a second
    set, or its arrowheads would point at the first copy's markers), an accessible name and
    description, and a size that shrinks only so far before the figure scrolls.

    The name is the diagram's own `accTitle` if it has one, else the heading above it; the
    description its `accDescr`, else its kind and its words, which are also selectable text."""
    svg = compact(svg.replace(drawn_id, diagram_id))
    tag = SVG_OPEN.search(svg).group(0)
    width = float(VIEWBOX_WIDTH.search(tag).group(1))
    title = re.search(r'<title id="([^"]+)"', svg)  # mermaid writes these from accTitle/accDescr
    desc = re.search(r'<desc id="([^"]+)"', svg)
    title_id = title.group(1) if title else f"{diagram_id}-title"
    desc_id = desc.group(1) if desc else f"{diagram_id}-desc"
    added = "" if title else f'<title id="{title_id}">{html.escape(heading or "Diagram")}</title>'
    if not desc:
        words = labels(svg)
        summary = f"{_kind(tag)} under “{heading or 'this section'}”: " + "; ".join(words[:40])
        added += f'<desc id="{desc_id}">{html.escape(summary + ("; …" if len(words) > 40 else "."))}</desc>'
    new_tag = re.sub(r'\s(style|aria-labelledby|aria-describedby)="[^"]*"', "", tag)[:-1]
    new_tag += (f' style="max-width: {width:.0f}px; min-width: {width * MIN_SCALE:.0f}px;"'
                f' aria-labelledby="{title_id}" aria-describedby="{desc_id}">')
    svg = svg.replace(tag, new_tag + added, 1)
    # Focusable, so a keyboard user can scroll a diagram that is wider than the screen.
    return f'<figure class="diagram" tabindex="0" aria-labelledby="{title_id}">{svg}</figure>'


def sources_in(page_html: str) -> list[str]:
    return [html.unescape(m.group(1)).strip() for m in SOURCE_BLOCK.finditer(page_html)]


def inline(page_html: str, figures: list[str]) -> str:
    """Replace the page's Mermaid source blocks, in order, with the given figures."""
    replacements = iter(figures)
    page_html = SOURCE_BLOCK.sub(lambda _: next(replacements), page_html)
    return without_mermaid_script(page_html)


def without_mermaid_script(page_html: str) -> str:
    return MERMAID_SCRIPT.sub("", page_html)
