// Every method of the whole API (pkg-template/api.js over the generated table) against Prism serving
// Gcore's OpenAPI spec on 127.0.0.1 with request validation on (`--errors`): a request the spec does
// not allow (path, query, body, auth header) is answered with an error, which fails the test. Each
// answer must decode to the shape the spec declares. Also: the exact requests for the encodings (query
// arrays, whole bodies, no body), the names (`client.streams.create === createStream`'s call), typed
// errors naming the method, and the page iterators, over a scripted `fetch`.
//   node --test tests/api/   (after `make pkg`; the spec at ../shared/spec/, or GS_SPEC)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const repo = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const specFile = resolve(process.env.GS_SPEC ?? `${repo}/../shared/spec/gcore-streaming-openapi.yaml`);
const { StreamingClient, ApiError, StreamingError } = await import(`${repo}/pkg/main.node.js`);
const { OPERATIONS } = await import(`${repo}/pkg/api-table.js`);
const names = JSON.parse(readFileSync(`${repo}/scripts/api/names.json`, "utf8")).methods;
const haveSpec = existsSync(specFile);
const spec = haveSpec ? parse(readFileSync(specFile, "utf8")) : undefined;

const deref = (v) => {
  let x = v;
  for (let i = 0; x?.$ref && i < 20; i++) x = x.$ref.slice(2).split("/").reduce((o, k) => o?.[k], spec);
  return x;
};

/** A value the schema accepts: its first enum value, a scalar's example, or one built from its type. */
function sample(schema, depth = 0) {
  const s = deref(schema) ?? {};
  // A scalar's example when it has the schema's type (the spec's examples are not all valid).
  const t = Array.isArray(s.type) ? s.type.find((x) => x !== "null") : s.type;
  const kind = { integer: "number", number: "number", string: "string", boolean: "boolean" }[t];
  if (s.enum) return s.enum.find((v) => v !== null) ?? s.enum[0];
  if (s.example !== undefined && kind && typeof s.example === kind) return s.example;
  if (s.allOf) {
    // One object schema of the parts' properties and required names.
    const parts = s.allOf.map(deref);
    const merged = { type: "object", properties: {}, required: [] };
    for (const p of parts) {
      Object.assign(merged.properties, p.properties);
      merged.required.push(...(p.required ?? []));
    }
    return sample(merged, depth + 1);
  }
  if (s.oneOf || s.anyOf) return sample((s.oneOf ?? s.anyOf)[0], depth + 1);
  const type = t;
  if (type === "array") return depth > 6 ? [] : [sample(s.items, depth + 1)];
  if (type === "object" || s.properties) {
    const o = {};
    for (const k of s.required ?? []) o[k] = sample(s.properties?.[k], depth + 1);
    return o;
  }
  if (type === "integer" || type === "number") return Math.max(1, s.minimum ?? 1);
  if (type === "boolean") return true;
  if (s.format === "date-time") return "2024-01-01T00:00:00Z";
  if (s.format === "date") return "2024-01-01";
  if (s.format === "uuid") return "00000000-0000-4000-8000-000000000000";
  if (s.format === "uri" || s.format === "url") return "https://example.com/a";
  return "x".repeat(Math.max(1, s.minLength ?? 1));
}

/** A call's arguments: positional path values, then the keyword object (required parameters). */
function argumentsOf(row) {
  const [name, m, path, positional, , body] = row;
  const method = ["get", "post", "patch", "put", "delete"][m];
  const item = spec.paths[path];
  const op = item[method];
  const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref);
  const kw = {};
  const pos = [];
  for (const p of params.filter((p) => p.in === "path")) {
    const v = p.example ?? sample(p.schema);
    if (positional.includes(p.name)) pos[positional.indexOf(p.name)] = v;
    else kw[p.name] = v;
  }
  for (const p of params.filter((p) => p.in === "query" && p.required)) kw[p.name] = p.example ?? sample(p.schema);
  const rb = deref(op.requestBody);
  const schema = rb?.content?.["application/json"]?.schema;
  if (schema && body === 2) kw.body = sample(schema);
  else if (schema && body === 1) Object.assign(kw, sample(schema));
  const row8 = row[8];
  if (row8) {
    // The guide's calls take the guide's arguments: a stream or broadcast needs a name (and a status).
    if (name === "streams.create") return [...pos, { name: "s" }];
    if (name === "streams.update") return [...pos, { stream: { name: "s" } }];
    if (name === "broadcasts.create") return [...pos, { broadcast: { name: "b", status: "pending" } }];
    if (name === "broadcasts.update") return [...pos, { broadcast: { name: "b" } }];
    if (row[9] === null) return pos;
    return [...pos, {}];
  }
  return [...pos, kw];
}

let prism;
let prismLog = () => "";
let base;
const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

