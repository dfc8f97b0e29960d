// A scripted HTTP server for the client's wasm and JS tests (Node, no dependencies).
//
//   node tests/support/test-server.mjs [port=8790]
//
// Each test uses its own session id, so tests running at the same time do not mix:
//   POST /_script/<id>    body: [{status, headers?, body?, delay_ms?, close?}, …]
//                         replaces the session's queue of canned responses and clears its requests
//   GET  /_requests/<id>  → [{method, path, headers, body}, …] the requests received (path without
//                         the /s/<id> prefix, with its query; header names lower case)
//   ANY  /s/<id>/…        answers with the next canned response (418 when the queue is empty);
//                         `close: true` destroys the connection instead (a network error)
//   GET  /_health         → 200
// Every answer carries CORS headers (any origin; Authorization and Content-Type allowed; Retry-After
// exposed); preflight OPTIONS requests are answered 204 and neither recorded nor scripted.
import http from "node:http";

const port = Number(process.argv[2] ?? process.env.PORT ?? 8790);
const sessions = new Map();

function session(id) {
  let s = sessions.get(id);
  if (!s) {
    s = { queue: [], requests: [] };
    sessions.set(id, s);
  }
  return s;
}

function cors(req, res) {
  res.setHeader("Access-Control-Allow-Origin", "*");
  res.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
  res.setHeader(
    "Access-Control-Allow-Headers",
    req.headers["access-control-request-headers"] ?? "Authorization, Content-Type, Accept",
  );
  res.setHeader("Access-Control-Expose-Headers", "Retry-After");
  res.setHeader("Access-Control-Max-Age", "600");
}

function send(res, status, body, headers = {}) {
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.writeHead(status);
  res.end(body);
}

const json = (res, status, value) =>
  send(res, status, JSON.stringify(value), { "Content-Type": "application/json" });

const server = http.createServer((req, res) => {
  cors(req, res);
  if (req.method === "OPTIONS") return send(res, 204, "");
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url, "http://127.0.0.1");
    let m;
    if (url.pathname === "/_health") return json(res, 200, { ok: true });
    if (req.method === "POST" && (m = url.pathname.match(/^\/_script\/([\w-]+)$/))) {
      let queue;
      try {
        queue = JSON.parse(body);
      } catch {
        return json(res, 400, { error: "body must be a JSON array" });
      }
      if (!Array.isArray(queue)) return json(res, 400, { error: "body must be a JSON array" });
      const s = session(m[1]);
      s.queue = queue;
      s.requests = [];
      return json(res, 200, { ok: true, queued: queue.length });
    }
    if (req.method === "GET" && (m = url.pathname.match(/^\/_requests\/([\w-]+)$/))) {
      return json(res, 200, session(m[1]).requests);
    }
    if ((m = url.pathname.match(/^\/s\/([\w-]+)(\/.*)$/))) {
      const s = session(m[1]);
      const headers = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = String(v);
      s.requests.push({ method: req.method, path: m[2] + url.search, headers, body });
      const canned = s.queue.shift() ?? { status: 418, body: '{"error":"no scripted response"}' };
      const answer = () => {
        if (res.destroyed) return;
        if (canned.close) return req.socket.destroy();
        const h = { ...(canned.headers ?? {}) };
        const text = typeof canned.body === "string" ? canned.body : canned.body === undefined ? "" : JSON.stringify(canned.body);
        if (text && !Object.keys(h).some((k) => k.toLowerCase() === "content-type")) {
          h["Content-Type"] = "application/json";
        }
        send(res, canned.status ?? 200, text, h);
      };
      if (canned.delay_ms) setTimeout(answer, canned.delay_ms);
      else answer();
      return;
    }
    json(res, 404, { error: "unknown test-server path" });
  });
});

server.on("clientError", (_err, socket) => socket.destroy());
server.listen(port, "127.0.0.1", () => {
  console.log(`test-server listening on http://127.0.0.1:${port}`);
});
