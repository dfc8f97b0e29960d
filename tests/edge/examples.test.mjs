// The Node (node:http) and Deno (Deno.serve, Deno from npm) examples: the guide's walk with the sandbox
// server delivering its webhooks to them, plus the secret and bad-payload answers; and the sandbox server's
// --page-size, --transcoding-delay-ms and --bearer-token flags.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SECRET, assertAllDelivered, fetchT, receiver, startDenoExample, startNodeExample, startSandbox, walkGuide } from "./support.mjs";

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
      assert.equal((await r.call("GET", `/streams/999?token=${SECRET}`)).status, 404);
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

test("sandbox server flags: --page-size, --transcoding-delay-ms, --bearer-token", { timeout: 30_000 }, async () => {
  const rx = await startNodeExample();
  let sandbox;
  try {
    sandbox = await startSandbox({
      webhookUrls: [`${rx.url}/webhooks/gcore/${SECRET}`],
      extra: ["--page-size", "10", "--transcoding-delay-ms", "5000", "--api-key", "key_1", "--bearer-token", "eyJ.jwt.sig"],
    });
    const api = async (method, path, body, auth = "APIKey key_1") => {
      const res = await fetchT(sandbox.url + path, {
        method,
        headers: { authorization: auth, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    };
    // With --api-key set, the control endpoints take the key too.
    const advance = async (ms) =>
      (await fetchT(`${sandbox.url}/_sandbox/advance?ms=${ms}`, { method: "POST", headers: { authorization: "APIKey key_1" } })).json();
    for (let i = 0; i < 12; i++) assert.equal((await api("POST", "/streaming/streams", { name: `s${i}` })).status, 200);
    assert.equal((await api("GET", "/streaming/streams")).body.length, 10);
    assert.equal((await api("GET", "/streaming/streams?page=2")).body.length, 2);
    // Bearer: only the configured token; the API key as a bearer token is refused as on the platform.
    assert.equal((await api("GET", "/streaming/streams", undefined, "Bearer eyJ.jwt.sig")).status, 200);
    const refused = await api("GET", "/streaming/streams", undefined, "Bearer key_1");
    assert.deepEqual([refused.status, refused.body.detail], [401, "Given token not valid for any token type"]);
    // Ingest, then transcoding 5 s later; the receiver sees playback ready only then.
    const { body: s } = await api("POST", "/streaming/streams", { name: "t", active: true });
    await advance(2000);
    const r = receiver(rx.url);
    assert.deepEqual([(await r.stream(s.id)).stream.transcoding, (await r.stream(s.id)).stream.playback_ready], [false, false]);
    await advance(4999);
    assert.equal((await r.stream(s.id)).stream.playback_ready, false);
    await advance(1);
    assert.equal((await r.stream(s.id)).stream.playback_ready, true);
    assert.equal((await api("GET", `/streaming/streams/${s.id}`)).body.transcoding, true);
  } finally {
    await sandbox?.stop();
    await rx.stop();
  }
});
