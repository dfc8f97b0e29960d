// End-to-end test of the demo page (www/) in headless Chromium (Debian's), driven by playwright-core.
//
// Serves www/ with the built package mounted at /pkg, starts the sandbox server binary on a free port,
// and walks the integration guide in the embedded mode and in the local-server mode; also the
// interruption case and the error display. Screenshots go to target/artifacts/.
//
//   make test-e2e        (builds pkg/ and the sandbox binary first)
//   UPDATE_DEMO_PNG=1 make test-e2e   also refreshes docs/demo.png (the README screenshot)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, copyFileSync } from "node:fs";
import { createServer } from "node:net";
import { chromium } from "playwright-core";
import { serve } from "../../scripts/serve.mjs";
import { bundleUpload } from "../../scripts/bundle-upload.mjs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";

const root = new URL("../../", import.meta.url).pathname;
const artifacts = `${root}target/artifacts`;
const sandboxBin = `${root}target/release/gcore-streaming-sandbox`;
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--disable-sync", "--no-first-run", "--disable-quic"];
const WIDE = { width: 1440, height: 1000 };

let web; // static server
let base; // its URL
let sandbox; // { proc, url }
let browser;

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

async function waitForHealth(url, ms) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(`${url}/_sandbox/health`, { signal: AbortSignal.timeout(1000) });
      if (r.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > end) throw new Error(`the sandbox server at ${url} did not come up within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

before(async () => {
  assert.ok(existsSync(`${root}pkg/main.browser.js`), "pkg/ is not built: run `make pkg` (make test-e2e does)");
  assert.ok(existsSync(sandboxBin), "the sandbox binary is not built: cargo build --release --bin gcore-streaming-sandbox");
  mkdirSync(artifacts, { recursive: true });
  // The upload section's bundle, as make demo writes it to www/vendor/.
  const vendor = mkdtempSync(`${tmpdir()}/gs-demo-vendor-`);
  await bundleUpload(`${vendor}/upload.js`);
  web = await serve({ mounts: { "/": `${root}www`, "/pkg": `${root}pkg`, "/vendor": vendor } });
  base = `http://127.0.0.1:${web.address().port}/`;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = spawn(sandboxBin, ["--listen", `127.0.0.1:${port}`, "--quiet"], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  proc.stderr.on("data", (d) => (stderr += d));
  sandbox = { proc, url };
  await waitForHealth(url, 10_000).catch((e) => {
    throw new Error(`${e.message}\n${stderr}`);
  });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  sandbox?.proc.kill();
  web?.close();
});

/** A page that fails the test on any uncaught error or console error (unless `allow` matches it). */
async function openPage(query = "", { viewport = WIDE, allow = null } = {}) {
  const page = await browser.newPage({ viewport });
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !(allow && allow.test(m.text()))) problems.push(`console.error: ${m.text()}`);
  });
  page.setDefaultTimeout(30_000);
  await page.goto(`${base}${query}`);
  await page.waitForSelector("body[data-ready='1']", { state: "attached", timeout: 20_000 });
  return { page, problems };
}

const stepState = (page, n) => page.getAttribute(`[data-step="${n}"]`, "data-step-state");

