// The package's per-runtime entries, each loaded by its real runtime: Deno and workerd (Node is the
// shared-cases shell). Run from a project where the packed tarball is installed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, symlinkSync, existsSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const here = new URL(".", import.meta.url).pathname;
const bin = (name) => `${process.env.GS_REPO}/node_modules/.bin/${name}`;
const version = JSON.parse(readFileSync(require.resolve("gcore-streaming/package.json"), "utf8")).version;

test("deno: the deno entry loads with no permissions", { timeout: 60_000 }, () => {
  const out = execFileSync(bin("deno"), ["run", "--quiet", "--no-prompt", `${here}/deno-check.mjs`], {
    env: { ...process.env, DENO_NO_UPDATE_CHECK: "1" },
    encoding: "utf8",
  });
  assert.deepEqual(JSON.parse(out.trim()), { runtime: "deno", version });
});

test("workerd: wrangler bundles the workerd entry and workerd runs it", { timeout: 120_000 }, async () => {
  const dir = `${here}/worker`;
  if (!existsSync(`${dir}/node_modules`)) symlinkSync(`${here}/../../node_modules`, `${dir}/node_modules`);
  execFileSync(bin("wrangler"), ["deploy", "--dry-run", "--outdir", "dist"], {
    cwd: dir,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
    stdio: "pipe",
  });
  const wasm = readdirSync(`${dir}/dist`).filter((f) => f.endsWith(".wasm"));
  assert.ok(wasm.length >= 1, "the .wasm is bundled as its own module");
  const { Miniflare } = await import(require.resolve("miniflare", { paths: [`${process.env.GS_REPO}/node_modules`] }));
  const mf = new Miniflare({
    modules: true,
    scriptPath: `${dir}/dist/index.js`,
    modulesRoot: `${dir}/dist`,
    modulesRules: [
      { type: "ESModule", include: ["**/*.js"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2026-04-01",
    cf: false,
  });
  try {
    const res = await mf.dispatchFetch("http://worker/");
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { runtime: "workerd", versions: [version, version, version] });
  } finally {
    await mf.dispose();
  }
});
