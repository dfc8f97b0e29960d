// gcore-streaming/upload in Node against a real TUS server (@tus/server on 127.0.0.1): chunks and
// progress, a connection dropped mid-upload, abort and resume, a refused token, bad parameters, and
// the fetch-based HTTP stack.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { uploadVideo, StreamingError } from "gcore-streaming/upload";
import { startTusServer } from "./tus-server.mjs";

const TOKEN = "good-token";
let tus;
before(async () => {
  tus = await startTusServer({ token: TOKEN, videoId: 17 });
});
after(() => tus.close());

const params = (token = TOKEN) => ({ servers: [{ id: 1, hostname: "unused.example" }], token, video: { id: 17, name: "clip.mp4", client_id: 100 } });

/** An in-memory tus-js-client URL storage (browsers have localStorage; Node has none by default). */
function memoryStorage() {
  const entries = new Map();
  let n = 0;
  return {
    entries,
    async findAllUploads() {
      return [...entries.values()];
    },
    async findUploadsByFingerprint(fp) {
      return [...entries.entries()].filter(([k]) => k.startsWith(`${fp}::`)).map(([k, v]) => ({ ...v, urlStorageKey: k }));
    },
    async removeUpload(key) {
      entries.delete(key);
    },
    async addUpload(fp, upload) {
      const key = `${fp}::${n++}`;
      entries.set(key, upload);
      return key;
    },
  };
}

const stored = (bytes) => Object.values(tus.files()).some((b) => b.equals(bytes));

test("a multi-chunk upload reports progress and stores the file", async () => {
  const bytes = randomBytes(300 * 1024);
  const progress = [];
  const r = await uploadVideo(bytes, params(), {
    endpoint: tus.endpoint,
    chunkSize: 64 * 1024,
    onProgress: (sent, total) => progress.push([sent, total]),
  });
  assert.equal(r.video_id, 17);
  assert.equal(r.size, bytes.length);
  assert.match(r.url, /^http:\/\/127\.0\.0\.1:\d+\/upload\/\w+/);
  assert.ok(stored(bytes), "the server holds the same bytes");
  assert.ok(progress.length >= 5, `progress events: ${progress.length}`);
  assert.ok(progress.every(([, total]) => total === bytes.length));
  assert.ok(progress.every(([s], i) => i === 0 || s >= progress[i - 1][0]), "progress never goes back");
  assert.deepEqual(progress.at(-1), [bytes.length, bytes.length]);
  const patches = tus.log.filter((e) => e.method === "PATCH" && r.url.endsWith(e.url.split("/").pop()));
  assert.equal(patches.length, 5, "300 KiB in 64 KiB chunks");
});

test("a connection dropped mid-upload is retried from the server's offset", async () => {
  const bytes = randomBytes(256 * 1024);
  const before = tus.log.length;
  tus.dropPatch(3, 32 * 1024); // the third 64 KiB chunk loses its connection half-way
  const r = await uploadVideo(bytes, params(), { endpoint: tus.endpoint, chunkSize: 64 * 1024, retryDelays: [50, 100, 200] });
  assert.ok(stored(bytes));
  const log = tus.log.slice(before);
  assert.ok(log.some((e) => e.method === "HEAD"), "asked the server for its offset");
  const offsets = log.filter((e) => e.method === "PATCH").map((e) => Number(e.offset) / 1024);
  assert.deepEqual(offsets.slice(0, 3), [0, 64, 128]);
  const head = log.findIndex((e) => e.method === "HEAD");
  const resumed = Number(log.slice(head).find((e) => e.method === "PATCH").offset) / 1024;
  assert.ok(resumed >= 128, `after the drop the upload went on from the server's offset (PATCH offsets in KiB: ${offsets.join(", ")})`);
  assert.equal(r.size, bytes.length);
});

