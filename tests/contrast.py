"""Contrast of every word drawn in a diagram against what is painted behind it.

axe-core does not judge text inside SVG (it reports such text as "incomplete"), so this computes
WCAG contrast itself: for each piece of text, the colours of everything under its centre are
composited bottom-up onto the page background, and the text colour is composited onto that."""
from __future__ import annotations

MEASURE = r"""() => {
  const style = document.createElement("style");
  style.textContent = "figure.diagram * { pointer-events: auto !important; }";
  document.head.append(style);
  const parse = (c) => {
    const m = c && c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a), a: 1 });
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  // Lines and polylines are drawn by their stroke; their fill paints nothing.
  const SHAPES = new Set(["rect", "path", "polygon", "circle", "ellipse"]);
  const paint = (el) => {
    const cs = getComputedStyle(el);
    const opacity = Number(cs.opacity || 1);
    let colour;
    if (el instanceof SVGElement) {
      if (!SHAPES.has(el.tagName.toLowerCase())) return null;
      colour = parse(cs.fill);
      if (colour) colour.a *= Number(cs.fillOpacity || 1);
    } else {
      colour = parse(cs.backgroundColor);
    }
    if (!colour || colour.a === 0) return null;
    colour.a *= opacity;
    return colour;
  };
  const results = [];
  const page = parse(getComputedStyle(document.body).backgroundColor);
  document.querySelectorAll("article figure.diagram svg").forEach((svg, index) => {
    const walker = document.createTreeWalker(svg, NodeFilter.SHOW_TEXT);
    const seen = new Set();
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const el = node.parentElement;
      const text = node.textContent.trim();
      if (!text || seen.has(el) || el.closest("style, title, desc")) continue;
      seen.add(el);
      const cs = getComputedStyle(el);
      if (cs.visibility === "hidden" || cs.display === "none") continue;
      el.scrollIntoView({ block: "center", inline: "center" });
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const x = box.left + box.width / 2, y = box.top + box.height / 2;
      const figure = svg.closest("figure");
      let back = { ...page };
      for (const layer of document.elementsFromPoint(x, y).reverse()) {
        // Only what is behind the text: the figure's own shapes and the page under it, not a
        // sticky header that happens to cover the point.
        if (layer === el || !(figure.contains(layer) || layer.contains(figure))) continue;
        const colour = paint(layer);
        if (colour) back = over(colour, back);
      }
      // Sequence step numbers sit on a circle drawn as a line marker, which hit-testing skips.
      if (el.classList.contains("sequenceNumber")) {
        const circle = svg.querySelector('marker[id$="sequencenumber"] circle');
        if (circle) back = over(paint(circle), back);
      }
      let fore = parse(el instanceof SVGElement ? cs.fill : cs.color) || parse(cs.color);
      fore = over(fore, back);
      const [hi, lo] = [lum(fore), lum(back)].sort((a, b) => b - a);
      results.push({ diagram: index + 1, text, ratio: (hi + 0.05) / (lo + 0.05),
                     colour: `rgb(${fore.r|0},${fore.g|0},${fore.b|0})`, behind: `rgb(${back.r|0},${back.g|0},${back.b|0})` });
    }
  });
  style.remove();
  return results;
}"""

WCAG_AA = 4.5


def low_contrast_labels(page) -> list[dict]:
    """Every diagram label on the page whose contrast is under WCAG AA (4.5:1)."""
    labels = page.evaluate(MEASURE)
    assert labels or not page.locator("article figure.diagram").count(), "no label was measured"
    return [label for label in labels if label["ratio"] < WCAG_AA]


def measured_labels(page) -> list[dict]:
    return page.evaluate(MEASURE)
