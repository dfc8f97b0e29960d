// The webhook receiver for Deno (Deno.serve), state in memory. See the README, section "Edge receivers",
// and docs/security-and-limits.md.
//   WEBHOOK_SECRET=<secret> PORT=8788 ALLOW_IPS=off deno run --allow-net=127.0.0.1 --allow-env server.js
//   deno run --allow-net=127.0.0.1 --allow-env server.js --local   (a local run: the secret is "dev-secret")
// (from a published package: import from "npm:gcore-streaming/webhook" instead).
import { parseWebhook, verifyWebhookSource, WebhookTracker, WebhookError } from "gcore-streaming/webhook";

const env = (name, fallback) => Deno.env.get(name) ?? fallback;
const MAX_BYTES = 64 * 1024;
const secret = env("WEBHOOK_SECRET") || (Deno.args.includes("--local") ? "dev-secret" : null);
if (!secret) {
  console.error("WEBHOOK_SECRET is not set: refusing to start (pass --local for a local run with the secret dev-secret)");
  Deno.exit(2);
}
// ALLOW_IPS: unset = the platform's ranges; "off" = no IP check (local runs); else comma-separated CIDRs.
const ipRule = env("ALLOW_IPS") === "off" ? null : { allowIps: env("ALLOW_IPS")?.split(",").map((s) => s.trim()) };
const tracker = new WebhookTracker(); // one tracker: it links broadcasts, videos and streams itself

const json = (body, status = 200) => Response.json(body, { status });
// The secret is taken where the README documents it: the webhook URL's last path segment, the
// other routes' `?token=`.
const allowed = (req, ip) => {
  const u = new URL(req.url);
  const where = ip !== undefined ? `https://receiver.invalid/${u.pathname.split("/").pop()}` : `https://receiver.invalid/?token=${encodeURIComponent(u.searchParams.get("token") ?? "")}`;
  try {
    verifyWebhookSource({ url: where, secret, ...(ip !== undefined && ipRule ? { ...ipRule, ip } : {}) });
    return true;
  } catch (e) {
    if (e instanceof WebhookError) return false;
    throw e;
  }
};

/** The body as text, or a `too_large` error as soon as more than `max` bytes came (the rest is not read). */
async function readBody(req, max = MAX_BYTES) {
  const tooLarge = Object.assign(new Error(`the body is over ${max} bytes`), { code: "too_large", path: "" });
  if (Number(req.headers.get("content-length") ?? 0) > max) throw tooLarge;
  const chunks = [];
  let n = 0;
  if (req.body) {
    for await (const chunk of req.body) {
      n += chunk.byteLength;
      if (n > max) throw tooLarge; // leaving the loop cancels the stream
      chunks.push(chunk);
    }
  }
  const bytes = new Uint8Array(n);
  for (let i = 0, at = 0; i < chunks.length; at += chunks[i].byteLength, i++) bytes.set(chunks[i], at);
  return new TextDecoder().decode(bytes);
}

async function handle(req, info) {
  const parts = new URL(req.url).pathname.split("/").filter(Boolean);
  const id = /^[1-9][0-9]{0,15}$/.test(parts[1] ?? "") ? Number(parts[1]) : null;
  try {
    if (req.method === "POST" && parts[0] === "webhooks" && parts[1] === "gcore" && parts.length === 3) {
      if (!allowed(req, info.remoteAddr.hostname)) return new Response(null, { status: 404 });
      const body = await readBody(req); // strings take the fast path
      parseWebhook(body, { maxBytes: MAX_BYTES }); // strict: throws WebhookError { code, path }
      tracker.apply(body, Date.now());
      return new Response(null, { status: 204 });
    }
    if (req.method === "GET" && parts[0] === "streams" && id && parts.length === 2) {
      if (!allowed(req)) return new Response(null, { status: 404 });
      const stream = tracker.stream(id);
      if (!stream) return json({ code: "not_found", message: `stream ${id} is not tracked` }, 404);
      const broadcasts = stream.broadcast_ids.map((b) => tracker.broadcast(b));
      const videos = stream.recordings.map((v) => tracker.video(v));
      return json({ stream, stage: stream.stage, next_actions: tracker.nextActions(id), broadcasts, videos });
    }
    if (req.method === "POST" && parts[0] === "streams" && id && parts[2] === "expect-stop") {
      if (!allowed(req)) return new Response(null, { status: 404 });
      tracker.expectStop(id, Date.now());
      return json({ stage: tracker.stage(id) });
    }
    if (req.method === "POST" && parts[0] === "links" && parts[1] === "broadcasts" && parts.length === 3) {
      if (!allowed(req)) return new Response(null, { status: 404 });
      const { stream_id } = await req.json();
      tracker.applyBroadcast({ id: Number(parts[2]), stream_ids: [stream_id] }, Date.now());
      return json({ stream_ids: tracker.broadcast(Number(parts[2]))?.stream_ids ?? [] });
    }
    if (parts[0] === "healthz") return json({ ok: true });
    return json({ code: "not_found" }, 404);
  } catch (e) {
    if (e instanceof WebhookError || e.code === "too_large") return json({ code: e.code, path: e.path, message: e.message }, 400);
    if (e instanceof SyntaxError) return json({ code: "invalid_json", path: "", message: e.message }, 400);
    console.error(e);
    return json({ code: "internal" }, 500);
  }
}

const port = Number(env("PORT", "8788"));
Deno.serve({ hostname: "127.0.0.1", port, onListen: () => console.log(`webhook receiver on http://127.0.0.1:${port}/webhooks/gcore/<secret>`) }, handle);
