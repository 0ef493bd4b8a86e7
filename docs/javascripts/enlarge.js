/* Diagrams you can enlarge (issue 16): an "Enlarge" button above each drawn diagram opens it in a
   full-screen modal <dialog>, where the reader pans and zooms with touch, mouse or keys.

   The SVG itself moves into the dialog and back rather than being copied: a copy would repeat
   every marker id, and its arrowheads would point at the original's. The dialog sits in the
   themed <body>, so the moved SVG keeps following the light/dark variables.

   Page load only adds the buttons (no layout reads); the dialog is made on first use, because the
   site is held to a total-blocking-time budget on a mobile CPU. */
(function () {
  "use strict";

  const MAX_ZOOM = 4;        // times the drawn size: 16 px labels up to 64 px
  const KEY_ZOOM = 1.25;
  const KEY_PAN = 0.1;       // share of the view an arrow key moves it
  const FIT_MARGIN = 16;     // px kept clear around the diagram when it is fitted
  const KEEP_VISIBLE = 48;   // px of the diagram that panning can never push off screen

  let view = null;           // the dialog and its parts, made once per document
  let shown = null;          // what is open: the SVG, where it came from, and its pan/zoom
  let watched = [];          // observers on rehearsal sections revealed at runtime

  function make(tag, props, ...children) {
    const el = Object.assign(document.createElement(tag), props);
    el.append(...children);
    return el;
  }

  /* ---- The controls: one per diagram, added on every page Material shows. ---- */

  function diagramName(figure) {
    const label = document.getElementById(figure.getAttribute("aria-labelledby") || "");
    const name = label ? label.textContent.replace(/\s+/g, " ").trim() : "";
    return name || "Diagram";
  }

  function addControl(figure) {
    // Idempotent: document$ can emit again for a page that already has its controls.
    const before = figure.previousElementSibling;
    if (before && before.classList.contains("bp-enlarge-bar")) return;
    if (figure.classList.contains("bp-enlarge__stage")) return;
    const name = diagramName(figure);
    const button = make("button", { type: "button", className: "bp-enlarge-button", textContent: "Enlarge" });
    button.setAttribute("aria-label", `Enlarge diagram: ${name}`);
    button.addEventListener("click", () => open(figure, button, name));
    figure.before(make("div", { className: "bp-enlarge-bar" }, button));
  }

  function addControls(root) {
    root.querySelectorAll("figure.diagram").forEach(addControl);
  }

  /* A rehearsal keeps its sections in <template>s and copies one in when the reader reveals it;
     those diagrams need their controls then. Only those containers are watched. */
  function watchRevealedSections() {
    watched.forEach((observer) => observer.disconnect());
    watched = [...document.querySelectorAll("[data-bp-content]")].map((target) => {
      const observer = new MutationObserver(() => addControls(target));
      observer.observe(target, { childList: true });
      return observer;
    });
  }

  /* ---- The view: a modal dialog, made on first use. ---- */

  function buildView() {
    const title = make("h2", { className: "bp-enlarge__title", id: "bp-enlarge-title" });
    const hint = make("p", { className: "bp-enlarge__hint", id: "bp-enlarge-hint",
      textContent: "Drag to move. Pinch, scroll or press + and − to zoom; arrows move, 0 fits, Esc closes." });
    const tool = (label, text, action) => {
      const button = make("button", { type: "button", className: "bp-enlarge-button", textContent: text });
      button.setAttribute("aria-label", label);
      button.addEventListener("click", action);
      return button;
    };
    const close = tool("Close", "Close", () => dialog.close());
    close.autofocus = true;  // showModal would otherwise focus "Zoom out"
    // The stage is also a figure.diagram so that the site's diagram rules (marker colours in the
    // dark scheme, label fonts) keep applying to the SVG while it is here.
    const stage = make("figure", { className: "diagram bp-enlarge__stage" });
    const dialog = make("dialog", { className: "bp-enlarge md-typeset" },
      make("div", { className: "bp-enlarge__bar" }, title, hint,
        tool("Zoom out", "−", () => zoomBy(1 / KEY_ZOOM)),
        tool("Zoom in", "+", () => zoomBy(KEY_ZOOM)),
        tool("Fit to screen", "Fit", fit),
        close),
      stage);
    dialog.setAttribute("aria-labelledby", title.id);
    dialog.setAttribute("aria-describedby", hint.id);
    dialog.addEventListener("close", restore);
    dialog.addEventListener("keydown", onKey);
    stage.addEventListener("pointerdown", onPointerDown);
    stage.addEventListener("pointermove", onPointerMove);
    stage.addEventListener("pointerup", onPointerUp);
    stage.addEventListener("pointercancel", onPointerUp);
    // On the whole dialog, so a wheel over the toolbar does not scroll the page behind it.
    dialog.addEventListener("wheel", onWheel, { passive: false });
    window.addEventListener("resize", () => { if (shown) measureStage(); });
    window.addEventListener("beforeprint", () => dialog.open && dialog.close());
    document.body.append(dialog);
    return { dialog, stage, title };
  }

  function open(figure, button, name) {
    const svg = figure.querySelector(":scope > svg");
    if (!svg || shown) return;
    if (!view || !view.dialog.isConnected) view = buildView();
    const box = svg.getBoundingClientRect();
    const drawn = svg.viewBox && svg.viewBox.baseVal && svg.viewBox.baseVal.width
      ? svg.viewBox.baseVal : { width: box.width, height: box.height };
    // Holds the diagram's place so the page behind does not reflow while it is away.
    const placeholder = make("div", { className: "bp-enlarge__placeholder" });
    placeholder.style.height = `${box.height}px`;
    placeholder.setAttribute("aria-hidden", "true");
    shown = { svg, button, placeholder, style: svg.getAttribute("style"),
      width: drawn.width, height: drawn.height, scale: 1, x: 0, y: 0, pointers: new Map(), last: null };
    svg.replaceWith(placeholder);
    svg.style.cssText = `position:absolute;left:0;top:0;transform-origin:0 0;max-width:none;min-width:0;` +
      `width:${drawn.width}px;height:${drawn.height}px`;
    view.stage.append(svg);
    view.title.textContent = name;
    view.dialog.showModal();
    measureStage();
    fit();
  }

  /* On every close (button, Esc, print, navigation): the SVG goes back exactly as it was. */
  function restore() {
    if (!shown) return;
    const { svg, button, placeholder, style } = shown;
    shown = null;
    if (style === null) svg.removeAttribute("style");
    else svg.setAttribute("style", style);
    placeholder.replaceWith(svg);
    // Chromium returns focus itself; Safari does not focus a clicked button, so do it here.
    if (button.isConnected) button.focus();
  }

  /* ---- Pan and zoom: screen = (x, y) + scale * drawn. ---- */

  function measureStage() {
    const rect = view.stage.getBoundingClientRect();
    shown.stage = { left: rect.left, top: rect.top, width: rect.width, height: rect.height };
  }

  function fitScale() {
    const { stage, width, height } = shown;
    return Math.max(0.01, Math.min((stage.width - 2 * FIT_MARGIN) / width, (stage.height - 2 * FIT_MARGIN) / height));
  }

  function fit() {
    if (!shown) return;
    const { stage, width, height } = shown;
    shown.scale = Math.min(MAX_ZOOM, fitScale());
    shown.x = (stage.width - width * shown.scale) / 2;
    shown.y = (stage.height - height * shown.scale) / 2;
    draw();
  }

  function zoomAt(cx, cy, factor) {
    const min = Math.min(1, fitScale()) / 2;
    const scale = Math.min(MAX_ZOOM, Math.max(min, shown.scale * factor));
    const k = scale / shown.scale;
    shown.x = cx - (cx - shown.x) * k;
    shown.y = cy - (cy - shown.y) * k;
    shown.scale = scale;
  }

  function zoomBy(factor) {
    if (!shown) return;
    zoomAt(shown.stage.width / 2, shown.stage.height / 2, factor);
    draw();
  }

  function panBy(dx, dy) {
    shown.x += dx;
    shown.y += dy;
  }

  function draw() {
    const { stage, width, height, scale } = shown;
    // Never lose the diagram entirely: some of it stays on screen however far it is dragged.
    shown.x = Math.min(stage.width - KEEP_VISIBLE, Math.max(KEEP_VISIBLE - width * scale, shown.x));
    shown.y = Math.min(stage.height - KEEP_VISIBLE, Math.max(KEEP_VISIBLE - height * scale, shown.y));
    shown.svg.style.transform = `translate(${shown.x}px, ${shown.y}px) scale(${scale})`;
  }

  function onKey(event) {
    // Material binds page keys on the document ("n"/"p" change page, "/" opens search); none of
    // them may act behind the modal. Esc still closes: that is the dialog's default action.
    event.stopPropagation();
    if (!shown || event.ctrlKey || event.metaKey || event.altKey) return;
    const step = KEY_PAN * Math.min(shown.stage.width, shown.stage.height);
    const actions = {
      "+": () => zoomBy(KEY_ZOOM), "=": () => zoomBy(KEY_ZOOM),
      "-": () => zoomBy(1 / KEY_ZOOM), "_": () => zoomBy(1 / KEY_ZOOM),
      "0": fit,
      // Arrows move the view, as on a map: → shows what lies to the right.
      ArrowLeft: () => panBy(step, 0), ArrowRight: () => panBy(-step, 0),
      ArrowUp: () => panBy(0, step), ArrowDown: () => panBy(0, -step),
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
    draw();
  }

  function onWheel(event) {
    event.preventDefault();
    // A trackpad pinch arrives as ctrl+wheel with small deltas; lines (Firefox) are ~16 px each.
    const pixels = event.deltaY * (event.deltaMode === 1 ? 16 : 1);
    const factor = Math.exp(-pixels * (event.ctrlKey ? 0.01 : 0.002));
    zoomAt(event.clientX - shown.stage.left, event.clientY - shown.stage.top, factor);
    draw();
  }

  /* Pointer events cover mouse, pen and touch. One pointer drags; two pinch (their spread scales
     the diagram about their midpoint) and drag at the same time. */
  function gesture() {
    const points = [...shown.pointers.values()];
    if (!points.length) return null;
    const cx = points.reduce((sum, p) => sum + p.x, 0) / points.length;
    const cy = points.reduce((sum, p) => sum + p.y, 0) / points.length;
    const spread = points.length > 1 ? Math.hypot(points[0].x - points[1].x, points[0].y - points[1].y) : 0;
    return { cx, cy, spread };
  }

  function track(event) {
    shown.pointers.set(event.pointerId, { x: event.clientX - shown.stage.left, y: event.clientY - shown.stage.top });
  }

  function onPointerDown(event) {
    if (!shown || (event.pointerType === "mouse" && event.button !== 0)) return;
    view.stage.setPointerCapture(event.pointerId);
    track(event);
    shown.last = gesture();
  }

  function onPointerMove(event) {
    if (!shown || !shown.pointers.has(event.pointerId)) return;
    track(event);
    const now = gesture();
    const last = shown.last;
    panBy(now.cx - last.cx, now.cy - last.cy);
    if (now.spread && last.spread) zoomAt(now.cx, now.cy, now.spread / last.spread);
    shown.last = now;
    draw();
  }

  function onPointerUp(event) {
    if (!shown) return;
    shown.pointers.delete(event.pointerId);
    shown.last = gesture();
  }

  /* ---- Every page Material shows, first load and instant navigation alike. ---- */

  function start() {
    // A back/forward navigation can swap the page under an open view: put the SVG back first.
    if (view && view.dialog.open) view.dialog.close();
    addControls(document);
    watchRevealedSections();
  }

  if (window.document$) window.document$.subscribe(start);
  else document.addEventListener("DOMContentLoaded", start);
})();
