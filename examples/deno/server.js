// The webhook receiver for Deno (Deno.serve), state in memory. See the README, section "Edge receivers".
//   WEBHOOK_SECRET=dev-secret PORT=8788 ALLOW_IPS=off deno run --allow-net=127.0.0.1 --allow-env server.js
// (from a published package: import from "npm:gcore-streaming/webhook" instead).
import { parseWebhook, verifyWebhookSource, WebhookTracker, WebhookError } from "gcore-streaming/webhook";

const env = (name, fallback) => Deno.env.get(name) ?? fallback;
const secret = env("WEBHOOK_SECRET", "dev-secret");
// ALLOW_IPS: unset = the platform's ranges; "off" = no IP check (local runs); else comma-separated CIDRs.
const ipRule = env("ALLOW_IPS") === "off" ? null : { allowIps: env("ALLOW_IPS")?.split(",").map((s) => s.trim()) };
const tracker = new WebhookTracker(); // one tracker: it links broadcasts, videos and streams itself

const json = (body, status = 200) => Response.json(body, { status });
const allowed = (req, ip) => {
  try {
    verifyWebhookSource({ url: req.url, secret, ...(ip !== undefined && ipRule ? { ...ipRule, ip } : {}) });
    return true;
  } catch (e) {
    if (e instanceof WebhookError) return false;
    throw e;
  }
};

async function handle(req, info) {
  const parts = new URL(req.url).pathname.split("/").filter(Boolean);
  const id = /^[1-9][0-9]{0,15}$/.test(parts[1] ?? "") ? Number(parts[1]) : null;
  try {
    if (req.method === "POST" && parts[0] === "webhooks" && parts[1] === "gcore" && parts.length === 3) {
      if (!allowed(req, info.remoteAddr.hostname)) return new Response(null, { status: 404 });
      const body = await req.text(); // strings take the fast path
      parseWebhook(body, { maxBytes: 64 * 1024 }); // strict: throws WebhookError { code, path }
      tracker.apply(body, Date.now());
      return new Response(null, { status: 204 });
    }
    if (req.method === "GET" && parts[0] === "streams" && id && parts.length === 2) {
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
    if (e instanceof WebhookError) return json({ code: e.code, path: e.path, message: e.message }, 400);
    if (e instanceof SyntaxError) return json({ code: "invalid_json", path: "", message: e.message }, 400);
    console.error(e);
    return json({ code: "internal" }, 500);
  }
}

const port = Number(env("PORT", "8788"));
Deno.serve({ hostname: "127.0.0.1", port, onListen: () => console.log(`webhook receiver on http://127.0.0.1:${port}/webhooks/gcore/<secret>`) }, handle);
