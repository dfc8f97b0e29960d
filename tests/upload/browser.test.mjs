// gcore-streaming/upload in headless Chromium against a real TUS server (@tus/server on another
// origin of 127.0.0.1, so with CORS): chunks and progress, a dropped connection, abort, a refused
// token, and an upload resumed after the page was reloaded half-way.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { serve } from "../../scripts/serve.mjs";
import { startTusServer } from "./tus-server.mjs";

const here = new URL(".", import.meta.url).pathname;
let tus, web, browser, page, webUrl;

before(async () => {
  tus = await startTusServer({ token: "good-token", videoId: 17 });
  // Bundled as an app would bundle it (esbuild, for the browser: tus-js-client's browser build).
  const out = mkdtempSync(join(tmpdir(), "gs-upload-page-"));
  const esbuild = createRequire(join(process.env.GS_REPO ?? process.cwd(), "package.json"))("esbuild");
  await esbuild.build({
    entryPoints: [join(here, "page.mjs")],
    bundle: true,
    format: "esm",
    platform: "browser",
    outfile: join(out, "page.js"),
    logLevel: "warning",
  });
  writeFileSync(join(out, "index.html"), '<!doctype html><meta charset="utf-8"><body><script type="module" src="page.js"></script>');
  web = await serve({ mounts: { "/app": out } });
  webUrl = `http://127.0.0.1:${web.address().port}/app/index.html`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  page = await browser.newPage();
  await page.goto(webUrl);
  await page.waitForSelector("body[data-ready='1']", { state: "attached" });
});
after(async () => {
  await browser?.close();
  web?.close();
  await tus?.close();
});

const params = (token = "good-token") => ({ servers: [{ id: 1, hostname: "unused.example" }], token, video: { id: 17, name: "clip.mp4" } });

test("a multi-chunk upload with progress, and a connection dropped half-way", async () => {
  tus.dropPatch(3, 16 * 1024);
  const got = await page.evaluate(async ([endpoint, params]) => {
    const progress = [];
    const r = await gsUpload(gsFile(300 * 1024, 1), params, {
      endpoint,
      chunkSize: 64 * 1024,
      retryDelays: [50, 100],
      resume: false,
      onProgress: (sent, total) => progress.push([sent, total]),
    });
    return { r, progress };
  }, [tus.endpoint, params()]);
  assert.equal(got.r.video_id, 17);
  assert.equal(got.r.size, 300 * 1024);
  assert.ok(got.progress.length >= 5);
  assert.deepEqual(got.progress.at(-1), [300 * 1024, 300 * 1024]);
  const offsets = tus.log.filter((e) => e.method === "PATCH").map((e) => Number(e.offset) / 1024);
  // The third chunk's connection drops; what the server kept of it depends on timing, so the retry
  // goes on from 128 KiB or a little after, never from the start.
  assert.deepEqual(offsets.slice(0, 3), [0, 64, 128]);
  assert.ok(offsets.length > 5, `a request was retried (PATCH offsets in KiB: ${offsets.join(", ")})`);
  assert.ok(offsets.slice(3).every((o) => o >= 128), `the retry went on from the server's offset (${offsets.join(", ")})`);
  assert.equal(tus.log.filter((e) => e.method === "POST").length, 1);
  assert.equal(Object.values(tus.files()).filter((b) => b.length === 300 * 1024).length, 1);
});

test("abort, and a refused token", async () => {
  const got = await page.evaluate(async ([endpoint, good, bad]) => {
    const out = {};
    const ctl = new AbortController();
    try {
      await gsUpload(gsFile(256 * 1024, 2), good, { endpoint, chunkSize: 32 * 1024, resume: false, signal: ctl.signal, onProgress: (s) => s >= 64 * 1024 && ctl.abort() });
    } catch (e) {
      out.abort = { name: e.name, code: e.code };
    }
    try {
      await gsUpload(gsFile(1000, 3), bad, { endpoint, resume: false });
    } catch (e) {
      out.token = { name: e.name, code: e.code, status: e.status, message: e.message };
    }
    return out;
  }, [tus.endpoint, params(), params("expired-token")]);
  assert.deepEqual(got.abort, { name: "StreamingError", code: "aborted" });
  assert.equal(got.token.code, "token_rejected");
  assert.equal(got.token.status, 403);
  assert.ok(!got.token.message.includes("expired-token"));
});

test("an upload interrupted by a page reload resumes from the server's offset", async () => {
  tus.slowPatches(100);
  const size = 1024 * 1024;
  try {
    // Start, and reload the page once 3 chunks of 64 KiB are on the server.
    await page.evaluate(([endpoint, params, size]) => new Promise((resolve) => {
      gsUpload(gsFile(size, 4, "reload.mp4"), params, { endpoint, chunkSize: 64 * 1024, onProgress: (s) => s >= 192 * 1024 && resolve() });
    }), [tus.endpoint, params(), size]);
    const posts = tus.log.filter((e) => e.method === "POST").length;
    await page.reload();
    await page.waitForSelector("body[data-ready='1']", { state: "attached" });
    const from = tus.log.length;
    tus.slowPatches(0);
    const r = await page.evaluate(([endpoint, params, size]) =>
      gsUpload(gsFile(size, 4, "reload.mp4"), params, { endpoint, chunkSize: 64 * 1024 }), [tus.endpoint, params(), size]);
    const log = tus.log.slice(from);
    assert.equal(tus.log.filter((e) => e.method === "POST").length, posts, "no new upload was created");
    assert.equal(log[0].method, "HEAD", "the reloaded page asked for the offset of the upload it had begun");
    assert.ok(Number(log.find((e) => e.method === "PATCH").offset) >= 192 * 1024);
    assert.equal(r.size, size);
    assert.equal(Object.values(tus.files()).filter((b) => b.length === size).length, 1);
  } finally {
    tus.slowPatches(0);
  }
});
