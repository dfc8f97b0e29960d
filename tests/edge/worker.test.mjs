// The Cloudflare Worker example in workerd (wrangler dev), its state in Durable Objects: the guide's
// 19 steps and the interruption case driven through the sandbox server, the answers to bad input,
// the broadcast link directory (registered, resolved through the API, parked) and persistence.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { SECRET, assertAllDelivered, fetchT, freePort, loadMain, receiver, startSandbox, startWorker, walkGuide } from "./support.mjs";

let worker, sandbox, rx;
before(async () => {
  const sandboxPort = await freePort();
  // IP check on with an override (the sandbox delivers from 127.0.0.1); unknown broadcasts are
  // resolved through the sandbox's API.
  worker = await startWorker({ vars: { ALLOW_IPS: "127.0.0.1/32", GCORE_API_URL: `http://127.0.0.1:${sandboxPort}`, GCORE_API_KEY: "test" } });
  sandbox = await startSandbox({ port: sandboxPort, webhookUrls: [`${worker.url}/webhooks/gcore/${SECRET}`] });
  rx = receiver(worker.url);
});
after(async () => {
  await sandbox?.stop();
  await worker?.stop();
});

const advance = async (ms) => (await fetchT(`${sandbox.url}/_sandbox/advance?ms=${ms}`, { method: "POST" })).json();
const control = async (id, what) => fetchT(`${sandbox.url}/_sandbox/streams/${id}/${what}`, { method: "POST" });
const ops = (v) => v.next_actions.map((a) => a.operation + (a.body ? ":" + JSON.stringify(a.body) : ""));

test("worker: the guide's 19 steps through the sandbox, state checked after each stage", { timeout: 60_000 }, async () => {
  const { stream, view } = await walkGuide({ sandboxUrl: sandbox.url, receiverUrl: worker.url });
  assert.deepEqual(view.events, { received: 10, applied: 10, duplicate: 0, stale: 0, ignored: 0 });
  // A status the package does not know is not lost: 2xx, shown in the stream's view, counted.
  const [video] = view.videos;
  const unknown = await rx.webhook({ type: "video", message: { video: { id: video.id, stream_id: stream.id, status: "archived" } } });
  assert.equal(unknown.status, 204);
  const v = await rx.stream(stream.id);
  assert.deepEqual([v.stage, v.videos[0].status, v.videos[0].unknown_status], ["done", "ready", "archived"]);
  assert.equal(v.events.unknown_status, 1);
  const hooks = await assertAllDelivered(sandbox.url);
  assert.equal(hooks.filter((h) => JSON.stringify(h.payload).includes(String(stream.id))).length >= 7, true);
});

test("worker: the interruption case, with the broadcast resolved through the API (no link registered)", { timeout: 60_000 }, async () => {
  const { StreamingClient } = await loadMain();
  const client = new StreamingClient({ apiKey: "test", baseUrl: sandbox.url, maxRetries: 0, timeoutMs: 10_000 });
  try {
    const stream = await client.createStream({ name: "interrupted", active: false });
    const broadcast = await client.createBroadcast({ name: "b", status: "pending", stream_ids: [stream.id] });
    await client.updateStream(stream.id, { active: true });
    await advance(2000);
    await client.updateBroadcast(broadcast.id, { status: "live" });
    await advance(0); // broadcast webhook: the Worker asks the API which stream it belongs to
    let v = await rx.stream(stream.id);
    assert.equal(v.stage, "test");
    assert.deepEqual(v.stream.broadcast_ids, [broadcast.id]);
    assert.deepEqual((await rx.call("GET", `/links/broadcasts/${broadcast.id}?token=${SECRET}`)).body, { stream_ids: [stream.id], parked: 0 });
    await client.startRecording(stream.id);
    await advance(1000);
    assert.equal((await rx.stream(stream.id)).stage, "live");

    // The publisher drops: `live: false, recording: false`, without a requested stop.
    assert.equal((await control(stream.id, "disconnect")).status, 200);
    await advance(0);
    v = await rx.stream(stream.id);
    assert.equal(v.stream.live, false);
    assert.equal(v.stream.interrupted, true);
    assert.ok(ops(v).includes("get_stream"), JSON.stringify(v.next_actions));
    assert.ok(ops(v).includes('update_broadcast:{"broadcast":{"status":"paused"}}'), JSON.stringify(v.next_actions));
    await client.updateBroadcast(broadcast.id, { status: "paused" });
    await advance(11_000); // past the reconnect window: the first recording closes into a video
    v = await rx.stream(stream.id);
    assert.equal(v.broadcasts[0].status, "paused");
    assert.equal(v.stream.recordings.length, 1, "the recording up to the interruption");

    // The publisher is back: a new session; the app resumes the broadcast and records again.
    assert.equal((await control(stream.id, "connect")).status, 200);
    v = await rx.stream(stream.id);
    assert.equal(v.stream.live, true);
    assert.equal(v.stream.session, 2);
    await client.updateBroadcast(broadcast.id, { status: "live" });
    await advance(0);
    assert.equal((await rx.stream(stream.id)).stage, "test");
    await client.startRecording(stream.id);
    await advance(1000);
    assert.equal((await rx.stream(stream.id)).stage, "live");
    assert.equal((await rx.expectStop(stream.id)).status, 200);
    await client.stopRecording(stream.id);
    await client.updateBroadcast(broadcast.id, { status: "finished" });
    await client.updateStream(stream.id, { active: false });
    await advance(7000);
    v = await rx.stream(stream.id);
    assert.equal(v.stage, "done");
    assert.equal(v.stream.recordings.length, 2, "one interruption, two videos");
    assert.deepEqual(v.videos.map((x) => x.status), ["ready", "ready"]);
    await assertAllDelivered(sandbox.url);
  } finally {
    client.free();
  }
});