before(async () => {
  if (!haveSpec) return;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  prism = spawn(`${repo}/node_modules/.bin/prism`, ["mock", "--errors", "--dynamic", "--seed", "1", "-h", "127.0.0.1", "-p", String(port), specFile], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  prism.stdout.on("data", (d) => (log += d));
  prism.stderr.on("data", (d) => (log += d));
  prismLog = () => log;
  for (let i = 0; ; i++) {
    try {
      await fetch(`${base}/streaming/quality_sets`);
      break;
    } catch {
      if (i > 300 || prism.exitCode !== null) throw new Error(`prism did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
});
after(() => {
  prism?.kill();
  if (process.env.GS_PRISM_LOG) writeFileSync(process.env.GS_PRISM_LOG, prismLog());
});

test("every operation of the spec is a method, named as the Python SDK names it", () => {
  assert.equal(OPERATIONS.length, names.length);
  const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
  const client = new StreamingClient({ apiKey: "k" });
  for (const [i, n] of names.entries()) {
    const row = OPERATIONS[i];
    assert.equal(row[0], n.python.split(".").map(camel).join("."));
    assert.equal(`${["GET", "POST", "PATCH", "PUT", "DELETE"][row[1]]} ${row[2]}`, n.http);
    const fn = row[0].split(".").reduce((o, k) => o?.[k], client);
    assert.equal(typeof fn, "function", row[0]);
  }
  if (haveSpec) {
    const all = [];
    for (const [path, item] of Object.entries(spec.paths))
      for (const m of ["get", "post", "patch", "put", "delete"]) if (item[m]) all.push(`${m.toUpperCase()} ${path}`);
    assert.deepEqual(all.sort(), names.map((n) => n.http).sort());
  }
});

test("every method against Prism (request validation on): accepted, and the answer decodes", { skip: !haveSpec && "no spec" }, async (t) => {
  const client = new StreamingClient({ apiKey: "test-key", baseUrl: base, maxRetries: 0 });
  for (const row of OPERATIONS) {
    await t.test(row[0], async () => {
      const fn = row[0].split(".").reduce((o, k) => o?.[k], client);
      const parent = row[0].split(".").slice(0, -1).reduce((o, k) => o[k], client);
      let got;
      try {
        got = await fn.call(parent, ...argumentsOf(row));
      } catch (e) {
        assert.fail(`${row[0]}: ${e.name} ${e.code} ${e.message} ${JSON.stringify(e.body ?? null)}`);
      }
      const answer = row[8] ? undefined : row[6];
      if (answer === 123) assert.ok(got === undefined || (typeof got === "object" && got !== null && !Array.isArray(got)), `${row[0]}: an object`);
      if (answer === 91) assert.ok(Array.isArray(got), `${row[0]}: an array`);
      if (answer === 1) assert.notEqual(got, undefined);
      if (answer === 0) assert.equal(got, undefined);
    });
  }
});

test("Prism rejects what the spec does not allow (so the run above checks the requests)", { skip: !haveSpec && "no spec" }, async () => {
  const client = new StreamingClient({ apiKey: "test-key", baseUrl: base, maxRetries: 0 });
  // A required query parameter left out, and a body field of the wrong type.
  const missing = await client.statistics.getViews({ date_to: "2024-05-31T23:59:59Z" }).catch((e) => e);
  assert.ok(missing instanceof ApiError, String(missing));
  assert.ok(missing.status >= 400 && missing.status < 500, String(missing.status));
  const wrong = await client.streams.overlays.update(1, { stream_id: 1, width: "wide" }).catch((e) => e);
  assert.ok(wrong instanceof ApiError, String(wrong));
  assert.ok(wrong.status >= 400 && wrong.status < 500, String(wrong.status));
  assert.equal(wrong.operation, "streams.overlays.update");
  // Without the API key header.
  const anonymous = new StreamingClient({ baseUrl: base, maxRetries: 0 });
  const e = await anonymous.players.get(1).catch((x) => x);
  assert.equal(e.status, 401);
});

/** A client over a scripted fetch: answers from `answer(url, init)`, records every request. */
function scripted(answer) {
  const sent = [];
  const fetch = async (url, init) => {
    sent.push({ url: url.replace("http://api.test", ""), method: init.method, body: init.body });
    const [status, body] = answer(url, init) ?? [200, "{}"];
    return new Response(body, { status, headers: { "content-type": "application/json" } });
  };
  return { sent, client: new StreamingClient({ apiKey: "k", baseUrl: "http://api.test", fetch, maxRetries: 0 }) };
}

test("requests: query arrays as the spec says, whole bodies, no body without one, keyword path ids", async () => {
  const { sent, client } = scripted(() => [200, "[]"]);
  await client.statistics.getViews({ date_from: "a", date_to: "b", group: ["host", "os"] });
  await client.videos.listNames({ ids: [1, 2] });
  await client.streams.overlays.create(5, { body: [{ url: "https://x/y", width: 10 }] });
  await client.streams.overlays.update(7, { stream_id: 5, x: 10 });
  await client.videos.subtitles.get(3, { video_id: 9 });
  await client.streams.clearDvr(5);
  await client.statistics.getVodStorageVolume({ from: "2024-01-01T00:00:00Z", to: "2024-01-02T00:00:00Z" });
  assert.deepEqual(sent, [
    { url: "/streaming/statistics/views?date_from=a&date_to=b&group=host&group=os", method: "GET", body: undefined },
    { url: "/streaming/videos/names?ids=1,2", method: "GET", body: undefined },
    { url: "/streaming/streams/5/overlays", method: "POST", body: '[{"url":"https://x/y","width":10}]' },
    { url: "/streaming/streams/5/overlays/7", method: "PATCH", body: '{"x":10}' },
    { url: "/streaming/videos/9/subtitles/3", method: "GET", body: undefined },
    { url: "/streaming/streams/5/dvr_cleanup", method: "PUT", body: undefined },
    { url: "/streaming/statistics/vod/storage_duration?from=2024-01-01T00%3A00%3A00Z&to=2024-01-02T00%3A00%3A00Z", method: "GET", body: undefined },
  ]);
});

test("the guide's calls are the client's methods: the same request and result", async () => {
  const stream = '{"id":5,"name":"s"}';
  const a = scripted(() => [200, stream]);
  const b = scripted(() => [200, stream]);
  assert.deepEqual(await a.client.streams.create({ name: "s", active: false }), await b.client.createStream({ name: "s", active: false }));
  await a.client.streams.update(5, { stream: { name: "t" } });
  await b.client.updateStream(5, { name: "t" });
  await a.client.broadcasts.update(6, { broadcast: { name: "u" } });
  await b.client.updateBroadcast(6, { name: "u" });
  assert.deepEqual(a.sent, b.sent);
  const [call] = a.sent;
  assert.equal(call.body, '{"name":"s","active":false}');
});

test("errors are typed and name the method; bad arguments are invalid_params", async () => {
  const { client } = scripted(() => [404, '{"error":"not found"}']);
  const e = await client.players.get(3).catch((x) => x);
  assert.ok(e instanceof ApiError);
  assert.equal(e.status, 404);
  assert.equal(e.operation, "players.get");
  const bad = await client.players.get(undefined).catch((x) => x);
  assert.ok(bad instanceof StreamingError);
  assert.equal(bad.code, "invalid_params");
  assert.equal(bad.path, "player_id");
  const unknown = await client.players.list({ nope: 1 }).catch((x) => x);
  assert.equal(unknown.code, "invalid_params");
  assert.equal(unknown.path, "nope");
  const ac = new AbortController();
  ac.abort();
  const aborted = await client.players.get(3, { signal: ac.signal }).catch((x) => x);
  assert.equal(aborted.code, "aborted");
  assert.equal(aborted.operation, "players.get");
});

test("a 2xx that is not JSON is invalid_response; an answer the spec does not declare is ignored", async () => {
  const { client } = scripted((url) => [200, url.includes("preview") ? "<html></html>" : "<html>"]);
  assert.equal(await client.players.preview(1), undefined);
  const e = await client.players.get(1).catch((x) => x);
  assert.equal(e.code, "invalid_response");
  assert.equal(e.operation, "players.get");
});

test("page iterators: pages 1, 2, … until a page shorter than the longest read; a failed page is read again", async () => {
  let fail = true;
  const { sent, client } = scripted((url) => {
    const page = Number(new URL(url).searchParams.get("page"));
    if (page === 2 && fail) {
      fail = false;
      return [500, "{}"];
    }
    const items = page <= 2 ? [{ id: page * 10 + 1 }, { id: page * 10 + 2 }, { id: page * 10 + 3 }] : page === 3 ? [{ id: 31 }] : [];
    return [200, url.includes("/ai/") ? JSON.stringify({ results: items }) : JSON.stringify(items)];
  });
  const ids = [];
  const it = client.players({ page: 1 });
  for (;;) {
    let r;
    try {
      r = await it.next();
    } catch (e) {
      assert.equal(e.status, 500);
      continue;
    }
    if (r.done) break;
    ids.push(r.value.id);
  }
  assert.deepEqual(ids, [11, 12, 13, 21, 22, 23, 31]);
  assert.deepEqual(
    sent.map((s) => s.url),
    [1, 2, 2, 3].map((p) => `/streaming/players?page=${p}`),
  );
  fail = false;
  const tasks = [];
  for await (const t of client.aiTasks({ status: "SUCCESS" })) tasks.push(t.id);
  assert.deepEqual(tasks, [11, 12, 13, 21, 22, 23, 31]);
  for (const ns of ["restreams", "playlists"]) {
    let n = 0;
    for await (const x of client[ns]()) if (x) n++;
    assert.equal(n, 7, ns);
  }
  assert.equal(typeof client.streams, "function");
  assert.equal(typeof client.streams.overlays.list, "function");
  assert.equal(client.streams, client.streams, "one namespace per client");
});
