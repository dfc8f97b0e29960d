// Generates the whole Streaming API surface from Gcore's OpenAPI spec and the Python SDK's names
// (scripts/api/names.json, written by scripts/api/extract-names.mjs):
//   pkg-template/api-table.js   the operation table the namespaces of pkg-template/api.js read
//   pkg-template/api.d.ts       the namespaces' TypeScript (parameter and result types by openapi-typescript)
//   src/domain/api/table.rs     the same table for the Rust client (`Client::call`)
//   src/domain/operation.rs     the guide's operations (`Operation`) and their routes
//   docs/api.md                 the reference: every method's call, HTTP request and result type
// The spec's description, summary, title and example texts are dropped before anything is generated:
// the package ships no copy of Gcore's texts; the one-line docs are ours.
//   node scripts/gen-api.mjs [--spec FILE] [--out DIR]   (defaults: ../shared/spec/…, the repository)
// `make test-api` runs it into a temporary directory and fails when the committed files differ.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import openapiTS, { astToString } from "openapi-typescript";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const specFile = arg("--spec", join(repo, "../shared/spec/gcore-streaming-openapi.yaml"));
const out = arg("--out", repo);
const spec = parse(readFileSync(specFile, "utf8"));
const names = JSON.parse(readFileSync(join(repo, "scripts/api/names.json"), "utf8")).methods;

// ---- the spec, without Gcore's texts ----
const TEXTS = new Set(["description", "summary", "title", "example", "examples", "externalDocs", "x-tagGroups", "tags"]);
function strip(v, parentKey) {
  if (Array.isArray(v)) return v.map((x) => strip(x));
  if (v === null || typeof v !== "object") return v;
  const o = {};
  for (const [k, x] of Object.entries(v)) {
    // Keys of `properties` are field names (a field may be called `description`), not texts.
    if (parentKey !== "properties" && TEXTS.has(k)) continue;
    o[k] = strip(x, k);
  }
  return o;
}
const bare = strip(spec);
bare.info = { title: "Streaming API", version: String(spec.info?.version ?? "") };

const deref = (v) => {
  let x = v;
  for (let i = 0; x && x.$ref && i < 20; i++) {
    x = x.$ref
      .slice(2)
      .split("/")
      .reduce((o, k) => o?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], bare);
  }
  return x;
};

// ---- names ----
const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
const pascal = (s) => camel(s).replace(/^./, (c) => c.toUpperCase());
const METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"];

// The guide's methods: these calls are the client's existing ones (same request, same checks, same
// result), with the argument the guide's method takes taken from the keyword object (`arg`: the whole
// object, or one of its fields), and the guide's result types.
const GUIDE = {
  "streams.create": { js: "createStream", arg: "", params: "StreamParams", result: "Stream" },
  "streams.get": { js: "getStream", result: "Stream" },
  "streams.list": { js: "listStreams", arg: "", params: "ListStreamsQuery", result: "Stream[]" },
  "streams.update": { js: "updateStream", arg: "stream", params: "{ stream: StreamParams }", result: "Stream" },
  "streams.delete": { js: "deleteStream", result: "void" },
  "streams.start_recording": { js: "startRecording", result: "StartRecordingResult" },
  "streams.stop_recording": { js: "stopRecording", result: "Video | null" },
  "broadcasts.create": { js: "createBroadcast", arg: "broadcast", params: "{ broadcast: BroadcastParams }", result: "Broadcast | null" },
  "broadcasts.get": { js: "getBroadcast", result: "Broadcast" },
  "broadcasts.list": { js: "listBroadcasts", arg: "", params: "ListBroadcastsQuery", result: "Broadcast[]" },
  "broadcasts.update": { js: "updateBroadcast", arg: "broadcast", params: "{ broadcast: BroadcastParams }", result: "Broadcast" },
  "broadcasts.delete": { js: "deleteBroadcast", result: "void" },
  "videos.get": { js: "getVideo", result: "Video" },
  "videos.list": { js: "listVideos", arg: "", params: "ListVideosQuery", result: "Video[]" },
  "videos.delete": { js: "deleteVideo", result: "void" },
};
// The existing page iterators of the guide's lists (pkg-template/pages.js): `client.streams()`, …
const GUIDE_PAGES = { streams: "Stream", broadcasts: "Broadcast", videos: "Video" };

