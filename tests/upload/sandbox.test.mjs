// The direct-upload flow offline: `client.videos.createDirectUpload` then `uploadVideo` against the
// sandbox's upload server (tus), on the sandbox server (127.0.0.1, GS_SANDBOX_URL) and on the embedded
// sandbox's `fetch`; the video's webhooks (empty, pending, viewable, ready) in order, each one taken by
// the strict validator and the tracker. tus-js-client itself (no wrapper) talks to the sandbox too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { createServer, connect } from "node:net";
import { createRequire } from "node:module";
import { StreamingClient, parseWebhook, WebhookTracker } from "gcore-streaming";
import { Sandbox } from "gcore-streaming/sandbox";
import { uploadVideo } from "gcore-streaming/upload";

const SANDBOX = process.env.GS_SANDBOX_URL;
const KEY = "29841_c767upload";
const CONFIG = { viewable: 3000, ready: 6000 }; // the sandbox's defaults (docs/sandbox.md)

const control = async (path, init) => {
  const res = await fetch(`${SANDBOX}/_sandbox/${path}`, { method: "POST", ...init });
  assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
  return res.json();
};
const recorded = async () => (await (await fetch(`${SANDBOX}/_sandbox/webhooks`)).json()).map((r) => r.payload);

/** The `video` webhooks of video `id`: their statuses, each validated and tracked on the way. */
function statuses(payloads, id, tracker) {
  const out = [];
  for (const p of payloads) {
    if (p.type !== "video" || p.message.video.id !== id) continue;
    const event = parseWebhook(JSON.stringify(p));
    tracker?.apply(event, 0);
    out.push(p.message.video.status);
  }
  return out;
}

test("sandbox server: createDirectUpload, uploadVideo in chunks with progress, then processing", { skip: !SANDBOX && "GS_SANDBOX_URL is not set" }, async () => {
  const client = new StreamingClient({ apiKey: KEY, baseUrl: SANDBOX });
  const params = await client.videos.createDirectUpload({ name: "holiday.mp4", description: "the beach" });
  const { id } = params.video;
  assert.equal(params.video.status, "empty");
  assert.equal(params.video.name, "holiday.mp4");
  assert.equal(params.servers[0].hostname, new URL(SANDBOX).host, "the sandbox server is the upload server");
  assert.match(params.token, /^[0-9a-f]{32}$/);

  const bytes = randomBytes(300 * 1024);
  const progress = [];
  const r = await uploadVideo(bytes, params, { chunkSize: 64 * 1024, onProgress: (sent, total) => progress.push([sent, total]) });
  assert.deepEqual([r.video_id, r.size], [id, bytes.length]);
  assert.match(r.url, new RegExp(`^${SANDBOX}/upload/[0-9a-f]{32}$`));
  assert.ok(progress.length >= 5, `progress events: ${progress.length}`);
  assert.deepEqual(progress.at(-1), [bytes.length, bytes.length]);

  const video = await client.getVideo(id);
  assert.equal(video.status, "pending");
  assert.equal(video.origin_size, bytes.length);
  await control(`advance?ms=${CONFIG.ready}`);
  const tracker = new WebhookTracker();
  assert.deepEqual(statuses(await recorded(), id, tracker), ["empty", "pending", "viewable", "ready"]);
  assert.equal(tracker.video(id)?.status, "ready", "the tracker folded the four webhooks");
  assert.equal((await client.getVideo(id)).status, "ready");
});

test("sandbox server: tus-js-client itself, with Gcore's metadata; a refused token; a dropped connection resumed", { skip: !SANDBOX && "GS_SANDBOX_URL is not set" }, async () => {
  const client = new StreamingClient({ apiKey: KEY, baseUrl: SANDBOX });
  const data = await client.videos.createDirectUpload({ name: "raw-tus.mp4" });
  // As Gcore's API reference shows it (tus-js-client 2.x, the metadata filename/token/video_id/client_id).
  const tus = createRequire(import.meta.url)("tus-js-client");
  const bytes = randomBytes(100 * 1024);
  const url = await new Promise((resolve, reject) => {
    const upload = new tus.Upload(bytes, {
      endpoint: `http://${data.servers[0].hostname}/upload/`,
      chunkSize: 40 * 1024,
      metadata: { filename: data.video.name, token: data.token, video_id: data.video.id, client_id: data.video.client_id },
      onSuccess: () => resolve(upload.url),
      onError: reject,
    });
    upload.start();
  });
  const head = await fetch(url, { method: "HEAD", headers: { "Tus-Resumable": "1.0.0" } });
  assert.equal(head.headers.get("upload-offset"), String(bytes.length));
  assert.equal((await client.getVideo(data.video.id)).status, "pending");

  // A token of another video: refused, and the message does not carry it.
  const other = await client.videos.createDirectUpload({ name: "other.mp4" });
  const forged = { ...other, token: data.token };
  await assert.rejects(uploadVideo(randomBytes(10), forged), (e) => {
    assert.deepEqual([e.name, e.code, e.status], ["StreamingError", "token_rejected", 401]);
    assert.ok(!e.message.includes(data.token));
    return true;
  });

  // The connection killed half-way through the third chunk (a proxy in front of the server): the
  // upload asks the server for its offset and goes on from there.
  const target = new URL(SANDBOX);
  let killed = 0;
  const sockets = new Set();
  const proxy = createServer((down) => {
    const up = connect(Number(target.port), target.hostname);
    sockets.add(down).add(up);
    let sent = 0;
    down.on("data", (chunk) => {
      sent += chunk.length;
      if (killed === 0 && sent > 150 * 1024) {
        killed++;
        down.destroy();
        up.destroy();
        return;
      }
      up.write(chunk);
    });
    up.on("data", (chunk) => down.write(chunk));
    up.on("error", () => down.destroy());
    down.on("error", () => up.destroy());
    up.on("close", () => down.destroy());
  });
  await new Promise((r) => proxy.listen(0, "127.0.0.1", r));
  try {
    const big = randomBytes(256 * 1024);
    const done = await uploadVideo(big, other, {
      endpoint: `http://127.0.0.1:${proxy.address().port}/upload/`,
      chunkSize: 64 * 1024,
      retryDelays: [50, 100, 200],
    });
    assert.equal(killed, 1, "the proxy dropped one connection");
    assert.equal(done.size, big.length);
    const v = await client.getVideo(other.video.id);
    assert.deepEqual([v.status, v.origin_size], ["pending", big.length]);
  } finally {
    proxy.close();
    for (const s of sockets) s.destroy(); // the client's kept-alive connections
  }
});

