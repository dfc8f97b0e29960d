// A minimal stand-in for the sandbox server, used by the benchmarks only while the real one is not
// built: GET/POST /streaming/streams, GET /streaming/streams/{id}, GET /_sandbox/health, on 127.0.0.1.
//   node benches/stub-server.mjs PORT
import http from "node:http";
import { readFileSync } from "node:fs";

const port = Number(process.argv[2]);
const stream = JSON.parse(readFileSync(new URL("../tests/fixtures/api/create_stream_response.json", import.meta.url), "utf8"));
const streams = new Map([[stream.id, stream]]);
let nextId = stream.id + 1;

const send = (res, status, value) => {
  const body = value === undefined ? "" : JSON.stringify(value);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
};

http
  .createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url, "http://127.0.0.1");
      const m = url.pathname.match(/^\/streaming\/streams\/(\d+)$/);
      if (url.pathname === "/_sandbox/health") return send(res, 200, { ok: true });
      if (req.headers.authorization === undefined) return send(res, 401, { message: "unauthorized" });
      if (url.pathname === "/streaming/streams" && req.method === "GET") {
        return send(res, 200, [...streams.values()].slice(0, 25));
      }
      if (url.pathname === "/streaming/streams" && req.method === "POST") {
        const params = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
        const s = { ...stream, ...params, id: nextId++ };
        streams.set(s.id, s);
        return send(res, 201, s);
      }
      if (m && req.method === "GET") {
        const s = streams.get(Number(m[1]));
        return s ? send(res, 200, s) : send(res, 404, { message: "not found" });
      }
      send(res, 404, { message: "not found" });
    });
  })
  .listen(port, "127.0.0.1");
