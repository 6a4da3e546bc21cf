// xhprint serve: the desk page. Reads /api/events (Server-Sent Events: the state after
// every rebuild) and draws the flat plan, the page with its grid and boxes, and the
// findings. The words come from the server, in the reader's language (#words).
"use strict";

const W = JSON.parse(document.getElementById("words").textContent);
const SVG = "http://www.w3.org/2000/svg";
const $ = (id) => document.getElementById(id);

const desk = {
  state: null,      // the last state received
  page: null,       // number of the page on show
  zoom: null,       // px on screen per PNG px; null: fit the width
  mark: null,       // {page, item, check} of the finding clicked
};

function word(key, args) {
  let text = W[key] || key;
  for (const [k, v] of Object.entries(args || {})) text = text.split("{" + k + "}").join(v);
  return text;
}

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function where(f) {
  return f.where || f.pdf || "";
}

// ---------------------------------------------------------------- the state

function apply(state) {
  desk.state = state;
  document.body.dataset.seq = state.seq;
  document.body.dataset.checked = state.checked;
  $("title").textContent = word("title") + " — " + ((state.issue || {}).folder || "");
  const verdict = $("verdict");
  verdict.textContent = state.verdict || "";
  verdict.className = "verdict " + (state.ready_for_press ? "ready" : "notready");
  $("checking").hidden = state.checked;
  $("checking").textContent = word("checking");
  $("updated").textContent = word("updated", {time: new Date().toLocaleTimeString()});
  showLoadErrors(state.errors, state.problem);
  if (!state.pages.length) return;
  if (!state.pages.some((p) => p.number === desk.page)) desk.page = state.pages[0].number;
  drawPlan();
  drawFindings();
  showPage(desk.page);
}

function showLoadErrors(errors, problem) {
  const box = $("load-error");
  box.hidden = errors.length === 0 && !problem;
  $("load-error-lead").textContent = word("load_error");
  const list = $("load-errors");
  list.replaceChildren();
  if (problem) list.append(el("li", {}, problem));
  for (const f of errors) {
    const li = el("li");
    li.append(el("code", {}, where(f)), " ", f.message);
    if (f.hint) li.append(" — ", f.hint);
    list.append(li);
  }
}

// ---------------------------------------------------------------- the flat plan

function drawPlan() {
  const list = $("thumbs");
  const pages = desk.state.pages;
  while (list.children.length > pages.length) list.lastChild.remove();
  pages.forEach((p, i) => {
    let li = list.children[i];
    if (!li) {
      li = el("li");
      const button = el("button", {type: "button"});
      button.append(el("img", {alt: ""}), el("span", {class: "caption"}));
      button.addEventListener("click", () => {
        desk.mark = null;
        showPage(Number(li.dataset.page));
      });
      li.append(button);
      list.append(li);
    }
    li.dataset.page = p.number;
    const button = li.firstChild;
    button.className = p.status + (p.number === desk.page ? " current" : "");
    const img = button.querySelector("img");
    if (img.getAttribute("src") !== p.image) img.setAttribute("src", p.image);
    img.setAttribute("alt", word("page", {n: p.number}));
    const caption = button.querySelector(".caption");
    caption.replaceChildren(
      el("b", {class: "number"}, String(p.number)), el("span", {class: "section"}, p.section),
      el("span", {class: "status " + p.status}, word("status_" + p.status)));
  });
}

// ---------------------------------------------------------------- the page

function current() {
  return desk.state.pages.find((p) => p.number === desk.page);
}

function showPage(number) {
  desk.page = number;
  const p = current();
  if (!p) return;
  for (const li of $("thumbs").children) {
    li.firstChild.classList.toggle("current", Number(li.dataset.page) === number);
  }
  $("page-label").textContent = word("page", {n: p.number}) + " · " + p.section;
  $("building").hidden = true;
  $("sheet").hidden = false;
  const img = $("page-img");
  if (img.getAttribute("src") !== p.image) {
    // swap once the new picture is decoded: the old one stays until then, no flash
    const next = new Image();
    next.src = p.image;
    next.decode().catch(() => {}).then(() => {
      if (current() && current().image === p.image) {
        img.setAttribute("src", p.image);
        img.dataset.page = p.number;
      }
    });
  }
  const overlay = $("overlay");
  overlay.setAttribute("viewBox", `0 0 ${p.width} ${p.height}`);
  drawGrid(p);
  drawBoxes(p);
  drawMark(p);
  layoutSheet();
}