// ---- the operations ----
const specOps = new Map();
for (const [path, item] of Object.entries(bare.paths)) {
  for (const m of ["get", "post", "patch", "put", "delete"]) {
    if (item[m]) specOps.set(`${m.toUpperCase()} ${path}`, { path, item, op: item[m] });
  }
}
const ops = [];
const seen = new Set();
for (const n of names) {
  const s = specOps.get(n.http);
  if (!s) throw new Error(`${n.python}: ${n.http} is not in the spec`);
  if (seen.has(n.http)) throw new Error(`${n.http} named twice`);
  seen.add(n.http);
  const { path, item, op } = s;
  const id = op.operationId;
  if (!id) throw new Error(`${n.http}: no operationId`);
  const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref);
  const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  for (const p of n.positional) if (!pathParams.includes(p)) throw new Error(`${n.python}: positional ${p} not in the path`);
  const query = params
    .filter((p) => p.in === "query")
    .map((p) => {
      const schema = deref(p.schema) ?? {};
      const array = schema.type === "array";
      return { name: p.name, array, style: array && p.explode === false ? "comma" : array ? "repeat" : "", required: !!p.required };
    });
  const rb = deref(op.requestBody);
  const bodySchema = rb ? deref(rb.content?.["application/json"]?.schema) : undefined;
  const body = !rb ? 0 : n.body ? 2 : 1;
  const ok = Object.entries(op.responses ?? {}).filter(([code]) => /^2\d\d$/.test(code));
  const json = ok.find(([, r]) => deref(r).content?.["application/json"]);
  const optionalResult = ok.some(([, r]) => !deref(r).content?.["application/json"]);
  let shape = 0;
  // The result's schema name for the reference (`player`, `stream[]`), when the spec names it.
  let resultName;
  if (json) {
    const raw = deref(json[1]).content["application/json"].schema ?? {};
    const ref = (x) => x?.$ref?.split("/").pop();
    resultName = ref(raw) ?? (raw.type === "array" && ref(raw.items) ? `${ref(raw.items)}[]` : undefined);
  }
  if (json) {
    const schema = deref(deref(json[1]).content["application/json"].schema) ?? {};
    shape = schema.type === "array" ? 91 : schema.type === "object" || schema.properties || schema.allOf ? 123 : 1;
  }
  const segs = n.python.split(".");
  ops.push({
    ...n,
    id,
    path,
    method: n.http.split(" ")[0],
    js: segs.map(camel).join("."),
    resource: segs.slice(0, -1),
    name: camel(segs[segs.length - 1]),
    pathParams,
    keywordPath: pathParams.filter((p) => !n.positional.includes(p)),
    query,
    body,
    bodyRequired: body === 1 && !!(rb?.required || (bodySchema?.required ?? []).length),
    json,
    jsonCode: json?.[0],
    optionalResult,
    shape,
    resultName,
    guide: GUIDE[n.python],
  });
}
for (const k of specOps.keys()) if (!seen.has(k)) throw new Error(`${k}: no method is named for this operation`);

// ---- pkg-template/api-table.js ----
const HEAD = "Generated by scripts/gen-api.mjs from Gcore's OpenAPI spec and scripts/api/names.json: do not edit.";
const table = ops.map((o) => {
  const q = o.query.map((p) => p.name + (p.style === "repeat" ? "*" : p.style === "comma" ? "," : ""));
  const page = o.page === "array" ? 1 : o.page === "results" ? 2 : 0;
  const row = [o.js, METHODS.indexOf(o.method), o.path, o.positional, q, o.body, o.json ? o.shape || 1 : 0, page];
  if (o.guide) row.push(o.guide.js, o.guide.arg ?? null);
  return JSON.stringify(row);
});
const tableJs = `// ${HEAD}
// One row per method: [name, method (GET POST PATCH PUT DELETE), path, the positional path
// parameters (in the order of the arguments), query parameters (\`*\`: an array sent repeated, \`,\`: an array sent comma-joined), body (0
// none, 1 the other keyword arguments as an object, 2 the keyword \`body\`), answer (0 none, 123 a JSON
// object, 91 a JSON array, 1 other JSON), paged (0 no, 1 a JSON array, 2 an object's \`results\`), and
// for the guide's calls the client's method and which argument it takes ("" the keyword object)].
export const OPERATIONS = [
${table.map((r) => "  " + r + ",").join("\n")}
];
`;

