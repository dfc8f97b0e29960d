// The demo page: walks the integration guide's four stages and 19 steps with the gcore-streaming SDK,
// against the embedded sandbox (default), the local sandbox server, or the real API.
import { STAGES, STEPS, eventsFromPoll } from "./steps.js";
import { $, h, fill, jsonHtml, bodyHtml, fmtMs, fmtDuration, clock, pathOf, chip } from "./ui.js";
import { setupVod, resetVod, vodEvent, vodVideoId } from "./vod.js";

let sdk; // the main entry: StreamingClient, WebhookTracker, parseWebhook, errors
let sandboxEntry; // the sandbox entry: Sandbox

const STAGE_ORDER = ["setup", "test", "live", "stop", "done"];
const RECORD_FOR_MS = 3000; // "Run all" records this long before step 9
const REGIONS = ["ix1", "dt1"];

const S = {
  mode: "embedded",
  env: null,
  gen: 0, // bumped on reset: late async results of an older run are dropped
  tracker: null,
  ids: { stream: null, broadcast: null, video: null },
  region: "ix1",
  steps: new Map(), // n → { state, calls, started, ms, error, event, reused }
  busy: false,
  runningAll: false,
  stage: null,
  stagesSeen: [],
  hint: null, // the tracker's action that names the next walk step
  suggestion: null, // { why, actions, results }
  timeline: [],
  videos: new Map(), // id → latest known { status, converted_videos, name, duration, … }
  streamInfo: null, // latest API answer for the stream
  broadcastInfo: null,
  videoDetails: null, // step 19's answer
  special: [], // calls made by the special cases
  interrupted: false,
  waiters: new Set(),
  poller: null,
};

// ---------------------------------------------------------------- errors

function describeError(err) {
  if (!err) return "Unknown error";
  const parts = [];
  if (err.name === "ApiError") {
    parts.push(`HTTP ${err.status} · ${err.code} — ${err.message}`);
    if (err.fields) for (const [f, msgs] of Object.entries(err.fields)) parts.push(`${f}: ${msgs.join(", ")}`);
  } else if (err.name === "StreamingError" || err.name === "WebhookError") {
    parts.push(`${err.name} · ${err.code}${err.path ? ` at ${err.path}` : ""} — ${err.message}`);
    if (err.code === "network") parts.push(networkHint());
  } else {
    parts.push(err.message ?? String(err));
  }
  return parts.join("\n");
}

function networkHint() {
  if (S.mode === "server") return "Is the sandbox server running at that URL? `make demo` starts it; so does `cargo run --release --bin gcore-streaming-sandbox`.";
  if (S.mode === "api") return "A page cannot call api.gcore.com directly (CORS, and a key in a page is exposed): point the base URL at a same-origin proxy.";
  return "";
}

function showError(title, err) {
  $("#error-title").textContent = title;
  $("#error-text").textContent = typeof err === "string" ? err : describeError(err);
  $("#error").hidden = false;
}

function clearError() {
  $("#error").hidden = true;
}

window.addEventListener("unhandledrejection", (e) => {
  e.preventDefault();
  showError("Unexpected error", e.reason);
});
window.addEventListener("error", (e) => {
  if (e.error) showError("Unexpected error", e.error);
});

// ---------------------------------------------------------------- calls

/** A fetch that records each call (method, path, bodies, status, duration) into `sink`. */
function tracedFetch(baseFetch, sink) {
  return async (input, init = {}) => {
    const req = typeof Request !== "undefined" && input instanceof Request ? input : null;
    const url = req ? req.url : input instanceof URL ? input.href : String(input);
    const rec = {
      method: String(init.method ?? req?.method ?? "GET").toUpperCase(),
      url,
      path: pathOf(url),
      reqBody: typeof init.body === "string" ? init.body : null,
      status: null,
      resBody: null,
      ms: null,
      error: null,
    };
    if (!rec.reqBody && req && req.body) rec.reqBody = await req.clone().text();
    const t0 = performance.now();
    sink(rec);
    try {
      const res = await baseFetch(input, init);
      rec.status = res.status;
      rec.resBody = await res.clone().text();
      return res;
    } catch (e) {
      rec.error = e?.message ?? String(e);
      throw e;
    } finally {
      rec.ms = performance.now() - t0;
      render();
    }
  };
}

/** A client whose calls are recorded into `sink` (one per step, one for the special cases…). */
function clientFor(sink) {
  const env = S.env;
  const opts = { fetch: tracedFetch(env.fetch, sink), baseUrl: env.baseUrl, maxRetries: env.kind === "api" ? 2 : 0, timeoutMs: 20000 };
  if (env.apiKey) opts.apiKey = env.apiKey;
  return new sdk.StreamingClient(opts);
}

// ---------------------------------------------------------------- modes

function embeddedEnv() {
  const speed = Number($("#speed").value) || 2;
  const sandbox = new sandboxEntry.Sandbox({
    publisherDelayMs: 2000,
    recordingStartDelayMs: 1000,
    viewableAfterMs: 3000,
    readyAfterMs: 6000,
    autoAdvance: true,
    speed,
  });
  const gen = S.gen;
  // Listeners run synchronously inside the sandbox: only record here, never call back into it.
  const off = sandbox.onWebhook((payload, w) => {
    if (gen === S.gen) receiveWebhook(payload, { seq: w.seq, at: w.at, atMs: w.atMs });
  });
  return {
    kind: "embedded",
    label: `embedded sandbox, ${speed}× speed`,
    fetch: sandbox.fetch,
    baseUrl: "https://api.gcore.com",
    apiKey: "demo",
    canInterrupt: true,
    interrupt: async (id) => sandbox.disconnect(id),
    reconnect: async (id) => sandbox.connect(id),
    close() {
      off();
      sandbox.close();
    },
  };
}

