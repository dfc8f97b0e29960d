// Node shell: runs every shared case against the installed package (gcore-streaming from the tarball).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import * as main from "gcore-streaming";
import * as webhook from "gcore-streaming/webhook";
import * as sandbox from "gcore-streaming/sandbox";
import { context, runCase } from "./harness.mjs";

const here = new URL(".", import.meta.url);
const require = createRequire(import.meta.url);
const packageJson = JSON.parse(readFileSync(require.resolve("gcore-streaming/package.json"), "utf8"));
const fixtures = process.env.GS_FIXTURES ?? new URL("../fixtures/", import.meta.url).pathname;
const pkgUrl = new URL(".", pathToFileURL(require.resolve("gcore-streaming/package.json"))).href;
const ctx = context({
  main,
  webhook,
  sandbox,
  packageJson,
  fixture: async (path) => readFileSync(`${fixtures}/${path}`, "utf8"),
  pkgUrl,
  pkgFile: async (name) => new Uint8Array(readFileSync(new URL(name, pkgUrl))),
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

test("require(): the CommonJS build of every entry, with errors recognised across module systems", () => {
  const cjs = require("gcore-streaming");
  const cjsWebhook = require("gcore-streaming/webhook");
  const cjsSandbox = require("gcore-streaming/sandbox");
  assert.match(require.resolve("gcore-streaming"), /main\.node\.cjs$/);
  for (const m of [cjs, cjsWebhook, cjsSandbox]) assert.equal(m.version(), packageJson.version);
  assert.equal(typeof cjs.LiveSession.setup, "function");
  assert.equal(typeof cjsSandbox.Sandbox, "function");
  const event = cjsWebhook.parseWebhook('{"type":"stream","message":{"stream":{"id":320423,"live":true,"recording":false}}}');
  assert.deepEqual(event, { type: "stream", stream: { id: 320423, live: true, recording: false } });
  let err;
  try {
    cjs.parseWebhook("{");
  } catch (e) {
    err = e;
  }
  assert.equal(err?.code, "invalid_json");
  assert.ok(err instanceof webhook.WebhookError, "an error of the CommonJS copy is an instance of the ESM class");
  assert.ok(err instanceof cjs.StreamingError);
});
