// Tracker throughput: WebhookTracker.apply(rawBody) against the JavaScript pipeline a user would
// write (JSON.parse + the zod validator + a plain reducer), both with a long-lived tracker and with
// restore → apply → snapshot per event (the edge-function pattern: no memory between requests).
//   node benches/tracker.mjs [--quick]
import { isDeepStrictEqual } from "node:util";
import { loadEntry, interleaved, fixture, median } from "./lib.mjs";
import { zodParseWebhook } from "./zod-webhook.mjs";
import { JsTracker, normalize } from "./js-reducer.mjs";

const BASE_NOW = 1_764_000_000_000;

/** One stream's run through the guide, with its own ids. `interrupted`: the guide's interruption case. */
function lifecycle(stream, broadcast, video, restream, interrupted) {
  const body = (name) =>
    fixture(`webhooks/${name}.json`)
      .trim()
      .replaceAll("320423", String(stream))
      .replaceAll("192470", String(broadcast))
      .replaceAll("803111", String(video))
      .replaceAll("5551", String(restream));
  const hook = (name) => ({ op: "webhook", body: body(name) });
  const ops = [
    // Step 1-3: the stream was created and linked (an API response the user folds in).
    { op: "stream", value: { id: stream, active: true, live: false, broadcast_ids: [broadcast] } },
    hook("step04_stream_live"),
    hook("step06_broadcast_live"),
    hook("step08_recording_started"),
    hook("factsheet_stream_full"),
    hook("factsheet_restream"),
  ];
  if (interrupted) {
    ops.push(
      hook("interruption_stream_down"),
      hook("interruption_broadcast_paused"),
      hook("step04_stream_live"),
      hook("step06_broadcast_live"),
      hook("step08_recording_started"),
    );
  }
  ops.push(
    { op: "expectStop", id: stream },
    hook("step10_recording_stopped"),
    hook("step11_video_pending"),
    hook("step13_broadcast_finished"),
    hook("step15_stream_ended"),
    hook("step17_video_viewable"),
    hook("step18_video_ready"),
    hook("step18_video_ready"), // a repeat: duplicate
    hook("step17_video_viewable"), // out of order: stale
    { op: "forget", id: stream },
  );
  return ops;
}

/** Four streams at a time, each through two runs of the guide (one in four interrupted), interleaved. */
export function trackerOps(lanes = 4, runs = 2) {
  const perLane = [];
  let g = 0;
  for (let l = 0; l < lanes; l++) {
    const ops = [];
    for (let j = 0; j < runs; j++, g++) {
      ops.push(...lifecycle(320423 + g, 192470 + g, 803111 + g, 5551 + g, g % 4 === 1));
    }
    perLane.push(ops);
  }
  const out = [];
  for (let i = 0; perLane.some((ops) => i < ops.length); i++) {
    for (const ops of perLane) if (i < ops.length) out.push(ops[i]);
  }
  return out;
}

function wasmStep(t, o, now) {
  switch (o.op) {
    case "webhook":
      return t.apply(o.body, now);
    case "stream":
      return t.applyStream(o.value, now);
    case "expectStop":
      return t.expectStop(o.id, now);
    default:
      return t.forget(o.id);
  }
}

function jsStep(t, o, now) {
  switch (o.op) {
    case "webhook":
      return t.apply(zodParseWebhook(o.body), now);
    case "stream":
      return t.applyStream(o.value, now);
    case "expectStop":
      return t.expectStop(o.id, now);
    default:
      return t.forget(o.id);
  }
}

/** Untimed: the JS reducer gives the same results as WebhookTracker on the whole sequence. */
export function checkSameLogic(WebhookTracker, ops, preloaded = 0) {
  const w = new WebhookTracker();
  const j = new JsTracker();
  preload(w, preloaded, false);
  preload(j, preloaded, true);
  const problems = [];
  const outcomes = {};
  ops.forEach((o, i) => {
    const a = wasmStep(w, o, BASE_NOW + i);
    const b = jsStep(j, o, BASE_NOW + i);
    if (o.op === "webhook") outcomes[a.outcome] = (outcomes[a.outcome] ?? 0) + 1;
    if ((o.op === "webhook" || o.op === "stream") && !isDeepStrictEqual(normalize(a), normalize(b))) {
      problems.push(`op ${i} ${o.body ?? o.op}:\n  wasm ${JSON.stringify(a)}\n  js   ${JSON.stringify(b)}`);
    }
  });
  w.free();
  return { problems, outcomes };
}

