// A Gcore Streaming webhook receiver on Cloudflare Workers, with its state in Durable Objects.
// See the README (section "Edge receivers") for the routes, the state model and the link directory.
//
//   POST /webhooks/gcore/<secret>          a webhook: 204 applied, 202 parked, 400 bad payload, 503 full, 404 otherwise
//   GET  /streams/<id>?token=              tracked state, stage, next actions, broadcasts, videos, counters
//   POST /streams/<id>/expect-stop?token=  the app is about to stop the stream (not an interruption)
//   POST /links/broadcasts/<id>?token=     {"stream_id": n} or {"stream_ids": [n]}: link a broadcast
//   GET  /links/<kind>/<id>?token=         a link entry: {stream_ids, parked}
//   GET  /healthz
// Limits and what they guard against: docs/security-and-limits.md.
import { DurableObject } from "cloudflare:workers";
// The `workerd` export condition imports the .wasm as a precompiled WebAssembly.Module and
// instantiates it synchronously: nothing to await, nothing compiled from bytes at run time.
import { parseWebhook, verifyWebhookSource, WebhookTracker, WebhookError, StreamingClient } from "gcore-streaming";
import { readBody } from "./body.js";

const MAX_BYTES = 64 * 1024;
// Parked events (see Link): per key at most MAX_PARKED events and MAX_PARKED_BYTES; per directory
// shard at most PARKED_KEYS_PER_SHARD keys (env, default 256: 8,192 over the 32 shards) and
// MAX_SHARD_PARKED_BYTES. Each event is stored as its own value, far below Cloudflare's 2 MB.
const MAX_PARKED = 1000;
const MAX_PARKED_BYTES = 1024 * 1024;
const MAX_SHARD_PARKED_BYTES = 8 * 1024 * 1024;
// A broadcast webhook may link at most this many streams (the platform's carry none).
const MAX_LINKS = 10;
// A stream's snapshot is stored in chunks of SNAPSHOT_CHUNK characters (< 2 MB each, Cloudflare's
// limit per value), at most MAX_SNAPSHOT_CHUNKS of them (written in one atomic put).
const SNAPSHOT_CHUNK = 512 * 1024;
const MAX_SNAPSHOT_CHUNKS = 8;
const KINDS = { broadcasts: "broadcast", videos: "video", restreams: "restream" };

const json = (body, status = 200) => Response.json(body, { status });
const notFound = () => new Response(null, { status: 404 });
const badRequest = (e) => json({ code: e.code, path: e.path, message: e.message }, 400);
const positiveId = (s) => (/^[1-9][0-9]{0,15}$/.test(s) && Number.isSafeInteger(Number(s)) ? Number(s) : null);

/**
 * Whether `candidate` is the secret (constant time, by `verifyWebhookSource`) and, for a webhook
 * unless ALLOW_IPS=off, the sender's IP is allowed. Only what the README documents carries the
 * secret: the webhook URL's last path segment, the admin routes' `?token=`.
 */
function verify(request, env, { segment, token }, secret = env.WEBHOOK_SECRET) {
  const url = segment !== undefined ? `https://receiver.invalid/${segment}` : `https://receiver.invalid/?token=${encodeURIComponent(token ?? "")}`;
  const options = { url, secret };
  const allow = (env.ALLOW_IPS ?? "").trim();
  if (segment !== undefined && allow !== "off") {
    options.ip = request.headers.get("CF-Connecting-IP");
    if (allow) options.allowIps = allow.split(",").map((s) => s.trim()).filter(Boolean);
  }
  try {
    verifyWebhookSource(options);
    return true;
  } catch (e) {
    if (e instanceof WebhookError) return false;
    throw e;
  }
}

const streamStub = (env, id) => env.STREAMS.get(env.STREAMS.idFromName(String(id)));
// The link directory is sharded: LINK_SHARDS objects, each holding many keys (few objects, no hot key).
const LINK_SHARDS = 32;
const shardOf = (key) => [...key].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 7) % LINK_SHARDS;
const linkStub = (env, key) => env.LINKS.get(env.LINKS.idFromName(`links:${shardOf(key)}`));

