// Node shell: runs every shared case against the installed package (gcore-streaming from the tarball).
import { test } from "node:test";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as main from "gcore-streaming";
import * as webhook from "gcore-streaming/webhook";
import * as sandbox from "gcore-streaming/sandbox";
import { context, runCase } from "./harness.mjs";

const here = new URL(".", import.meta.url);
const require = createRequire(import.meta.url);
const packageJson = JSON.parse(readFileSync(require.resolve("gcore-streaming/package.json"), "utf8"));
const fixtures = process.env.GS_FIXTURES ?? new URL("../fixtures/", import.meta.url).pathname;
const ctx = context({
  main,
  webhook,
  sandbox,
  packageJson,
  fixture: async (path) => readFileSync(`${fixtures}/${path}`, "utf8"),
  env: { runtime: "node", sandboxUrl: process.env.GS_SANDBOX_URL, testServerUrl: process.env.GS_TEST_SERVER },
});

const only = process.env.GS_CASES?.split(",");
for (const file of readdirSync(new URL("cases/", here)).filter((f) => f.endsWith(".mjs")).sort()) {
  if (only && !only.includes(file)) continue;
  const { default: cases } = await import(new URL(`cases/${file}`, here));
  for (const c of cases) {
    test(`${file}: ${c.name}`, async () => {
      const r = await runCase(file, c, ctx);
      if (!r.ok) throw new Error(r.error);
    });
  }
}
