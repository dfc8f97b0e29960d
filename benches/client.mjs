// Client overhead: StreamingClient.getStream against raw fetch (same URL, same headers, JSON.parse of
// the body), sequential and with 50 requests in flight, in blocks of shuffled order, on 127.0.0.1. Also
// against fetch with AbortSignal.timeout, and with an AbortController + setTimeout (the floor for a
// fetch that a timeout can cancel, which the client's per-attempt timeout needs).
//   node benches/client.mjs [--quick]
import { loadEntry } from "./lib.mjs";
import { startServer } from "./servers.mjs";
import { contenders, measureBlocks } from "./client-contenders.mjs";

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
    const headers = { Accept: "application/json", Authorization: `APIKey ${apiKey}` };
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
        ratio_vs_fetch_with_abort_controller: seq.client / seq.fetch_abort,
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
        ratio_vs_fetch_with_abort_controller: conc.client / conc.fetch_abort,
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
 * The client's own cost per call, without the network's noise: getStream and the AbortController
 * baseline over a fetch that answers at once (the same body), sequentially; medians of rounds (µs).
 */
async function cpuPerCall(StreamingClient, quick) {
  const body = JSON.stringify({ id: 7, name: "bench_stream", active: false, broadcast_ids: [], transcoded_qualities: ["360n"] });
  const answer = { status: 200, ok: true, headers: { get: () => null }, text: () => Promise.resolve(body) };
  const fetch = () => Promise.resolve(answer);
  const client = new StreamingClient({ apiKey: "bench-key", baseUrl: "http://127.0.0.1:9", fetch });
  const url = "http://127.0.0.1:9/streaming/streams/7";
  const headers = { Accept: "application/json", Authorization: "APIKey bench-key" };
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
