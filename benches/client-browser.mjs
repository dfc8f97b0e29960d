// Client overhead in a browser: the same measurement as client.mjs (StreamingClient.getStream against
// raw fetch, and against fetch with its own AbortController + timer), run inside headless Chromium
// (Debian's) on a page that imports the package's browser entry. The API is the sandbox server on
// 127.0.0.1, another origin (CORS; its preflight is cached: Max-Age 86400, and both contenders send
// the same headers, so they share it).
//
// Chromium runs as a plain process, without a DevTools connection: through playwright (network
// events on) the client measured 1.02-1.07x raw fetch sequentially although its own cost in the page
// is ~2 us per call (with an injected fetch), i.e. the harness. The page posts its figures back to
// this script's server.
//   node benches/client-browser.mjs [--quick]
import { execFileSync, spawn } from "node:child_process";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { PKG } from "./lib.mjs";
import { startSandbox } from "./servers.mjs";

const CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--disable-extensions",
  "--mute-audio", "--no-default-browser-check"];
const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };

/**
 * Serves the page (`/`), the package (`/pkg/…`), the contenders (`/bench/client-contenders.mjs`, shared
 * with client.mjs) and takes the page's answer (`POST /result`, or
 * `POST /error`); resolves `answer` with it.
 */
function pageServer(params) {
  let settle;
  const answer = new Promise((ok, fail) => (settle = { ok, fail }));
  const html = `<!doctype html><meta charset="utf-8"><title>client bench</title><script type="module">
const inPage = ${inPage.toString()};
const post = (path, body) => fetch(path, { method: "POST", body });
inPage(${JSON.stringify(params)}).then(
  (r) => post("/result", JSON.stringify(r)),
  (e) => post("/error", String(e && e.stack || e)),
);
</script>`;
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    if (req.method === "POST") {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      res.end();
      const text = Buffer.concat(chunks).toString("utf8");
      if (path === "/result") settle.ok(JSON.parse(text));
      else settle.fail(new Error(`in the page: ${text}`));
      return;
    }
    if (path === "/") {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      return res.end(html);
    }
    if (path === "/bench/client-contenders.mjs") {
      res.writeHead(200, { "Content-Type": "text/javascript" });
      return res.end(await readFile(new URL("./client-contenders.mjs", import.meta.url)));
    }
    const rel = normalize(path).replace(/^\/pkg\//, "");
    if (!path.startsWith("/pkg/") || rel.startsWith("..")) {
      res.writeHead(404);
      return res.end();
    }
    try {
      const body = await readFile(join(PKG, rel));
      res.writeHead(200, { "Content-Type": TYPES[extname(rel)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  return { server, answer };
}

/** Runs in the page: blocks in a shuffled order, medians, as client.mjs does in Node. */
async function inPage({ apiUrl, seqN, concN, inFlight, seqBlocks, concBlocks }) {
  const m = await import("/pkg/main.browser.js");
  await m.init();
  const apiKey = "bench-key";
  const client = new m.StreamingClient({ apiKey, baseUrl: apiUrl });
  const id = (await client.createStream({ name: "bench_stream" })).id;
  const url = `${apiUrl}/streaming/streams/${id}`;
  const headers = { Accept: "application/json", Authorization: `APIKey ${apiKey}` };
  const { contenders, measureBlocks, measurePair } = await import("/bench/client-contenders.mjs");
  const { ours, raw, rawAbort, sequential, concurrent } = contenders({
    ours: () => client.getStream(id), url, headers, id, seqN, concN, inFlight,
  });
  const [a, b] = [await ours(), await raw()];
  if (a.id !== id || b.id !== id) throw new Error("getStream and fetch disagree");
  const measure = (wrap, blocks) =>
    measureBlocks({ client: wrap(ours), fetch: wrap(raw), fetch_abort: wrap(rawAbort) }, { blocks });
  const seq = await measure(sequential, seqBlocks);
  const conc = await measure(concurrent, concBlocks);
  // The target's ratios, head to head against the AbortController floor (`measurePair`).
  seq.pair = await measurePair(sequential(ours), sequential(rawAbort), { blocks: seqBlocks * 2 });
  conc.pair = await measurePair(concurrent(ours), concurrent(rawAbort), { blocks: concBlocks * 2 });
  client.free?.();
  return { seq, conc, userAgent: navigator.userAgent };
}

/** `Chromium 156.0.8078.108 …` → `Chromium 156.0.8078.108`. */
function version(bin) {
  try {
    return execFileSync(bin, ["--version"], { encoding: "utf8", timeout: 30_000, stdio: ["ignore", "pipe", "ignore"] }).trim().split(" ").slice(0, 2).join(" ");
  } catch {
    return null;
  }
}

export async function run({ quick = false, server } = {}) {
  const own = !server;
  // The sandbox server (it answers CORS preflights).
  server ??= await startSandbox({ log: (m) => console.error(`[bench] ${m}`) });
  if (!server) throw new Error("the sandbox server is not built: cargo build --release --bin gcore-streaming-sandbox");
  // 1,400 sequential and 7,000 concurrent calls per contender (a quick run: 300 and 1,500).
  const params = { apiUrl: server.url, seqN: 50, concN: 500, inFlight: 50, seqBlocks: quick ? 6 : 28, concBlocks: quick ? 3 : 14 };
  const { server: web, answer } = pageServer(params);
  await new Promise((ok) => web.listen(0, "127.0.0.1", ok));
  const chromium = process.env.CHROMIUM ?? "/usr/bin/chromium";
  const browser = spawn(chromium, [...CHROMIUM_ARGS, `http://127.0.0.1:${web.address().port}/`], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  browser.stderr.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
  const exited = new Promise((_, fail) =>
    browser.once("exit", (code) => fail(new Error(`chromium exited (${code}): ${stderr.trim().split("\n").pop()}`))),
  );
  let timer;
  const timeout = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error("no answer from the page within 10 min")), 600_000);
  });
  try {
    const r = await Promise.race([answer, exited, timeout]);
    const us = (x) => +x.toFixed(1);
    const out = {
      server: server.kind,
      browser: version(chromium) ?? r.userAgent,
      sequential: {
        requests_per_block: params.seqN,
        blocks: params.seqBlocks,
        client_us: us(r.seq.client),
        fetch_us: us(r.seq.fetch),
        fetch_with_abort_controller_us: us(r.seq.fetch_abort),
        ratio_vs_fetch_with_abort_controller: r.seq.pair,
        overhead_ratio: r.seq.client / r.seq.fetch,
      },
      concurrent: {
        requests_per_block: params.concN,
        blocks: params.concBlocks,
        in_flight: params.inFlight,
        client_req_per_s: Math.round(1e6 / r.conc.client),
        fetch_req_per_s: Math.round(1e6 / r.conc.fetch),
        fetch_with_abort_controller_req_per_s: Math.round(1e6 / r.conc.fetch_abort),
        ratio_vs_fetch_with_abort_controller: r.conc.pair,
        overhead_ratio: r.conc.client / r.conc.fetch,
      },
    };
    // The target: the worse of the two against fetch with its own AbortController and timer.
    out.overhead_ratio = Math.max(
      out.sequential.ratio_vs_fetch_with_abort_controller,
      out.concurrent.ratio_vs_fetch_with_abort_controller,
    );
    out.ratio_vs_bare_fetch = Math.max(out.sequential.overhead_ratio, out.concurrent.overhead_ratio);
    return out;
  } finally {
    clearTimeout(timer);
    exited.catch(() => {});
    browser.kill("SIGKILL");
    web.closeAllConnections?.();
    await new Promise((ok) => web.close(ok));
    if (own) await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run({ quick: process.argv.includes("--quick") }), null, 2));
}
