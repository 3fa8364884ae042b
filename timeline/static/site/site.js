/* The static site's one script: filters and search on the timeline, the overview chart on wide screens, and the
   way back from an entry with the visitor's filters. Without it every entry is still listed and linked.
   What the filters match on was computed when the site was built (data-* attributes and the search index, folded
   by the exhibit's Python), so this only compares. */
(() => {
  "use strict";
  const ID = /^[a-z0-9-]{1,200}$/;
  const STORE = "timeline-query";
  const WIDE = "(min-width: 60em)";
  const remember = (text) => { try { sessionStorage.setItem(STORE, text); } catch (e) { /* private mode */ } };
  const recall = () => { try { return sessionStorage.getItem(STORE) || ""; } catch (e) { return ""; } };

  // An entry page: the way back keeps the timeline's filters.
  const entries = document.getElementById("entries");
  if (!entries) {
    const query = recall();
    if (query) document.querySelectorAll("a[data-back]").forEach((a) => { a.href = a.getAttribute("href") + "?" + query; });
    return;
  }

  // A link shared from the Streamlit page (?event=ID) opens that entry's page.
  const params = new URLSearchParams(location.search);
  const wanted = params.get("event");
  if (wanted && ID.test(wanted) && document.querySelector('[data-entry-id="' + wanted + '"]')) {
    location.replace("entries/" + wanted + "/");
    return;
  }

  const form = document.getElementById("filters");
  const items = Array.from(entries.querySelectorAll("li.entry[data-entry-id]")).map((li) => ({
    li, id: li.dataset.entryId, category: li.dataset.category, kind: li.dataset.kind,
    themes: JSON.parse(li.dataset.themes || "[]"), people: JSON.parse(li.dataset.people || "[]"),
    start: Number(li.dataset.start), end: Number(li.dataset.end),
  }));
  const decades = Array.from(entries.querySelectorAll("li.decade"));
  const counts = form.querySelectorAll("[data-count]");
  const shortCount = form.querySelector("[data-count-short]");
  const reset = form.querySelector(".reset-button");
  const empty = entries.querySelector(".no-results");
  const noun = (n) => (n === 1 ? "entry" : "entries");
  const fold = (s) => s.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
  const known = (name) => new Set(Array.from(form.querySelectorAll('[name="' + name + '"]'))
    .flatMap((el) => (el.tagName === "SELECT" ? Array.from(el.options).map((o) => o.value) : [el.value]))
    .filter(Boolean));
  const choices = { category: known("category"), kind: known("kind"), theme: known("theme"), person: known("person") };

  let index = null;  // entry id -> folded search text, fetched when a search first needs it
  const searchIndex = () => {
    if (!index) index = fetch(entries.dataset.searchIndex).then((r) => r.json());
    return index;
  };

  const year = (value) => (/^-?[0-9]{1,4}$/.test((value || "").trim()) ? parseInt(value, 10) : null);
  function read(source) {
    const q = {};
    for (const name of Object.keys(choices)) q[name] = source.getAll(name).filter((v) => choices[name].has(v));
    q.from = year(source.get("from"));
    q.to = year(source.get("to"));
    if (q.from !== null && q.to !== null && q.from > q.to) [q.from, q.to] = [q.to, q.from];
    q.q = (source.get("q") || "").replace(/\s+/g, " ").trim().slice(0, 100);
    return q;
  }
  const active = (q) => Object.keys(choices).some((n) => q[n].length) || q.from !== null || q.to !== null || q.q !== "";
  function toParams(q) {
    const out = new URLSearchParams();
    for (const name of Object.keys(choices)) q[name].slice().sort().forEach((v) => out.append(name, v));
    if (q.from !== null) out.set("from", q.from);
    if (q.to !== null) out.set("to", q.to);
    if (q.q) out.set("q", q.q);
    return out.toString();
  }
  function fill(q) {
    form.querySelectorAll('input[type="checkbox"]').forEach((box) => { box.checked = q[box.name].includes(box.value); });
    form.querySelectorAll("select").forEach((sel) => { sel.value = q[sel.name][0] || ""; });
    form.elements.from.value = q.from === null ? "" : q.from;
    form.elements.to.value = q.to === null ? "" : q.to;
    form.elements.q.value = q.q;
  }
  function matches(item, q, words, texts) {
    const low = q.from === null ? -Infinity : q.from;
    const high = q.to === null ? Infinity : q.to + 1;
    return (!q.category.length || q.category.includes(item.category))
      && (!q.kind.length || q.kind.includes(item.kind))
      && (!q.theme.length || item.themes.some((t) => q.theme.includes(t)))
      && (!q.person.length || item.people.some((p) => q.person.includes(p)))
      && item.start < high && item.end > low
      && words.every((w) => (texts[item.id] || "").includes(w));
  }

  let latest = 0;
  async function show(q, reveal) {
    const run = ++latest;
    const words = fold(q.q).split(" ").filter(Boolean);
    const texts = words.length ? await searchIndex() : {};
    if (run !== latest) return;  // a newer change came while the index loaded
    let shown = 0;
    for (const item of items) {
      const ok = matches(item, q, words, texts);
      item.li.hidden = !ok;
      shown += ok ? 1 : 0;
    }
    const on = active(q);
    decades.forEach((d) => { d.hidden = on && !d.querySelector("li.entry:not([hidden])"); });
    const text = on ? shown + " of " + items.length + " " + noun(items.length) : items.length + " " + noun(items.length);
    counts.forEach((el) => { el.textContent = text; });
    shortCount.textContent = "· " + (on ? shown + " of " + items.length : String(items.length));
    reset.hidden = !on;
    empty.hidden = shown > 0;
    const query = toParams(q);
    history.replaceState(history.state, "", query ? "?" + query : location.pathname);
    remember(query);
    if (reveal) document.getElementById("entries-title").scrollIntoView({ block: "start" });
  }
  const fromForm = () => read(new URLSearchParams(new FormData(form)));

  let typing = 0;
  form.addEventListener("input", (event) => {
    clearTimeout(typing);
    if (event.target.type === "search" || event.target.type === "number") {
      typing = setTimeout(() => show(fromForm(), false), 200);
    } else {
      show(fromForm(), false);
    }
  });
  form.addEventListener("submit", (event) => { event.preventDefault(); show(fromForm(), true); });
  form.addEventListener("reset", () => setTimeout(() => { show(fromForm(), false); form.elements.q.focus(); }, 0));
  form.elements.q.addEventListener("focus", () => { searchIndex(); }, { once: true });

  const start = read(params);
  fill(start);
  form.hidden = false;
  if (active(start)) show(start, false);
  else remember("");

  // The overview chart: wide screens only, after the entries are on screen, never before them.
  const overview = document.getElementById("overview");
  if (!overview || !window.matchMedia(WIDE).matches) return;
  function drawChart() {
    const script = document.createElement("script");
    script.src = overview.dataset.plotly;
    script.onload = () => fetch(overview.dataset.figure).then((r) => r.json()).then((figure) => {
      const chart = document.getElementById("overview-chart");
      return window.Plotly.newPlot(chart, figure.data, figure.layout, figure.config).then(() => {
        chart.on("plotly_click", (event) => {
          const point = event.points && event.points[0];
          const id = point && point.customdata && point.customdata[0];
          if (id && ID.test(id)) location.href = "entries/" + id + "/";
        });
      });
    }).catch(() => { overview.hidden = true; });
    script.onerror = () => { overview.hidden = true; };
    document.head.appendChild(script);
  }
  if (document.readyState === "complete") setTimeout(drawChart, 0);
  else window.addEventListener("load", () => setTimeout(drawChart, 0));
})();