async function assertWholeGuide(page) {
  await page.waitForSelector("body[data-env-ready='1']", { state: "attached", timeout: 10_000 });
  await page.click("#run-all");
  await page.waitForSelector('[data-step="19"][data-step-state="done"]', { state: "attached", timeout: 90_000 });
  const states = await page.$$eval("[data-step]", (els) => els.map((e) => e.dataset.stepState));
  assert.deepEqual(states, Array(19).fill("done"), "every step is done");
  // The stage indicator passed Setup → Test → Live → Stop, and ends Done.
  const seen = (await page.getAttribute("#stagebar", "data-seen")).split(" ");
  const order = ["setup", "test", "live", "stop"].map((s) => seen.indexOf(s));
  assert.ok(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1])), `stages seen in order: ${seen.join(" ")}`);
  await page.waitForSelector('#stagebar[data-stage="done"]', { state: "attached", timeout: 5_000 });
  // The video ends ready, its four renditions complete, and its details are shown.
  assert.equal(await page.getAttribute("body", "data-video-status"), "ready");
  assert.equal(await page.locator('.video[data-current="true"][data-video-status="ready"]').count(), 1);
  assert.equal(await page.locator('.video[data-current="true"] .renditions li[data-status="complete"]').count(), 4);
  await page.waitForSelector("#video-details");
  await page.waitForSelector('#stream-state[data-live="false"][data-active="false"]', { state: "attached", timeout: 5_000 });
  // Nine webhooks (steps 4, 6, 8, 10, 11, 13, 15, 17, 18), each valid and matched to its step.
  const steps = await page.$$eval("#timeline .tl-step", (els) => els.map((e) => e.textContent).reverse());
  assert.deepEqual(steps, [4, 6, 8, 10, 11, 13, 15, 17, 18].map((n) => `step ${n}`));
  assert.equal(await page.locator("#timeline .tl.invalid").count(), 0);
  assert.equal(await page.isHidden("#suggestion"), true, "no interruption suggestion in a normal run");
  assert.equal(await page.isHidden("#error"), true, "no error shown");
  // Each call step shows its request and response.
  await page.click('[data-step="1"] details.io summary');
  assert.match(await page.textContent('[data-step="1"] details.io'), /"transcoding_region": "ix1"/);
}