test("abort rejects with `aborted`; the next call with the same file resumes where it stopped", async () => {
  const bytes = randomBytes(512 * 1024);
  const urlStorage = memoryStorage();
  const ctl = new AbortController();
  let err;
  try {
    await uploadVideo(bytes, params(), {
      endpoint: tus.endpoint,
      chunkSize: 64 * 1024,
      urlStorage,
      signal: ctl.signal,
      onProgress: (sent) => sent >= 128 * 1024 && ctl.abort(),
    });
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof StreamingError);
  assert.equal(err.code, "aborted");
  assert.equal(urlStorage.entries.size, 1, "the upload's URL was kept for resuming");
  const before = tus.log.length;
  let first;
  await uploadVideo(bytes, params(), {
    endpoint: tus.endpoint,
    chunkSize: 64 * 1024,
    urlStorage,
    onProgress: (sent) => (first ??= sent),
  });
  const log = tus.log.slice(before);
  assert.equal(log[0].method, "HEAD", "resumed: no new upload was created");
  assert.ok(!log.some((e) => e.method === "POST"));
  assert.ok(Number(log.find((e) => e.method === "PATCH").offset) >= 128 * 1024);
  assert.ok(stored(bytes));
  assert.equal(urlStorage.entries.size, 0, "forgotten once finished");
});

test("an aborted signal rejects at once; a refused token rejects with `token_rejected`", async () => {
  const ctl = new AbortController();
  ctl.abort();
  await assert.rejects(uploadVideo(randomBytes(10), params(), { endpoint: tus.endpoint, signal: ctl.signal }), { code: "aborted" });
  let err;
  try {
    await uploadVideo(randomBytes(1000), params("expired-token"), { endpoint: tus.endpoint });
  } catch (e) {
    err = e;
  }
  assert.equal(err?.name, "StreamingError");
  assert.equal(err.code, "token_rejected");
  assert.equal(err.status, 403);
  assert.match(err.message, /upload of video 17: the upload server refused the token \(HTTP 403\)/);
  assert.ok(!err.message.includes("expired-token"), "the token is not in the message");
});

test("a server refusal other than the token's, and a server that is not there", async () => {
  const wrong = { ...params(), video: { id: 18 } };
  await assert.rejects(uploadVideo(randomBytes(100), wrong, { endpoint: tus.endpoint }), (e) => {
    assert.equal(e.code, "upload_refused");
    assert.equal(e.status, 400);
    return true;
  });
  await assert.rejects(
    uploadVideo(randomBytes(100), params(), { endpoint: "http://127.0.0.1:9/upload/", retryDelays: [] }),
    { name: "StreamingError", code: "network" },
  );
});

test("bad parameters are named by their path", async () => {
  const cases = [
    [null, "params"],
    [{ ...params(), token: "" }, "params.token"],
    [{ ...params(), video: { id: 0 } }, "params.video.id"],
    [{ ...params(), servers: [] }, "params.servers[0].hostname"],
  ];
  for (const [p, path] of cases) {
    await assert.rejects(uploadVideo(randomBytes(1), p), { name: "StreamingError", code: "invalid_params", path });
  }
  await assert.rejects(uploadVideo(42, params(), { endpoint: tus.endpoint }), { code: "invalid_params", path: "file" });
});

test("uploads through a given fetch (the HTTP stack the embedded sandbox uses)", async () => {
  const bytes = randomBytes(200 * 1024);
  const seen = [];
  const progress = [];
  const r = await uploadVideo(new Uint8Array(bytes), params(), {
    endpoint: tus.endpoint,
    chunkSize: 80 * 1024,
    fetch: (url, init) => (seen.push(init.method), fetch(url, init)),
    onProgress: (sent) => progress.push(sent),
  });
  assert.deepEqual(seen, ["POST", "PATCH", "PATCH", "PATCH"]);
  assert.ok(progress.every((s, i) => i === 0 || s >= progress[i - 1]), "progress never goes back");
  for (const end of [80 * 1024, 160 * 1024, 200 * 1024]) assert.ok(progress.includes(end), `progress at the end of each chunk (${end})`);
  assert.equal(progress.at(-1), bytes.length);
  assert.ok(stored(bytes));
  assert.equal(r.size, bytes.length);
});

test("require() gives the same upload entry", async () => {
  const { createRequire } = await import("node:module");
  const cjs = createRequire(import.meta.url)("gcore-streaming/upload");
  assert.equal(typeof cjs.uploadVideo, "function");
  const bytes = randomBytes(1000);
  await cjs.uploadVideo(bytes, params(), { endpoint: tus.endpoint });
  assert.ok(stored(bytes));
});
