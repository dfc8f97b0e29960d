// The fast path of parseWebhook and WebhookTracker.apply (pkg-template/fast.js: string bodies written
// straight into wasm memory, results read from a tape) gives exactly what the generated exports give
// (reached here with an options object, or bytes instead of a string). Node and headless Chromium.

const NAMES = [
  "step04_stream_live", "step06_broadcast_live", "step08_recording_started", "step10_recording_stopped",
  "step11_video_pending", "step13_broadcast_finished", "step15_stream_ended", "step17_video_viewable",
  "step18_video_ready", "factsheet_restream", "factsheet_restream_legacy_active", "factsheet_stream_full",
  "factsheet_stream_string_user", "factsheet_video_delete", "factsheet_video_ready", "factsheet_vod_alias",
  "interruption_broadcast_paused", "interruption_stream_down",
];

// Bodies at the edges of the fast path: each must give the same event (or the same error) both ways.
const EDGES = [
  '{"message":{"stream":{"id":1,"live":true}},"type":"stream"}',
  '{"type":"stream","message":{"stream":{"id":1,"live":true,"recording":null}}}',
  '{"type":"stream","message":{"stream":{"id":1,"live":true,"recording":null,"uri":null,"stream_source_type":null,"x":null}}}',
  '{"type":"stream","message":{"stream":{"id":1,"live":true,"recording":null,"recording":false}}}',
  '{"type":"stream","message":{"stream":{"id":1,"live":true,"recording":true,"recording":null}}}',
  '{"type":"video","message":{"video":{"id":5,"status":"ready","client_user_id":null,"stream_id":null,"duration":null}}}',
  '{"type":"video_delete","message":{"video":{"id":5,"status":null}}}',
  '{"type":"broadcast","message":{"broadcast":{"id":9,"status":"live","name":null,"stream_ids":null}}}',
  '{"type":"restream","message":{"restream":{"id":3,"active":null,"live":null}}}',
  '{"type":"stream","message":{"stream":{"id":null,"live":true}}}',
  '{"type":"video","message":{"video":{"id":5,"status":null}}}',
  '{"type":"video","message":{"video":{"id":5,"status":"ready","converted_videos":[{"status":null}]}}}',
  '{"type":"stream","message":{"stream":{"id":1,"live":true,"stream_source_type":"RTMP"}}}',
  '{"type":"stream","message":{"stream":{"id":1,"live":true,"stream_source_type":"ndi","x":{"y":[1,2.5e3,null]}}}}',
  '{"type":"stream","message":{"stream":{"id":1,"live":true,"id":2}}}',
  '{"type":"stream","message":{"stream":{"id":1,"live":true,"client_user_id":"Zoë 🎥"}}}',
  '{"type":"stream","message":{"stream":{"id":1,"live":true,"uri":"rtmp://x/\\u00e9\\n"}}}',
  '{"type":"stream","message":{"stream":{"id":1,"live":true,"name":"\ud800"}}}',
  '\ufeff{"type":"stream","message":{"stream":{"id":1,"live":true}}}',
  '{"type":"vod","message":{"video":{"id":5,"status":"ready","converted_videos":[{"status":"complete","name":"720p"}]}}}',
  '{"type":"video","message":{"video":{"id":5,"status":"Ready"}}}',
  '{"type":"video_delete","message":{"video":{"id":5}}}',
  '{"type":"broadcast","message":{"broadcast":{"id":9,"status":"live","stream_ids":[1]}}}',
  '{"type":"restream","message":{"restream":{"id":3,"active":true}}}',
  // The entity tape (ASCII bodies): members the SDK does not know, escapes, spacing, repeats.
  '{ "type" : "stream" , "message" : { "stream" : { "id" : 1 , "live" : true , "x" : { "y" : [ 1 , "a" ] } , "z" : "q\\"r" } } }',
  '{"type":"stream","message":{"stream":{"id":1,"live":true,"x":1,"x":[2],"k\\u0041":3}}}',
  '{"type":"stream","message":{"stream":{"id":9007199254740991,"live":false,"client_user_id":7,"pull":true,"backup_live":false}}}',
  '{"type":"stream","message":{"stream":{"id":1,"live":true,"client_user_id":"u\\/1","client_entity_data":"{\\"a\\":1}"}}}',
  '{"type":"video","message":{"video":{"id":5,"status":"ready","converted_videos":[{"status":"complete","extra":{"a":1},"name":"x\\ty"},{}],"duration":0}}}',
  '{"type":"broadcast","message":{"broadcast":{"id":9,"status":"live","stream_ids":[],"name":""}},"other":{"a":[true,false,null]}}',
  '{"type":"stream","message":{"other":1,"stream":{"id":1,"live":true},"stream":{"id":2,"live":false,"e":-0.5e-3}}}',
  // Invalid: the same WebhookError both ways.
  '{"type":"stream","message":{"stream":{"id":0,"live":true}}}',
  '{"type":"stream","message":{"stream":{"id":1}}}',
  '{"type":"nope","message":{}}',
  '{"type":"stream","message":{"stream":{"id":1,"live":true}}} x',
  "",
  "[]",
];

