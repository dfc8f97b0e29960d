// A Gcore Streaming webhook receiver on Cloudflare Workers, with its state in Durable Objects.
// See the README (section "Edge receivers") for the routes, the state model and the link directory.
//
//   POST /webhooks/gcore/<secret>          a webhook: 204 applied, 202 parked, 400 bad payload, 404 otherwise
//   GET  /streams/<id>                     tracked state, stage, next actions, broadcasts, videos, counters
//   POST /streams/<id>/expect-stop?token=  the app is about to stop the stream (not an interruption)
//   POST /links/broadcasts/<id>?token=     {"stream_id": n} or {"stream_ids": [n]}: link a broadcast
//   GET  /links/<kind>/<id>?token=         a link entry: {stream_ids, parked}
//   GET  /healthz
import { DurableObject } from "cloudflare:workers";
// The `workerd` export condition imports the .wasm as a precompiled WebAssembly.Module and
// instantiates it synchronously: nothing to await, nothing compiled from bytes at run time.
import { parseWebhook, verifyWebhookSource, WebhookTracker, WebhookError, StreamingClient } from "gcore-streaming";

const MAX_BYTES = 64 * 1024;
const MAX_PARKED = 1000;
const KINDS = { broadcasts: "broadcast", videos: "video", restreams: "restream" };

const json = (body, status = 200) => Response.json(body, { status });
const notFound = () => new Response(null, { status: 404 });
const badRequest = (e) => json({ code: e.code, path: e.path, message: e.message }, 400);
const positiveId = (s) => (/^[1-9][0-9]{0,15}$/.test(s) && Number.isSafeInteger(Number(s)) ? Number(s) : null);

