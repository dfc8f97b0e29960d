// Client overhead: StreamingClient.getStream against raw fetch (same URL, same headers, JSON.parse of
// the body), sequential and with 50 requests in flight, interleaved rounds, on 127.0.0.1. Also
// against fetch with AbortSignal.timeout, and with an AbortController + setTimeout (the floor for a
// fetch that a timeout can cancel, which the client's per-attempt timeout needs).
//   node benches/client.mjs [--quick]
import { loadEntry, interleavedAsync } from "./lib.mjs";
import { startServer } from "./servers.mjs";
import { contenders } from "./client-contenders.mjs";

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
    const seqN = quick ? 100 : 400;
    const concN = quick ? 500 : 2000;
    const inFlight = 50;
    const { ours, raw, rawTimeout, rawAbort, sequential, concurrent } = contenders({
      ours: () => client.getStream(id), url, headers, id, seqN, concN, inFlight,
    });
    // Same answer both ways (untimed).
    const [a, b, c] = [await ours(), await raw(), await rawAbort()];
    if (a.id !== id || b.id !== id || c.id !== id) throw new Error("getStream and fetch disagree");

    const rounds = quick ? 3 : 7;
    const all = (wrap) => ({
      client: wrap(ours),
      fetch: wrap(raw),
      fetch_timeout: wrap(rawTimeout),
      fetch_abort: wrap(rawAbort),
    });
    const seq = await interleavedAsync(all(sequential), { rounds });
    const conc = await interleavedAsync(all(concurrent), { rounds });
    const us = (x) => +(x / 1e3).toFixed(1);
    const out = {
      server: server.kind,
      sequential: {
        requests_per_round: seqN,
        client_us: us(seq.client.ns_per_item),
        fetch_us: us(seq.fetch.ns_per_item),
        fetch_with_timeout_us: us(seq.fetch_timeout.ns_per_item),
        fetch_with_abort_controller_us: us(seq.fetch_abort.ns_per_item),
        ratio_vs_fetch_with_abort_controller: seq.client.ns_per_item / seq.fetch_abort.ns_per_item,
        overhead_ratio: seq.client.ns_per_item / seq.fetch.ns_per_item,
      },
      concurrent: {
        requests_per_round: concN,
        in_flight: inFlight,
        client_req_per_s: Math.round(conc.client.per_s),
        fetch_req_per_s: Math.round(conc.fetch.per_s),
        fetch_with_timeout_req_per_s: Math.round(conc.fetch_timeout.per_s),
        fetch_with_abort_controller_req_per_s: Math.round(conc.fetch_abort.per_s),
        ratio_vs_fetch_with_timeout: conc.client.ns_per_item / conc.fetch_timeout.ns_per_item,
        ratio_vs_fetch_with_abort_controller: conc.client.ns_per_item / conc.fetch_abort.ns_per_item,
        overhead_ratio: conc.client.ns_per_item / conc.fetch.ns_per_item,
      },
      rounds,
    };
    // The headline figure: the worse of the two.
    out.overhead_ratio = Math.max(out.sequential.overhead_ratio, out.concurrent.overhead_ratio);
    client.free?.();
    return out;
  } finally {
    if (own) await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run({ quick: process.argv.includes("--quick") }), null, 2));
}