async function serverEnv() {
  const url = $("#server-url").value.trim().replace(/\/+$/, "");
  setConn("connecting", `connecting to ${url}…`);
  let health;
  try {
    const r = await fetch(`${url}/_sandbox/health`);
    health = await r.json();
    if (!health.ok) throw new Error("the health check did not say ok");
  } catch (e) {
    setConn("error", "unreachable");
    throw new Error(`Cannot reach the sandbox server at ${url} (${e.message}). Start it with \`make demo\` or \`cargo run --release --bin gcore-streaming-sandbox\`.`);
  }
  const gen = S.gen;
  const es = new EventSource(`${url}/_sandbox/events`);
  es.addEventListener("webhook", (m) => {
    if (gen !== S.gen) return;
    let rec;
    try {
      rec = JSON.parse(m.data);
    } catch {
      receiveWebhook(m.data, { seq: null });
      return;
    }
    receiveWebhook(rec.payload, { seq: rec.seq, at: rec.at, atMs: rec.at_ms });
  });
  await new Promise((ok, fail) => {
    const t = setTimeout(() => fail(new Error(`The event stream ${url}/_sandbox/events did not open within 5 s.`)), 5000);
    es.addEventListener("open", () => { clearTimeout(t); ok(); }, { once: true });
  }).catch((e) => {
    es.close();
    setConn("error", "no event stream");
    throw e;
  });
  es.addEventListener("error", () => setConn(es.readyState === EventSource.CLOSED ? "error" : "connecting", "event stream reconnecting…"));
  es.addEventListener("open", () => setConn("ok", `connected · sandbox ${health.version ?? ""} · speed ${health.speed ?? 1}×`));
  setConn("ok", `connected · sandbox ${health.version ?? ""} · speed ${health.speed ?? 1}×`);
  const control = (path) => async (id, sink) => {
    const f = tracedFetch(fetch.bind(globalThis), sink);
    const r = await f(`${url}/_sandbox/streams/${id}/${path}`, { method: "POST" });
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status} ${await r.text()}`);
    return r.json();
  };
  return {
    kind: "server",
    label: `sandbox server ${url}`,
    fetch: fetch.bind(globalThis),
    baseUrl: url,
    apiKey: "demo",
    canInterrupt: true,
    interrupt: control("disconnect"),
    reconnect: control("connect"),
    close() {
      es.close();
    },
  };
}

function apiEnv() {
  const baseUrl = $("#api-base").value.trim() || "https://api.gcore.com";
  const apiKey = $("#api-key").value.trim() || undefined;
  return {
    kind: "api",
    label: apiKey ? `real API ${baseUrl} (key in the page)` : `real API through ${baseUrl}`,
    fetch: fetch.bind(globalThis),
    baseUrl,
    apiKey,
    canInterrupt: false,
    poll: true,
    close() {},
  };
}

function setConn(state, text) {
  const el = $("#server-status");
  el.dataset.state = state;
  el.textContent = text;
}

// ---------------------------------------------------------------- state changes

function freshSteps() {
  S.steps = new Map(STEPS.map((st) => [st.n, { state: "waiting", calls: [], started: null, ms: null, error: null, event: null }]));
}

async function resetAll(mode = S.mode) {
  S.gen += 1;
  for (const w of S.waiters) w.cancel();
  S.waiters.clear();
  clearInterval(S.poller);
  S.poller = null;
  S.env?.close();
  S.env = null;
  S.mode = mode;
  S.tracker?.free?.();
  S.tracker = new sdk.WebhookTracker();
  S.ids = { stream: null, broadcast: null, video: null };
  S.region = REGIONS[0];
  freshSteps();
  Object.assign(S, {
    busy: false, runningAll: false, stage: null, stagesSeen: [], hint: null, suggestion: null, timeline: [],
    streamInfo: null, broadcastInfo: null, videoDetails: null, special: [], interrupted: false,
  });
  S.videos = new Map();
  resetVod();
  clearError();
  document.body.dataset.envReady = "0";
  render();
  const gen = S.gen;
  try {
    const env = mode === "embedded" ? embeddedEnv() : mode === "server" ? await serverEnv() : apiEnv();
    if (gen !== S.gen) return env.close();
    S.env = env;
    if (env.poll) S.poller = setInterval(() => poll(gen), 2500);
    document.body.dataset.envReady = "1";
  } catch (e) {
    if (gen === S.gen) showError("This mode is not available", e);
  }
  render();
}

/** Feeds an API answer to the tracker, like a fresher webhook. */
function applyAnswer(kind, value) {
  if (!value || typeof value !== "object" || value.id == null) return null;
  let r = null;
  if (kind === "stream") {
    S.streamInfo = value;
    // The step-14 answer says `active: false` with `live: true` (the guide's own sample), possibly after
    // the `live: false` webhook: the tracker knows a disabled stream is going down and ignores that `live`.
    r = S.tracker.applyStream(value);
  } else if (kind === "broadcast") {
    S.broadcastInfo = value;
    r = S.tracker.applyBroadcast(value);
  } else if (kind === "video") {
    S.videos.set(value.id, { ...(S.videos.get(value.id) ?? {}), ...value });
    r = S.tracker.applyVideo(value);
  }
  if (r) afterApply(r);
  return r;
}

function afterApply(result) {
  noteStage();
  takeActions(result.actions);
}

function noteStage() {
  if (S.ids.stream == null) return;
  const stage = S.tracker.stage(S.ids.stream);
  if (stage && stage !== S.stage) {
    S.stage = stage;
    if (S.stagesSeen.at(-1) !== stage) S.stagesSeen.push(stage);
  }
}

/** The tracker's actions: the next walk step (highlighted), or a suggestion (interruption, resume…). */
function takeActions(actions) {
  if (!actions?.length) return;
  const other = [];
  for (const a of actions) {
    if (a.video_id != null && a.video_id === vodVideoId()) continue; // the upload section's video: not the guide's
    const st = a.step != null ? S.steps.get(a.step) : null;
    if (st && st.state === "waiting" && (a.stream_id == null || a.stream_id === S.ids.stream)) S.hint = a;
    else other.push(a);
  }
  if (other.length) {
    const interruption = other.some((a) => /interrupt/.test(a.reason));
    S.suggestion = {
      why: interruption
        ? "The stream went down without a requested stop: an interruption. The guide says check the stream, pause the broadcast and close the recording; a restart records a new file."
        : "The tracker prescribes these calls from the webhooks so far.",
      kind: interruption ? "interruption" : "resume",
      actions: other,
      results: [],
    };
  }
}

function receiveWebhook(payload, meta) {
  const entry = { seq: meta.seq, at: meta.at, received: new Date(), payload, source: "webhook" };
  try {
    let event;
    try {
      event = sdk.parseWebhook(typeof payload === "string" ? payload : JSON.stringify(payload));
      entry.valid = true;
    } catch (e) {
      entry.valid = false;
      entry.error = describeError(e);
      S.timeline.unshift(entry);
      return;
    }
    entry.event = event;
    if (!isOurs(event)) return; // another client of a shared sandbox server
    const r = S.tracker.apply(event, meta.atMs ?? undefined);
    entry.outcome = r.outcome;
    entry.changes = r.changes;
    if (event.type === "video") S.videos.set(event.video.id, { ...(S.videos.get(event.video.id) ?? {}), ...event.video });
    vodEvent(event);
    const step = matchStep(event);
    entry.step = step?.n ?? null;
    if (!step && event.type === "stream" && event.stream.live === false && S.steps.get(14).state === "waiting") {
      entry.note = "interruption";
      S.interrupted = true;
    }
    if (event.type === "stream" && event.stream.live === true) S.interrupted = false;
    S.timeline.unshift(entry);
    afterApply(r);
  } catch (e) {
    showError("A webhook could not be handled", e);
  } finally {
    render();
  }
}

function isOurs(ev) {
  const tracked = new Set(S.tracker.streams());
  if (S.ids.stream != null) tracked.add(S.ids.stream);
  if (ev.type === "stream") return tracked.has(ev.stream.id);
  if (ev.type === "broadcast") return ev.broadcast.id === S.ids.broadcast || S.tracker.broadcast(ev.broadcast.id) != null;
  if (ev.type === "video" || ev.type === "video_delete") {
    // The embedded sandbox is this page's alone: every video is one of ours (the uploaded one too).
    if (S.mode === "embedded" || ev.video.id === vodVideoId()) return true;
    return tracked.has(ev.video.stream_id) || S.tracker.video(ev.video.id) != null || S.videos.has(ev.video.id);
  }
  return S.mode === "embedded";
}

function matchStep(event) {
  for (const st of STEPS) {
    if (st.kind !== "webhook") continue;
    const s = S.steps.get(st.n);
    if (s.state === "done") continue;
    const trigger = S.steps.get(st.after);
    if (trigger.state !== "running" && trigger.state !== "done") continue;
    if (!st.match(event, S.ids)) continue;
    s.state = "done";
    s.event = event;
    s.ms = trigger.started != null ? performance.now() - trigger.started : null;
    notify();
    return st;
  }
  return null;
}

// Real-API mode: poll the entities and feed the answers to the tracker (webhooks cannot reach a page).
// A poll never overlaps a step (e.g. a getBroadcast racing step 16's delete would answer 404).
let polling = null;
function poll(gen) {
  if (polling || S.busy || gen !== S.gen || (S.ids.stream == null && vodVideoId() == null)) return;
  polling = pollOnce(gen).finally(() => {
    polling = null;
  });
}

async function pollOnce(gen) {
  const client = clientFor(() => {});
  try {
    const jobs = S.ids.stream == null ? [] : [["stream", () => client.getStream(S.ids.stream)]];
    if (S.ids.broadcast != null && S.steps.get(16).state !== "done") jobs.push(["broadcast", () => client.getBroadcast(S.ids.broadcast)]);
    if (S.ids.video != null) jobs.push(["video", () => client.getVideo(S.ids.video)]);
    const vod = vodVideoId();
    if (vod != null && vod !== S.ids.video) jobs.push(["video", () => client.getVideo(vod)]);
    for (const [kind, get] of jobs) {
      const value = await get();
      if (gen !== S.gen) return;
      const r = applyAnswer(kind, value);
      // The step's own answer may already have told the tracker (e.g. step 9's video is pending):
      // the webhook steps are matched on every poll, the timeline shows changes only.
      const [event] = eventsFromPoll(kind, value);
      if (event) vodEvent(event);
      const step = event ? matchStep(event) : null;
      if (r && ((r.outcome === "applied" && r.changes.length) || step)) {
        S.timeline.unshift({ source: "poll", received: new Date(), valid: true, event, outcome: r.outcome, changes: r.changes, step: step?.n ?? null, payload: value });
      }
    }
  } catch (e) {
    if (gen === S.gen) showError("Polling the API failed", e);
  } finally {
    render();
  }
}

// ---------------------------------------------------------------- running steps

const callSteps = STEPS.filter((s) => s.kind === "call");

function allowed(n) {
  if (!S.env || S.busy) return false;
  for (const [m, s] of S.steps) if (m < n && s.state !== "done") return false;
  return S.steps.get(n).state !== "done" && S.steps.get(n).state !== "running";
}

function nextCallStep() {
  return callSteps.find((st) => S.steps.get(st.n).state !== "done") ?? null;
}

async function runStep(n) {
  const st = STEPS.find((x) => x.n === n);
  const s = S.steps.get(n);
  const gen = S.gen;
  S.busy = true;
  if (polling) await polling;
  s.state = "running";
  s.error = null;
  s.calls = [];
  s.started = performance.now();
  if (S.hint?.step === n) S.hint = null;
  clearError();
  render();
  try {
    const client = clientFor((rec) => s.calls.push(rec));
    const { result, apply } = await st.run({ client, ids: S.ids, region: S.region, tracker: S.tracker, now: () => undefined });
    if (gen !== S.gen) return false;
    s.result = result;
    if (apply) applyAnswer(apply, result);
    if (n === 19) S.videoDetails = result;
    s.state = "done";
    s.ms = performance.now() - s.started;
    return true;
  } catch (e) {
    if (gen !== S.gen) return false;
    s.state = "failed";
    s.error = describeError(e);
    s.ms = performance.now() - s.started;
    showError(`Step ${n} failed: ${st.title}`, e);
    return false;
  } finally {
    if (gen === S.gen) {
      S.busy = false;
      notify();
      render();
    }
  }
}

/** Resolves when `pred()` holds (checked on every change), rejects after `ms`. */
function waitUntil(pred, ms, what) {
  if (pred()) return Promise.resolve();
  return new Promise((ok, fail) => {
    const w = {
      check() {
        if (pred()) done(ok);
      },
      cancel() {
        done(() => fail(Object.assign(new Error("cancelled"), { cancelled: true })));
      },
    };
    const timer = setTimeout(() => done(() => fail(new Error(`${what} did not happen within ${Math.round(ms / 1000)} s.`))), ms);
    const iv = setInterval(() => w.check(), 250);
    function done(f) {
      clearTimeout(timer);
      clearInterval(iv);
      S.waiters.delete(w);
      f();
    }
    S.waiters.add(w);
  });
}

function notify() {
  for (const w of [...S.waiters]) w.check();
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function waitBudget() {
  if (S.mode === "api") return 15 * 60 * 1000;
  return 45 * 1000;
}

async function runAll() {
  if (S.runningAll || !S.env) return;
  S.runningAll = true;
  const gen = S.gen;
  render();
  try {
    for (const st of callSteps) {
      if (S.steps.get(st.n).state === "done") continue;
      const pending = () => STEPS.filter((x) => x.n < st.n && S.steps.get(x.n).state !== "done").map((x) => x.n);
      try {
        await waitUntil(() => !S.busy && pending().length === 0, waitBudget(), `The webhook of step ${pending()[0]}`);
      } catch (e) {
        if (e.cancelled || gen !== S.gen) return;
        for (const m of pending()) if (S.steps.get(m).state !== "done") {
          S.steps.get(m).state = "failed";
          S.steps.get(m).error = e.message;
        }
        showError("Run all stopped", e);
        return;
      }
      if (gen !== S.gen) return;
      if (st.n === 9) {
        S.recordingPause = true;
        render();
        await sleep(RECORD_FOR_MS);
        S.recordingPause = false;
        if (gen !== S.gen) return;
      }
      if (!(await runStep(st.n))) return;
    }
  } finally {
    if (gen === S.gen) {
      S.runningAll = false;
      render();
    }
  }
}

// ---------------------------------------------------------------- special cases

function specialSink(label, note = null) {
  const group = { label, note, calls: [], at: new Date() };
  S.special.unshift(group);
  return (rec) => group.calls.push(rec);
}

async function special(label, fn, note = null) {
  if (!S.env || S.busy) return;
  S.busy = true;
  clearError();
  render();
  const gen = S.gen;
  try {
    if (polling) await polling;
    await fn(specialSink(label, note));
  } catch (e) {
    if (gen === S.gen) showError(`${label} failed`, e);
  } finally {
    if (gen === S.gen) {
      S.busy = false;
      notify();
      render();
    }
  }
}

async function applySuggestion() {
  const sug = S.suggestion;
  if (!sug) return;
  await special(sug.kind === "interruption" ? "Interruption: apply the tracker's suggestion" : "Apply the tracker's suggestion", async (sink) => {
    const client = clientFor(sink);
    for (const action of sug.actions) {
      const result = await client.perform(action);
      sug.results.push(action.operation);
      const kind = action.operation.endsWith("_stream") ? "stream" : action.operation.endsWith("_broadcast") ? "broadcast" : action.operation === "get_video" || action.operation === "stop_recording" ? "video" : null;
      if (kind && result && !Array.isArray(result)) applyAnswer(kind, result);
      render();
    }
    if (S.suggestion === sug) S.suggestion = null;
    S.lastApplied = sug.kind;
    document.body.dataset.suggestionApplied = sug.kind;
  });
}

async function interrupt() {
  const id = S.ids.stream;
  await special("Simulate an interruption (the publisher drops)", async (sink) => {
    await S.env.interrupt(id, sink);
  }, S.mode === "embedded" ? `sandbox.disconnect(${id}): no HTTP call in the embedded mode` : null);
}

async function reconnect() {
  const id = S.ids.stream;
  await special("Reconnect the publisher", async (sink) => {
    await S.env.reconnect(id, sink);
  }, S.mode === "embedded" ? `sandbox.connect(${id}): no HTTP call in the embedded mode` : null);
}

async function reuse() {
  const region = REGIONS[(REGIONS.indexOf(S.region) + 1) % REGIONS.length];
  await special(`Reuse the stream in region ${region}`, async (sink) => {
    const client = clientFor(sink);
    const stream = await client.updateStream(S.ids.stream, { transcoding_region: region });
    S.region = region;
    // The walk starts again at step 2 with the same stream.
    const kept = S.steps.get(1);
    const reuseCall = S.special[0].calls.at(-1);
    freshSteps();
    Object.assign(S.steps.get(1), { state: "done", calls: reuseCall ? [reuseCall] : kept.calls, ms: reuseCall?.ms ?? kept.ms, reused: region });
    S.ids.broadcast = null;
    S.ids.video = null;
    S.hint = null;
    S.suggestion = null;
    S.videoDetails = null;
    S.broadcastInfo = null;
    S.stagesSeen = [];
    S.stage = null;
    applyAnswer("stream", stream);
  });
}

async function deleteAll() {
  await special("Delete the stream and its videos", async (sink) => {
    const client = clientFor(sink);
    const id = S.ids.stream;
    const ids = new Set(S.tracker.stream(id)?.recordings ?? []);
    for (const v of await client.listVideos({ stream_id: id })) ids.add(v.id);
    for (const vid of ids) {
      try {
        await client.deleteVideo(vid);
      } catch (e) {
        if (e.name !== "ApiError" || e.status !== 404) throw e;
      }
    }
    await client.deleteStream(id);
    S.tracker.forget(id);
    // A new walk needs a new stream.
    freshSteps();
    S.ids = { stream: null, broadcast: null, video: null };
    Object.assign(S, { hint: null, suggestion: null, stage: null, stagesSeen: [], streamInfo: null, broadcastInfo: null, videoDetails: null, interrupted: false });
    S.videos = new Map();
  });
}

// ---------------------------------------------------------------- rendering

let renderQueued = false;
function render() {
  if (renderQueued) return;
  renderQueued = true;
  queueMicrotask(() => {
    renderQueued = false;
    try {
      renderNow();
    } catch (e) {
      showError("The page could not be drawn", e);
    }
  });
}

const rows = new Map(); // n → { li, … parts }

function buildSteps() {
  const root = $("#steps");
  fill(root, );
  for (const stage of STAGES) {
    const list = h("ol", { class: "step-list" });
    root.append(h("section", { class: "stage-group", "data-group": stage.id },
      h("h3", {}, stage.title, h("span", { class: "muted" }, stage.blurb)),
      list));
    for (const st of STEPS.filter((x) => x.stage === stage.id)) {
      const parts = {};
      parts.state = h("span", { class: "state-badge" });
      parts.timing = h("span", { class: "timing" });
      parts.run = st.kind === "call" ? h("button", { type: "button", class: "btn small run", "data-run": st.n, onclick: () => runStep(st.n) }, "Run") : null;
      parts.sig = h("div", { class: "sig" });
      parts.sdk = h("code", { class: "sdk" });
      parts.hint = h("p", { class: "hint-line" });
      parts.error = h("pre", { class: "step-error" });
      parts.req = h("pre", { class: "json" });
      parts.res = h("pre", { class: "json" });
      parts.resHead = h("span", { class: "io-head" }, "Response");
      parts.reqHead = h("span", { class: "io-head" }, "Request");
      parts.details = h("details", { class: "io" },
        h("summary", {}, st.kind === "call" ? "Request and response" : "Webhook payload"),
        h("div", { class: "io-grid" },
          st.kind === "call" ? h("div", {}, parts.reqHead, parts.req) : null,
          h("div", {}, parts.resHead, parts.res)));
      parts.li = h("li", { class: "step", "data-step": st.n, "data-kind": st.kind, "data-step-state": "waiting" },
        h("div", { class: "step-head" },
          h("span", { class: "num", "aria-hidden": "true" }, st.n),
          h("div", { class: "step-main" },
            h("div", { class: "step-title" }, h("span", { class: "sr-only" }, `Step ${st.n}: `), st.title),
            parts.sig),
          h("div", { class: "step-side" }, parts.state, parts.timing, parts.run)),
        h("div", { class: "step-body" },
          st.kind === "call" ? parts.sdk : null,
          st.note ? h("p", { class: "note" }, st.note) : null,
          parts.hint, parts.error, parts.details));
      list.append(parts.li);
      rows.set(st.n, parts);
    }
  }
}

function stateLabel(st, s) {
  if (s.state === "running" && st.kind === "webhook") return "awaiting webhook";
  if (s.state === "done" && s.reused) return "reused";
  return s.state;
}

function renderSteps() {
  const next = nextCallStep();
  const hintStep = S.hint && S.steps.get(S.hint.step)?.state === "waiting" ? S.hint.step : null;
  const paused = S.suggestion?.kind === "interruption"; // act on the interruption first
  const highlight = paused ? null : hintStep ?? (next && allowed(next.n) ? next.n : null);
  let done = 0;
  for (const st of STEPS) {
    const s = S.steps.get(st.n);
    const p = rows.get(st.n);
    let state = s.state;
    if (st.kind === "webhook" && state === "waiting") {
      const trig = S.steps.get(st.after).state;
      if (trig === "running" || trig === "done") state = "running";
    }
    if (state === "done") done++;
    p.li.dataset.stepState = state;
    p.li.dataset.next = highlight === st.n ? "1" : "0";
    p.state.textContent = stateLabel(st, { ...s, state });
    p.timing.textContent = s.ms != null ? fmtMs(s.ms) : "";
    if (p.run) {
      p.run.disabled = !allowed(st.n) || S.runningAll;
      p.run.classList.toggle("invisible", s.state === "done");
      p.run.textContent = s.state === "failed" ? "Retry" : "Run";
      p.run.setAttribute("aria-label", `${s.state === "failed" ? "Retry" : "Run"} step ${st.n}`);
    }
    // Signature: method + path for calls, the expected payload for webhooks.
    const last = s.calls.at(-1);
    if (st.kind === "call") {
      const method = s.reused ? "PATCH" : st.method;
      const path = last?.path ?? st.path(S.ids);
      fill(p.sig, 
        h("code", { class: `method m-${method.toLowerCase()}` }, method),
        h("code", { class: "path" }, path),
        last?.status != null ? h("span", { class: `http ${last.status < 300 ? "ok" : "bad"}` }, String(last.status)) : null,
        s.calls.length > 1 ? h("span", { class: "muted" }, `${s.calls.length} calls`) : null);
      p.sdk.textContent = s.reused ? `client.updateStream(${S.ids.stream}, { transcoding_region: "${s.reused}" }) — the guide's reuse case` : st.sdk(S.ids, { region: S.region });
      fill(p.reqHead, "Request", last ? h("code", {}, ` ${last.method} ${last.path}`) : null);
      p.req.innerHTML = last ? bodyHtml(last.reqBody) : '<span class="j-empty">not sent yet</span>';
      p.resHead.textContent = last?.status != null ? `Response · ${last.status}${last.ms != null ? ` · ${fmtMs(last.ms)}` : ""}` : "Response";
      p.res.innerHTML = last ? (last.error ? `<span class="j-err">${last.error}</span>` : last.status == null ? '<span class="j-empty">waiting…</span>' : bodyHtml(last.resBody)) : '<span class="j-empty">no answer yet</span>';
    } else {
      fill(p.sig, h("code", { class: "method m-hook" }, "WEBHOOK"), h("code", { class: "path" }, st.hook));
      p.res.innerHTML = s.event ? jsonHtml(s.event) : '<span class="j-empty">not received yet</span>';
    }
    p.details.hidden = st.kind === "call" ? !last : !s.event;
    let hint = "";
    if (highlight === st.n && hintStep === st.n) hint = `Next, says the tracker: ${S.hint.reason}`;
    else if (highlight === st.n) hint = "Next step";
    if (st.n === 9 && S.recordingPause) hint = `Recording for ${RECORD_FOR_MS / 1000} s before stopping…`;
    p.hint.textContent = hint;
    p.hint.hidden = !hint;
    p.error.textContent = s.state === "failed" ? s.error ?? "failed" : "";
    p.error.hidden = s.state !== "failed";
  }
  $("#progress").textContent = `${done} / ${STEPS.length} done`;
  return { highlight, hintStep };
}