test("embedded mode: Run all walks the 19 steps; the video ends ready", { timeout: 120_000 }, async () => {
  const { page, problems } = await openPage("?mode=embedded&speed=2");
  try {
    await assertWholeGuide(page);
    await page.screenshot({ path: `${artifacts}/demo-embedded.png` });
    await page.screenshot({ path: `${artifacts}/demo-embedded-full.png`, fullPage: true });
    await page.setViewportSize({ width: 1440, height: 1440 });
    await page.screenshot({ path: `${artifacts}/demo-readme.png` });
    if (process.env.UPDATE_DEMO_PNG) copyFileSync(`${artifacts}/demo-readme.png`, `${root}docs/demo.png`);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("local-server mode: Run all over HTTP, webhooks through the event stream", { timeout: 120_000 }, async () => {
  const { page, problems } = await openPage(`?mode=server&server=${encodeURIComponent(sandbox.url)}`);
  try {
    await page.waitForSelector('#server-status[data-state="ok"]');
    await assertWholeGuide(page);
    await page.screenshot({ path: `${artifacts}/demo-server.png` });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("real-API mode (pointed at the sandbox server): polling feeds the tracker; the guide completes", { timeout: 180_000 }, async () => {
  const { page, problems } = await openPage("?mode=api");
  try {
    assert.match(await page.textContent("[data-mode-panel='api'] .warning"), /A key in a web page is exposed/);
    await page.fill("#api-base", sandbox.url);
    await page.fill("#api-key", "demo-key");
    await page.click("#api-apply");
    await page.waitForSelector("body[data-env-ready='1']", { state: "attached" });
    assert.equal(await page.isDisabled("#sc-interrupt"), true, "no simulated publisher on the real platform");
    await page.click("#run-all");
    await page.waitForSelector('[data-step="19"][data-step-state="done"]', { state: "attached", timeout: 150_000 });
    const seen = (await page.getAttribute("#stagebar", "data-seen")).split(" ");
    for (const s of ["setup", "test", "live", "stop"]) assert.ok(seen.includes(s), `stage ${s} seen: ${seen.join(" ")}`);
    assert.equal(await page.getAttribute("body", "data-video-status"), "ready");
    await page.waitForSelector('#stream-state[data-live="false"][data-active="false"]');
    assert.ok((await page.locator("#timeline .tl-type", { hasText: "poll" }).count()) > 0, "changes seen by polling");
    await page.screenshot({ path: `${artifacts}/demo-api.png` });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

async function runTo(page, last) {
  for (const n of [1, 2, 3, 5, 7].filter((n) => n <= last)) {
    await page.click(`[data-run="${n}"]:not([disabled])`);
    await page.waitForSelector(`[data-step="${n}"][data-step-state="done"]`, { state: "attached" });
  }
}

for (const mode of ["embedded", "server"]) {
  test(`${mode} mode: an interruption shows the pause/stop suggestion, which the page applies`, { timeout: 150_000 }, async () => {
    const q = mode === "server" ? `?mode=server&server=${encodeURIComponent(sandbox.url)}` : "?mode=embedded&speed=5";
    const { page, problems } = await openPage(q);
    try {
      await page.waitForSelector("body[data-env-ready='1']", { state: "attached" });
      await runTo(page, 7);
      await page.waitForSelector('[data-step="8"][data-step-state="done"]', { state: "attached" });
      await page.waitForSelector('#stream-state[data-recording="true"]');
      // The publisher drops: a live:false webhook nobody asked for.
      await page.click("#sc-interrupt:not([disabled])");
      await page.waitForSelector('#suggestion[data-kind="interruption"]');
      const ops = await page.$$eval("#suggestion-actions li", (els) => els.map((e) => e.dataset.operation));
      assert.deepEqual(ops, ["get_stream", "update_broadcast", "stop_recording"]);
      assert.match(await page.textContent("#suggestion"), /"paused"/);
      assert.equal(await page.locator(".tl.interruption").count(), 1);
      await page.screenshot({ path: `${artifacts}/demo-interruption-${mode}.png` });
      // Act on it: check the stream, pause the broadcast, close the recording.
      await page.click("#suggestion-apply");
      await page.waitForSelector('#broadcast-state[data-broadcast-status="paused"]');
      await page.waitForSelector("#suggestion", { state: "hidden" });
      assert.equal(await page.getAttribute("body", "data-suggestion-applied"), "interruption");
      assert.equal(await page.getAttribute("#stream-state", "data-recording"), "false");
      // The publisher comes back: the tracker suggests going live again, then recording again.
      await page.click("#sc-reconnect:not([disabled])");
      await page.waitForSelector('#stream-state[data-live="true"]');
      for (const op of ["update_broadcast", "start_recording"]) {
        await page.waitForSelector(`#suggestion li[data-operation="${op}"]`);
        await page.click("#suggestion-apply:not([disabled])");
        await page.waitForSelector(`#suggestion li[data-operation="${op}"]`, { state: "detached" });
      }
      await page.waitForSelector('#stream-state[data-recording="true"]');
      await page.waitForSelector('#broadcast-state[data-broadcast-status="live"]');
      // Then the guide goes on to the end: two recordings, the second one ready.
      await page.click("#run-all");
      await page.waitForSelector('[data-step="19"][data-step-state="done"]', { state: "attached", timeout: 90_000 });
      assert.equal(await page.locator(".video").count(), 2, "one interruption, two videos");
      assert.equal(await page.getAttribute("body", "data-video-status"), "ready");
      assert.equal(await page.isHidden("#error"), true);
      await page.screenshot({ path: `${artifacts}/demo-interruption-${mode}-end.png`, fullPage: true });
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
}

test("special cases: reuse the stream in another region, then delete it and its videos", { timeout: 120_000 }, async () => {
  const { page, problems } = await openPage("?mode=embedded&speed=5");
  try {
    await assertWholeGuide(page);
    await page.click("#sc-reuse:not([disabled])");
    await page.waitForSelector('[data-step="2"][data-step-state="waiting"]', { state: "attached" });
    assert.equal(await stepState(page, 1), "done");
    assert.match(await page.textContent("#stream-state"), /vp-push-dt1\.gvideo\.co/);
    assert.match(await page.textContent("#special-log"), /transcoding_region/);
    await page.click("#run-all");
    await page.waitForSelector('[data-step="19"][data-step-state="done"]', { state: "attached", timeout: 90_000 });
    assert.equal(await page.locator(".video").count(), 2);
    await page.click("#sc-delete:not([disabled])");
    await page.waitForSelector('[data-step="1"][data-step-state="waiting"]', { state: "attached" });
    const log = await page.textContent("#special-log");
    assert.match(log, /DELETE\s*\/streaming\/videos\/803111/);
    assert.match(log, /DELETE\s*\/streaming\/videos\/803112/);
    assert.match(log, /DELETE\s*\/streaming\/streams\/320423/);
    assert.equal(await page.locator("#timeline .tl[data-type='video_delete']").count(), 2);
    assert.equal(await page.isHidden("#error"), true);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("narrow screen: stacked layout, no horizontal scroll; keyboard reaches Run all", { timeout: 120_000 }, async () => {
  const { page, problems } = await openPage("?mode=embedded&speed=5", { viewport: { width: 390, height: 844 } });
  try {
    await page.waitForSelector("body[data-env-ready='1']", { state: "attached" });
    let reached = false;
    for (let i = 0; i < 10 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(() => document.activeElement?.id === "run-all");
    }
    assert.ok(reached, "Tab reaches the Run all button");
    await page.keyboard.press("Enter");
    await page.waitForSelector('[data-step="19"][data-step-state="done"]', { state: "attached", timeout: 90_000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal overflow (${overflow}px)`);
    await page.screenshot({ path: `${artifacts}/demo-narrow.png`, fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("errors are shown, never a blank page: an unreachable sandbox server", { timeout: 60_000 }, async () => {
  const dead = `http://127.0.0.1:${await freePort()}`;
  const { page, problems } = await openPage(`?mode=server&server=${encodeURIComponent(dead)}`, { allow: /ERR_CONNECTION_REFUSED|Failed to load resource/ });
  try {
    await page.waitForSelector("#error:not([hidden])");
    assert.match(await page.textContent("#error"), /Cannot reach the sandbox server/);
    assert.equal(await page.getAttribute("#server-status", "data-state"), "error");
    assert.equal(await page.isDisabled("#run-all"), true);
    assert.equal(await page.locator("[data-step]").count(), 19, "the steps are still drawn");
    await page.screenshot({ path: `${artifacts}/demo-error.png` });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

/** Uploads a generated 2.5 MiB "video" in the VOD section and waits for the video to be ready. */
async function assertUpload(page) {
  await page.waitForSelector("body[data-env-ready='1']", { state: "attached", timeout: 10_000 });
  const bytes = Buffer.alloc(2.5 * 1024 * 1024, 7);
  await page.setInputFiles("#vod-file", { name: "holiday.mp4", mimeType: "video/mp4", buffer: bytes });
  await page.click("#vod-upload");
  await page.waitForSelector('#vod[data-state="ready"]', { state: "attached", timeout: 60_000 });
  // The statuses in the order the platform goes through them: created, uploaded, viewable, ready.
  assert.equal(await page.getAttribute("#vod", "data-seen"), "empty pending viewable ready");
  assert.equal(await page.locator('#vod-statuses li[data-done="true"]').count(), 4);
  const [value, max] = await page.$eval("#vod-progress", (p) => [p.value, p.max]);
  assert.deepEqual([value, max], [bytes.length, bytes.length], "the progress bar reached the file's size");
  const id = await page.getAttribute("#vod", "data-video-id");
  const calls = await page.$$eval("#vod-calls li code", (els) => els.map((e) => e.textContent));
  assert.deepEqual(calls.slice(0, 2), ["POST /streaming/videos", `GET /streaming/videos/${id}/upload`]);
  // The video's webhooks reached the page's timeline and tracker like the live stream's.
  const tracked = await page.$$eval(`#timeline .tl`, (els) => els.map((e) => e.textContent).join("\n"));
  assert.match(tracked, new RegExp(`video #${id} · status: ready`));
  // The uploaded video is not the guide's recording: no step of the guide is suggested for it.
  assert.doesNotMatch(await page.textContent("#next"), /Step 19/);
}

test("VOD section, embedded mode: a file uploaded over tus in chunks, then processed to ready", { timeout: 90_000 }, async () => {
  const { page, problems } = await openPage("?mode=embedded&speed=5");
  try {
    await assertUpload(page);
    await page.screenshot({ path: `${artifacts}/demo-upload.png`, fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("VOD section, local-server mode: the sandbox server is the upload server (CORS, tus headers)", { timeout: 90_000 }, async () => {
  const { page, problems } = await openPage(`?mode=server&server=${encodeURIComponent(sandbox.url)}`);
  try {
    await page.waitForSelector('#server-status[data-state="ok"]');
    await assertUpload(page);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
