// The fetch driver's JS (src/js/fetch_driver.js) on its own, with injected fetches: the outcomes it
// reports to Rust, the call object its retry loop hands to the step, its timers and listeners.
//   node --test tests/js/fetch_driver.test.mjs
import assert from "node:assert/strict";
import { test } from "node:test";
import { ABORTED, NETWORK, TIMED_OUT, gs_call, gs_sleep, gs_slow_fn } from "../../src/js/fetch_driver.js";
import { countingSignal } from "./cases/client_fast.mjs";

/** One attempt without a slow path: resolves its outcome. */
const gs_send = (fetch, url, method, headers, body, timeoutMs, signal) =>
  gs_call(fetch, url, method, headers, body, timeoutMs, signal, 0, undefined, 0);

const answer = (status, body, headers = {}) =>
  Promise.resolve({ status, headers: { get: (n) => headers[n] ?? null }, text: () => Promise.resolve(body) });

test("an attempt: an answer is { status, retryAfter, text }; the request is sent as given", async () => {
  const seen = [];
  const fetch = (url, init) => {
    seen.push({ url, init });
    return answer(503, "busy", { "retry-after": "2" });
  };
  const headers = { Accept: "application/json" };
  const o = await gs_send(fetch, "http://x/a", 1, headers, '{"a":1}', 1000, undefined);
  assert.deepEqual(o, { status: 503, retryAfter: "2", text: "busy" });
  assert.equal(seen[0].url, "http://x/a");
  assert.equal(seen[0].init.method, "POST");
  // A copy of the headers (a client's are made once): what fetch does to it stays in that call.
  assert.deepEqual(seen[0].init.headers, headers);
  assert.notEqual(seen[0].init.headers, headers);
  seen[0].init.headers.Extra = "1";
  assert.deepEqual(headers, { Accept: "application/json" });
  assert.equal(seen[0].init.body, '{"a":1}');
  assert.ok(seen[0].init.signal instanceof AbortSignal);
  // A 2xx never reads Retry-After; without a shape nothing is parsed.
  const ok = await gs_send(() => answer(200, "{}", { "retry-after": "9" }), "u", 0, {}, undefined, 1000);
  assert.deepEqual(ok, { status: 200, retryAfter: undefined, text: "{}" });
});

test("an attempt: the method is an index of GET, POST, PATCH, PUT, DELETE (the order of src/client/fetch.rs)", async () => {
  const methods = [];
  const fetch = (_url, init) => {
    methods.push(init.method);
    return answer(200, "");
  };
  for (let i = 0; i < 5; i++) await gs_send(fetch, "u", i, {}, undefined, 1000);
  assert.deepEqual(methods, ["GET", "POST", "PATCH", "PUT", "DELETE"]);
});

test("an attempt: failures are { failure } with the named constants", async () => {
  const never = (_u, init) =>
    new Promise((_, reject) => init.signal.addEventListener("abort", () => reject(new DOMException("x", "AbortError"))));
  assert.deepEqual(await gs_send(never, "u", 0, {}, undefined, 5), { failure: TIMED_OUT });
  const s = countingSignal();
  const p = gs_send(never, "u", 0, {}, undefined, 10_000, s);
  assert.equal(s.count, 1);
  s.abort();
  assert.deepEqual(await p, { failure: ABORTED });
  assert.equal(s.count, 0, "the listener is removed");
  assert.deepEqual(await gs_send(never, "u", 0, {}, undefined, 10, s), { failure: ABORTED });
  const refused = () => Promise.reject(new TypeError("connect ECONNREFUSED"));
  assert.deepEqual(await gs_send(refused, "u", 0, {}, undefined, 10), { failure: NETWORK, message: "connect ECONNREFUSED" });
  const throwsText = () => {
    throw "boom";
  };
  assert.deepEqual(await gs_send(throwsText, "u", 0, {}, undefined, 10), { failure: NETWORK, message: "boom" });
});

test("gs_call: a 2xx of the expected shape resolves the parsed body; anything else goes to slow with the call", async () => {
  const slowCalls = [];
  const slow = (call) => {
    slowCalls.push(call);
    return Promise.resolve("slow");
  };
  const brace = "{".charCodeAt(0);
  assert.deepEqual(await gs_call(() => answer(200, '{"id":1}'), "u", 0, {}, undefined, 1000, undefined, brace, slow, 3), { id: 1 });
  assert.equal(slowCalls.length, 0);
  for (const [status, body] of [[200, "[1]"], [200, "{oops"], [404, "{}"]]) {
    assert.equal(await gs_call(() => answer(status, body), "u", 2, { h: "1" }, "b", 77, undefined, brace, slow, 4, 2), "slow");
    const call = slowCalls.pop();
    assert.deepEqual(call.outcome, { status, retryAfter: undefined, text: body });
    assert.equal(call.url, "u");
    assert.equal(call.method, 2);
    assert.deepEqual(call.headers, { h: "1" });
    assert.equal(call.body, "b");
    assert.equal(call.timeoutMs, 77);
    assert.equal(call.operation, 4);
    assert.equal(call.maxRetries, 2);
  }
});

test("gs_slow: the step sees each outcome with the call's fields; a number waits and retries", async () => {
  const answers = [answer(500, "e1"), answer(200, "fine")];
  const fetch = () => answers.shift();
  const steps = [];
  const step = (outcome, method, timeoutMs, operation, maxRetries, attempt) => {
    steps.push({ outcome, method, timeoutMs, operation, maxRetries, attempt });
    return outcome.status === 200 ? "done" : 1;
  };
  const r = await gs_call(fetch, "u", 0, {}, undefined, 50, undefined, 0, gs_slow_fn(step), 7, undefined);
  assert.equal(r, "done");
  assert.deepEqual(
    steps.map((s) => [s.outcome.status, s.method, s.timeoutMs, s.operation, s.maxRetries, s.attempt]),
    [
      [500, 0, 50, 7, undefined, 0],
      [200, 0, 50, 7, undefined, 1],
    ],
  );
  // A wait that the caller's signal cuts short is an aborted outcome; a thrown step rejects the call.
  const s = countingSignal();
  const seen = [];
  const p = gs_call(() => answer(503, ""), "u", 0, {}, undefined, 50, s, 0, gs_slow_fn((o) => {
    seen.push(o);
    if (o.failure === ABORTED) throw new Error("aborted");
    return 60_000;
  }), 1);
  await new Promise((r) => setTimeout(r, 5));
  s.abort();
  await assert.rejects(p, /aborted/);
  assert.deepEqual(seen.at(-1), { failure: ABORTED });
  assert.equal(s.count, 0);
});

test("gs_sleep: true when the time passes, false when the signal aborts first or already had", async () => {
  assert.equal(await gs_sleep(1), true);
  const s = countingSignal();
  const p = gs_sleep(60_000, s);
  s.abort();
  assert.equal(await p, false);
  assert.equal(s.count, 0);
  assert.equal(await gs_sleep(1, s), false);
});