function renderStagebar({ highlight, hintStep }) {
  const bar = $("#stagebar");
  const stage = S.stage ?? "idle";
  bar.dataset.stage = stage;
  bar.dataset.seen = S.stagesSeen.join(" ");
  const idx = STAGE_ORDER.indexOf(stage);
  for (const li of bar.querySelectorAll("[data-stage-id]")) {
    const i = STAGE_ORDER.indexOf(li.dataset.stageId);
    li.dataset.state = idx < 0 ? "todo" : i < idx ? "past" : i === idx ? (stage === "done" ? "past" : "current") : "todo";
    li.toggleAttribute("aria-current", i === idx);
  }
  const next = $("#next");
  const st = highlight ? STEPS.find((x) => x.n === highlight) : null;
  const all = [...S.steps.values()].every((s) => s.state === "done");
  if (!S.env) fill(next, h("span", { class: "muted" }, "Choose a mode above to start."));
  else if (S.suggestion) fill(next, h("b", { class: "warn-text" }, S.suggestion.kind === "interruption" ? "Interruption detected." : "The tracker has a suggestion."), " ", h("span", { class: "muted" }, "See “The tracker suggests” on the right: apply it, or dismiss it."));
  else if (all) fill(next, h("b", {}, "All 19 steps done."), " ", h("span", { class: "muted" }, "Try a special case, or Reset to run it again."));
  else if (S.runningAll && !st) fill(next, h("span", { class: "spinner", "aria-hidden": "true" }), " Waiting for the platform…");
  else if (st) fill(next, h("span", { class: "muted" }, "Next: "), h("b", {}, `Step ${st.n} · ${st.title}`), hintStep ? h("span", { class: "muted" }, ` — ${S.hint.reason}`) : "");
  else fill(next, h("span", { class: "spinner", "aria-hidden": "true" }), " Waiting for a webhook…");
}

