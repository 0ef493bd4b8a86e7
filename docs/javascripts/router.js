/* Question router on the home page: ranks the templates for an interview question typed or
   pasted by the reader. Runs entirely in the browser on data the build writes into the page from
   the templates' front matter (see scripts/blueprints/router.py), so it works on any static host
   and from disk. The reader's text is only ever inserted as text. */
(function () {
  "use strict";

  // Words every interview question shares; they say nothing about which template applies.
  const STOP = new Set(("a about after all also an and any are as at be been before both but by can " +
    "could did do does each even every for from had has have how i if in into is it its just like " +
    "make me more most much my no not of on one only or other our out over own same should so some " +
    "such than that the their them then there these they this those through to too under until up " +
    "us very was we were what when where which while who whom why will with would you your " +
    "backend build building create design designing implement platform scalable system systems " +
    "app apps application service services website site").split(" "));
  const WEIGHT = { product: 3, cue: 2, title: 2, challenge: 1 };
  const MIN_SCORE = 1.5;
  const SHOWN = 3;

  function words(text) {
    return (text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .match(/[a-z0-9]+/g) || []).filter((w) => !STOP.has(w));
  }

  // Related forms without a stemmer: "book" and "booking", "reserve" and "reservation".
  function related(a, b) {
    if (a === b) return true;
    const [short, long] = a.length <= b.length ? [a, b] : [b, a];
    if (short.length >= 4 && long.length - short.length <= 4 && long.startsWith(short)) return true;
    let common = 0;
    while (common < short.length && short[common] === long[common]) common++;
    return common >= 6 && long.length - common <= 5;  // "reservation" yes, "ticketmaster" no
  }

  // A product is a name: "send" is not SendGrid, "link" is not LinkedIn, "home" is not HomeAway.
  // Its words match only as written, or with a plural s.
  function named(a, b) {
    return a === b || a === b + "s" || b === a + "s";
  }

  function matches(entry, asked, word) {
    return (entry.kind === "product" ? named : related)(asked, word);
  }

  function entries(template) {
    return [
      ...template.products.map((text) => ({ text, kind: "product" })),
      ...template.cues.map((text) => ({ text, kind: "cue" })),
      { text: template.title, kind: "title" },
      { text: template.challenge, kind: "challenge" },
    ].map((entry) => ({ ...entry, words: words(entry.text) }));
  }

  function rank(question, templates) {
    const asked = [...new Set(words(question))];
    const prepared = templates.map((t) => ({ template: t, entries: entries(t) }));
    // A word that points at one template is worth more than one that points at five.
    const spread = (word) => prepared.filter((p) =>
      p.entries.some((e) => e.words.some((w) => matches(e, word, w)))).length;
    const rarity = new Map(asked.map((w) => [w, Math.log(1 + templates.length / Math.max(1, spread(w)))]));
    return prepared.map(({ template, entries: all }) => {
      let score = 0;
      const matched = [];
      // How much of an entry the question covers: "long" says little about "long-running agent
      // tasks" but "links" says a lot about "short links".
      const coverage = (entry) => entry.words.filter((w) => asked.some((a) => matches(entry, a, w))).length / entry.words.length;
      for (const word of asked) {
        // A product counts only when named in full: "code" alone is not a question about Claude Code.
        const weights = all.filter((e) => e.words.some((w) => matches(e, word, w)))
          .filter((e) => e.kind !== "product" || coverage(e) === 1)
          .map((e) => WEIGHT[e.kind] * (0.4 + 0.6 * coverage(e)));
        if (weights.length) score += rarity.get(word) * Math.max(...weights);
      }
      for (const entry of all) {
        if (entry.kind !== "cue" && entry.kind !== "product") continue;
        const hits = entry.words.filter((w) => asked.some((a) => matches(entry, a, w)));
        if (!hits.length || (entry.kind === "product" && hits.length < entry.words.length)) continue;
        matched.push({ text: entry.text, hits: hits.length, whole: hits.length === entry.words.length });
        // Every word of a phrase present: the question says what the cue says.
        if (hits.length === entry.words.length && hits.length > 1) {
          score += hits.reduce((sum, w) => sum + Math.max(...asked.filter((a) => matches(entry, a, w)).map((a) => rarity.get(a))), 0);
        }
      }
      matched.sort((x, y) => (y.whole - x.whole) || (y.hits - x.hits));
      return { template, score, matched: matched.slice(0, 5).map((m) => m.text) };
    }).filter((r) => r.score >= MIN_SCORE).sort((x, y) => y.score - x.score).slice(0, SHOWN);
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function render(root, data, question) {
    const status = root.querySelector(".bp-router__status");
    const list = root.querySelector(".bp-router__results");
    list.replaceChildren();
    if (!question.trim()) {
      status.textContent = "";
      return;
    }
    const results = rank(question, data.templates);
    if (!results.length) {
      status.textContent = `No template matches “${question.trim()}”. `;
      const link = element("a", "", "Look the question up in the routing table");
      link.href = "#routing-table";
      status.append(link, ".");
      return;
    }
    const count = results.length === 1 ? "1 template matches" : `${results.length} templates match, best first`;
    status.textContent = `For “${question.trim()}”: ${count}.`;
    for (const { template, matched } of results) {
      const item = element("li", "bp-router__result");
      const link = element("a", "bp-router__title", `${template.number}. ${template.title}`);
      link.href = template.url;
      item.append(link, element("span", "bp-router__challenge", template.challenge));
      const cues = element("span", "bp-router__cues", "Matched: ");
      matched.forEach((text, i) => cues.append(i ? ", " : "", element("mark", "", text)));
      item.append(cues);
      list.append(item);
    }
  }

  function keepInUrl(question) {
    const url = new URL(window.location.href);
    if (question.trim()) url.searchParams.set("q", question);
    else url.searchParams.delete("q");
    window.history.replaceState(window.history.state, "", url);
  }


  function start() {
    const root = document.querySelector("[data-bp-router]");
    if (!root || root.dataset.started) return;
    root.dataset.started = "true";
    const data = JSON.parse(root.dataset.templates);
    const form = root.querySelector("form");
    const input = form.querySelector("textarea, input");
    let timer;
    const update = () => { keepInUrl(input.value); render(root, data, input.value); };
    form.addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(timer); update(); });
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(update, 150); });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
    });
    // overrides/main.html moved a shared ?q= out of Material's way before its search started.
    const asked = window.__routerQuestion || new URL(window.location.href).searchParams.get("q");
    delete window.__routerQuestion;
    if (asked) {
      input.value = asked;
      keepInUrl(asked);
      render(root, data, asked);
    }
  }

  // The ranking alone, for scripts/route_question.py and the tests.
  window.BlueprintsRouter = { rank };

  // Material's instant navigation swaps pages without reloading scripts; document$ fires on each.
  if (window.document$) window.document$.subscribe(start);
  else document.addEventListener("DOMContentLoaded", start);
})();
