// The whole Streaming API on `StreamingClient`: namespaces (`client.players.get(id)`,
// `client.streams.overlays.update(overlayId, { stream_id, x })`, …) built from the generated table
// (./api-table.js, by scripts/gen-api.mjs). A method takes its positional path parameters, then one
// object of keyword arguments under their wire names (query parameters; path parameters that are not
// positional; the body's fields, or the whole body as `body`; none for a method that has none), then
// the request options. Every request
// goes through `StreamingClient.__gsRequest` (the client's headers, timeouts, retries, abort signal
// and typed errors); the guide's calls (`streams.create`, …) are the client's own methods. A
// namespace with a paged list is also its iterator: `for await (const p of client.players())` reads
// pages 1, 2, … until an empty page or one shorter than the longest read (./pages.js's iterator: a page
// that fails rejects `next()`; the next `next()` reads it again). (tests/api/api.test.mjs runs every
// method against Prism serving the spec.)
import { OPERATIONS } from "./api-table.js";
import { pageIterator } from "./pages.js";

const invalid = (path, message, operation) => {
  const e = new Error(`${path}: ${message}`);
  e.name = "StreamingError";
  e.code = "invalid_params";
  e.path = path;
  e.operation = operation;
  return e;
};

const scalar = (v, path, op) => {
  if (typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v))) return String(v);
  throw invalid(path, "must be a string, a finite number or a boolean", op);
};

// The errors of a generated call carry the method's name as their `operation`.
const named = (op) => (e) => {
  if (e instanceof Error && e.operation === "call") {
    e.operation = op;
    if (e.message.startsWith("call ")) e.message = op + e.message.slice(4);
  }
  throw e;
};

/** One call of a generated operation (`row`: see ./api-table.js). */
function request(client, row, args) {
  const [op, method, template, positional, query, body, answer] = row;
  const npos = positional.length;
  // A method without keyword arguments (no query, no body, no path id by name) takes none: its
  // options follow the positional ids.
  const takes = query.length > 0 || body > 0 || template.split("{").length - 1 > npos;
  const kw = (takes ? args[npos] : undefined) ?? {};
  const options = args[takes ? npos + 1 : npos];
  if (typeof kw !== "object" || Array.isArray(kw)) return Promise.reject(invalid("params", "must be an object", op));
  try {
    const used = new Set();
    let path = template.replace(/\{(\w+)\}/g, (_, name) => {
      // The path's parameters: the positional ones from the arguments, the others from the keywords.
      const i = positional.indexOf(name);
      const v = i >= 0 ? args[i] : kw[name];
      if (i < 0) used.add(name);
      if (v === undefined || v === null || v === "") throw invalid(name, "is required", op);
      return encodeURIComponent(scalar(v, name, op));
    });
    const q = [];
    for (const spec of query) {
      const style = spec.at(-1);
      const name = style === "*" || style === "," ? spec.slice(0, -1) : spec;
      used.add(name);
      const v = kw[name];
      if (v === undefined || v === null) continue;
      const enc = (x) => `${encodeURIComponent(name)}=${x}`;
      if (Array.isArray(v)) {
        const items = v.map((x, i) => encodeURIComponent(scalar(x, `${name}[${i}]`, op)));
        if (style === ",") q.push(enc(items.join(",")));
        else for (const x of items) q.push(enc(x));
      } else q.push(enc(encodeURIComponent(scalar(v, name, op))));
    }
    if (q.length) path += `?${q.join("&")}`;
    let text;
    if (body === 2) {
      for (const key of Object.keys(kw)) if (!used.has(key) && key !== "body") throw invalid(key, `is not a parameter of ${op}`, op);
      if (kw.body !== undefined) text = JSON.stringify(kw.body);
    } else {
      const fields = {};
      for (const key of Object.keys(kw)) {
        if (used.has(key)) continue;
        if (body === 0) throw invalid(key, `is not a parameter of ${op}`, op);
        fields[key] = kw[key];
      }
      if (body === 1) text = JSON.stringify(fields);
    }
    return client.__gsRequest(method, path, text, answer === 1 ? 0 : answer, options).then((r) => read(r, answer, op), named(op));
  } catch (e) {
    return Promise.reject(e);
  }
}