function boolChip(label, value, onTone = "on", offLabel = `not ${label}`) {
  return chip(value ? label : offLabel, value ? onTone : "off", { "data-flag": label, "data-value": String(!!value) });
}

function renderState() {
  const root = $("#state");
  const id = S.ids.stream;
  if (id == null) {
    fill(root, h("p", { class: "empty" }, "No stream yet. Step 1 creates one; ", h("b", {}, "Run all"), " plays the whole guide."));
    return;
  }
  const t = S.tracker.stream(id) ?? { id, recordings: [] };
  const info = S.streamInfo ?? {};
  const stream = h("div", { class: "entity", id: "stream-state", "data-live": String(!!t.live), "data-recording": String(!!t.recording), "data-active": String(!!t.active) },
    h("div", { class: "entity-head" }, h("span", { class: "kind" }, "Stream"), h("b", {}, `#${id}`), h("span", { class: "muted" }, info.name ?? ""),
      t.session > 1 ? chip(`session ${t.session}`, "neutral") : null),
    h("div", { class: "chips" }, boolChip("active", t.active, "on", "inactive"), boolChip("live", t.live, "live"), boolChip("recording", t.recording, "rec"),
      t.interrupted || S.interrupted ? chip("interrupted", "warn") : null),
    h("dl", { class: "kv" },
      h("dt", {}, "Region"), h("dd", {}, info.transcoding_region ?? S.region),
      info.push_url ? [h("dt", {}, "Push URL"), h("dd", { class: "mono clip", title: info.push_url }, info.push_url)] : null));

  const bid = S.ids.broadcast;
  const tb = bid != null ? S.tracker.broadcast(bid) : null;
  const bStatus = tb?.status ?? S.broadcastInfo?.status ?? null;
  const deleted = S.steps.get(16).state === "done";
  const broadcast = h("div", { class: "entity", id: "broadcast-state", "data-broadcast-status": deleted ? "deleted" : bStatus ?? "none" },
    h("div", { class: "entity-head" }, h("span", { class: "kind" }, "Broadcast"), bid != null ? h("b", {}, `#${bid}`) : h("span", { class: "muted" }, "not created yet"),
      bStatus ? chip(deleted ? `${bStatus} · deleted` : bStatus, { live: "live", paused: "warn", finished: "off", pending: "neutral" }[bStatus] ?? "neutral") : null));

  const vids = [...new Set([...(t.recordings ?? []), ...(S.ids.video != null ? [S.ids.video] : [])])];
  const videos = h("div", { class: "entity" },
    h("div", { class: "entity-head" }, h("span", { class: "kind" }, "Recorded videos"), h("span", { class: "muted" }, vids.length ? String(vids.length) : "none yet")),
    vids.map((vid) => videoCard(vid)));

  const parts = [stream, broadcast, videos];
  if (S.videoDetails) parts.push(detailsCard(S.videoDetails));
  fill(root, ...parts);
}