test("embedded sandbox: the whole flow over sandbox.fetch, the webhooks in order on the sandbox clock", async () => {
  const sandbox = new Sandbox({ apiKey: KEY });
  const hooks = [];
  sandbox.onWebhook((payload) => hooks.push(payload));
  const client = new StreamingClient({ apiKey: KEY, fetch: sandbox.fetch });
  const params = await client.videos.createDirectUpload({ name: "offline.mp4" });
  const { id } = params.video;
  assert.equal(params.video.status, "empty");

  const bytes = randomBytes(200 * 1024);
  const progress = [];
  const r = await uploadVideo(bytes, params, { fetch: sandbox.fetch, chunkSize: 50 * 1024, onProgress: (s) => progress.push(s) });
  assert.deepEqual([r.video_id, r.size], [id, bytes.length]);
  // Through a fetch, progress comes per chunk: the end of each of the four.
  assert.deepEqual([...new Set(progress)], [0, 51200, 102400, 153600, 204800]);
  const tracker = new WebhookTracker();
  assert.deepEqual(statuses(hooks, id, tracker), ["empty", "pending"]);
  sandbox.advance(CONFIG.viewable - 1);
  assert.deepEqual(statuses(hooks, id), ["empty", "pending"], "nothing before the configured delay");
  sandbox.advance(1);
  sandbox.advance(CONFIG.ready - CONFIG.viewable);
  assert.deepEqual(statuses(hooks.slice(2), id, tracker), ["viewable", "ready"]);
  assert.equal(tracker.video(id)?.status, "ready");
  const video = await client.getVideo(id);
  assert.deepEqual([video.status, video.origin_size], ["ready", bytes.length]);
  assert.ok(video.converted_videos.every((c) => c.status === "complete"));

  // The same file begun for one video and aborted, then sent for another: the second upload does not
  // resume the first video's (its own goes through), and the first one resumes later where it stopped.
  const stored = new Map();
  let n = 0;
  const urlStorage = {
    findAllUploads: async () => [...stored.values()],
    findUploadsByFingerprint: async (fp) => [...stored].filter(([k]) => k.startsWith(`${fp}::`)).map(([k, v]) => ({ ...v, urlStorageKey: k })),
    removeUpload: async (k) => void stored.delete(k),
    addUpload: async (fp, u) => (stored.set(`${fp}::${n}`, u), `${fp}::${n++}`),
  };
  const file = randomBytes(120 * 1024);
  const first = await client.videos.createDirectUpload({ name: "same.mp4" });
  const ctl = new AbortController();
  await assert.rejects(
    uploadVideo(file, first, { fetch: sandbox.fetch, chunkSize: 40 * 1024, urlStorage, signal: ctl.signal, onProgress: (s) => s >= 40 * 1024 && ctl.abort() }),
    { code: "aborted" },
  );
  const second = await client.videos.createDirectUpload({ name: "same.mp4" });
  const sent = [];
  await uploadVideo(file, second, { fetch: (u, i) => (sent.push(i.method), sandbox.fetch(u, i)), chunkSize: 40 * 1024, urlStorage });
  assert.equal(sent[0], "POST", "a new upload for the second video, not the first video's resumed");
  assert.equal((await client.getVideo(second.video.id)).status, "pending");
  assert.equal((await client.getVideo(first.video.id)).status, "empty");
  sent.length = 0;
  await uploadVideo(file, first, { fetch: (u, i) => (sent.push(i.method), sandbox.fetch(u, i)), chunkSize: 40 * 1024, urlStorage });
  assert.deepEqual(sent, ["HEAD", "PATCH", "PATCH"], "the first video's upload resumed after its first chunk");
  assert.equal((await client.getVideo(first.video.id)).status, "pending");

  // A blank name is the platform's 422; the error names the field.
  await assert.rejects(client.videos.createDirectUpload({ name: " " }), (e) => {
    assert.deepEqual([e.name, e.code, e.status], ["ApiError", "validation_failed", 422]);
    assert.deepEqual(e.fields, { name: ["can't be blank"] });
    return true;
  });
  await assert.rejects(client.videos.createDirectUpload(null), { code: "invalid_params", path: "video" });
  sandbox.close();
});
