// The client's first attempt is made by the JS fetch driver, which resolves a 2xx answer of the
// expected shape with JSON.parse by itself; every other outcome goes back to Rust. These cases pin
// that both paths answer exactly as before: same values, same typed errors, same timeouts and aborts,
// the listeners and timers cleaned up. Injected fetches only (no server). Web-standard APIs only.

const KEY = "29841_c767$secret";

/** A fetch answering `answers` in turn (`{ status, body, headers }`), recording each call's init. */
function scriptedFetch(answers) {
  const calls = [];
  const fetch = (url, init) => {
    calls.push({ url, init });
    const a = answers.shift();
    if (!a) return Promise.reject(new TypeError("no more answers"));
    const headers = a.headers ?? {};
    return Promise.resolve({
      status: a.status,
      headers: { get: (n) => headers[n.toLowerCase()] ?? null },
      text: () => Promise.resolve(a.body ?? ""),
    });
  };
  return { fetch, calls };
}

/** A fetch that never answers but rejects when its signal aborts (as real fetch does). */
function hangingFetch() {
  const signals = [];
  const fetch = (url, init) => {
    signals.push(init.signal);
    return new Promise((_, reject) => {
      init.signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
    });
  };
  return { fetch, signals };
}

/** An object a caller may pass as `options.signal`, counting its listeners. */
export function countingSignal() {
  const listeners = new Set();
  return {
    aborted: false,
    addEventListener: (_t, f) => listeners.add(f),
    removeEventListener: (_t, f) => listeners.delete(f),
    abort() {
      this.aborted = true;
      for (const f of [...listeners]) f();
    },
    get count() {
      return listeners.size;
    },
  };
}

const fast = { retryInitialDelayMs: 1, retryMaxDelayMs: 2 };
const client = (main, fetch, extra = {}) =>
  new main.StreamingClient({ apiKey: KEY, baseUrl: "http://127.0.0.1:9", fetch, ...fast, ...extra });