const outcome = (fn) => {
  try {
    return { ok: fn() };
  } catch (e) {
    return { error: { name: e.name, code: e.code, path: e.path, message: e.message } };
  }
};

const perEntry = (name, fn) => ["main", "webhook", "sandbox"].map((entry) => ({
  name: `${name} [${entry}]`,
  async run(ctx) { await fn(ctx[entry], ctx); },
}));

async function bodies(fixture) {
  const out = [];
  for (const n of NAMES) out.push((await fixture(`webhooks/${n}.json`)).trim());
  return [...out, ...EDGES];
}

export default [
  ...perEntry("fast parseWebhook equals the generated export", async (mod, { assert, fixture }) => {
    for (const b of await bodies(fixture)) {
      const fast = outcome(() => mod.parseWebhook(b));
      const slow = outcome(() => mod.parseWebhook(b, {}));
      assert.deepEqual(fast, slow, `body ${b}`);
    }
    // Options the fast path applies itself, and ones it leaves to the export: the same answers.
    const b0 = (await bodies(fixture))[0];
    for (const options of [null, {}, { maxBytes: 65536 }, { maxBytes: 10 }, { maxBytes: -1 }, { maxBytes: 1.5 },
      { allowUnknownTypes: false }, { allowUnknownTypes: true }, { allowUnknownTypes: "yes" }]) {
      const fast = outcome(() => mod.parseWebhook(b0, options));
      const slow = outcome(() => mod.parseWebhook(new TextEncoder().encode(b0), options));
      assert.deepEqual(fast, slow, `options ${JSON.stringify(options)}`);
    }
    assert.throws(() => mod.parseWebhook(b0, { maxBytes: 10 }), { name: "WebhookError", code: "too_large" });
    // A large body over the default limit: the same too_large error.
    const big = `{"type":"stream","message":{"stream":{"id":1,"live":true,"pad":"${"x".repeat(70000)}"}}}`;
    assert.throws(() => mod.parseWebhook(big), { name: "WebhookError", code: "too_large" });
  }),

  ...perEntry("fast parseWebhook keeps a member named __proto__ as data", async (mod, { assert }) => {
    const b = '{"type":"stream","message":{"stream":{"id":1,"live":true,"__proto__":{"polluted":1}}}}';
    const ev = mod.parseWebhook(b);
    assert.equal(Object.getPrototypeOf(ev.stream), Object.prototype);
    assert.ok(Object.keys(ev.stream).includes("__proto__"), "an own member");
    assert.deepEqual(Object.getOwnPropertyDescriptor(ev.stream, "__proto__").value, { polluted: 1 });
    assert.equal(ev.stream.polluted, undefined);
    assert.deepEqual(ev, mod.parseWebhook(b, {}));
  }),

  ...perEntry("fast tracker.apply equals the generated export", async (mod, { assert, fixture }) => {
    const fast = new mod.WebhookTracker();
    const slow = new mod.WebhookTracker();
    const enc = new TextEncoder();
    const all = await bodies(fixture);
    // Twice over: the second pass gives duplicates and stale events.
    let i = 0;
    for (const b of [...all, ...all]) {
      i++;
      const a = outcome(() => fast.apply(b, 1000 + i));
      const s = outcome(() => slow.apply(enc.encode(b), 1000 + i));
      assert.deepEqual(a, s, `apply ${b}`);
    }
    assert.equal(fast.snapshot(), slow.snapshot());
    // Results survive later calls (nothing is read lazily from wasm memory).
    const r1 = fast.apply(all[0], 5000);
    const copy = JSON.parse(JSON.stringify(r1));
    for (const b of all.slice(0, 10)) outcome(() => fast.apply(b, 6000));
    assert.deepEqual(r1, copy);
    fast.free();
    slow.free();
  }),
];