function layoutSheet() {
  const p = current();
  if (!p) return;
  const scroller = $("scroller");
  const zoom = desk.zoom === null ? Math.min(1, (scroller.clientWidth - 32) / p.width) : desk.zoom;
  const sheet = $("sheet");
  sheet.style.width = Math.round(p.width * zoom) + "px";
  sheet.style.height = Math.round(p.height * zoom) + "px";
}

function drawGrid(p) {
  const g = $("grid-layer");
  g.replaceChildren();
  const grid = p.grid;
  const top = grid.top;
  const bottom = top + grid.rows * grid.leading;
  const size = Math.max(8, Math.min(14, grid.leading * 0.62));
  grid.columns.forEach(([x, w], i) => {
    g.append(svg("rect", {class: "column", x, y: top, width: w, height: bottom - top}));
    g.append(svg("text", {class: "col-number", x: x + w / 2, y: top - size * 0.5,
                          "font-size": size * 1.2, "text-anchor": "middle"}, String(i + 1)));
  });
  const left = grid.columns[0][0];
  const last = grid.columns[grid.columns.length - 1];
  const right = last[0] + last[1];
  for (let r = 1; r <= grid.rows + 1; r++) {
    const y = top + (r - 1) * grid.leading;
    g.append(svg("line", {class: "row", x1: left, x2: right, y1: y, y2: y}));
  }
  for (let r = 1; r <= grid.rows; r++) {
    const y = top + (r - 0.5) * grid.leading + size * 0.35;
    g.append(svg("text", {class: "row-number", x: left - 4, y, "font-size": size,
                          "text-anchor": "end"}, String(r)));
    g.append(svg("text", {class: "row-number", x: right + 4, y, "font-size": size}, String(r)));
  }
  g.classList.toggle("off", !$("grid-toggle").checked);
}

function drawBoxes(p) {
  const g = $("boxes-layer");
  g.replaceChildren();
  const size = Math.max(10, Math.min(16, p.grid.leading * 0.75));
  for (const item of p.items) {
    const [x, y, w, h] = item.rect;
    const kind = item.kind === "masthead" || item.kind === "header" ? "frame"
      : item.overset_lines > 0 ? "overset" : item.automatic ? "auto" : "";
    const box = svg("rect", {class: ("box " + kind).trim(), x, y, width: w, height: h,
                             "stroke-width": 2, "data-id": item.id});
    const title = svg("title", {}, item.id + (item.automatic ? " — " + word("automatic") : ""));
    box.append(title);
    g.append(box);
    // the label in the box's top-left corner; the masthead's and header's at the right,
    // clear of the page number and section at their left
    const label = item.id;
    const tagW = label.length * size * 0.62 + 8;
    const tagX = kind === "frame" ? x + w - tagW : x;
    g.append(svg("rect", {class: ("tag " + kind).trim(), x: tagX, y, width: tagW,
                          height: size + 4}));
    g.append(svg("text", {x: tagX + 4, y: y + size, "font-size": size}, label));
  }
  g.classList.toggle("off", !$("boxes-toggle").checked);
}

function drawMark(p) {
  const g = $("mark-layer");
  g.replaceChildren();
  if (!desk.mark || desk.mark.page !== p.number || !desk.mark.item) return;
  if (desk.mark.check === "loose-line") {  // the loose lines themselves, as in the proof
    for (const line of p.loose.filter((l) => l.item === desk.mark.item)) {
      const [x, y, w, h] = line.rect;
      g.append(svg("rect", {class: "line", x, y, width: w, height: h, "data-id": line.item}));
    }
    return;
  }
  const item = p.items.find((it) => it.id === desk.mark.item);
  if (!item) return;
  const [x, y, w, h] = item.rect;
  g.append(svg("rect", {x: x - 3, y: y - 3, width: w + 6, height: h + 6, "stroke-width": 6,
                        "data-id": item.id}));
}

// where the pointer is, in the grid's columns and rows
function gridPlace(p, x, y) {
  const grid = p.grid;
  const row = Math.floor((y - grid.top) / grid.leading) + 1;
  const left = grid.columns[0][0];
  const last = grid.columns[grid.columns.length - 1];
  if (row < 1 || row > grid.rows || x < left || x >= last[0] + last[1]) return null;
  const i = grid.columns.findIndex(([cx, cw]) => x >= cx && x < cx + cw);
  return {col: i < 0 ? null : i + 1, row};
}

