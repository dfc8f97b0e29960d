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

  ...perEntry("fast tracker.apply: every result has its own action bodies (parsed once, copied)", async (mod, { assert, fixture }) => {
    const live = await fixture("webhooks/step04_stream_live.json");
    const bodies = [];
    for (let i = 0; i < 3; i++) {
      // A new tracker each time: the same webhook prescribes the same action with the same body.
      const t = new mod.WebhookTracker();
      t.applyStream({ id: 320423, active: true, live: false, broadcast_ids: [192470] }, 1);
      const action = t.apply(live, 2).actions.find((a) => a.body !== undefined);
      assert.ok(action, "step 4 prescribes an action with a body");
      assert.deepEqual(action.body, { broadcast: { status: "live" } });
      bodies.push(action.body);
      // A caller that edits a result's body changes nothing for the next result.
      action.body.broadcast.status = "edited";
      action.body.extra = [1];
      t.free();
    }
    assert.notEqual(bodies[0], bodies[1]);
    assert.notEqual(bodies[0].broadcast, bodies[1].broadcast);
    assert.deepEqual(bodies[2], { broadcast: { status: "edited" }, extra: [1] });
  }),

  ...perEntry("fast WebhookTracker.restore: snapshots round-trip, invalid ones throw the precise error", async (mod, { assert, fixture }) => {
    const t = new mod.WebhookTracker();
    let i = 0;
    for (const b of await bodies(fixture)) outcome(() => t.apply(b, 1000 + i++));
    t.applyVideo({ id: 77, status: "ready", stream_id: 320423, name: "Zoë 🎥 \"quoted\"\n" }, 9000);
    const snap = t.snapshot();
    const back = mod.WebhookTracker.restore(snap);
    assert.equal(back.snapshot(), snap);
    assert.equal(back.video(77).name, "Zoë 🎥 \"quoted\"\n");
    assert.deepEqual(back.streams(), t.streams());
    back.free();
    // Spaced and reordered, escaped names: the same tracker.
    const spaced = JSON.stringify(JSON.parse(snap), null, 2).replace('"v": 1', '"\\u0076": 1');
    assert.equal(mod.WebhookTracker.restore(spaced).snapshot(), snap);
    // Over the input buffer's limit (the generated export reads it): the same.
    for (let id = 1; id <= 1000; id++) t.applyStream({ id, active: true, live: false }, 10000 + id);
    const big = t.snapshot();
    assert.ok(big.length > 65536, `big snapshot: ${big.length}`);
    assert.equal(mod.WebhookTracker.restore(big).snapshot(), big);
    t.free();
    for (const [text, path] of [
      ["", ""],
      ["not json", ""],
      ["[]", ""],
      ["{}", "v"],
      ['{"v":2}', "v"],
      ['{"v":1,"x":1}', ""],
      ['{"v":1,"streams":[{"id":1}]}', "streams"],
      ['{"v":1,"streams":[{"id":1,"session":1},{"id":1,"session":1}]}', "streams"],
      ['{"v":1,"broadcasts":[{"id":2,"stream_ids":[0]}]}', "broadcasts"],
      ['{"v":1,"videos":[{"id":3,"name":5}]}', "videos"],
      ['{"v":1,"restreams":[{"id":4,"live":"yes"}]}', "restreams"],
      ['{"v":1,"streams":[{"id":1,"session":1}]} x', ""],
    ]) {
      assert.throws(() => mod.WebhookTracker.restore(text), { name: "WebhookError", code: "invalid_snapshot", path });
    }
  }),
];