function videoCard(vid) {
  const v = S.videos.get(vid) ?? {};
  const tv = S.tracker.video(vid);
  const status = tv?.deleted ? "deleted" : tv?.status ?? v.status ?? "pending";
  const tone = { ready: "on", viewable: "live", pending: "neutral", error: "bad", deleted: "off" }[status] ?? "neutral";
  const renditions = v.converted_videos ?? [];
  const done = renditions.filter((r) => r.status === "complete").length;
  return h("div", { class: "video", "data-video-id": vid, "data-video-status": status, "data-current": String(vid === S.ids.video) },
    h("div", { class: "video-head" }, h("b", {}, `#${vid}`), chip(status, tone), h("span", { class: "muted clip" }, v.name ?? tv?.name ?? ""),
      h("span", { class: "muted" }, fmtDuration(v.duration ?? tv?.duration))),
    renditions.length
      ? h("ul", { class: "renditions", "aria-label": `Renditions: ${done} of ${renditions.length} complete` },
        renditions.map((r) => {
          const pct = r.status === "complete" ? 100 : typeof r.progress === "number" ? r.progress : null;
          return h("li", { "data-status": r.status },
            h("span", { class: "r-name" }, r.name),
            h("span", { class: `bar ${pct == null ? "indeterminate" : ""}`, role: "progressbar", "aria-valuemin": "0", "aria-valuemax": "100", "aria-valuenow": pct ?? undefined, "aria-label": r.name },
              h("span", { style: `width:${pct ?? 40}%` })),
            h("span", { class: "r-status" }, r.status));
        }))
      : status === "deleted" ? null : h("p", { class: "muted small" }, "Processing has not started: the renditions appear with the next video webhook."));
}