/**
 * `n` other streams already tracked, each linked to a broadcast and with a recording (ids below the
 * workload's, as older streams have): what a long-lived tracker (a Durable Object, a server) holds.
 */
function preload(t, n, js) {
  const body = (text) => (js ? zodParseWebhook(text) : text);
  for (let i = 1; i <= n; i++) {
    t.applyStream({ id: i, active: true, live: true, broadcast_ids: [i] }, 1);
    t.apply(body(`{"type":"broadcast","message":{"broadcast":{"id":${i},"status":"live"}}}`), 2);
    t.apply(
      body(`{"type":"video","message":{"video":{"id":${i},"name":"rec","status":"pending","stream_id":${i}}}}`),
      3,
    );
  }
}

export const SCALE_STREAMS = 2000;

/**
 * The same workload in a tracker that already holds SCALE_STREAMS other streams: its cost against an
 * empty tracker's, and against the JS reducer holding the same streams.
 *
 * The cost ratio is measured in one interleaved run of two arms that differ only in the preloaded
 * streams: two long-lived WebhookTrackers, both made and preloaded (or not) before any timing, both
 * warmed up, stepping through the same ops with the same pass function, in alternating order, round
 * after round; the figure is the median of the per-round ratios (each round times the two arms back to
 * back, so a burst of load from other processes lands on both). Comparing against the `apply` section's
 * figure instead, measured in another run seconds apart (and with a tracker made per round), read 0.72x,
 * 0.88x and 1.56x in three runs of one build on a shared 2-core machine, where this reads 1.06x to 1.07x.
 * (What remains is real: the maps' binary search by id takes more steps over 2,000 entries, and the
 * tracker's own fold, without parsing and results, costs ~2.3x an empty tracker's in a native build.)
 * The JS reducer's 2,000-stream state is only made after this run, so that its garbage collection does
 * not land in it. The workload forgets its own streams at the end of each run: both trackers come back
 * to where they started (checked), so neither grows during the timed loop.
 */
function runScale(WebhookTracker, ops, webhooks, { quick }) {
  const n = SCALE_STREAMS;
  const { problems } = checkSameLogic(WebhookTracker, ops, n);
  if (problems.length) {
    throw new Error(`with ${n} streams preloaded, the JS reducer differs:\n${problems.slice(0, 3).join("\n")}`);
  }
  const load = {};
  const make = (js, count = n) => {
    const t = js ? new JsTracker() : new WebhookTracker();
    const t0 = process.hrtime.bigint();
    preload(t, count, js);
    if (count) load[js ? "js_ms" : "wasm_ms"] = Number(process.hrtime.bigint() - t0) / 1e6;
    return t;
  };
  const pass = (step, t) => (_, count) => {
    let s = 0;
    for (let p = 0; p < count / ops.length; p++) {
      for (let i = 0; i < ops.length; i++) {
        const r = step(t, ops[i], BASE_NOW + i);
        if (r && r.outcome) s += r.outcome.length;
      }
    }
    return s;
  };
  const empty = make(false, 0);
  const w = make(false);
  const cost = interleaved(
    { empty: pass(wasmStep, empty), preloaded: pass(wasmStep, w) },
    { items: null, n: (quick ? 20 : 40) * ops.length, rounds: quick ? 9 : 21, warmup: 3 },
  );
  const ratios = cost.preloaded.rounds_ns.map((x, i) => x / cost.empty.rounds_ns[i]);
  const j = make(true);
  const passes = quick ? 20 : 60;
  const r = interleaved(
    { wasm: pass(wasmStep, w), js: pass(jsStep, j) },
    { items: null, n: passes * ops.length, rounds: quick ? 3 : 5 },
  );
  // The workload left the preloaded state as it was (the last stream still linked, nothing added),
  // and the empty tracker empty.
  const intact = w.stream(n)?.broadcast_ids?.length === 1 && w.stream(n + 1) === null && empty.streams().length === 0;
  w.free();
  empty.free();
  const perEvent = (x) => (x.ns_per_item * ops.length) / webhooks;
  return {
    streams: n,
    preloaded_intact: intact,
    wasm_ns: perEvent(r.wasm),
    js_ns: perEvent(r.js),
    ratio_vs_js: perEvent(r.js) / perEvent(r.wasm),
    empty_ns: perEvent(cost.empty),
    preloaded_ns: perEvent(cost.preloaded),
    wasm_vs_empty: median(ratios),
    wasm_vs_empty_rounds: ratios.map((x) => +x.toFixed(3)),
    preload_ms: load,
  };
}

