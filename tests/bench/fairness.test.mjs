// The benchmarks' fairness checks, as tests (untimed): `make bench` compares the package against
// JavaScript baselines, and its ratios mean something only while the baselines do the same work.
// - The zod schema (benches/zod-webhook.mjs) accepts and rejects what parseWebhook does, with the
//   same events.
// - The plain JS reducer (benches/js-reducer.mjs) returns what WebhookTracker returns on every step
//   of the tracker workload, which has the shape the README describes, also with other streams
//   already tracked (the scale section).
// - The fetch baselines of the client benchmark (benches/client.mjs) send what getStream sends.
//   node --test tests/bench/      (make test-bench; needs pkg/)
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadEntry } from "../../benches/lib.mjs";
import { checkSameRules } from "../../benches/webhook.mjs";
import { checkSameLogic, trackerOps } from "../../benches/tracker.mjs";
import { INVALID } from "../../benches/payloads.mjs";
import { sameRequest } from "../../benches/client.mjs";

const { parseWebhook, WebhookTracker } = await loadEntry("webhook");

test("the zod baseline applies parseWebhook's rules (same events, same rejections)", () => {
  assert.deepEqual(checkSameRules(parseWebhook), []);
  // It did check something: the invalid bodies are rejected by both, not skipped.
  assert.ok(INVALID.length >= 30, `only ${INVALID.length} invalid bodies`);
});

test("the JS reducer gives WebhookTracker's results on the whole tracker workload", () => {
  const ops = trackerOps();
  const { problems, outcomes } = checkSameLogic(WebhookTracker, ops);
  assert.deepEqual(problems, []);
  // The workload the README describes: 138 operations, 114 webhooks (98 applied, 8 duplicate, 8 stale).
  assert.equal(ops.length, 138);
  assert.equal(ops.filter((o) => o.op === "webhook").length, 114);
  assert.deepEqual(outcomes, { applied: 98, duplicate: 8, stale: 8 });
});

test("the same results in a tracker that already holds other streams (the scale section)", () => {
  // The workload's outcomes do not depend on the preloaded streams, and both pipelines agree.
  const { problems, outcomes } = checkSameLogic(WebhookTracker, trackerOps(), 300);
  assert.deepEqual(problems, []);
  assert.deepEqual(outcomes, { applied: 98, duplicate: 8, stale: 8 });
});

test("checkSameLogic notices a reducer that decides differently", async () => {
  // The check itself can fail: a tracker whose actions are dropped is caught on the first action.
  class Dropping extends WebhookTracker {
    apply(input, now) {
      const r = super.apply(input, now);
      return { ...r, actions: [] };
    }
  }
  const { problems } = checkSameLogic(Dropping, trackerOps());
  assert.ok(problems.length > 0, "a tracker without actions passed the same-logic check");
});

test("the client benchmark's fetch baselines send getStream's request (URL, method, headers, no body)", async () => {
  const { StreamingClient } = await loadEntry("main");
  assert.deepEqual(await sameRequest(StreamingClient), []);
  // It can fail: a client with one more header differs.
  const Extra = class extends StreamingClient {
    constructor(o) {
      super({ ...o, headers: { "X-Extra": "1" } });
    }
  };
  assert.match((await sameRequest(Extra)).join(), /headers/);
});
