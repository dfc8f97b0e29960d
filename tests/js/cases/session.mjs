// LiveSession against a scripted fetch, with explicit expected values.
//
// The shared scenarios (tests/fixtures/session/scenarios.json, written from the integration guide and
// docs/) are run by this file and by the Rust session (tests/client_session.rs): the requests each call
// makes, what it resolves to or rejects with, and `state` afterwards. The checks of what JS callers
// can pass (the Rust API is typed) follow, each with the error it must give.

const STATE = {
  stream: { id: 320423, name: "s" },
  broadcast: { id: 192470, status: "live" },
  status: "live",
  recording: true,
  resumeRecording: false,
  videos: [],
};

function scripted(answers, log) {
  return async (url, init = {}) => {
    log.push(`${init.method ?? "GET"} ${url.replace(/^http:\/\/api\.test/, "")}${init.body ? " " + init.body : ""}`);
    const a = answers.shift();
    if (!a) throw new TypeError("no more answers");
    const body = a.text ?? (a.body === undefined ? null : JSON.stringify(a.body));
    return new Response(a.status === 204 ? null : body, { status: a.status ?? 200 });
  };
}

/** A client over a scripted fetch: `answers` to push to, `requests` sent. */
function scriptedClient(m) {
  const answers = [];
  const requests = [];
  const client = new m.StreamingClient({ baseUrl: "http://api.test", fetch: scripted(answers, requests), maxRetries: 0, retryInitialDelayMs: 1 });
  return { client, answers, requests };
}

/** Resolves to `{ value }` (as JSON has it) or `{ error }`. */
async function settle(f) {
  try {
    const v = await f();
    return { value: v === undefined ? null : JSON.parse(JSON.stringify(v)) };
  } catch (error) {
    return { error };
  }
}

const CALLS = {
  goLive: (s) => s.goLive(),
  startRecording: (s) => s.startRecording(),
  pause: (s, a) => s.pause(a),
  resume: (s) => s.resume(),
  stop: (s) => s.stop(),
  waitForVideoReady: (s, a) => s.waitForVideoReady(a),
  perform: (s, a) => s.perform(a),
};

async function runScenario(m, assert, sc) {
  const { client, answers, requests } = scriptedClient(m);
  let session = sc.attach ? m.LiveSession.attach(client, sc.attach) : undefined;
  for (const [i, step] of sc.steps.entries()) {
    const at = `${sc.name}, step ${i} (${step.call})`;
    answers.push(...step.answers);
    requests.length = 0;
    const got =
      step.call === "setup"
        ? await settle(async () => {
            session = await m.LiveSession.setup(client, step.args);
          })
        : await settle(() => CALLS[step.call](session, step.args));
    assert.deepEqual(requests, step.requests, `${at}: requests`);
    assert.equal(answers.length, 0, `${at}: answers left over`);
    if (step.error) {
      assert.ok(got.error, `${at}: resolved, expected ${JSON.stringify(step.error)}`);
      assert.equal(got.error.code, step.error.code, `${at}: error code (${got.error.message})`);
      if (step.error.operation) assert.equal(got.error.operation, step.error.operation, `${at}: operation`);
    } else {
      assert.ok(!got.error, `${at}: ${got.error?.stack}`);
      if ("value" in step) assert.deepEqual(got.value, step.value, `${at}: value`);
    }
    if (step.state) assert.deepEqual(session.state, step.state, `${at}: state`);
  }
}

/** Runs `f` and checks it rejects (or throws) `invalid_params` at `path` (when given) before any request. */
async function rejects(assert, requests, label, f, path) {
  const before = requests.length;
  const { error } = await settle(f);
  assert.ok(error, `${label}: no error`);
  assert.equal(error.name, "StreamingError", `${label}: ${error.stack}`);
  assert.equal(error.code, "invalid_params", `${label}: ${error.message}`);
  if (path !== undefined) assert.equal(error.path, path, `${label}: path (${error.message})`);
  assert.equal(requests.length, before, `${label}: no request`);
}

const B = { name: "b" };
const S = { name: "x" };

