/* Rehearse mode (rehearse/<name>/): a prompt, a clock that follows the six steps' budget, a box
   per step, Reveal, and the step's level items to tick. The page's data and the revealed sections
   are written by the build (scripts/families/rehearse.py); the reader's text is only ever set as
   text or as a form value. State survives a reload; finished attempts are kept for the history. */
(function () {
  "use strict";

  const TICK_MS = 1000;
  let interval = null;

  function start() {
    clearInterval(interval);
    const root = document.querySelector("[data-bp-rehearse]");
    if (!root || root.dataset.started || !window.SdbRehearse) return;
    root.dataset.started = "true";
    const store = window.SdbRehearse;
    const data = JSON.parse(root.dataset.rehearsal);
    const slug = data.template;
    const steps = [...root.querySelectorAll("[data-bp-step]")];
    const ends = [];
    data.steps.reduce((sum, step) => { ends.push(sum + step.minutes * 60000); return sum + step.minutes * 60000; }, 0);
    const total = ends[ends.length - 1];
    const $ = (selector) => root.querySelector(selector);
    const announce = (text) => { $("[data-bp-announce]").textContent = text; };

    const fresh = () => ({ prompt: Math.floor(Math.random() * data.prompts.length), elapsed: 0, since: null,
      answers: data.steps.map(() => ""), revealed: data.steps.map(() => null), ticks: {}, announced: -1 });
    let state = store.current(slug) || fresh();

    const now = () => Date.now();
    const elapsed = () => state.elapsed + (state.since === null ? 0 : now() - state.since);
    const scheduled = (t) => ends.findIndex((end) => t < end);  // -1 once time is up
    const save = () => store.saveCurrent(slug, state);

    function showPrompt() {
      $("[data-bp-prompt]").textContent = data.prompts[state.prompt % data.prompts.length];
    }

    function reveal(i, record) {
      const panel = steps[i];
      const target = panel.querySelector("[data-bp-content]");
      if (!target.childNodes.length) {
        const source = panel.querySelector("template[data-bp-section]");
        target.replaceChildren(source.content.cloneNode(true));
        // What Material does to a page's own content when it loads: scrollable code blocks take
        // focus, tables sit in their scroll wrapper.
        target.querySelectorAll("pre > code").forEach((code) => code.setAttribute("tabindex", "0"));
        target.querySelectorAll("table").forEach((table) => {
          const wrap = document.createElement("div");
          const inner = document.createElement("div");
          wrap.className = "md-typeset__scrollwrap";
          inner.className = "md-typeset__table";
          table.replaceWith(wrap);
          inner.append(table);
          wrap.append(inner);
        });
      }
      panel.querySelector(".bp-step__revealed").hidden = false;
      const button = panel.querySelector("[data-bp-reveal]");
      button.setAttribute("aria-expanded", "true");
      button.hidden = true;
      if (record && state.revealed[i] === null) {
        state.revealed[i] = elapsed();
        save();
      }
    }

    function status(i, t) {
      const done = state.revealed[i];
      if (done !== null) {
        return done > ends[i] ? ["over", `Over by ${store.minutes(done - ends[i])}`] : ["done", "Done in time"];
      }
      if (t >= ends[i] && (state.since !== null || state.elapsed > 0)) return ["over", `Over time by ${store.minutes(t - ends[i])}`];
      return scheduled(t) === i && (state.since !== null || state.elapsed > 0) ? ["now", "Now"] : ["", ""];
    }

    function draw() {
      const t = elapsed();
      const running = state.since !== null;
      const begun = running || state.elapsed > 0;
      const step = scheduled(t);
      if (state.finished) {
        $("[data-bp-now]").textContent = "Finished";
        $("[data-bp-left]").textContent = `in ${store.minutes(t)}; Start over for another prompt`;
      } else if (!begun) {
        $("[data-bp-now]").textContent = "Not started";
        $("[data-bp-left]").textContent = `${data.steps.length} steps, ${store.minutes(total)} in all`;
      } else if (step === -1) {
        $("[data-bp-now]").textContent = "Time is up";
        $("[data-bp-left]").textContent = `${store.minutes(t - total)} over`;
      } else {
        $("[data-bp-now]").textContent = `Step ${step + 1} of ${data.steps.length}: ${data.steps[step].name}`;
        $("[data-bp-left]").textContent = `${store.minutes(ends[step] - t)} left${running ? "" : " (paused)"}`;
      }
      steps.forEach((panel, i) => {
        const [kind, text] = status(i, t);
        panel.querySelector("[data-bp-status]").textContent = text;
        panel.classList.toggle("bp-step--over", kind === "over");
        panel.classList.toggle("bp-step--now", kind === "now");
      });
      $("[data-bp-start]").hidden = running || Boolean(state.finished);
      $("[data-bp-finish]").hidden = Boolean(state.finished);
      $("[data-bp-start]").textContent = state.elapsed > 0 ? "Resume the clock" : "Start the clock";
      $("[data-bp-pause]").hidden = !running;
      // Announced once per change, not every second: a polite live region.
      if (begun && !state.finished && step !== state.announced) {
        state.announced = step;
        save();
        announce(step === -1 ? "Time is up." : `Now step ${step + 1}: ${data.steps[step].name}, ${data.steps[step].minutes} minutes.`);
      }
    }

    function score() {
      const result = {};
      for (const level of store.LEVELS) {
        const boxes = [...root.querySelectorAll(`[data-bp-level="${level}"]`)];
        result[level] = [boxes.filter((b) => b.checked).length, boxes.length];
      }
      return result;
    }

    function finish() {
      const t = elapsed();
      const got = score();
      const stepsDone = data.steps.map((step, i) => {
        const end = state.revealed[i] === null ? t : state.revealed[i];
        const begin = i === 0 ? 0 : (state.revealed[i - 1] === null ? 0 : state.revealed[i - 1]);
        const ticked = [...steps[i].querySelectorAll("[data-bp-tick]")].filter((b) => b.checked)
          .map((b) => b.closest("label").textContent.trim().replace(/\s+/g, " "));
        return { name: step.name, minutes: step.minutes, ms: Math.max(0, end - begin), answer: state.answers[i], ticked };
      });
      store.addAttempt({ id: `${slug}-${now()}`, template: slug, title: data.title,
        prompt: data.prompts[state.prompt % data.prompts.length], date: new Date(now()).toISOString(),
        score: got, ticks: Object.keys(state.ticks).filter((k) => state.ticks[k]), steps: stepsDone });
      const list = $("[data-bp-scores]");
      list.replaceChildren(...store.LEVELS.filter((l) => got[l][1]).map((level) => {
        const item = document.createElement("li");
        item.textContent = `${level}: ${got[level][0]} of ${got[level][1]}`;
        return item;
      }));
      root.querySelectorAll("a[data-bp-reread-step]").forEach((link) => {
        const panel = steps[data.steps.findIndex((s) => s.name === link.dataset.bpRereadStep)];
        link.closest("li").hidden = !panel || ![...panel.querySelectorAll("[data-bp-tick]")].some((b) => !b.checked);
      });
      state.elapsed = t;
      state.since = null;
      state.finished = true;
      store.dropCurrent(slug);
      const summary = $("[data-bp-summary]");
      summary.hidden = false;
      announce(`Scored: ${store.scoreText(got)}.`);
      const heading = summary.querySelector("h2");
      heading.focus({ preventScroll: true });
      heading.scrollIntoView({ behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
      clearInterval(interval);
      history();
      draw();
    }

    function history() {
      const mine = store.attempts().filter((a) => a.template === slug);
      const list = $("[data-bp-history]");
      $("[data-bp-history-empty]").hidden = mine.length > 0;
      list.replaceChildren(...mine.slice().reverse().map((attempt) => {
        const item = document.createElement("li");
        const text = document.createElement("span");
        text.textContent = `${store.dateText(attempt.date)}: “${attempt.prompt}” · ${store.scoreText(attempt.score)} `;
        const button = document.createElement("button");
        button.type = "button";
        button.className = "md-button bp-history__export";
        button.textContent = "Export";
        button.setAttribute("aria-label", `Export the rehearsal of ${store.dateText(attempt.date)} as Markdown`);
        button.addEventListener("click", () => download(attempt));
        item.append(text, button);
        return item;
      }));
    }

    function download(attempt) {
      const blob = new Blob([store.toMarkdown(attempt)], { type: "text/markdown" });
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = `rehearsal-${attempt.template}-${attempt.date.slice(0, 10)}.md`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    }

    function load() {
      showPrompt();
      steps.forEach((panel, i) => {
        panel.querySelector("[data-bp-answer]").value = state.answers[i] || "";
        panel.querySelector(".bp-step__revealed").hidden = true;
        const button = panel.querySelector("[data-bp-reveal]");
        button.hidden = false;
        button.setAttribute("aria-expanded", "false");
        panel.querySelector("[data-bp-content]").replaceChildren();
        if (state.revealed[i] !== null) reveal(i, false);
      });
      root.querySelectorAll("[data-bp-tick]").forEach((box) => { box.checked = Boolean(state.ticks[box.dataset.bpTick]); });
      draw();
      if (state.since !== null) interval = setInterval(draw, TICK_MS);
    }

    $("[data-bp-start]").addEventListener("click", () => {
      state.since = now();
      save();
      clearInterval(interval);
      interval = setInterval(draw, TICK_MS);
      draw();
    });
    $("[data-bp-pause]").addEventListener("click", () => {
      state.elapsed = elapsed();
      state.since = null;
      save();
      clearInterval(interval);
      announce("Paused.");
      draw();
    });
    $("[data-bp-another]").addEventListener("click", () => {
      if (data.prompts.length > 1) {
        const others = data.prompts.map((_, i) => i).filter((i) => i !== state.prompt % data.prompts.length);
        state.prompt = others[Math.floor(Math.random() * others.length)];
      }
      save();
      showPrompt();
    });
    $("[data-bp-finish]").addEventListener("click", finish);
    $("[data-bp-restart]").addEventListener("click", () => {
      clearInterval(interval);
      state = fresh();
      store.dropCurrent(slug);
      $("[data-bp-summary]").hidden = true;
      load();
      announce("Started over: the clock is reset.");
    });
    steps.forEach((panel, i) => {
      panel.querySelector("[data-bp-reveal]").addEventListener("click", () => {
        reveal(i, true);
        draw();
        panel.querySelector(".bp-step__revealed").focus?.();
      });
      panel.querySelector("[data-bp-answer]").addEventListener("input", (event) => {
        state.answers[i] = event.target.value;
        save();
      });
    });
    root.addEventListener("change", (event) => {
      const box = event.target.closest("[data-bp-tick]");
      if (!box) return;
      state.ticks[box.dataset.bpTick] = box.checked;
      save();
    });
    $("[data-bp-clear]").addEventListener("click", () => {
      const count = store.attempts().length;
      $("[data-bp-confirm-text]").textContent =
        `Delete all ${count} rehearsal${count === 1 ? "" : "s"} kept in this browser, for every template, and the one in progress?`;
      $("[data-bp-confirm]").hidden = false;
      $("[data-bp-confirm-no]").focus();
    });
    $("[data-bp-confirm-no]").addEventListener("click", () => {
      $("[data-bp-confirm]").hidden = true;
      $("[data-bp-clear]").focus();
    });
    $("[data-bp-confirm-yes]").addEventListener("click", () => {
      store.clearAll();
      clearInterval(interval);
      state = fresh();
      $("[data-bp-confirm]").hidden = true;
      $("[data-bp-summary]").hidden = true;
      load();
      history();
      announce("Your rehearsals were deleted from this browser.");
      $("[data-bp-clear]").focus();
    });

    load();
    history();
  }

  if (window.document$) window.document$.subscribe(start);
  else document.addEventListener("DOMContentLoaded", start);
})();
