// Load: 10,000 webhook deliveries at concurrency 50 into the Worker (workerd via wrangler dev,
// Durable Objects), mixed with duplicates, reordering and malformed bodies. Asserts correctness only:
// every valid event answered 2xx and accounted for in the streams' counters, every bad one answered
// 400, the final state of every stream equal to an orderly replay into a fresh WebhookTracker, and
// the Worker healthy afterwards. Prints throughput and latency percentiles (never asserted).
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { REPO, SECRET, fetchT, receiver, startWorker } from "./support.mjs";

// EDGE_LOAD_SCALE (default 1) scales the run for quick local iterations.
const SCALE = Number(process.env.EDGE_LOAD_SCALE ?? 1);
const TOTAL = Math.round(10_000 * SCALE);
const CONCURRENCY = 50;
const STREAMS = Math.round(720 * SCALE);

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(20261125);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const shuffle = (xs) => {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
};

const S = (id, live, recording) => ({ type: "stream", message: { stream: { id, live, recording, backup_live: false, transcoding: live } } });
const B = (id, status) => ({ type: "broadcast", message: { broadcast: { id, status } } });
const CV = (status) => ["vod720n", "vod480n", "vod360n", "vod240n"].map((name, i) => ({ name, status: status === "ready" || (status === "viewable" && i === 0) ? "complete" : "processing" }));
const V = (id, streamId, status) => ({ type: "video", message: { video: { id, stream_id: streamId, status, name: `Stream Record: ${streamId}`, duration: 48410, converted_videos: status === "pending" ? [] : CV(status) } } });

/**
 * One stream's events in the guide's order (`canonical`), and how they are delivered: `groups` run one
 * after the other, the bodies inside a group concurrently (so they may arrive in any order).
 */
function planStream(i) {
  const sid = 5_000_001 + i, bid = 6_000_001 + i, v1 = 7_000_001 + 2 * i, v2 = v1 + 1;
  const interrupted = i % 8 === 0;
  const canonical = interrupted
    ? [S(sid, true, false), B(bid, "live"), S(sid, true, true), S(sid, false, false), B(bid, "paused"), V(v1, sid, "pending"),
       S(sid, true, false), B(bid, "live"), S(sid, true, true), S(sid, true, false), V(v2, sid, "pending"), B(bid, "finished"),
       S(sid, false, false), V(v1, sid, "viewable"), V(v1, sid, "ready"), V(v2, sid, "viewable"), V(v2, sid, "ready")]
    : [S(sid, true, false), B(bid, "live"), S(sid, true, true), S(sid, true, false), V(v1, sid, "pending"), B(bid, "finished"),
       S(sid, false, false), V(v1, sid, "viewable"), V(v1, sid, "ready")];
  // The trailing video events (after the stream ended) go out as one concurrent group: any order.
  let tail = canonical.length;
  while (tail > 0 && canonical[tail - 1].type === "video") tail--;
  const groups = canonical.slice(0, tail).map((e) => (rand() < 0.15 ? [e, e] : [e])); // 15 %: sent twice at once
  const trailing = canonical.slice(tail);
  if (!interrupted && i % 3 === 0) groups.push([trailing[1]], [trailing[0]]); // ready strictly before viewable
  else groups.push(shuffle([...trailing]));
  if (rand() < 0.2) groups.push([V(v1, sid, "pending")]); // late re-delivery: stale
  if (rand() < 0.2) groups.push([B(bid, "live")]); // after `finished`: stale
  return { sid, bid, canonical, groups, linkedUpFront: i % 10 !== 0 };
}

function malformed(k) {
  const id = 5_000_001 + (k % STREAMS);
  const bodies = [
    () => "{not json",
    () => JSON.stringify(S(id, true, false)).slice(0, 30),
    () => "[]",
    () => JSON.stringify({ type: "stream", message: { stream: { id: String(id), live: true } } }),
    () => JSON.stringify({ type: "stream", message: { stream: { live: true } } }),
    () => JSON.stringify({ type: "broadcast", message: { broadcast: { id: 6_000_001, status: 7 } } }),
    () => JSON.stringify({ type: "video", message: { video: { id: 0, status: "ready" } } }),
    () => JSON.stringify({ type: "video", message: { video: { id: 7_000_001, status: "ready", converted_videos: "all" } } }),
    () => JSON.stringify({ type: "mystery", message: {} }),
    () => JSON.stringify({ type: "stream" }),
    () => "",
  ];
  if (k % 100 === 0) return JSON.stringify({ ...S(id, true, false), pad: "x".repeat(70_000) }); // too_large
  return pick(bodies)();
}

const strip = (x) =>
  Array.isArray(x) ? x.map(strip) : x && typeof x === "object" ? Object.fromEntries(Object.entries(x).filter(([k]) => !k.endsWith("_ms")).map(([k, v]) => [k, strip(v)])) : x;
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

