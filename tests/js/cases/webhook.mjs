// Webhook validator, source check and tracker through the packed package (main and webhook entries),
// in Node and headless Chromium. Web-standard APIs only.

const STEPS = [
  "step04_stream_live", "step06_broadcast_live", "step08_recording_started", "step10_recording_stopped",
  "step11_video_pending", "step13_broadcast_finished", "step15_stream_ended", "step17_video_viewable",
  "step18_video_ready",
];
const ALL = [
  ...STEPS,
  "factsheet_restream", "factsheet_restream_legacy_active", "factsheet_stream_full",
  "factsheet_stream_string_user", "factsheet_video_delete", "factsheet_video_ready", "factsheet_vod_alias",
  "interruption_broadcast_paused", "interruption_stream_down",
];
const hook = (fixture, name) => fixture(`webhooks/${name}.json`);
const apiJson = async (fixture, name) => JSON.parse(await fixture(`api/${name}.json`));
const ops = (r) => r.actions.map((a) => [a.operation, a.step ?? null]);

async function setup(mod, fixture) {
  const t = new mod.WebhookTracker();
  t.applyStream(await apiJson(fixture, "create_stream_response"), 1);
  t.applyBroadcast(await apiJson(fixture, "broadcast_response"), 2);
  t.applyStream({ id: 320423, active: true }, 3);
  return t;
}

const perEntry = (name, fn) => ["main", "webhook"].map((entry) => ({
  name: `${name} [${entry}]`,
  async run(ctx) { await fn(ctx[entry], ctx); },
}));

