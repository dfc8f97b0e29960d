// Client overhead: StreamingClient.getStream against raw fetch (same URL, same headers, JSON.parse of
// the body), sequential and with 50 requests in flight, in blocks of shuffled order, on 127.0.0.1. Also
// against fetch with AbortSignal.timeout, and with an AbortController + setTimeout (the floor for a
// fetch that a timeout can cancel, which the client's per-attempt timeout needs).
//   node benches/client.mjs [--quick]
import { loadEntry } from "./lib.mjs";
import { startServer } from "./servers.mjs";
import { contenders, measureBlocks, measurePair } from "./client-contenders.mjs";

export async function run({ quick = false, server } = {}) {
  const { StreamingClient } = await loadEntry("main");
  const own = !server;
  server ??= await startServer({ log: (m) => console.error(`[bench] ${m}`) });
  try {
    const apiKey = "bench-key";
    const client = new StreamingClient({ apiKey, baseUrl: server.url });
    const created = await client.createStream({ name: "bench_stream" });
    const id = created.id;
    const url = `${server.url}/streaming/streams/${id}`;
    const headers = baselineHeaders(apiKey);
    // The baselines send what getStream sends (untimed; see `sameRequest`).
    const differs = await sameRequest(StreamingClient);
    if (differs.length) throw new Error(`getStream and the baselines send different requests: ${differs.join("; ")}`);
    // Blocks of calls, every contender once per block in a shuffled order (`measureBlocks`): 2,800
    // sequential and 14,000 concurrent calls per contender (a quick run: 600 and 3,000).
    const seqN = 50;
    const concN = 500;
    const inFlight = 50;
    const { ours, raw, rawTimeout, rawAbort, sequential, concurrent } = contenders({
      ours: () => client.getStream(id), url, headers, id, seqN, concN, inFlight,
    });
    // Same answer both ways (untimed).
    const [a, b, c] = [await ours(), await raw(), await rawAbort()];
    if (a.id !== id || b.id !== id || c.id !== id) throw new Error("getStream and fetch disagree");

    const all = (wrap) => ({
      client: wrap(ours),
      fetch: wrap(raw),
      fetch_timeout: wrap(rawTimeout),
      fetch_abort: wrap(rawAbort),
    });
    const seq = await measureBlocks(all(sequential), { blocks: quick ? 12 : 56 });
    const conc = await measureBlocks(all(concurrent), { blocks: quick ? 6 : 28 });
    // The target's ratios, head to head against the AbortController floor (`measurePair`).
    const seqPair = await measurePair(sequential(ours), sequential(rawAbort), { blocks: quick ? 40 : 200 });
    const concPair = await measurePair(concurrent(ours), concurrent(rawAbort), { blocks: quick ? 20 : 80 });
    const us = (x) => +x.toFixed(1);
    const perS = (x) => Math.round(1e6 / x);
    const out = {
      server: server.kind,
      sequential: {
        requests_per_block: seqN,
        blocks: quick ? 12 : 56,
        client_us: us(seq.client),
        fetch_us: us(seq.fetch),
        fetch_with_timeout_us: us(seq.fetch_timeout),
        fetch_with_abort_controller_us: us(seq.fetch_abort),
        ratio_vs_fetch_with_abort_controller: seqPair,
        overhead_ratio: seq.client / seq.fetch,
      },
      concurrent: {
        requests_per_block: concN,
        blocks: quick ? 6 : 28,
        in_flight: inFlight,
        client_req_per_s: perS(conc.client),
        fetch_req_per_s: perS(conc.fetch),
        fetch_with_timeout_req_per_s: perS(conc.fetch_timeout),
        fetch_with_abort_controller_req_per_s: perS(conc.fetch_abort),
        ratio_vs_fetch_with_timeout: conc.client / conc.fetch_timeout,
        ratio_vs_fetch_with_abort_controller: concPair,
        overhead_ratio: conc.client / conc.fetch,
      },
    };
    // The headline figure (the target): the worse of the two against fetch with its own
    // AbortController and timer, the floor of a request that a timeout cancels.
    out.overhead_ratio = Math.max(
      out.sequential.ratio_vs_fetch_with_abort_controller,
      out.concurrent.ratio_vs_fetch_with_abort_controller,
    );
    out.ratio_vs_bare_fetch = Math.max(out.sequential.overhead_ratio, out.concurrent.overhead_ratio);
    out.cpu_per_call = await cpuPerCall(StreamingClient, quick);
    client.free?.();
    return out;
  } finally {
    if (own) await server.stop();
  }
}

