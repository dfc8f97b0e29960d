// The webhook receiver for Node (node:http, no framework), state in memory. See the README, section
// "Edge receivers", and docs/security-and-limits.md.
//   WEBHOOK_SECRET=<secret> PORT=8788 ALLOW_IPS=off node server.mjs
//   node server.mjs --local        (a local run: the secret is "dev-secret" unless WEBHOOK_SECRET is set)
import { createServer } from "node:http";
import { parseWebhook, verifyWebhookSource, WebhookTracker, WebhookError } from "gcore-streaming/webhook";

const MAX_BYTES = 64 * 1024;
const local = process.argv.includes("--local");
const secret = process.env.WEBHOOK_SECRET || (local ? "dev-secret" : null);
if (!secret) {
  console.error("WEBHOOK_SECRET is not set: refusing to start (pass --local for a local run with the secret dev-secret)");
  process.exit(2);
}
// ALLOW_IPS: unset = the platform's ranges; "off" = no IP check (local runs); else comma-separated CIDRs.
const ipRule = process.env.ALLOW_IPS === "off" ? null : { allowIps: process.env.ALLOW_IPS?.split(",").map((s) => s.trim()) };
const tracker = new WebhookTracker(); // one tracker: it links broadcasts, videos and streams itself

/** The body, or a `too_large` error as soon as more than `max` bytes came (the rest is not read). */
const readBody = async (req, max = MAX_BYTES) => {
  const tooLarge = Object.assign(new Error(`the body is over ${max} bytes`), { code: "too_large", path: "" });
  if (Number(req.headers["content-length"] ?? 0) > max) throw tooLarge;
  const chunks = [];
  let n = 0;
  for await (const chunk of req) {
    n += chunk.length;
    if (n > max) throw tooLarge; // leaving the loop destroys the request stream
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
};
const url = (req) => new URL(req.url, `http://${req.headers.host ?? "localhost"}`);
const send = (res, status, body) => {
  res.writeHead(status, body === undefined ? {} : { "content-type": "application/json" });
  res.end(body === undefined ? undefined : JSON.stringify(body));
};
// The secret is taken where the README documents it: the webhook URL's last path segment, the
// other routes' `?token=`.
const allowed = (req, checkIp) => {
  const u = url(req);
  const where = checkIp ? `https://receiver.invalid/${u.pathname.split("/").pop()}` : `https://receiver.invalid/?token=${encodeURIComponent(u.searchParams.get("token") ?? "")}`;
  try {
    verifyWebhookSource({ url: where, secret, ...(checkIp && ipRule ? { ...ipRule, ip: req.socket.remoteAddress } : {}) });
    return true;
  } catch (e) {
    if (e instanceof WebhookError) return false;
    throw e;
  }
};

export const server = createServer(async (req, res) => {
  const parts = url(req).pathname.split("/").filter(Boolean);
  const id = /^[1-9][0-9]{0,15}$/.test(parts[1] ?? "") ? Number(parts[1]) : null;
  try {
    if (req.method === "POST" && parts[0] === "webhooks" && parts[1] === "gcore" && parts.length === 3) {
      if (!allowed(req, true)) return send(res, 404);
      const body = await readBody(req);
      tracker.apply(parseWebhook(body, { maxBytes: MAX_BYTES }), Date.now());
      return send(res, 204);
    }
    if (req.method === "GET" && parts[0] === "streams" && id && parts.length === 2) {
      if (!allowed(req, false)) return send(res, 404);
      const stream = tracker.stream(id);
      if (!stream) return send(res, 404, { code: "not_found", message: `stream ${id} is not tracked` });
      const broadcasts = stream.broadcast_ids.map((b) => tracker.broadcast(b));
      const videos = stream.recordings.map((v) => tracker.video(v));
      return send(res, 200, { stream, stage: stream.stage, next_actions: tracker.nextActions(id), broadcasts, videos });
    }
    if (req.method === "POST" && parts[0] === "streams" && id && parts[2] === "expect-stop") {
      if (!allowed(req, false)) return send(res, 404);
      tracker.expectStop(id, Date.now());
      return send(res, 200, { stage: tracker.stage(id) });
    }
    if (req.method === "POST" && parts[0] === "links" && parts[1] === "broadcasts" && parts.length === 3) {
      if (!allowed(req, false)) return send(res, 404);
      const { stream_id } = JSON.parse((await readBody(req)).toString() || "{}");
      tracker.applyBroadcast({ id: Number(parts[2]), stream_ids: [stream_id] }, Date.now());
      return send(res, 200, { stream_ids: tracker.broadcast(Number(parts[2]))?.stream_ids ?? [] });
    }
    if (parts[0] === "healthz") return send(res, 200, { ok: true });
    return send(res, 404, { code: "not_found" });
  } catch (e) {
    if (e instanceof WebhookError || e.code === "too_large") return send(res, 400, { code: e.code, path: e.path, message: e.message });
    if (e instanceof SyntaxError) return send(res, 400, { code: "invalid_json", path: "", message: e.message });
    console.error(e);
    return send(res, 500, { code: "internal" });
  }
});

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 8788);
  server.listen(port, "127.0.0.1", () => console.log(`webhook receiver on http://127.0.0.1:${port}/webhooks/gcore/<secret>`));
}