export default [
  {
    name: "LiveSession: the shared scenarios (tests/fixtures/session/scenarios.json)",
    async run({ main, assert, fixture }) {
      const { scenarios } = JSON.parse(await fixture("session/scenarios.json"));
      assert.ok(scenarios.length >= 8);
      for (const sc of scenarios) await runScenario(main, assert, sc);
    },
  },
  {
    name: "LiveSession.setup: what it checks before any request",
    async run({ main: m, assert }) {
      const { client, answers, requests } = scriptedClient(m);
      const bad = [
        [5],
        [null],
        [undefined],
        ["x"],
        [{}, "broadcast"],
        [{ broadcast: {} }, "broadcast.name"],
        [{ broadcast: null, stream: S }, "broadcast"],
        [{ broadcast: { name: "" }, stream: S }, "broadcast.name"],
        [{ broadcast: { name: "  " }, streamId: 5 }, "broadcast.name"],
        [{ broadcast: B }, "stream"],
        [{ bogus: 1, broadcast: B }, "bogus"],
        [{ broadcast: B, streamId: -1 }, "streamId"],
        [{ broadcast: B, streamId: "x" }, "streamId"],
        [{ broadcast: B, streamId: 1.5 }, "streamId"],
        [{ broadcast: B, transcodingRegion: 5, stream: S }, "transcodingRegion"],
        [{ broadcast: { name: 5 }, stream: S }, "broadcast.name"],
        [{ broadcast: B, stream: { name: 5 } }, "stream.name"],
        [{ broadcast: B, stream: { dvr_duration: "x", name: "n" } }, "stream.dvr_duration"],
        [{ broadcast: B, stream: {} }, "name"], // (the error createStream gives a stream without a name)
        [{ broadcast: B, stream: 5 }, "stream"],
        [{ broadcast: 5, stream: S }, "broadcast"],
        [{ broadcast: B, stream: S, big: 10n }, "params"], // (not JSON data)
      ];
      for (const [i, [o, path]] of bad.entries()) {
        await rejects(assert, requests, `setup bad ${i}`, () => m.LiveSession.setup(client, o), path);
      }
      // The request options are checked before the broadcast's name.
      for (const [opts, path] of [[5, "options"], [{ timeoutMs: -1 }, "options.timeoutMs"], [{ maxRetries: 1.5 }, "options.maxRetries"], [{ signal: {} }, "options.signal"], ["x", "options"]]) {
        for (const name of ["", "b"]) {
          await rejects(assert, requests, `setup opts ${JSON.stringify(opts)}`, () => m.LiveSession.setup(client, { broadcast: { name }, stream: S }, opts), path);
        }
      }
      await rejects(assert, requests, "not a client", () => m.LiveSession.setup({}, { broadcast: B, stream: S }), "client");

      // Fields the SDK does not model are sent; null reads as absent.
      answers.push({ body: { id: 9 } }, { body: { id: 50 } }, { body: { id: 9, active: true } });
      const s = await m.LiveSession.setup(client, { broadcast: { name: "b", foo: 1 }, stream: S, streamId: 9, transcodingRegion: null });
      assert.deepEqual(requests.splice(0), [
        'PATCH /streaming/streams/9 {"stream":{"name":"x"}}',
        'POST /streaming/broadcasts {"broadcast":{"name":"b","status":"pending","stream_ids":[9],"foo":1}}',
        'PATCH /streaming/streams/9 {"stream":{"active":true}}',
      ]);
      assert.deepEqual(s.state, { stream: { id: 9, active: true }, broadcast: { id: 50 }, status: "ready", recording: false, resumeRecording: false, videos: [] });

      // An answer without the id the next step needs; an API error: of the step that failed.
      answers.push({ body: {} });
      let r = await settle(() => m.LiveSession.setup(client, { broadcast: B, stream: S }));
      assert.equal(r.error?.code, "invalid_response");
      assert.equal(r.error.operation, "create_stream");
      answers.push({ status: 422, body: { errors: { name: ["taken"] } } });
      r = await settle(() => m.LiveSession.setup(client, { broadcast: B, stream: S }, { maxRetries: 0 }));
      assert.equal(r.error?.code, "validation_failed");
      assert.equal(r.error.operation, "create_stream");
      assert.deepEqual(requests.splice(0), ['POST /streaming/streams {"name":"x","active":false}', 'POST /streaming/streams {"name":"x","active":false}']);
      assert.equal(answers.length, 0);
    },
  },
  {
    name: "LiveSession.attach: what it accepts as stored state",
    async run({ main: m, assert }) {
      const { client, requests } = scriptedClient(m);
      const bad = [
        [5, "state"],
        [null, "state"],
        [{}, "state.stream"],
        [{ stream: 5 }, "state.stream"],
        [{ stream: {} }, "state.stream.id"],
        [{ stream: { id: 0 }, broadcast: {} }, "state.stream.id"],
        [{ stream: { id: "1" }, broadcast: {} }, "state.stream.id"],
        [{ stream: { id: 1 } }, "state.broadcast"],
        [{ stream: { id: 1 }, broadcast: 5 }, "state.broadcast"],
        [{ stream: { id: 1 }, broadcast: { id: -2 } }, "state.broadcast.id"],
        [{ stream: { id: 1 }, broadcast: {}, status: "x" }, "state.status"],
        [{ stream: { id: 1 }, broadcast: {}, status: 5 }, "state.status"],
        [{ stream: { id: 1 }, broadcast: {}, videos: 5 }, "state.videos"],
        [{ stream: { id: 1 }, broadcast: {}, videos: [5] }, "state.videos"],
        [{ stream: { id: 1 }, broadcast: {}, videos: [{}] }, "state.videos.id"],
        [{ stream: { id: 1 }, broadcast: {}, videos: [{ id: 2.5 }] }, "state.videos.id"],
        [{ stream: { id: 1 }, broadcast: {}, recording: "yes" }, "state.recording"],
        [{ stream: { id: 1 }, broadcast: {}, resumeRecording: 1 }, "state.resumeRecording"],
        [{ stream: { id: 1 }, broadcast: {}, recording: "yes", videos: 5 }, "state.videos"],
      ];
      for (const [i, [st, path]] of bad.entries()) await rejects(assert, requests, `attach ${i}`, () => m.LiveSession.attach(client, st), path);
      // null reads as absent; what the session does not read is kept.
      const fresh = { status: "ready", recording: false, resumeRecording: false, videos: [] };
      assert.deepEqual(m.LiveSession.attach(client, { stream: { id: 1 }, broadcast: { id: null }, status: null }).state, {
        stream: { id: 1 },
        broadcast: { id: null },
        ...fresh,
      });
      const kept = { stream: { id: 1, x: [1, { y: null }] }, broadcast: {}, videos: [{ id: 3, a: "é" }, { id: 4 }], recording: null };
      assert.deepEqual(m.LiveSession.attach(client, kept).state, { ...fresh, ...kept, recording: false });
    },
  },
  {
    name: "LiveSession stages: their options checked before any request",
    async run({ main: m, assert }) {
      const { client, requests } = scriptedClient(m);
      const s = m.LiveSession.attach(client, STATE);
      await rejects(assert, requests, "goLive 5", () => s.goLive(5), "options");
      await rejects(assert, requests, "goLive timeout", () => s.goLive({ timeoutMs: "x" }), "options.timeoutMs");
      await rejects(assert, requests, "pause stopRecording", () => s.pause({ stopRecording: "yes" }), "options.stopRecording");
      await rejects(assert, requests, "pause 5", () => s.pause(5), "options");
      await rejects(assert, requests, "resume maxRetries", () => s.resume({ maxRetries: -1 }), "options.maxRetries");
      await rejects(assert, requests, "startRecording signal", () => s.startRecording({ signal: 5 }), "options.signal");
      await rejects(assert, requests, "stop 5", () => s.stop(5), "options");
      assert.deepEqual(s.state, STATE);
    },
  },
  {
    name: "LiveSession.waitForVideoReady: options, aborts, and a nudge from a webhook",
    async run({ main: m, assert }) {
      const { client, answers, requests } = scriptedClient(m);
      const s = m.LiveSession.attach(client, { ...STATE, videos: [{ id: 5, status: "pending" }] });
      const bad = [
        [5, "options"],
        ["x", "options"],
        [{ videoId: 0 }, "options.videoId"],
        [{ videoId: "5" }, "options.videoId"],
        [{ intervalMs: -1 }, "options.intervalMs"],
        [{ maxIntervalMs: "x" }, "options.maxIntervalMs"],
        [{ timeoutMs: NaN }, "options.timeoutMs"],
        [{ signal: {} }, "options.signal"],
        [{ maxRetries: 2.5 }, "options.maxRetries"],
      ];
      for (const [o, path] of bad) await rejects(assert, requests, `wait ${JSON.stringify(o)}`, () => s.waitForVideoReady(o), path);
      const none = m.LiveSession.attach(client, STATE);
      for (const o of [undefined, null]) {
        const r = await settle(() => none.waitForVideoReady(o));
        assert.equal(r.error?.code, "invalid_state");
      }
      assert.equal(requests.length, 0);

      // Aborted before the first poll: no request.
      const aborted = new AbortController();
      aborted.abort();
      let r = await settle(() => s.waitForVideoReady({ signal: aborted.signal }));
      assert.equal(r.error?.code, "aborted");
      assert.equal(r.error.operation, "get_video");
      assert.equal(requests.length, 0);

      const polled = async (n) => {
        while (requests.length < n) await new Promise((res) => setTimeout(res, 2));
      };
      // Aborted while sleeping between polls.
      const later = new AbortController();
      answers.push({ body: { id: 5, status: "pending" } });
      const w = settle(() => s.waitForVideoReady({ signal: later.signal, intervalMs: 60000 }));
      await polled(1);
      later.abort();
      r = await w;
      assert.equal(r.error?.code, "aborted");
      assert.equal(r.error.operation, "get_video");

      // A webhook for the video waited for ends the sleep: the next poll is made at once.
      answers.push({ body: { id: 5, status: "viewable" } }, { body: { id: 5, status: "ready" } });
      let done = false;
      const w2 = settle(() => s.waitForVideoReady({ intervalMs: 60000 })).then((x) => ((done = true), x));
      await polled(2);
      assert.equal(s.notifyVideo(6), false, "another video wakes nothing");
      // (A nudge while the poll is in flight is lost, as in the Rust session: nudge until done.)
      let woke = false;
      while (!done) {
        woke = s.notifyVideo({ id: 5, status: "ready" }) || woke;
        await new Promise((res) => setTimeout(res, 5));
      }
      assert.equal(woke, true);
      assert.deepEqual((await w2).value, { id: 5, status: "ready" });
      assert.deepEqual(requests, ["GET /streaming/videos/5", "GET /streaming/videos/5", "GET /streaming/videos/5"]);
      assert.deepEqual(s.state.videos, [{ id: 5, status: "ready" }]);
      assert.equal(s.notifyVideo(5), false, "nothing waits");
      for (const [v, path] of [["x", "video"], [{ id: 0 }, "video.id"], [{}, "video"], [null, "video"], [1.5, "video"]]) {
        await rejects(assert, requests, `notify ${JSON.stringify(v)}`, () => s.notifyVideo(v), path);
      }
    },
  },
  {
    name: "LiveSession.perform: actions the client does not take",
    async run({ main: m, assert }) {
      const { client, requests } = scriptedClient(m);
      const s = m.LiveSession.attach(client, STATE);
      const act = (o) => ({ reason: "r", ...o });
      for (const [a, path] of [
        [5, "action"],
        [null, "action"],
        [{}, "action.operation"],
        [{ operation: "nope", reason: "x" }, "action.operation"],
        [{ operation: "get_video" }, "action.reason"],
        // The id the operation's path needs.
        [act({ operation: "delete_broadcast" }), "broadcast_id"],
        [act({ operation: "get_video" }), "video_id"],
        [act({ operation: "get_stream" }), "stream_id"],
        [act({ operation: "get_stream", stream_id: -1 }), "action.stream_id"],
        [act({ operation: "get_stream", stream_id: 1, step: 300 }), "action.step"],
      ]) {
        await rejects(assert, requests, `perform ${JSON.stringify(a)}`, () => s.perform(a), path);
      }
      await rejects(assert, requests, "perform options", () => s.perform(act({ operation: "get_stream", stream_id: 1 }), { timeoutMs: -5 }), "options.timeoutMs");
      await rejects(assert, requests, "perform action and options", () => s.perform({ operation: "get_video" }, 5));
      assert.deepEqual(s.state, STATE);
    },
  },
];
