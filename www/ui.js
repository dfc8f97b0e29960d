// Small DOM helpers: element creation, JSON rendering, formatting. No framework.

/** `h("div", { class: "x", onclick }, child, "text")` → an element. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v == null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (k === "html") el.innerHTML = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Replaces `el`'s children, skipping null/false (unlike `replaceChildren`). */
export function fill(el, ...children) {
  el.replaceChildren(...children.flat(Infinity).filter((c) => c != null && c !== false).map((c) => (c instanceof Node ? c : document.createTextNode(String(c)))));
  return el;
}

export const $ = (sel, root = document) => root.querySelector(sel);

const ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ESC[c]);

/** Pretty JSON as HTML with token classes (`j-key`, `j-str`, `j-num`, `j-lit`). */
export function jsonHtml(value, maxChars = 6000) {
  let text = typeof value === "string" ? value : JSON.stringify(value, null, 2);
  if (text === undefined) return '<span class="j-lit">undefined</span>';
  let cut = "";
  if (text.length > maxChars) {
    cut = `\n… ${text.length - maxChars} more characters`;
    text = text.slice(0, maxChars);
  }
  const re = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
  let out = "";
  let last = 0;
  for (let m; (m = re.exec(text));) {
    out += esc(text.slice(last, m.index));
    if (m[1]) out += m[2] ? `<span class="j-key">${esc(m[1])}</span>${esc(m[2])}` : `<span class="j-str">${esc(m[1])}</span>`;
    else if (m[3]) out += `<span class="j-lit">${m[3]}</span>`;
    else out += `<span class="j-num">${m[4]}</span>`;
    last = re.lastIndex;
  }
  return out + esc(text.slice(last)) + (cut ? `<span class="j-cut">${esc(cut)}</span>` : "");
}

/** A body (text) as pretty JSON when it parses, else as is. */
export function bodyHtml(text) {
  if (text == null || text === "") return '<span class="j-empty">(empty body)</span>';
  try {
    return jsonHtml(JSON.parse(text));
  } catch {
    return esc(text.length > 4000 ? text.slice(0, 4000) + "…" : text);
  }
}

export const fmtMs = (ms) => (ms == null ? "" : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`);

export function fmtDuration(ms) {
  if (ms == null) return "—";
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

export function clock(date = new Date()) {
  return date.toTimeString().slice(0, 8);
}

/** The path (and query) of a URL, or the input when it is not absolute. */
export function pathOf(url) {
  try {
    const u = new URL(url, "http://relative.invalid");
    return u.pathname + u.search;
  } catch {
    return String(url);
  }
}

/** A chip: `chip("live", "on")`. */
export const chip = (text, tone = "neutral", attrs = {}) => h("span", { class: `chip ${tone}`, ...attrs }, text);
