// The webhook entry under heavy use and after a trap (Node, against the installed package):
// restored trackers that are never freed do not grow memory without bound, a trap leaves the module
// usable, restore checks the type of its input first, and what parseWebhook accepted, apply takes.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as webhook from "gcore-streaming/webhook";

const { WebhookTracker, parseWebhook } = webhook;
const body = (id, live = true) => JSON.stringify({ type: "stream", message: { stream: { id, live } } });
const memoryMiB = () => webhook.__gsMemory().buffer.byteLength / 2 ** 20;

/** A snapshot of about `bytes` (videos with long names: few entities, so restoring is quick). */
function bigSnapshot(bytes) {
  const t = new WebhookTracker();
  t.apply(body(1));
  for (let i = 1; t.snapshot().length < bytes; i++) {
    t.applyVideo({ id: i, stream_id: 1, status: "pending", name: `${i}`.padEnd(16_000, "x") });
  }
  const s = t.snapshot();
  t.free();
  return s;
}

test("10,000 restores of a 1 MB snapshot, never freed, keep wasm memory bounded", { timeout: 600_000 }, async () => {
  const snapshot = bigSnapshot(1_000_000);
  assert.ok(snapshot.length >= 1_000_000);
  let peak = 0;
  for (let i = 0; i < 10_000; i++) {
    const t = WebhookTracker.restore(snapshot);
    if (i % 1000 === 0) assert.equal(t.stream(1).recordings.length > 60, true);
    // A busy receiver: 50 requests per task, then the event loop turns (finalizers run between
    // tasks). Before restored trackers told the GC their size, memory grew ~150 MiB per 1,000 here.
    if (i % 50 === 49) await new Promise((r) => setImmediate(r));
    peak = Math.max(peak, memoryMiB());
  }
  console.log(`# 10,000 restores of a ${snapshot.length}-byte snapshot without free(): wasm memory peaked at ${peak.toFixed(0)} MiB`);
  // Unfreed, they would hold ~10 GB (the wasm memory stops at 4 GiB and traps); without the size hint
  // the GC ran too seldom here: 926 MiB.
  assert.ok(peak < 512, `wasm memory peaked at ${peak.toFixed(0)} MiB`);
});

test("restore checks its input's type before copying anything", () => {
  const before = memoryMiB();
  for (const bad of [{ length: 1e8 }, { length: 2 ** 31 }, new Uint8Array(16), 42, null, undefined]) {
    assert.throws(() => WebhookTracker.restore(bad), { name: "WebhookError", code: "invalid_snapshot", path: "" }, String(bad));
  }
  assert.ok(memoryMiB() - before < 16, "nothing of `length` bytes was allocated");
});

test("a trap leaves the module usable: the next calls work, a fresh tracker works, the trapping call says what happened", () => {
  const t = new WebhookTracker();
  t.apply(body(7));
  // A real trap inside the scratch space's lock: an input buffer the 4 GiB memory cannot hold.
  assert.throws(() => webhook.__gsInput(4e9), WebAssembly.RuntimeError);
  assert.equal(t.apply(body(7, false)).outcome, "applied", "the tracker's next call works");
  assert.equal(t.applyStream({ id: 7, active: true }).outcome, "applied");
  assert.equal(parseWebhook(body(8)).stream.id, 8);
  const fresh = new WebhookTracker();
  assert.equal(fresh.apply(body(9)).outcome, "applied");
  assert.equal(WebhookTracker.restore(t.snapshot()).stream(7).live, false);

  // A trap during a tracker's own wasm call (a real trap, where the tracker's call runs): an error that
  // says what happened; that tracker, maybe half changed, is lost and every later call on it says so;
  // the module, other trackers and a tracker restored from its last snapshot work.
  const saved = fresh.snapshot();
  const inner = WebhookTracker.prototype.__applyInput;
  WebhookTracker.prototype.__applyInput = () => webhook.__gsInput(4e9);
  try {
    assert.throws(() => fresh.apply(body(9, false)), (e) => e.cause instanceof WebAssembly.RuntimeError && /wasm trap \(out of memory\?\)/.test(e.message));
  } finally {
    WebhookTracker.prototype.__applyInput = inner;
  }
  for (const call of [() => fresh.apply(body(9, false)), () => fresh.stage(9), () => fresh.snapshot(), () => fresh.nextActions(9)]) {
    assert.throws(call, /this tracker was lost to a wasm trap \(out of memory\?\): restore its last snapshot/);
  }
  assert.equal(WebhookTracker.restore(saved).apply(body(9, false)).outcome, "applied");
  assert.equal(parseWebhook(body(9)).stream.id, 9);
  assert.equal(t.apply(body(7, true)).outcome, "applied", "other trackers still work");
  assert.equal(new WebhookTracker().apply(body(10)).stage, "setup");
});

test("Symbol.dispose frees a tracker (`using`)", () => {
  const t = new WebhookTracker();
  t.apply(body(11));
  assert.equal(typeof t[Symbol.dispose], "function");
  t[Symbol.dispose]();
  assert.throws(() => t.stage(11), /null pointer passed to rust|freed|destroyed/i);
});

test("what parseWebhook accepted, apply takes (an event longer as JSON than its body)", () => {
  // 13k `1e20` values: ~64 KB as sent, ~288 KB as JSON.stringify writes them.
  let text = JSON.stringify({ type: "stream", message: { stream: { id: 12, live: true, n: [] } } });
  const room = 65_536 - text.length;
  text = text.replace('"n":[]', `"n":[${Array.from({ length: Math.floor(room / 5) }, () => "1e20").join(",")}]`);
  assert.ok(text.length <= 65_536);
  const event = parseWebhook(text);
  assert.ok(JSON.stringify(event).length > 4 * 65_536);
  const t = new WebhookTracker();
  assert.equal(t.apply(event).outcome, "applied");
  assert.equal(t.stream(12).live, true);
});