/**
 * The headers of the baselines' requests: those getStream sends (`Accept` and `Authorization`, in
 * that order), which the API needs. Neither sends more (no `Content-Type` without a body, no
 * `User-Agent` of its own), so that undici and the server do the same work for both.
 */
export function baselineHeaders(apiKey) {
  return { Accept: "application/json", Authorization: `APIKey ${apiKey}` };
}

/**
 * What getStream hands fetch against what the AbortController baseline does (untimed, with a
 * recording fetch): URL, method, headers (names, case, order, values), no body, an AbortSignal.
 * Returns the differences (none when the comparison is fair); the raw bytes on the wire then are
 * the same too (undici writes what it is given).
 */
export async function sameRequest(StreamingClient) {
  const base = "http://127.0.0.1:9";
  const seen = [];
  const fetch = (url, init) => {
    seen.push({ url, init });
    return Promise.resolve({ status: 200, headers: { get: () => null }, text: () => Promise.resolve('{"id":7}') });
  };
  const client = new StreamingClient({ apiKey: "bench-key", baseUrl: base, fetch });
  await client.getStream(7);
  client.free?.();
  const { url, init } = seen[0];
  const differs = [];
  const want = { url: `${base}/streaming/streams/7`, method: "GET", headers: baselineHeaders("bench-key") };
  if (url !== want.url) differs.push(`url ${url}`);
  if (init.method !== want.method) differs.push(`method ${init.method}`);
  if (JSON.stringify(Object.entries(init.headers)) !== JSON.stringify(Object.entries(want.headers))) {
    differs.push(`headers ${JSON.stringify(init.headers)}`);
  }
  if ("body" in init) differs.push("a body");
  if (!(init.signal instanceof AbortSignal)) differs.push("no AbortSignal");
  const extra = Object.keys(init).filter((k) => !["method", "headers", "signal"].includes(k));
  if (extra.length) differs.push(`init has ${extra.join(", ")}`);
  return differs;
}

/**
 * The client's own cost per call, without the network's noise: getStream and the AbortController
 * baseline over a fetch that answers at once (the same body), sequentially; medians of rounds (µs).
 */
async function cpuPerCall(StreamingClient, quick) {
  const body = JSON.stringify({ id: 7, name: "bench_stream", active: false, broadcast_ids: [], transcoded_qualities: ["360n"] });
  const answer = { status: 200, ok: true, headers: { get: () => null }, text: () => Promise.resolve(body) };
  const fetch = () => Promise.resolve(answer);
  const client = new StreamingClient({ apiKey: "bench-key", baseUrl: "http://127.0.0.1:9", fetch });
  const url = "http://127.0.0.1:9/streaming/streams/7";
  const headers = baselineHeaders("bench-key");
  const rawAbort = async () => {
    const c = new AbortController();
    const t = setTimeout(() => c.abort(), 30_000);
    try {
      const r = await fetch(url, { method: "GET", headers, signal: c.signal });
      return JSON.parse(await r.text());
    } finally {
      clearTimeout(t);
    }
  };
  const ours = () => client.getStream(7);
  const n = quick ? 2_000 : 10_000;
  const round = async (f) => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await f();
    return Number(process.hrtime.bigint() - t0) / 1e3 / n;
  };
  for (let i = 0; i < 2; i++) await Promise.all([round(rawAbort), round(ours)]);
  const a = [];
  const b = [];
  for (let i = 0; i < (quick ? 4 : 10); i++) {
    a.push(await round(rawAbort));
    b.push(await round(ours));
  }
  const median = (xs) => xs.sort((x, y) => x - y)[xs.length >> 1];
  client.free?.();
  return { client_us: +median(b).toFixed(2), fetch_with_abort_controller_us: +median(a).toFixed(2) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run({ quick: process.argv.includes("--quick") }), null, 2));
}