export default [
  {
    name: "client by-id GETs: the same request and answers with and without options",
    async run({ main, assert }) {
      const seen = [];
      const answer = (url) => {
        const id = Number(url.split("/").pop());
        return id === 404
          ? { status: 404, headers: { get: () => null }, text: () => Promise.resolve('{"error":"Not found"}') }
          : { status: 200, headers: { get: () => null }, text: () => Promise.resolve(`{"id":${id},"x":[1]}`) };
      };
      // Records each call's request.
      const fetch = (url, init) => {
        seen.push({ url, init });
        return Promise.resolve(answer(url));
      };
      const configs = [
        { apiKey: KEY, baseUrl: "http://127.0.0.1:9/" },
        { bearerToken: "eyJ.t.k", baseUrl: "https://api.example.test/gw//", headers: { "X-Trace": "1" }, timeoutMs: 1234 },
        { baseUrl: "/proxy" },
      ];
      const EMPTY = {};
      for (const cfg of configs) {
        const c = new main.StreamingClient({ fetch, ...fast, ...cfg });
        for (const [name, id] of [["getStream", 7], ["getBroadcast", 8], ["getVideo", 9], ["getStream", 9007199254740991]]) {
          seen.length = 0;
          const a = await c[name](id);
          const b = await c[name](id, EMPTY);
          assert.deepEqual(a, b);
          assert.deepEqual(a, { id, x: [1] });
          const [bare, withOptions] = seen;
          assert.equal(bare.url, withOptions.url);
          assert.equal(bare.init.method, "GET");
          assert.deepEqual(bare.init.headers, withOptions.init.headers);
          assert.deepEqual(Object.keys(bare.init).sort(), Object.keys(withOptions.init).sort());
          assert.equal(bare.init.body, undefined);
        }
        // An error answer goes on in Rust (the retry loop's step) as before.
        await assert.rejects(c.getStream(404), { name: "ApiError", code: "not_found", status: 404, operation: "get_stream" });
        await assert.rejects(c.getVideo(404), { name: "ApiError", code: "not_found", operation: "get_video" });
        c.free();
      }
      assert.equal(seen.at(-1).url, "/proxy/streaming/videos/404");
      // Invalid ids, and other ids than numbers, are typed errors.
      const c = new main.StreamingClient({ apiKey: KEY, fetch, ...fast });
      for (const bad of [0, -1, 1.5, 2 ** 53, NaN, Infinity, "7", 7n, null, undefined]) {
        await assert.rejects(c.getBroadcast(bad), (e) => e instanceof Error && e.name === "StreamingError" && e.code === "invalid_params", String(bad));
      }
      // The client's timeout and retries apply to the first attempt the driver makes.
      const hang = hangingFetch();
      const slowApi = new main.StreamingClient({ apiKey: KEY, fetch: hang.fetch, timeoutMs: 20, maxRetries: 1, ...fast });
      const e = await slowApi.getVideo(3).catch((x) => x);
      assert.equal(e.code, "timeout");
      assert.match(e.message, /timed out after 20 ms/);
      assert.equal(hang.signals.length, 2, "a timed-out GET is retried once");
      assert.ok(hang.signals.every((x) => x.aborted), "each timed-out attempt is cancelled");
      // A freed client throws.
      await c.getStream(1);
      c.free();
      assert.throws(() => c.getStream(1));
      assert.throws(() => c.getStream(1, {}));
    },
  },
  {
    name: "client fast path: a 2xx resource keeps every field as sent (snake_case, unknown, nested)",
    async run({ main, assert }) {
      const body = {
        id: 7,
        name: "s",
        push_url: "rtmp://x/in/7?k",
        dvr_duration: 14400,
        some_future_field: { nested_value: [1, "two", null] },
        "weird key": true,
      };
      const { fetch, calls } = scriptedFetch([
        { status: 200, body: JSON.stringify(body) },
        { status: 200, body: JSON.stringify([body, { id: 8 }]) },
        { status: 201, body: JSON.stringify(body) },
      ]);
      const c = client(main, fetch);
      assert.deepEqual(await c.getStream(7), body);
      assert.deepEqual(await c.listStreams(), [body, { id: 8 }]);
      assert.deepEqual(await c.createStream({ name: "s" }), body);
      assert.equal(calls.length, 3);
      assert.equal(calls[0].url, "http://127.0.0.1:9/streaming/streams/7");
      assert.equal(calls[0].init.method, "GET");
      assert.equal(calls[0].init.headers.Authorization, `APIKey ${KEY}`);
      assert.equal(calls[0].init.headers["Content-Type"], undefined);
      assert.equal(calls[2].init.method, "POST");
      assert.equal(calls[2].init.headers["Content-Type"], "application/json");
      assert.equal(calls[2].init.body, '{"name":"s"}');
      assert.ok(calls.every((x) => x.init.signal && x.init.signal.aborted === false), "each attempt has a live signal");
    },
  },
  {
    name: "client fast path: 2xx bodies of another shape give the same answers and typed errors as before",
    async run({ main, assert }) {
      const { fetch } = scriptedFetch([
        { status: 200, body: '  \n {"id":3,"live":true}' }, // leading spaces: still a stream
        { status: 200, body: "<html>gateway</html>" },
        { status: 200, body: '{"id":' }, // starts like an object, is not JSON
        { status: 200, body: '{"id":1}' }, // a list answered with an object
        { status: 200, body: "" }, // getVideo answered empty
        { status: 200, body: "{}" }, // stopRecording: {} means nothing was recording
        { status: 200, body: '{"warnings":[{"key":"client_storage_almost_exceeded"}]}' },
        { status: 200, body: '{"id":5}' }, // deletes resolve undefined whatever the body
        { status: 200, body: "" }, // createBroadcast answered empty
        { status: 200, body: " [ ] " },
      ]);
      const c = client(main, fetch);
      assert.deepEqual(await c.getStream(3), { id: 3, live: true });
      const shape = { name: "StreamingError", code: "invalid_response", status: 200, operation: "get_stream" };
      await assert.rejects(c.getStream(3), shape);
      await assert.rejects(c.getStream(3), shape);
      await assert.rejects(c.listVideos(), { name: "StreamingError", code: "invalid_response", operation: "list_videos" });
      await assert.rejects(c.getVideo(4), { name: "StreamingError", code: "invalid_response", operation: "get_video" });
      assert.equal(await c.stopRecording(1), null);
      assert.deepEqual(await c.startRecording(1), {
        warnings: [{ key: "client_storage_almost_exceeded" }],
        errors: [],
      });
      assert.equal(await c.deleteVideo(5), undefined);
      assert.equal(await c.createBroadcast({ name: "b", status: "pending" }), null);
      assert.deepEqual(await c.listBroadcasts(), []);
    },
  },
  {
    name: "client fast path: the messages of invalid 2xx bodies are unchanged",
    async run({ main, assert }) {
      const { fetch } = scriptedFetch([
        { status: 200, body: "<html>" },
        { status: 200, body: '{"id":' },
        { status: 200, body: "{}" },
      ]);
      const c = client(main, fetch);
      const e1 = await c.getStream(1).catch((e) => e);
      assert.match(e1.message, /expected a JSON object/);
      const e2 = await c.getStream(1).catch((e) => e);
      assert.match(e2.message, /not valid JSON/);
      assert.ok(!e1.message.includes(KEY) && !e2.message.includes(KEY), "no key in messages");
      const e3 = await c.listStreams().catch((e) => e);
      assert.match(e3.message, /expected a JSON array/);
    },
  },
  {
    name: "client fast path: errors and retries after a first attempt the driver made",
    async run({ main, assert }) {
      const { fetch, calls } = scriptedFetch([
        { status: 503, body: "busy", headers: { "retry-after": "0" } },
        { status: 200, body: '{"id":2,"extra_field":1}' },
        { status: 404, body: '{"error":"Not found"}' },
        { status: 429, body: "" },
        { status: 500, body: "" },
        { status: 200, body: " {\"id\":9}" }, // a retry's success through the Rust path
      ]);
      const c = client(main, fetch);
      assert.deepEqual(await c.getStream(2), { id: 2, extra_field: 1 });
      assert.equal(calls.length, 2);
      await assert.rejects(c.getStream(2, { maxRetries: 0 }), {
        name: "ApiError",
        code: "not_found",
        status: 404,
        operation: "get_stream",
        retryable: false,
      });
      assert.deepEqual(await c.getStream(9), { id: 9 });
      assert.equal(calls.length, 6);
      assert.ok(calls.slice(3).every((x) => x.url.endsWith("/streaming/streams/9") && x.init.method === "GET"));
      // POST is not resent on 500 (the first attempt's outcome goes through the same policy).
      const once = scriptedFetch([{ status: 500, body: "" }, { status: 200, body: '{"id":1}' }]);
      await assert.rejects(client(main, once.fetch).createStream({ name: "s" }), { code: "server_error", status: 500 });
      assert.equal(once.calls.length, 1);
    },
  },
  {
    name: "client fast path: network errors and a missing fetch are StreamingError network",
    async run({ main, assert }) {
      const failing = () => Promise.reject(new TypeError("connect ECONNREFUSED"));
      await assert.rejects(client(main, failing, { maxRetries: 0 }).getStream(1), {
        name: "StreamingError",
        code: "network",
        operation: "get_stream",
      });
      let n = 0;
      const throwsSync = () => {
        n++;
        throw new TypeError("bad url");
      };
      const e = await client(main, throwsSync, { maxRetries: 1 }).getStream(1).catch((x) => x);
      assert.equal(e.code, "network");
      assert.match(e.message, /bad url/);
      assert.equal(n, 2, "retried once");
    },
  },
  {
    name: "client fast path: a timeout aborts the attempt's fetch and rejects timeout",
    async run({ main, assert }) {
      const { fetch, signals } = hangingFetch();
      const c = client(main, fetch, { timeoutMs: 20 });
      await assert.rejects(c.getStream(1, { maxRetries: 0 }), {
        name: "StreamingError",
        code: "timeout",
        operation: "get_stream",
      });
      assert.equal(signals.length, 1);
      assert.equal(signals[0].aborted, true, "the timed-out request is cancelled");
      await assert.rejects(c.getStream(1, { maxRetries: 1, timeoutMs: 10 }), { code: "timeout" });
      assert.equal(signals.length, 3, "a timed-out GET is retried");
      assert.ok(signals.every((s) => s.aborted));
      const e = await c.getStream(1, { maxRetries: 0, timeoutMs: 15 }).catch((x) => x);
      assert.match(e.message, /timed out after 15 ms/);
    },
  },
  {
    name: "client fast path: the caller's signal aborts the attempt; listeners are removed after each call",
    async run({ main, assert }) {
      const hang = hangingFetch();
      const c = client(main, hang.fetch);
      const sig = countingSignal();
      const p = c.getStream(1, { signal: sig });
      await new Promise((r) => setTimeout(r, 10));
      assert.equal(sig.count, 1, "one listener while in flight");
      sig.abort();
      await assert.rejects(p, { name: "StreamingError", code: "aborted", operation: "get_stream" });
      assert.equal(hang.signals[0].aborted, true, "the request is cancelled");
      assert.equal(sig.count, 0);
      // Already aborted: fetch is never called.
      await assert.rejects(c.getStream(1, { signal: sig }), { code: "aborted" });
      assert.equal(hang.signals.length, 1);
      // After a success and after an error, no listener is left behind.
      const { fetch } = scriptedFetch([{ status: 200, body: '{"id":1}' }, { status: 404, body: "" }]);
      const c2 = client(main, fetch);
      const live = countingSignal();
      assert.equal((await c2.getStream(1, { signal: live })).id, 1);
      assert.equal(live.count, 0);
      await assert.rejects(c2.getStream(1, { signal: live, maxRetries: 0 }), { code: "not_found" });
      assert.equal(live.count, 0);
    },
  },
  {
    name: "client fast path: an abort during the backoff wait rejects aborted",
    async run({ main, assert }) {
      const { fetch, calls } = scriptedFetch([{ status: 503, body: "" }, { status: 200, body: '{"id":1}' }]);
      // A backoff of 45-60 s: the abort must end the wait itself, not the attempt after it.
      const c = client(main, fetch, { retryInitialDelayMs: 60000, retryMaxDelayMs: 60000 });
      const ac = new AbortController();
      const p = c.getStream(1, { signal: ac.signal });
      setTimeout(() => ac.abort(), 30);
      let timer;
      const waited = new Promise((resolve) => {
        timer = setTimeout(() => resolve("still waiting 10 s after the abort"), 10_000);
      });
      const first = await Promise.race([p.then(() => "resolved", (e) => e), waited]);
      clearTimeout(timer);
      assert.equal(first?.code, "aborted", `the abort ends the backoff wait (got ${first?.code ?? first})`);
      assert.equal(first?.name, "StreamingError");
      assert.equal(calls.length, 1);
    },
  },
  {
    name: "client slow path: per-call maxRetries reaches the retry loop; a retried PATCH resends its body",
    async run({ main, assert }) {
      const busy = { status: 503, body: "busy", headers: { "retry-after": "0" } };
      // The client allows no retry; the call allows two.
      let s = scriptedFetch([busy, busy, { status: 200, body: '{"id":3}' }]);
      assert.deepEqual(await client(main, s.fetch, { maxRetries: 0 }).getStream(3, { maxRetries: 2 }), { id: 3 });
      assert.equal(s.calls.length, 3);
      // The client allows three; the call none.
      s = scriptedFetch([busy, { status: 200, body: '{"id":3}' }]);
      await assert.rejects(client(main, s.fetch, { maxRetries: 3 }).getStream(3, { maxRetries: 0 }), {
        name: "ApiError",
        status: 503,
      });
      assert.equal(s.calls.length, 1);
      // A PATCH retried after a 429 sends the same method, URL, headers and body.
      s = scriptedFetch([{ status: 429, body: "", headers: { "retry-after": "0" } }, { status: 200, body: '{"id":4,"name":"b"}' }]);
      const b = await client(main, s.fetch).updateBroadcast(4, { name: "b" }, { timeoutMs: 1234 });
      assert.deepEqual(b, { id: 4, name: "b" });
      assert.equal(s.calls.length, 2);
      const [first, second] = s.calls;
      assert.equal(second.url, first.url);
      assert.equal(second.init.method, "PATCH");
      assert.equal(second.init.body, first.init.body);
      assert.deepEqual(JSON.parse(second.init.body), { broadcast: { name: "b" } });
      assert.deepEqual(second.init.headers, first.init.headers);
      assert.equal(second.init.headers.Authorization, `APIKey ${KEY}`);
    },
  },
];