function detailsCard(v) {
  const rows = [
    ["Name", v.name], ["Status", v.status], ["Duration", fmtDuration(v.duration)], ["Stream", v.stream_id],
    ["Recording started", v.recording_started_at], ["Created", v.created_at], ["HLS", v.hls_url], ["Player", v.iframe_url], ["Screenshot", v.screenshot],
  ].filter(([, x]) => x != null && x !== "");
  return h("div", { class: "entity details", id: "video-details" },
    h("div", { class: "entity-head" }, h("span", { class: "kind" }, "Video details"), h("span", { class: "muted" }, "step 19 · getVideo")),
    h("dl", { class: "kv" }, rows.map(([k, x]) => [h("dt", {}, k), h("dd", { class: /^https?:/.test(String(x)) ? "mono clip" : "", title: String(x) }, String(x))])));
}

function renderSuggestion() {
  const box = $("#suggestion");
  const sug = S.suggestion;
  box.hidden = !sug;
  if (!sug) {
    fill($("#suggestion-actions"));
    delete box.dataset.kind;
    return;
  }
  box.dataset.kind = sug.kind;
  $("#suggestion-title").textContent = sug.kind === "interruption" ? "Interruption detected: the tracker suggests" : "The tracker suggests";
  $("#suggestion-why").textContent = sug.why;
  fill($("#suggestion-actions"), ...sug.actions.map((a) => h("li", { "data-operation": a.operation },
    h("code", {}, a.operation), a.body ? h("code", { class: "mono small" }, JSON.stringify(a.body)) : null,
    h("span", { class: "muted" }, a.reason), sug.results.includes(a.operation) ? chip("done", "on") : null)));
  $("#suggestion-apply").disabled = S.busy;
}

