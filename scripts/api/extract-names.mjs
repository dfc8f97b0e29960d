// Writes scripts/api/names.json, the naming source of the generated API (scripts/gen-api.mjs): every
// method of the official Python SDK's `client.streaming` tree, read from the SDK's own files:
// resources/streaming/api.md (HTTP method and path, the call, the result type; `SyncPageStreaming…`
// marks a paged list) and the resource modules (the parameters before `*`, which are positional, and
// whether the whole body is the one keyword `body`).
//   node scripts/api/extract-names.mjs <sdk>/gcore   (the unpacked `gcore` Python package)
// The spec's two operations the SDK lacks are added at the end (EXTRA), named in the same style.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const sdk = process.argv[2];
if (!sdk) {
  console.error("usage: node scripts/api/extract-names.mjs <path to the gcore Python package>");
  process.exit(2);
}
const root = join(sdk, "resources/streaming");
const md = readFileSync(join(root, "api.md"), "utf8");

/** The Python module that holds a resource's methods (`streams.overlays` → streams/overlays.py). */
function moduleOf(resource) {
  const parts = resource.split(".");
  const candidates =
    parts.length === 1 ? [`${parts[0]}.py`, `${parts[0]}/${parts[0]}.py`] : [`${parts.join("/")}.py`];
  for (const c of candidates) {
    try {
      return readFileSync(join(root, c), "utf8");
    } catch {}
  }
  throw new Error(`no module for ${resource}`);
}

/** The first (synchronous) `def name(self, …)` of a module: positional names and keyword names. */
function signature(source, name) {
  const at = source.search(new RegExp(`\\n    def ${name}\\(`));
  if (at < 0) throw new Error(`no def ${name}`);
  const open = source.indexOf("(", at);
  const close = source.indexOf(") ->", open);
  const params = source
    .slice(open + 1, close)
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => l.replace(/,$/, ""));
  const positional = [];
  const keywords = [];
  let star = false;
  for (const p of params) {
    if (p === "self") continue;
    if (p === "*") {
      star = true;
      continue;
    }
    const n = p.split(":")[0].trim();
    if (["extra_headers", "extra_query", "extra_body", "timeout"].includes(n)) continue;
    (star ? keywords : positional).push(n);
  }
  return { positional, keywords };
}

const methods = [];
const re = /<code title="(\w+) ([^"]+)">client\.streaming\.([\w.]+)\.<a [^>]*>(\w+)<\/a>\(([^)]*)\) -> (?:<a [^>]*>)?([^<]+?)(?:<\/a>)?<\/code>/g;
for (const m of md.matchAll(re)) {
  const [, verb, path, resource, name, , result] = m;
  const { positional, keywords } = signature(moduleOf(resource), name);
  const page = /^SyncPage(\w*)\[/.exec(result);
  methods.push({
    python: `${resource}.${name}`,
    http: `${verb.toUpperCase()} ${path}`,
    positional,
    ...(keywords.includes("body") ? { body: true } : {}),
    ...(page ? { page: page[1] === "StreamingAI" ? "results" : "array" } : {}),
    result: page ? result.slice(page[0].length, -1) : result,
  });
}
const EXTRA = [
  { python: "streams.reset_push_token", http: "POST /streaming/streams/{stream_id}/reset_push_token", positional: ["stream_id"], result: null, extra: true },
  { python: "statistics.get_reseller_stream_series", http: "GET /streaming/statistics/reseller/stream", positional: [], result: null, extra: true },
];
const out = { source: "gcore (Python) 0.59, resources/streaming", methods: [...methods, ...EXTRA] };
writeFileSync(join(here, "names.json"), JSON.stringify(out, null, 1) + "\n");
console.log(`${methods.length} SDK methods + ${EXTRA.length} extra -> scripts/api/names.json`);
