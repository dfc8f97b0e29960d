// Browser shell: runs every shared case in headless Chromium against the installed package.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { dirname } from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { serve } from "../../scripts/serve.mjs";

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve("gcore-streaming/package.json"));
const testsDir = new URL("..", import.meta.url).pathname;
const only = process.env.GS_CASES?.split(",");
const files = readdirSync(new URL("cases/", import.meta.url))
  .filter((f) => f.endsWith(".mjs") && (!only || only.includes(f)))
  .sort();

/** Headless Chromium (Debian's), as root. */
const launch = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic"],
  });

test("shared cases in headless Chromium", { timeout: 300_000 }, async (t) => {
  const server = await serve({ mounts: { "/pkg": pkgDir, "/tests": testsDir } });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const pageErrors = [];
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    const q = new URLSearchParams({ cases: files.join(",") });
    if (process.env.GS_SANDBOX_URL) q.set("sandboxUrl", process.env.GS_SANDBOX_URL);
    if (process.env.GS_TEST_SERVER) q.set("testServerUrl", process.env.GS_TEST_SERVER);
    const { port } = server.address();
    await page.goto(`http://127.0.0.1:${port}/tests/js/browser.html?${q}`);
    await page.waitForSelector("body[data-done='1']", { state: "attached", timeout: 280_000 });
    const results = await page.evaluate(() => window.__results);
    for (const r of results) {
      await t.test(r.name, () => {
        if (!r.ok) throw new Error(r.error);
      });
    }
    await t.test("no uncaught page errors", () => {
      if (pageErrors.length) throw new Error(pageErrors.join("\n"));
    });
  } finally {
    await browser.close();
    server.close();
  }
});

test("browser entry before and after init(): a clear error, then a URL or the embedded module", { timeout: 120_000 }, async () => {
  const server = await serve({ mounts: { "/pkg": pkgDir, "/tests": testsDir } });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const { port } = server.address();
    // A page that loads nothing of the package.
    await page.goto(`http://127.0.0.1:${port}/pkg/package.json`);
    const got = await page.evaluate(async () => {
      const out = {};
      const caught = async (f) => {
        try {
          await f();
          return null;
        } catch (e) {
          return { name: e.name, code: e.code, message: e.message };
        }
      };
      const sandbox = await import("/pkg/sandbox.browser.js");
      out.before = await caught(() => new sandbox.Sandbox());
      out.html = await caught(() => sandbox.init("/tests/js/browser.html"));
      out.missing = await caught(() => sandbox.init(new URL("/pkg/no-such.wasm", location.href)));
      out.stillBefore = await caught(() => sandbox.version());
      await sandbox.init("/pkg/gcore-streaming-sandbox.wasm");
      out.version = sandbox.version();
      const s = new sandbox.Sandbox({ apiKey: "k" });
      out.status = (await s.fetch("https://api.gcore.com/streaming/streams", { headers: { authorization: "APIKey k" } })).status;
      s.free();
      const webhook = await import("/pkg/webhook.browser.js");
      const [a, b] = await Promise.all([webhook.init(), webhook.init()]);
      out.same = a === b;
      out.parsed = webhook.parseWebhook('{"type":"stream","message":{"stream":{"id":1,"live":true}}}').type;
      return out;
    });
    assert.equal(got.before?.name, "StreamingError");
    assert.equal(got.before?.code, "not_initialized");
    assert.match(got.before?.message, /gcore-streaming\/sandbox: the WebAssembly module is not loaded yet: call `await init\(\)`/);
    assert.equal(got.html?.code, "invalid_wasm");
    assert.match(got.html?.message, /browser\.html is not WebAssembly \(text\/html[^)]*\): a wrong URL, or an HTML page/);
    assert.equal(got.missing?.code, "invalid_wasm");
    assert.match(got.missing?.message, /no-such\.wasm answered HTTP 404/);
    assert.equal(got.stillBefore?.code, "not_initialized");
    assert.match(got.version, /^\d+\.\d+\.\d+/);
    assert.equal(got.status, 200);
    assert.equal(got.same, true);
    assert.equal(got.parsed, "stream");
  } finally {
    await browser.close();
    server.close();
  }
});
