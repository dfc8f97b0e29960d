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
      assert.equal(hooks.length, 10, "the guide's nine webhooks and the ingest one before step 4");
      const r = receiver(rx.url);
      assert.equal((await r.webhook("{}", "/webhooks/gcore/wrong")).status, 404);
      const bad = await r.webhook({ type: "video", message: { video: { id: 1, status: 7 } } });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.code, "wrong_type");
      assert.equal(bad.body.path, "message.video.status");
      assert.equal((await r.call("GET", "/streams/999")).status, 404);
      assert.equal((await r.stream(stream.id)).stage, "done");
      // A status the package does not know is not lost: 2xx, and the stream's view shows it (the
      // known status and the stage stay).
      const [video] = (await r.stream(stream.id)).videos;
      const unknown = await r.webhook({ type: "video", message: { video: { id: video.id, stream_id: stream.id, status: "archived" } } });
      assert.equal(unknown.status, 204);
      const v = await r.stream(stream.id);
      assert.deepEqual([v.stage, v.videos[0].status, v.videos[0].unknown_status], ["done", "ready", "archived"]);
    } finally {
      await sandbox?.stop();
      await rx.stop();
    }
  });
}
