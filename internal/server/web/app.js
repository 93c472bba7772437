// sitrep's web page: a base map (Natural Earth via world-atlas, decoded
// here from TopoJSON), clustered markers coloured by event type, a list,
// a timeline histogram with a brush, and the record and article of the
// selected event with the evidence of each field highlighted. No library,
// no request to any other host.
"use strict";
(function () {
  const COLORS = {
    battles: "#d62728",
    explosions_remote_violence: "#ff7f0e",
    violence_against_civilians: "#9467bd",
    protests: "#2ca02c",
    riots: "#8c564b",
    strategic_developments: "#1f77b4",
  };
  const LABELS = {
    battles: "Battles",
    explosions_remote_violence: "Explosions/Remote violence",
    violence_against_civilians: "Violence against civilians",
    protests: "Protests",
    riots: "Riots",
    strategic_developments: "Strategic developments",
  };
  const $ = (id) => document.getElementById(id);
  const state = {
    events: [],      // what the server filters returned
    shown: [],       // after the period (brush or dates)
    since: "", until: "",
    selected: null,
    land: null,      // [[ [lon,lat]... ] rings]
    view: { cx: 20, cy: 20, k: 4 }, // centre lon/lat, pixels per degree
  };

  // ---- TopoJSON decoding (arcs are quantized and delta-encoded) ----
  function decodeTopo(topo) {
    const [sx, sy] = topo.transform.scale, [tx, ty] = topo.transform.translate;
    const arcs = topo.arcs.map((arc) => {
      let x = 0, y = 0;
      return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
    });
    const ring = (idx) => {
      const pts = [];
      for (const i of idx) {
        const a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
        for (let j = pts.length ? 1 : 0; j < a.length; j++) pts.push(a[j]);
      }
      return pts;
    };
    const rings = [];
    for (const g of topo.objects.countries.geometries) {
      if (g.type === "Polygon") g.arcs.forEach((r) => rings.push(ring(r)));
      else if (g.type === "MultiPolygon") g.arcs.forEach((p) => p.forEach((r) => rings.push(ring(r))));
    }
    return rings;
  }

  // ---- projection: equirectangular around view.cx, view.cy ----
  function size() { const b = $("mapbox").getBoundingClientRect(); return [b.width, b.height]; }
  function project(lon, lat) {
    const [w, h] = size(), v = state.view;
    return [w / 2 + (lon - v.cx) * v.k, h / 2 - (lat - v.cy) * v.k];
  }
  function unproject(x, y) {
    const [w, h] = size(), v = state.view;
    return [v.cx + (x - w / 2) / v.k, v.cy - (y - h / 2) / v.k];
  }

  function drawBase() {
    const c = $("basemap"), [w, h] = size(), dpr = window.devicePixelRatio || 1;
    c.width = w * dpr; c.height = h * dpr;
    const g = c.getContext("2d");
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.fillStyle = "#cddfe9"; g.fillRect(0, 0, w, h);
    if (!state.land) return;
    g.beginPath();
    for (const r of state.land) {
      r.forEach(([lon, lat], i) => { const [x, y] = project(lon, lat); i ? g.lineTo(x, y) : g.moveTo(x, y); });
      g.closePath();
    }
    g.fillStyle = "#efeadf"; g.fill("evenodd");
    g.strokeStyle = "#a59f90"; g.lineWidth = 0.6; g.stroke();
  }

  // ---- markers, clustered on a 44-pixel grid ----
  function drawMarkers() {
    const svg = $("markers");
    svg.textContent = "";
    const [w, h] = size();
    const cells = new Map();
    for (const ev of state.shown) {
      if (!ev.location) continue;
      const [x, y] = project(ev.location.lon, ev.location.lat);
      if (x < -20 || y < -20 || x > w + 20 || y > h + 20) continue;
      const key = Math.floor(x / 44) + ":" + Math.floor(y / 44);
      if (!cells.has(key)) cells.set(key, []);
      cells.get(key).push({ ev, x, y });
    }
    const ns = "http://www.w3.org/2000/svg";
    for (const group of cells.values()) {
      const x = group.reduce((s, m) => s + m.x, 0) / group.length;
      const y = group.reduce((s, m) => s + m.y, 0) / group.length;
      const counts = {};
      group.forEach((m) => { counts[m.ev.event_type] = (counts[m.ev.event_type] || 0) + 1; });
      const top = Object.keys(counts).sort((a, b) => counts[b] - counts[a])[0];
      const c = document.createElementNS(ns, "circle");
      c.setAttribute("cx", x); c.setAttribute("cy", y);
      c.setAttribute("r", group.length > 1 ? 10 + Math.min(10, group.length) : 7);
      c.setAttribute("fill", COLORS[top] || "#555");
      c.setAttribute("class", "marker" + (group.length > 1 ? " cluster" : ""));
      const title = document.createElementNS(ns, "title");
      if (group.length === 1) {
        const ev = group[0].ev;
        c.dataset.id = ev.id;
        if (state.selected === ev.id) c.classList.add("selected");
        title.textContent = headline(ev);
        c.addEventListener("click", (e) => { e.stopPropagation(); select(ev.id); });
      } else {
        title.textContent = group.length + " events: " + Object.entries(counts).map(([t, n]) => n + " " + (LABELS[t] || t)).join(", ");
        c.addEventListener("click", (e) => { e.stopPropagation(); fit(group.map((m) => m.ev), 2); });
      }
      c.appendChild(title);
      svg.appendChild(c);
      if (group.length > 1) {
        const t = document.createElementNS(ns, "text");
        t.setAttribute("x", x); t.setAttribute("y", y); t.textContent = group.length;
        svg.appendChild(t);
      }
    }
  }

  function redrawMap() { drawBase(); drawMarkers(); }

  // fit centres the view on events' places; zoom multiplies the fitted
  // scale (to open a cluster).
  function fit(evs, zoom) {
    const pts = evs.filter((e) => e.location).map((e) => [e.location.lon, e.location.lat]);
    const [w, h] = size();
    if (!pts.length) { state.view = { cx: 20, cy: 20, k: Math.max(w / 360, 1) }; redrawMap(); return; }
    const lons = pts.map((p) => p[0]), lats = pts.map((p) => p[1]);
    const w0 = Math.min(...lons), e0 = Math.max(...lons), s0 = Math.min(...lats), n0 = Math.max(...lats);
    const k = Math.min((w - 160) / Math.max(e0 - w0, 4), (h - 160) / Math.max(n0 - s0, 3), 400);
    state.view = { cx: (w0 + e0) / 2, cy: (s0 + n0) / 2, k: zoom ? k * zoom : k };
    if (zoom && state.view.k > 400) state.view.k = 400;
    redrawMap();
  }

  function zoomBy(f, px, py) {
    const [w, h] = size();
    const [lon, lat] = unproject(px ?? w / 2, py ?? h / 2);
    const v = state.view;
    v.k = Math.max(w / 400, Math.min(2000, v.k * f));
    // Keep the point under the cursor in place.
    v.cx = lon - ((px ?? w / 2) - w / 2) / v.k;
    v.cy = lat + ((py ?? h / 2) - h / 2) / v.k;
    redrawMap();
  }

  function setupMapControls() {
    const box = $("mapbox");
    $("zoom-in").onclick = () => zoomBy(1.6);
    $("zoom-out").onclick = () => zoomBy(1 / 1.6);
    $("zoom-fit").onclick = () => fit(state.shown);
    box.addEventListener("wheel", (e) => {
      e.preventDefault();
      const r = box.getBoundingClientRect();
      zoomBy(e.deltaY < 0 ? 1.25 : 0.8, e.clientX - r.left, e.clientY - r.top);
    }, { passive: false });
    let drag = null;
    box.addEventListener("pointerdown", (e) => {
      if (e.target.closest("button") || e.target.tagName === "circle") return;
      drag = { x: e.clientX, y: e.clientY, cx: state.view.cx, cy: state.view.cy };
    });
    window.addEventListener("pointermove", (e) => {
      if (!drag) return;
      state.view.cx = drag.cx - (e.clientX - drag.x) / state.view.k;
      state.view.cy = drag.cy + (e.clientY - drag.y) / state.view.k;
      redrawMap();
    });
    window.addEventListener("pointerup", () => { drag = null; });
    window.addEventListener("resize", redrawMap);
    const legend = $("legend");
    for (const [t, c] of Object.entries(COLORS)) {
      const li = document.createElement("li");
      li.innerHTML = '<span style="background:' + c + '"></span>';
      li.append(LABELS[t]);
      legend.appendChild(li);
    }
  }

  // ---- list ----
  function actorName(a) { return a ? a.name || a.id : "—"; }
  function headline(ev) {
    const type = ev.type.replace(/_/g, " ");
    const where = ev.location ? ev.location.name : "unknown place";
    const when = ev.date && ev.date.value ? ev.date.value : "undated";
    return type + " — " + where + ", " + when;
  }
  function drawList() {
    const ol = $("list");
    ol.textContent = "";
    $("count").textContent = state.shown.length + " of " + state.events.length + " events";
    for (const ev of state.shown) {
      const li = document.createElement("li");
      li.tabIndex = 0;
      li.dataset.id = ev.id;
      li.setAttribute("role", "button");
      li.style.borderLeftColor = COLORS[ev.event_type] || "#555";
      if (ev.id === state.selected) li.classList.add("selected");
      const b = document.createElement("b");
      b.textContent = ev.type.replace(/_/g, " ") + " — " + (ev.location ? ev.location.name : "unknown place");
      const d = document.createElement("div");
      d.className = "when";
      d.textContent = (ev.date && ev.date.value ? ev.date.value : "undated") + " · " + actorName(ev.actor1) + " → " + actorName(ev.actor2) +
        (ev.fatalities ? " · " + ev.fatalities.best + " killed" : "") + " · " + ev.num_articles + " article(s)";
      li.append(b, d);
      li.addEventListener("click", () => select(ev.id));
      li.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(ev.id); }
        if (e.key === "ArrowDown" && li.nextElementSibling) { e.preventDefault(); li.nextElementSibling.focus(); }
        if (e.key === "ArrowUp" && li.previousElementSibling) { e.preventDefault(); li.previousElementSibling.focus(); }
      });
      ol.appendChild(li);
    }
  }

  // ---- timeline with a brush ----
  const DAY = 86400000;
  function dayOf(s) { return Date.parse(s + "T00:00:00Z"); }
  function isoDay(t) { return new Date(t).toISOString().slice(0, 10); }
  function drawTimeline() {
    const svg = $("histogram");
    svg.textContent = "";
    const dated = state.events.filter((e) => e.date && e.date.value);
    if (!dated.length) return;
    const days = dated.map((e) => dayOf(e.date.value));
    const t0 = Math.min(...days) - DAY, t1 = Math.max(...days) + 2 * DAY;
    const r = svg.getBoundingClientRect(), W = r.width, H = r.height, pad = 16;
    const n = Math.round((t1 - t0) / DAY);
    const counts = new Array(n).fill(0);
    days.forEach((t) => counts[Math.round((t - t0) / DAY)]++);
    const max = Math.max(...counts), bw = (W - 2 * pad) / n;
    const x = (t) => pad + ((t - t0) / DAY) * bw;
    const ns = "http://www.w3.org/2000/svg";
    const s = state.since ? dayOf(state.since) : -Infinity, u = state.until ? dayOf(state.until) : Infinity;
    counts.forEach((c, i) => {
      if (!c) return;
      const t = t0 + i * DAY, bh = (c / max) * (H - 2 * pad);
      const rect = document.createElementNS(ns, "rect");
      rect.setAttribute("class", "bar" + (t >= s && t <= u ? " in" : ""));
      rect.setAttribute("x", x(t) + 1); rect.setAttribute("width", Math.max(bw - 2, 1));
      rect.setAttribute("y", H - pad - bh); rect.setAttribute("height", bh);
      const title = document.createElementNS(ns, "title");
      title.textContent = isoDay(t) + ": " + c + " event(s)";
      rect.appendChild(title);
      svg.appendChild(rect);
    });
    for (const t of [t0 + DAY, t1 - 2 * DAY]) {
      const lab = document.createElementNS(ns, "text");
      lab.setAttribute("x", x(t)); lab.setAttribute("y", H - 3); lab.textContent = isoDay(t);
      svg.appendChild(lab);
    }
    if (state.since || state.until) {
      const bx0 = state.since ? x(dayOf(state.since)) : pad, bx1 = state.until ? x(dayOf(state.until) + DAY) : W - pad;
      const b = document.createElementNS(ns, "rect");
      b.setAttribute("class", "brush");
      b.setAttribute("x", bx0); b.setAttribute("width", Math.max(bx1 - bx0, 1)); b.setAttribute("y", 2); b.setAttribute("height", H - pad - 2);
      svg.appendChild(b);
    }
    $("brush-clear").hidden = !(state.since || state.until);
    svg.onpointerdown = (e) => {
      const left = svg.getBoundingClientRect().left;
      const toDay = (px) => isoDay(t0 + Math.floor((px - left - pad) / bw) * DAY);
      const start = e.clientX;
      const move = (m) => {
        const a = Math.min(start, m.clientX), z = Math.max(start, m.clientX);
        state.since = toDay(a); state.until = toDay(z);
        $("f-since").value = state.since; $("f-until").value = state.until;
        applyPeriod();
      };
      const up = (m) => { window.removeEventListener("pointermove", move); window.removeEventListener("pointerup", up); move(m); };
      window.addEventListener("pointermove", move);
      window.addEventListener("pointerup", up);
    };
  }

  function applyPeriod() {
    state.shown = state.events.filter((e) => {
      if (!state.since && !state.until) return true;
      const v = e.date && e.date.value;
      if (!v) return false;
      return (!state.since || v >= state.since) && (!state.until || v <= state.until);
    });
    drawList(); drawMarkers(); drawTimeline();
  }

  // ---- loading ----
  function serverQuery() {
    const q = new URLSearchParams();
    for (const k of ["type", "actor", "country", "text"]) {
      const v = $("f-" + k).value.trim();
      if (v) q.set(k, v);
    }
    return q;
  }
  async function getJSON(url) {
    const r = await fetch(url);
    const body = await r.json();
    if (!r.ok) throw new Error(body.error || r.statusText);
    return body;
  }
  async function load(refit) {
    const q = serverQuery();
    for (const a of document.querySelectorAll(".exports a")) {
      const e = new URLSearchParams(q);
      if (state.since) e.set("since", state.since);
      if (state.until) e.set("until", state.until);
      e.set("format", a.dataset.format);
      a.href = "api/export?" + e.toString();
    }
    q.set("limit", "1000");
    try {
      const page = await getJSON("api/events?" + q.toString());
      state.events = page.events;
      $("count").textContent = "";
    } catch (err) {
      state.events = [];
      $("count").textContent = "Error: " + err.message;
      return;
    }
    state.since = $("f-since").value; state.until = $("f-until").value;
    applyPeriod();
    if (refit) fit(state.shown.length ? state.shown : state.events);
    document.body.dataset.ready = "1";
  }

  // ---- detail ----
  function dd(dl, k, v) {
    if (v === undefined || v === null || v === "") return;
    const t = document.createElement("dt"); t.textContent = k;
    const d = document.createElement("dd"); d.textContent = v;
    dl.append(t, d);
  }
  async function select(id) {
    state.selected = id;
    document.querySelectorAll("#list li").forEach((li) => li.classList.toggle("selected", li.dataset.id === id));
    drawMarkers();
    let ev;
    try { ev = await getJSON("api/events/" + encodeURIComponent(id)); } catch (err) { return; }
    $("detail-title").textContent = headline(ev);
    const dl = $("record");
    dl.textContent = "";
    dd(dl, "type", ev.type + " (" + ev.event_type + ", CAMEO " + (ev.cameo || "—") + ")");
    dd(dl, "actor 1", ev.actor1 && actorName(ev.actor1) + " [" + ev.actor1.id + "]");
    dd(dl, "actor 2", ev.actor2 && actorName(ev.actor2) + " [" + ev.actor2.id + "]");
    dd(dl, "place", ev.location && ev.location.name + ", " + (ev.location.admin1 || "") + " " + (ev.location.country || "") + " (precision " + ev.location.precision + ")");
    dd(dl, "date", ev.date && (ev.date.value || "unknown") + " (" + ev.date.precision + ")");
    dd(dl, "weapons", (ev.weapons || []).map((w) => w.class + (w.model ? " " + w.model : "")).join(", "));
    dd(dl, "fatalities", ev.fatalities && String(ev.fatalities.best) + (ev.fatalities.max && ev.fatalities.max !== ev.fatalities.best ? " (up to " + ev.fatalities.max + ")" : ""));
    dd(dl, "targets", (ev.targets || []).join(", "));
    dd(dl, "sources", (ev.sources || []).map((s) => s.name).join("; "));
    dd(dl, "modality", ev.modality);
    dd(dl, "articles", ev.num_articles);
    $("detail").hidden = false;
    const docID = (ev.mentions && ev.mentions[0] && ev.mentions[0].doc) || ev.doc;
    try {
      const doc = await getJSON("api/documents/" + encodeURIComponent(docID));
      $("doc-title").textContent = "— " + (doc.title || doc.id) + (doc.source ? " (" + doc.source + ", " + (doc.published || "") + ")" : "");
      renderText($("doc-text"), doc.text, doc.spans.filter((s) => s.event === ev.id));
    } catch (err) {
      $("doc-text").textContent = "The article could not be loaded: " + err.message;
    }
    $("detail-close").focus();
  }

  // renderText writes text with each span (UTF-16 offsets) in a <mark>;
  // field spans nest inside their evidence sentence.
  function renderText(el, text, spans) {
    el.textContent = "";
    const bounds = new Set([0, text.length]);
    spans.forEach((s) => { bounds.add(s.js_start); bounds.add(s.js_end); });
    const cuts = [...bounds].sort((a, b) => a - b);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const a = cuts[i], b = cuts[i + 1];
      const covering = spans.filter((s) => s.js_start <= a && s.js_end >= b);
      let node = document.createTextNode(text.slice(a, b));
      // The shortest span wraps the text first (innermost), the evidence
      // sentence last (outermost), so field colours show inside it.
      covering.sort((x, y) => (x.js_end - x.js_start) - (y.js_end - y.js_start));
      for (const s of covering) {
        const m = document.createElement("mark");
        m.className = "f-" + s.field;
        m.title = s.field;
        m.appendChild(node);
        node = m;
      }
      el.appendChild(node);
    }
  }

  function closeDetail() {
    $("detail").hidden = true;
    const li = document.querySelector('#list li[data-id="' + CSS.escape(state.selected || "") + '"]');
    if (li) li.focus();
  }

  // ---- start ----
  async function start() {
    const types = $("f-type");
    for (const [t, l] of Object.entries(LABELS)) {
      const o = document.createElement("option"); o.value = t; o.textContent = l; types.appendChild(o);
    }
    setupMapControls();
    $("filters").addEventListener("submit", (e) => { e.preventDefault(); load(true); });
    $("f-type").addEventListener("change", () => load(true));
    for (const id of ["f-since", "f-until"]) {
      $(id).addEventListener("change", () => { state.since = $("f-since").value; state.until = $("f-until").value; applyPeriod(); });
    }
    $("f-reset").onclick = () => { $("filters").reset(); state.since = state.until = ""; load(true); };
    $("brush-clear").onclick = () => { state.since = state.until = ""; $("f-since").value = $("f-until").value = ""; applyPeriod(); };
    $("detail-close").onclick = closeDetail;
    document.addEventListener("keydown", (e) => { if (e.key === "Escape" && !$("detail").hidden) closeDetail(); });
    drawBase();
    try {
      const topo = await getJSON("countries-50m.json");
      state.land = decodeTopo(topo);
    } catch (err) { /* the markers still show on the sea colour */ }
    await load(true);
  }
  start();
})();
