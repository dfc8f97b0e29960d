// The Node (node:http) and Deno (Deno.serve, Deno from npm) examples: the guide's walk with the sandbox
// server delivering its webhooks to them, plus the secret and bad-payload answers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SECRET, assertAllDelivered, receiver, startDenoExample, startNodeExample, startSandbox, walkGuide } from "./support.mjs";

for (const [name, startExample] of [["node", startNodeExample], ["deno", startDenoExample]]) {
  test(`${name} example: the guide's 19 steps, state after each stage`, { timeout: 60_000 }, async () => {
    const rx = await startExample();
    let sandbox;
    try {
      sandbox = await startSandbox({ webhookUrls: [`${rx.url}/webhooks/gcore/${SECRET}`] });
      const { stream } = await walkGuide({ sandboxUrl: sandbox.url, receiverUrl: rx.url });
      const hooks = await assertAllDelivered(sandbox.url);
      assert.equal(hooks.length, 9, "the guide's nine webhooks");
      const r = receiver(rx.url);
      assert.equal((await r.webhook("{}", "/webhooks/gcore/wrong")).status, 404);
      const bad = await r.webhook({ type: "video", message: { video: { id: 1, status: "done" } } });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.code, "invalid_value");
      assert.equal(bad.body.path, "message.video.status");
      assert.equal((await r.call("GET", `/streams/999?token=${SECRET}`)).status, 404);
      assert.equal((await r.stream(stream.id)).stage, "done");
    } finally {
      await sandbox?.stop();
      await rx.stop();
    }
  });
}