/** Where an event goes: straight to its stream, or through the link directory. */
function routeOf(event) {
  switch (event.type) {
    case "stream":
      return { streamIds: [event.stream.id] };
    case "video":
    case "video_delete":
      return event.video.stream_id ? { streamIds: [event.video.stream_id] } : { link: `video:${event.video.id}` };
    case "restream":
      return event.restream.stream_id ? { streamIds: [event.restream.stream_id] } : { link: `restream:${event.restream.id}` };
    case "broadcast":
      return event.broadcast.stream_ids?.length ? { streamIds: event.broadcast.stream_ids } : { link: `broadcast:${event.broadcast.id}` };
    default:
      return null;
  }
}

async function receiveWebhook(request, env, ctx, segment) {
  if (!verify(request, env, { segment })) return notFound(); // wrong secret or source: say nothing about why
  let event;
  try {
    event = parseWebhook(await readBody(request, MAX_BYTES), { maxBytes: MAX_BYTES });
    if (event.type === "broadcast" && (event.broadcast.stream_ids?.length ?? 0) > MAX_LINKS) {
      return badRequest({ code: "too_many_links", path: "message.broadcast.stream_ids", message: `expected at most ${MAX_LINKS} stream ids` });
    }
  } catch (e) {
    if (e instanceof WebhookError || e.code === "too_large") return badRequest(e);
    throw e;
  }
  const route = routeOf(event);
  if (route.link) {
    const r = await linkStub(env, route.link).deliver(route.link, event);
    return r.status === "parked" ? json(r, 202) : r.status === "full" ? json(r, 503) : new Response(null, { status: 204 });
  }
  for (const id of route.streamIds) {
    const r = await streamStub(env, id).apply(id, event);
    if (r.full) return json({ status: "full", code: r.full, stream_id: id }, 503);
    // Learn video -> stream for `video_delete` webhooks that may come without `stream_id` (off the reply path).
    if (r.newVideo) ctx.waitUntil(linkStub(env, `video:${event.video.id}`).link(`video:${event.video.id}`, [id]));
  }
  return new Response(null, { status: 204 });
}

export default {
  async fetch(request, env, ctx) {
    if (!env.WEBHOOK_SECRET) return json({ code: "misconfigured", message: "WEBHOOK_SECRET is not set" }, 500);
    const url = new URL(request.url);
    const parts = url.pathname.split("/").filter(Boolean);
    const [a, b, c, d] = parts;
    const method = request.method;

    if (a === "webhooks" && b === "gcore" && c && parts.length === 3) {
      return method === "POST" ? receiveWebhook(request, env, ctx, c) : json({ code: "method_not_allowed" }, 405);
    }
    if (a === "healthz" && parts.length === 1) return json({ ok: true });
    const token = url.searchParams.get("token");
    if (a === "streams" && b && parts.length <= 3) {
      // State reads take the token (WEBHOOK_SECRET, or READ_TOKEN when set); the rest, the secret.
      const read = parts.length === 2 && method === "GET";
      if (!(verify(request, env, { token }) || (read && env.READ_TOKEN && verify(request, env, { token }, env.READ_TOKEN)))) return notFound();
      const id = positiveId(b);
      if (id === null) return json({ code: "invalid_value", path: "id", message: "expected a positive integer stream id" }, 400);
      if (read) {
        // An unknown id is answered from the directory: no stream object (and no storage) is made for it.
        const known = await linkStub(env, `stream:${id}`).has(`stream:${id}`);
        const view = known ? await streamStub(env, id).view(id) : null;
        return view ? json(view) : json({ code: "not_found", message: `stream ${id} is not tracked` }, 404);
      }
      if (c === "expect-stop" && method === "POST") {
        const r = await streamStub(env, id).expectStop(id);
        return r.full ? json({ status: "full", code: r.full, stream_id: id }, 503) : json(r);
      }
    }
    if (a === "links" && KINDS[b] && c && parts.length === 3) {
      if (!verify(request, env, { token })) return notFound();
      const id = positiveId(c);
      if (id === null) return json({ code: "invalid_value", path: "id", message: "expected a positive integer id" }, 400);
      const key = `${KINDS[b]}:${id}`;
      if (method === "GET") return json(await linkStub(env, key).info(key));
      if (method !== "POST") return json({ code: "method_not_allowed" }, 405);
      let body;
      try {
        body = await request.json();
      } catch {
        return json({ code: "invalid_json", path: "", message: "expected a JSON body" }, 400);
      }
      const ids = body?.stream_ids ?? (body?.stream_id != null ? [body.stream_id] : null);
      if (!Array.isArray(ids) || ids.length === 0 || !ids.every((n) => Number.isSafeInteger(n) && n > 0)) {
        return json({ code: "invalid_value", path: "stream_id", message: "expected stream_id (a positive integer) or stream_ids" }, 400);
      }
      return json(await linkStub(env, key).link(key, ids));
    }
    return json({ code: "not_found" }, 404);
  },
};