// ---- the TypeScript ----
// A property with a `default` stays optional (it is one a request may leave out).
const ast = await openapiTS(bare, { silent: true, defaultNonNullable: false });
const kept = ast.filter((node) => {
  const name = node.name?.escapedText ?? node.name?.text;
  return name === "components" || name === "operations";
});
let schemaTs = astToString(kept)
  .replace(/\bexport interface components\b/, "export interface ApiComponents")
  .replace(/\bexport interface operations\b/, "export interface ApiOperations")
  .replace(/\bcomponents\[/g, "ApiComponents[")
  .replace(/\boperations\[/g, "ApiOperations[");
schemaTs = schemaTs
  .replace("export interface ApiComponents", "/** The spec's schemas (`ApiComponents[\"schemas\"][\"…\"]`), as openapi-typescript writes them. */\nexport interface ApiComponents")
  .replace("export interface ApiOperations", "/** Every operation's parameters, request body and responses, by operationId. */\nexport interface ApiOperations");

const O = (o) => `ApiOperations[${JSON.stringify(o.id)}]`;
const pathType = (o, p) => `${O(o)}["parameters"]["path"][${JSON.stringify(p)}]`;
function paramsType(o) {
  if (o.guide?.params) return o.guide.params;
  const parts = [];
  if (o.keywordPath.length) parts.push(`{ ${o.keywordPath.map((p) => `${p}: ${pathType(o, p)}`).join("; ")} }`);
  if (o.query.length) parts.push(`NonNullable<${O(o)}["parameters"]["query"]>`);
  const body = `NonNullable<${O(o)}["requestBody"]>["content"]["application/json"]`;
  if (o.body === 1) parts.push(body);
  if (o.body === 2) parts.push(`{ body?: ${body} }`);
  return parts.length ? parts.join(" & ") : null;
}
const paramsRequired = (o) =>
  o.guide ? o.guide.arg !== "" || o.python === "streams.create" : o.keywordPath.length > 0 || o.query.some((p) => p.required) || o.bodyRequired;
function resultType(o) {
  if (o.guide) return o.guide.result;
  if (!o.json) return "void";
  const t = `${O(o)}["responses"][${o.jsonCode}]["content"]["application/json"]`;
  return o.optionalResult ? `${t} | undefined` : t;
}
const itemType = (o) => {
  const r = `${O(o)}["responses"][${o.jsonCode}]["content"]["application/json"]`;
  return o.page === "results" ? `NonNullable<${r}["results"]>[number]` : `${r}[number]`;
};
const callText = (o) => {
  const args = [...o.positional.map(camel)];
  const p = paramsType(o);
  if (p) args.push(paramsRequired(o) ? "params" : "params?");
  return `client.${o.js}(${[...args, "options?"].join(", ")})`;
};
const doc = (o) => {
  const same = o.guide ? `; the same call as \`client.${o.guide.js}\`` : "";
  const extra = o.extra ? " (not in the Python SDK)" : "";
  const what = o.python.split(".").pop().replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
  return `${what} (${o.resource.join(" ").replace(/_/g, " ")}): \`${o.method} ${o.path}\`${extra}${same}.`;
};

// The namespaces: resource path → { methods, children }.
const tree = { children: new Map(), ops: [] };
for (const o of ops) {
  let node = tree;
  for (const seg of o.resource) {
    if (!node.children.has(seg)) node.children.set(seg, { children: new Map(), ops: [], path: [...(node.path ?? []), seg] });
    node = node.children.get(seg);
  }
  node.ops.push(o);
}
const ifaceName = (node) => node.path.map(pascal).join("") + "Api";
// Methods written by hand (pkg-template/api.js) over the generated ones, declared in their own file
// and merged into their namespace's interface: the namespace path, the method, its declaring interface.
const COMPOSED = [
  {
    path: ["videos"],
    name: "createDirectUpload",
    iface: "DirectUploadApi",
    from: "./direct-upload.js",
    call: "client.videos.createDirectUpload(video, options?)",
    what: "Creates a video and returns the parameters of its direct upload (`videos.create`, then `videos.getParametersForDirectUpload`): what `uploadVideo` of `gcore-streaming/upload` takes",
    http: "POST /streaming/videos, GET /streaming/videos/{video_id}/upload",
    result: "`DirectUploadParams`",
  },
];
const ifaces = [];
function emit(node) {
  const lines = [];
  const list = node.ops.find((o) => o.page);
  const top = node.path.length === 1 ? node.path[0] : undefined;
  if (top && GUIDE_PAGES[top]) {
    const q = { streams: "ListStreamsQuery", broadcasts: "ListBroadcastsQuery", videos: "ListVideosQuery" }[top];
    lines.push(
      `  /** Every item of \`client.${camel(top)}.list\`, page by page until an empty page or one shorter than the longest read (\`for await (const x of client.${camel(top)}())\`). */`,
      `  (query?: ${q}, options?: RequestOptions): AsyncIterableIterator<${GUIDE_PAGES[top]}>;`,
    );
  } else if (list) {
    lines.push(
      `  /** Every item of \`client.${list.js}\`, page by page until an empty page or one shorter than the longest read (\`for await (const x of client.${camel(node.path.join("."))}())\`). */`,
      `  (query?: ${paramsType(list)}, options?: RequestOptions): AsyncIterableIterator<${itemType(list)}>;`,
    );
  }
  for (const o of node.ops) {
    const args = o.positional.map((p) => `${camel(p)}: ${pathType(o, p)}`);
    const p = paramsType(o);
    if (p) args.push(`params${paramsRequired(o) ? "" : "?"}: ${p}`);
    args.push("options?: RequestOptions");
    lines.push(`  /** ${doc(o)} */`, `  ${o.name}(${args.join(", ")}): Promise<${resultType(o)}>;`);
  }
  for (const [seg, child] of node.children) {
    lines.push(`  /** \`client.${[...node.path, seg].map(camel).join(".")}\`: ${child.ops.length} methods. */`, `  readonly ${camel(seg)}: ${ifaceName(child)};`);
    emit(child);
  }
  const extra = COMPOSED.filter((c) => c.path.join(".") === node.path.join(".")).map((c) => c.iface);
  const ext = extra.length ? ` extends ${extra.join(", ")}` : "";
  ifaces.unshift(`/** The methods of \`client.${node.path.map(camel).join(".")}\`. */\nexport interface ${ifaceName(node)}${ext} {\n${lines.join("\n")}\n}`);
}
const tops = [];
for (const [seg, child] of tree.children) {
  emit(child);
  tops.push(`    /** The ${seg.replace(/_/g, " ")} methods (\`client.${camel(seg)}.…\`). */\n    readonly ${camel(seg)}: ${ifaceName(child)};`);
}
const dts = `// ${HEAD}
import type {
  RequestOptions,
  Stream,
  Broadcast,
  Video,
  StartRecordingResult,
  StreamParams,
  BroadcastParams,
  ListStreamsQuery,
  ListBroadcastsQuery,
  ListVideosQuery,
} from "./main/gcore_streaming.js";
${COMPOSED.map((c) => `import type { ${c.iface} } from "${c.from}";`).join("\n")}

declare module "./main/gcore_streaming.js" {
  interface StreamingClient {
${tops.join("\n")}
  }
}

/** The name of a namespace method, as an error's \`operation\` says it (\`"players.get"\`). */
export type ApiMethodName =
${[...ops.map((o) => o.js), ...COMPOSED.map((c) => [...c.path, c.name].join("."))].map((js) => `  | ${JSON.stringify(js)}`).join("\n")};

${ifaces.join("\n\n")}

${schemaTs}`;

// ---- the Rust table ----
const rsStr = (s) => JSON.stringify(s);
/** An operation's `Method::…` variant. */
const method = (o) => `Method::${o.method[0] + o.method.slice(1).toLowerCase()}`;
const rust = `// ${HEAD}
//! The operation table (see [\`super::ApiOperation\`]).

use super::{ApiOperation, BodyKind, PageKind, QueryStyle};
use crate::domain::request::Method;

/// Every operation of the spec, named as the Python SDK names it (plus the two it lacks).
pub static OPERATIONS: &[ApiOperation] = &[
${ops
  .map(
    (o) => `    ApiOperation {
        name: ${rsStr(o.python)},
        method: ${method(o)},
        path: ${rsStr(o.path)},
        positional: &[${o.positional.map(rsStr).join(", ")}],
        query: &[${o.query.map((p) => `(${rsStr(p.name)}, QueryStyle::${p.style === "comma" ? "Comma" : "Repeat"})`).join(", ")}],
        body: BodyKind::${["None", "Fields", "Whole"][o.body]},
        json: ${!!o.json},
        page: ${o.page === "array" ? "Some(PageKind::Array)" : o.page === "results" ? "Some(PageKind::Results)" : "None"},
    },`,
  )
  .join("\n")}
];
`;

// ---- the guide's operations (src/domain/operation.rs) ----
// The operations the tracker's actions and the typed client name (`Operation`), in the order of
// GUIDE, and where each goes: the path up to its id, which id, and the rest.
const PATH_IDS = { stream_id: "Stream", broadcast_id: "Broadcast", video_id: "Video" };
const guideOps = Object.entries(GUIDE).map(([python, g]) => {
  const o = ops.find((x) => x.python === python);
  if (!o) throw new Error(`${python}: not an operation`);
  const m = /^([^{]*)(?:\{([a-z_]+)\}(.*))?$/.exec(o.path);
  if (!m || (m[2] && !PATH_IDS[m[2]])) throw new Error(`${python}: ${o.path} is not a path the guide's routes know`);
  const snake = g.js.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return { o, variant: pascal(snake), snake, base: m[1], id: m[2] ? PATH_IDS[m[2]] : "None", rest: m[3] ?? "" };
});
const operationRs = `// ${HEAD}
//! The guide's operations: [\`Operation\`] and its routes.

use super::request::{Method, PathId};
use serde::{Deserialize, Serialize};

/// Which operation a request is (for errors, logs, retries and the tracker's actions).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Operation {
${guideOps.map((g) => `    /// \`${g.o.method} ${g.o.path}\` (\`${g.o.python}\`)\n    ${g.variant},`).join("\n")}
    /// Any operation of the generated table ([\`crate::domain::api\`]): \`Client::call\` and the JS
    /// namespaces (\`client.players.get(…)\`, …). Not an action the tracker prescribes (not in
    /// [\`Operation::ALL\`], never (de)serialized); only in builds with the client.
    #[cfg(feature = "client")]
    #[serde(skip)]
    Call,
}

impl Operation {
    /// Every operation, in declaration order.
    pub const ALL: [Operation; ${guideOps.length}] = [
${guideOps.map((g) => `        Self::${g.variant},`).join("\n")}
    ];

    /// The operation's snake_case name, e.g. \`update_broadcast\`.
    pub fn as_str(self) -> &'static str {
        match self {
${guideOps.map((g) => `            Self::${g.variant} => ${rsStr(g.snake)},`).join("\n")}
            #[cfg(feature = "client")]
            Self::Call => "call",
        }
    }
}

/// Where an operation goes: its method, the path up to the id, which id, and the rest of the path.
pub(crate) fn route(operation: Operation) -> (Method, &'static str, PathId, &'static str) {
    match operation {
${guideOps.map((g) => `        Operation::${g.variant} => (${method(g.o)}, ${rsStr(g.base)}, PathId::${g.id}, ${rsStr(g.rest)}),`).join("\n")}
        // A generated operation's path is in its request (\`crate::domain::api\`).
        #[cfg(feature = "client")]
        Operation::Call => (Method::Get, "", PathId::None, ""),
    }
}
`;

// ---- docs/api.md ----
const groups = new Map();
for (const o of ops) {
  const k = o.resource.map(camel).join(".");
  if (!groups.has(k)) groups.set(k, []);
  groups.get(k).push(o);
}
const guidePaths = new Set(ops.filter((o) => o.guide).map((o) => o.path));
// What the sandbox emulates besides the guide's calls: a direct upload's two calls.
const SANDBOX_EXTRA = new Set(["videos.create", "videos.getParametersForDirectUpload"]);
const sandbox405 = ops
  .filter((o) => !o.guide && !SANDBOX_EXTRA.has(o.js) && guidePaths.has(o.path))
  .map((o) => `\`${o.js}\``)
  .join(", ");
