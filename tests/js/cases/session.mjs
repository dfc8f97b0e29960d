// LiveSession, step by step, against a scripted fetch: the requests it sends, what each call resolves
// or rejects with, and `state` in between, compared with tests/js/session-golden.mjs.
//
// The golden traces were recorded when LiveSession moved from Rust futures in the wasm
// (src/js/session.rs) to JS over the client (pkg-template/session.js): both implementations ran these
// scenarios and agreed on every one of their 144 steps but one, an intended change (a `client` that
// is not a StreamingClient now gets `invalid_params` instead of wasm-bindgen's plain Error).
// Regenerate (after a change meant to alter them; review the diff): `node scripts/session-golden.mjs`.
import golden from "../session-golden.mjs";

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
    const body = a.body === undefined ? null : typeof a.body === "string" ? a.body : JSON.stringify(a.body);
    return new Response(a.status === 204 ? null : body, { status: a.status ?? 200 });
  };
}

function outcome(v) {
  if (v instanceof Error) {
    const o = { error: true, name: v.name, message: v.message };
    for (const k of ["code", "path", "status", "operation", "video"]) if (k in v) o[k] = v[k] === undefined ? "<undefined>" : v[k];
    return o;
  }
  if (v && typeof v === "object" && typeof v.goLive === "function") return { session: true };
  return { value: v === undefined ? "<undefined>" : v };
}

async function step(trace, label, f) {
  let r;
  try {
    r = await f();
  } catch (e) {
    r = e;
  }
  trace.push({ label, ...outcome(r) });
  return r;
}