export default [
  ...perEntry("webhook entry exports", async (mod, { assert }) => {
    assert.equal(typeof mod.parseWebhook, "function");
    assert.equal(typeof mod.verifyWebhookSource, "function");
    assert.equal(typeof mod.WebhookTracker, "function");
    assert.equal(typeof mod.WebhookError, "function");
  }),

  ...perEntry("parseWebhook: every sample payload of the guide and of Gcore's webhook page", async (mod, { assert, fixture }) => {
    for (const name of ALL) {
      const text = await hook(fixture, name);
      const raw = JSON.parse(text);
      const ev = mod.parseWebhook(text);
      const type = raw.type === "vod" ? "video" : raw.type;
      assert.equal(ev.type, type, name);
      const key = Object.keys(raw.message)[0];
      for (const [k, v] of Object.entries(raw.message[key])) {
        if (v !== null) assert.deepEqual(ev[key][k], v, `${name}.${k}`);
      }
    }
  }),

  ...perEntry("parseWebhook: string, Uint8Array, ArrayBuffer and object bodies agree", async (mod, { assert, fixture }) => {
    const text = await hook(fixture, "step04_stream_live");
    const bytes = new TextEncoder().encode(text);
    const expected = { type: "stream", stream: { id: 320423, live: true, recording: false } };
    assert.deepEqual(mod.parseWebhook(text), expected);
    assert.deepEqual(mod.parseWebhook(bytes), expected);
    assert.deepEqual(mod.parseWebhook(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)), expected);
    assert.deepEqual(mod.parseWebhook(JSON.parse(text)), expected);
    assert.deepEqual(mod.parseWebhook(expected), expected);
    const vod = mod.parseWebhook(await hook(fixture, "factsheet_vod_alias"));
    assert.equal(vod.type, "video");
    const del = mod.parseWebhook(await hook(fixture, "factsheet_video_delete"));
    assert.equal(del.video.deleted_at, "2025-09-16T13:50:42.000Z");
    const user = mod.parseWebhook(await hook(fixture, "factsheet_stream_string_user"));
    assert.equal(user.stream.client_user_id, "10000001");
    const extra = mod.parseWebhook('{"type":"stream","message":{"stream":{"id":1,"live":false,"future":{"a":[1]}}}}');
    assert.deepEqual(extra.stream.future, { a: [1] });
  }),

  ...perEntry("parseWebhook: WebhookError codes and paths", async (mod, { assert }) => {
    const p = (t, o) => () => mod.parseWebhook(t, o);
    assert.throws(p("{"), { name: "WebhookError", code: "invalid_json", path: "" });
    assert.throws(p("[1]"), { name: "WebhookError", code: "not_an_object", path: "" });
    assert.throws(p('{"type":"podcast","message":{}}'), { name: "WebhookError", code: "unknown_type", path: "type" });
    assert.throws(p('{"type":"stream","message":{"stream":{"live":true}}}'), { name: "WebhookError", code: "missing_field", path: "message.stream.id" });
    assert.throws(p('{"type":"stream","message":{"stream":{"id":1}}}'), { code: "missing_field", path: "message.stream.live" });
    assert.throws(p('{"type":"stream","message":{"stream":{"id":"1","live":true}}}'), { code: "wrong_type", path: "message.stream.id" });
    assert.throws(p('{"type":"stream","message":{"stream":{"id":0,"live":true}}}'), { code: "invalid_value", path: "message.stream.id" });
    assert.throws(p('{"type":"broadcast","message":{"broadcast":{"id":1,"status":"over"}}}', { strictStatuses: true }), { code: "invalid_value", path: "message.broadcast.status" });
    assert.throws(p('{"type":"video","message":{"video":{"id":1,"status":"ready"}}}', { strictStatuses: 1 }), { code: "invalid_value", path: "options.strictStatuses" });
    assert.throws(p('{"type":"video","message":{"video":{"id":1}}}'), { code: "missing_field", path: "message.video.status" });
    assert.throws(p('{"type":"video","message":{"video":{"id":1,"status":"ready","converted_videos":[{"status":1}]}}}'), { code: "wrong_type", path: "message.video.converted_videos[0].status" });
    assert.throws(p("x".repeat(70000)), { code: "too_large" });
    assert.throws(p('{"type":"stream","message":{"stream":{"id":1,"live":true}}}', { maxBytes: 8 }), { code: "too_large" });
    let caught;
    try { mod.parseWebhook(`{"type":"${"y".repeat(5000)}","message":{}}`); } catch (e) { caught = e; }
    assert.ok(caught instanceof mod.WebhookError, "instanceof WebhookError");
    assert.ok(caught instanceof Error, "instanceof Error");
    assert.ok(caught.message.length < 300, "message does not echo large input");
    const unknown = mod.parseWebhook('{"type":"ai_task","message":{"task":{"id":9}}}', { allowUnknownTypes: true });
    assert.deepEqual(unknown, { type: "unknown", received_type: "ai_task", message: { task: { id: 9 } } });
  }),

  ...perEntry("parseWebhook: statuses outside the documented values are kept as sent (strictStatuses throws)", async (mod, { assert }) => {
    for (const [body, key, raw] of [
      ['{"type":"video","message":{"video":{"id":7,"status":"new","name":"n"}}}', "video", "new"],
      ['{"type":"video","message":{"video":{"id":7,"status":"Archived"}}}', "video", "Archived"],
      ['{"type":"video_delete","message":{"video":{"id":7,"status":"gone","deleted_at":"2025-09-16T13:50:42.000Z"}}}', "video", "gone"],
      ['{"type":"broadcast","message":{"broadcast":{"id":3,"status":"scheduled"}}}', "broadcast", "scheduled"],
    ]) {
      for (const input of [body, new TextEncoder().encode(body), JSON.parse(body)]) {
        const e = mod.parseWebhook(input);
        assert.equal(e[key].status, raw, body);
        assert.deepEqual(mod.parseWebhook(input, { strictStatuses: false }), e);
        assert.throws(() => mod.parseWebhook(input, { strictStatuses: true }), { name: "WebhookError", code: "invalid_value", path: `message.${key}.status` });
      }
    }
    // Documented values still match case-insensitively and come back lower case.
    assert.equal(mod.parseWebhook('{"type":"video","message":{"video":{"id":7,"status":"READY"}}}', { strictStatuses: true }).video.status, "ready");
  }),

  ...perEntry("WebhookTracker: an unknown status is folded in without being placed", async (mod, { assert, fixture }) => {
    const t = await setup(mod, fixture);
    for (const name of ["step04_stream_live", "step06_broadcast_live", "step08_recording_started"]) t.apply(await hook(fixture, name), 4);
    t.expectStop(320423, 9);
    for (const name of ["step10_recording_stopped", "step11_video_pending"]) t.apply(await hook(fixture, name), 10);
    const stage = t.stage(320423);
    const due = t.nextActions(320423);
    const body = '{"type":"video","message":{"video":{"id":803111,"status":"new","name":"renamed","duration":61000,"stream_id":320423}}}';
    assert.throws(() => t.apply(body, 20, { strictStatuses: true }), { name: "WebhookError", code: "invalid_value", path: "message.video.status" });
    const r = t.apply(body, 20);
    assert.equal(r.outcome, "unknown_status");
    assert.equal(r.unknown_status, "new");
    assert.equal(r.stage, stage);
    assert.deepEqual(r.actions, []);
    assert.deepEqual(r.changes.map((c) => c.field), ["unknown_status", "name", "duration"]);
    assert.equal(r.entity.status, "pending");
    assert.equal(r.entity.unknown_status, "new");
    assert.equal(t.video(803111).unknown_status, "new");
    assert.deepEqual(t.nextActions(320423), due);
    // The object forms and the slow path agree with the string fast path.
    const again = t.apply(JSON.parse(body), 21);
    assert.deepEqual([again.outcome, again.unknown_status, again.changes], ["unknown_status", "new", []]);
    const restored = mod.WebhookTracker.restore(t.snapshot());
    assert.equal(restored.video(803111).unknown_status, "new");
    // A known status replaces it.
    const v = t.apply(await hook(fixture, "step17_video_viewable"), 22);
    assert.equal(v.outcome, "applied");
    assert.equal("unknown_status" in v, false);
    assert.equal(t.video(803111).unknown_status, undefined);
  }),

  ...perEntry("WebhookTracker: step 5 waits for playback (transcoding); a lost transcoding webhook is made up by applyStream", async (mod, { assert, fixture }) => {
    const stream = (live, transcoding) => JSON.stringify({ type: "stream", message: { stream: { id: 320423, live, backup_live: false, recording: false, pull: false, uri: "", stream_source_type: "srt", transcoding } } });
    const t = await setup(mod, fixture);
    let r = t.apply(stream(true, false), 4);
    assert.deepEqual([r.outcome, r.actions], ["applied", []]);
    assert.equal(t.stream(320423).playback_ready, false);
    assert.deepEqual(t.nextActions(320423).map((a) => [a.operation, a.step ?? null]), [["get_stream", null]]);
    r = t.apply(stream(true, true), 5);
    assert.deepEqual(ops(r), [["update_broadcast", 5]]);
    assert.equal(r.entity.playback_ready, true);
    // Lost: the API answer moves it on.
    const u = await setup(mod, fixture);
    u.apply(stream(true, false), 4);
    r = u.applyStream({ id: 320423, live: true, transcoding: true }, 6);
    assert.deepEqual(ops(r), [["update_broadcast", 5]]);
    assert.deepEqual(u.nextActions(320423).map((a) => a.step), [5]);
    // A restream is kept under its stream.
    r = u.apply('{"type":"restream","message":{"restream":{"id":3001,"name":"to YouTube","stream_id":320423,"live":true}}}', 7);
    assert.deepEqual([r.outcome, r.entity.kind, r.entity.live, r.entity.stream_id, r.stage], ["applied", "restream", true, 320423, "setup"]);
  }),

  ...perEntry("verifyWebhookSource: CIDR ranges and URL secret", async (mod, { assert }) => {
    mod.verifyWebhookSource({ ip: "92.223.112.20" });
    mod.verifyWebhookSource({ ip: "92.223.123.1" });
    mod.verifyWebhookSource({ ip: "::ffff:92.223.123.1" });
    mod.verifyWebhookSource({ ip: "2001:db8::9", allowIps: ["2001:db8::/32"] });
    assert.throws(() => mod.verifyWebhookSource({ ip: "203.0.113.9" }), { name: "WebhookError", code: "forbidden_source", path: "ip" });
    assert.throws(() => mod.verifyWebhookSource({ ip: "nonsense" }), { code: "forbidden_source" });
    const secret = "Zx81-long-shared-secret";
    mod.verifyWebhookSource({ url: `https://edge.example/hooks/gcore/${secret}`, secret });
    mod.verifyWebhookSource({ url: `https://edge.example/hooks/gcore?token=${secret}`, secret });
    mod.verifyWebhookSource({ ip: "92.223.112.1", url: `/hooks/${secret}`, secret });
    let caught;
    try { mod.verifyWebhookSource({ url: "https://edge.example/hooks/gcore/guess", secret }); } catch (e) { caught = e; }
    assert.equal(caught.code, "bad_secret");
    assert.ok(!caught.message.includes(secret), "the secret is not in the message");
    assert.throws(() => mod.verifyWebhookSource({ ip: "1.2.3.4", allowIps: ["1.2.3.0/99"] }), { code: "invalid_value", path: "allowIps[0]" });
  }),

  ...perEntry("WebhookTracker: the 19 steps walk setup, test, live, stop, done", async (mod, { assert, fixture }) => {
    const t = await setup(mod, fixture);
    assert.equal(t.stage(320423), "setup");
    const stages = [];
    const step = async (name) => {
      const r = t.apply(await hook(fixture, name), 1000);
      stages.push(r.stage);
      return r;
    };
    let r = await step("step04_stream_live");
    assert.deepEqual(ops(r), [["update_broadcast", 5]]);
    assert.deepEqual(r.actions[0].body, { broadcast: { status: "live" } });
    assert.equal(r.actions[0].broadcast_id, 192470);
    r = await step("step06_broadcast_live");
    assert.deepEqual(ops(r), [["start_recording", 7]]);
    r = await step("step08_recording_started");
    assert.deepEqual(ops(r), []);
    t.expectStop(320423);
    r = await step("step10_recording_stopped");
    assert.equal(r.outcome, "applied", "step 10 is byte-identical to step 4 but is not a duplicate");
    assert.deepEqual(ops(r), [["update_broadcast", 12]]);
    await step("step11_video_pending");
    r = await step("step13_broadcast_finished");
    assert.deepEqual(ops(r), [["update_stream", 14]]);
    assert.deepEqual(r.actions[0].body, { stream: { active: false } });
    t.applyStream(await apiJson(fixture, "stream_disable_response"));
    r = await step("step15_stream_ended");
    assert.deepEqual(ops(r), [["delete_broadcast", 16]]);
    await step("step17_video_viewable");
    r = await step("step18_video_ready");
    assert.deepEqual(ops(r), [["get_video", 19]]);
    assert.equal(r.actions[0].video_id, 803111);
    assert.deepEqual(stages, ["setup", "test", "live", "stop", "stop", "stop", "stop", "stop", "done"]);
    r = t.applyVideo(await apiJson(fixture, "get_video_response"));
    assert.equal(r.stage, "done");
    assert.equal(t.apply(await hook(fixture, "step18_video_ready")).outcome, "duplicate");
    assert.equal(t.apply(await hook(fixture, "step11_video_pending")).outcome, "stale");
    assert.equal(t.apply(await hook(fixture, "step06_broadcast_live")).outcome, "stale");
    const s = t.stream(320423);
    assert.equal(s.stage, "done");
    assert.deepEqual(s.recordings, [803111]);
    assert.deepEqual(s.broadcast_ids, [192470]);
    assert.equal(t.video(803111).status, "ready");
    assert.equal(t.broadcast(192470).status, "finished");
    assert.deepEqual(t.streams(), [320423]);
  }),

  ...perEntry("WebhookTracker: interruption (live:false not requested)", async (mod, { assert, fixture }) => {
    const t = await setup(mod, fixture);
    for (const n of ["step04_stream_live", "step06_broadcast_live", "step08_recording_started"]) t.apply(await hook(fixture, n));
    let r = t.apply(await hook(fixture, "interruption_stream_down"));
    assert.equal(r.stage, "stop");
    assert.deepEqual(ops(r), [["get_stream", null], ["update_broadcast", null], ["stop_recording", null]]);
    assert.deepEqual(r.actions[1].body, { broadcast: { status: "paused" } });
    assert.equal(r.entity.kind, "stream");
    assert.equal(r.entity.interrupted, true);
    r = t.apply(await hook(fixture, "interruption_broadcast_paused"));
    assert.equal(r.entity.status, "paused");
    // The stream comes back: a new session, the broadcast goes back on air, recording restarts.
    r = t.apply(await hook(fixture, "step04_stream_live"));
    assert.equal(r.stage, "setup");
    assert.equal(r.entity.session, 2);
    assert.deepEqual(ops(r), [["update_broadcast", 5]]);
    r = t.apply(await hook(fixture, "step06_broadcast_live"));
    assert.deepEqual(ops(r), [["start_recording", 7]]);
  }),

  ...perEntry("WebhookTracker: a requested stop is not an interruption", async (mod, { assert, fixture }) => {
    const t = await setup(mod, fixture);
    for (const n of ["step04_stream_live", "step06_broadcast_live", "step08_recording_started"]) t.apply(await hook(fixture, n));
    t.expectStop(320423);
    const r = t.apply(await hook(fixture, "interruption_stream_down"));
    assert.equal(r.entity.interrupted, undefined);
    assert.ok(!ops(r).some(([op]) => op === "get_stream"));
  }),

  ...perEntry("WebhookTracker: reuse of a stream", async (mod, { assert, fixture }) => {
    const t = await setup(mod, fixture);
    for (const n of ["step04_stream_live", "step06_broadcast_live", "step08_recording_started"]) t.apply(await hook(fixture, n));
    t.expectStop(320423);
    for (const n of ["step10_recording_stopped", "step11_video_pending", "step13_broadcast_finished", "step15_stream_ended", "step18_video_ready"]) t.apply(await hook(fixture, n));
    assert.equal(t.stage(320423), "done");
    t.applyStream(await apiJson(fixture, "stream_reuse_response"));
    t.applyBroadcast({ id: 192471, status: "pending", stream_ids: [320423] });
    const r = t.apply(await hook(fixture, "step04_stream_live"));
    assert.equal(r.stage, "setup");
    assert.deepEqual(r.actions.map((a) => a.broadcast_id), [192471]);
    assert.equal(t.apply('{"type":"broadcast","message":{"broadcast":{"id":192471,"status":"live"}}}').stage, "test");
  }),

  ...perEntry("WebhookTracker: snapshot, restore, forget, errors", async (mod, { assert, fixture }) => {
    const t = await setup(mod, fixture);
    for (const n of STEPS.slice(0, 5)) t.apply(await hook(fixture, n), 42);
    const snap = t.snapshot();
    assert.equal(typeof snap, "string");
    assert.equal(JSON.parse(snap).v, 1);
    const back = mod.WebhookTracker.restore(snap);
    assert.equal(back.snapshot(), snap);
    assert.deepEqual(back.stream(320423), t.stream(320423));
    assert.throws(() => mod.WebhookTracker.restore("not json"), { name: "WebhookError", code: "invalid_snapshot" });
    assert.throws(() => mod.WebhookTracker.restore('{"v":99}'), { code: "invalid_snapshot", path: "v" });
    assert.throws(() => t.apply('{"type":"stream"}'), { name: "WebhookError", code: "missing_field", path: "message" });
    assert.throws(() => t.applyBroadcast({ status: "live" }), { code: "missing_field", path: "broadcast.id" });
    // The same event applied twice is a duplicate the second time.
    const again = t.apply(await hook(fixture, "step11_video_pending"));
    assert.equal(again.outcome, "duplicate");
    assert.deepEqual(again.changes, []);
    assert.equal(t.forget(320423), true);
    assert.equal(t.stage(320423), null);
    assert.equal(t.video(803111), null);
    assert.equal(t.broadcast(192470), null);
    assert.equal(t.snapshot(), '{"v":1}');
    assert.equal(t.forget(320423), false);
  }),
];