test("worker: wrong secret or source -> 404 with no body; bad payloads -> 400 with code and path", { timeout: 30_000 }, async () => {
  const ok = { type: "stream", message: { stream: { id: 77, live: true } } };
  for (const [path, headers] of [
    ["/webhooks/gcore/not-the-secret", {}],
    [`/webhooks/gcore/${SECRET}x`, {}],
    [`/webhooks/gcore/${SECRET}`, { "CF-Connecting-IP": "203.0.113.9" }],
  ]) {
    const res = await fetchT(worker.url + path, { method: "POST", headers, body: JSON.stringify(ok) });
    assert.equal(res.status, 404, path);
    assert.equal(await res.text(), "");
  }
  assert.equal((await rx.call("GET", `/streams/77?token=${SECRET}`)).status, 404, "nothing was applied");
  const cases = [
    ["not json", "invalid_json", ""],
    ["[1]", "not_an_object", ""],
    [{ type: "weird", message: {} }, "unknown_type", "type"],
    [{ type: "stream", message: { stream: { live: true } } }, "missing_field", "message.stream.id"],
    [{ type: "stream", message: { stream: { id: "1", live: true } } }, "wrong_type", "message.stream.id"],
    [{ type: "broadcast", message: { broadcast: { id: 3, status: 5 } } }, "wrong_type", "message.broadcast.status"],
    [{ type: "video", message: { video: { id: 3, status: "ready", converted_videos: [{ status: 1 }] } } }, "wrong_type", "message.video.converted_videos[0].status"],
    [JSON.stringify({ type: "stream", message: { stream: { id: 1, live: true, pad: "x".repeat(70_000) } } }), "too_large", ""],
  ];
  for (const [body, code, path] of cases) {
    const r = await rx.webhook(body);
    assert.equal(r.status, 400, JSON.stringify(body).slice(0, 80));
    assert.deepEqual([r.body.code, r.body.path], [code, path]);
    assert.equal(typeof r.body.message, "string");
  }
  assert.equal((await rx.call("GET", `/streams/abc?token=${SECRET}`)).status, 400);
  assert.equal((await rx.call("POST", `/links/broadcasts/5?token=wrong`, { stream_id: 1 })).status, 404);
  assert.equal((await rx.call("POST", `/links/broadcasts/5?token=${SECRET}`, { stream_id: "x" })).status, 400);
  assert.equal((await rx.call("GET", "/healthz")).status, 200);
});

test("worker: broadcast events park until their link appears; video_delete finds its stream", { timeout: 30_000 }, async () => {
  // Broadcast 990001 is unknown to the API (the sandbox answers 404): its events are parked (202).
  const live = await rx.webhook({ type: "broadcast", message: { broadcast: { id: 990001, status: "live" } } });
  assert.equal(live.status, 202);
  assert.equal(live.body.status, "parked");
  assert.equal((await rx.webhook({ type: "stream", message: { stream: { id: 880001, live: true } } })).status, 204);
  assert.equal((await rx.stream(880001)).stage, "setup");
  const linked = await rx.link(990001, 880001);
  assert.deepEqual(linked.body, { key: "broadcast:990001", stream_ids: [880001], delivered: 1 });
  let v = await rx.stream(880001);
  assert.equal(v.stage, "test", "the parked broadcast event was applied");
  assert.deepEqual(v.stream.broadcast_ids, [990001]);
  // Linked now: the next one goes straight through.
  assert.equal((await rx.webhook({ type: "broadcast", message: { broadcast: { id: 990001, status: "finished" } } })).status, 204);
  assert.equal((await rx.stream(880001)).broadcasts[0].status, "finished");

  // A recording's video webhook teaches the directory video -> stream; `video_delete` has no stream_id.
  assert.equal((await rx.webhook({ type: "video", message: { video: { id: 770001, stream_id: 880001, status: "pending" } } })).status, 204);
  let del;
  for (let i = 0; i < 50; i++) {
    // the link is written off the reply path (ctx.waitUntil): parked if it is not there yet
    if ((await rx.call("GET", `/links/videos/770001?token=${SECRET}`)).body.stream_ids.length) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  del = await rx.webhook({ type: "video_delete", message: { video: { id: 770001, status: "pending", deleted_at: "2026-01-01T00:00:00.000Z" } } });
  assert.equal(del.status, 204);
  v = await rx.stream(880001);
  assert.equal(v.videos[0].deleted, true);
});

test("worker: state survives a restart of workerd (Durable Object storage)", { timeout: 60_000 }, async () => {
  const w = await startWorker({ keepState: true, vars: { ALLOW_IPS: "off" } });
  const r = receiver(w.url);
  try {
    for (const live of [true, false, true]) assert.equal((await r.webhook({ type: "stream", message: { stream: { id: 660001, live } } })).status, 204);
    const before = await r.stream(660001);
    await w.stop();
    const w2 = await startWorker({ port: w.port, state: w.state, vars: { ALLOW_IPS: "off" } });
    try {
      const after = await receiver(w2.url).stream(660001);
      assert.deepEqual(after, before);
      assert.deepEqual(after.events, { received: 3, applied: 3, duplicate: 0, stale: 0, ignored: 0 });
    } finally {
      await w2.stop();
    }
  } finally {
    await w.stop();
    w.cleanup();
  }
});
