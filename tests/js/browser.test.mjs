// Browser shell: runs every shared case in headless Chromium against the installed package.
import { test } from "node:test";
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

test("shared cases in headless Chromium", { timeout: 300_000 }, async (t) => {
  const server = await serve({ mounts: { "/pkg": pkgDir, "/tests": testsDir } });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic"],
  });
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