export async function run({ quick = false, entry = "webhook" } = {}) {
  const { WebhookTracker } = await loadEntry(entry);
  const ops = trackerOps();
  const { problems, outcomes } = checkSameLogic(WebhookTracker, ops);
  if (problems.length) {
    throw new Error(`the JS reducer does not follow the tracker's logic:\n${problems.slice(0, 3).join("\n")}`);
  }
  const webhooks = ops.filter((o) => o.op === "webhook").length;
  const passes = quick ? 150 : 800; // each pass: every op once (≈ 200 webhooks)
  const rounds = quick ? 3 : 7;

  const passLong = (step, make) => (_, n) => {
    const t = make();
    let s = 0;
    for (let p = 0; p < n / ops.length; p++) {
      for (let i = 0; i < ops.length; i++) {
        const r = step(t, ops[i], BASE_NOW + i);
        if (r && r.outcome) s += r.outcome.length;
      }
    }
    t.free?.();
    return s;
  };
  const passSnap = (step, Tracker) => (_, n) => {
    let snap = new Tracker().snapshot();
    let s = 0;
    for (let p = 0; p < n / ops.length; p++) {
      for (let i = 0; i < ops.length; i++) {
        const t = Tracker.restore(snap);
        const r = step(t, ops[i], BASE_NOW + i);
        if (r && r.outcome) s += r.outcome.length;
        snap = t.snapshot();
        t.free?.();
      }
    }
    return s + snap.length;
  };
  const n = passes * ops.length;
  const long = interleaved(
    {
      wasm: passLong(wasmStep, () => new WebhookTracker()),
      js: passLong(jsStep, () => new JsTracker()),
    },
    { items: null, n, rounds },
  );
  const snapPasses = quick ? 40 : 200;
  const snap = interleaved(
    {
      wasm: passSnap(wasmStep, WebhookTracker),
      js: passSnap(jsStep, JsTracker),
    },
    { items: null, n: snapPasses * ops.length, rounds },
  );
  // Per webhook event: the time of a pass over all ops divided by the number of webhooks in it.
  const perEvent = (r) => (r.ns_per_item * ops.length) / webhooks;
  const res = {
    entry,
    ops_per_pass: ops.length,
    webhooks_per_pass: webhooks,
    outcomes_per_pass: outcomes,
    note: "each pass also folds in one API stream response, one expectStop and one forget per stream run, in both pipelines",
    apply: {
      wasm_per_s: 1e9 / perEvent(long.wasm),
      js_per_s: 1e9 / perEvent(long.js),
      wasm_ns: perEvent(long.wasm),
      js_ns: perEvent(long.js),
    },
    snapshot_restore: {
      wasm_per_s: 1e9 / perEvent(snap.wasm),
      js_per_s: 1e9 / perEvent(snap.js),
      wasm_ns: perEvent(snap.wasm),
      js_ns: perEvent(snap.js),
    },
  };
  res.ratio_vs_js = res.apply.wasm_per_s / res.apply.js_per_s;
  res.snapshot_ratio_vs_js = res.snapshot_restore.wasm_per_s / res.snapshot_restore.js_per_s;
  // The same workload in a tracker that already holds SCALE_STREAMS other streams (its cost against
  // an empty tracker's is measured there, in one run of its own: see runScale).
  res.scale = runScale(WebhookTracker, ops, webhooks, { quick });
  return res;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run({ quick: process.argv.includes("--quick") }), null, 2));
}