export const scenarios = {
  async createFlow(m, t, answers) {
    answers.push(
      { body: { id: 320423, active: false, name: "test_stream" } },
      { body: { id: 192470, status: "pending", stream_ids: [320423], name: "b" } },
      { body: { id: 320423, active: true } },
      { body: { id: 192470, status: "live" } },
      { body: { data: {}, warnings: [{ key: "k" }], errors: [] } },
      { body: { id: 192470, status: "paused" } },
      { body: { id: 803111, status: "pending" } },
      { body: { id: 192470, status: "live" } },
      { status: 200, body: { warnings: [], errors: [] } },
      { body: { id: 803112, status: "pending" } },
      { body: { id: 192470, status: "finished" } },
      { body: { id: 320423, active: false } },
      { status: 204 },
      { body: { id: 803112, status: "pending" } },
      { body: { id: 803112, status: "ready", hls_url: "u" } },
    );
    const s = await step(t, "setup", () =>
      m.LiveSession.setup(t.client, { stream: { name: "test_stream", active: true }, transcodingRegion: "ix1", broadcast: { name: "b", share_url: "x" } }),
    );
    t.push({ state: s.state });
    await step(t, "goLive", () => s.goLive());
    await step(t, "startRecording", () => s.startRecording({ timeoutMs: 5000 }));
    await step(t, "pause", () => s.pause({ stopRecording: true }));
    t.push({ state: s.state });
    await step(t, "resume", () => s.resume());
    t.push({ state: s.state });
    await step(t, "stop", () => s.stop());
    t.push({ state: s.state });
    await step(t, "wait", () => s.waitForVideoReady({ intervalMs: 1 }));
    t.push({ state: s.state });
  },
  async reuseAndList(m, t, answers) {
    answers.push(
      { body: { id: 7, name: "n", transcoding_region: "dt1" } },
      { status: 204 },
      {
        body: Array.from({ length: 25 }, (_, i) => ({ id: 100 + i, name: i === 3 ? "b" : "other", stream_ids: [7] })),
      },
      { body: [{ id: 99, name: "b", stream_ids: [7] }, { id: 500, name: "b", stream_ids: [8] }, { id: 130, name: "b", stream_ids: [1, 7] }] },
      { body: { id: 7, active: true } },
    );
    const s = await step(t, "setup reuse", () =>
      m.LiveSession.setup(t.client, { streamId: 7, stream: { name: "n" }, transcodingRegion: "dt1", broadcast: { name: "b" } }),
    );
    t.push({ state: s.state });
    answers.push({ body: { id: 9, active: false, transcoding_region: "x" } }, { body: { id: 50 } }, { body: { id: 9, active: true } });
    const r = await step(t, "setup reuse, region only", () =>
      m.LiveSession.setup(t.client, { streamId: 9, transcodingRegion: "x", broadcast: { name: "c" } }),
    );
    t.push({ state: r.state });
    // Reuse without settings: a GET.
    answers.push({ body: { id: 8, active: false } }, { body: { name: "b" } }, { body: [] });
    await step(t, "setup reuse, no settings, broadcast not found", () =>
      m.LiveSession.setup(t.client, { streamId: 8, broadcast: { name: "b" } }, { maxRetries: 0 }),
    );
  },
  async setupErrors(m, t, answers) {
    const bad = [
      5,
      null,
      undefined,
      "x",
      {},
      { broadcast: {} },
      { broadcast: null, stream: { name: "x" } },
      { broadcast: { name: "" }, stream: { name: "x" } },
      { broadcast: { name: "  " }, streamId: 5 },
      { broadcast: { name: "b" } },
      { bogus: 1, broadcast: { name: "b" } },
      { broadcast: { name: "b" }, streamId: -1 },
      { broadcast: { name: "b" }, streamId: "x" },
      { broadcast: { name: "b" }, streamId: 1.5 },
      { broadcast: { name: "b" }, transcodingRegion: 5, stream: { name: "x" } },
      { broadcast: { name: "b", foo: 1 }, stream: { name: "x" }, streamId: 9, transcodingRegion: null },
      { broadcast: { name: 5 }, stream: { name: "x" } },
      { broadcast: { name: "b" }, stream: { name: 5 } },
      { broadcast: { name: "b" }, stream: { dvr_duration: "x", name: "n" } },
      { broadcast: { name: "b" }, stream: {} },
      { broadcast: { name: "b" }, stream: 5 },
      { broadcast: 5, stream: { name: "x" } },
      { broadcast: { name: "b" }, stream: { name: "x" }, big: 10n },
    ];
    for (const [i, o] of bad.entries()) await step(t, `setup bad ${i}`, () => m.LiveSession.setup(t.client, o));
    for (const opts of [5, { timeoutMs: -1 }, { maxRetries: 1.5 }, { signal: {} }, "x"]) {
      await step(t, `setup opts ${JSON.stringify(opts)}`, () =>
        m.LiveSession.setup(t.client, { broadcast: { name: "" }, stream: { name: "x" } }, opts),
      );
      await step(t, `setup opts ok ${JSON.stringify(opts)}`, () =>
        m.LiveSession.setup(t.client, { broadcast: { name: "b" }, stream: { name: "x" } }, opts),
      );
    }
    answers.push({ body: {} }, { status: 422, body: { errors: { name: ["taken"] } } });
    await step(t, "stream without id", () => m.LiveSession.setup(t.client, { broadcast: { name: "b" }, stream: { name: "x" } }));
    await step(t, "422", () => m.LiveSession.setup(t.client, { broadcast: { name: "b" }, stream: { name: "x" } }, { maxRetries: 0 }));
    await step(t, "not a client", () => m.LiveSession.setup({}, { broadcast: { name: "b" }, stream: { name: "x" } }));
  },
  async attachErrors(m, t) {
    const states = [
      5,
      null,
      {},
      { stream: 5 },
      { stream: {} },
      { stream: { id: 0 }, broadcast: {} },
      { stream: { id: "1" }, broadcast: {} },
      { stream: { id: 1 } },
      { stream: { id: 1 }, broadcast: 5 },
      { stream: { id: 1 }, broadcast: { id: -2 } },
      { stream: { id: 1 }, broadcast: { id: null } },
      { stream: { id: 1 }, broadcast: {}, status: "x" },
      { stream: { id: 1 }, broadcast: {}, status: 5 },
      { stream: { id: 1 }, broadcast: {}, status: null },
      { stream: { id: 1 }, broadcast: {}, videos: 5 },
      { stream: { id: 1 }, broadcast: {}, videos: [5] },
      { stream: { id: 1 }, broadcast: {}, videos: [{}] },
      { stream: { id: 1 }, broadcast: {}, videos: [{ id: 2.5 }] },
      { stream: { id: 1 }, broadcast: {}, recording: "yes" },
      { stream: { id: 1 }, broadcast: {}, resumeRecording: 1 },
      { stream: { id: 1 }, broadcast: {}, recording: "yes", videos: 5 },
      { stream: { id: 1, x: [1, { y: null }] }, broadcast: {}, videos: [{ id: 3, a: "é" }, { id: 4 }], recording: null },
    ];
    for (const [i, st] of states.entries()) {
      const s = await step(t, `attach ${i}`, () => m.LiveSession.attach(t.client, st));
      if (s && typeof s.goLive === "function") t.push({ state: s.state });
    }
  },
  async stageErrors(m, t, answers) {
    const s = m.LiveSession.attach(t.client, { ...STATE, broadcast: { name: "no id" } });
    await step(t, "goLive no broadcast id", () => s.goLive());
    await step(t, "goLive 5", () => s.goLive(5));
    await step(t, "goLive bad timeout", () => s.goLive({ timeoutMs: "x" }));
    await step(t, "pause bad", () => s.pause({ stopRecording: "yes" }));
    await step(t, "pause 5", () => s.pause(5));
    await step(t, "resume bad", () => s.resume({ maxRetries: -1 }));
    await step(t, "startRecording bad", () => s.startRecording({ signal: 5 }));
    answers.push({ body: { id: 803111, status: "pending" } });
    await step(t, "stop no broadcast id", () => s.stop());
    t.push({ state: s.state });
    const s2 = m.LiveSession.attach(t.client, { ...STATE, recording: false });
    answers.push({ body: { id: 192470, status: "paused" } });
    await step(t, "pause not recording", () => s2.pause({ stopRecording: true }));
    answers.push({ status: 200, body: "null" }, { body: { id: 192470, status: "finished" } }, { body: { id: 320423, active: false } }, { status: 204 });
    await step(t, "stop, nothing recorded", () => s2.stop({ maxRetries: 0 }));
    t.push({ state: s2.state });
    answers.push({ status: 500, body: "boom" });
    await step(t, "goLive 500", () => s2.goLive({ maxRetries: 0 }));
    t.push({ state: s2.state });
  },
  async waits(m, t, answers) {
    const s = m.LiveSession.attach(t.client, { ...STATE, videos: [{ id: 5, status: "pending" }] });
    for (const o of [5, "x", { videoId: 0 }, { videoId: "5" }, { intervalMs: -1 }, { maxIntervalMs: "x" }, { timeoutMs: NaN }, { signal: {} }, { maxRetries: 2.5 }]) {
      await step(t, `wait bad ${JSON.stringify(o)}`, () => s.waitForVideoReady(o));
    }
    const none = m.LiveSession.attach(t.client, STATE);
    await step(t, "wait, no recording", () => none.waitForVideoReady());
    await step(t, "wait, no recording, null", () => none.waitForVideoReady(null));
    answers.push({ body: { id: 5, status: "error", error: "bad" } });
    await step(t, "wait error", () => s.waitForVideoReady());
    t.push({ state: s.state });
    answers.push({ body: { id: 6, status: "error", error: 5 } });
    await step(t, "wait error, other video", () => s.waitForVideoReady({ videoId: 6 }));
    t.push({ state: s.state });
    answers.push({ body: { id: 5, status: "pending" } });
    await step(t, "wait timeout 0", () => s.waitForVideoReady({ timeoutMs: 0 }));
    const aborted = new AbortController();
    aborted.abort();
    await step(t, "wait aborted", () => s.waitForVideoReady({ signal: aborted.signal }));
    // Once the first poll is made (its request logged), abort; or wake it until it is done.
    const polled = async (n) => {
      while (t.requests.length < n) await new Promise((r) => setTimeout(r, 2));
    };
    const later = new AbortController();
    answers.push({ body: { id: 5, status: "pending" } });
    const before = t.requests.length;
    const w = step(t, "wait aborted while sleeping", () => s.waitForVideoReady({ signal: later.signal, intervalMs: 60000 }));
    await polled(before + 1);
    later.abort();
    await w;
    answers.push({ body: { id: 5, status: "pending" } }, { body: { id: 5, status: "ready" } });
    const before2 = t.requests.length;
    let done = false;
    const w2 = step(t, "wait notified", () => s.waitForVideoReady({ intervalMs: 60000 })).then(() => (done = true));
    await polled(before2 + 1);
    t.push({ label: "notify other", woke: s.notifyVideo(6) });
    t.push({ label: "notify", woke: s.notifyVideo({ id: 5, status: "ready" }) });
    // (A wake while the poll is still in flight is lost, as in the Rust session: wake until done.)
    while (!done) {
      s.notifyVideo(5);
      await new Promise((r) => setTimeout(r, 5));
    }
    await w2;
    t.push({ state: s.state });
    t.push({ label: "notify idle", woke: s.notifyVideo(5) });
    for (const v of ["x", { id: 0 }, {}, null, 1.5]) await step(t, `notify bad ${JSON.stringify(v)}`, () => s.notifyVideo(v));
  },
  async performs(m, t, answers) {
    const s = m.LiveSession.attach(t.client, { ...STATE, videos: [{ id: 1 }] });
    const act = (o) => ({ reason: "r", ...o });
    answers.push(
      { body: { id: 2, status: "pending" } },
      { body: { id: 3, status: "pending" } },
      { body: { data: {}, warnings: [], errors: [] } },
      { body: { id: 320423, name: "renamed" } },
      { body: { id: 192470, status: "paused" } },
      { body: { id: 999, status: "live" } },
      { body: { id: 320423, active: false } },
      { status: 204 },
      { body: null, status: 200 },
    );
    await step(t, "stop_recording ours", () => s.perform(act({ operation: "stop_recording", stream_id: 320423, step: 9 })));
    await step(t, "stop_recording other", () => s.perform(act({ operation: "stop_recording", stream_id: 1 })));
    await step(t, "start_recording ours", () => s.perform(act({ operation: "start_recording", stream_id: 320423 })));
    t.push({ state: s.state });
    await step(t, "get_stream ours", () => s.perform(act({ operation: "get_stream", stream_id: 320423 })));
    await step(t, "update_broadcast ours", () =>
      s.perform(act({ operation: "update_broadcast", broadcast_id: 192470, body: { broadcast: { status: "paused" } } })),
    );
    await step(t, "get_broadcast other", () => s.perform(act({ operation: "get_broadcast", broadcast_id: 999 })));
    await step(t, "update_stream", () =>
      s.perform(act({ operation: "update_stream", stream_id: 320423, body: { stream: { active: false } } })),
    );
    await step(t, "delete_video", () => s.perform(act({ operation: "delete_video", video_id: 3 })));
    await step(t, "stop_recording nothing", () => s.perform(act({ operation: "stop_recording", stream_id: 320423 })));
    t.push({ state: s.state });
    for (const a of [
      5,
      null,
      {},
      { operation: "nope", reason: "x" },
      { operation: "get_video" },
      act({ operation: "delete_broadcast" }),
      act({ operation: "get_video" }),
      act({ operation: "get_stream" }),
      act({ operation: "get_stream", stream_id: -1 }),
      act({ operation: "get_stream", stream_id: 1, step: 300 }),
      act({ operation: "list_streams" }),
    ]) {
      await step(t, `perform bad ${JSON.stringify(a)}`, () => s.perform(a));
    }
    await step(t, "perform bad options", () => s.perform(act({ operation: "get_stream", stream_id: 1 }), { timeoutMs: -5 }));
    await step(t, "perform bad action and options", () => s.perform({ operation: "get_video" }, 5));
  },
};

/** Runs one scenario against the `main` entry `m`: its trace, requests and unused answers. */
export async function trace(m, name) {
  const answers = [];
  const requests = [];
  const t = [];
  t.requests = requests;
  t.client = new m.StreamingClient({ baseUrl: "http://api.test", fetch: scripted(answers, requests), maxRetries: 0, retryInitialDelayMs: 1 });
  await scenarios[name](m, t, answers);
  // Plain data (as JSON has it): what the golden file holds.
  return JSON.parse(JSON.stringify({ trace: [...t], requests, unused: answers.length }));
}

export default Object.keys(scenarios).map((name) => ({
  name: `LiveSession golden: ${name}`,
  async run({ main, assert }) {
    const got = await trace(main, name);
    const want = golden[name];
    assert.ok(want, `no golden trace for ${name}`);
    assert.deepEqual(got.requests, want.requests, "the requests sent");
    for (let i = 0; i < Math.max(got.trace.length, want.trace.length); i++) {
      assert.deepEqual(got.trace[i], want.trace[i], `step ${i} (${want.trace[i]?.label ?? "state"})`);
    }
    assert.equal(got.unused, want.unused, "answers left over");
  },
}));
