// The baseline a JavaScript user would write for the tracker: a plain reducer with the same stage
// logic as src/domain/webhook/tracker/ (stages setup/test/live/stop/done, sessions, outcomes
// applied/duplicate/stale/ignored, the guide's actions), over the flat events of ./zod-webhook.mjs.
// Its results are checked against WebhookTracker's (untimed) before it is timed.

const RANK_VIDEO = { empty: 0, pending: 1, viewable: 2, ready: 3 };
/** Playback is ready: live and transcoding. */
const ready = (s) => s.live === true && s.transcoding !== false;
const RANK_BROADCAST = { pending: 0, live: 1, paused: 1, finished: 2 };
const nn = (x) => (x === null ? undefined : x);
const byId = (a, b) => a.id - b.id;

function change(changes, field, from, to) {
  changes.push({ field, from: from ?? null, to: to ?? null });
}

function set(changes, field, obj, key, value) {
  if (value === undefined || obj[key] === value) return false;
  const before = obj[key];
  obj[key] = value;
  change(changes, field, before, value);
  return true;
}

const action = (operation, reason, step, extra) => {
  const a = { operation, ...extra, reason };
  if (step !== undefined) a.step = step;
  return a;
};
const setBroadcast = (b, stream, status, reason, step) =>
  action("update_broadcast", reason, step, { stream_id: stream, broadcast_id: b, body: { broadcast: { status } } });
const onStream = (op, stream, reason, step) => action(op, reason, step, { stream_id: stream });

export class JsTracker {
  constructor() {
    this.streams = new Map();
    this.broadcasts = new Map();
    this.videos = new Map();
    this.restreams = new Map();
  }

  // ------------------------------------------------------------------ public

