// The client's JS surface (StreamingClient, LiveSession, for-await pagination) against the scripted
// test server (tests/support/test-server.mjs at env.testServerUrl). Web-standard APIs only.

const KEY = "29841_c767$secret";

async function scripted(env, name, responses) {
  const id = `${name}-${Math.floor(Math.random() * 1e12)}`;
  const r = await fetch(`${env.testServerUrl}/_script/${id}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(responses),
  });
  if (r.status !== 200) throw new Error(`test server: ${r.status}`);
  return {
    base: `${env.testServerUrl}/s/${id}`,
    requests: async () => (await fetch(`${env.testServerUrl}/_requests/${id}`)).json(),
  };
}

const fast = { retryInitialDelayMs: 1, retryMaxDelayMs: 2 };

export default [
  {
    name: "client: the credential never appears in an error (bad keys and credentialed URLs refused, answers scrubbed)",
    async run({ main, assert, env }) {
      const never = (e, what) => {
        for (const text of [e.message, e.stack, String(e), JSON.stringify(e)]) {
          assert.ok(!text.includes(KEY) && !text.includes("pa55w0rd-xyz"), `${what}: ${text}`);
        }
      };
      for (const apiKey of [`${KEY}\r\nX-Evil: 1`, `${KEY}\n`, `${KEY}\u0000`, `${KEY} x`, `${KEY}é`]) {
        let e;
        try {
          new main.StreamingClient({ apiKey, baseUrl: env.testServerUrl });
        } catch (err) {
          e = err;
        }
        assert.ok(e, JSON.stringify(apiKey));
        assert.deepEqual([e.name, e.code, e.path], ["StreamingError", "invalid_params", "options.apiKey"]);
        never(e, "bad key");
      }
      let e;
      try {
        new main.StreamingClient({ apiKey: KEY, baseUrl: "https://user:pa55w0rd-xyz@api.example.com" });
      } catch (err) {
        e = err;
      }
      assert.deepEqual([e?.code, e?.path], ["invalid_params", "options.baseUrl"]);
      never(e, "credentialed base URL");
      // A proxy that echoes the Authorization header in its error body.
      const s = await scripted(env, "echo", [{ status: 400, body: { error: `bad request: Authorization: APIKey ${KEY}` } }]);
      const client = new main.StreamingClient({ apiKey: KEY, baseUrl: s.base, maxRetries: 0 });
      e = await client.getStream(5).catch((x) => x);
      assert.equal(e.name, "ApiError");
      never(e, "echoed answer");
      assert.ok(e.message.includes("[redacted]"), e.message);
      // Network errors: the runtime's message is scrubbed too.
      const refusing = new main.StreamingClient({ apiKey: KEY, maxRetries: 0, fetch: async () => { throw new TypeError(`cannot send APIKey ${KEY}`); } });
      e = await refusing.getStream(5).catch((x) => x);
      assert.equal(e.code, "network");
      never(e, "network error");
      e = await refusing.getStream(5, { timeoutMs: 1000 }).catch((x) => x);
      never(e, "network error (generated method)");
      client.free();
      refusing.free();
    },
  },
  {
    name: "client: createStream sends the flat body with the API key",
    async run({ main, assert, env }) {
      const s = await scripted(env, "create", [{ status: 200, body: { id: 320423, active: false } }]);
      const client = new main.StreamingClient({ apiKey: KEY, baseUrl: s.base });
      const stream = await client.createStream({ name: "test_stream", active: false, uri: null, webrtc: false });
      assert.equal(stream.id, 320423);
      const [req] = await s.requests();
      assert.equal(req.method, "POST");
      assert.equal(req.path, "/streaming/streams");
      assert.equal(req.headers.authorization, `APIKey ${KEY}`);
      assert.equal(req.body, '{"name":"test_stream","active":false,"uri":null,"webrtc":false}');
    },
  },
  {
    name: "client: every method hits its path; deletes resolve undefined, empty answers null",
    async run({ main, assert, env }) {
      const s = await scripted(env, "methods", [
        { status: 200, body: { id: 1, name: "s" } },
        { status: 200, body: [] },
        { status: 200, body: { id: 1 } },
        { status: 204 },
        { status: 204 },
        { status: 200, body: "" },
        { status: 200, body: "" },
        { status: 200, body: { id: 2, status: "live" } },
        { status: 200, body: [] },
        { status: 200, body: { id: 2, status: "paused" } },
        { status: 204 },
        { status: 200, body: { id: 3, status: "ready" } },
        { status: 200, body: [] },
        { status: 204 },
      ]);
      const c = new main.StreamingClient({ bearerToken: "jwt", baseUrl: s.base });
      await c.getStream(1);
      await c.listStreams({ page: 2, with_broadcasts: true });
      await c.updateStream(1, { active: true });
      assert.equal(await c.deleteStream(1), undefined);
      assert.deepEqual(await c.startRecording(1), { warnings: [], errors: [] });
      assert.equal(await c.stopRecording(1), null);
      assert.equal(await c.createBroadcast({ name: "b", status: "pending", stream_ids: [1] }), null);
      await c.getBroadcast(2);
      await c.listBroadcasts({ page: 3 });
      await c.updateBroadcast(2, { status: "paused" });
      await c.deleteBroadcast(2);
      assert.equal((await c.getVideo(3)).status, "ready");
      await c.listVideos({ page: 1, per_page: 10, stream_id: 1, status: "ready", search: "a b" });
      await c.deleteVideo(3);
      const got = (await s.requests()).map((r) => `${r.method} ${r.path} ${r.body}`.trim());
      assert.deepEqual(got, [
        "GET /streaming/streams/1",
        "GET /streaming/streams?page=2&with_broadcasts=1",
        'PATCH /streaming/streams/1 {"stream":{"active":true}}',
        "DELETE /streaming/streams/1",
        "PUT /streaming/streams/1/start_recording",
        "PUT /streaming/streams/1/stop_recording",
        'POST /streaming/broadcasts {"broadcast":{"name":"b","status":"pending","stream_ids":[1]}}',
        "GET /streaming/broadcasts/2",
        "GET /streaming/broadcasts?page=3",
        'PATCH /streaming/broadcasts/2 {"broadcast":{"status":"paused"}}',
        "DELETE /streaming/broadcasts/2",
        "GET /streaming/videos/3",
        "GET /streaming/videos?page=1&per_page=10&search=a%20b&status=ready&stream_id=1",
        "DELETE /streaming/videos/3",
      ]);
      assert.equal((await s.requests())[0].headers.authorization, "Bearer jwt");
    },
  },
  {
    name: "client: API errors are ApiError with code, status, fields, body; the key never shows",
    async run({ main, assert, env }) {
      const s = await scripted(env, "errors", [
        { status: 422, body: { errors: { name: ["can't be blank"], status: ["can't be blank"] } } },
        { status: 404, body: { status: 404, error: "Not Found." } },
        { status: 500 },
      ]);
      const c = new main.StreamingClient({ apiKey: KEY, baseUrl: s.base, ...fast });
      let err;
      try {
        await c.createBroadcast({ name: "b", status: "pending" });
      } catch (e) {
        err = e;
      }
      assert.ok(err instanceof Error, "an Error");
      assert.equal(err.name, "ApiError");
      assert.equal(err.code, "validation_failed");
      assert.equal(err.status, 422);
      assert.deepEqual(err.fields, { name: ["can't be blank"], status: ["can't be blank"] });
      assert.equal(err.retryable, false);
      assert.equal(err.operation, "create_broadcast");
      assert.equal(err.body.shape, "fields");
      await assert.rejects(c.getStream(9, { maxRetries: 0 }), { name: "ApiError", code: "not_found", status: 404 });
      // A create is not retried on 500.
      await assert.rejects(c.createStream({ name: "s" }), { name: "ApiError", code: "server_error", retryable: true });
      assert.equal((await s.requests()).length, 3);
      assert.ok(!String(err.message).includes("secret") && !JSON.stringify(err).includes("secret"));
      assert.ok(!String(c).includes("secret") && !JSON.stringify(Object.entries(c)).includes("secret"));
    },
  },
  {
    name: "client: retries 503 and 429 honouring Retry-After (seconds), POST only on 429",
    async run({ main, assert, env }) {
      const s = await scripted(env, "retries", [
        { status: 503, headers: { "Retry-After": "0" } },
        { status: 200, body: { id: 1 } },
        { status: 429, headers: { "Retry-After": "0" }, body: { error: "Queue limit reached (100), try later." } },
        { status: 200, body: { id: 2 } },
      ]);
      const c = new main.StreamingClient({ baseUrl: s.base, ...fast });
      assert.equal((await c.getStream(1)).id, 1);
      assert.equal((await c.createStream({ name: "s" })).id, 2);
      const reqs = await s.requests();
      assert.equal(reqs.length, 4);
      assert.equal(reqs[2].body, reqs[3].body);
      assert.equal(reqs[0].headers.authorization, undefined, "no auth header without credentials");
    },
  },
  {
    name: "client: bad arguments reject with StreamingError invalid_params and a path",
    async run({ main, assert, env }) {
      const c = new main.StreamingClient({ baseUrl: env.testServerUrl + "/s/unused" });
      await assert.rejects(c.createStream({ name: "s", dvr_duration: "long" }), {
        name: "StreamingError",
        code: "invalid_params",
        path: "dvr_duration",
      });
      await assert.rejects(c.createStream({}), { code: "invalid_params", path: "name" });
      await assert.rejects(c.getStream(-1), { code: "invalid_params", path: "id" });
      await assert.rejects(c.getStream(1, { timeoutMs: "soon" }), { code: "invalid_params", path: "options.timeoutMs" });
      assert.throws(() => new main.StreamingClient({ apiKey: "a", bearerToken: "b" }), {
        name: "StreamingError",
        code: "invalid_params",
        path: "options.bearerToken",
      });
      assert.throws(() => new main.StreamingClient({ fetch: 1 }), { code: "invalid_params", path: "options.fetch" });
    },
  },
  {
    name: "client: timeouts, aborts and an injected fetch",
    async run({ main, assert, env }) {
      const s = await scripted(env, "transport", [
        { status: 200, body: { id: 1 }, delay_ms: 2000 },
        { status: 200, body: { id: 1 }, delay_ms: 2000 },
        { status: 200, body: { id: 5 } },
      ]);
      const c = new main.StreamingClient({ baseUrl: s.base, ...fast });
      await assert.rejects(c.getStream(1, { timeoutMs: 50, maxRetries: 0 }), {
        name: "StreamingError",
        code: "timeout",
        operation: "get_stream",
      });
      const ac = new AbortController();
      const p = c.getStream(1, { signal: ac.signal });
      setTimeout(() => ac.abort(), 30);
      await assert.rejects(p, { name: "StreamingError", code: "aborted" });
      const seen = [];
      const injected = new main.StreamingClient({
        baseUrl: s.base,
        fetch: (url, init) => {
          seen.push([url, init.method]);
          return fetch(url, init);
        },
      });
      assert.equal((await injected.getStream(5)).id, 5);
      assert.deepEqual(seen, [[`${s.base}/streaming/streams/5`, "GET"]]);
    },
  },
  {
    name: "client: for await reads every page (25 per page, stops on a short page)",
    async run({ main, assert, env }) {
      const page = Array.from({ length: 25 }, (_, i) => ({ id: i + 1 }));
      const s = await scripted(env, "pages", [
        { status: 200, body: page },
        { status: 200, body: [{ id: 26 }, { id: 27 }] },
        { status: 200, body: page },
      ]);
      const c = new main.StreamingClient({ baseUrl: s.base });
      const ids = [];
      for await (const stream of c.streams()) ids.push(stream.id);
      // Every item once, in the API's order.
      assert.deepEqual(ids, Array.from({ length: 27 }, (_, i) => i + 1));
      let n = 0;
      for await (const v of c.videos({ stream_id: 4 })) {
        n += 1;
        if (n === 3) break;
      }
      const paths = (await s.requests()).map((r) => r.path);
      assert.deepEqual(paths, [
        "/streaming/streams?page=1",
        "/streaming/streams?page=2",
        "/streaming/videos?page=1&stream_id=4",
      ]);
    },
  },
  {
    name: "client: page iterators check their query at the call, re-read a failed page, end on return()",
    async run({ main, assert, env }) {
      const c0 = new main.StreamingClient({ baseUrl: "http://127.0.0.1:9" });
      assert.throws(() => c0.streams({ page: -1 }), { name: "StreamingError", code: "invalid_params", path: "query.page" });
      assert.throws(() => c0.videos({ bogus: 1, per_page: "x" }), { code: "invalid_params", path: "query.per_page" });
      assert.throws(() => c0.broadcasts(undefined, { timeoutMs: -1 }), { code: "invalid_params", path: "options.timeoutMs" });
      assert.throws(() => c0.streams.call({}), TypeError);
      const s = await scripted(env, "pages-errors", [
        { status: 200, body: [{ id: 1 }, { id: 2 }] },
        { status: 404, body: { error: "gone" } },
        { status: 200, body: [{ id: 3 }, { id: 4 }] },
        { status: 200, body: [{ id: 5 }] },
        { status: 200, body: [{ id: 6 }, { id: 7 }] },
      ]);
      const c = new main.StreamingClient({ baseUrl: s.base, maxRetries: 0 });
      // per_page 2: full pages of 2, from page 3 on.
      const it = c.videos({ page: 3, per_page: 2, status: "ready" });
      assert.equal(it[Symbol.asyncIterator](), it);
      const ids = [];
      ids.push((await it.next()).value.id, (await it.next()).value.id);
      await assert.rejects(it.next(), { name: "ApiError", code: "not_found" });
      for (let r = await it.next(); !r.done; r = await it.next()) ids.push(r.value.id);
      assert.deepEqual(ids, [1, 2, 3, 4, 5]);
      assert.deepEqual(await it.next(), { done: true, value: undefined });
      // return() (a `break` in for await) ends it: no further page is read.
      const b = c.broadcasts();
      assert.equal((await b.next()).value.id, 6);
      assert.deepEqual(await b.return(), { done: true, value: undefined });
      assert.deepEqual(await b.next(), { done: true, value: undefined });
      const paths = (await s.requests()).map((r) => r.path);
      assert.deepEqual(paths, [
        "/streaming/videos?page=3&per_page=2&status=ready",
        "/streaming/videos?page=4&per_page=2&status=ready",
        "/streaming/videos?page=4&per_page=2&status=ready",
        "/streaming/videos?page=5&per_page=2&status=ready",
        "/streaming/broadcasts?page=1",
      ]);
    },
  },
  {
    name: "LiveSession: the four stages, then waitForVideoReady nudged by notifyVideo",
    async run({ main, assert, env }) {
      const s = await scripted(env, "session", [
        { status: 200, body: { id: 320423, active: false } },
        { status: 200, body: { id: 192470, status: "pending", stream_ids: [320423] } },
        { status: 200, body: { id: 320423, active: true } },
        { status: 200, body: { id: 192470, status: "live" } },
        { status: 200, body: { data: {}, warnings: [{ key: "client_storage_almost_exceeded" }], errors: [] } },
        { status: 200, body: { id: 803111, status: "pending" } },
        { status: 200, body: { id: 192470, status: "finished" } },
        { status: 200, body: { id: 320423, active: false } },
        { status: 204 },
        { status: 200, body: { id: 803111, status: "pending" } },
        { status: 200, body: { id: 803111, status: "ready", hls_url: "https://x/m.m3u8" } },
      ]);
      const c = new main.StreamingClient({ apiKey: KEY, baseUrl: s.base });
      const session = await main.LiveSession.setup(c, {
        stream: { name: "test_stream" },
        transcodingRegion: "ix1",
        broadcast: { name: "test_broadcast" },
      });
      assert.equal(session.state.status, "ready");
      assert.equal(session.state.broadcast.id, 192470);
      assert.equal((await session.goLive()).status, "live");
      const rec = await session.startRecording();
      assert.equal(rec.warnings[0].key, "client_storage_almost_exceeded");
      const videos = await session.stop();
      assert.deepEqual(videos.map((v) => v.id), [803111]);
      assert.equal(session.state.status, "stopped");
      const waiting = session.waitForVideoReady({ intervalMs: 60000 });
      setTimeout(() => session.notifyVideo({ id: 803111, status: "ready" }), 50);
      const ready = await waiting;
      assert.equal(ready.hls_url, "https://x/m.m3u8");
      const bodies = (await s.requests()).map((r) => `${r.method} ${r.path} ${r.body}`.trim());
      assert.deepEqual(bodies.slice(0, 4), [
        'POST /streaming/streams {"name":"test_stream","active":false,"transcoding_region":"ix1"}',
        'POST /streaming/broadcasts {"broadcast":{"name":"test_broadcast","status":"pending","stream_ids":[320423]}}',
        'PATCH /streaming/streams/320423 {"stream":{"active":true}}',
        'PATCH /streaming/broadcasts/192470 {"broadcast":{"status":"live"}}',
      ]);
      assert.deepEqual(bodies.slice(5, 9), [
        "PUT /streaming/streams/320423/stop_recording",
        'PATCH /streaming/broadcasts/192470 {"broadcast":{"status":"finished"}}',
        'PATCH /streaming/streams/320423 {"stream":{"active":false}}',
        "DELETE /streaming/broadcasts/192470",
      ]);
    },
  },
  {
    name: "LiveSession: attach, pause/resume, perform a tracker action",
    async run({ main, assert, env }) {
      const s = await scripted(env, "perform", [
        { status: 200, body: { id: 192470, status: "paused" } },
        { status: 200, body: { id: 1, status: "pending" } },
        { status: 200, body: { id: 192470, status: "live" } },
        { status: 204 },
        { status: 200, body: { id: 2, status: "pending" } },
      ]);
      const c = new main.StreamingClient({ baseUrl: s.base });
      const session = main.LiveSession.attach(c, {
        stream: { id: 320423 },
        broadcast: { id: 192470 },
        status: "live",
        recording: true,
        resumeRecording: false,
        videos: [],
      });
      assert.equal((await session.pause({ stopRecording: true })).id, 1);
      assert.equal(session.state.status, "paused");
      assert.deepEqual(await session.resume(), { warnings: [], errors: [] });
      const video = await session.perform({
        operation: "stop_recording",
        stream_id: 320423,
        reason: "the stream ended",
        step: 9,
      });
      assert.equal(video.id, 2);
      assert.deepEqual(session.state.videos.map((v) => v.id), [1, 2]);
      await assert.rejects(session.perform({ operation: "get_video", reason: "x" }), {
        name: "StreamingError",
        code: "invalid_params",
        path: "video_id",
      });
    },
  },
];