const sizes = readFileSync(join(repo, "scripts/api/sizes.md"), "utf8").trim();
const md = `# The whole Streaming API

<!-- ${HEAD} -->

\`StreamingClient\` has every method of the Streaming API: the ${names.filter((n) => !n.extra).length} methods of the official
Python SDK (\`gcore\` 0.59, \`client.streaming.*\`) under the same names in camelCase, and the ${names.filter((n) => n.extra).length} operations
of the spec that it lacks. Python's \`client.streaming.<resource>.<method>(<positional>, **kwargs)\` is
\`client.<resource>.<method>(<positional>, { <kwargs under their wire names> }, options?)\`; \`options\`
is \`{ signal, timeoutMs, maxRetries }\`, and every call has the client's retries, timeouts, abort signal
and typed errors (\`ApiError\`, \`StreamingError\`; an error's \`operation\` is the method's name, e.g.
\`"players.get"\`). Query arrays are sent as the spec declares (\`ids=1,2\` for \`videos.listNames\`),
repeated where it is silent (\`group=host&group=os\`). A method without a request body sends none.
The guide's calls (\`streams.create\`, …) are the client's existing methods (\`createStream\`, …).
A namespace with a paged list is also an async iterator over all its items (\`for await (const p of
client.players())\`): pages 1, 2, … until an empty page or one shorter than the longest read. The sandbox emulates the guide's resources
and direct uploads (${[...SANDBOX_EXTRA].map((n) => `\`${n}\``).join(", ")}) only: it answers 404 to the other methods
(405 to ${sandbox405}, another method on one of the guide's paths).

The parameter and result types are the spec's (\`ApiOperations\`, \`ApiComponents\` in the package's
\`.d.ts\`, by openapi-typescript). The Rust client has the same table (\`gcore_streaming::domain::api\`)
and \`Client::call\`. Generated by \`scripts/gen-api.mjs\` from the spec and \`scripts/api/names.json\`
(the Python SDK's names); \`make test\` checks it is current.

${sizes}

Results: a schema's name is \`ApiComponents["schemas"]["<name>"]\`; otherwise the type is the
operation's own, \`ApiOperations["<operationId>"]["responses"][<status>]\`; "or none" where the spec also
allows an empty answer (\`undefined\`).

| Call | What it does | HTTP request | Result |
| --- | --- | --- | --- |
${[...groups.values()]
  .flat()
  .map((o) => {
    const type = o.resultName ? `\`${o.resultName}\`` : `\`${o.id}\` ${o.jsonCode}`;
    const r = o.guide ? `\`${o.guide.result}\`` : !o.json ? "none" : `${type}${o.optionalResult ? " or none" : ""}`;
    const what = doc(o).replace(/: `[^`]*`/, "").replace(/\.$/, "");
    return `| \`${callText(o)}\`${o.page ? " (paged)" : ""} | ${what} | \`${o.method} ${o.path}\` | ${r.replace(/\|/g, "\\|")} |`;
  })
  .concat(COMPOSED.map((c) => `| \`${c.call}\` | ${c.what} | \`${c.http}\` | ${c.result} |`))
  .join("\n")}
`;

const write = (rel, text) => {
  const f = join(out, rel);
  mkdirSync(dirname(f), { recursive: true });
  writeFileSync(f, text);
};
write("pkg-template/api-table.js", tableJs);
write("pkg-template/api.d.ts", dts);
write("src/domain/api/table.rs", rust);
write("src/domain/operation.rs", operationRs);
// In the repository's rustfmt style (`make lint` checks it).
for (const f of ["src/domain/api/table.rs", "src/domain/operation.rs"]) {
  execFileSync("rustfmt", ["--edition", "2021", "--config-path", join(repo, "rustfmt.toml"), join(out, f)]);
}
write("docs/api.md", md);
console.log(`${ops.length} operations -> api-table.js, api.d.ts, src/domain/api/table.rs, src/domain/operation.rs, docs/api.md`);