/**
 * One stream's state: a WebhookTracker restored from storage, persisted after every event. Memory
 * changes only once the write succeeded: a failed or refused write puts the tracker back as stored.
 */
export class StreamState extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      const meta = await ctx.storage.get("meta");
      this.meta = meta ?? { received: 0, counts: { applied: 0, duplicate: 0, stale: 0, ignored: 0 } };
      // The snapshot in `chunks` values: "snapshot", "snapshot:1", … (older state: one value).
      const keys = Array.from({ length: this.meta.chunks ?? 1 }, (_, i) => (i ? `snapshot:${i}` : "snapshot"));
      const parts = await ctx.storage.get(keys);
      this.saved = keys.map((k) => parts.get(k) ?? "");
      const snapshot = this.saved.join("");
      this.tracker = snapshot ? WebhookTracker.restore(snapshot) : new WebhookTracker();
    });
  }

  /**
   * Persists the tracker and `meta` (one atomic put of the chunks that changed), or puts the
   * tracker back as stored. Answers `null`, or the code of a refusal (`state_full`).
   */
  async save(streamId, meta) {
    const snapshot = this.tracker.snapshot();
    const n = Math.ceil(snapshot.length / SNAPSHOT_CHUNK) || 1;
    let full = null;
    try {
      if (n > MAX_SNAPSHOT_CHUNKS) {
        full = "state_full";
      } else {
        if (!this.meta.registered) {
          // The directory learns the stream exists (GET /streams/<id> asks it before making an object).
          await linkStub(this.env, `stream:${streamId}`).register(`stream:${streamId}`);
        }
        const chunks = Array.from({ length: n }, (_, i) => snapshot.slice(i * SNAPSHOT_CHUNK, (i + 1) * SNAPSHOT_CHUNK));
        const next = { ...meta, chunks: n, registered: true };
        const put = { meta: next };
        chunks.forEach((c, i) => {
          if (c !== this.saved[i]) put[i ? `snapshot:${i}` : "snapshot"] = c;
        });
        await this.ctx.storage.put(put);
        const stale = this.saved.slice(n).map((_, i) => `snapshot:${n + i}`);
        this.saved = chunks;
        this.meta = next;
        if (stale.length) await this.ctx.storage.delete(stale);
        return null;
      }
    } catch (e) {
      this.rollback();
      throw e;
    }
    this.rollback();
    return full;
  }

  rollback() {
    this.tracker.free();
    const snapshot = this.saved.join("");
    this.tracker = snapshot ? WebhookTracker.restore(snapshot) : new WebhookTracker();
  }

  async apply(streamId, event) {
    const now = Date.now();
    const newVideo = event.type === "video" && this.tracker.video(event.video.id) === null;
    if (event.type === "broadcast") {
      // Broadcast webhooks carry no stream ids: link it here (as API data would) before applying,
      // and only to this stream (each stream object tracks its own links).
      const known = this.tracker.broadcast(event.broadcast.id);
      if (!known?.stream_ids.includes(streamId)) this.tracker.applyBroadcast({ id: event.broadcast.id, stream_ids: [streamId] }, now);
      const { stream_ids, ...broadcast } = event.broadcast;
      event = { type: "broadcast", broadcast };
    }
    const result = this.tracker.apply(event, now);
    const counts = { ...this.meta.counts, [result.outcome]: (this.meta.counts[result.outcome] ?? 0) + 1 };
    const full = await this.save(streamId, { ...this.meta, received: this.meta.received + 1, counts });
    if (full) return { full };
    return { outcome: result.outcome, stage: result.stage, newVideo };
  }

  /** The link directory learnt that `broadcastId` belongs to this stream (as the API would say). */
  async linkBroadcast(streamId, broadcastId) {
    if (this.tracker.broadcast(broadcastId)?.stream_ids.includes(streamId)) return null;
    this.tracker.applyBroadcast({ id: broadcastId, stream_ids: [streamId] }, Date.now());
    return this.save(streamId, this.meta);
  }

  async expectStop(streamId) {
    this.tracker.expectStop(streamId, Date.now());
    const full = await this.save(streamId, this.meta);
    return full ? { full } : { stage: this.tracker.stage(streamId) };
  }

  view(streamId) {
    const stream = this.tracker.stream(streamId);
    if (!stream) return null;
    return {
      stream,
      stage: stream.stage,
      // Worked out from the state: what is still due, whatever the order webhooks came in.
      next_actions: this.tracker.nextActions(streamId),
      broadcasts: stream.broadcast_ids.map((id) => this.tracker.broadcast(id)).filter(Boolean),
      videos: stream.recordings.map((id) => this.tracker.video(id)).filter(Boolean),
      events: { received: this.meta.received, ...this.meta.counts },
    };
  }
}

