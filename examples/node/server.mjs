// The webhook receiver for Node (node:http, no framework), state in memory. See the README, section "Edge receivers".
//   WEBHOOK_SECRET=dev-secret PORT=8788 ALLOW_IPS=off node server.mjs
import { createServer } from "node:http";
import { parseWebhook, verifyWebhookSource, WebhookTracker, WebhookError } from "gcore-streaming/webhook";

const secret = process.env.WEBHOOK_SECRET ?? "dev-secret";
// ALLOW_IPS: unset = the platform's ranges; "off" = no IP check (local runs); else comma-separated CIDRs.
const ipRule = process.env.ALLOW_IPS === "off" ? null : { allowIps: process.env.ALLOW_IPS?.split(",").map((s) => s.trim()) };
const tracker = new WebhookTracker(); // one tracker: it links broadcasts, videos and streams itself

const readBody = async (req) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
};
const url = (req) => new URL(req.url, `http://${req.headers.host ?? "localhost"}`);
const send = (res, status, body) => {
  res.writeHead(status, body === undefined ? {} : { "content-type": "application/json" });
  res.end(body === undefined ? undefined : JSON.stringify(body));
};
const allowed = (req, checkIp) => {
  try {
    verifyWebhookSource({ url: url(req).href, secret, ...(checkIp && ipRule ? { ...ipRule, ip: req.socket.remoteAddress } : {}) });
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
      tracker.apply(parseWebhook(body, { maxBytes: 64 * 1024 }), Date.now());
      return send(res, 204);
    }
    if (req.method === "GET" && parts[0] === "streams" && id && parts.length === 2) {
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
    if (e instanceof WebhookError) return send(res, 400, { code: e.code, path: e.path, message: e.message });
    if (e instanceof SyntaxError) return send(res, 400, { code: "invalid_json", path: "", message: e.message });
    console.error(e);
    return send(res, 500, { code: "internal" });
  }
});

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 8788);
  server.listen(port, "127.0.0.1", () => console.log(`webhook receiver on http://127.0.0.1:${port}/webhooks/gcore/<secret>`));
}
