// WebhookTracker.nextActions: what is still due, from the tracked state alone (main and webhook
// entries, Node and headless Chromium). Web-standard APIs only.

const hook = (fixture, name) => fixture(`webhooks/${name}.json`);
const apiJson = async (fixture, name) => JSON.parse(await fixture(`api/${name}.json`));
const ops = (actions) => actions.map((a) => [a.operation, a.step ?? null, a.broadcast_id ?? a.video_id ?? null]);
const S = 320423;
const B = 192470;

async function setup(mod, fixture) {
  const t = new mod.WebhookTracker();
  t.applyStream(await apiJson(fixture, "create_stream_response"), 1);
  t.applyBroadcast(await apiJson(fixture, "broadcast_response"), 2);
  t.applyStream({ id: S, active: true }, 3);
  return t;
}

const perEntry = (name, fn) => ["main", "webhook"].map((entry) => ({
  name: `${name} [${entry}]`,
  async run(ctx) { await fn(ctx[entry], ctx); },
}));

export default [
  ...perEntry("nextActions: the guide's run, step by step", async (mod, { assert, fixture }) => {
    const t = await setup(mod, fixture);
    assert.deepEqual(t.nextActions(S), []);
    const want = [
      ["step04_stream_live", [["update_broadcast", 5, B]]],
      ["step06_broadcast_live", [["start_recording", 7, null]]],
      ["step08_recording_started", []],
    ];
    for (const [name, expected] of want) {
      const r = t.apply(await hook(fixture, name), 1000);
      assert.deepEqual(ops(t.nextActions(S)), expected, name);
      // Where apply prescribes, nextActions gives the identical actions (bodies, reasons, steps).
      if (r.actions.length) assert.deepEqual(t.nextActions(S), r.actions, name);
    }
    t.expectStop(S);
    assert.deepEqual(ops(t.nextActions(S)), [["stop_recording", 9, null]]);
    t.apply(await hook(fixture, "step10_recording_stopped"));
    t.apply(await hook(fixture, "step11_video_pending")); // links the recording to the stream
    const finish = t.nextActions(S);
    assert.deepEqual(ops(finish), [["update_broadcast", 12, B]]);
    assert.deepEqual(finish[0].body, { broadcast: { status: "finished" } });
    assert.equal(finish[0].stream_id, S);
    assert.equal(typeof finish[0].reason, "string");
    t.apply(await hook(fixture, "step13_broadcast_finished"));
    assert.deepEqual(ops(t.nextActions(S)), [["update_stream", 14, null]]);
    t.applyStream(await apiJson(fixture, "stream_disable_response"));
    t.apply(await hook(fixture, "step15_stream_ended"));
    assert.deepEqual(ops(t.nextActions(S)), [["delete_broadcast", 16, B]]);
    t.apply(await hook(fixture, "step18_video_ready"));
    // No webhook says the broadcast was deleted: step 16 was due until the video was ready.
    assert.deepEqual(ops(t.nextActions(S)), [["get_video", 19, 803111]]);
    // A restored snapshot prescribes the same; a forgotten stream nothing.
    const back = mod.WebhookTracker.restore(t.snapshot());
    assert.deepEqual(back.nextActions(S), t.nextActions(S));
    t.forget(S);
    assert.deepEqual(t.nextActions(S), []);
    assert.deepEqual(back.nextActions(999), []);
    back.free();
    t.free();
  }),

  ...perEntry("nextActions: a lost webhook and the interruption case", async (mod, { assert, fixture }) => {
    // Step 4's webhook is lost; the API says the stream is live: the broadcast goes on air.
    const t = await setup(mod, fixture);
    t.applyStream({ id: S, live: true });
    assert.deepEqual(ops(t.nextActions(S)), [["update_broadcast", 5, B]]);
    t.apply(await hook(fixture, "step06_broadcast_live"));
    t.apply(await hook(fixture, "step08_recording_started"));
    t.apply(await hook(fixture, "interruption_stream_down"));
    const due = t.nextActions(S);
    assert.deepEqual(ops(due), [["get_stream", null, null], ["update_broadcast", null, B]]);
    assert.deepEqual(due[1].body, { broadcast: { status: "paused" } });
    t.apply(await hook(fixture, "interruption_broadcast_paused"));
    assert.deepEqual(ops(t.nextActions(S)), [["get_stream", null, null]]);
    t.free();
  }),

  ...perEntry("nextActions: a bad id is a WebhookError", async (mod, { assert }) => {
    const t = new mod.WebhookTracker();
    assert.throws(() => t.nextActions(0), { name: "WebhookError", code: "invalid_value", path: "streamId" });
    assert.throws(() => t.nextActions(1.5), { name: "WebhookError", code: "invalid_value", path: "streamId" });
    t.free();
  }),
];