/** A 2xx answer: parsed already when it had the expected shape, else its text. */
function read(r, answer, op) {
  if (typeof r !== "string") return r;
  if (answer === 0 || r.trim() === "") return undefined;
  try {
    return JSON.parse(r);
  } catch {
    const e = new Error(`${op}: unexpected response body: not valid JSON`);
    e.name = "StreamingError";
    e.code = "invalid_response";
    e.operation = op;
    throw e;
  }
}

/** A call of the guide's method `js`, with its argument taken from the keyword object. */
function guide(client, row, args) {
  const [, , , positional, , , , , js, arg] = row;
  const npos = positional.length;
  const rest = args.slice(npos);
  // `null`: the guide's method takes no such argument (ids and options only).
  if (arg !== null) rest[0] = arg === "" ? rest[0] : rest[0]?.[arg];
  return client[js](...args.slice(0, npos), ...rest);
}

/** Every item of a paged list, page by page (./pages.js's rules: no page size assumed). */
function pages(client, row, query, options) {
  const kind = row[7];
  const read = async (p) => {
    const got = await request(client, row, [{ ...query, page: p }, options]);
    const items = kind === 2 ? got?.results : got;
    return Array.isArray(items) ? items : [];
  };
  return pageIterator(read, Math.max(Number(query?.page ?? 1) || 1, 1));
}

/**
 * `client.videos.createDirectUpload(video, options)`: the video created (`empty`), then the parameters
 * of its direct upload, which `uploadVideo` (./upload.js) takes as they are.
 */
async function createDirectUpload(client, video, options) {
  const op = "videos.createDirectUpload";
  if (video === null || typeof video !== "object" || Array.isArray(video)) throw invalid("video", "must be an object", op);
  // Errors keep the operation that failed (`videos.create`, `videos.getParametersForDirectUpload`).
  const created = await client.videos.create({ video }, options);
  // The spec writes the answer as an array of videos; the platform (and the official SDK) a video.
  const id = (Array.isArray(created) ? created[0] : created)?.id;
  if (!Number.isSafeInteger(id)) {
    const e = new Error(`${op}: unexpected response body: no video id`);
    throw Object.assign(e, { name: "StreamingError", code: "invalid_response", operation: op });
  }
  try {
    return await client.videos.getParametersForDirectUpload(id, options);
  } catch (e) {
    if (e instanceof Error) e.videoId = id;
    throw e;
  }
}

/** Methods written over the generated ones (declared in ./direct-upload.d.ts). */
const COMPOSED = { videos: { createDirectUpload } };

/** Installs the namespaces on the generated `StreamingClient` (after ./pages.js). */
export function clientApi(m) {
  const proto = m.StreamingClient.prototype;
  // The namespace tree: top name → { rows, children }.
  const tree = new Map();
  for (const row of OPERATIONS) {
    const parts = row[0].split(".");
    let level = tree;
    let node;
    for (const seg of parts.slice(0, -1)) {
      if (!level.has(seg)) level.set(seg, { rows: [], children: new Map() });
      node = level.get(seg);
      level = node.children;
    }
    node.rows.push(row);
  }
  const build = (client, node, iterate) => {
    const list = node.rows.find((r) => r[7]);
    const ns = iterate ?? (list ? (query, options) => pages(client, list, query, options) : {});
    for (const row of node.rows) {
      const name = row[0].slice(row[0].lastIndexOf(".") + 1);
      ns[name] = row[8] ? (...args) => guide(client, row, args) : (...args) => request(client, row, args);
    }
    for (const [seg, child] of node.children) ns[seg] = build(client, child);
    return ns;
  };
  const cache = new WeakMap();
  for (const [top, node] of tree) {
    // `streams`, `broadcasts`, `videos`: the existing iterators (./pages.js) are the namespaces' calls.
    const existing = typeof proto[top] === "function" ? proto[top] : undefined;
    Object.defineProperty(proto, top, {
      configurable: true,
      get() {
        let all = cache.get(this);
        if (all === undefined) cache.set(this, (all = {}));
        // (Called as a method, as before: `client.streams()`; `this` is checked by the iterator.)
        const call = existing && { [top](query, options) { return existing.call(this, query, options); } }[top];
        if (all[top] === undefined) {
          const ns = (all[top] = build(this, node, call));
          for (const [name, f] of Object.entries(COMPOSED[top] ?? {})) ns[name] = (...args) => f(this, ...args);
        }
        return all[top];
      },
    });
  }
}