  apply(event, nowMs) {
    switch (event.type) {
      case "stream": {
        const w = event.stream;
        return this.#streamFacts(
          w.id,
          { live: w.live, backup_live: nn(w.backup_live), recording: nn(w.recording), transcoding: nn(w.transcoding) },
          true,
          nowMs,
        );
      }
      case "video":
      case "video_delete": {
        const v = event.video;
        return this.#videoFacts(
          v.id,
          {
            status: nn(v.status),
            stream_id: nn(v.stream_id),
            name: nn(v.name),
            duration: nn(v.duration),
            deleted_at: nn(v.deleted_at),
            delete: event.type === "video_delete",
          },
          true,
          nowMs,
        );
      }
      case "broadcast":
        return this.#broadcastFacts(event.broadcast.id, event.broadcast.status, nn(event.broadcast.stream_ids), true, nowMs);
      case "restream":
        return this.#restream(event.restream, nowMs);
      default:
        return { outcome: "ignored", entity: null, changes: [], stage: null, actions: [] };
    }
  }

  /** A stream from an API response (fresher than webhooks). */
  applyStream(stream, nowMs) {
    return this.#streamFacts(
      stream.id,
      {
        live: nn(stream.live),
        backup_live: nn(stream.backup_live),
        recording: nn(stream.recording),
        transcoding: nn(stream.transcoding),
        active: nn(stream.active),
        broadcast_ids: nn(stream.broadcast_ids),
      },
      false,
      nowMs,
    );
  }

  expectStop(id, nowMs) {
    this.#streamEntry(id, nowMs).stop_expected = true;
  }

  stage(id) {
    const s = this.streams.get(id);
    return s ? this.#stageOf(s) : null;
  }

  forget(id) {
    const was = this.streams.delete(id);
    for (const [k, v] of this.videos) if (v.stream_id === id) this.videos.delete(k);
    for (const [k, r] of this.restreams) if (r.stream_id === id) this.restreams.delete(k);
    for (const [k, b] of this.broadcasts) {
      const linked = b.stream_ids.includes(id);
      b.stream_ids = b.stream_ids.filter((s) => s !== id);
      if (linked && b.stream_ids.length === 0) this.broadcasts.delete(k);
    }
    return was;
  }

  snapshot() {
    return JSON.stringify({
      v: 1,
      streams: [...this.streams.values()],
      broadcasts: [...this.broadcasts.values()],
      videos: [...this.videos.values()],
      restreams: [...this.restreams.values()],
    });
  }

  static restore(text) {
    const o = JSON.parse(text);
    if (o === null || typeof o !== "object" || o.v !== 1) throw new Error("not a tracker snapshot");
    const t = new JsTracker();
    for (const s of o.streams ?? []) t.streams.set(s.id, s);
    for (const b of o.broadcasts ?? []) t.broadcasts.set(b.id, b);
    for (const v of o.videos ?? []) t.videos.set(v.id, v);
    for (const r of o.restreams ?? []) t.restreams.set(r.id, r);
    return t;
  }

  // ------------------------------------------------------------------ internals

  #streamEntry(id, nowMs) {
    let s = this.streams.get(id);
    if (!s) {
      s = { id, session: 1, stop_expected: false, interrupted: false, stopped: false, first_seen_ms: nowMs, updated_ms: nowMs };
      this.streams.set(id, s);
    }
    return s;
  }

  #broadcastEntry(id, nowMs) {
    let b = this.broadcasts.get(id);
    if (!b) {
      b = { id, stream_ids: [], first_seen_ms: nowMs, updated_ms: nowMs };
      this.broadcasts.set(id, b);
    }
    return b;
  }

  #linked(id) {
    const out = [];
    for (const b of this.broadcasts.values()) if (b.stream_ids.includes(id)) out.push(b);
    return out.length > 1 ? out.sort(byId) : out;
  }

  #stageOf(s) {
    for (const v of this.videos.values()) {
      if (v.stream_id === s.id && v.session === s.session && v.status === "ready") return "done";
    }
    if (s.stopped) return "stop";
    if (s.recording === true) return "live";
    for (const b of this.broadcasts.values()) {
      if (b.status === "live" && b.stream_ids.includes(s.id)) return "test";
    }
    return "setup";
  }

  #stageId(id) {
    const s = this.streams.get(id);
    return s ? this.#stageOf(s) : null;
  }

  #streamView(id) {
    const s = this.streams.get(id);
    const recordings = [];
    for (const v of this.videos.values()) if (v.stream_id === id) recordings.push(v.id);
    if (recordings.length > 1) recordings.sort((a, b) => a - b);
    return {
      kind: "stream",
      ...s,
      stage: this.#stageOf(s),
      playback_ready: ready(s),
      broadcast_ids: this.#linked(id).map((b) => b.id),
      recordings,
    };
  }

  #result(outcome, entity, changes, stream, stageBefore, actions) {
    const stage = stream === undefined ? null : this.#stageId(stream);
    if (stage !== stageBefore && stage !== null) change(changes, "stage", stageBefore, stage);
    if (outcome === "applied" && changes.length === 0) outcome = "duplicate";
    return { outcome, entity, changes, stage, actions };
  }

  #streamFacts(id, f, webhook, nowMs) {
    const before = this.#stageId(id);
    const created = before === null;
    const changes = [];
    if (f.broadcast_ids) {
      for (const b of f.broadcast_ids) {
        if (!(b > 0)) continue;
        const e = this.#broadcastEntry(b, nowMs);
        if (!e.stream_ids.includes(id)) {
          e.stream_ids.push(id);
          e.stream_ids.sort((a, c) => a - c);
          changes.push({ field: "broadcast_ids", from: null, to: b });
        }
      }
    }
    const s = this.#streamEntry(id, nowMs);
    const wasLive = s.live;
    const wasRecording = s.recording;
    const wasActive = s.active;
    const wasReady = ready(s);
    set(changes, "live", s, "live", f.live);
    set(changes, "backup_live", s, "backup_live", f.backup_live);
    set(changes, "recording", s, "recording", f.recording);
    // A `live: true` without `transcoding` is taken as `transcoding: true` (not an API answer that
    // disables the stream, whose `live` is not taken either).
    const liveSaid = f.live === true && (webhook || f.active !== false);
    set(changes, "transcoding", s, "transcoding", f.transcoding ?? (liveSaid ? true : undefined));
    set(changes, "active", s, "active", f.active);
    const liveUp = wasLive !== true && s.live === true;
    const liveDown = wasLive === true && s.live === false;
    const recDown = wasRecording === true && s.recording === false;
    const testOrLive = before === "test" || before === "live";
    const progressed = testOrLive || before === "stop";
    const activeOff = s.active === false && wasActive !== false && (wasActive === true || progressed);
    let newSession = false;
    if (liveUp && (before === "stop" || before === "done")) {
      const from = s.session;
      s.session += 1;
      s.stopped = false;
      s.stop_expected = false;
      s.interrupted = false;
      change(changes, "session", from, s.session);
      newSession = true;
    }
    if (liveUp && webhook && s.active === false) set(changes, "active", s, "active", true);
    if (activeOff) s.stop_expected = true;
    const interruption = liveDown && !s.stop_expected && testOrLive;
    if (interruption && !s.interrupted) {
      s.interrupted = true;
      change(changes, "interrupted", false, true);
    }
    if (!s.stopped && (recDown || activeOff || (liveDown && testOrLive))) s.stopped = true;
    const stopExpected = s.stop_expected;
    const liveNow = s.live === true;
    const readyNow = ready(s);
    const readyUp = readyNow && (!wasReady || newSession);
    const recordingNow = s.recording === true;
    if (changes.length > 0 || created) s.updated_ms = nowMs ?? s.updated_ms;
    const after = this.#stageOf(s);

    const actions = [];
    const linked = this.#linked(id);
    if (readyUp && after === "setup") {
      for (const b of linked) {
        if (b.status !== "live" && b.status !== "finished") {
          actions.push(setBroadcast(b.id, id, "live", "the stream is live: put the broadcast on air", 5));
        }
      }
    }
    if (after === "test" && (before !== "test" || liveUp) && liveNow && !recordingNow) {
      actions.push(onStream("start_recording", id, "the broadcast and the stream are live: start recording", 7));
    }
    if (interruption) {
      actions.push(
        onStream(
          "get_stream",
          id,
          "the stream went down without a requested stop: check it",
        ),
      );
      for (const b of linked) {
        if (b.status === "live") {
          actions.push(setBroadcast(b.id, id, "paused", "the stream was interrupted: pause the broadcast"));
        }
      }
      if (wasRecording === true || before === "live") {
        actions.push(
          onStream(
            "stop_recording",
            id,
            "the stream was interrupted while recording: close the recording",
          ),
        );
      }
    } else if (recDown && before === "live") {
      if (stopExpected) {
        for (const b of linked) {
          if (b.status !== "finished") {
            actions.push(setBroadcast(b.id, id, "finished", "the recording stopped: finish the broadcast", 12));
          }
        }
      } else {
        actions.push(onStream("get_stream", id, "the recording stopped without a requested stop: check the stream"));
      }
    } else if (liveDown && (before === "stop" || stopExpected)) {
      for (const b of linked) {
        if (b.status === "finished") {
          actions.push(
            action(
              "delete_broadcast",
              "the stream has ended and the broadcast is finished: delete it",
              16,
              { stream_id: id, broadcast_id: b.id },
            ),
          );
        } else {
          actions.push(setBroadcast(b.id, id, "finished", "the stream has ended: finish the broadcast", 12));
        }
      }
    }
    return this.#result("applied", this.#streamView(id), changes, id, before, actions);
  }

  #broadcastFacts(id, status, streamIds, webhook, nowMs) {
    const existing = this.broadcasts.get(id);
    if (webhook && existing && existing.status !== undefined && status !== undefined) {
      const a = RANK_BROADCAST[existing.status];
      const b = RANK_BROADCAST[status];
      if (a !== undefined && b !== undefined && b < a) {
        const stream = existing.stream_ids[0];
        return {
          outcome: "stale",
          entity: { kind: "broadcast", ...existing, stream_ids: [...existing.stream_ids] },
          changes: [],
          stage: stream === undefined ? null : this.#stageId(stream),
          actions: [],
        };
      }
    }
    const created = existing === undefined;
    const newStreams = [];
    if (streamIds) {
      for (const s of streamIds) {
        if (!(s > 0)) continue;
        this.#streamEntry(s, nowMs);
        newStreams.push(s);
      }
    }
    const streams = existing ? [...existing.stream_ids] : [];
    for (const s of newStreams) if (!streams.includes(s)) streams.push(s);
    const before = streams.map((s) => [s, this.#stageId(s)]);
    const changes = [];
    const b = this.#broadcastEntry(id, nowMs);
    const oldStatus = b.status;
    set(changes, "status", b, "status", status);
    for (const s of newStreams) {
      if (!b.stream_ids.includes(s)) {
        b.stream_ids.push(s);
        changes.push({ field: "stream_ids", from: null, to: s });
      }
    }
    if (b.stream_ids.length > 1) b.stream_ids.sort((x, y) => x - y);
    if (changes.length > 0 || created) b.updated_ms = nowMs ?? b.updated_ms;
    const newStatus = b.status;
    const becameLive = oldStatus !== "live" && newStatus === "live";
    const becameFinished = oldStatus !== "finished" && newStatus === "finished";
    const actions = [];
    for (const [sid, stageBefore] of before) {
      const s = this.streams.get(sid);
      if (!s) continue;
      // A finished broadcast ends the stream's run unless another of its broadcasts is still on.
      const endsRun = becameFinished && this.#linked(sid).every((b) => b.status === "finished");
      if (endsRun) {
        s.stopped = true;
        s.stop_expected = true;
      }
      const after = this.#stageOf(s);
      const newlyLinked = newStreams.includes(sid) && changes.some((c) => c.field === "stream_ids");
      if (after === "test" && (becameLive || stageBefore !== "test") && s.live === true && s.recording !== true) {
        actions.push(onStream("start_recording", sid, "the broadcast and the stream are live: start recording", 7));
      }
      if (after === "setup" && newlyLinked && ready(s) && newStatus !== "live" && newStatus !== "finished") {
        actions.push(setBroadcast(id, sid, "live", "the stream is live: put the broadcast on air", 5));
      }
      if (endsRun && after === "stop") {
        if (s.recording === true) {
          actions.push(onStream("stop_recording", sid, "the broadcast is finished: stop recording", 9));
        }
        if (s.active !== false) {
          actions.push({
            ...onStream("update_stream", sid, "the broadcast is finished: disable the stream", 14),
            body: { stream: { active: false } },
          });
        }
        if (s.live === false) {
          actions.push(
            action(
              "delete_broadcast",
              "the stream has ended and the broadcast is finished: delete it",
              16,
              { stream_id: sid, broadcast_id: id },
            ),
          );
        }
      }
    }
    const first = b.stream_ids[0];
    let stageBefore = null;
    if (first !== undefined) for (const [s, st] of before) if (s === first) stageBefore = st;
    const entity = { kind: "broadcast", ...b, stream_ids: [...b.stream_ids] };
    const r = this.#result("applied", entity, changes, first, stageBefore, actions);
    if (created && r.outcome === "duplicate") r.outcome = "applied";
    return r;
  }

  #videoFacts(id, f, webhook, nowMs) {
    const existing = this.videos.get(id);
    if (webhook && existing) {
      const a = RANK_VIDEO[existing.status];
      const b = RANK_VIDEO[f.status];
      const backwards = a !== undefined && b !== undefined && b < a;
      if (!f.delete && (existing.deleted || backwards)) {
        return {
          outcome: "stale",
          entity: { kind: "video", ...existing },
          changes: [],
          stage: existing.stream_id === undefined ? null : this.#stageId(existing.stream_id),
          actions: [],
        };
      }
    }
    const created = existing === undefined;
    const streamBefore = existing?.stream_id ?? f.stream_id;
    const stageBefore = streamBefore === undefined ? null : this.#stageId(streamBefore);
    const session = f.stream_id === undefined ? undefined : this.#streamEntry(f.stream_id, nowMs).session;
    const changes = [];
    let v = existing;
    if (!v) {
      v = { id, deleted: false, first_seen_ms: nowMs, updated_ms: nowMs };
      this.videos.set(id, v);
    }
    const oldStatus = v.status;
    set(changes, "status", v, "status", f.status);
    if (set(changes, "stream_id", v, "stream_id", f.stream_id)) v.session = session;
    set(changes, "name", v, "name", f.name);
    set(changes, "duration", v, "duration", f.duration);
    set(changes, "deleted_at", v, "deleted_at", f.deleted_at);
    if (f.delete && !v.deleted) {
      v.deleted = true;
      change(changes, "deleted", false, true);
    }
    if (changes.length > 0 || created) v.updated_ms = nowMs ?? v.updated_ms;
    const becameReady = oldStatus !== "ready" && v.status === "ready";
    const stream = v.stream_id;
    const actions = [];
    if (becameReady && webhook && !v.deleted) {
      actions.push(
        action("get_video", "the recorded video is ready: get its details", 19, { stream_id: stream, video_id: id }),
      );
    }
    const entity = { kind: "video", ...v };
    const r = this.#result("applied", entity, changes, stream, stream === streamBefore ? stageBefore : null, actions);
    if (created && r.outcome === "duplicate") r.outcome = "applied";
    return r;
  }

  #restream(w, nowMs) {
    // A restream is kept under its stream, which is tracked too.
    if (w.stream_id != null) this.#streamEntry(w.stream_id, nowMs);
    let r = this.restreams.get(w.id);
    const created = r === undefined;
    if (!r) {
      r = { id: w.id, first_seen_ms: nowMs, updated_ms: nowMs };
      this.restreams.set(w.id, r);
    }
    const changes = [];
    set(changes, "stream_id", r, "stream_id", nn(w.stream_id));
    set(changes, "live", r, "live", nn(w.live) ?? nn(w.active));
    set(changes, "name", r, "name", nn(w.name));
    if (changes.length > 0) r.updated_ms = nowMs ?? r.updated_ms;
    const stream = r.stream_id;
    const stage = stream === undefined ? null : this.#stageId(stream);
    const res = this.#result("applied", { kind: "restream", ...r }, changes, stream, stage, []);
    if (created && res.outcome === "duplicate") res.outcome = "applied";
    return res;
  }
}

/** For the (untimed) equivalence check: JSON form with the flags Rust omits when false dropped. */
export function normalize(result) {
  return JSON.parse(
    JSON.stringify(result, (k, v) =>
      (k === "stop_expected" || k === "interrupted" || k === "stopped" || k === "deleted") && v === false
        ? undefined
        : v,
    ),
  );
}