function onPointer(event) {
  const p = current();
  if (!p) return;
  const rect = $("sheet").getBoundingClientRect();
  const x = (event.clientX - rect.left) * p.width / rect.width;
  const y = (event.clientY - rect.top) * p.height / rect.height;
  const place = gridPlace(p, x, y);
  const tip = $("tip");
  if (!place) {
    $("pointer").textContent = "";
    tip.hidden = true;
    return;
  }
  const text = place.col === null ? word("pointer_gutter", {row: place.row})
    : word("pointer", {col: place.col, row: place.row});
  $("pointer").textContent = text;
  tip.textContent = text;
  tip.hidden = false;
  tip.style.left = (event.clientX - rect.left + 14) + "px";
  tip.style.top = (event.clientY - rect.top + 14) + "px";
}

// ---------------------------------------------------------------- the findings

function drawFindings() {
  const list = $("findings");
  list.replaceChildren();
  const findings = desk.state.findings;
  if (!findings.length) {
    list.append(el("li", {class: "none"}, word("no_findings")));
    return;
  }
  findings.forEach((f) => {
    const li = el("li", {class: f.severity});
    if (desk.mark && desk.mark.finding === key(f)) li.classList.add("selected");
    li.append(el("div", {class: "sev"}, word(f.severity) + " · " + f.check));
    li.append(el("div", {class: "message"}, f.message));
    if (f.hint) li.append(el("div", {class: "hint"}, f.hint));
    const place = [where(f)];
    if (f.page) place.push(word("page", {n: f.page}));
    if (f.item) place.push(f.item);
    li.append(el("div", {class: "place"}, place.filter(Boolean).join(" · ")));
    li.addEventListener("click", () => select(f, li));
    list.append(li);
  });
}

function key(f) {
  return [f.check, f.page, f.item, f.message].join("|");
}

function select(f, li) {
  for (const other of $("findings").children) other.classList.remove("selected");
  li.classList.add("selected");
  desk.mark = {page: f.page, item: f.item, finding: key(f), check: f.check};
  if (f.page) showPage(f.page);
  const mark = $("mark-layer").firstChild;
  if (mark) mark.scrollIntoView({block: "center", inline: "center"});
}

// ---------------------------------------------------------------- controls

function zoomBy(factor) {
  const p = current();
  if (!p) return;
  const now = $("sheet").getBoundingClientRect().width / p.width;
  desk.zoom = Math.max(0.1, Math.min(4, now * factor));
  layoutSheet();
}

function setup() {
  for (const node of document.querySelectorAll("[data-word]")) node.textContent = word(node.dataset.word);
  for (const node of document.querySelectorAll("[data-title]")) node.title = word(node.dataset.title);
  $("offline").textContent = word("offline");
  $("zoom-in").addEventListener("click", () => zoomBy(1.25));
  $("zoom-out").addEventListener("click", () => zoomBy(0.8));
  $("zoom-fit").addEventListener("click", () => { desk.zoom = null; layoutSheet(); });
  $("zoom-actual").addEventListener("click", () => { desk.zoom = 1; layoutSheet(); });
  $("grid-toggle").addEventListener("change", (e) => {
    $("grid-layer").classList.toggle("off", !e.target.checked);
  });
  $("boxes-toggle").addEventListener("change", (e) => {
    $("boxes-layer").classList.toggle("off", !e.target.checked);
  });
  $("sheet").addEventListener("mousemove", onPointer);
  $("sheet").addEventListener("mouseleave", () => {
    $("pointer").textContent = "";
    $("tip").hidden = true;
  });
  window.addEventListener("resize", layoutSheet);
  document.addEventListener("keydown", (e) => {
    if (e.target.tagName === "INPUT") return;
    if (e.key === "+" || e.key === "=") zoomBy(1.25);
    else if (e.key === "-") zoomBy(0.8);
    else if (e.key === "g") $("grid-toggle").click();
    else if ((e.key === "ArrowRight" || e.key === "ArrowLeft") && desk.state) {
      const pages = desk.state.pages;
      const i = pages.findIndex((p) => p.number === desk.page) + (e.key === "ArrowRight" ? 1 : -1);
      if (i >= 0 && i < pages.length) { desk.mark = null; showPage(pages[i].number); }
    }
  });
  const events = new EventSource("/api/events");
  events.addEventListener("issue", (e) => {
    $("offline").hidden = true;
    apply(JSON.parse(e.data));
  });
  events.addEventListener("error", () => { $("offline").hidden = false; });
}

setup();