function renderSpecial() {
  const id = S.ids.stream;
  const t = id != null ? S.tracker.stream(id) : null;
  const idle = !!S.env && !S.busy && !S.runningAll;
  const canInt = S.env?.canInterrupt;
  const b = (sel, on, why) => {
    const el = $(sel);
    el.disabled = !on;
    el.title = on ? "" : why;
  };
  b("#sc-interrupt", idle && canInt && t?.live === true, canInt === false ? "Only with a sandbox: on the real platform your encoder is the publisher" : "Needs a live stream");
  b("#sc-reconnect", idle && canInt && t != null && t.live !== true && t.active === true && S.steps.get(14).state === "waiting", canInt === false ? "Only with a sandbox" : "Needs an active stream whose publisher dropped");
  b("#sc-reuse", idle && t != null && t.active !== true, "Needs a stream that is not active (after step 1, or after step 14)");
  b("#sc-delete", idle && id != null, "Needs a stream");
  const log = $("#special-log");
  fill(log, ...S.special.slice(0, 6).map((g) => h("div", { class: "special-group" },
    h("div", { class: "special-title" }, h("b", {}, g.label), h("span", { class: "muted" }, clock(g.at))),
    g.note ? h("p", { class: "muted small" }, h("code", {}, g.note)) : null,
    g.calls.length ? h("ul", { class: "calls" }, g.calls.map(callLine)) : null)));
}

function callLine(c) {
  return h("li", {},
    h("details", {},
      h("summary", {}, h("code", { class: `method m-${c.method.toLowerCase()}` }, c.method), " ", h("code", { class: "path" }, c.path), " ",
        c.status != null ? h("span", { class: `http ${c.status < 300 ? "ok" : "bad"}` }, String(c.status)) : c.error ? h("span", { class: "http bad" }, "error") : h("span", { class: "spinner" }),
        h("span", { class: "muted" }, fmtMs(c.ms))),
      h("div", { class: "io-grid" },
        h("div", {}, h("span", { class: "io-head" }, "Request"), h("pre", { class: "json", html: bodyHtml(c.reqBody) })),
        h("div", {}, h("span", { class: "io-head" }, "Response"), h("pre", { class: "json", html: c.error ? c.error : bodyHtml(c.resBody) })))));
}

