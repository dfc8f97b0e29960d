// Shared helpers of the edge tests: free ports, servers started and stopped by the tests (wrangler dev
// running the Worker in workerd, the sandbox server, the Node and Deno examples), and the guide walk.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";

export const REPO = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
export const SECRET = "edge-test-secret";
const bin = (name) => join(REPO, "node_modules/.bin", name);

export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** fetch with its own timeout (every request of these tests is bounded). */
export function fetchT(url, init = {}, timeoutMs = 15_000) {
  return fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
}

async function waitUp(url, child, log, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}) before answering ${url}:\n${log()}`);
    try {
      await fetchT(url, {}, 1000);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms:\n${log()}`);
}

function start(cmd, args, opts, healthUrl) {
  const child = spawn(cmd, args, { ...opts, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const keep = (d) => {
    out = (out + d).slice(-20_000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const log = () => out;
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill("SIGKILL"), 5000);
      child.once("exit", () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill("SIGTERM");
    });
  return waitUp(healthUrl, child, log).then(
    () => ({ child, log, stop }),
    async (e) => {
      await stop();
      throw e;
    },
  );
}

/** The example's `node_modules/gcore-streaming` -> pkg/ (what `npm install` of `file:../../pkg` makes). */
export function linkPackage(example) {
  const dir = join(REPO, "examples", example, "node_modules");
  if (existsSync(join(dir, "gcore-streaming"))) return;
  mkdirSync(dir, { recursive: true });
  symlinkSync("../../../pkg", join(dir, "gcore-streaming"));
}

/**
 * `wrangler dev` running the Worker example in workerd on 127.0.0.1, with fresh Durable Object
 * storage (or `state`, a directory from an earlier run; `keepState` keeps it after `stop`).
 */
export async function startWorker({ port, vars = {}, state, keepState = false } = {}) {
  linkPackage("cloudflare-worker");
  port ??= await freePort();
  const own = !state;
  state ??= mkdtempSync(join(tmpdir(), "edge-worker-"));
  const args = ["dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", state, "--log-level", process.env.EDGE_WRANGLER_LOG ?? "warn"];
  for (const [k, v] of Object.entries({ WEBHOOK_SECRET: SECRET, ...vars })) args.push("--var", `${k}:${v}`);
  const s = await start(bin("wrangler"), args, {
    cwd: join(REPO, "examples/cloudflare-worker"),
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", CI: "true" },
  }, `http://127.0.0.1:${port}/healthz`);
  const cleanup = () => rmSync(state, { recursive: true, force: true });
  const stop = async () => {
    await s.stop();
    if (own && !keepState) cleanup();
  };
  return { ...s, port, state, url: `http://127.0.0.1:${port}`, stop, cleanup };
}

/** Runs an example's command to its exit (for a refusal to start): `{ code, out }`. */
export function runToExit(cmd, args, opts, timeoutMs = 20_000) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const t = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`still running after ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(t);
      resolve({ code, out });
    });
  });
}

export const denoBin = bin("deno");

export async function startNodeExample({ vars = {}, args = [] } = {}) {
  linkPackage("node");
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), WEBHOOK_SECRET: SECRET, ALLOW_IPS: "off", ...vars };
  const s = await start(process.execPath, [join(REPO, "examples/node/server.mjs"), ...args], { env }, `http://127.0.0.1:${port}/healthz`);
  return { ...s, url: `http://127.0.0.1:${port}` };
}

export async function startDenoExample({ vars = {}, args = [] } = {}) {
  linkPackage("deno");
  const port = await freePort();
  const env = { ...process.env, DENO_NO_UPDATE_CHECK: "1", PORT: String(port), WEBHOOK_SECRET: SECRET, ALLOW_IPS: "off", ...vars };
  const s = await start(bin("deno"), ["run", "--no-prompt", "--allow-net=127.0.0.1", "--allow-env", "server.js", ...args], { cwd: join(REPO, "examples/deno"), env }, `http://127.0.0.1:${port}/healthz`);
  return { ...s, url: `http://127.0.0.1:${port}` };
}

/** The sandbox server with its clock stopped (`--speed 0`): only `advance` moves it. */
export async function startSandbox({ port, webhookUrls = [], extra = [] } = {}) {
  const exe = join(REPO, "target/release/gcore-streaming-sandbox");
  if (!existsSync(exe)) throw new Error(`${exe} is missing: cargo build --release --bin gcore-streaming-sandbox`);
  port ??= await freePort();
  const args = ["--listen", `127.0.0.1:${port}`, "--speed", "0", "--quiet", ...webhookUrls.flatMap((u) => ["--webhook-url", u]), ...extra];
  const s = await start(exe, args, {}, `http://127.0.0.1:${port}/_sandbox/health`);
  return { ...s, url: `http://127.0.0.1:${port}` };
}

export async function loadMain() {
  return import(join(REPO, "pkg/main.node.js"));
}

/** A small client of a receiver (the Worker, or the Node/Deno examples: same routes). */
export function receiver(url, secret = SECRET) {
  const call = async (method, path, body) => {
    const res = await fetchT(url + path, { method, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  return {
    webhook: (body, path = `/webhooks/gcore/${secret}`) => call("POST", path, body),
    stream: async (id) => {
      const r = await call("GET", `/streams/${id}?token=${secret}`);
      assert.equal(r.status, 200, `GET /streams/${id}: ${JSON.stringify(r.body)}`);
      return r.body;
    },
    link: (broadcastId, streamId) => call("POST", `/links/broadcasts/${broadcastId}?token=${secret}`, { stream_id: streamId }),
    expectStop: (id) => call("POST", `/streams/${id}/expect-stop?token=${secret}`),
    call,
  };
}

const ops = (view) => view.next_actions.map((a) => `${a.operation}${a.body ? ":" + JSON.stringify(a.body) : ""}`);

/**
 * The guide's 19 steps against the sandbox server, whose webhooks go to the receiver; checks the
 * receiver's `GET /streams/<id>` after each stage. `linkBroadcast`: register the broadcast through
 * `POST /links/broadcasts/<id>` (else the receiver must find it through the API).
 */
export async function walkGuide({ sandboxUrl, receiverUrl, linkBroadcast = true }) {
  const { StreamingClient } = await loadMain();
  const client = new StreamingClient({ apiKey: "test", baseUrl: sandboxUrl, maxRetries: 0, timeoutMs: 10_000 });
  const rx = receiver(receiverUrl);
  const advance = async (ms) => (await fetchT(`${sandboxUrl}/_sandbox/advance?ms=${ms}`, { method: "POST" })).json();

  // Stage 1: setup (steps 1-4).
  const stream = await client.createStream({ name: "test_stream", pull: false, active: false, transcoding_region: "ix1", auto_record: false }); // 1
  const broadcast = await client.createBroadcast({ name: "test_broadcast", status: "pending", pending_message: "Please wait ...", stream_ids: [stream.id] }); // 2
  if (linkBroadcast) assert.equal((await rx.link(broadcast.id, stream.id)).status, 200);
  await client.updateStream(stream.id, { active: true }); // 3
  await advance(2000); // the publisher connects: ingest, `live: true, transcoding: false`
  let v = await rx.stream(stream.id);
  assert.equal(v.stage, "setup");
  assert.deepEqual([v.stream.live, v.stream.transcoding, v.stream.playback_ready], [true, false, false]);
  assert.deepEqual(ops(v), ["get_stream"], "playback not ready yet: only a check of the stream");
  await advance(1000); // 4: transcoding starts, `transcoding: true` (playback ready)
  v = await rx.stream(stream.id);
  assert.equal(v.stream.playback_ready, true);
  assert.ok(ops(v).includes('update_broadcast:{"broadcast":{"status":"live"}}'), JSON.stringify(v.next_actions));

  // Stage 2: test (steps 5-6).
  await client.updateBroadcast(broadcast.id, { status: "live" }); // 5
  await advance(0); // 6
  v = await rx.stream(stream.id);
  assert.equal(v.stage, "test");
  assert.deepEqual(v.stream.broadcast_ids, [broadcast.id]);
  assert.equal(v.broadcasts[0].status, "live");
  assert.deepEqual(ops(v), ["start_recording"]);

  // Stage 3: live (steps 7-8).
  await client.startRecording(stream.id); // 7
  await advance(1000); // 8: `recording: true`
  v = await rx.stream(stream.id);
  assert.equal(v.stage, "live");
  assert.equal(v.stream.recording, true);
  assert.deepEqual(ops(v), [], "recording: stopping is the user's call");

  // Stage 4: stop (steps 9-19).
  assert.equal((await rx.expectStop(stream.id)).status, 200);
  assert.deepEqual(ops(await rx.stream(stream.id)), ["stop_recording"]);
  const recorded = await client.stopRecording(stream.id); // 9
  await advance(0); // 10 `recording: false`, 11 video pending
  v = await rx.stream(stream.id);
  assert.equal(v.stage, "stop");
  assert.equal(v.stream.recording, false);
  assert.deepEqual(v.stream.recordings, [recorded.id]);
  assert.equal(v.videos[0].status, "pending");
  assert.ok(ops(v).includes('update_broadcast:{"broadcast":{"status":"finished"}}'), JSON.stringify(v.next_actions));
  await client.updateBroadcast(broadcast.id, { status: "finished" }); // 12
  await advance(0); // 13
  v = await rx.stream(stream.id);
  assert.equal(v.broadcasts[0].status, "finished");
  assert.ok(ops(v).includes('update_stream:{"stream":{"active":false}}'), JSON.stringify(v.next_actions));
  await client.updateStream(stream.id, { active: false }); // 14
  await advance(0); // 15 `live: false`
  v = await rx.stream(stream.id);
  assert.equal(v.stream.live, false);
  assert.equal(v.stream.interrupted ?? false, false, "a requested stop is not an interruption");
  assert.ok(ops(v).includes("delete_broadcast"), JSON.stringify(v.next_actions));
  await client.deleteBroadcast(broadcast.id); // 16
  await advance(3000); // 17 viewable
  v = await rx.stream(stream.id);
  assert.equal(v.videos[0].status, "viewable");
  assert.equal(v.stage, "stop");
  await advance(3000); // 18 ready
  v = await rx.stream(stream.id);
  assert.equal(v.stage, "done");
  assert.equal(v.videos[0].status, "ready");
  assert.deepEqual(v.next_actions.map((a) => [a.operation, a.video_id, a.step]), [["get_video", recorded.id, 19]]);
  const video = await client.getVideo(recorded.id); // 19
  assert.equal(video.stream_id, stream.id);
  assert.equal(video.status, "ready");
  client.free();
  return { stream, broadcast, video, view: v };
}

/** Every webhook the sandbox sent so far reached the receiver and got a 2xx. */
export async function assertAllDelivered(sandboxUrl) {
  const hooks = await (await fetchT(`${sandboxUrl}/_sandbox/webhooks`)).json();
  const bad = hooks.flatMap((h) => h.deliveries.filter((d) => d.result !== "delivered").map((d) => ({ seq: h.seq, type: h.type, ...d })));
  assert.deepEqual(bad, [], "every webhook delivered with a 2xx");
  return hooks;
}
