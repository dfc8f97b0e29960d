// Sandbox server under load: 50 requests in flight (keep-alive), a bounded number of requests mixed
// GET /streaming/streams/{id} (4 in 5) and GET /streaming/streams (1 in 5); requests/s and latency
// percentiles. Loopback only; stops by itself.
//   node benches/sandbox-load.mjs [--quick]
import http from "node:http";
import { now, ns, percentile } from "./lib.mjs";
import { startServer } from "./servers.mjs";

function request(agent, url, path, headers, method = "GET", body) {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${path}`, { agent, method, headers, timeout: 10_000 }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(body);
  });
}

export async function run({ quick = false, server } = {}) {
  const own = !server;
  server ??= await startServer({ log: (m) => console.error(`[bench] ${m}`) });
  try {
    const headers = { Authorization: "APIKey bench-key", Accept: "application/json", "Content-Type": "application/json" };
    const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
    const ids = [];
    for (let i = 0; i < 30; i++) {
      const r = await request(agent, server.url, "/streaming/streams", headers, "POST", JSON.stringify({ name: `load_${i}` }));
      if (r.status >= 300) throw new Error(`create stream: HTTP ${r.status} ${r.body.slice(0, 200)}`);
      ids.push(JSON.parse(r.body).id);
    }
    const total = quick ? 4000 : 20_000;
    const inFlight = 50;
    const warm = 1000;
    const lat = new Float64Array(total);
    let next = -warm;
    let errors = 0;
    let t0;
    const worker = async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        if (i === 0) t0 = now();
        const path = i % 5 === 4 ? "/streaming/streams" : `/streaming/streams/${ids[(i >>> 0) % ids.length]}`;
        const s = now();
        const r = await request(agent, server.url, path, headers);
        if (r.status !== 200) errors++;
        if (i >= 0) lat[i] = ns(s, now());
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    const elapsed = ns(t0, now());
    agent.destroy();
    const sorted = Array.from(lat).sort((a, b) => a - b);
    const ms = (x) => +(x / 1e6).toFixed(3);
    return {
      measured: true,
      server: server.kind,
      requests: total,
      in_flight: inFlight,
      mix: "4/5 GET /streaming/streams/{id}, 1/5 GET /streaming/streams",
      errors,
      req_per_s: Math.round(total / (elapsed / 1e9)),
      p50_ms: ms(percentile(sorted, 50)),
      p90_ms: ms(percentile(sorted, 90)),
      p99_ms: ms(percentile(sorted, 99)),
      max_ms: ms(sorted[sorted.length - 1]),
      note: "the load generator (Node) and the server share the machine's cores",
    };
  } finally {
    if (own) await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv;
  console.log(JSON.stringify(await run({ quick: args.includes("--quick") }), null, 2));
}