function summarize(ev) {
  if (!ev) return "";
  if (ev.type === "stream") return `stream #${ev.stream.id} · live: ${ev.stream.live} · transcoding: ${ev.stream.transcoding} · recording: ${ev.stream.recording}`;
  if (ev.type === "broadcast") return `broadcast #${ev.broadcast.id} · status: ${ev.broadcast.status}`;
  if (ev.type === "video") return `video #${ev.video.id} · status: ${ev.video.status}`;
  if (ev.type === "video_delete") return `video #${ev.video.id} deleted`;
  return ev.type;
}

function renderTimeline() {
  const list = $("#timeline");
  $("#timeline-count").textContent = String(S.timeline.length);
  if (!S.timeline.length) {
    fill(list, h("li", { class: "empty" }, S.mode === "api"
      ? "No change seen yet. In this mode the page polls the API; each change appears here."
      : "No webhook yet. They appear here as the platform sends them, each validated by parseWebhook and applied to the tracker."));
    return;
  }
  const openSeqs = new Set([...list.querySelectorAll("details[open]")].map((d) => d.dataset.key));
  fill(list, ...S.timeline.slice(0, 60).map((e, i) => {
    const key = `${e.source}-${e.seq ?? ""}-${S.timeline.length - i}`;
    const changes = (e.changes ?? []).map((c) => `${c.field}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`);
    return h("li", { class: `tl ${e.valid ? "" : "invalid"} ${e.note === "interruption" ? "interruption" : ""}`, "data-type": e.event?.type ?? "invalid" },
      h("div", { class: "tl-head" },
        h("span", { class: `tl-type t-${e.event?.type ?? "bad"}` }, e.source === "poll" ? "poll" : e.event?.type ?? "invalid"),
        h("span", { class: "tl-sum" }, e.valid ? summarize(e.event) : "rejected by parseWebhook"),
        e.step ? h("span", { class: "tl-step" }, `step ${e.step}`) : null,
        e.note === "interruption" ? chip("interruption", "warn") : null),
      h("div", { class: "tl-meta" },
        e.valid ? chip(e.source === "poll" ? "API answer" : "valid", "on small") : chip(e.error, "bad small"),
        e.outcome ? chip(e.outcome, e.outcome === "applied" ? "neutral small" : "off small", { "data-outcome": e.outcome }) : null,
        h("span", { class: "muted" }, e.seq != null ? `#${e.seq} · ` : "", clock(e.received)),
        changes.length ? h("span", { class: "tl-changes" }, changes.join(" · ")) : null),
      h("details", { "data-key": key, open: openSeqs.has(key) || undefined }, h("summary", {}, "payload"), h("pre", { class: "json", html: jsonHtml(e.payload) })));
  }));
}

function renderNow() {
  const marks = renderSteps();
  renderStagebar(marks);
  renderState();
  renderSuggestion();
  renderSpecial();
  renderTimeline();
  $("#run-all").disabled = !S.env || S.runningAll || S.busy || [...S.steps.values()].every((s) => s.state === "done");
  $("#run-all").dataset.running = String(S.runningAll);
  $("#reset").disabled = false;
  for (const panel of document.querySelectorAll("[data-mode-panel]")) panel.hidden = panel.dataset.modePanel !== S.mode;
  document.body.dataset.mode = S.mode;
  const v = S.ids.video != null ? S.tracker.video(S.ids.video) : null;
  document.body.dataset.videoStatus = v?.status ?? "";
}

// ---------------------------------------------------------------- start

async function start() {
  buildSteps();
  freshSteps();
  try {
    sdk = await import("./pkg/main.browser.js");
    sandboxEntry = await import("./pkg/sandbox.browser.js");
    await Promise.all([sdk.init(), sandboxEntry.init()]);
  } catch (e) {
    showError("The SDK could not be loaded", `${e.message}\n\nThe page expects the built package in www/pkg/. Run \`make demo\`, which builds it and copies it there.`);
    document.body.dataset.ready = "error";
    return;
  }
  $("#version").textContent = `v${sdk.version()}`;
  const fromUrl = new URLSearchParams(location.search);
  if (fromUrl.get("server")) $("#server-url").value = fromUrl.get("server");
  if (fromUrl.get("speed")) $("#speed").value = fromUrl.get("speed");
  const mode = ["embedded", "server", "api"].includes(fromUrl.get("mode")) ? fromUrl.get("mode") : "embedded";
  for (const r of document.querySelectorAll('input[name="mode"]')) {
    r.checked = r.value === mode;
    r.addEventListener("change", () => r.checked && resetAll(r.value));
  }
  $("#run-all").addEventListener("click", runAll);
  $("#reset").addEventListener("click", () => resetAll());
  $("#speed").addEventListener("change", () => resetAll("embedded"));
  $("#server-connect").addEventListener("click", () => resetAll("server"));
  $("#server-url").addEventListener("keydown", (e) => e.key === "Enter" && resetAll("server"));
  $("#api-form").addEventListener("submit", (e) => {
    e.preventDefault();
    resetAll("api");
  });
  $("#suggestion-apply").addEventListener("click", applySuggestion);
  $("#suggestion-dismiss").addEventListener("click", () => {
    S.suggestion = null;
    render();
  });
  $("#sc-interrupt").addEventListener("click", interrupt);
  $("#sc-reconnect").addEventListener("click", reconnect);
  $("#sc-reuse").addEventListener("click", reuse);
  $("#sc-delete").addEventListener("click", deleteAll);
  $("#error-close").addEventListener("click", clearError);
  setupVod({ env: () => S.env, client: clientFor, track: (video) => applyAnswer("video", video), showError, card: videoCard });
  await resetAll(mode);
  document.body.dataset.ready = "1";
}

start();