test("load: 10,000 deliveries at concurrency 50 with duplicates, reordering and malformed bodies", { timeout: 180_000 }, async () => {
  const plans = Array.from({ length: STREAMS }, (_, i) => planStream(i));
  const validCount = plans.reduce((n, p) => n + p.groups.reduce((m, g) => m + g.length, 0), 0);
  const badCount = TOTAL - validCount;
  assert.ok(badCount >= 0.05 * TOTAL, `the mix leaves room for malformed bodies (${validCount} valid)`);

  const worker = await startWorker({ vars: { ALLOW_IPS: "off" } }); // no API configured: unknown broadcasts park
  const rx = receiver(worker.url);
  try {
    for (const p of plans) if (p.linkedUpFront) assert.equal((await rx.link(p.bid, p.sid)).status, 200);

    // Scheduler: a ready list of requests; a stream's next group becomes ready when its group is answered.
    const ready = [];
    for (let k = 0; k < badCount; k++) ready.push({ body: malformed(k), valid: false });
    const pending = new Map(); // plan -> unanswered count of its current group
    const release = (p) => {
      const g = p.groups.shift();
      if (!g) return;
      pending.set(p, g.length);
      for (const e of g) ready.push({ body: JSON.stringify(e), valid: true, plan: p });
    };
    plans.forEach(release);

    const stats = { s204: 0, s202: 0, s400: 0, other: [], latencies: [], badAnswers: [] };
    let waiters = [];
    const wake = () => {
      const w = waiters;
      waiters = [];
      w.forEach((f) => f());
    };
    let sent = 0;
    const url = `${worker.url}/webhooks/gcore/${SECRET}`;
    const t0 = performance.now();
    const slot = async () => {
      for (;;) {
        if (ready.length === 0) {
          if (sent >= TOTAL) return;
          await new Promise((r) => waiters.push(r));
          continue;
        }
        const req = ready.splice(Math.floor(rand() * ready.length), 1)[0];
        sent++;
        const t = performance.now();
        const res = await fetchT(url, { method: "POST", body: req.body, headers: { "content-type": "application/json" } }, 30_000);
        const text = await res.text();
        stats.latencies.push(performance.now() - t);
        if (req.valid) {
          if (res.status === 204) stats.s204++;
          else if (res.status === 202) stats.s202++;
          else stats.other.push({ status: res.status, text, body: req.body.slice(0, 120) });
          const left = pending.get(req.plan) - 1;
          pending.set(req.plan, left);
          if (left === 0) release(req.plan);
        } else if (res.status === 400) {
          const e = JSON.parse(text);
          if (typeof e.code === "string" && typeof e.path === "string") stats.s400++;
          else stats.badAnswers.push(text);
        } else stats.badAnswers.push(`${res.status} ${text}`);
        wake();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, slot));
    const seconds = (performance.now() - t0) / 1000;
    wake();

    const lat = stats.latencies.sort((a, b) => a - b);
    const ms = (x) => x.toFixed(1);
    console.log(
      `# load: ${sent} deliveries (${validCount} valid: ${stats.s204} x 204, ${stats.s202} x 202 parked; ${badCount} malformed: ${stats.s400} x 400) ` +
        `in ${seconds.toFixed(2)} s = ${Math.round(sent / seconds)} req/s at concurrency ${CONCURRENCY}; ` +
        `latency p50 ${ms(pct(lat, 50))} ms, p90 ${ms(pct(lat, 90))} ms, p99 ${ms(pct(lat, 99))} ms, max ${ms(lat[lat.length - 1])} ms`,
    );
    assert.equal(sent, TOTAL);
    if (stats.other.length) console.log(`# worker log (tail):\n${worker.log().slice(-6000)}`);
    assert.deepEqual(stats.other.slice(0, 5), [], `every valid event answered 204 (or 202 parked): ${stats.other.length} did not`);
    assert.deepEqual(stats.badAnswers.slice(0, 5), [], "every malformed body answered 400 with code and path");
    assert.equal(stats.s204 + stats.s202, validCount);
    assert.equal(stats.s400, badCount);

    // The links that were not registered arrive now: the parked broadcast events are applied.
    let delivered = 0;
    for (const p of plans.filter((p) => !p.linkedUpFront)) delivered += (await rx.link(p.bid, p.sid)).body.delivered;
    assert.equal(delivered, stats.s202, "every parked event delivered when its link appeared");

    // Orderly replay of the canonical events into fresh trackers, as the Worker does (link, then events).
    const { WebhookTracker } = await import(join(REPO, "pkg/webhook.node.js"));
    const totals = { received: 0, applied: 0, duplicate: 0, stale: 0, ignored: 0 };
    const views = new Map();
    const queue = [...plans];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let p; (p = queue.shift()); ) views.set(p, await rx.stream(p.sid));
      }),
    );
    const mismatches = [];
    for (const p of plans) {
      const t = new WebhookTracker();
      t.applyBroadcast({ id: p.bid, stream_ids: [p.sid] });
      for (const e of p.canonical) t.apply(e);
      const s = t.stream(p.sid);
      const expected = strip({ stream: s, stage: s.stage, broadcasts: s.broadcast_ids.map((b) => t.broadcast(b)), videos: s.recordings.map((v) => t.video(v)) });
      t.free();
      const v = views.get(p);
      const got = strip({ stream: v.stream, stage: v.stage, broadcasts: v.broadcasts, videos: v.videos });
      try {
        assert.deepEqual(got, expected);
      } catch {
        mismatches.push({ sid: p.sid, linkedUpFront: p.linkedUpFront, got, expected });
      }
      for (const k of Object.keys(totals)) totals[k] += v.events[k];
    }
    console.log(`# load: outcomes over ${STREAMS} streams: ${JSON.stringify(totals)}; ${STREAMS - mismatches.length}/${STREAMS} equal to the orderly replay`);
    assert.deepEqual(mismatches.slice(0, 3), [], `${mismatches.length} streams differ from the orderly replay`);
    assert.equal(totals.received, validCount, "every valid delivery reached its stream's tracker (none lost)");
    assert.ok(totals.duplicate > 0 && totals.stale > 0, "duplicates and stale (reordered) events were seen");

    // Still healthy: the process is up, it answers, and a new event is applied.
    assert.equal(worker.child.exitCode, null);
    assert.equal((await rx.call("GET", "/healthz")).status, 200);
    assert.equal((await rx.webhook(S(5_999_999, true, false))).status, 204);
    assert.equal((await rx.stream(5_999_999)).stage, "setup");
    assert.doesNotMatch(worker.log(), /Uncaught|restarted mid-request|exceeded/i);
  } finally {
    await worker.stop();
  }
});