/**
 * A shard of the link directory. For each key ("broadcast:<id>", "video:<id>" or "restream:<id>") it
 * keeps the stream ids the entity belongs to and the events parked until those are known; it also
 * knows which streams exist ("stream:<id>"). Calls for one key run one at a time, so parked events
 * reach the stream before any later one. Parked events are stored one value each (`p:<key>:<seq>`)
 * with a count per key (`pm:<key>`); the shard's totals are kept in memory, worked out at start.
 */
export class Link extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.queues = new Map();
    this.maxKeys = Number(env.PARKED_KEYS_PER_SHARD ?? 256);
    ctx.blockConcurrencyWhile(async () => {
      this.keys = 0;
      this.bytes = 0;
      for (const m of (await ctx.storage.list({ prefix: "pm:" })).values()) {
        this.keys += 1;
        this.bytes += m.bytes;
      }
    });
  }

  serial(key, fn) {
    const run = (this.queues.get(key) ?? Promise.resolve()).then(fn);
    const tail = run.catch(() => {});
    this.queues.set(key, tail);
    tail.then(() => this.queues.get(key) === tail && this.queues.delete(key));
    return run;
  }

  async register(key) {
    await this.ctx.storage.put(`known:${key}`, 1);
  }

  async has(key) {
    return (await this.ctx.storage.get(`known:${key}`)) !== undefined;
  }

  /** The events parked under `key`, in arrival order, and their count entry. */
  async parked(key) {
    const pm = (await this.ctx.storage.get(`pm:${key}`)) ?? { n: 0, bytes: 0, seq: 0 };
    const list = pm.n ? await this.ctx.storage.list({ prefix: `p:${key}:` }) : new Map();
    return { pm, keys: [...list.keys()], events: [...list.values()].map((t) => JSON.parse(t)) };
  }

  async unpark(key, { pm, keys }) {
    if (!pm.n) return;
    for (let i = 0; i < keys.length; i += 128) await this.ctx.storage.delete(keys.slice(i, i + 128));
    await this.ctx.storage.delete(`pm:${key}`);
    this.keys -= 1;
    this.bytes -= pm.bytes;
  }

  deliver(key, event) {
    return this.serial(key, async () => {
      let ids = await this.ctx.storage.get(`ids:${key}`);
      if (!ids && key.startsWith("broadcast:")) ids = await this.resolve(key, Number(key.slice(10)));
      const parked = await this.parked(key);
      if (!ids) {
        // Refused (503) before anything is stored when a limit would be passed.
        const text = JSON.stringify(event);
        const size = text.length;
        const { pm } = parked;
        if (pm.n >= MAX_PARKED || pm.bytes + size > MAX_PARKED_BYTES) return { status: "full", code: "parked_full", key };
        if ((pm.n === 0 && this.keys >= this.maxKeys) || this.bytes + size > MAX_SHARD_PARKED_BYTES) return { status: "full", code: "parked_keys_full", key };
        const next = { n: pm.n + 1, bytes: pm.bytes + size, seq: pm.seq + 1 };
        this.keys += pm.n === 0 ? 1 : 0;
        this.bytes += size;
        try {
          await this.ctx.storage.put({ [`p:${key}:${String(pm.seq).padStart(10, "0")}`]: text, [`pm:${key}`]: next });
        } catch (e) {
          this.keys -= pm.n === 0 ? 1 : 0;
          this.bytes -= size;
          throw e;
        }
        return { status: "parked", key, parked: next.n };
      }
      await this.forward(ids, [...parked.events, event]); // parked ones were left by an earlier failed resolve
      await this.unpark(key, parked);
      return { status: "applied" };
    });
  }

  link(key, streamIds) {
    return this.serial(key, async () => {
      const ids = [...new Set([...((await this.ctx.storage.get(`ids:${key}`)) ?? []), ...streamIds])].sort((x, y) => x - y);
      await this.ctx.storage.put(`ids:${key}`, ids);
      await this.tellStreams(key, ids);
      const parked = await this.parked(key);
      await this.forward(ids, parked.events); // on failure the events stay parked (re-applying is idempotent)
      await this.unpark(key, parked);
      return { key, stream_ids: ids, delivered: parked.events.length };
    });
  }

  async info(key) {
    return { stream_ids: (await this.ctx.storage.get(`ids:${key}`)) ?? [], parked: ((await this.ctx.storage.get(`pm:${key}`)) ?? { n: 0 }).n };
  }

  /** A stream learns its broadcast now, so its next actions can name it before any broadcast event. */
  async tellStreams(key, ids) {
    if (!key.startsWith("broadcast:")) return;
    for (const id of ids) await streamStub(this.env, id).linkBroadcast(id, Number(key.slice(10)));
  }

  async forward(ids, events) {
    for (const event of events) {
      for (const id of ids) {
        const r = await streamStub(this.env, id).apply(id, event);
        if (r.full) throw new Error(`stream ${id}: ${r.full}`); // the events stay parked
      }
    }
  }

  /** With GCORE_API_URL/GCORE_API_KEY set, asks the API which streams a broadcast belongs to. */
  async resolve(key, broadcastId) {
    if (!this.env.GCORE_API_URL || !this.env.GCORE_API_KEY) return null;
    const client = new StreamingClient({ apiKey: this.env.GCORE_API_KEY, baseUrl: this.env.GCORE_API_URL, maxRetries: 0, timeoutMs: 5000 });
    try {
      const ids = (await client.getBroadcast(broadcastId)).stream_ids ?? [];
      if (!ids.length) return null;
      await this.ctx.storage.put(`ids:${key}`, ids);
      await this.tellStreams(key, ids);
      return ids;
    } catch (e) {
      console.warn(`broadcast ${broadcastId}: not resolved through the API (${e.code ?? e.name}); parked`);
      return null;
    } finally {
      client.free();
    }
  }
}