/** Throws a WebhookError unless the request carries the secret (and, unless ALLOW_IPS=off, comes from an allowed IP). */
function verify(request, env, { checkIp }) {
  const options = { url: request.url, secret: env.WEBHOOK_SECRET };
  const allow = (env.ALLOW_IPS ?? "").trim();
  if (checkIp && allow !== "off") {
    options.ip = request.headers.get("CF-Connecting-IP");
    if (allow) options.allowIps = allow.split(",").map((s) => s.trim()).filter(Boolean);
  }
  verifyWebhookSource(options);
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

async function receiveWebhook(request, env, ctx) {
  try {
    verify(request, env, { checkIp: true });
  } catch (e) {
    if (e instanceof WebhookError) return notFound(); // wrong secret or source: say nothing about why
    throw e;
  }
  let event;
  try {
    const length = Number(request.headers.get("Content-Length") ?? 0);
    if (length > MAX_BYTES) throw Object.assign(new Error(`the body is ${length} bytes, over ${MAX_BYTES}`), { code: "too_large", path: "" });
    event = parseWebhook(await request.text(), { maxBytes: MAX_BYTES }); // a string takes the fast path
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
      return method === "POST" ? receiveWebhook(request, env, ctx) : json({ code: "method_not_allowed" }, 405);
    }
    if (a === "healthz" && parts.length === 1) return json({ ok: true });
    if (a === "streams" && b && parts.length <= 3) {
      const id = positiveId(b);
      if (id === null) return json({ code: "invalid_value", path: "id", message: "expected a positive integer stream id" }, 400);
      if (parts.length === 2 && method === "GET") {
        const view = await streamStub(env, id).view(id);
        return view ? json(view) : json({ code: "not_found", message: `stream ${id} is not tracked` }, 404);
      }
      if (c === "expect-stop" && method === "POST") {
        if (!authorized(request, env)) return notFound();
        return json(await streamStub(env, id).expectStop(id));
      }
    }
    if (a === "links" && KINDS[b] && c && parts.length === 3) {
      if (!authorized(request, env)) return notFound();
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

/** Admin routes take the same secret as `?token=<secret>`. */
function authorized(request, env) {
  try {
    verify(request, env, { checkIp: false });
    return true;
  } catch (e) {
    if (e instanceof WebhookError) return false;
    throw e;
  }
}

/** One stream's state: a WebhookTracker restored from storage, persisted after every event. */
export class StreamState extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      const [snapshot, meta] = await Promise.all([ctx.storage.get("snapshot"), ctx.storage.get("meta")]);
      this.tracker = snapshot ? WebhookTracker.restore(snapshot) : new WebhookTracker();
      this.meta = meta ?? { received: 0, counts: { applied: 0, duplicate: 0, stale: 0, ignored: 0 } };
    });
  }

  async apply(streamId, event) {
    const now = Date.now();
    const newVideo = event.type === "video" && this.tracker.video(event.video.id) === null;
    if (event.type === "broadcast") {
      // Broadcast webhooks carry no stream ids: link it here (as API data would) before applying.
      const known = this.tracker.broadcast(event.broadcast.id);
      if (!known?.stream_ids.includes(streamId)) this.tracker.applyBroadcast({ id: event.broadcast.id, stream_ids: [streamId] }, now);
    }
    const result = this.tracker.apply(event, now);
    this.meta.received += 1;
    this.meta.counts[result.outcome] = (this.meta.counts[result.outcome] ?? 0) + 1;
    await this.ctx.storage.put({ snapshot: this.tracker.snapshot(), meta: this.meta });
    return { outcome: result.outcome, stage: result.stage, newVideo };
  }

  /** The link directory learnt that `broadcastId` belongs to this stream (as the API would say). */
  async linkBroadcast(streamId, broadcastId) {
    if (this.tracker.broadcast(broadcastId)?.stream_ids.includes(streamId)) return;
    this.tracker.applyBroadcast({ id: broadcastId, stream_ids: [streamId] }, Date.now());
    await this.ctx.storage.put({ snapshot: this.tracker.snapshot() });
  }

  async expectStop(streamId) {
    this.tracker.expectStop(streamId, Date.now());
    await this.ctx.storage.put({ snapshot: this.tracker.snapshot() });
    return { stage: this.tracker.stage(streamId) };
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
 * keeps the stream ids the entity belongs to and the events parked until those are known. Calls for
 * one key run one at a time, so parked events reach the stream before any later one.
 */
export class Link extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.queues = new Map();
  }

  serial(key, fn) {
    const run = (this.queues.get(key) ?? Promise.resolve()).then(fn);
    const tail = run.catch(() => {});
    this.queues.set(key, tail);
    tail.then(() => this.queues.get(key) === tail && this.queues.delete(key));
    return run;
  }

  deliver(key, event) {
    return this.serial(key, async () => {
      let ids = await this.ctx.storage.get(`ids:${key}`);
      if (!ids && key.startsWith("broadcast:")) ids = await this.resolve(key, Number(key.slice(10)));
      const parked = (await this.ctx.storage.get(`parked:${key}`)) ?? [];
      if (!ids) {
        if (parked.length >= MAX_PARKED) return { status: "full", code: "parked_full", key };
        parked.push(event);
        await this.ctx.storage.put(`parked:${key}`, parked);
        return { status: "parked", key, parked: parked.length };
      }
      await this.forward(ids, [...parked, event]); // parked ones were left by an earlier failed resolve
      if (parked.length) await this.ctx.storage.delete(`parked:${key}`);
      return { status: "applied" };
    });
  }

  link(key, streamIds) {
    return this.serial(key, async () => {
      const ids = [...new Set([...((await this.ctx.storage.get(`ids:${key}`)) ?? []), ...streamIds])].sort((x, y) => x - y);
      await this.ctx.storage.put(`ids:${key}`, ids);
      await this.tellStreams(key, ids);
      const parked = (await this.ctx.storage.get(`parked:${key}`)) ?? [];
      await this.forward(ids, parked); // on failure the events stay parked (re-applying is idempotent)
      if (parked.length) await this.ctx.storage.delete(`parked:${key}`);
      return { key, stream_ids: ids, delivered: parked.length };
    });
  }

  async info(key) {
    return { stream_ids: (await this.ctx.storage.get(`ids:${key}`)) ?? [], parked: ((await this.ctx.storage.get(`parked:${key}`)) ?? []).length };
  }

  /** A stream learns its broadcast now, so its next actions can name it before any broadcast event. */
  async tellStreams(key, ids) {
    if (!key.startsWith("broadcast:")) return;
    for (const id of ids) await streamStub(this.env, id).linkBroadcast(id, Number(key.slice(10)));
  }

  async forward(ids, events) {
    for (const event of events) for (const id of ids) await streamStub(this.env, id).apply(id, event);
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
